import { useState } from "react";
import { api, rawGet, unwrap } from "../api/client";
import { filenameFrom, saveBlob } from "../api/csv";
import type { MailMessage } from "../api/types";
import { useI18n } from "../i18n/I18n";
import type { MessageKey } from "../i18n/translate";
import { usePaged } from "../lib/usePaged";
import { useSubmit } from "../lib/useSubmit";
import { MESSAGE_STATUSES } from "../lib/enums";
import { Badge, Empty, MoreButton, Skeleton } from "./ui";
import { SelectField } from "./fields";
import { ProblemAlert } from "./ProblemAlert";

const BADGE = { pending: "planned", sent: "done", failed: "cancelled" } as const;

/** E-mail messages with their delivery (W13): all of them, or one meeting's; send one again,
 * open the .eml file a message was written to when no SMTP server is set. */
export function MessageList({ meetingId, reloadKey = 0 }: { meetingId?: string; reloadKey?: number }) {
  const { t, dateTime } = useI18n();
  const [status, setStatus] = useState("");
  const list = usePaged<MailMessage>((cursor) => unwrap(api.GET("/api/v1/messages", {
    params: { query: { limit: 50, cursor, meeting: meetingId, status: (status || undefined) as MailMessage["status"] | undefined } },
  })), [meetingId, status, reloadKey]);
  const [flash, setFlash] = useState<string | null>(null);
  const again = useSubmit(async (m: MailMessage) => {
    await unwrap(api.POST("/api/v1/messages/{record_id}/send-again", { params: { path: { record_id: m.id } } }));
    setFlash(t("mail.queued_again"));
    list.reload();
  });
  const open = useSubmit(async (m: MailMessage) => {
    const res = await rawGet(`/api/v1/messages/${m.id}/eml`, "message/rfc822");
    saveBlob(await res.blob(), filenameFrom(res.headers.get("content-disposition"), m.file ?? "bericht.eml"));
  });

  return (
    <div data-testid="messages">
      <SelectField name={meetingId ? "meeting-message-status" : "message-status"} label={t("mail.filter_status")} value={status}
        emptyLabel={t("mail.all_statuses")} onChange={setStatus}
        options={MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`mail.status.${s}` as MessageKey) }))} />
      <div role="status" aria-live="polite">{flash && <p className="alert alert-ok">{flash}</p>}</div>
      <ProblemAlert error={list.error ?? again.error ?? open.error} focus={false} />
      {list.loading ? <Skeleton height="6rem" /> : list.items.length === 0 ? <Empty>{t("mail.none")}</Empty> : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("mail.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("mail.delivery")}</th>
                <th scope="col">{t("mail.invitee_email")}</th>
                <th scope="col">{t("common.description")}</th>
                <th scope="col"><span className="visually-hidden">{t("mail.send_again")}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => (
                <tr key={m.id} data-testid="message-row">
                  <td>
                    <Badge kind={BADGE[m.status]}>{t(`mail.status.${m.status}` as MessageKey)}</Badge>
                    <div className="meta">{dateTime(m.sent_at ?? m.created_at)} · {t("mail.attempts", { count: m.attempts })}</div>
                  </td>
                  <td>{m.recipient_name ? `${m.recipient_name} <${m.recipient}>` : m.recipient}</td>
                  <td>
                    <span className="meta">{t(`mail.kind.${m.kind}` as MessageKey)}</span> {m.subject}
                    {m.last_error && <div className="meta">{m.last_error}</div>}
                    {m.file && (
                      <div>
                        <button type="button" className="btn btn-link btn-small" onClick={() => void open.run(m)}>
                          <code>{m.file}</code><span className="visually-hidden"> ({t("mail.open_file", { name: m.file })})</span>
                        </button>
                      </div>
                    )}
                  </td>
                  <td>
                    <button type="button" className="btn btn-secondary btn-small" disabled={again.busy} onClick={() => void again.run(m)}>
                      {t("mail.send_again")}<span className="visually-hidden"> ({t("mail.send_again_to", { to: m.recipient })})</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && <MoreButton onClick={list.loadMore} busy={list.busy} />}
    </div>
  );
}
