import { useState } from "react";
import { api, unwrap } from "../../api/client";
import type { Actor, AuditEntry } from "../../api/types";
import { useI18n } from "../../i18n/I18n";
import { formatStamp } from "../../i18n/format";
import { hasKey, type MessageKey } from "../../i18n/translate";
import { usePaged } from "../../lib/usePaged";
import { useAsync } from "../../lib/useAsync";
import { byId, getActors } from "../../lib/refdata";
import { Empty, MoreButton, PageHead, Skeleton } from "../../components/ui";
import { SelectField, TextField } from "../../components/fields";
import { ProblemAlert } from "../../components/ProblemAlert";
import { AdminNav } from "./AdminNav";
import { sameJson } from "../../api/conflict";

const RESOURCES = ["actors", "municipalities", "pillars", "objectives", "actions", "indicators", "measurements", "bodies", "meetings",
  "dossiers", "dossier-events", "agreements", "agenda-proposals", "meeting-documents", "action-documents", "users", "clients", "webhooks"];

/** Where a resource's field labels live in the catalogue (the labels of its own forms). */
const LABELS: Record<string, string> = {
  actors: "actor", actions: "action", indicators: "indicator", measurements: "indicator", bodies: "body", meetings: "meeting",
  dossiers: "dossier", "dossier-events": "dossier", agreements: "agreement", pillars: "plan", objectives: "plan", "agenda-proposals": "proposal",
  users: "admin", clients: "admin", webhooks: "admin",
};

/** Enum fields shown in words, by resource and field. */
const ENUMS: Record<string, Record<string, string>> = {
  actions: { status: "action_status", mvo_themes: "mvo_theme" },
  meetings: { status: "meeting_status" },
  dossiers: { status: "dossier_status", theme: "dossier_theme", level: "dossier_level" },
  "dossier-events": { kind: "event_kind" },
  actors: { kind: "actor_kind", target_groups: "target_group" },
  bodies: { kind: "body_kind" },
  indicators: { kind: "indicator_kind", geography: "geography" },
  agreements: { regime: "regime", volume_unit: "volume_unit" },
  "agenda-proposals": { status: "proposal_status" },
  "meeting-documents": { kind: "meeting_document_kind" },
  "action-documents": { kind: "action_document_kind" },
};

/** Enum fields whose words live under a catalogue prefix of their own (the pages that edit them use it). */
const KEYED: Record<string, Record<string, string>> = {
  users: { role: "role." },
  clients: { role: "role." },
  pillars: { framework: "plan.framework_" },
};

/** A date (`2025-12-31`) the Belgian way; other text as it is. */
export const belgianDay = (v: string) => (/^\d{4}-\d\d-\d\d$/.test(v) ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : v);

/**
 * An item of a stored list (a milestone, an agenda item) in words: its values, dates the
 * Belgian way, without the field names a reader does not know, never as JSON.
 */
export function plainItem(x: unknown): string {
  if (x === null || x === undefined || x === "") return "";
  if (Array.isArray(x)) return x.map(plainItem).filter(Boolean).join(", ");
  if (typeof x === "object") return Object.values(x as Record<string, unknown>).map(plainItem).filter(Boolean).join(" · ");
  return belgianDay(String(x));
}

/** Fields that hold actor ids (one or a list), shown by name. */
const ACTOR_REFS = new Set(["lead_actor_id", "actor_id", "provider_actor_id", "partner_ids", "member_ids"]);

/** What changed in one audit entry: the fields whose value differs before and after. */
export function auditDiff(e: Pick<AuditEntry, "before" | "after">): { field: string; before: unknown; after: unknown }[] {
  const b = (e.before ?? {}) as Record<string, unknown>, a = (e.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !["updated_at", "version"].includes(k));
  return keys.filter((k) => !sameJson(b[k] ?? null, a[k] ?? null)).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

/**
 * Of a list that changed, the items only this side holds (a meeting's attendance: who was
 * added or whose presence changed), so a long list shows what changed rather than all of it.
 * Other values, and a list that was only reordered, stay whole.
 */
export function listChange(side: unknown, other: unknown): unknown {
  if (!Array.isArray(side) || !Array.isArray(other)) return side;
  const own = side.filter((x) => !other.some((y) => sameJson(x, y)));
  return own.length === 0 && side.length === other.length ? side : own;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id's first digits, as the list shows them and the filter accepts them. */
const shortId = (id: string) => id.slice(0, 8);

export default function Audit() {
  const { t, te } = useI18n();
  const [resource, setResource] = useState("");
  const [op, setOp] = useState("");
  const [record, setRecord] = useState("");
  const [recordText, setRecordText] = useState("");
  const actors = useAsync(getActors, []);
  const list = usePaged<AuditEntry>(
    (cursor) => unwrap(api.GET("/api/v1/audit", {
      params: { query: { resource: resource || undefined, op: (op || undefined) as AuditEntry["op"] | undefined, record: record || undefined, limit: 50, cursor } },
    })),
    [resource, op, record],
  );
  const actorById = byId<Actor>(actors.data);
  const resourceName = (r: string) => (hasKey(`audit.res.${r}`) ? t(`audit.res.${r}` as MessageKey) : r);
  const fieldName = (r: string, field: string) => {
    const own = `${LABELS[r] ?? r}.${field}`;
    if (hasKey(own)) return t(own as MessageKey);
    return hasKey(`audit.field.${field}`) ? t(`audit.field.${field}` as MessageKey) : field;
  };
  const who = (e: AuditEntry) => (e.actor_kind === "system" ? t("audit.system") : e.actor_name ?? e.actor_label ?? t("audit.unknown"));

  /** A value in words: names for actor ids, enums and yes/no in the reader's language,
   *  attendance and decisions as lines. */
  const show = (r: string, field: string, v: unknown): string => {
    if (v === undefined || v === null || v === "") return "—";
    const group = ENUMS[r]?.[field];
    const actor = (id: unknown) => actorById.get(String(id))?.name ?? shortId(String(id));
    if (typeof v === "boolean") return v ? t("common.yes") : t("common.no");
    if (Array.isArray(v)) {
      if (v.length === 0) return "—";
      if (field === "attendance") {
        return v.map((a: { actor_id?: string | null; person?: string | null; status?: string }) => {
          const name = a.person ? (a.actor_id ? `${a.person} (${actor(a.actor_id)})` : a.person) : actor(a.actor_id);
          return `${name}: ${te("attendance", a.status)}`;
        }).join("; ");
      }
      if (field === "decisions") return v.map((d: { text?: string }) => d.text ?? "").join("; ");
      if (field === "milestones") {
        return v.map((m: { title?: string; due_date?: string | null; done_on?: string | null }) => {
          const when = [m.due_date ? `${t("action.due")} ${belgianDay(m.due_date)}` : "", m.done_on ? t("action.reached_on", { date: belgianDay(m.done_on) }) : ""];
          return `${m.title ?? ""} (${when.filter(Boolean).join(", ")})`.replace(" ()", "");
        }).join("; ");
      }
      if (ACTOR_REFS.has(field)) return v.map(actor).join(", ");
      if (group) return v.map((x) => te(group, String(x))).join(", ");
      return v.map((x) => (typeof x === "object" ? plainItem(x) : String(x))).join("; ");
    }
    if (ACTOR_REFS.has(field)) return actor(v);
    // Another record's id (a pillar, an indicator): its first digits, as the list shows record ids.
    if (typeof v === "string" && UUID.test(v)) return shortId(v);
    if (group) return te(group, String(v));
    const prefix = KEYED[r]?.[field];
    if (prefix && hasKey(`${prefix}${String(v)}`)) return t(`${prefix}${String(v)}` as MessageKey);
    if (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) return formatStamp(v);
    return typeof v === "object" ? plainItem(v) : belgianDay(String(v));
  };

  return (
    <>
      <PageHead title={t("admin.audit")} />
      <AdminNav />
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setRecord(recordText.trim()); }}>
        <div className="grid grid-4">
          <SelectField name="resource" label={t("admin.resource")} value={resource} emptyLabel={t("common.all")} onChange={setResource}
            options={RESOURCES.map((r) => ({ value: r, label: resourceName(r) }))} />
          <SelectField name="op" label={t("admin.op")} value={op} emptyLabel={t("common.all")} onChange={setOp}
            options={(["create", "update", "delete"] satisfies AuditEntry["op"][]).map((o) => ({ value: o, label: t(`admin.op_${o}` as "admin.op_create") }))} />
          <TextField name="record" label={t("admin.record_id")} hint={t("audit.record_hint")} value={recordText} onChange={setRecordText} />
          <div className="field" style={{ alignSelf: "end" }}><button type="submit" className="btn">{t("common.search")}</button></div>
        </div>
      </form>
      <ProblemAlert error={list.error} />
      {list.loading ? <Skeleton height="20rem" /> : list.items.length === 0 ? <Empty>{t("admin.no_audit")}</Empty> : (
        <ol className="list-plain" data-testid="audit-list">
          {list.items.map((e) => {
            const diff = auditDiff(e);
            return (
              <li key={e.id}>
                <div>
                  <strong>{t(`admin.op_${e.op}` as "admin.op_create")}</strong> · {resourceName(e.resource)}{" "}
                  <button type="button" className="btn-link" title={t("audit.only_record")}
                    onClick={() => { setRecordText(shortId(e.record_id)); setRecord(shortId(e.record_id)); }}>
                    <code className="meta">{shortId(e.record_id)}</code>
                  </button>
                  <span className="meta"> · <time dateTime={e.at}>{formatStamp(e.at)}</time> · {who(e)}</span>
                </div>
                {diff.length > 0 && (
                  <details>
                    <summary>{t("admin.n_fields", { count: diff.length })}</summary>
                    <div className="table-wrap">
                      <table>
                        <thead><tr><th scope="col">{t("conflict.field")}</th><th scope="col">{t("admin.before")}</th><th scope="col">{t("admin.after")}</th></tr></thead>
                        <tbody>
                          {diff.map((d) => (
                            <tr key={d.field}>
                              <th scope="row">{fieldName(e.resource, d.field)}</th>
                              <td>{show(e.resource, d.field, listChange(d.before, d.after)).slice(0, 300)}</td>
                              <td>{show(e.resource, d.field, listChange(d.after, d.before)).slice(0, 300)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {list.hasMore && <MoreButton onClick={list.loadMore} busy={list.busy} />}
    </>
  );
}
