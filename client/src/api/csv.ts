/** The agreements query as a URL, and its CSV download as a file the browser saves. */

export interface AgreementQuery {
  municipality?: string | null;
  activeOn?: string | null;
  provider?: string | null;
  regime?: string | null;
}

const NIS = /^\d{5}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Query parameters as the API names them; empty or malformed values are left out. */
export function agreementParams(q: AgreementQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.municipality && NIS.test(q.municipality)) out.municipality = q.municipality;
  if (q.activeOn && DAY.test(q.activeOn)) out.active_on = q.activeOn;
  if (q.provider) out.provider = q.provider;
  if (q.regime) out.regime = q.regime;
  return out;
}

export function agreementsUrl(q: AgreementQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...agreementParams(q), ...extra });
  const s = params.toString();
  return "/api/v1/agreements" + (s ? `?${s}` : "");
}

/** CSV has no pages: the API answers the whole selection, so `limit` is not sent. */
export function agreementsCsvUrl(q: AgreementQuery): string {
  return agreementsUrl(q);
}

export function csvFilename(q: AgreementQuery): string {
  const parts = ["overeenkomsten"];
  const p = agreementParams(q);
  if (p.municipality) parts.push(p.municipality);
  if (p.active_on) parts.push(p.active_on);
  return parts.join("-") + ".csv";
}

/** The filename the server suggests, if any (Content-Disposition), else ours. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Hand a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A CSV for people, built in the browser from the rows the page lists: headers and values in the
 * reader's words (labels, names, Belgian dates), `;` between cells as spreadsheets set to Dutch or
 * French expect, and a byte-order mark so they read UTF-8. The API's own CSV (`Accept: text/csv`)
 * stays the one for systems: field names and raw values that import back unchanged.
 */
export function peopleCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return "\uFEFF" + [header, ...rows].map((row) => row.map(csvCell).join(";")).join("\r\n") + "\r\n";
}

/** One cell: quoted when it holds a separator, quote or line break; text a spreadsheet would run as a formula gets a leading `'`. */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;,"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
