import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import { normaliseAgenda, type AgendaNode } from "../lib/agenda";
import { AgendaEditor } from "../components/AgendaEditor";
import type { Meeting } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { usePaged } from "../lib/usePaged";
import { useSubmit } from "../lib/useSubmit";
import { allPages, byId, getBodies } from "../lib/refdata";
import { localToUtc } from "../lib/datetime";
import { Badge, Empty, MoreButton, PageHead, Section, Skeleton } from "../components/ui";
import { SelectField, TextField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";
import { useSession } from "../auth/session";
import { mayEditMeeting } from "../auth/permissions";

function MeetingList({ body, upcoming }: { body: string; upcoming: boolean }) {
  const { t, te, dateTime } = useI18n();
  const bodies = useAsync(getBodies, []);
  const bodyById = byId(bodies.data);
  // Upcoming: soonest first, page by page. Past: most recent first, so all of them (a body
  // meets a few times a year) turned around.
  const list = usePaged<Meeting>(
    (cursor) => (upcoming
      ? unwrap(api.GET("/api/v1/meetings", { params: { query: { body: body || undefined, upcoming, limit: 20, cursor } } }))
      : allPages<Meeting>((c) => unwrap(api.GET("/api/v1/meetings", { params: { query: { body: body || undefined, upcoming, limit: 500, cursor: c } } })))
        .then((items) => ({ items: items.sort((a, b) => b.starts_at.localeCompare(a.starts_at)), next_cursor: null }))),
    [body, upcoming],
  );
  if (list.loading) return <Skeleton height="8rem" />;
  return (
    <>
      <ProblemAlert error={list.error} focus={false} />
      {list.items.length === 0 ? <Empty>{upcoming ? t("meetings.none_upcoming") : t("meetings.none_past")}</Empty> : (
        <ul className="list-plain" data-testid={upcoming ? "meetings-upcoming" : "meetings-past"}>
          {list.items.map((m) => (
            <li key={m.id}>
              <Link to={`/meetings/${m.id}`}>{m.title}</Link> {m.status !== "planned" && <Badge kind={m.status}>{te("meeting_status", m.status)}</Badge>}
              <div className="meta">
                {dateTime(m.starts_at)}{m.location && <> · {m.location}</>} · {bodyById.get(m.body_id)?.name ?? ""}
                {m.decisions.length > 0 && <> · {t("meetings.n_decisions", { count: m.decisions.length })}</>}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ProblemAlert error={list.moreError} focus={false} />
      {list.hasMore && <MoreButton onClick={list.loadMore} busy={list.busy} />}
    </>
  );
}

function NewMeeting({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const bodies = useAsync(getBodies, []);
  const [form, setForm] = useState({ body_id: "", title: "", starts_at: "", ends_at: "", location: "" });
  // The chosen body's agenda template, filled in to be adjusted before the meeting is made.
  const [agenda, setAgenda] = useState<AgendaNode[]>([]);
  const create = useSubmit(async () => {
    const created = await unwrap(api.POST("/api/v1/meetings", {
      body: {
        body_id: form.body_id, title: form.title, starts_at: localToUtc(form.starts_at) ?? form.starts_at,
        ends_at: localToUtc(form.ends_at) ?? form.ends_at, location: form.location || null, agenda: normaliseAgenda(agenda),
      } as never,
    }));
    onDone();
    navigate(`/meetings/${created.id}`);
  });
  const { busy, error, errors: errs } = create;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form onSubmit={submit} className="card" aria-label={t("meetings.new")} noValidate>
      <ProblemAlert error={error} shownFields={["body_id", "title", "starts_at", "ends_at", "location", "agenda"]} />
      <div className="grid grid-2">
        <SelectField name="body_id" label={t("meeting.body")} required value={form.body_id} error={errs.body_id} emptyLabel={t("common.choose")}
          onChange={(v) => { setForm({ ...form, body_id: v }); setAgenda((bodies.data?.find((b) => b.id === v)?.agenda_template ?? []) as AgendaNode[]); }} options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        <TextField name="title" label={t("meeting.title")} required value={form.title} error={errs.title} onChange={(v) => setForm({ ...form, title: v })} />
        <TextField name="starts_at" type="datetime-local" label={t("meeting.starts_at")} required value={form.starts_at} error={errs.starts_at} onChange={(v) => setForm({ ...form, starts_at: v })} />
        <TextField name="ends_at" type="datetime-local" label={t("meeting.ends_at")} required value={form.ends_at} error={errs.ends_at} onChange={(v) => setForm({ ...form, ends_at: v })} />
        <TextField name="location" label={t("meeting.location")} value={form.location} error={errs.location} onChange={(v) => setForm({ ...form, location: v })} />
      </div>
      {form.body_id && <AgendaEditor value={agenda} onChange={setAgenda} errors={errs} field="agenda" legend={t("meetings.agenda_from_template")} />}
      <button className="btn" type="submit" disabled={busy}>{t("common.create")}</button>
    </form>
  );
}

/** Calendar apps subscribe to a person's own address (made on the profile page), which holds
 * the meetings of every body the person may see: no file to download, no token to send. */
function CalendarLink() {
  const { t } = useI18n();
  return <Link className="btn btn-secondary btn-small" to="/profile#calendar">{t("calendar.title")}</Link>;
}

export default function Meetings() {
  const { t } = useI18n();
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const body = params.get("body") ?? "";
  const bodies = useAsync(getBodies, []);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHead title={t("meetings.title")}>
        <CalendarLink />
        <Link className="btn btn-secondary" to="/bodies">{t("body.title_many")}</Link>
        {mayEditMeeting(principal) && (
          <button type="button" className="btn" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>{t("meetings.new")}</button>
        )}
      </PageHead>
      {creating && <NewMeeting onDone={() => setCreating(false)} />}
      <div className="filters">
        <div className="grid grid-3">
          <SelectField name="body" label={t("meeting.body")} value={body} emptyLabel={t("meetings.all_bodies")}
            onChange={(v) => setParams(v ? { body: v } : {}, { replace: true })} options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        </div>
      </div>
      {body && bodies.data && (() => {
        const b = bodies.data.find((x) => x.id === body);
        return b ? <div className="lead"><p>{b.description} <Link to={`/bodies/${b.id}`}>{t("meetings.about_body")}</Link></p></div> : null;
      })()}
      <div className="grid grid-2">
        <Section title={t("meetings.upcoming")}><MeetingList body={body} upcoming /></Section>
        <Section title={t("meetings.past")}><MeetingList body={body} upcoming={false} /></Section>
      </div>
    </>
  );
}
