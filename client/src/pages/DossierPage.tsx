import { useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "react-router";
import { api, unwrap, unwrapWithEtag } from "../api/client";
import type { Dossier, DossierEvent, DossierStatus, Meeting } from "../api/types";
import { conflicts, mergeable, type FieldConflict } from "../api/conflict";
import { useI18n } from "../i18n/I18n";
import { dossierEventText } from "../i18n/translate";
import { todayIso } from "../i18n/format";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { allPages, byId, getActors } from "../lib/refdata";
import { dossierMoves } from "../lib/lifecycle";
import { DOSSIER_STATUSES, EVENT_KINDS } from "../lib/enums";
import { Badge, Empty, PageHead, Section, Skeleton } from "../components/ui";
import { SelectField, TextArea, TextField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";
import { ConflictDialog } from "../components/ConflictDialog";
import { useSession } from "../auth/session";
import { mayUpdate, mayUse } from "../auth/permissions";
import { fieldLabel } from "../i18n/translate";
import { DossierEditForm } from "../components/DossierEditForm";

interface Loaded {
  dossier: Dossier;
  etag: string | null;
}

export default function DossierPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const { t, te, date, lang } = useI18n();
  const { principal } = useSession();
  const loaded = useAsync<Loaded>(async () => {
    const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/dossiers/{record_id}", { params: { path: { record_id: id } } }));
    return { dossier: data, etag };
  }, [id]);
  const events = useAsync<DossierEvent[]>(
    () => allPages<DossierEvent>((cursor) => unwrap(api.GET("/api/v1/dossiers/{parent_id}/events", { params: { path: { parent_id: id }, query: { limit: 500, cursor } } }))),
    [id],
  );
  const actors = useAsync(getActors, []);
  const meetings = useAsync<Meeting[]>(
    () => (mayUse(principal, "meetings")
      ? unwrap(api.GET("/api/v1/meetings", { params: { query: { dossier: id, limit: 100 } } })).then((p) => p.items)
      : Promise.resolve([])),
    [id, principal.role],
  );
  const [form, setForm] = useState({ date: todayIso(), kind: "note", text: "", meeting_id: "" });
  const [editing, setEditing] = useState(false);
  const [flash, setFlash] = useState<string | null>((location.state as { flash?: string } | null)?.flash === "created" ? t("dossier.created") : null);

  const moving = useSubmit<[DossierStatus, Loaded], { list: FieldConflict[]; theirs: Loaded; to: DossierStatus }>(async (to, cur) => {
    setFlash(null);
    const { data, etag } = await unwrapWithEtag(api.PATCH("/api/v1/dossiers/{record_id}", {
      params: { path: { record_id: cur.dossier.id }, header: { "if-match": cur.etag ?? undefined } },
      body: { status: to },
    }));
    loaded.setData({ dossier: data, etag });
    setFlash(t("dossier.moved", { status: te("dossier_status", to) }));
    events.reload();
  }, {
    onConflict: async (_err, to, cur) => {
      const fresh = await unwrapWithEtag(api.GET("/api/v1/dossiers/{record_id}", { params: { path: { record_id: cur.dossier.id } } }));
      return {
        list: conflicts(cur.dossier as unknown as Record<string, unknown>, fresh.data as unknown as Record<string, unknown>, { status: to }),
        theirs: { dossier: fresh.data, etag: fresh.etag },
        to,
      };
    },
    // Someone changed another field: the move applies to their version as it is.
    merge: (c, to) => (mergeable(c.list) ? [to, c.theirs] : null),
  });
  const { error, conflict } = moving;
  const move = (to: DossierStatus, cur: Loaded = loaded.data!) => moving.run(to, cur);

  const adding = useSubmit(async () => {
    await unwrap(api.POST("/api/v1/dossiers/{parent_id}/events", {
      params: { path: { parent_id: id } },
      body: { date: form.date, kind: form.kind as DossierEvent["kind"], text: form.text, meeting_id: form.meeting_id || null },
    }));
    setForm({ date: todayIso(), kind: "note", text: "", meeting_id: "" });
    events.reload();
    setFlash(t("dossier.event_added"));
  });
  const { error: eventError, errors: evErrs } = adding;
  const addEvent = (e: FormEvent) => {
    e.preventDefault();
    void adding.run();
  };
  // A move and a new event both change the timeline: one at a time.
  const busy = moving.busy || adding.busy;

  if (loaded.loading) return <Skeleton height="30rem" />;
  if (loaded.error || !loaded.data) {
    return (<><PageHead title={t("dossier.title_one")} crumbs={[{ to: "/dossiers", label: t("nav.dossiers") }]} /><ProblemAlert error={loaded.error} /></>);
  }
  const d = loaded.data.dossier;
  const actorById = byId(actors.data);
  const meetingById = byId(meetings.data);
  const editable = mayUpdate(d);
  const timeline = [...(events.data ?? [])].sort((a, b) => b.date.localeCompare(a.date) || b.created_at.localeCompare(a.created_at));
  const step = DOSSIER_STATUSES.indexOf(d.status);

  return (
    <>
      <PageHead title={`${d.code} · ${d.title}`} crumbs={[{ to: "/dossiers", label: t("nav.dossiers") }]}>
        {editable && !editing && (
          <button type="button" className="btn btn-secondary" onClick={() => { setFlash(null); setEditing(true); }}>{t("dossier.edit")}</button>
        )}
      </PageHead>
      <p>
        <Badge kind={d.status}>{te("dossier_status", d.status)}</Badge>{" "}
        <span className="meta">{te("dossier_theme", d.theme)} · {te("dossier_level", d.level)}</span>
      </p>
      <ol className="tags" aria-label={t("dossier.lifecycle")}>
        {DOSSIER_STATUSES.map((s, i) => (
          <li key={s} className={"tag" + (i === step ? " badge-in_progress" : "")} aria-current={i === step ? "step" : undefined}>
            {i + 1}. {te("dossier_status", s)}
          </li>
        ))}
      </ol>
      {flash && <div className="alert alert-ok" role="status" style={{ marginTop: "1rem" }}><p>{flash}</p></div>}
      <ProblemAlert error={error} shownFields={[]} />
      {editing && (
        <DossierEditForm
          current={loaded.data}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            loaded.setData(next);
            setEditing(false);
            setFlash(t("dossier.saved"));
          }}
        />
      )}
      {editable && (
        <div className="form-actions" role="group" aria-label={t("dossier.move")}>
          {dossierMoves(d.status).map(({ to, forward }) => (
            <button key={to} type="button" className={forward ? "btn" : "btn btn-secondary"} disabled={busy} onClick={() => void move(to)}>
              {t(forward ? "dossier.move_to" : "dossier.move_back", { status: te("dossier_status", to) })}
            </button>
          ))}
        </div>
      )}
      <div className="two-col">
        <div>
          <Section title={t("dossier.evidence")}>
            {d.evidence_summary ? <p className="pre">{d.evidence_summary}</p> : <Empty>{t("dossier.no_evidence")}</Empty>}
          </Section>
          <Section title={t("dossier.timeline")}>
            {events.loading ? <Skeleton height="8rem" /> : events.error ? <ProblemAlert error={events.error} focus={false} /> : timeline.length === 0 ? <Empty>{t("dossier.no_events")}</Empty> : (
              <ol className="timeline" data-testid="timeline">
                {timeline.map((ev) => (
                  <li key={ev.id}>
                    <div className="meta"><time dateTime={ev.date}>{date(ev.date, "long")}</time> · {te("event_kind", ev.kind)}</div>
                    <div className="pre">{dossierEventText(lang, ev.kind, ev.text)}</div>
                    {ev.meeting_id && <Link to={`/meetings/${ev.meeting_id}`}>{meetingById.get(ev.meeting_id)?.title ?? t("dossier.meeting")}</Link>}
                  </li>
                ))}
              </ol>
            )}
            {editable && (
              <form onSubmit={addEvent} className="card" style={{ marginTop: "1rem" }} aria-label={t("dossier.add_event")} noValidate>
                <h3>{t("dossier.add_event")}</h3>
                <ProblemAlert error={eventError} shownFields={["date", "kind", "text", "meeting_id"]} />
                <div className="grid grid-2">
                  <TextField name="date" type="date" label={t("common.date")} required value={form.date} error={evErrs.date} onChange={(v) => setForm({ ...form, date: v })} />
                  <SelectField name="kind" label={t("dossier.event_kind")} value={form.kind} error={evErrs.kind} onChange={(v) => setForm({ ...form, kind: v })}
                    options={EVENT_KINDS.filter((k) => k !== "status_change").map((k) => ({ value: k, label: te("event_kind", k) }))} />
                </div>
                <TextArea name="text" label={t("dossier.event_text")} hint={t("dossier.evidence_hint")} required rows={3} value={form.text} error={evErrs.text}
                  onChange={(v) => setForm({ ...form, text: v })} />
                {(meetings.data ?? []).length > 0 && (
                  <SelectField name="meeting_id" label={t("dossier.meeting")} value={form.meeting_id} emptyLabel={t("common.none")} error={evErrs.meeting_id}
                    onChange={(v) => setForm({ ...form, meeting_id: v })} options={(meetings.data ?? []).map((m) => ({ value: m.id, label: `${m.title} (${date(m.starts_at)})` }))} />
                )}
                <button type="submit" className="btn" disabled={busy}>{t("dossier.add_event")}</button>
              </form>
            )}
          </Section>
        </div>
        <aside aria-label={t("dossier.facts")}>
          <h2 style={{ marginTop: 0 }}>{t("dossier.facts")}</h2>
          <dl className="props" style={{ gridTemplateColumns: "1fr" }}>
            <dt>{t("dossier.raised_by")}</dt>
            <dd>{d.raised_by_id ? <Link to={`/actors/${d.raised_by_id}`}>{actorById.get(d.raised_by_id)?.name ?? "…"}</Link> : "—"}</dd>
            <dt>{t("dossier.level")}</dt><dd>{te("dossier_level", d.level)}</dd>
            <dt>{t("dossier.theme")}</dt><dd>{te("dossier_theme", d.theme)}</dd>
            <dt>{t("common.updated")}</dt><dd>{date(d.updated_at)}</dd>
          </dl>
          {(meetings.data ?? []).length > 0 && (
            <>
              <h3>{t("dossier.meetings")}</h3>
              <ul className="list-plain">
                {meetings.data!.map((m) => <li key={m.id}><Link to={`/meetings/${m.id}`}>{m.title}</Link> <span className="meta">{date(m.starts_at)}</span></li>)}
              </ul>
            </>
          )}
        </aside>
      </div>
      <ConflictDialog
        open={conflict !== null}
        conflicts={conflict?.list ?? []}
        label={(f) => fieldLabel(lang, "dossier", f)}
        render={(f, v) => (v === null || v === undefined ? "—" : f === "status" ? te("dossier_status", String(v)) : Array.isArray(v) ? String(v.length) : String(v).slice(0, 120))}
        onReload={() => { if (conflict) loaded.setData(conflict.theirs); moving.clearConflict(); events.reload(); }}
        onKeep={() => { const c = conflict; moving.clearConflict(); if (c) { loaded.setData(c.theirs); void move(c.to, c.theirs); } }}
        byYou={moving.conflictByYou}
      />
    </>
  );
}
