import { useState, type FormEvent } from "react";
import { rawJson } from "../../api/client";
import { ApiError, fieldErrors } from "../../api/problem";
import { useI18n } from "../../i18n/I18n";
import { useAsync } from "../../lib/useAsync";
import { Badge, Empty, PageHead, Skeleton } from "../../components/ui";
import { CheckGroup, TextField } from "../../components/fields";
import { ProblemAlert } from "../../components/ProblemAlert";
import { SecretOnce } from "../../components/SecretOnce";
import { AdminNav } from "./AdminNav";

/** A webhook subscription as the API contract describes it (Standard Webhooks; secret `whsec_…` once). */
interface Webhook {
  id: string;
  url: string;
  resources?: string[] | null;
  active?: boolean;
  description?: string | null;
  secret?: string;
  created_at?: string;
  version?: number;
}

const RESOURCES = ["actors", "actions", "indicators", "meetings", "dossiers", "agreements", "municipalities"];

export default function Webhooks() {
  const { t, dateTime } = useI18n();
  const list = useAsync(() => rawJson<{ items: Webhook[] }>("GET", "/api/v1/webhooks?limit=200"), []);
  const [form, setForm] = useState({ url: "", resources: [] as string[], description: "" });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Webhook | null>(null);
  const errs = error instanceof ApiError ? fieldErrors(error.problem) : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { url: form.url };
      if (form.resources.length) body.resources = form.resources;
      if (form.description) body.description = form.description;
      const w = await rawJson<Webhook>("POST", "/api/v1/webhooks", body);
      setForm({ url: "", resources: [], description: "" });
      setCreated(w);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (w: Webhook) => {
    if (!window.confirm(t("admin.webhook_delete_confirm", { url: w.url }))) return;
    setError(null);
    try {
      await rawJson("DELETE", `/api/v1/webhooks/${w.id}`);
    } catch (err) {
      setError(err);
    }
    list.reload();
  };
  const secret = created ? created.secret ?? Object.values(created).find((v) => typeof v === "string" && v.startsWith("whsec_")) ?? "" : "";

  return (
    <>
      <PageHead title={t("admin.webhooks")} />
      <AdminNav />
      <p className="lead">{t("admin.webhooks_lead")}</p>
      <ProblemAlert error={list.error} />
      {list.loading ? <Skeleton height="8rem" /> : !list.error && ((list.data?.items.length ?? 0) === 0 ? <Empty>{t("admin.no_webhooks")}</Empty> : (
        <div className="table-wrap">
          <table data-testid="webhooks-table">
            <caption className="visually-hidden">{t("admin.webhooks")}</caption>
            <thead><tr><th scope="col">URL</th><th scope="col">{t("admin.resources")}</th><th scope="col">{t("admin.state")}</th><th scope="col">{t("common.created")}</th><th scope="col"><span className="visually-hidden">{t("common.actions")}</span></th></tr></thead>
            <tbody>
              {list.data!.items.map((w) => (
                <tr key={w.id}>
                  <td><code>{w.url}</code>{w.description && <div className="meta">{w.description}</div>}</td>
                  <td>{w.resources && w.resources.length ? w.resources.join(", ") : t("admin.all_resources")}</td>
                  <td>{w.active === false ? <Badge kind="cancelled">{t("admin.inactive")}</Badge> : <Badge kind="done">{t("admin.active")}</Badge>}</td>
                  <td>{w.created_at ? dateTime(w.created_at) : ""}</td>
                  <td><button type="button" className="btn btn-danger btn-small" onClick={() => void remove(w)}>{t("common.delete")}<span className="visually-hidden"> {w.url}</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <form onSubmit={submit} className="card" aria-label={t("admin.new_webhook")} noValidate>
        <h2>{t("admin.new_webhook")}</h2>
        <ProblemAlert error={error} shownFields={["url", "resources", "description"]} />
        <TextField name="url" type="url" label="URL" hint={t("admin.webhook_url_hint")} required value={form.url} error={errs.url} onChange={(v) => setForm({ ...form, url: v })} />
        <TextField name="description" label={t("common.description")} value={form.description} error={errs.description} onChange={(v) => setForm({ ...form, description: v })} />
        <CheckGroup legend={t("admin.resources")} name="resources" value={form.resources} error={errs.resources} onChange={(v) => setForm({ ...form, resources: v })}
          options={RESOURCES.map((r) => ({ value: r, label: r }))} />
        <p className="hint">{t("admin.resources_hint")}</p>
        <button className="btn" type="submit" disabled={busy}>{t("admin.subscribe")}</button>
      </form>
      <SecretOnce open={created !== null} title={t("admin.webhook_secret_title")} label={t("admin.signing_secret")} secret={secret}
        extra={created ? [{ label: "URL", value: created.url }] : []} onClose={() => setCreated(null)} />
    </>
  );
}
