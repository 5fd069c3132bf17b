import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { IncompleteListError, NetworkError } from "../api/problem";
import { I18nProvider } from "../i18n/I18n";
import { storeLang, type Lang } from "../i18n/state";
import { ProblemAlert } from "./ProblemAlert";

const shown = (lang: Lang, error: unknown) => {
  storeLang(lang);
  return renderToStaticMarkup(<I18nProvider><ProblemAlert error={error} /></I18nProvider>);
};

describe("ProblemAlert", () => {
  it("tells in the reader's language that a list was loaded only in part", () => {
    const error = new IncompleteListError(1500);
    expect(shown("nl", error)).toContain("Deze lijst kon niet volledig geladen worden.");
    expect(shown("nl", error)).toContain("stopte na 1500 rijen");
    expect(shown("fr", error)).toContain("Cette liste n’a pas pu être chargée entièrement.");
    expect(shown("en", error)).toContain("Loading stopped after 1500 rows");
    expect(shown("en", error)).toContain('role="alert"');
    expect(shown("en", error)).not.toContain("list incomplete");
  });

  it("says nothing was saved only when a write failed, not when a page was loading", () => {
    const read = new NetworkError(new TypeError("Failed to fetch"), "GET");
    const write = new NetworkError(new TypeError("Failed to fetch"), "PATCH");
    expect(shown("nl", read)).toContain("Geen verbinding met de server.");
    expect(shown("nl", read)).not.toContain("niets opgeslagen");
    expect(shown("fr", read)).not.toContain("Rien n’a été enregistré");
    expect(shown("nl", write)).toContain("Er is niets opgeslagen");
    expect(shown("fr", write)).toContain("Rien n’a été enregistré");
  });

  it("shows nothing without an error", () => {
    expect(shown("nl", null)).toBe("");
  });
});
