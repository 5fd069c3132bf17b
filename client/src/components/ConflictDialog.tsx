import { shownConflicts, type FieldConflict } from "../api/conflict";
import { useI18n } from "../i18n/I18n";
import { Dialog } from "./Dialog";

/**
 * The answer to a 412: someone saved this record after it was opened here. Lists what they
 * changed (and where that meets this person's edit), then lets the person take the new
 * version or keep their edit on top of it.
 */
export function ConflictDialog({ open, conflicts: all, render, label, onReload, onKeep, who, byYou }: {
  open: boolean;
  conflicts: FieldConflict[];
  render: (field: string, value: unknown) => string;
  label: (field: string) => string;
  onReload: () => void;
  onKeep: () => void;
  who?: string | null;
  /** The other write was this person's own (`Submit.conflictByYou`). */
  byYou?: boolean;
}) {
  const { t } = useI18n();
  // Fields changed on one side only merge by themselves: the person decides the others.
  const conflicts = shownConflicts(all);
  return (
    <Dialog open={open} title={t("conflict.title")} onClose={onKeep} role="alertdialog">
      <p>{byYou ? t("conflict.intro_you") : who ? t("conflict.intro_who", { who }) : t("conflict.intro")}</p>
      {conflicts.length === 0 ? (
        <p>{t("conflict.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("conflict.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("conflict.field")}</th>
                <th scope="col">{t("conflict.theirs")}</th>
                <th scope="col">{t("conflict.mine")}</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.map((c) => (
                <tr key={c.field}>
                  <th scope="row">
                    {label(c.field)}
                    {c.clash && <> <span className="badge badge-late">{t("conflict.clash")}</span></>}
                  </th>
                  <td>
                    <del className="muted">{render(c.field, c.base)}</del> → <strong>{render(c.field, c.theirs)}</strong>
                  </td>
                  <td>{render(c.field, c.mine)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onReload}>{t("conflict.reload")}</button>
        <button type="button" className="btn btn-secondary" onClick={onKeep}>{t("conflict.keep")}</button>
      </div>
      <p className="hint">{t("conflict.keep_hint")}</p>
    </Dialog>
  );
}
