import { useEffect, useRef } from "react";
import { ApiError, IncompleteListError, NetworkError, unplacedErrors, fieldErrors } from "../api/problem";
import { useI18n } from "../i18n/I18n";
import { problemMessageKey } from "../lib/problemText";

/**
 * What went wrong, said plainly: our sentence for the status, the server's detail beneath it,
 * and every field error that no input on the page shows. Focus moves here so it is heard.
 */
export function ProblemAlert({ error, shownFields = [], focus = true }: { error: unknown; shownFields?: string[]; focus?: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  if (!error) return null;

  if (error instanceof NetworkError) {
    return (
      <div ref={ref} tabIndex={-1} className="alert alert-error" role="alert">
        <p><strong>{t("problem.network")}</strong></p>
        <p className="detail">{t(error.wasWrite ? "problem.network_hint" : "problem.network_load_hint")}</p>
      </div>
    );
  }
  if (error instanceof IncompleteListError) {
    return (
      <div ref={ref} tabIndex={-1} className="alert alert-error" role="alert">
        <p><strong>{t("problem.incomplete_list")}</strong></p>
        <p className="detail">{t("problem.incomplete_list_hint", { count: error.loaded })}</p>
      </div>
    );
  }
  if (error instanceof ApiError) {
    const p = error.problem;
    const errs = fieldErrors(p);
    const loose = unplacedErrors(errs, shownFields);
    const placed = Object.keys(errs).length - loose.length;
    return (
      <div ref={ref} tabIndex={-1} className="alert alert-error" role="alert">
        <p><strong>{t(problemMessageKey(p.status))}</strong></p>
        {p.detail && <p className="detail">{p.detail}</p>}
        {placed > 0 && <p className="detail">{t("problem.see_fields", { count: placed })}</p>}
        {loose.length > 0 && (
          <ul>
            {loose.map(([k, m]) => (
              <li key={k}>
                <strong>{k || t("problem.request")}</strong>: {m}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div ref={ref} tabIndex={-1} className="alert alert-error" role="alert">
      <p><strong>{t("problem.unknown")}</strong></p>
      <p className="detail">{String((error as Error)?.message ?? error)}</p>
    </div>
  );
}
