import { useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client";
import type { Action, AgendaProposal, Body, Dossier, Meeting } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { allPages, byId, getActors } from "../lib/refdata";
import { useSession } from "../auth/session";
import { mayDo, mayUpdate } from "../auth/permissions";
import { Badge, Empty, Section } from "./ui";
import { CheckField, SelectField, TextArea, TextField } from "./fields";
import { ProblemAlert } from "./ProblemAlert";

const PROPOSE_FIELDS = ["title", "explanation", "action_id", "dossier_id", "to_board", "meeting_id", "proposer_actor_id"];

/** A member's form: an item for this meeting, on behalf of its own actor. */
function ProposeForm({ meeting, actorId, actorName, onDone }: { meeting: Meeting; actorId: string; actorName: string; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const empty = { title: "", explanation: "", action_id: "", dossier_id: "", to_board: false };
  const [form, setForm] = useState(empty);
  // What the item may be about: loaded only once the member opens the form.
  const actions = useAsync<Action[]>(
    () => (open ? allPages<Action>((cursor) => unwrap(api.GET("/api/v1/actions", { params: { query: { limit: 500, cursor } } }))) : Promise.resolve([])),
    [open],
  );
  const dossiers = useAsync<Dossier[]>(
    () => (open ? allPages<Dossier>((cursor) => unwrap(api.GET("/api/v1/dossiers", { params: { query: { limit: 500, cursor } } }))) : Promise.resolve([])),
    [open],
  );
  const propose = useSubmit(async () => {
    await unwrap(api.POST("/api/v1/agenda-proposals", {
      body: {
        meeting_id: meeting.id, proposer_actor_id: actorId, title: form.title, explanation: form.explanation,
        action_id: form.action_id || null, dossier_id: form.dossier_id || null, to_board: form.to_board,
      } as never, // the rest takes the server's defaults (a member may set no decision field)
    }));
    setForm(empty);
    setOpen(false);
    onDone();
  });
  const { busy, error, errors: errs } = propose;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void propose.run();
  };
  if (!open) {
    return <button type="button" className="btn" onClick={() => setOpen(true)}>{t("proposals.propose")}</button>;
  }
  return (
    <form onSubmit={submit} className="card" aria-label={t("proposals.propose")} noValidate>
      <h3>{t("proposals.propose")}</h3>
      <p className="meta">{t("proposals.intro", { org: actorName })}</p>
      <ProblemAlert error={error} shownFields={PROPOSE_FIELDS} />
      <TextField name="proposal_title" label={t("proposal.title")} required value={form.title} error={errs.title} onChange={(v) => setForm({ ...form, title: v })} />
      <TextArea name="proposal_explanation" label={t("proposal.explanation")} rows={3} value={form.explanation} error={errs.explanation}
        onChange={(v) => setForm({ ...form, explanation: v })} />
      <div className="grid grid-2">
        <SelectField name="proposal_action" label={t("proposal.action_id")} value={form.action_id} error={errs.action_id} emptyLabel={t("common.none")}
          onChange={(v) => setForm({ ...form, action_id: v })} options={(actions.data ?? []).map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }))} />
        <SelectField name="proposal_dossier" label={t("proposal.dossier_id")} value={form.dossier_id} error={errs.dossier_id} emptyLabel={t("common.none")}
          onChange={(v) => setForm({ ...form, dossier_id: v })} options={(dossiers.data ?? []).map((d) => ({ value: d.id, label: `${d.code} ${d.title}` }))} />
      </div>
      <CheckField name="proposal_to_board" label={t("proposal.to_board")} checked={form.to_board} error={errs.to_board} onChange={(v) => setForm({ ...form, to_board: v })} />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={busy}>{t("proposals.propose")}</button>
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}

/** W13's decision on one proposal: accept at a position, decline with a reason, or move. */
function Decide({ proposal, later, onDone }: { proposal: AgendaProposal; later: Meeting[]; onDone: (message: string, agendaChanged: boolean) => void }) {
  const { t, date } = useI18n();
  const [position, setPosition] = useState("");
  const [reason, setReason] = useState("");
  const [target, setTarget] = useState("");
  const path = { params: { path: { record_id: proposal.id } } };
  const decide = useSubmit(async (verb: "accept" | "decline" | "move") => {
    if (verb === "accept") {
      await unwrap(api.POST("/api/v1/agenda-proposals/{record_id}/accept", { ...path, body: { position: position ? Number(position) : null } }));
      onDone(t("proposals.accepted"), true);
    } else if (verb === "decline") {
      await unwrap(api.POST("/api/v1/agenda-proposals/{record_id}/decline", { ...path, body: { reason } }));
      onDone(t("proposals.declined"), false);
    } else {
      await unwrap(api.POST("/api/v1/agenda-proposals/{record_id}/move", { ...path, body: { meeting_id: target, reason: reason || null } }));
      onDone(t("proposals.moved"), false);
    }
  });
  const { busy, error, errors: errs } = decide;
  const on = (verb: "accept" | "decline" | "move") => (e: FormEvent) => {
    e.preventDefault();
    void decide.run(verb);
  };
  return (
    <details>
      <summary>{t("proposals.decide")}</summary>
      <ProblemAlert error={error} shownFields={["position", "reason", "meeting_id"]} />
      <form className="inline-actions" aria-label={t("proposals.decide_on", { title: proposal.title })} onSubmit={on("accept")} noValidate>
        <TextField name="position" type="number" label={t("proposals.position")} hint={t("proposals.position_hint")} value={position} error={errs.position} onChange={setPosition} />
        <button type="submit" className="btn btn-small" disabled={busy}>{t("proposals.accept")}</button>
      </form>
      <form className="inline-actions" aria-label={t("proposals.decline")} onSubmit={on("decline")} noValidate>
        <TextField name="reason" label={t("proposals.reason")} value={reason} error={errs.reason} onChange={setReason} />
        <button type="submit" className="btn btn-small btn-secondary" disabled={busy}>{t("proposals.decline")}</button>
      </form>
      {later.length === 0 ? <p className="meta">{t("proposals.no_later")}</p> : (
        <form className="inline-actions" aria-label={t("proposals.move")} onSubmit={on("move")} noValidate>
          <SelectField name="move_to" label={t("proposals.move_to")} value={target} error={errs.meeting_id} emptyLabel={t("common.choose")} onChange={setTarget}
            options={later.map((m) => ({ value: m.id, label: `${date(m.starts_at)} · ${m.title}` }))} />
          <button type="submit" className="btn btn-small btn-secondary" disabled={busy || !target}>{t("proposals.move")}</button>
        </form>
      )}
    </details>
  );
}

/** W13 records the route to its board: marked, when the board handled it, its answer. */
function BoardRoute({ proposal, onDone }: { proposal: AgendaProposal; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    to_board: proposal.to_board, board_handled_on: proposal.board_handled_on ?? "", board_answer: proposal.board_answer ?? "",
  });
  const save = useSubmit(async () => {
    await unwrap(api.PATCH("/api/v1/agenda-proposals/{record_id}", {
      params: { path: { record_id: proposal.id } },
      body: { to_board: form.to_board, board_handled_on: form.board_handled_on || null, board_answer: form.board_answer || null },
    }));
    onDone(t("proposals.board_saved"));
  });
  const { busy, error, errors: errs } = save;
  return (
    <details>
      <summary>{t("proposals.board")}</summary>
      <form aria-label={t("proposals.board_of", { title: proposal.title })} onSubmit={(e) => { e.preventDefault(); void save.run(); }} noValidate>
        <ProblemAlert error={error} shownFields={["to_board", "board_handled_on", "board_answer"]} />
        <CheckField name="to_board" label={t("proposal.to_board")} checked={form.to_board} error={errs.to_board} onChange={(v) => setForm({ ...form, to_board: v })} />
        <div className="grid grid-2">
          <TextField name="board_handled_on" type="date" label={t("proposal.board_handled_on")} value={form.board_handled_on} error={errs.board_handled_on}
            onChange={(v) => setForm({ ...form, board_handled_on: v })} />
          <TextField name="board_answer" label={t("proposal.board_answer")} value={form.board_answer} error={errs.board_answer}
            onChange={(v) => setForm({ ...form, board_answer: v })} />
        </div>
        <button type="submit" className="btn btn-small btn-secondary" disabled={busy}>{t("common.save")}</button>
      </form>
    </details>
  );
}

/**
 * The meeting's agenda proposals: members of the body propose items and see the outcome;
 * W13 accepts (the item joins the agenda), declines or moves them, and records the board's
 * answer. What each may do comes from `/me`'s `may` and each proposal's `allowed`.
 */
export function AgendaProposals({ meeting, body, onAgendaChanged }: { meeting: Meeting; body: Body | undefined; onAgendaChanged: () => void }) {
  const { t, te, date } = useI18n();
  const { principal } = useSession();
  const [flash, setFlash] = useState<string | null>(null);
  const readable = mayDo(principal, "agenda-proposals", "read");
  const list = useAsync<AgendaProposal[]>(
    () => (readable
      ? allPages<AgendaProposal>((cursor) => unwrap(api.GET("/api/v1/agenda-proposals", { params: { query: { meeting: meeting.id, limit: 500, cursor } } })))
      : Promise.resolve([])),
    [meeting.id, readable],
  );
  const actors = useAsync(getActors, []);
  const deciding = (list.data ?? []).some((p) => mayUpdate(p) && p.status === "proposed");
  // Where W13 may move an item: the body's later planned meetings.
  const later = useAsync<Meeting[]>(
    () => (deciding
      ? allPages<Meeting>((cursor) => unwrap(api.GET("/api/v1/meetings", {
        params: { query: { body: meeting.body_id, status: "planned", starts_from: meeting.starts_at, limit: 500, cursor } },
      }))).then((ms) => ms.filter((m) => m.id !== meeting.id && m.starts_at > meeting.starts_at))
      : Promise.resolve([])),
    [deciding, meeting.id],
  );
  const meetingIds = [...new Set((list.data ?? []).flatMap((p) => [p.moved_to_meeting_id, p.moved_from_meeting_id]).filter((x): x is string => !!x))];
  const others = useAsync<Map<string, Meeting>>(
    async () => new Map((await Promise.all(meetingIds.map((id) => unwrap(api.GET("/api/v1/meetings/{record_id}", { params: { path: { record_id: id } } })))))
      .map((m) => [m.id, m])),
    [meetingIds.join(",")],
  );
  if (!readable) return null;
  const actorById = byId(actors.data);
  const mayPropose = mayDo(principal, "agenda-proposals", "create") && !!principal.actorId
    && (body?.member_ids ?? []).includes(principal.actorId)
    && meeting.status === "planned" && new Date(meeting.starts_at).getTime() > Date.now();
  const meetingName = (id: string) => {
    const m = others.data?.get(id);
    return m ? `${m.title} (${date(m.starts_at)})` : "…";
  };
  const done = (message: string, agendaChanged = false) => {
    setFlash(message);
    list.reload();
    if (agendaChanged) onAgendaChanged();
  };
  return (
    <Section title={t("proposals.title")} id="proposals">
      {flash && <div className="alert alert-ok" role="status"><p>{flash}</p></div>}
      <ProblemAlert error={list.error} focus={false} />
      {(list.data ?? []).length === 0 ? (list.loading ? null : <Empty>{t("proposals.none")}</Empty>) : (
        <ul className="list-plain" data-testid="proposals">
          {(list.data ?? []).map((p) => (
            <li key={p.id} data-testid="proposal">
              <strong>{p.title}</strong> <Badge kind={p.status}>{te("proposal_status", p.status)}</Badge>
              <div className="meta">{t("proposals.by", { org: actorById.get(p.proposer_actor_id)?.name ?? "…" })}</div>
              {p.explanation && <p className="pre">{p.explanation}</p>}
              <p className="meta" data-testid="proposal-outcome">
                {p.status === "accepted" && t("proposals.outcome_accepted", { position: p.agenda_position ?? "" })}
                {p.status === "declined" && t("proposals.outcome_declined", { reason: p.decision_reason ?? "" })}
                {p.status === "moved" && p.moved_to_meeting_id && t("proposals.outcome_moved", { meeting: meetingName(p.moved_to_meeting_id) })}
                {p.moved_from_meeting_id && <> {t("proposals.moved_from", { meeting: meetingName(p.moved_from_meeting_id) })}</>}
              </p>
              {p.to_board && (
                <p className="meta">
                  {p.board_handled_on ? t("proposals.board_done", { date: date(p.board_handled_on), answer: p.board_answer ?? "" }) : t("proposals.board_pending")}
                </p>
              )}
              {mayUpdate(p) && p.status === "proposed" && <Decide proposal={p} later={later.data ?? []} onDone={done} />}
              {mayUpdate(p) && p.status !== "moved" && <BoardRoute key={p.version} proposal={p} onDone={(msg) => done(msg)} />}
            </li>
          ))}
        </ul>
      )}
      {mayPropose && (
        <ProposeForm meeting={meeting} actorId={principal.actorId!} actorName={actorById.get(principal.actorId!)?.name ?? ""}
          onDone={() => done(t("proposals.sent"))} />
      )}
    </Section>
  );
}
