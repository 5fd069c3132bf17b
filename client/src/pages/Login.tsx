import { useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { useI18n } from "../i18n/I18n";
import { useSession } from "../auth/session";
import { TextField } from "../components/fields";
import { PageHead } from "../components/ui";
import { ProblemAlert } from "../components/ProblemAlert";
import { ApiError } from "../api/problem";
import { useSubmit } from "../lib/useSubmit";

export default function Login() {
  const { t } = useI18n();
  const { login, expired, me } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string; loggedOut?: boolean };
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { run, busy, error } = useSubmit(async () => {
    await login(email.trim(), password);
    navigate(state.from && state.from !== "/login" ? state.from : "/dashboard", { replace: true });
  }, { keepBusy: true });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run();
  };
  const wrong = error instanceof ApiError && error.status === 401;

  return (
    <div style={{ maxWidth: "28rem" }}>
      <PageHead title={t("auth.login_title")} />
      {expired && !error && <div className="alert alert-warn" role="status"><p>{t("auth.expired")}</p></div>}
      {state.loggedOut && !me && !error && <div className="alert alert-ok" role="status"><p>{t("auth.logged_out")}</p></div>}
      {state.from && !expired && !error && <div className="alert alert-info" role="status"><p>{t("auth.need_login")}</p></div>}
      {wrong ? (
        <div className="alert alert-error" role="alert"><p><strong>{t("auth.wrong")}</strong></p></div>
      ) : (
        <ProblemAlert error={error} />
      )}
      <form onSubmit={submit} noValidate={false}>
        <TextField name="username" type="email" label={t("common.email")} autoComplete="username" required value={email} onChange={setEmail} />
        <TextField name="password" type="password" label={t("auth.password")} autoComplete="current-password" required value={password} onChange={setPassword} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={busy} aria-busy={busy}>{busy ? t("auth.logging_in") : t("auth.login")}</button>
        </div>
      </form>
      <p className="muted">{t("auth.public_hint")}</p>
    </div>
  );
}
