import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, unwrapWithEtag } from "../api/client";
import type { AgendaItem, Decision, Meeting } from "../api/types";
import type { components } from "../api/schema";
import { conflicts, mergeable, type FieldConflict } from "../api/conflict";
import { useI18n } from "../i18n/I18n";
import { todayIso } from "../i18n/format";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { allPages, byId, getActors, getBodies, getObjectives, getPillars } from "../lib/refdata";
import { ATTENDANCE, MEETING_STATUSES } from "../lib/enums";
import { normaliseAgenda, type AgendaNode } from "../lib/agenda";
import { AgendaEditor } from "../components/AgendaEditor";
import { Badge, Empty, PageHead, Section, Skeleton } from "../components/ui";
import { CheckField, SelectField, TextArea, TextField } from "../components/fields";
import { AgendaProposals } from "../components/AgendaProposals";
import { ProblemAlert } from "../components/ProblemAlert";
import { Dialog } from "../components/Dialog";
import { ConflictDialog } from "../components/ConflictDialog";
import { useSession } from "../auth/session";
import { mayAddDocuments, mayDo, mayEditMeeting } from "../auth/permissions";
import { DocumentsPanel } from "../components/DocumentsPanel";
import type { Action, Actor, Dossier, User } from "../api/types";
import { fieldLabel } from "../i18n/translate";
import { MeetingMail } from "../components/MeetingMail";

type MeetingPatch = components["schemas"]["MeetingUpdate"];
type Attendee = Meeting["attendance"][number];

/**
 * Who may be added to the attendance: organisations, their contact persons and people with a
 * login (never a free name). A choice is one select value: `a|actor`, `c|actor|index of the
 * contact person`, `u|user`.
 */
function attendeeChoices(actors: Actor[], users: User[], present: Attendee[], members: Set<string>, label: (a: Actor) => string) {
  const has = (f: (a: Attendee) => boolean) => present.some(f);
  const orgs = actors.filter((a) => !has((x) => x.actor_id === a.id && !x.person && !x.user_id))
    .sort((a, b) => Number(members.has(b.id)) - Number(members.has(a.id)))
    .map((a) => ({ value: `a|${a.id}`, label: label(a) }));
  const contacts = actors.flatMap((a) => (a.contact_persons ?? []).map((c, i) => ({ a, c, i })))
    .filter(({ a, c }) => !has((x) => x.actor_id === a.id && x.person === c.name && !x.user_id))
    .map(({ a, c, i }) => ({ value: `c|${a.id}|${i}`, label: `${c.name} · ${a.name}` }));
  const people = users.filter((u) => !has((x) => x.user_id === u.id)).map((u) => ({ value: `u|${u.id}`, label: u.name }));
  return { orgs, contacts, people };
}

/** The attendance row a choice stands for (see attendeeChoices). */
export function attendeeOf(choice: string, actors: Actor[]): Attendee | null {
  const [kind, id, index] = choice.split("|");
  if (kind === "a" && id) return { actor_id: id, user_id: null, person: null, status: "present" };
  if (kind === "u" && id) return { actor_id: null, user_id: id, person: null, status: "present" };
  const person = actors.find((a) => a.id === id)?.contact_persons?.[Number(index)]?.name;
  return kind === "c" && id && person ? { actor_id: id, user_id: null, person, status: "present" } : null;
}

/** A change to a meeting, built from the version it applies to (so it can be re-applied after a 412). */
type Build = (m: Meeting) => MeetingPatch;

function Agenda({ items }: { items: AgendaItem[] }) {
  return (
    <ol>
      {items.map((it, i) => (
        <li key={i}>
          <strong>{it.title}</strong>
          {it.description && <div className="meta pre">{it.description}</div>}
          {it.items && it.items.length > 0 && <Agenda items={it.items} />}
        </li>
      ))}
    </ol>
  );
}

/** The one-step "start an action from this decision" form. */
function StartAction({ meeting, decision, onClose }: { meeting: Meeting; decision: Decision; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const pillars = useAsync(getPillars, []);
  const objectives = useAsync(getObjectives, []);
  const actors = useAsync(getActors, []);
  const year = new Date().getFullYear();
  const [form, setForm] = useState({
    code: "", title: decision.text.slice(0, 200), pillar_id: "", objective_id: "", lead_actor_id: "",
    start_date: todayIso(), end_date: `${Math.max(year, 2025)}-12-31`,
  });
  const start = useSubmit(async () => {
    const res = await unwrap(api.POST("/api/v1/meetings/{record_id}/decisions/{decision_id}/start-action", {
      params: { path: { record_id: meeting.id, decision_id: decision.id } },
      body: {
        code: form.code, title: form.title, pillar_id: form.pillar_id, start_date: form.start_date, end_date: form.end_date,
        objective_id: form.objective_id || null, lead_actor_id: form.lead_actor_id || null,
      },
    }));
    onClose();
    navigate(`/actions/${res.action_id}`, { state: { flash: "started" } });
  }, { keepBusy: true });
  const { busy, error, errors: errs } = start;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start.run();
  };
  return (
    <form onSubmit={submit} noValidate>
      <p className="meta">{t("meeting.start_action_intro")}</p>
      <blockquote className="card">{decision.text}</blockquote>
      <ProblemAlert error={error} shownFields={["code", "title", "pillar_id", "objective_id", "lead_actor_id", "start_date", "end_date"]} />
      <div className="grid grid-2">
        <TextField name="code" label={t("action.code")} required value={form.code} error={errs.code} onChange={(v) => setForm({ ...form, code: v })} />
        <TextField name="title" label={t("action.title")} required value={form.title} error={errs.title} onChange={(v) => setForm({ ...form, title: v })} />
        <SelectField name="pillar_id" label={t("action.pillar_id")} required value={form.pillar_id} error={errs.pillar_id} emptyLabel={t("common.choose")}
          onChange={(v) => setForm({ ...form, pillar_id: v, objective_id: "" })}
          options={(pillars.data ?? []).filter((p) => p.framework === "actieplan").map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))} />
        <SelectField name="objective_id" label={t("action.objective_id")} value={form.objective_id} error={errs.objective_id} emptyLabel={t("common.none")}
          onChange={(v) => setForm({ ...form, objective_id: v })}
          options={(objectives.data ?? []).filter((o) => o.pillar_id === form.pillar_id).map((o) => ({ value: o.id, label: `${o.code} ${o.title}` }))} />
        <SelectField name="lead_actor_id" label={t("action.lead_actor_id")} value={form.lead_actor_id} error={errs.lead_actor_id} emptyLabel={t("common.none")}
          onChange={(v) => setForm({ ...form, lead_actor_id: v })} options={(actors.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        <div />
        <TextField name="start_date" type="date" label={t("action.start_date")} required value={form.start_date} error={errs.start_date} onChange={(v) => setForm({ ...form, start_date: v })} />
        <TextField name="end_date" type="date" label={t("action.end_date")} required value={form.end_date} error={errs.end_date} onChange={(v) => setForm({ ...form, end_date: v })} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={busy}>{t("meeting.start_action")}</button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}

/** Link a decision to an existing action or dossier (or undo the link): its follow-up. */
function FollowUp({ decision, actions, dossiers, busy, onSave }: {
  decision: Decision; actions: Action[]; dossiers: Dossier[]; busy: boolean;
  onSave: (link: { action_id: string | null; dossier_id: string | null }) => void;
}) {
  const { t } = useI18n();
  const [action, setAction] = useState(decision.action_id ?? "");
  const [dossier, setDossier] = useState(decision.dossier_id ?? "");
  return (
    <details>
      <summary>{t("meeting.follow_up")}</summary>
      <form className="inline-actions" aria-label={t("meeting.follow_up_of", { text: decision.text.slice(0, 60) })}
        onSubmit={(e) => { e.preventDefault(); onSave({ action_id: action || null, dossier_id: dossier || null }); }}>
        <SelectField name="follow_action" label={t("meeting.follow_action")} value={action} emptyLabel={t("common.none")} onChange={setAction}
          options={actions.map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }))} />
        <SelectField name="follow_dossier" label={t("meeting.dossier")} value={dossier} emptyLabel={t("common.none")} onChange={setDossier}
          options={dossiers.map((d) => ({ value: d.id, label: `${d.code} ${d.title}` }))} />
        <button type="submit" className="btn btn-secondary btn-small" disabled={busy}>{t("common.save")}</button>
      </form>
    </details>
  );
}

interface Loaded {
  meeting: Meeting;
  etag: string | null;
}

export default function MeetingPage() {
  const { id = "" } = useParams();
  const { t, te, dateTime, time, date, lang } = useI18n();
  const { principal } = useSession();
  const loaded = useAsync<Loaded>(async () => {
    const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/meetings/{record_id}", { params: { path: { record_id: id } } }));
    return { meeting: data, etag };
  }, [id]);
  const editable = mayEditMeeting(principal, loaded.data?.meeting ?? { allowed: null });
  const bodies = useAsync(getBodies, []);
  const actors = useAsync(getActors, []);
  const dossiers = useAsync<Dossier[]>(
    () => allPages<Dossier>((cursor) => unwrap(api.GET("/api/v1/dossiers", { params: { query: { limit: 500, cursor } } }))),
    [],
  );
  const actions = useAsync<Action[]>(
    () => (editable ? allPages<Action>((cursor) => unwrap(api.GET("/api/v1/actions", { params: { query: { limit: 500, cursor } } }))) : Promise.resolve([])),
    [editable],
  );
  // People with a login, for the attendance: only for whoever may read the accounts (W13).
  const users = useAsync<User[]>(
    () => (editable && mayDo(principal, "users", "read")
      ? allPages<User>((cursor) => unwrap(api.GET("/api/v1/users", { params: { query: { limit: 500, cursor } } })))
      : Promise.resolve([])),
    [editable],
  );
  const [starting, setStarting] = useState<Decision | null>(null);
  const [decision, setDecision] = useState({ text: "", due_date: "", dossier_id: "" });
  const [minutes, setMinutes] = useState<string | null>(null);
  const [agenda, setAgenda] = useState<AgendaNode[]>([]);
  const [status, setStatus] = useState("");
  const [attendee, setAttendee] = useState("");
  const [flash, setFlash] = useState<string | null>(null);

  useEffect(() => {
    if (!loaded.data) return;
    setMinutes(loaded.data.meeting.minutes ?? "");
    setAgenda(loaded.data.meeting.agenda as AgendaNode[]);
    setStatus(loaded.data.meeting.status);
  }, [loaded.data]);

  /** Save a patch with If-Match; on 412 show what changed and offer to re-apply `build` to the new version. */
  const saving = useSubmit<[Build, string, Loaded], { list: FieldConflict[]; theirs: Loaded; build: Build; done: string }>(
    async (build, done, cur) => {
      setFlash(null);
      const { data, etag } = await unwrapWithEtag(api.PATCH("/api/v1/meetings/{record_id}", {
        params: { path: { record_id: cur.meeting.id }, header: { "if-match": cur.etag ?? undefined } },
        body: build(cur.meeting),
      }));
      loaded.setData({ meeting: data, etag });
      setFlash(done);
    },
    {
      onConflict: async (_err, build, done, cur) => {
        const fresh = await unwrapWithEtag(api.GET("/api/v1/meetings/{record_id}", { params: { path: { record_id: cur.meeting.id } } }));
        return {
          list: conflicts(cur.meeting as unknown as Record<string, unknown>, fresh.data as unknown as Record<string, unknown>, build(cur.meeting) as Record<string, unknown>),
          theirs: { meeting: fresh.data, etag: fresh.etag },
          build,
          done,
        };
      },
      // Someone changed other fields: the same change, built again on their version.
      merge: (c, build, done) => (mergeable(c.list) ? [build, done, c.theirs] : null),
    },
  );
  const { busy, error, errors: errs, conflict } = saving;
  const save = (build: Build, done: string) => saving.run(build, done, loaded.data!);

  if (loaded.loading) return <Skeleton height="30rem" />;
  if (loaded.error || !loaded.data) {
    return (<><PageHead title={t("meeting.title_one")} crumbs={[{ to: "/meetings", label: t("nav.meetings") }]} /><ProblemAlert error={loaded.error} /></>);
  }
  const m = loaded.data.meeting;
  // An accepted proposal joined the agenda on the server: show the agenda as it is now.
  const refresh = async () => {
    const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/meetings/{record_id}", { params: { path: { record_id: m.id } } }));
    loaded.setData({ meeting: data, etag });
  };
  const body = bodies.data?.find((b) => b.id === m.body_id);
  const actorById = byId(actors.data);
  const dossierById = byId(dossiers.data);
  const decisionsIn = (ds: Decision[]) => ds.map((d) => ({ id: d.id, text: d.text, action_id: d.action_id ?? null, dossier_id: d.dossier_id ?? null, due_date: d.due_date ?? null }));

  const addDecision = async (e: FormEvent) => {
    e.preventDefault();
    const entry = { text: decision.text, due_date: decision.due_date || null, dossier_id: decision.dossier_id || null, action_id: null };
    const ok = await save((cur) => ({ decisions: [...decisionsIn(cur.decisions), entry] }), t("meeting.decision_added"));
    if (ok) setDecision({ text: "", due_date: "", dossier_id: "" });
  };
  const removeDecision = (id: string) =>
    void save((cur) => ({ decisions: decisionsIn(cur.decisions).filter((d) => d.id !== id) }), t("meeting.decision_removed"));
  const addAttendee = async (e: FormEvent) => {
    e.preventDefault();
    const row = attendeeOf(attendee, actors.data ?? []);
    if (!row) return;
    const ok = await save((cur) => ({ attendance: [...cur.attendance, row] }), t("meeting.attendance_saved"));
    if (ok) setAttendee("");
  };
  const members = new Set(body?.member_ids ?? []);
  const orgName = (id: string | null | undefined) => (id ? actorById.get(id)?.name ?? "…" : "");
  /** A person with their organisation, or the organisation itself. */
  const nameOf = (a: Attendee) => (a.person ? (a.actor_id ? `${a.person} (${orgName(a.actor_id)})` : a.person) : orgName(a.actor_id));
  const same = (x: Attendee, a: Attendee) => x.actor_id === a.actor_id && x.user_id === a.user_id && x.person === a.person;
  const choices = attendeeChoices(actors.data ?? [], users.data ?? [], m.attendance, members,
    (a) => (members.has(a.id) ? `${a.name} (${t("meeting.member")})` : a.name));
  const sameDay = m.ends_at && m.starts_at.slice(0, 10) === m.ends_at.slice(0, 10);

  return (
    <>
      <PageHead title={m.title} crumbs={[{ to: "/meetings", label: t("nav.meetings") }, ...(body ? [{ to: `/meetings?body=${body.id}`, label: body.name }] : [])]} />
      <p className="meta">
        <Badge kind={m.status}>{te("meeting_status", m.status)}</Badge>{" "}
        {dateTime(m.starts_at)}{m.ends_at && <> – {sameDay ? time(m.ends_at) : dateTime(m.ends_at)}</>}
        {m.location && <> · {m.location}</>}
      </p>
      {flash && <div className="alert alert-ok" role="status"><p>{flash}</p></div>}
      <ProblemAlert error={error} shownFields={editable ? ["decisions", "minutes", "agenda", "status", "attendance", "public"] : []} />
      {editable && (
        <form className="inline-actions" aria-label={t("meeting.status")} onSubmit={(e) => { e.preventDefault(); void save(() => ({ status: status as Meeting["status"] }), t("meeting.status_saved")); }}>
          <SelectField name="status" label={t("meeting.status")} value={status} error={errs.status} onChange={setStatus}
            options={MEETING_STATUSES.map((s) => ({ value: s, label: te("meeting_status", s) }))} />
          <button type="submit" className="btn btn-secondary" disabled={busy || status === m.status}>{t("meeting.save_status")}</button>
        </form>
      )}
      {editable && (
        <CheckField name="public" label={t("meeting.public")} checked={m.public} error={errs.public}
          onChange={(v) => void save(() => ({ public: v }), t("meeting.public_saved"))} />
      )}
      <div className="two-col">
        <div>
          <Section title={t("meeting.agenda")}>
            {editable ? (
              <form aria-label={t("meeting.agenda")} noValidate
                onSubmit={(e) => { e.preventDefault(); const next = normaliseAgenda(agenda); void save(() => ({ agenda: next }), t("meeting.agenda_saved")); }}>
                <AgendaEditor value={agenda} onChange={setAgenda} errors={errs} field="agenda" legend={t("meeting.agenda_items")} />
                <button className="btn" type="submit" disabled={busy}>{t("meeting.save_agenda")}</button>
              </form>
            ) : m.agenda.length === 0 ? <Empty>{t("meeting.no_agenda")}</Empty> : <Agenda items={m.agenda as AgendaItem[]} />}
          </Section>
          <AgendaProposals meeting={m} body={body} onAgendaChanged={() => void refresh()} />
          <Section title={t("meeting.decisions")}>
            <ProblemAlert error={dossiers.error} focus={false} />
            {m.decisions.length === 0 ? <Empty>{t("meeting.no_decisions")}</Empty> : (
              <ol className="list-plain" data-testid="decisions">
                {m.decisions.map((d) => (
                  <li key={d.id}>
                    <p style={{ marginBottom: ".25rem" }}>{d.text}</p>
                    <div className="meta inline-actions">
                      {d.due_date && <span>{t("action.due")} {date(d.due_date)}</span>}
                      {d.action_id ? <Link to={`/actions/${d.action_id}`}>{t("meeting.followed_by_action")}</Link> : null}
                      {d.dossier_id && <Link to={`/dossiers/${d.dossier_id}`}>{dossierById.get(d.dossier_id)?.code ?? t("meeting.dossier")}</Link>}
                      {!d.action_id && editable && (
                        <button type="button" className="btn btn-small" onClick={() => setStarting(d)}>{t("meeting.start_action")}</button>
                      )}
                      {editable && (
                        <button type="button" className="btn btn-small btn-secondary" disabled={busy} onClick={() => removeDecision(d.id)}
                          aria-label={t("meeting.remove_decision_named", { text: d.text.slice(0, 60) })}>{t("common.remove")}</button>
                      )}
                    </div>
                    {editable && (
                      <FollowUp key={`${d.action_id}-${d.dossier_id}`} decision={d} actions={actions.data ?? []} dossiers={dossiers.data ?? []} busy={busy}
                        onSave={(link) => void save((cur) => ({ decisions: decisionsIn(cur.decisions).map((x) => (x.id === d.id ? { ...x, ...link } : x)) }), t("meeting.follow_up_saved"))} />
                    )}
                  </li>
                ))}
              </ol>
            )}
            {editable && (
              <form onSubmit={addDecision} className="card" style={{ marginTop: "1rem" }} aria-label={t("meeting.add_decision")} noValidate>
                <h3>{t("meeting.add_decision")}</h3>
                <TextArea name="decision_text" label={t("meeting.decision_text")} required rows={3} value={decision.text}
                  error={Object.entries(errs).find(([k]) => k.startsWith("decisions"))?.[1]} onChange={(v) => setDecision({ ...decision, text: v })} />
                <div className="grid grid-2">
                  <TextField name="decision_due" type="date" label={t("action.due")} value={decision.due_date} onChange={(v) => setDecision({ ...decision, due_date: v })} />
                  <SelectField name="decision_dossier" label={t("meeting.dossier")} value={decision.dossier_id} emptyLabel={t("common.none")}
                    onChange={(v) => setDecision({ ...decision, dossier_id: v })} options={(dossiers.data ?? []).map((d) => ({ value: d.id, label: `${d.code} ${d.title}` }))} />
                </div>
                <button className="btn" type="submit" disabled={busy}>{t("meeting.add_decision")}</button>
              </form>
            )}
          </Section>
          <Section title={t("meeting.minutes")}>
            {editable ? (
              <form onSubmit={(e) => { e.preventDefault(); void save(() => ({ minutes: minutes || null }), t("meeting.minutes_saved")); }}>
                <TextArea name="minutes" label={t("meeting.minutes")} rows={8} value={minutes ?? ""} error={errs.minutes} onChange={setMinutes} />
                <button className="btn" type="submit" disabled={busy}>{t("common.save")}</button>
              </form>
            ) : m.minutes ? <div className="pre">{m.minutes}</div> : <Empty>{t("meeting.no_minutes")}</Empty>}
          </Section>
          <DocumentsPanel parent="meetings" parentId={m.id} mayUpload={mayAddDocuments(principal, "meeting-documents", m)} />
        </div>
        <aside aria-label={t("meeting.facts")}>
          <Section title={t("meeting.attendance")}>
            {m.attendance.length === 0 ? <Empty>{t("meeting.no_attendance")}</Empty> : (
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t("meeting.attendance")}</caption>
                  <thead><tr><th scope="col">{t("meeting.attendee")}</th><th scope="col">{t("meeting.presence")}</th>{editable && <th scope="col"><span className="visually-hidden">{t("common.remove")}</span></th>}</tr></thead>
                  <tbody>
                    {m.attendance.map((a, i) => (
                      <tr key={`${a.actor_id}-${a.user_id}-${a.person}-${i}`}>
                        <td>
                          {a.person ? <>{a.person}{a.user_id && <span className="meta"> · {t("meeting.with_login")}</span>}
                            {a.actor_id && <div className="meta"><Link to={`/actors/${a.actor_id}`}>{orgName(a.actor_id)}</Link></div>}</>
                            : <Link to={`/actors/${a.actor_id}`}>{orgName(a.actor_id)}</Link>}
                        </td>
                        <td>
                          {editable ? (
                            <select aria-label={t("meeting.presence_of", { name: nameOf(a) })} value={a.status} disabled={busy}
                              onChange={(e) => void save((cur) => ({
                                attendance: cur.attendance.map((x) => (same(x, a) ? { ...x, status: e.target.value as typeof a.status } : x)),
                              }), t("meeting.attendance_saved"))}>
                              {ATTENDANCE.map((s) => <option key={s} value={s}>{te("attendance", s)}</option>)}
                            </select>
                          ) : <Badge kind={a.status}>{te("attendance", a.status)}</Badge>}
                        </td>
                        {editable && (
                          <td>
                            <button type="button" className="btn btn-small btn-secondary" disabled={busy}
                              aria-label={t("meeting.remove_attendee", { name: nameOf(a) })}
                              onClick={() => void save((cur) => ({ attendance: cur.attendance.filter((x) => !same(x, a)) }), t("meeting.attendance_saved"))}>
                              {t("common.remove")}
                            </button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {editable && (
              <form onSubmit={addAttendee} className="inline-actions" aria-label={t("meeting.add_attendee")}>
                <SelectField name="attendee" label={t("meeting.add_attendee")} value={attendee} emptyLabel={t("common.choose")} onChange={setAttendee}
                  hint={t("meeting.attendee_hint")}
                  groups={[
                    { label: t("meeting.group_orgs"), options: choices.orgs },
                    { label: t("meeting.group_contacts"), options: choices.contacts },
                    { label: t("meeting.group_users"), options: choices.people },
                  ]} />
                <button type="submit" className="btn btn-secondary" disabled={busy || !attendee}>{t("common.add")}</button>
              </form>
            )}
          </Section>
          {m.dossier_ids.length > 0 && (
            <Section title={t("meeting.dossiers")}>
              <ul className="list-plain">
                {m.dossier_ids.map((d) => <li key={d}><Link to={`/dossiers/${d}`}>{dossierById.get(d) ? `${dossierById.get(d)!.code} · ${dossierById.get(d)!.title}` : "…"}</Link></li>)}
              </ul>
            </Section>
          )}
          {body && <p className="meta">{t("meeting.body")}: {body.name}</p>}
        </aside>
      </div>
      {editable && mayDo(principal, "messages", "read") && <MeetingMail meetingId={m.id} hasMinutes={Boolean(m.minutes)} />}
      <Dialog open={starting !== null} title={t("meeting.start_action_title")} onClose={() => setStarting(null)}>
        {starting && <StartAction meeting={m} decision={starting} onClose={() => setStarting(null)} />}
      </Dialog>
      <ConflictDialog
        open={conflict !== null}
        conflicts={conflict?.list ?? []}
        label={(f) => fieldLabel(lang, "meeting", f)}
        render={(f, v) => (v === null || v === undefined ? "—" : Array.isArray(v) ? t("meeting.n_items", { count: v.length }) : f === "status" ? te("meeting_status", String(v)) : String(v).slice(0, 120))}
        onReload={() => { if (conflict) loaded.setData(conflict.theirs); setMinutes(conflict?.theirs.meeting.minutes ?? ""); saving.clearConflict(); }}
        onKeep={() => { const c = conflict; saving.clearConflict(); if (c) void saving.run(c.build, c.done, c.theirs); }}
        byYou={saving.conflictByYou}
      />
    </>
  );
}
