/** Looking up and filling in messages; pure, so it is tested without React. */

import { nl } from "./nl";
import { fr } from "./fr";
import { en } from "./en";
import type { Lang } from "./state";

export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;
export type Vars = Record<string, string | number>;

export const DICTIONARIES: Record<Lang, Messages> = { nl, fr, en };

/** `{name}` placeholders; `{count, plural, one {…} other {…}}` for counts. */
export function interpolate(template: string, vars: Vars | undefined, lang: Lang): string {
  if (!vars) return template;
  const plural = /\{(\w+), plural, one \{([^}]*)\} other \{([^}]*)\}\}/g;
  const out = template.replace(plural, (_m, name: string, one: string, other: string) => {
    const n = Number(vars[name]);
    const rule = new Intl.PluralRules(lang).select(n);
    return (rule === "one" ? one : other).replace(/#/g, String(vars[name]));
  });
  return out.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const template = DICTIONARIES[lang][key] ?? DICTIONARIES.nl[key] ?? key;
  return interpolate(template, vars, lang);
}

/** An enum value from the API (`in_progress`) in words; unknown values show as they are. */
export function translateEnum(lang: Lang, group: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const key = `enum.${group}.${value}` as MessageKey;
  const dict = DICTIONARIES[lang] as Record<string, string>;
  return dict[key] ?? (DICTIONARIES.nl as Record<string, string>)[key] ?? value;
}

export function hasKey(key: string): key is MessageKey {
  return key in DICTIONARIES.nl;
}

/** A field's label for conflict lists: `<prefix>.<field>` when translated, else the field name. */
export function fieldLabel(lang: Lang, prefix: string, field: string): string {
  const key = `${prefix}.${field}`;
  return hasKey(key) ? translate(lang, key) : field;
}

/** A kind of data as the API names it (`actions`, `dossier-events`) in words; unknown names show as they are. */
export function resourceLabel(lang: Lang, name: string): string {
  const key = `resource.${name}`;
  return hasKey(key) ? translate(lang, key) : name;
}

/** A webhook event type (`actions.upsert`) in words: "actie gewijzigd". */
export function eventLabel(lang: Lang, type: string): string {
  const key = `event.${type}`;
  return hasKey(key) ? translate(lang, key) : type;
}

/**
 * A dossier event's text in words. The API records a status change as "Status: open → on_agenda"
 * (kept so for systems and the annual report, which read it); people read the statuses' labels.
 */
export function dossierEventText(lang: Lang, kind: string, text: string): string {
  const m = kind === "status_change" ? /^Status: ([a-z_]+) → ([a-z_]+)$/.exec(text) : null;
  if (!m) return text;
  return translate(lang, "dossier.status_change", {
    from: translateEnum(lang, "dossier_status", m[1]),
    to: translateEnum(lang, "dossier_status", m[2]),
  });
}
