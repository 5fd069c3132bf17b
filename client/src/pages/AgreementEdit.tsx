import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, unwrapWithEtag } from "../api/client";
import type { Agreement } from "../api/types";
import type { components } from "../api/schema";
import { changedFields, conflicts, mergeable, rebase, type FieldConflict } from "../api/conflict";
import { errorUnder } from "../api/problem";
import { useI18n } from "../i18n/I18n";
import { fieldLabel } from "../i18n/translate";
import { todayIso } from "../i18n/format";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { getActors, getMunicipalities, municipalityName } from "../lib/refdata";
import { REGIMES } from "../lib/enums";
import { ENUMS } from "../api/enums.gen";
import {
  agreementBody, agreementDraft, agreementPick, createBody, emptyAgreement, AGREEMENT_FIELDS,
  type AgreementBody, type AgreementDraft,
} from "../lib/agreementForm";
import { CheckGroup, SelectField, TextArea, TextField } from "../components/fields";
import { PageHead, Section, Skeleton } from "../components/ui";
import { ProblemAlert } from "../components/ProblemAlert";
import { ConflictDialog } from "../components/ConflictDialog";
import { useSession } from "../auth/session";
import { mayManageAgreements } from "../auth/permissions";

type AgreementCreate = components["schemas"]["AgreementCreate"];
type AgreementUpdate = components["schemas"]["AgreementUpdate"];

interface Loaded {
  agreement: Agreement;
  etag: string | null;
}

export default function AgreementEdit() {
  const { id } = useParams();
  const creating = !id;
  const { t, te, lang, date } = useI18n();
  const navigate = useNavigate();
  const { principal } = useSession();
  const munis = useAsync(getMunicipalities, []);
  const actors = useAsync(getActors, []);
  const loaded = useAsync<Loaded | null>(async () => {
    if (!id) return null;
    const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/agreements/{record_id}", { params: { path: { record_id: id } } }));
    return { agreement: data, etag };
  }, [id]);
  const [draft, setDraft] = useState<AgreementDraft>(emptyAgreement());
  const [base, setBase] = useState<Loaded | null>(null);
  const [kept, setKept] = useState(false);
  const [endOn, setEndOn] = useState(todayIso());
  useEffect(() => {
    if (loaded.data) {
      setBase(loaded.data);
      setDraft(agreementDraft(loaded.data.agreement));
    }
  }, [loaded.data]);
  const up = <K extends keyof AgreementDraft>(k: K, v: AgreementDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const refetch = async (record: string): Promise<Loaded> => {
    const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/agreements/{record_id}", { params: { path: { record_id: record } } }));
    return { agreement: data, etag };
  };
  const patch = async (body: Record<string, unknown>, cur: Loaded) =>
    unwrap(api.PATCH("/api/v1/agreements/{record_id}", {
      params: { path: { record_id: cur.agreement.id }, header: { "if-match": cur.etag ?? undefined } },
      body: body as AgreementUpdate,
    }));
  type Conflict = { list: FieldConflict[]; theirs: Loaded };
  const onConflict = async (mine: Record<string, unknown>): Promise<Conflict | null> => {
    if (!base) return null;
    const theirs = await refetch(base.agreement.id);
    return { list: conflicts(agreementPick(base.agreement), agreementPick(theirs.agreement), mine), theirs };
  };

  // Every successful save leaves the page (keepBusy), so a second click cannot send it twice.
  const saving = useSubmit<[AgreementBody, Loaded | null], Conflict>(async (mine, from) => {
    setKept(false);
    if (creating) {
      const created = await unwrap(api.POST("/api/v1/agreements", { body: createBody(mine) as unknown as AgreementCreate }));
      navigate("/agreements", { state: { flash: "created", title: created.title } });
      return;
    }
    const body = changedFields(agreementPick(from!.agreement), mine);
    if (Object.keys(body).length > 0) await patch(body, from!);
    navigate(`/agreements`, { state: { flash: "saved", title: mine.title } });
  }, {
    keepBusy: true,
    onConflict: (_e, mine, from) => onConflict(changedFields(agreementPick(from!.agreement), mine)),
    // Different fields on both sides: my changes on top of their version, saved at once.
    merge: (c, mine, from) => (mergeable(c.list) && from
      ? [rebase(agreementPick(from.agreement), agreementPick(c.theirs.agreement), mine) as AgreementBody, c.theirs] : null),
  });

  const ending = useSubmit<[string, Loaded | null], Conflict>(async (day, from) => {
    await patch({ end_date: day }, from!);
    navigate(`/agreements`, { state: { flash: "ended", title: from!.agreement.title } });
  }, {
    keepBusy: true,
    onConflict: (_e, day) => onConflict({ end_date: day }),
    merge: (c, day) => (mergeable(c.list) ? [day, c.theirs] : null),
  });

  const deleting = useSubmit<[], Conflict>(async () => {
    await unwrap(api.DELETE("/api/v1/agreements/{record_id}", {
      params: { path: { record_id: base!.agreement.id }, header: { "if-match": base!.etag ?? undefined } },
    }));
    navigate(`/agreements`, { state: { flash: "deleted", title: base!.agreement.title } });
  }, { keepBusy: true, onConflict: () => onConflict({}) });

  const conflict = saving.conflict ?? ending.conflict ?? deleting.conflict;
  const clearConflicts = () => {
    saving.clearConflict();
    ending.clearConflict();
    deleting.clearConflict();
  };
  const resolve = (choice: "reload" | "keep") => {
    if (!conflict || !base) return;
    if (choice === "reload") {
      setDraft(agreementDraft(conflict.theirs.agreement));
    } else {
      // The person's changes on top of what the server holds now; they save again to confirm.
      const mine = changedFields(agreementPick(base.agreement), agreementBody(draft));
      const theirs = agreementDraft(conflict.theirs.agreement);
      setDraft({ ...theirs, ...pickDraft(draft, Object.keys(mine)) });
      setKept(true);
    }
    setBase(conflict.theirs);
    clearConflicts();
  };

  const crumbs = [{ to: "/agreements", label: t("nav.agreements") }];
  if (!mayManageAgreements(principal)) {
    return (
      <>
        <PageHead title={creating ? t("agreements.new") : t("agreement.edit")} crumbs={crumbs} />
        <div className="alert alert-warn" role="alert"><p>{t(creating ? "agreement.no_create_right" : "agreement.no_edit_right")}</p></div>
      </>
    );
  }
  if (!creating && loaded.loading) return <Skeleton height="30rem" />;
  if (!creating && (loaded.error || !base)) {
    return (<><PageHead title={t("agreement.edit")} crumbs={crumbs} /><ProblemAlert error={loaded.error} /></>);
  }

  const errs = saving.errors;
  const busy = saving.busy || ending.busy || deleting.busy;
  const save = (e: FormEvent) => {
    e.preventDefault();
    void saving.run(agreementBody(draft), base);
  };
  const label = (f: string) => fieldLabel(lang, "agreement", f);
  const render = (f: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "—";
    if (f === "regime") return te("regime", String(v));
    if (f === "volume_unit") return te("volume_unit", String(v));
    if (f === "provider_id") return actors.data?.find((a) => a.id === v)?.name ?? String(v);
    if (f.endsWith("_date")) return date(String(v));
    if (f === "review_dates" && Array.isArray(v)) return v.map((d) => date(String(d))).join(", ") || "—";
    if (f === "municipalities" && Array.isArray(v)) {
      return v.map((n) => municipalityName(munis.data?.find((m) => m.nis_code === n), lang, String(n))).join(", ") || "—";
    }
    return String(v).slice(0, 160);
  };
  const title = creating ? t("agreements.new") : t("agreement.edit_title", { title: base!.agreement.title });

  return (
    <>
      <PageHead title={title} crumbs={crumbs} />
      {kept && <div className="alert alert-info" role="status"><p>{t("conflict.kept")}</p></div>}
      <ProblemAlert error={saving.error} shownFields={[...AGREEMENT_FIELDS]} />
      <form onSubmit={save} noValidate aria-label={title}>
        <fieldset>
          <legend>{t("agreement.section_what")}</legend>
          <div className="grid grid-2">
            <TextField name="title" label={t("agreement.title_field")} required value={draft.title} error={errs.title} onChange={(v) => up("title", v)} />
            <TextField name="service" label={t("agreement.service")} hint={t("agreement.service_hint")} required value={draft.service} error={errs.service} onChange={(v) => up("service", v)} />
            <SelectField name="provider_id" label={t("agreement.provider")} required value={draft.provider_id} error={errs.provider_id} emptyLabel={t("common.choose")}
              onChange={(v) => up("provider_id", v)} options={(actors.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
            <SelectField name="regime" label={t("agreement.regime")} hint={t("agreement.regime_hint")} required value={draft.regime} error={errs.regime}
              emptyLabel={t("common.choose")} onChange={(v) => up("regime", v as AgreementDraft["regime"])}
              options={REGIMES.map((r) => ({ value: r, label: te("regime", r) }))} />
          </div>
          <TextArea name="description" label={t("agreement.description")} hint={t("agreement.description_hint")} value={draft.description}
            error={errs.description} onChange={(v) => up("description", v)} />
          <div className="grid grid-2">
            <TextField name="target_group" label={t("agreement.target_group")} value={draft.target_group} error={errs.target_group} onChange={(v) => up("target_group", v)} />
            <TextField name="territory" label={t("agreement.territory")} value={draft.territory} error={errs.territory} onChange={(v) => up("territory", v)} />
          </div>
          <details open={draft.municipalities.length === 0 || !!errorUnder(errs, "municipalities")}>
            <summary>{t("agreement.municipalities")} ({draft.municipalities.length})</summary>
            <CheckGroup legend={t("agreement.municipalities_legend")} name="municipalities" value={draft.municipalities} error={errorUnder(errs, "municipalities")}
              onChange={(v) => up("municipalities", v)}
              options={(munis.data ?? []).map((m) => ({ value: m.nis_code, label: `${municipalityName(m, lang)} (${m.nis_code})` }))} />
          </details>
        </fieldset>
        <fieldset>
          <legend>{t("agreement.section_period")}</legend>
          <div className="grid grid-2">
            <TextField name="start_date" type="date" label={t("agreement.start_date")} required value={draft.start_date} error={errs.start_date} onChange={(v) => up("start_date", v)} />
            <TextField name="end_date" type="date" label={t("agreement.end_date")} required value={draft.end_date} error={errs.end_date} onChange={(v) => up("end_date", v)} />
            <TextField name="council_decision_date" type="date" label={t("agreement.council_decision_date")} value={draft.council_decision_date}
              error={errs.council_decision_date} onChange={(v) => up("council_decision_date", v)} />
            <TextField name="council_decision_uri" type="url" label={t("agreement.council_decision_uri")} hint={t("agreement.council_decision_uri_hint")}
              value={draft.council_decision_uri} error={errs.council_decision_uri} onChange={(v) => up("council_decision_uri", v)} />
          </div>
          <fieldset aria-describedby="review-hint">
            <legend>{t("agreement.review_dates")}</legend>
            <p className="hint" id="review-hint">{t("agreement.review_hint")}</p>
            {errorUnder(errs, "review_dates") && <p className="field-error">{errorUnder(errs, "review_dates")}</p>}
            {draft.review_dates.map((r, i) => (
              <div key={i} className="grid grid-2" style={{ alignItems: "end" }}>
                <TextField name={`review_dates.${i}`} type="date" label={t("agreement.review_n", { n: i + 1 })} value={r} error={errs[`review_dates.${i}`]}
                  onChange={(v) => up("review_dates", draft.review_dates.map((x, j) => (j === i ? v : x)))} />
                <div className="field">
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => up("review_dates", draft.review_dates.filter((_, j) => j !== i))}>
                    {t("agreement.remove_review", { n: i + 1 })}
                  </button>
                </div>
              </div>
            ))}
            <button type="button" className="btn btn-secondary btn-small" onClick={() => up("review_dates", [...draft.review_dates, ""])}>
              {t("agreement.add_review")}
            </button>
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>{t("agreement.section_compensation")}</legend>
          <div className="grid grid-3">
            <TextField name="compensation_amount" inputMode="decimal" label={t("agreement.compensation_amount")} hint={t("agreement.compensation_hint")}
              value={draft.compensation_amount} error={errs.compensation_amount} onChange={(v) => up("compensation_amount", v)} />
            <TextField name="volume" inputMode="decimal" label={t("agreement.volume")} hint={t("agreement.volume_hint")} value={draft.volume} error={errs.volume}
              onChange={(v) => up("volume", v)} />
            <SelectField name="volume_unit" label={t("agreement.volume_unit")} value={draft.volume_unit} error={errs.volume_unit} emptyLabel={t("common.none")}
              onChange={(v) => up("volume_unit", v as AgreementDraft["volume_unit"])}
              options={ENUMS.VolumeUnit.map((u) => ({ value: u, label: te("volume_unit", u) }))} />
          </div>
          <TextArea name="compensation_parameters" label={t("agreement.compensation_parameters")} hint={t("agreement.compensation_parameters_hint")}
            value={draft.compensation_parameters} error={errs.compensation_parameters} onChange={(v) => up("compensation_parameters", v)} />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={busy} aria-busy={saving.busy}>{saving.busy ? t("common.saving") : t("common.save")}</button>
          <Link className="btn btn-secondary" to="/agreements">{t("common.cancel")}</Link>
        </div>
      </form>
      {!creating && base && (
        <>
          <Section title={t("agreement.end_title")}>
            <p>{t("agreement.end_lead", { date: date(base.agreement.end_date, "long") })}</p>
            <ProblemAlert error={ending.error} shownFields={["end_date"]} />
            <form className="grid grid-2" style={{ alignItems: "end" }} noValidate aria-label={t("agreement.end_title")}
              onSubmit={(e) => { e.preventDefault(); void ending.run(endOn, base); }}>
              <TextField name="end_on" type="date" label={t("agreement.end_on")} required value={endOn} error={ending.errors.end_date} onChange={setEndOn} />
              <div className="field">
                <button type="submit" className="btn" disabled={busy}>{t("agreement.end")}</button>
              </div>
            </form>
          </Section>
          <Section title={t("agreement.delete_title")}>
            <p>{t("agreement.delete_lead")}</p>
            <ProblemAlert error={deleting.error} />
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => {
              if (window.confirm(t("agreement.delete_confirm", { title: base.agreement.title }))) void deleting.run();
            }}>{t("agreement.delete")}</button>
          </Section>
        </>
      )}
      <ConflictDialog
        open={conflict !== null}
        conflicts={conflict?.list ?? []}
        label={label}
        render={render}
        onReload={() => resolve("reload")}
        onKeep={() => resolve("keep")}
        byYou={saving.conflict ? saving.conflictByYou : ending.conflict ? ending.conflictByYou : deleting.conflictByYou}
      />
    </>
  );
}

function pickDraft(d: AgreementDraft, fields: string[]): Partial<AgreementDraft> {
  return Object.fromEntries(Object.entries(d).filter(([k]) => fields.includes(k))) as Partial<AgreementDraft>;
}
