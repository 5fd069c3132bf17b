import { useState } from "react";
import { api, unwrap } from "../../api/client";
import type { AuditEntry } from "../../api/types";
import { useI18n } from "../../i18n/I18n";
import { resourceLabel } from "../../i18n/translate";
import { usePaged } from "../../lib/usePaged";
import { Empty, MoreButton, PageHead, Skeleton } from "../../components/ui";
import { SelectField, TextField } from "../../components/fields";
import { ProblemAlert } from "../../components/ProblemAlert";
import { AdminNav } from "./AdminNav";
import { sameJson } from "../../api/conflict";

const RESOURCES = ["actors", "municipalities", "pillars", "objectives", "actions", "indicators", "measurements", "bodies", "meetings",
  "dossiers", "dossier-events", "agreements", "users", "clients", "webhooks"];

/** What changed in one audit entry: the fields whose value differs before and after. */
export function auditDiff(e: Pick<AuditEntry, "before" | "after">): { field: string; before: unknown; after: unknown }[] {
  const b = (e.before ?? {}) as Record<string, unknown>, a = (e.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !["updated_at", "version"].includes(k));
  return keys.filter((k) => !sameJson(b[k] ?? null, a[k] ?? null)).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

const show = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export default function Audit() {
  const { t, dateTime, lang } = useI18n();
  const [resource, setResource] = useState("");
  const [op, setOp] = useState("");
  const [record, setRecord] = useState("");
  const [recordText, setRecordText] = useState("");
  const list = usePaged<AuditEntry>(
    (cursor) => unwrap(api.GET("/api/v1/audit", {
      params: { query: { resource: resource || undefined, op: (op || undefined) as AuditEntry["op"] | undefined, record: record || undefined, limit: 50, cursor } },
    })),
    [resource, op, record],
  );
  return (
    <>
      <PageHead title={t("admin.audit")} />
      <AdminNav />
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setRecord(recordText.trim()); }}>
        <div className="grid grid-4">
          <SelectField name="resource" label={t("admin.resource")} value={resource} emptyLabel={t("common.all")} onChange={setResource}
            options={RESOURCES.map((r) => ({ value: r, label: resourceLabel(lang, r) }))} />
          <SelectField name="op" label={t("admin.op")} value={op} emptyLabel={t("common.all")} onChange={setOp}
            options={(["create", "update", "delete"] satisfies AuditEntry["op"][]).map((o) => ({ value: o, label: t(`admin.op_${o}` as "admin.op_create") }))} />
          <TextField name="record" label={t("admin.record_id")} value={recordText} onChange={setRecordText} />
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
                  <strong>{t(`admin.op_${e.op}` as "admin.op_create")}</strong> · {resourceLabel(lang, e.resource)} <code className="meta">{e.record_id.slice(0, 8)}</code>
                  <span className="meta"> · {dateTime(e.at)} · {e.actor_label ?? e.actor_kind}</span>
                </div>
                {diff.length > 0 && (
                  <details>
                    <summary>{t("admin.n_fields", { count: diff.length })}</summary>
                    <div className="table-wrap">
                      <table>
                        <thead><tr><th scope="col">{t("conflict.field")}</th><th scope="col">{t("admin.before")}</th><th scope="col">{t("admin.after")}</th></tr></thead>
                        <tbody>
                          {diff.map((d) => (
                            <tr key={d.field}><th scope="row">{d.field}</th><td>{show(d.before).slice(0, 300)}</td><td>{show(d.after).slice(0, 300)}</td></tr>
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
