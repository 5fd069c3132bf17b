import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatStamp, formatMoney, formatNumber, formatQuantity, parseDay, todayIso, toNumber } from "./format";

describe("dates the Belgian way", () => {
  it("stamps an instant as dd/mm/jjjj HH:MM in Brussels time, summer and winter", () => {
    expect(formatStamp("2024-06-30T22:05:00Z")).toBe("01/07/2024 00:05");
    expect(formatStamp("2024-12-05T09:07:00Z")).toBe("05/12/2024 10:07");
    expect(formatStamp(null)).toBe("");
  });

  it("formats a calendar day per language", () => {
    expect(formatDate("2024-06-30", "nl")).toBe("30/06/2024");
    expect(formatDate("2024-06-30", "fr")).toBe("30/06/2024");
    expect(formatDate("2024-06-30", "en")).toBe("30/06/2024");
    expect(formatDate("2024-06-30", "nl", "long")).toBe("30 juni 2024");
    expect(formatDate("2024-06-30", "fr", "long")).toBe("30 juin 2024");
    expect(formatDate("2024-06-30", "en", "long")).toBe("30 June 2024");
  });

  it("never shifts a calendar day by the time zone", () => {
    expect(parseDay("2025-01-01")?.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(formatDate("2025-01-01", "nl")).toBe("01/01/2025");
  });

  it("shows instants in Brussels time", () => {
    // 12:00 UTC in June is 14:00 in Brussels (summer time).
    expect(formatDateTime("2024-06-11T12:00:00Z", "nl")).toMatch(/14:00/);
    // 12:00 UTC in December is 13:00 in Brussels.
    expect(formatDateTime("2024-12-11T12:00:00Z", "fr")).toMatch(/13:00/);
  });

  it("gives today's date in Brussels, also just after midnight there", () => {
    expect(todayIso(new Date("2024-06-30T22:30:00Z"))).toBe("2024-07-01");
    expect(todayIso(new Date("2024-12-31T22:30:00Z"))).toBe("2024-12-31");
  });

  it("returns empty text for missing values and the input for unparseable ones", () => {
    expect(formatDate(null, "nl")).toBe("");
    expect(formatDate("not a date", "nl")).toBe("not a date");
  });
});

describe("numbers the Belgian way", () => {
  it("uses a decimal comma in every language (en-BE is Belgian English)", () => {
    expect(formatNumber("71.7", "nl")).toBe("71,7");
    expect(formatNumber(71.7, "fr")).toBe("71,7");
    expect(formatNumber(71.7, "en")).toBe("71,7");
  });

  it("groups thousands", () => {
    expect(formatNumber(319114, "nl")).toBe("319.114");
    expect(formatNumber(319114, "en")).toBe("319.114");
    expect(formatNumber(319114, "fr").replace(/\s/g, " ")).toBe("319 114");
  });

  it("formats euros", () => {
    expect(formatMoney("98000.00", "nl").replace(/\s/g, " ")).toBe("€ 98.000,00");
    expect(formatMoney(98000, "fr").replace(/\s/g, " ")).toBe("98 000,00 €");
  });

  it("reads decimals sent as strings and refuses junk", () => {
    expect(toNumber("28.8")).toBe(28.8);
    expect(toNumber("")).toBeNull();
    expect(toNumber("abc")).toBeNull();
    expect(formatQuantity("28.8", "%", "nl")).toBe("28,8\u00a0%");
  });
});
