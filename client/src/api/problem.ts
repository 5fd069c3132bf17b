/** RFC 9457 problem details as the API answers them, and what the UI needs from them. */

export interface FieldError {
  loc: (string | number)[];
  msg: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  /** On a 412: the current version was written by the caller itself (another tab). */
  changed_by_you?: boolean | null;
}

/** Thrown by every API call that did not succeed; carries the parsed problem. */
export class ApiError extends Error {
  readonly problem: Problem;
  readonly etag: string | null;

  constructor(problem: Problem, etag: string | null = null) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.problem = problem;
    this.etag = etag;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** Thrown when the server could not be reached at all (offline, DNS, connection reset). */
export class NetworkError extends Error {
  /** The request's method: a read that failed saved nothing, so the message differs. */
  readonly method: string;

  constructor(cause?: unknown, method = "GET") {
    super("network");
    this.name = "NetworkError";
    this.cause = cause;
    this.method = method.toUpperCase();
  }

  /** True when the failed request would have changed something (POST, PATCH, PUT, DELETE). */
  get wasWrite(): boolean {
    return !["GET", "HEAD", "OPTIONS"].includes(this.method);
  }
}

/**
 * A paginated list read only in part: the server repeated a cursor (which would loop
 * forever) or the list ran past what the client will hold. Shown, never swallowed, so
 * nobody takes a partial list for the whole.
 */
export class IncompleteListError extends Error {
  readonly loaded: number;

  constructor(loaded: number) {
    super(`list incomplete after ${loaded} rows`);
    this.name = "IncompleteListError";
    this.loaded = loaded;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function parseErrors(raw: unknown): FieldError[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: FieldError[] = [];
  for (const item of raw) {
    if (!isRecord(item)) continue;
    const loc = Array.isArray(item.loc)
      ? item.loc.filter((p): p is string | number => typeof p === "string" || typeof p === "number")
      : [];
    out.push({ loc, msg: typeof item.msg === "string" ? item.msg : String(item.msg ?? "") });
  }
  return out;
}

/**
 * Any error body into a Problem. The API always answers problem+json, but a proxy or a
 * crashed gateway may answer HTML or nothing: the status alone must still give a message.
 */
export function parseProblem(status: number, body: unknown, statusText = ""): Problem {
  if (isRecord(body)) {
    const detail =
      typeof body.detail === "string"
        ? body.detail
        : typeof body.title === "string"
          ? body.title
          : statusText;
    const problem: Problem = {
      type: typeof body.type === "string" ? body.type : "about:blank",
      title: typeof body.title === "string" ? body.title : statusText,
      status: typeof body.status === "number" ? body.status : status,
      detail,
    };
    if (typeof body.instance === "string") problem.instance = body.instance;
    if (typeof body.changed_by_you === "boolean") problem.changed_by_you = body.changed_by_you;
    // FastAPI's default validation body puts the list in `detail`.
    const errors = parseErrors(body.errors ?? (Array.isArray(body.detail) ? body.detail : undefined));
    if (errors && errors.length) problem.errors = errors;
    if (Array.isArray(body.detail)) problem.detail = statusText;
    return problem;
  }
  return {
    type: "about:blank",
    title: statusText,
    status,
    detail: typeof body === "string" && body.length < 300 ? body : statusText,
  };
}

/** Where a field error belongs: the path inside the body (`milestones.0.title`). */
export function fieldKey(loc: (string | number)[]): string {
  const parts = loc[0] === "body" || loc[0] === "query" || loc[0] === "path" || loc[0] === "header"
    ? loc.slice(1)
    : loc;
  return parts.join(".");
}

/** Field errors by field path; the first message wins when a field has several. */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const key = fieldKey(e.loc);
    if (!(key in out)) out[key] = e.msg;
  }
  return out;
}

/**
 * Field errors that no input on the form shows (so they must be listed in the summary,
 * never dropped): every key not among `shown` nor under one of them.
 */
export function unplacedErrors(errors: Record<string, string>, shown: Iterable<string>): [string, string][] {
  const fields = [...shown];
  return Object.entries(errors).filter(
    ([key]) => !fields.some((f) => key === f || key.startsWith(f + ".")),
  );
}

export async function problemFromResponse(response: Response): Promise<Problem> {
  let body: unknown = null;
  try {
    const text = await response.text();
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
  } catch {
    body = null;
  }
  return parseProblem(response.status, body, response.statusText);
}

/** The error for a field or anything inside it (a list's items: `review_dates.2`), for one message at the field. */
export function errorUnder(errors: Record<string, string>, field: string): string | undefined {
  if (field in errors) return errors[field];
  const key = Object.keys(errors).find((k) => k.startsWith(field + "."));
  return key === undefined ? undefined : errors[key];
}
