import { useState } from "react";
import { api, unwrap } from "../api/client";
import type { CalendarAddress } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { ProblemAlert } from "./ProblemAlert";
import { Section, Skeleton } from "./ui";

/** An address as the browser reaches this service: the SPA and the API share the origin. */
const absolute = (path: string) => new URL(path, window.location.origin).toString();

/**
 * "Abonneer in je agenda": the person's private calendar address. The server shows its
 * token once (it keeps only a hash), so the address is shown right after it is made, with a
 * copy button, and can be renewed or revoked later.
 */
export function CalendarSubscription() {
  const { t, date } = useI18n();
  const state = useAsync<CalendarAddress>(() => unwrap(api.GET("/api/v1/me/calendar")), []);
  const [fresh, setFresh] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const renew = useSubmit(async () => {
    const made = await unwrap(api.POST("/api/v1/me/calendar"));
    setFresh(absolute(made.path));
    setNote(null);
    state.setData({ active: true, created_at: made.created_at });
  });
  const revoke = useSubmit(async () => {
    await unwrap(api.DELETE("/api/v1/me/calendar"));
    setFresh(null);
    setNote(t("calendar.revoked"));
    state.setData({ active: false, created_at: null });
  });
  const copy = async () => {
    if (!fresh) return;
    try {
      await navigator.clipboard.writeText(fresh);
      setNote(t("calendar.copied"));
    } catch {
      setNote(null);
    }
  };
  const busy = renew.busy || revoke.busy;
  return (
    <Section title={t("calendar.title")} id="calendar">
      <p>{t("calendar.intro")}</p>
      <p className="meta">{t("calendar.how")}</p>
      <ProblemAlert error={state.error ?? renew.error ?? revoke.error} focus={false} />
      {state.loading ? <Skeleton height="3rem" /> : (
        <>
          {fresh ? (
            <div className="card">
              <div className="alert alert-warn"><p>{t("calendar.shown_once")}</p></div>
              <div className="field">
                <span className="label">{t("calendar.address")}</span>
                <code className="secret" data-testid="calendar-address">{fresh}</code>
              </div>
              <button type="button" className="btn" onClick={() => void copy()}>{t("calendar.copy")}</button>
            </div>
          ) : (
            <p data-testid="calendar-state">
              {state.data?.active && state.data.created_at
                ? t("calendar.active_since", { date: date(state.data.created_at) })
                : t("calendar.none")}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className={state.data?.active ? "btn btn-secondary" : "btn"} disabled={busy} onClick={() => void renew.run()}>
              {state.data?.active ? t("calendar.renew") : t("calendar.create")}
            </button>
            {state.data?.active && (
              <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void revoke.run()}>{t("calendar.revoke")}</button>
            )}
          </div>
        </>
      )}
      <p role="status" aria-live="polite">{note ?? ""}</p>
      <p className="meta">
        {t("calendar.public")} <code>{absolute("/api/v1/calendars/public.ics")}</code>
      </p>
    </Section>
  );
}
