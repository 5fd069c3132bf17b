import { useState, type FormEvent } from "react";
import { api, unwrap, unwrapWithEtag } from "../../api/client";
import type { User } from "../../api/types";
import type { components } from "../../api/schema";
import { useI18n } from "../../i18n/I18n";
import type { MessageKey } from "../../i18n/translate";
import { usePaged } from "../../lib/usePaged";
import { useAsync } from "../../lib/useAsync";
import { useSubmit } from "../../lib/useSubmit";
import { byId, getActors, getMunicipalities, municipalityName } from "../../lib/refdata";
import { guardedRowUpdate } from "../../lib/rowUpdate";
import { ROLES } from "../../lib/enums";
import { Badge, Empty, MoreButton, PageHead, Skeleton } from "../../components/ui";
import { SelectField, TextField } from "../../components/fields";
import { ProblemAlert } from "../../components/ProblemAlert";
import { RoleBinding } from "../../components/Binding";
import { AdminNav } from "./AdminNav";

type UserCreate = components["schemas"]["UserCreate"];
type AccountRole = components["schemas"]["AccountRole"];

function NewUser({ onCreated }: { onCreated: (u: User) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ email: "", name: "", role: "", actor_id: "", municipality: "", password: "" });
  const create = useSubmit(async () => {
    const body: UserCreate = {
      email: form.email, name: form.name, role: form.role as AccountRole, password: form.password, active: true,
      actor_id: form.actor_id || null, municipality: form.municipality || null,
    };
    const u = await unwrap(api.POST("/api/v1/users", { body }));
    setForm({ email: "", name: "", role: "", actor_id: "", municipality: "", password: "" });
    onCreated(u);
  });
  const { busy, error, errors: errs } = create;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form onSubmit={submit} className="card" aria-label={t("admin.new_user")} noValidate>
      <h2>{t("admin.new_user")}</h2>
      <ProblemAlert error={error} shownFields={["email", "name", "role", "actor_id", "municipality", "password"]} />
      <div className="grid grid-2">
        <TextField name="email" type="email" label={t("common.email")} required autoComplete="off" value={form.email} error={errs.email} onChange={(v) => setForm({ ...form, email: v })} />
        <TextField name="name" label={t("admin.name")} required value={form.name} error={errs.name} onChange={(v) => setForm({ ...form, name: v })} />
      </div>
      <RoleBinding role={form.role} actorId={form.actor_id} municipality={form.municipality} errors={errs}
        onChange={(b) => setForm({ ...form, ...b })} />
      <TextField name="password" type="password" label={t("auth.password")} hint={t("admin.password_hint")} required autoComplete="new-password"
        value={form.password} error={errs.password} onChange={(v) => setForm({ ...form, password: v })} />
      <button className="btn" type="submit" disabled={busy}>{t("common.create")}</button>
    </form>
  );
}

export default function Users() {
  const { t, lang, dateTime } = useI18n();
  const [q, setQ] = useState("");
  const [role, setRole] = useState("");
  const [text, setText] = useState("");
  const [creating, setCreating] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const actors = useAsync(getActors, []);
  const munis = useAsync(getMunicipalities, []);
  const actorById = byId(actors.data);
  const list = usePaged<User>(
    (cursor) => unwrap(api.GET("/api/v1/users", { params: { query: { q: q || undefined, role: (role || undefined) as AccountRole | undefined, limit: 50, cursor } } })),
    [q, role],
  );
  const toggle = useSubmit(async (u: User) => {
    setFlash(null);
    await guardedRowUpdate(
      u,
      () => unwrapWithEtag(api.GET("/api/v1/users/{record_id}", { params: { path: { record_id: u.id } } })),
      (etag) => unwrap(api.PATCH("/api/v1/users/{record_id}", {
        params: { path: { record_id: u.id }, header: { "if-match": etag ?? undefined } }, body: { active: !u.active },
      })),
    );
    setFlash(t(u.active ? "admin.deactivated" : "admin.activated", { name: u.email }));
  });
  return (
    <>
      <PageHead title={t("admin.users")}>
        <button type="button" className="btn" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>{t("admin.new_user")}</button>
      </PageHead>
      <AdminNav />
      {creating && <NewUser onCreated={(u) => { setCreating(false); setFlash(t("admin.user_created", { name: u.email })); list.reload(); }} />}
      {flash && <div className="alert alert-ok" role="status"><p>{flash}</p></div>}
      <ProblemAlert error={toggle.error} />
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setQ(text.trim()); }}>
        <div className="grid grid-3">
          <TextField name="q" type="search" label={t("common.search_text")} value={text} onChange={setText} />
          <SelectField name="role" label={t("admin.role")} value={role} emptyLabel={t("common.all")} onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          <div className="field" style={{ alignSelf: "end" }}><button type="submit" className="btn">{t("common.search")}</button></div>
        </div>
      </form>
      <ProblemAlert error={list.error} />
      {list.loading ? <Skeleton height="16rem" /> : list.items.length === 0 ? <Empty>{t("admin.no_users")}</Empty> : (
        <div className="table-wrap">
          <table data-testid="users-table">
            <caption className="visually-hidden">{t("admin.users")}</caption>
            <thead>
              <tr><th scope="col">{t("admin.name")}</th><th scope="col">{t("common.email")}</th><th scope="col">{t("admin.role")}</th>
                <th scope="col">{t("admin.binding")}</th><th scope="col">{t("admin.state")}</th><th scope="col">{t("common.updated")}</th><th scope="col"><span className="visually-hidden">{t("common.actions")}</span></th></tr>
            </thead>
            <tbody>
              {list.items.map((u) => (
                <tr key={u.id}>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>{t(`role.${u.role}` as MessageKey)}</td>
                  <td>{u.actor_id ? actorById.get(u.actor_id)?.name ?? "…" : u.municipality ? municipalityName(munis.data?.find((m) => m.nis_code === u.municipality), lang, u.municipality) : "—"}</td>
                  <td>{u.active ? <Badge kind="done">{t("admin.active")}</Badge> : <Badge kind="cancelled">{t("admin.inactive")}</Badge>}</td>
                  <td>{dateTime(u.updated_at)}</td>
                  <td>
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => void toggle.run(u).then(list.reload)}>
                      {u.active ? t("admin.deactivate") : t("admin.activate")}<span className="visually-hidden"> {u.email}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && <MoreButton onClick={list.loadMore} busy={list.busy} />}
    </>
  );
}
