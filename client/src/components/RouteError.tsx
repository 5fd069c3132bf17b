import { useEffect, useState } from "react";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { useI18n } from "../i18n/I18n";
import { isChunkLoadError, reloadOnceForStaleChunk } from "../lib/staleChunk";
import { NetworkError } from "../api/problem";
import { PageHead, Skeleton } from "./ui";

/**
 * What a route shows when its code or its page failed: a sentence in the person's language,
 * inside the layout (the navigation stays), and a way to reload. Never React Router's
 * developer page.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  // After a deploy the old chunks are gone: reload once, here, where the URL is already the
  // page the person asked for. A second failure (the flag is set) shows the screen below.
  const [reloading, setReloading] = useState(() => isChunkLoadError(error));
  useEffect(() => {
    if (reloading && !reloadOnceForStaleChunk(error)) setReloading(false);
  }, [error, reloading]);
  if (reloading) return <Skeleton height="12rem" />;
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
