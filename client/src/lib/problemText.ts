import type { MessageKey } from "../i18n/translate";

/** Our sentence for a refusal, by status; the server's own detail is shown beneath it. */
export function problemMessageKey(status: number): MessageKey {
  switch (status) {
    case 400: return "problem.400";
    case 401: return "problem.401";
    case 403: return "problem.403";
    case 404: return "problem.404";
    case 409: return "problem.409";
    case 410: return "problem.410";
    case 412: return "problem.412";
    case 413: return "problem.413";
    case 422: return "problem.422";
    case 429: return "problem.429";
    default: return status >= 500 ? "problem.500" : "problem.unknown";
  }
}
