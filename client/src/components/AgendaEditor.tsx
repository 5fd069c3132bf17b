import { useI18n } from "../i18n/I18n";
import { AGENDA_MAX_DEPTH, addItem, moveItem, removeItem, updateItem, type AgendaNode } from "../lib/agenda";
import { TextField } from "./fields";

/**
 * A nested agenda as a form: title and description per item, move up / down, remove, and
 * sub-items down to the server's depth. `errors` are the refusal's field errors; `field` is the
 * agenda's name in them (`agenda`, `agenda_template`), so an error shows at its own item.
 */
export function AgendaEditor({ value, onChange, errors, field, legend }: {
  value: AgendaNode[];
  onChange: (v: AgendaNode[]) => void;
  errors: Record<string, string>;
  field: string;
  legend: string;
}) {
  const { t } = useI18n();
  const list = (items: AgendaNode[], path: number[]) => (
    <ol className="agenda-edit">
      {items.map((item, i) => {
        const at = [...path, i];
        const key = `${field}.${at.join(".items.")}`;
        const number = at.map((n) => n + 1).join(".");
        return (
          <li key={at.join("-")} data-testid="agenda-item">
            <div className="grid grid-2">
              <TextField name={`${key}.title`} label={t("agenda.item_title", { number })} required value={item.title} error={errors[`${key}.title`]}
                onChange={(v) => onChange(updateItem(value, at, { title: v }))} />
              <TextField name={`${key}.description`} label={t("agenda.item_description", { number })} value={item.description ?? ""} error={errors[`${key}.description`]}
                onChange={(v) => onChange(updateItem(value, at, { description: v }))} />
            </div>
            <div className="inline-actions">
              <button type="button" className="btn btn-small btn-secondary" disabled={i === 0} onClick={() => onChange(moveItem(value, at, -1))}>
                {t("agenda.up", { number })}
              </button>
              <button type="button" className="btn btn-small btn-secondary" disabled={i === items.length - 1} onClick={() => onChange(moveItem(value, at, 1))}>
                {t("agenda.down", { number })}
              </button>
              {at.length < AGENDA_MAX_DEPTH && (
                <button type="button" className="btn btn-small btn-secondary" onClick={() => onChange(addItem(value, at))}>{t("agenda.add_sub", { number })}</button>
              )}
              <button type="button" className="btn btn-small btn-danger" onClick={() => onChange(removeItem(value, at))}>{t("agenda.remove", { number })}</button>
            </div>
            {errors[`${key}.items`] && <p className="field-error">{errors[`${key}.items`]}</p>}
            {(item.items ?? []).length > 0 && list(item.items ?? [], at)}
          </li>
        );
      })}
    </ol>
  );
  return (
    <fieldset>
      <legend>{legend}</legend>
      {value.length === 0 ? <p className="empty">{t("meeting.no_agenda")}</p> : list(value, [])}
      {errors[field] && <p className="field-error">{errors[field]}</p>}
      <button type="button" className="btn btn-small btn-secondary" onClick={() => onChange(addItem(value, []))}>{t("agenda.add")}</button>
    </fieldset>
  );
}
