import { useEffect, useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client";
import type { MailPreferences } from "../api/types";
import { useI18n } from "../i18n/I18n";
import type { MessageKey } from "../i18n/translate";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { LANGUAGES } from "../lib/enums";
import { PageHead, Section, Skeleton } from "../components/ui";
import { CheckField, SelectField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";
import { CalendarSubscription } from "../components/CalendarSubscription";
import { useSession } from "../auth/session";

/** What a logged-in person sets for itself: its calendar address, which e-mails it gets and in
 * which language. */
export default function Profile() {
  const { t } = useI18n();
  const { me } = useSession();
  const loaded = useAsync(() => unwrap(api.GET("/api/v1/me/mail-preferences")), []);
  const [prefs, setPrefs] = useState<MailPreferences | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  useEffect(() => { if (loaded.data) setPrefs(loaded.data); }, [loaded.data]);
  const save = useSubmit(async () => {
    if (!prefs) return;
    setPrefs(await unwrap(api.PATCH("/api/v1/me/mail-preferences", { body: prefs })));
    setFlash(t("profile.saved"));
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFlash(null);
    void save.run();
  };
  return (
    <>
      <PageHead title={t("profile.title")} />
      {me && <p className="meta">{me.label}</p>}
      <CalendarSubscription />
      <ProblemAlert error={loaded.error} />
      <Section title={t("mail.title")}>
        <p>{t("profile.mail_lead")}</p>
        {!prefs ? (loaded.loading ? <Skeleton height="6rem" /> : null) : (
          <form onSubmit={submit} aria-label={t("mail.title")} noValidate>
            <ProblemAlert error={save.error} />
            <CheckField name="invitations" label={t("profile.invitations")} checked={prefs.invitations} onChange={(v) => setPrefs({ ...prefs, invitations: v })} />
            <CheckField name="minutes" label={t("profile.minutes")} checked={prefs.minutes} onChange={(v) => setPrefs({ ...prefs, minutes: v })} />
            <CheckField name="digest" label={t("profile.digest")} checked={prefs.digest} onChange={(v) => setPrefs({ ...prefs, digest: v })} />
            <SelectField name="mail-language" label={t("profile.language")} value={prefs.language}
              onChange={(v) => setPrefs({ ...prefs, language: v as MailPreferences["language"] })}
              options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}` as MessageKey) }))} />
            <button type="submit" className="btn" disabled={save.busy}>{t("common.save")}</button>
            <div role="status" aria-live="polite">{flash && <p className="alert alert-ok">{flash}</p>}</div>
          </form>
        )}
      </Section>
    </>
  );
}
