import { useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client";
import type { Invitation, Invitee } from "../api/types";
import { useI18n } from "../i18n/I18n";
import type { MessageKey } from "../i18n/translate";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { LANGUAGES } from "../lib/enums";
import { Section, Skeleton } from "./ui";
import { SelectField, TextField } from "./fields";
import { ProblemAlert } from "./ProblemAlert";
import { MessageList } from "./MessageList";

/** W13's e-mail panel of a meeting: who is invited, the extra invitees, sending the invitation
 * and the minutes, and the delivery of this meeting's messages. */
export function MeetingMail({ meetingId, hasMinutes }: { meetingId: string; hasMinutes: boolean }) {
  const { t, dateTime } = useI18n();
  const path = { params: { path: { record_id: meetingId } } };
  const state = useAsync<Invitation>(() => unwrap(api.GET("/api/v1/meetings/{record_id}/invitation", path)), [meetingId]);
  const [flash, setFlash] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [invitee, setInvitee] = useState<Invitee>({ name: "", email: "", language: "nl" });
  const done = (inv: Invitation) => {
    state.setData(inv);
    setFlash(t("mail.queued", { count: inv.queued }));
    setReloadKey((k) => k + 1);
  };
  const send = useSubmit(async () => done(await unwrap(api.POST("/api/v1/meetings/{record_id}/invitation/send", path))));
  const publish = useSubmit(async () => done(await unwrap(api.POST("/api/v1/meetings/{record_id}/minutes/publish", path))));
  const saveInvitees = useSubmit(async (list: Invitee[]) => {
    done(await unwrap(api.PATCH("/api/v1/meetings/{record_id}/invitation", { ...path, body: { extra_invitees: list } })));
    setInvitee({ name: "", email: "", language: "nl" });
  });
  const inv = state.data;
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (inv) void saveInvitees.run([...inv.extra_invitees, invitee]);
  };
  const errs = saveInvitees.errors;
  return (
    <div data-testid="meeting-mail">
      <Section title={t("mail.invitation")}>
        <ProblemAlert error={state.error ?? send.error ?? publish.error} />
        {state.loading || !inv ? <Skeleton height="4rem" /> : (
          <>
            <p data-testid="invitation-state">
              {inv.invited_at ? t("mail.sent_on", { date: dateTime(inv.invited_at), sequence: inv.sequence }) : t("mail.not_sent")}
              {inv.minutes_sent_at && <> {t("mail.minutes_sent_on", { date: dateTime(inv.minutes_sent_at) })}</>}
            </p>
            <p className="hint">{t("mail.invitation_hint")}</p>
            <div className="form-actions">
              <button type="button" className="btn" disabled={send.busy} onClick={() => void send.run()}>{t("mail.send_invitation")}</button>
              {hasMinutes && (
                <button type="button" className="btn btn-secondary" disabled={publish.busy} onClick={() => void publish.run()}>{t("mail.publish_minutes")}</button>
              )}
            </div>
            <div role="status" aria-live="polite">{flash && <p className="alert alert-ok">{flash}</p>}</div>
            <details>
              <summary>{t("mail.recipients", { count: inv.recipients.length })}</summary>
              <ul className="list-plain">
                {inv.recipients.map((r) => (
                  <li key={r.email}>{r.name || r.email} <span className="meta">&lt;{r.email}&gt; · {t(`mail.source_${r.source}` as MessageKey)} · {t(`lang.${r.language}` as MessageKey)}</span></li>
                ))}
              </ul>
            </details>
            <h3>{t("mail.extra_invitees")}</h3>
            {inv.extra_invitees.length > 0 && (
              <ul className="list-plain">
                {inv.extra_invitees.map((p) => (
                  <li key={p.email} className="inline-actions">
                    <span>{p.name} &lt;{p.email}&gt;</span>
                    <button type="button" className="btn btn-secondary btn-small" disabled={saveInvitees.busy}
                      onClick={() => void saveInvitees.run(inv.extra_invitees.filter((x) => x.email !== p.email))}>
                      {t("mail.remove_invitee", { name: p.name })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <form onSubmit={add} aria-label={t("mail.add_invitee")} noValidate>
              <ProblemAlert error={saveInvitees.error} shownFields={[`extra_invitees.${inv.extra_invitees.length}.name`, `extra_invitees.${inv.extra_invitees.length}.email`]} />
              <TextField name="invitee-name" label={t("mail.invitee_name")} value={invitee.name} required
                error={errs[`extra_invitees.${inv.extra_invitees.length}.name`]} onChange={(v) => setInvitee({ ...invitee, name: v })} />
              <TextField name="invitee-email" type="email" label={t("mail.invitee_email")} value={invitee.email} required
                error={errs[`extra_invitees.${inv.extra_invitees.length}.email`]} onChange={(v) => setInvitee({ ...invitee, email: v })} />
              <SelectField name="invitee-language" label={t("mail.invitee_language")} value={invitee.language}
                onChange={(v) => setInvitee({ ...invitee, language: v as Invitee["language"] })}
                options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}` as MessageKey) }))} />
              <button type="submit" className="btn btn-secondary" disabled={saveInvitees.busy}>{t("mail.add_invitee")}</button>
            </form>
            <h3>{t("mail.delivery")}</h3>
            <MessageList meetingId={meetingId} reloadKey={reloadKey} />
          </>
        )}
      </Section>
    </div>
  );
}
