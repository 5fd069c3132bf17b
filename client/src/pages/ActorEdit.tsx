import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrapWithEtag, unwrap } from "../api/client";
import type { Actor, ActorKind, TargetGroup } from "../api/types";
import type { components } from "../api/schema";
import { changedFields, conflicts, keepMine, mergeable, type FieldConflict } from "../api/conflict";
import { useI18n } from "../i18n/I18n";
import { fieldLabel } from "../i18n/translate";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { getMunicipalities, invalidate, municipalityName } from "../lib/refdata";
import { ACTOR_KINDS, RUNGS, TARGET_GROUPS } from "../lib/enums";
import { CheckField, CheckGroup, SelectField, TextArea, TextField } from "../components/fields";
import { PageHead, Skeleton } from "../components/ui";
import { ProblemAlert } from "../components/ProblemAlert";
import { ConflictDialog } from "../components/ConflictDialog";
import { editScope } from "../auth/permissions";

type ActorUpdate = components["schemas"]["ActorUpdate"];

/** The fields a ROSE member may change on its own actor (api/core/permissions.py ACTOR_PROFILE). */
const PROFILE = ["name", "description", "street", "postal_code", "city", "municipality", "website", "email", "phone",
  "contact_persons", "target_groups", "places", "goods_services"] as const;
const W13_ONLY = ["kind", "kbo_number", "rose_member"] as const;

interface Draft {
  name: string; description: string; street: string; postal_code: string; city: string; municipality: string;
  website: string; email: string; phone: string; kind: ActorKind; kbo_number: string; rose_member: boolean;
  contact_persons: { name: string; role: string; email: string; phone: string }[];
  target_groups: TargetGroup[];
  places: { rung: string; description: string; count: string }[];
  goods_services: { name: string; description: string }[];
}

function toDraft(a: Actor): Draft {
  return {
    name: a.name, description: a.description, street: a.street ?? "", postal_code: a.postal_code ?? "", city: a.city ?? "",
    municipality: a.municipality ?? "", website: a.website ?? "", email: a.email ?? "", phone: a.phone ?? "", kind: a.kind,
    kbo_number: a.kbo_number ?? "", rose_member: a.rose_member,
    contact_persons: (a.contact_persons ?? []).map((c) => ({ name: c.name, role: c.role ?? "", email: c.email ?? "", phone: c.phone ?? "" })),
    target_groups: [...a.target_groups],
    places: a.places.map((p) => ({ rung: String(p.rung), description: p.description, count: p.count === null || p.count === undefined ? "" : String(p.count) })),
    goods_services: a.goods_services.map((g) => ({ name: g.name, description: g.description ?? "" })),
  };
}

const opt = (s: string) => (s.trim() === "" ? null : s.trim());
const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : s.trim() === "" ? null : s);

/** The draft in the API's shape (what a merge patch compares against the record). */
function toBody(d: Draft): Record<string, unknown> {
  return {
    name: d.name.trim(), description: d.description, street: opt(d.street), postal_code: opt(d.postal_code), city: opt(d.city),
    municipality: opt(d.municipality), website: opt(d.website), email: opt(d.email), phone: opt(d.phone), kind: d.kind,
    kbo_number: opt(d.kbo_number), rose_member: d.rose_member,
    contact_persons: d.contact_persons.map((c) => ({ name: c.name.trim(), role: opt(c.role), email: opt(c.email), phone: opt(c.phone) })),
    target_groups: d.target_groups,
    places: d.places.map((p) => ({ rung: int(p.rung), description: p.description, count: int(p.count) })),
    goods_services: d.goods_services.map((g) => ({ name: g.name.trim(), description: g.description })),
  };
}

/** A list of small records (places, products, contact persons) edited row by row. */
function Rows<T>({ legend, items, onChange, blank, render, addLabel, removeLabel }: {
  legend: string; items: T[]; onChange: (v: T[]) => void; blank: T; addLabel: string;
  removeLabel: (n: number) => string; render: (item: T, i: number, set: (v: T) => void) => ReactNode;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {items.map((item, i) => (
        <div key={i} className="card" style={{ marginBottom: ".5rem" }} role="group" aria-label={`${legend} ${i + 1}`}>
          {render(item, i, (v) => onChange(items.map((x, j) => (j === i ? v : x))))}
          <button type="button" className="btn btn-secondary btn-small" onClick={() => onChange(items.filter((_, j) => j !== i))}>{removeLabel(i + 1)}</button>
        </div>
      ))}
      <button type="button" className="btn btn-secondary btn-small" onClick={() => onChange([...items, blank])}>{addLabel}</button>
    </fieldset>
  );
}

export default function ActorEdit() {
  const { id = "" } = useParams();
  const { t, te, lang } = useI18n();
  const navigate = useNavigate();
  const munis = useAsync(getMunicipalities, []);
  const loaded = useAsync(async () => {
    const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/actors/{record_id}", { params: { path: { record_id: id } } }));
    return { actor: data, etag };
  }, [id]);
  const [base, setBase] = useState<{ actor: Actor; etag: string | null } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [kept, setKept] = useState(false);
  useEffect(() => {
    if (loaded.data) {
      setBase(loaded.data);
      setDraft(toDraft(loaded.data.actor));
    }
  }, [loaded.data]);
  const saving = useSubmit<[Record<string, unknown>, { actor: Actor; etag: string | null }], { list: FieldConflict[]; theirs: { actor: Actor; etag: string | null } }>(
    async (patch, from) => {
      setKept(false);
      if (Object.keys(patch).length) {
        await unwrap(api.PATCH("/api/v1/actors/{record_id}", {
          params: { path: { record_id: id }, header: { "if-match": from.etag ?? undefined } }, body: patch as ActorUpdate,
        }));
        invalidate("actors");
      }
      navigate(`/actors/${id}`, { state: { flash: "saved" } });
    },
    {
      keepBusy: true,
      onConflict: async (_err, patch, from) => {
        const fresh = await unwrapWithEtag(api.GET("/api/v1/actors/{record_id}", { params: { path: { record_id: id } } }));
        return { list: conflicts(toBody(toDraft(from.actor)), toBody(toDraft(fresh.data)), patch), theirs: { actor: fresh.data, etag: fresh.etag } };
      },
      // The patch holds only the person's changes: on another field's change it applies as it is.
      merge: (c, patch) => (mergeable(c.list) ? [patch, c.theirs] : null),
    },
  );
  const { busy, error, errors: errs, conflict } = saving;

  if (loaded.loading || (!draft && !loaded.error)) return <Skeleton height="30rem" />;
  if (loaded.error || !base || !draft) {
    return (<><PageHead title={t("actor.edit")} crumbs={[{ to: "/", label: t("nav.directory") }]} /><ProblemAlert error={loaded.error} /></>);
  }
  const scope = editScope(base.actor, [...PROFILE, ...W13_ONLY]);
  if (!scope) {
    return (<><PageHead title={t("actor.edit")} /><div className="alert alert-warn" role="alert"><p>{t("problem.403")}</p></div></>);
  }
  // Every field of the form editable ("all"), or the profile fields the server lists.
  const w13 = scope === "all";
  const allowed: readonly string[] = w13 ? [...PROFILE, ...W13_ONLY] : PROFILE.filter((f) => scope.includes(f));
  const up = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const patchOf = (from: Actor, d: Draft) => {
    const changes = changedFields(toBody(toDraft(from)), toBody(d));
    return Object.fromEntries(Object.entries(changes).filter(([k]) => allowed.includes(k)));
  };

  const save = (e?: FormEvent) => {
    e?.preventDefault();
    void saving.run(patchOf(base.actor, draft), base);
  };
  const resolve = (choice: "reload" | "keep") => {
    if (!conflict) return;
    const mine = patchOf(base.actor, draft);
    const next = toDraft(conflict.theirs.actor);
    setDraft(choice === "reload" ? next : keepMine(next, draft, Object.keys(mine)));
    setBase(conflict.theirs);
    setKept(choice === "keep");
    saving.clearConflict();
  };
  const err = (prefix: string) => errs[prefix] ?? Object.entries(errs).find(([k]) => k.startsWith(prefix + "."))?.[1];

  return (
    <>
      <PageHead title={t("actor.edit_title", { name: base.actor.name })} crumbs={[{ to: "/", label: t("nav.directory") }, { to: `/actors/${id}`, label: base.actor.name }]} />
      {!w13 && <div className="alert alert-info"><p>{t("actor.rose_scope")}</p></div>}
      {kept && <div className="alert alert-info" role="status"><p>{t("conflict.kept")}</p></div>}
      <ProblemAlert error={error} shownFields={[...allowed]} />
      <form onSubmit={save} noValidate>
        <fieldset>
          <legend>{t("actor.section_profile")}</legend>
          <div className="grid grid-2">
            <TextField name="name" label={t("actor.name")} required value={draft.name} error={errs.name} onChange={(v) => up("name", v)} />
            {w13 && <SelectField name="kind" label={t("actor.kind")} value={draft.kind} error={errs.kind} onChange={(v) => up("kind", v as ActorKind)}
              options={ACTOR_KINDS.map((k) => ({ value: k, label: te("actor_kind", k) }))} />}
            {w13 && <TextField name="kbo_number" label={t("actor.kbo")} hint={t("actor.kbo_hint")} value={draft.kbo_number} error={errs.kbo_number} onChange={(v) => up("kbo_number", v)} />}
            {w13 && <div className="field" style={{ alignSelf: "end" }}><CheckField name="rose_member" label={t("actor.rose_member")} checked={draft.rose_member} onChange={(v) => up("rose_member", v)} /></div>}
          </div>
          <TextArea name="description" label={t("common.description")} rows={5} value={draft.description} error={errs.description} onChange={(v) => up("description", v)} />
        </fieldset>
        <fieldset>
          <legend>{t("actor.contact")}</legend>
          <div className="grid grid-3">
            <TextField name="street" label={t("actor.street")} value={draft.street} error={errs.street} onChange={(v) => up("street", v)} />
            <TextField name="postal_code" label={t("actor.postal_code")} inputMode="numeric" value={draft.postal_code} error={errs.postal_code} onChange={(v) => up("postal_code", v)} />
            <TextField name="city" label={t("actor.city")} value={draft.city} error={errs.city} onChange={(v) => up("city", v)} />
            <SelectField name="municipality" label={t("common.municipality")} value={draft.municipality} error={errs.municipality} emptyLabel={t("common.none")}
              onChange={(v) => up("municipality", v)} options={(munis.data ?? []).map((m) => ({ value: m.nis_code, label: `${municipalityName(m, lang)} (${m.nis_code})` }))} />
            <TextField name="website" type="url" label={t("actor.website")} value={draft.website} error={errs.website} onChange={(v) => up("website", v)} />
            <TextField name="email" type="email" label={t("common.email")} hint={t("actor.email_hint")} value={draft.email} error={errs.email} onChange={(v) => up("email", v)} />
            <TextField name="phone" type="tel" label={t("actor.phone")} value={draft.phone} error={errs.phone} onChange={(v) => up("phone", v)} />
          </div>
        </fieldset>
        <CheckGroup legend={t("actor.target_groups")} name="target_groups" value={draft.target_groups} error={err("target_groups")}
          onChange={(v) => up("target_groups", v as TargetGroup[])} options={TARGET_GROUPS.map((g) => ({ value: g, label: te("target_group", g) }))} />
        <Rows legend={t("actor.places")} items={draft.places} onChange={(v) => up("places", v)} blank={{ rung: "5", description: "", count: "" }}
          addLabel={t("actor.add_place")} removeLabel={(n) => t("actor.remove_place", { n })}
          render={(p, i, set) => (
            <div className="grid grid-3">
              <SelectField name={`places.${i}.rung`} label={t("actor.rung")} value={p.rung} error={errs[`places.${i}.rung`]} onChange={(v) => set({ ...p, rung: v })}
                options={RUNGS.map((r) => ({ value: String(r), label: `${r} – ${te("rung", String(r))}` }))} />
              <TextField name={`places.${i}.description`} label={t("common.description")} required value={p.description} error={errs[`places.${i}.description`]} onChange={(v) => set({ ...p, description: v })} />
              <TextField name={`places.${i}.count`} label={t("actor.count")} inputMode="numeric" value={p.count} error={errs[`places.${i}.count`]} onChange={(v) => set({ ...p, count: v })} />
            </div>
          )} />
        <Rows legend={t("actor.goods_services")} items={draft.goods_services} onChange={(v) => up("goods_services", v)} blank={{ name: "", description: "" }}
          addLabel={t("actor.add_good")} removeLabel={(n) => t("actor.remove_good", { n })}
          render={(g, i, set) => (
            <div className="grid grid-2">
              <TextField name={`goods_services.${i}.name`} label={t("actor.good_name")} required value={g.name} error={errs[`goods_services.${i}.name`]} onChange={(v) => set({ ...g, name: v })} />
              <TextField name={`goods_services.${i}.description`} label={t("common.description")} value={g.description} error={errs[`goods_services.${i}.description`]} onChange={(v) => set({ ...g, description: v })} />
            </div>
          )} />
        <Rows legend={t("actor.contact_persons")} items={draft.contact_persons} onChange={(v) => up("contact_persons", v)} blank={{ name: "", role: "", email: "", phone: "" }}
          addLabel={t("actor.add_person")} removeLabel={(n) => t("actor.remove_person", { n })}
          render={(c, i, set) => (
            <div className="grid grid-2">
              <TextField name={`contact_persons.${i}.name`} label={t("admin.name")} required value={c.name} error={errs[`contact_persons.${i}.name`]} onChange={(v) => set({ ...c, name: v })} />
              <TextField name={`contact_persons.${i}.role`} label={t("actor.person_role")} value={c.role} error={errs[`contact_persons.${i}.role`]} onChange={(v) => set({ ...c, role: v })} />
              <TextField name={`contact_persons.${i}.email`} type="email" label={t("common.email")} value={c.email} error={errs[`contact_persons.${i}.email`]} onChange={(v) => set({ ...c, email: v })} />
              <TextField name={`contact_persons.${i}.phone`} type="tel" label={t("actor.phone")} value={c.phone} error={errs[`contact_persons.${i}.phone`]} onChange={(v) => set({ ...c, phone: v })} />
            </div>
          )} />
        <p className="hint">{t("actor.persons_hint")}</p>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={busy} aria-busy={busy}>{busy ? t("common.saving") : t("common.save")}</button>
          <Link className="btn btn-secondary" to={`/actors/${id}`}>{t("common.cancel")}</Link>
        </div>
      </form>
      <ConflictDialog open={conflict !== null} conflicts={conflict?.list ?? []}
        label={(f) => fieldLabel(lang, "actor", f)}
        render={(_f, v) => (v === null || v === undefined || v === "" ? "—" : Array.isArray(v) ? t("meeting.n_items", { count: v.length }) : String(v).slice(0, 120))}
        onReload={() => resolve("reload")} onKeep={() => resolve("keep")} byYou={saving.conflictByYou} />
    </>
  );
}
