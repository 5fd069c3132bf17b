/** The chosen language, outside React so the API client can send it too. */

export type Lang = "nl" | "fr" | "en";
export const LANGS: readonly Lang[] = ["nl", "fr", "en"];
export const LOCALES: Record<Lang, string> = { nl: "nl-BE", fr: "fr-BE", en: "en-BE" };
export const LANG_KEY = "regie.lang";

export function isLang(v: unknown): v is Lang {
  return typeof v === "string" && (LANGS as readonly string[]).includes(v);
}

/** Dutch first: a stored choice wins, otherwise nl (the region's language), whatever the browser says. */
export function initialLang(stored: string | null): Lang {
  return isLang(stored) ? stored : "nl";
}

function readStored(): string | null {
  try {
    return typeof window !== "undefined" ? window.localStorage.getItem(LANG_KEY) : null;
  } catch {
    return null;
  }
}

let lang: Lang = initialLang(readStored());

export function currentLang(): Lang {
  return lang;
}

export function storeLang(next: Lang): void {
  lang = next;
  try {
    window.localStorage.setItem(LANG_KEY, next);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  if (typeof document !== "undefined") document.documentElement.lang = next;
}
