import { useRef, useState, type FormEvent } from "react";
import { api, rawGet, tokens, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { filenameFrom, saveBlob } from "../api/csv";
import { ENUMS } from "../api/enums.gen";
import { useI18n } from "../i18n/I18n";
import { currentLang } from "../i18n/state";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { allPages } from "../lib/refdata";
import { ACCEPT, formatSize, uploadDocument, type DocumentParent } from "../lib/documents";
import { mayDelete } from "../auth/permissions";
import { Empty, Section, Skeleton } from "./ui";
import { SelectField, TextField } from "./fields";
import { ProblemAlert } from "./ProblemAlert";

type MeetingDocument = components["schemas"]["MeetingDocumentRead"];
type ActionDocument = components["schemas"]["ActionDocumentRead"];
type Doc = MeetingDocument | ActionDocument;

const KINDS: Record<DocumentParent, readonly string[]> = {
  meetings: ENUMS.MeetingDocumentKind,
  actions: ENUMS.ActionDocumentKind,
};
const KIND_ENUM: Record<DocumentParent, string> = {
  meetings: "meeting_document_kind",
  actions: "action_document_kind",
};

function listDocuments(parent: DocumentParent, parentId: string): Promise<Doc[]> {
  return allPages<Doc>((cursor) =>
    parent === "meetings"
      ? unwrap(api.GET("/api/v1/meetings/{parent_id}/documents", { params: { path: { parent_id: parentId }, query: { limit: 500, cursor } } }))
      : unwrap(api.GET("/api/v1/actions/{parent_id}/documents", { params: { path: { parent_id: parentId }, query: { limit: 500, cursor } } })),
  );
}

/**
 * The documents of a meeting or an action: listed for whoever sees the record, downloaded
 * with the caller's token, uploaded with a progress bar by whoever may (`mayUpload`, from the
 * server's `may` and the record's `allowed`), deleted where each document's `allowed` says so.
 */
export function DocumentsPanel({ parent, parentId, mayUpload }: { parent: DocumentParent; parentId: string; mayUpload: boolean }) {
  const { t, te, date, lang } = useI18n();
  const docs = useAsync(() => listDocuments(parent, parentId), [parent, parentId]);
  const kinds = KINDS[parent];
  const [kind, setKind] = useState<string>(kinds[0] ?? "");
  const [title, setTitle] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const upload = useSubmit(async () => {
    if (!file) return;
    setDone(null);
    setProgress({ sent: 0, total: file.size });
    try {
      const stored = await uploadDocument<Doc>(
        { parent, parentId, file, filename: file.name, kind, title, token: await tokens.accessToken(), lang: currentLang() },
        (sent, total) => setProgress({ sent, total }),
      );
      setDone(stored.title);
      setFile(null);
      setTitle("");
      if (input.current) input.current.value = "";
      docs.reload();
    } finally {
      setProgress(null);
    }
  });
  const download = useSubmit(async (doc: Doc) => {
    const res = await rawGet(doc.content_url, "*/*");
    saveBlob(await res.blob(), filenameFrom(res.headers.get("Content-Disposition"), doc.filename));
  });
  const remove = useSubmit(async (doc: Doc) => {
    if (!window.confirm(t("documents.confirm_delete", { title: doc.title }))) return;
    if (parent === "meetings") {
      await unwrap(api.DELETE("/api/v1/meetings/{parent_id}/documents/{record_id}", { params: { path: { parent_id: parentId, record_id: doc.id } } }));
    } else {
      await unwrap(api.DELETE("/api/v1/actions/{parent_id}/documents/{record_id}", { params: { path: { parent_id: parentId, record_id: doc.id } } }));
    }
    docs.reload();
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void upload.run();
  };
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.sent) / progress.total) : 0;
  const items = docs.data ?? [];
  return (
    <Section title={t("documents.title")} id={`documents-${parent}`}>
      {docs.loading ? (
        <Skeleton height="3rem" />
      ) : docs.error ? (
        <ProblemAlert error={docs.error} />
      ) : items.length === 0 ? (
        <Empty>{t("documents.empty")}</Empty>
      ) : (
        <ul className="list-plain" data-testid="documents">
          {items.map((d) => (
            <li key={d.id}>
              <strong>{d.title}</strong>{" "}
              <span className="meta">
                {te(KIND_ENUM[parent], d.kind)} · {d.filename} · {formatSize(d.size, lang)} · {date(d.created_at)}
              </span>
              <div className="inline-actions">
                <button type="button" className="btn btn-secondary btn-small" onClick={() => void download.run(d)}
                  disabled={download.busy} aria-label={t("documents.download_of", { title: d.title })}>
                  {t("documents.download")}
                </button>
                {mayDelete(d) && (
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => void remove.run(d)}
                    disabled={remove.busy} aria-label={t("documents.delete_of", { title: d.title })}>
                    {t("common.delete")}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ProblemAlert error={download.error ?? remove.error} />
      {mayUpload && (
        <form onSubmit={submit} noValidate aria-label={t("documents.upload")} className="card">
          <h3>{t("documents.upload")}</h3>
          <p className="meta">{t("documents.accepted")}</p>
          <ProblemAlert error={upload.error} shownFields={["file", "filename", "title", "kind"]} />
          <div className="grid grid-2">
            <div className="field">
              <label htmlFor={`document-file-${parent}`}>{t("documents.file")}<span aria-hidden="true"> *</span></label>
              <input id={`document-file-${parent}`} name="file" type="file" accept={ACCEPT} ref={input} required
                aria-invalid={upload.errors.file || upload.errors.filename ? true : undefined}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
              {(upload.errors.file || upload.errors.filename) && (
                <p className="field-error">{upload.errors.file ?? upload.errors.filename}</p>
              )}
            </div>
            <SelectField name="document-kind" label={t("documents.kind")} value={kind} error={upload.errors.kind}
              onChange={setKind} options={kinds.map((k) => ({ value: k, label: te(KIND_ENUM[parent], k) }))} />
            <TextField name="document-title" label={t("documents.title_field")} hint={t("documents.title_hint")}
              value={title} error={upload.errors.title} onChange={setTitle} />
          </div>
          {progress && (
            <div className="progress">
              <progress max={100} value={percent} aria-label={t("documents.uploading")} />
              <span>{t("documents.progress", { percent, size: formatSize(progress.total, lang) })}</span>
            </div>
          )}
          <div role="status" aria-live="polite">
            {done && <p className="alert alert-ok">{t("documents.uploaded", { title: done })}</p>}
          </div>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={!file || upload.busy} aria-busy={upload.busy}>
              {upload.busy ? t("documents.uploading") : t("documents.upload_button")}
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}
