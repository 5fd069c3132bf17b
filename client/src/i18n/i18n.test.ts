import { describe, expect, it } from "vitest";
import { DICTIONARIES, interpolate, translate, translateEnum, fieldLabel } from "./translate";
import { initialLang, isLang } from "./state";

const placeholders = (s: string) =>
  [...s.matchAll(/\{(\w+)(?=\}|, plural)/g)].map((m) => m[1]).sort().join(",");

describe("dictionaries", () => {
  it("have the same keys in every language, none empty", () => {
    const keys = Object.keys(DICTIONARIES.nl).sort();
    for (const lang of ["fr", "en"] as const) {
      expect(Object.keys(DICTIONARIES[lang]).sort()).toEqual(keys);
      for (const [k, v] of Object.entries(DICTIONARIES[lang])) expect(v.trim(), `${lang} ${k}`).not.toBe("");
    }
  });

  it("use the same placeholders in every language", () => {
    for (const [key, text] of Object.entries(DICTIONARIES.nl)) {
      for (const lang of ["fr", "en"] as const) {
        expect(placeholders(DICTIONARIES[lang][key as keyof typeof DICTIONARIES.nl]), `${lang} ${key}`).toBe(placeholders(text));
      }
    }
  });
});

describe("translate", () => {
  it("fills in named values", () => {
    expect(translate("nl", "dashboard.welcome", { name: "Inge" })).toBe("Welkom, Inge.");
    expect(translate("fr", "common.version", { version: 3 })).toBe("version 3");
  });

  it("chooses singular or plural by the language's rules", () => {
    expect(translate("nl", "dashboard.n_actions", { count: 1 })).toBe("1 actie");
    expect(translate("nl", "dashboard.n_actions", { count: 3 })).toBe("3 acties");
    expect(translate("en", "dashboard.n_actions", { count: 0 })).toBe("0 actions");
    // French counts 0 and 1 as singular.
    expect(translate("fr", "dashboard.n_actions", { count: 0 })).toBe("0 action");
    expect(translate("fr", "dashboard.n_actions", { count: 2 })).toBe("2 actions");
  });

  it("leaves unknown placeholders visible instead of dropping them", () => {
    expect(interpolate("a {x} b", { y: 1 }, "nl")).toBe("a {x} b");
  });

  it("translates enum values and shows unknown ones as they are", () => {
    expect(translateEnum("nl", "action_status", "in_progress")).toBe("lopend");
    expect(translateEnum("fr", "dossier_status", "closed")).toBe("clôturé");
    expect(translateEnum("en", "action_status", "brand_new")).toBe("brand_new");
    expect(translateEnum("en", "action_status", null)).toBe("");
  });

  it("labels fields for conflict lists, falling back to the field name", () => {
    expect(fieldLabel("en", "action", "lead_actor_id")).toBe("Lead");
    expect(fieldLabel("nl", "action", "no_such_field")).toBe("no_such_field");
  });
});

describe("language choice", () => {
  it("is Dutch unless another language was stored", () => {
    expect(initialLang(null)).toBe("nl");
    expect(initialLang("fr")).toBe("fr");
    expect(initialLang("de")).toBe("nl");
    expect(isLang("en")).toBe(true);
    expect(isLang("EN")).toBe(false);
  });
});

describe("API names in words", () => {
  it("names kinds of data and webhook events", async () => {
    const { resourceLabel, eventLabel } = await import("./translate");
    expect(resourceLabel("nl", "dossier-events")).toBe("dossiergebeurtenissen");
    expect(eventLabel("nl", "actions.upsert")).toBe("actie gewijzigd");
    expect(eventLabel("fr", "meetings.delete")).toBe("réunion supprimée");
    expect(eventLabel("nl", "nieuw.soort")).toBe("nieuw.soort");
  });

  it("tells a status change of a dossier with the statuses' labels", async () => {
    const { dossierEventText } = await import("./translate");
    expect(dossierEventText("nl", "status_change", "Status: open → on_agenda")).toBe("Status gewijzigd: open → geagendeerd");
    expect(dossierEventText("fr", "status_change", "Status: on_agenda → signalled")).toMatch(/^Statut modifié : .+ → .+$/);
    expect(dossierEventText("nl", "note", "Status: open → on_agenda")).toBe("Status: open → on_agenda");
    expect(dossierEventText("nl", "status_change", "Geagendeerd op de AV")).toBe("Geagendeerd op de AV");
  });
});
