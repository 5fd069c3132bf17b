import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { api, unwrap, unwrapWithEtag } from "../api/client";
import type { Body } from "../api/types";
import type { components } from "../api/schema";
import { changedFields, conflicts, keepMine, mergeable, type FieldConflict } from "../api/conflict";
import { useI18n } from "../i18n/I18n";
import { fieldLabel } from "../i18n/translate";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { byId, getActors, getBodies, invalidate } from "../lib/refdata";
import { BODY_KINDS } from "../lib/enums";
import { normaliseAgenda, type AgendaNode } from "../lib/agenda";
import { Empty, PageHead, Section, Skeleton } from "../components/ui";
import { SelectField, TextArea, TextField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";
import { ConflictDialog } from "../components/ConflictDialog";
import { AgendaEditor } from "../components/AgendaEditor";
import { useSession } from "../auth/session";
import { mayEditMeeting } from "../auth/permissions";

type BodyKind = components["schemas"]["BodyKind"];

/** What the form holds: the body's writable fields, in the shape the API takes them. */
interface Draft {
  code: string;
  name: string;
  kind: BodyKind;
  description: string;
  recurrence: string;
  agenda_template: AgendaNode[];
  member_ids: string[];
}

const BLANK: Draft = { code: "", name: "", kind: "workgroup", description: "", recurrence: "", agenda_template: [], member_ids: [] };

const toDraft = (b: Body): Draft => ({
  code: b.code, name: b.name, kind: b.kind, description: b.description, recurrence: b.recurrence ?? "",
  agenda_template: b.agenda_template as AgendaNode[], member_ids: [...b.member_ids],
});

const toBody = (d: Draft) => ({
  code: d.code.trim(), name: d.name.trim(), kind: d.kind, description: d.description, recurrence: d.recurrence.trim() || null,
  agenda_template: normaliseAgenda(d.agenda_template), member_ids: d.member_ids,
});

/** The body's fields, its members and its agenda template; shared by "new" and "edit". */
function BodyFields({ draft, set, errs }: { draft: Draft; set: (d: Draft) => void; errs: Record<string, string> }) {
  const { t, te } = useI18n();
  const actors = useAsync(getActors, []);
  const actorById = byId(actors.data);
  const [adding, setAdding] = useState("");
  const up = <K extends keyof Draft>(k: K, v: Draft[K]) => set({ ...draft, [k]: v });
  const memberError = errs.member_ids ?? Object.entries(errs).find(([k]) => k.startsWith("member_ids."))?.[1];
  return (
    <>
      <div className="grid grid-2">
        <TextField name="code" label={t("body.code")} hint={t("body.code_hint")} required value={draft.code} error={errs.code} onChange={(v) => up("code", v)} />
        <TextField name="name" label={t("body.name")} required value={draft.name} error={errs.name} onChange={(v) => up("name", v)} />
        <SelectField name="kind" label={t("body.kind")} required value={draft.kind} error={errs.kind} onChange={(v) => up("kind", v as BodyKind)}
          options={BODY_KINDS.map((k) => ({ value: k, label: te("body_kind", k) }))} />
        <TextField name="recurrence" label={t("body.recurrence")} hint={t("body.recurrence_hint")} value={draft.recurrence} error={errs.recurrence} onChange={(v) => up("recurrence", v)} />
      </div>
      <TextArea name="description" label={t("common.description")} rows={3} value={draft.description} error={errs.description} onChange={(v) => up("description", v)} />
      <fieldset>
        <legend>{t("body.members")}</legend>
        {draft.member_ids.length === 0 ? <Empty>{t("body.no_members")}</Empty> : (
          <ul className="list-plain" data-testid="members">
            {draft.member_ids.map((id) => (
              <li key={id} className="inline-actions">
                <span>{actorById.get(id)?.name ?? "…"}</span>
                <button type="button" className="btn btn-small btn-secondary" aria-label={t("body.remove_member", { name: actorById.get(id)?.name ?? "" })}
                  onClick={() => up("member_ids", draft.member_ids.filter((m) => m !== id))}>{t("common.remove")}</button>
              </li>
            ))}
          </ul>
        )}
        {memberError && <p className="field-error">{memberError}</p>}
        <div className="inline-actions">
          <SelectField name="add_member" label={t("body.add_member")} value={adding} emptyLabel={t("common.choose")} onChange={setAdding}
            options={(actors.data ?? []).filter((a) => !draft.member_ids.includes(a.id)).map((a) => ({ value: a.id, label: a.name }))} />
          <button type="button" className="btn btn-secondary" disabled={!adding}
            onClick={() => { up("member_ids", [...draft.member_ids, adding]); setAdding(""); }}>{t("common.add")}</button>
        </div>
      </fieldset>
      <AgendaEditor value={draft.agenda_template} onChange={(v) => up("agenda_template", v)} errors={errs} field="agenda_template" legend={t("body.agenda_template")} />
    </>
  );
}

const SHOWN = ["code", "name", "kind", "recurrence", "description", "member_ids", "agenda_template"];

/** `/bodies`: every body, and (for W13) a form for a new one. */
export function BodyList() {
  const { t, te } = useI18n();
  const navigate = useNavigate();
  const { principal } = useSession();
  const editable = mayEditMeeting(principal);
  const bodies = useAsync(getBodies, []);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<Draft>(BLANK);
  const create = useSubmit(async () => {
    const created = await unwrap(api.POST("/api/v1/bodies", { body: toBody(draft) }));
    invalidate("bodies");
    navigate(`/bodies/${created.id}`, { state: { flash: "created" } });
  }, { keepBusy: true });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <>
      <PageHead title={t("body.title_many")} crumbs={[{ to: "/meetings", label: t("nav.meetings") }]}>
        {editable && <button type="button" className="btn" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>{t("body.new")}</button>}
      </PageHead>
      {creating && (
        <form onSubmit={submit} className="card" aria-label={t("body.new")} noValidate>
          <ProblemAlert error={create.error} shownFields={SHOWN} />
          <BodyFields draft={draft} set={setDraft} errs={create.errors} />
          <button type="submit" className="btn" disabled={create.busy}>{t("common.create")}</button>
        </form>
      )}
      {bodies.loading ? <Skeleton height="10rem" /> : (
        <>
          <ProblemAlert error={bodies.error} focus={false} />
          <ul className="list-plain" data-testid="bodies">
            {(bodies.data ?? []).map((b) => (
              <li key={b.id}>
                <Link to={`/bodies/${b.id}`}>{b.name}</Link>
                <div className="meta">{b.code} · {te("body_kind", b.kind)} · {t("body.n_members", { count: b.member_ids.length })}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

interface Loaded {
  body: Body;
  etag: string | null;
}

/** `/bodies/:id`: a body's fields, members and agenda template, saved with If-Match. */
export function BodyEdit() {
  const { id = "" } = useParams();
  const location = useLocation();
  const { t, te, lang } = useI18n();
  const { principal } = useSession();
  const editable = mayEditMeeting(principal);
  const actors = useAsync(getActors, []);
  const loaded = useAsync<Loaded>(async () => {
    const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/bodies/{record_id}", { params: { path: { record_id: id } } }));
    return { body: data, etag };
  }, [id]);
  const [base, setBase] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [flash, setFlash] = useState<string | null>((location.state as { flash?: string } | null)?.flash === "created" ? t("body.created") : null);
  useEffect(() => {
    if (loaded.data) {
      setBase(loaded.data);
      setDraft(toDraft(loaded.data.body));
    }
  }, [loaded.data]);
  const saving = useSubmit<[Record<string, unknown>, Loaded], { list: FieldConflict[]; theirs: Loaded }>(
    async (patch, from) => {
      setFlash(null);
      const { data, etag } = await unwrapWithEtag(api.PATCH("/api/v1/bodies/{record_id}", {
        params: { path: { record_id: id }, header: { "if-match": from.etag ?? undefined } },
        body: patch as components["schemas"]["BodyUpdate"],
      }));
      invalidate("bodies");
      setBase({ body: data, etag });
      setDraft(toDraft(data));
      setFlash(t("body.saved"));
    },
    {
      onConflict: async (_err, patch, from) => {
        const fresh = await unwrapWithEtag(api.GET("/api/v1/bodies/{record_id}", { params: { path: { record_id: id } } }));
        return { list: conflicts(toBody(toDraft(from.body)), toBody(toDraft(fresh.data)), patch), theirs: { body: fresh.data, etag: fresh.etag } };
      },
      // The patch holds only the person's changes: on another field's change it applies as it is.
      merge: (c, patch) => (mergeable(c.list) ? [patch, c.theirs] : null),
    },
  );
  const { busy, error, errors: errs, conflict } = saving;

  if (loaded.loading || (!draft && !loaded.error)) return <Skeleton height="20rem" />;
  if (loaded.error || !base || !draft) {
    return (<><PageHead title={t("body.title_one")} crumbs={[{ to: "/bodies", label: t("body.title_many") }]} /><ProblemAlert error={loaded.error} /></>);
  }
  const b = base.body;
  const crumbs = [{ to: "/meetings", label: t("nav.meetings") }, { to: "/bodies", label: t("body.title_many") }];
  if (!editable) {
    const actorById = byId(actors.data);
    return (
      <>
        <PageHead title={b.name} crumbs={crumbs} />
        <p className="meta">{b.code} · {te("body_kind", b.kind)}{b.recurrence && <> · {b.recurrence}</>}</p>
        {b.description && <p>{b.description}</p>}
        <Section title={t("body.members")}>
          {b.member_ids.length === 0 ? <Empty>{t("body.no_members")}</Empty> : (
            <ul>{b.member_ids.map((m) => <li key={m}><Link to={`/actors/${m}`}>{actorById.get(m)?.name ?? "…"}</Link></li>)}</ul>
          )}
        </Section>
        <p><Link to={`/meetings?body=${b.id}`}>{t("body.meetings")}</Link></p>
      </>
    );
  }
  const patchOf = (from: Body, d: Draft) => changedFields(toBody(toDraft(from)), toBody(d));
  const save = (e: FormEvent) => {
    e.preventDefault();
    void saving.run(patchOf(b, draft), base);
  };
  const resolve = (choice: "reload" | "keep") => {
    if (!conflict) return;
    const mine = patchOf(b, draft);
    const next = toDraft(conflict.theirs.body);
    setDraft(choice === "reload" ? next : keepMine(next, draft, Object.keys(mine)));
    setBase(conflict.theirs);
    saving.clearConflict();
  };
  return (
    <>
      <PageHead title={t("body.edit_title", { name: b.name })} crumbs={crumbs} />
      {flash && <div className="alert alert-ok" role="status"><p>{flash}</p></div>}
      <ProblemAlert error={error} shownFields={SHOWN} />
      <form onSubmit={save} noValidate>
        <BodyFields draft={draft} set={setDraft} errs={errs} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={busy} aria-busy={busy}>{busy ? t("common.saving") : t("common.save")}</button>
          <Link className="btn btn-secondary" to={`/meetings?body=${b.id}`}>{t("body.meetings")}</Link>
        </div>
      </form>
      <ConflictDialog open={conflict !== null} conflicts={conflict?.list ?? []}
        label={(f) => fieldLabel(lang, "body", f)}
        render={(_f, v) => (v === null || v === undefined || v === "" ? "—" : Array.isArray(v) ? t("meeting.n_items", { count: v.length }) : String(v).slice(0, 120))}
        onReload={() => resolve("reload")} onKeep={() => resolve("keep")} byYou={saving.conflictByYou} />
    </>
  );
}

export default BodyList;
