import { useState, type FormEvent } from "react";
import { api, unwrap, unwrapWithEtag } from "../../api/client";
import type { Delivery, Webhook, WebhookWithSecret } from "../../api/types";
import { useI18n } from "../../i18n/I18n";
import { eventLabel, resourceLabel } from "../../i18n/translate";
import { useAsync } from "../../lib/useAsync";
import { usePaged } from "../../lib/usePaged";
import { useSubmit } from "../../lib/useSubmit";
import { guardedRowUpdate } from "../../lib/rowUpdate";
import { Badge, Empty, MoreButton, PageHead, Skeleton } from "../../components/ui";
import { CheckGroup, TextField } from "../../components/fields";
import { ProblemAlert } from "../../components/ProblemAlert";
import { SecretOnce } from "../../components/SecretOnce";
import { AdminNav } from "./AdminNav";

const RESOURCES = ["actors", "municipalities", "actions", "indicators", "measurements", "meetings", "dossiers", "agreements"];

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t, dateTime, lang } = useI18n();
  const list = useAsync(() => unwrap(api.GET("/api/v1/webhooks/{record_id}/deliveries", { params: { path: { record_id: webhook.id }, query: { limit: 10 } } })), [webhook.id]);
  const retry = useSubmit(async (d: Delivery) => {
    await unwrap(api.POST("/api/v1/webhooks/{record_id}/deliveries/{delivery_id}/retry", { params: { path: { record_id: webhook.id, delivery_id: d.id } } }));
    list.reload();
  });
  if (list.loading) return <Skeleton height="4rem" />;
  return (
    <>
      <ProblemAlert error={list.error ?? retry.error} focus={false} />
      {(list.data?.items.length ?? 0) === 0 ? <Empty>{t("admin.no_deliveries")}</Empty> : (
        <ul className="list-plain">
          {list.data!.items.map((d) => (
            <li key={d.id} className="inline-actions">
              <Badge kind={d.status === "delivered" ? "done" : d.status === "failed" ? "cancelled" : "planned"}>{t(`admin.delivery_${d.status}` as "admin.delivery_pending")}</Badge>
              <span>{eventLabel(lang, d.event_type)}</span>
              <span className="meta">{dateTime(d.created_at)}{d.last_status_code ? ` · HTTP ${d.last_status_code}` : ""}{d.last_error ? ` · ${d.last_error}` : ""}</span>
              {d.status === "failed" && <button type="button" className="btn btn-secondary btn-small" onClick={() => void retry.run(d)}>{t("admin.retry")}</button>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export default function Webhooks() {
  const { t, dateTime, lang } = useI18n();
  const list = usePaged<Webhook>((cursor) => unwrap(api.GET("/api/v1/webhooks", { params: { query: { limit: 50, cursor } } })), []);
  const [form, setForm] = useState({ url: "", resources: [] as string[], description: "" });
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const create = useSubmit(async () => {
    const w = await unwrap(api.POST("/api/v1/webhooks", {
      body: { url: form.url.trim(), description: form.description, resources: form.resources, active: true },
    }));
    setForm({ url: "", resources: [], description: "" });
    setSecret(w);
    list.reload();
  });
  const { busy, error, errors: errs } = create;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  const read = (w: Webhook) => () => unwrapWithEtag(api.GET("/api/v1/webhooks/{record_id}", { params: { path: { record_id: w.id } } }));
  // Deleting, (de)activating and rotating share one alert: a row's action, whichever it was.
  const rowAction = useSubmit((fn: () => Promise<unknown>) => fn());
  const row = (fn: () => Promise<unknown>) => rowAction.run(fn).then(list.reload);
  const remove = (w: Webhook) => {
    if (!window.confirm(t("admin.webhook_delete_confirm", { url: w.url }))) return;
    void row(() => guardedRowUpdate(w, read(w), async (etag) => {
      await unwrap(api.DELETE("/api/v1/webhooks/{record_id}", { params: { path: { record_id: w.id }, header: { "if-match": etag ?? undefined } } }));
      return w;
    }));
  };
  const toggle = (w: Webhook) => void row(() => guardedRowUpdate(w, read(w), (etag) => unwrap(api.PATCH("/api/v1/webhooks/{record_id}", {
    params: { path: { record_id: w.id }, header: { "if-match": etag ?? undefined } }, body: { active: !w.active },
  }))));
  const rotate = (w: Webhook) => {
    if (!window.confirm(t("admin.webhook_rotate_confirm", { url: w.url }))) return;
    void row(async () => setSecret(await unwrap(api.POST("/api/v1/webhooks/{record_id}/rotate-secret", { params: { path: { record_id: w.id } } }))));
  };

  return (
    <>
      <PageHead title={t("admin.webhooks")} />
      <AdminNav />
      <p className="lead">{t("admin.webhooks_lead")}</p>
      <ProblemAlert error={list.error} />
      <ProblemAlert error={rowAction.error} />
      {list.loading ? <Skeleton height="8rem" /> : list.items.length === 0 ? <Empty>{t("admin.no_webhooks")}</Empty> : (
        <ul className="cards" style={{ gridTemplateColumns: "1fr" }} data-testid="webhooks-list">
          {list.items.map((w) => (
            <li key={w.id} className="card">
              <h2 style={{ fontSize: "1rem" }}><code>{w.url}</code></h2>
              <p className="meta">
                {w.active ? <Badge kind="done">{t("admin.active")}</Badge> : <Badge kind="cancelled">{t("admin.inactive")}</Badge>}{" "}
                {t("admin.resources")}: {w.resources.length ? w.resources.map((r) => resourceLabel(lang, r)).join(", ") : t("admin.all_resources")} · {t("common.created")} {dateTime(w.created_at)}
              </p>
              {w.description && <p>{w.description}</p>}
              <div className="inline-actions">
                <button type="button" className="btn btn-secondary btn-small" onClick={() => toggle(w)}>
                  {w.active ? t("admin.deactivate") : t("admin.activate")}<span className="visually-hidden"> {w.url}</span>
                </button>
                <button type="button" className="btn btn-secondary btn-small" onClick={() => rotate(w)}>
                  {t("admin.rotate")}<span className="visually-hidden"> {w.url}</span>
                </button>
                <button type="button" className="btn btn-danger btn-small" onClick={() => remove(w)}>
                  {t("common.delete")}<span className="visually-hidden"> {w.url}</span>
                </button>
              </div>
              <details style={{ marginTop: ".5rem" }}>
                <summary>{t("admin.deliveries")}</summary>
                <Deliveries webhook={w} />
              </details>
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && <MoreButton onClick={list.loadMore} busy={list.busy} />}
      <form onSubmit={submit} className="card" aria-label={t("admin.new_webhook")} noValidate style={{ marginTop: "1rem" }}>
        <h2>{t("admin.new_webhook")}</h2>
        <ProblemAlert error={error} shownFields={["url", "resources", "description"]} />
        <TextField name="url" type="url" label="URL" hint={t("admin.webhook_url_hint")} required value={form.url} error={errs.url} onChange={(v) => setForm({ ...form, url: v })} />
        <TextField name="description" label={t("common.description")} value={form.description} error={errs.description} onChange={(v) => setForm({ ...form, description: v })} />
        <CheckGroup legend={t("admin.resources")} name="resources" value={form.resources}
          error={errs.resources ?? Object.entries(errs).find(([k]) => k.startsWith("resources."))?.[1]}
          onChange={(v) => setForm({ ...form, resources: v })} options={RESOURCES.map((r) => ({ value: r, label: resourceLabel(lang, r) }))} />
        <p className="hint">{t("admin.resources_hint")}</p>
        <button className="btn" type="submit" disabled={busy}>{t("admin.subscribe")}</button>
      </form>
      <SecretOnce open={secret !== null} title={t("admin.webhook_secret_title")} label={t("admin.signing_secret")} secret={secret?.secret ?? ""}
        extra={secret ? [{ label: "URL", value: secret.url }] : []} onClose={() => setSecret(null)} />
    </>
  );
}
