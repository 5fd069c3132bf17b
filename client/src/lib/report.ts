/**
 * The annual report as a file: which URL, which media type, which file name, and the download
 * itself with its fetch and save passed in, so it can be tested without a browser.
 */

import { ApiError } from "../api/problem";
import type { MessageKey } from "../i18n/translate";
import type { components } from "../api/schema";

/** The files a person can download (the contract's ReportFormat also has json, for systems). */
export type ReportFormat = Exclude<components["schemas"]["ReportFormat"], "json">;

export const REPORT_FORMATS: readonly ReportFormat[] = ["pdf", "xlsx", "html"];

export const REPORT_MEDIA: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  html: "text/html",
};

/** The years the API accepts; the dashboard offers a narrower range. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

export interface ReportRequest {
  year: number;
  format: ReportFormat;
  /** W13 only: leave its internal notes out (the version to pass on). */
  shareable?: boolean;
}

export function reportUrl({ year, format, shareable }: ReportRequest): string {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`year ${year}`);
  }
  const params = new URLSearchParams({ format });
  if (shareable) params.set("internal", "false");
  return `/api/v1/reports/annual/${year}?${params.toString()}`;
}

/** Our name for the file when the server suggests none: Dutch, like the UI's default. */
export function reportFilename({ year, format }: ReportRequest): string {
  return `jaarverslag-regie-${year}.${format}`;
}

/** The sentence for a refused report; other failures keep the general wording. */
export function reportProblemKey(status: number): MessageKey | null {
  switch (status) {
    case 401: return "report.refused_401";
    case 403: return "report.refused_403";
    case 406: return "report.refused_406";
    default: return null;
  }
}

export interface ReportDeps {
  /** An authenticated GET that throws ApiError on a refusal (the API client's rawGet). */
  get: (url: string, accept: string) => Promise<Response>;
  save: (blob: Blob, filename: string) => void;
  /** The file name from Content-Disposition, or the fallback. */
  filename: (disposition: string | null, fallback: string) => string;
}

/**
 * Fetch the report with the bearer token (a plain link would carry none) and hand it to the
 * browser as a file. Returns the file name it was saved under.
 */
export async function downloadReport(req: ReportRequest, deps: ReportDeps): Promise<string> {
  const media = REPORT_MEDIA[req.format];
  const res = await deps.get(reportUrl(req), media);
  const type = (res.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  // A proxy's login or error page answers 200 too: saving it as a .pdf would hide the failure.
  if (type !== media) {
    throw new ApiError({
      type: "about:blank",
      title: "Unexpected answer",
      status: 502,
      detail: `Expected ${media}, got ${type || "nothing"}.`,
    });
  }
  const blob = await res.blob();
  const name = deps.filename(res.headers.get("Content-Disposition"), reportFilename(req));
  deps.save(blob.type ? blob : new Blob([blob], { type: media }), name);
  return name;
}
