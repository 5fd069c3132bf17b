import { useState, type FormEvent } from "react";
import { api, unwrap, unwrapWithEtag } from "../../api/client";
import type { ApiClient, ApiClientWithSecret } from "../../api/types";
import type { components } from "../../api/schema";
import { useI18n } from "../../i18n/I18n";
import type { MessageKey } from "../../i18n/translate";
import { usePaged } from "../../lib/usePaged";
import { useAsync } from "../../lib/useAsync";
import { useSubmit } from "../../lib/useSubmit";
import { byId, getActors } from "../../lib/refdata";
import { guardedRowUpdate } from "../../lib/rowUpdate";
import { Badge, Empty, MoreButton, PageHead, Skeleton } from "../../components/ui";
import { CheckGroup, TextField } from "../../components/fields";
import { ProblemAlert } from "../../components/ProblemAlert";
import { RoleBinding } from "../../components/Binding";
import { SecretOnce } from "../../components/SecretOnce";
import { AdminNav } from "./AdminNav";

type AccountRole = components["schemas"]["AccountRole"];
type Scope = ApiClient["scopes"][number];

function NewClient({ onCreated }: { onCreated: (c: ApiClientWithSecret) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ name: "", role: "", actor_id: "", municipality: "", scopes: ["read"] as string[] });
  const create = useSubmit(async () => {
    const c = await unwrap(api.POST("/api/v1/clients", {
      body: {
        name: form.name, role: form.role as AccountRole, actor_id: form.actor_id || null, municipality: form.municipality || null,
        scopes: form.scopes as Scope[], active: true,
      },
    }));
    setForm({ name: "", role: "", actor_id: "", municipality: "", scopes: ["read"] });
    onCreated(c as ApiClientWithSecret);
  });
  const { busy, error, errors: errs } = create;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form onSubmit={submit} className="card" aria-label={t("admin.new_client")} noValidate>
      <h2>{t("admin.new_client")}</h2>
      <ProblemAlert error={error} shownFields={["name", "role", "actor_id", "municipality", "scopes"]} />
      <TextField name="name" label={t("admin.client_name")} hint={t("admin.client_name_hint")} required value={form.name} error={errs.name} onChange={(v) => setForm({ ...form, name: v })} />
      <RoleBinding role={form.role} actorId={form.actor_id} municipality={form.municipality} errors={errs} onChange={(b) => setForm({ ...form, ...b })} />
      <CheckGroup legend={t("admin.scopes")} name="scopes" value={form.scopes} error={errs.scopes} onChange={(v) => setForm({ ...form, scopes: v })}
        options={[{ value: "read", label: t("admin.scope_read") }, { value: "write", label: t("admin.scope_write") }]} />
      <button className="btn" type="submit" disabled={busy}>{t("common.create")}</button>
    </form>
  );
}

export default function Clients() {
  const { t, dateTime } = useI18n();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ApiClientWithSecret | null>(null);
  const actors = useAsync(getActors, []);
  const actorById = byId(actors.data);
  const list = usePaged<ApiClient>((cursor) => unwrap(api.GET("/api/v1/clients", { params: { query: { limit: 50, cursor } } })), []);

  // Rotating and (de)activating share one alert: a row's action, whichever it was.
  const row = useSubmit((write: () => Promise<unknown>) => write());
  const rotate = (c: ApiClient) => {
    if (!window.confirm(t("admin.rotate_confirm", { name: c.name }))) return;
    void row.run(async () => {
      setSecret(await unwrap(api.POST("/api/v1/clients/{record_id}/rotate-secret", { params: { path: { record_id: c.id } } })));
    }).then(list.reload);
  };
  const toggle = (c: ApiClient) => void row.run(() => guardedRowUpdate(
    c,
    () => unwrapWithEtag(api.GET("/api/v1/clients/{record_id}", { params: { path: { record_id: c.id } } })),
    (etag) => unwrap(api.PATCH("/api/v1/clients/{record_id}", { params: { path: { record_id: c.id }, header: { "if-match": etag ?? undefined } }, body: { active: !c.active } })),
  )).then(list.reload);

  return (
    <>
      <PageHead title={t("admin.clients")}>
        <button type="button" className="btn" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>{t("admin.new_client")}</button>
      </PageHead>
      <AdminNav />
      <p className="lead">{t("admin.clients_lead")}</p>
      {creating && <NewClient onCreated={(c) => { setCreating(false); setSecret(c); list.reload(); }} />}
      <ProblemAlert error={row.error} />
      <ProblemAlert error={list.error} />
      {list.loading ? <Skeleton height="12rem" /> : list.items.length === 0 ? <Empty>{t("admin.no_clients")}</Empty> : (
        <div className="table-wrap">
          <table data-testid="clients-table">
            <caption className="visually-hidden">{t("admin.clients")}</caption>
            <thead>
              <tr><th scope="col">{t("admin.client_name")}</th><th scope="col">client_id</th><th scope="col">{t("admin.role")}</th><th scope="col">{t("admin.scopes")}</th>
                <th scope="col">{t("admin.state")}</th><th scope="col">{t("admin.last_used")}</th><th scope="col"><span className="visually-hidden">{t("common.actions")}</span></th></tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td><code>{c.client_id}</code></td>
                  <td>{t(`role.${c.role}` as MessageKey)}{c.actor_id && <div className="meta">{actorById.get(c.actor_id)?.name}</div>}{c.municipality && <div className="meta">{c.municipality}</div>}</td>
                  <td>{c.scopes.join(", ")}</td>
                  <td>{c.active ? <Badge kind="done">{t("admin.active")}</Badge> : <Badge kind="cancelled">{t("admin.inactive")}</Badge>}</td>
                  <td>{c.last_used_at ? dateTime(c.last_used_at) : "—"}</td>
                  <td style={{ whiteSpace: "nowrap" }}>
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => rotate(c)}>{t("admin.rotate")}<span className="visually-hidden"> {c.name}</span></button>{" "}
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => toggle(c)}>
                      {c.active ? t("admin.deactivate") : t("admin.activate")}<span className="visually-hidden"> {c.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && <MoreButton onClick={list.loadMore} busy={list.busy} />}
      <SecretOnce open={secret !== null} title={t("admin.client_secret_title", { name: secret?.name ?? "" })} label="client_secret"
        secret={secret?.client_secret ?? ""} extra={secret ? [{ label: "client_id", value: secret.client_id }] : []} onClose={() => setSecret(null)} />
    </>
  );
}
