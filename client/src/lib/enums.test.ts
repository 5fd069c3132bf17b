import { describe, expect, it } from "vitest";
import { ENUMS, type EnumName } from "../api/enums.gen";
import { DICTIONARIES } from "../i18n/translate";
import { LANGS } from "../i18n/state";
import { LABEL_PREFIX, RUNGS } from "./enums";
import { REPORT_FORMATS } from "./report";

/** The catalogue keys no language may lack: one per value of every enum the UI puts into words. */
function labelKeys(): string[] {
  const keys: string[] = [];
  for (const name of Object.keys(ENUMS) as EnumName[]) {
    const prefix = LABEL_PREFIX[name];
    if (prefix === null) continue;
    for (const value of ENUMS[name]) keys.push(`${prefix}.${value}`);
  }
  for (const rung of RUNGS) keys.push(`enum.rung.${rung}`);
  for (const format of REPORT_FORMATS) keys.push(`report.${format}`);
  return keys;
}

describe("enum labels", () => {
  it("exist in nl, fr and en for every value of every labelled enum of the contract", () => {
    const keys = labelKeys();
    expect(keys).toContain("enum.action_status.in_progress");
    expect(keys).toContain("role.rose_member");
    for (const lang of LANGS) {
      const dict = DICTIONARIES[lang] as Record<string, string>;
      const missing = keys.filter((k) => !(dict[k] ?? "").trim());
      expect(missing, `labels missing in ${lang}`).toEqual([]);
    }
  });

  it("are placed for every enum, and only those never shown in words have none", () => {
    expect(Object.keys(LABEL_PREFIX).sort()).toEqual(Object.keys(ENUMS).sort());
    const unlabelled = (Object.keys(LABEL_PREFIX) as EnumName[]).filter((n) => LABEL_PREFIX[n] === null).sort();
    expect(unlabelled).toEqual(["ActionSort", "AgreementSort", "Framework", "ReportFormat"]);
  });

  it("come with the values in the contract's order", () => {
    expect(ENUMS.ActionStatus).toEqual(["planned", "in_progress", "on_hold", "done", "cancelled"]);
    expect(ENUMS.DossierStatus[0]).toBe("open");
  });
});
