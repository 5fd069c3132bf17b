/** Labelled inputs that show the API's field errors at the field (aria-invalid + describedby). */

import { useId, type ChangeEvent, type ReactNode } from "react";

interface Base {
  label: string;
  hint?: string;
  error?: string | undefined;
  name: string;
  required?: boolean;
  className?: string;
}

function describedBy(hintId: string, errId: string, hint?: string, error?: string) {
  const ids = [hint ? hintId : "", error ? errId : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function FieldShell({ id, label, hint, error, children, required, className }: Base & { id: string; children: ReactNode }) {
  return (
    <div className={"field " + (className ?? "")}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && <span className="hint" id={id + "-hint"}>{hint}</span>}
      {children}
      {error && (
        <p className="field-error" id={id + "-err"}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label, hint, error, name, value, onChange, type = "text", required, autoComplete, className, inputMode, min, max, step, placeholder,
}: Base & {
  value: string | number | null | undefined;
  onChange: (v: string) => void;
  type?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email";
  min?: number | string;
  max?: number | string;
  step?: number | string;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <FieldShell {...{ id, label, hint, error, name, required, className }}>
      <input
        id={id}
        name={name}
        type={type}
        value={value ?? ""}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        min={min}
        max={max}
        step={step}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id + "-hint", id + "-err", hint, error)}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      />
    </FieldShell>
  );
}

export function TextArea({
  label, hint, error, name, value, onChange, required, className, rows = 4,
}: Base & { value: string | null | undefined; onChange: (v: string) => void; rows?: number }) {
  const id = useId();
  return (
    <FieldShell {...{ id, label, hint, error, name, required, className }}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value ?? ""}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id + "-hint", id + "-err", hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label, hint, error, name, value, onChange, options = [], groups = [], required, className, emptyLabel,
}: Base & {
  value: string | null | undefined; onChange: (v: string) => void; options?: Option[]; emptyLabel?: string;
  /** Options under headings (`<optgroup>`), after `options`; empty groups are left out. */
  groups?: { label: string; options: Option[] }[];
}) {
  const id = useId();
  return (
    <FieldShell {...{ id, label, hint, error, name, required, className }}>
      <select
        id={id}
        name={name}
        value={value ?? ""}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id + "-hint", id + "-err", hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups.filter((g) => g.options.length > 0).map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckField({ label, error, name, checked, onChange, hint }: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label className="check" htmlFor={id}>
        <input
          id={id}
          name={name}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id + "-hint", id + "-err", hint, error)}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {hint && <span className="hint" id={id + "-hint"}>{hint}</span>}
      {error && <p className="field-error" id={id + "-err"}>{error}</p>}
    </div>
  );
}

/** A group of checkboxes for a list-valued field (target groups, MVO themes). */
export function CheckGroup({
  legend, name, options, value, onChange, error,
}: { legend: string; name: string; options: Option[]; value: string[]; onChange: (v: string[]) => void; error?: string | undefined }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? id + "-err" : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            name={name}
            value={o.value}
            checked={value.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
      {error && <p className="field-error" id={id + "-err"}>{error}</p>}
    </fieldset>
  );
}
