import { useState } from "react";
import { rawGet } from "../api/client";
import { filenameFrom, saveBlob } from "../api/csv";
import { ApiError } from "../api/problem";
import { isW13, type Principal } from "../auth/permissions";
import { useI18n } from "../i18n/I18n";
import { downloadReport, REPORT_FORMATS, reportProblemKey, type ReportFormat } from "../lib/report";
import { useSubmit } from "../lib/useSubmit";
import { CheckField } from "./fields";
import { ProblemAlert } from "./ProblemAlert";
import { Section } from "./ui";

const DEPS = { get: rawGet, save: saveBlob, filename: filenameFrom };

/** The annual report of the dashboard's year, as PDF, spreadsheet or printable page. */
export function ReportDownload({ year, principal }: { year: number; principal: Principal }) {
  const { t } = useI18n();
  const [format, setFormat] = useState<ReportFormat | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [shareable, setShareable] = useState(false);
  const w13 = isW13(principal);

  const { run: download, busy: running, error } = useSubmit(async (f: ReportFormat) => {
    setFormat(f);
    setDone(null);
    setDone(await downloadReport({ year, format: f, shareable: w13 && shareable }, DEPS));
  });
  /** The format being made, null when none is. */
  const busy = running ? format : null;

  const refusal = error instanceof ApiError ? reportProblemKey(error.status) : null;
  return (
    <Section title={t("report.title", { year })} id="annual-report">
      <p className="muted">{t("report.lead", { year })}</p>
      {w13 ? (
        <CheckField name="report-shareable" label={t("report.shareable")} checked={shareable} onChange={setShareable} />
      ) : (
        <p className="meta">{t("report.shared_version")}</p>
      )}
      <div className="form-actions" data-testid="report-buttons">
        {REPORT_FORMATS.map((f) => (
          <button key={f} type="button" className={f === "pdf" ? "btn" : "btn btn-secondary"}
            onClick={() => void download(f)} disabled={busy !== null} aria-busy={busy === f}>
            {t(`report.${f}`)}
          </button>
        ))}
      </div>
      <div role="status" aria-live="polite">
        {busy && <p className="meta">{t("report.busy")}</p>}
        {done && <p className="alert alert-ok">{t("report.done", { name: done })}</p>}
      </div>
      {refusal ? (
        <div className="alert alert-error" role="alert">
          <p><strong>{t(refusal)}</strong></p>
        </div>
      ) : (
        <ProblemAlert error={error} />
      )}
    </Section>
  );
}
