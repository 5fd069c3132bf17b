import { useState } from "react";
import { useI18n } from "../i18n/I18n";
import { Dialog } from "./Dialog";

/** A secret the server shows only once: displayed, copyable, and gone when the dialog closes. */
export function SecretOnce({ open, title, label, secret, extra, onClose }: {
  open: boolean; title: string; label: string; secret: string; extra?: { label: string; value: string }[]; onClose: () => void;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog open={open} title={title} onClose={onClose} role="alertdialog">
      <div className="alert alert-warn"><p>{t("admin.secret_once")}</p></div>
      {extra?.map((x) => (
        <div key={x.label} className="field"><span className="label">{x.label}</span><code className="secret">{x.value}</code></div>
      ))}
      <div className="field">
        <span className="label">{label}</span>
        <code className="secret" data-testid="secret">{secret}</code>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={() => void copy()}>{t("admin.copy")}</button>
        <button type="button" className="btn" onClick={onClose}>{t("admin.secret_stored")}</button>
      </div>
      <p role="status" aria-live="polite">{copied ? t("admin.copied") : ""}</p>
    </Dialog>
  );
}
