import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import type { Dossier } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { getActors } from "../lib/refdata";
import { DOSSIER_LEVELS, DOSSIER_THEMES } from "../lib/enums";
import { PageHead } from "../components/ui";
import { SelectField, TextArea, TextField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";
import { useSession } from "../auth/session";
import { mayRaiseDossier } from "../auth/permissions";

export default function DossierNew() {
  const { t, te } = useI18n();
  const navigate = useNavigate();
  const { principal } = useSession();
  const actors = useAsync(getActors, []);
  const [form, setForm] = useState({
    code: "", title: "", theme: "", level: "", evidence_summary: "", raised_by_id: principal.actorId ?? "",
  });
  const create = useSubmit(async () => {
    const created = await unwrap(api.POST("/api/v1/dossiers", {
      body: {
        code: form.code, title: form.title, theme: form.theme as Dossier["theme"], level: form.level as Dossier["level"],
        evidence_summary: form.evidence_summary, raised_by_id: form.raised_by_id || null, status: "open",
      },
    }));
    navigate(`/dossiers/${created.id}`, { state: { flash: "created" } });
  }, { keepBusy: true });
  const { busy, error, errors: errs } = create;
  const w13 = principal.role === "w13";

  if (!mayRaiseDossier(principal)) {
    return (<><PageHead title={t("dossiers.new")} /><div className="alert alert-warn" role="alert"><p>{t("problem.403")}</p></div></>);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <div style={{ maxWidth: "48rem" }}>
      <PageHead title={t("dossiers.new")} crumbs={[{ to: "/dossiers", label: t("nav.dossiers") }]} />
      <ProblemAlert error={error} shownFields={["code", "title", "theme", "level", "evidence_summary", "raised_by_id"]} />
      <form onSubmit={submit} noValidate>
        <div className="grid grid-2">
          <TextField name="code" label={t("dossier.code")} hint={t("dossier.code_hint")} required value={form.code} error={errs.code} onChange={(v) => setForm({ ...form, code: v })} />
          <TextField name="title" label={t("dossier.title")} required value={form.title} error={errs.title} onChange={(v) => setForm({ ...form, title: v })} />
          <SelectField name="theme" label={t("dossier.theme")} required value={form.theme} error={errs.theme} emptyLabel={t("common.choose")}
            onChange={(v) => setForm({ ...form, theme: v })} options={DOSSIER_THEMES.map((x) => ({ value: x, label: te("dossier_theme", x) }))} />
          <SelectField name="level" label={t("dossier.level")} required value={form.level} error={errs.level} emptyLabel={t("common.choose")}
            onChange={(v) => setForm({ ...form, level: v })} options={DOSSIER_LEVELS.map((x) => ({ value: x, label: te("dossier_level", x) }))} />
        </div>
        {w13 ? (
          <SelectField name="raised_by_id" label={t("dossier.raised_by")} value={form.raised_by_id} error={errs.raised_by_id} emptyLabel={t("common.none")}
            onChange={(v) => setForm({ ...form, raised_by_id: v })} options={(actors.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        ) : (
          <p className="meta">{t("dossier.raised_by")}: {actors.data?.find((a) => a.id === principal.actorId)?.name ?? "…"}</p>
        )}
        <TextArea name="evidence_summary" label={t("dossier.evidence")} hint={t("dossier.evidence_hint")} rows={6} value={form.evidence_summary}
          error={errs.evidence_summary} onChange={(v) => setForm({ ...form, evidence_summary: v })} />
        <div className="form-actions">
          <button className="btn" type="submit" disabled={busy}>{t("dossiers.raise")}</button>
        </div>
      </form>
    </div>
  );
}
