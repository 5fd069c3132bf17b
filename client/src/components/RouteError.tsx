import { isRouteErrorResponse, useRouteError } from "react-router";
import { useI18n } from "../i18n/I18n";
import { isChunkLoadError } from "../lib/staleChunk";
import { NetworkError } from "../api/problem";
import { PageHead } from "./ui";

/**
 * What a route shows when its code or its page failed: a sentence in the person's language,
 * inside the layout (the navigation stays), and a way to reload. Never React Router's
 * developer page.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <>
        <PageHead title={t("problem.404_title")} />
        <p>{t("problem.404_page")}</p>
      </>
    );
  }
  const unreachable = isChunkLoadError(error) || error instanceof NetworkError;
  return (
    <>
      <PageHead title={t("route_error.title")} />
      <div className="alert alert-error" role="alert" data-testid="route-error">
        <p><strong>{t(unreachable ? "route_error.unreachable" : "route_error.crashed")}</strong></p>
        <p className="detail">{t("route_error.hint")}</p>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => window.location.reload()}>{t("route_error.reload")}</button>
      </div>
    </>
  );
}
