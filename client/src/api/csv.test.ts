import { describe, expect, it } from "vitest";
import { agreementParams, agreementsCsvUrl, agreementsUrl, csvFilename, filenameFrom } from "./csv";

describe("agreements query", () => {
  it("names parameters as the API does", () => {
    expect(agreementParams({ municipality: "34022", activeOn: "2024-06-30", regime: "lde" }))
      .toEqual({ municipality: "34022", active_on: "2024-06-30", regime: "lde" });
  });

  it("leaves out empty and malformed values instead of sending them", () => {
    expect(agreementParams({ municipality: "Kortrijk", activeOn: "30/06/2024" })).toEqual({});
    expect(agreementParams({ municipality: "", activeOn: null })).toEqual({});
  });

  it("builds the CSV link: the same filters, no page size (CSV is the whole selection)", () => {
    expect(agreementsCsvUrl({ municipality: "34022", activeOn: "2024-06-30" }))
      .toBe("/api/v1/agreements?municipality=34022&active_on=2024-06-30");
    expect(agreementsCsvUrl({})).toBe("/api/v1/agreements");
    expect(agreementsUrl({ municipality: "34022" }, { limit: "50" })).toBe("/api/v1/agreements?municipality=34022&limit=50");
  });

  it("names the file after the selection", () => {
    expect(csvFilename({ municipality: "34022", activeOn: "2024-06-30" })).toBe("overeenkomsten-34022-2024-06-30.csv");
    expect(csvFilename({})).toBe("overeenkomsten.csv");
  });

  it("prefers the server's filename", () => {
    expect(filenameFrom('attachment; filename="agreements-34022.csv"', "x.csv")).toBe("agreements-34022.csv");
    expect(filenameFrom("attachment; filename*=UTF-8''overeenkomsten%20Kortrijk.csv", "x.csv")).toBe("overeenkomsten Kortrijk.csv");
    expect(filenameFrom(null, "x.csv")).toBe("x.csv");
  });
});

describe("peopleCsv", () => {
  it("writes words with ; between cells, quotes what needs it and neutralises formulas", async () => {
    const { peopleCsv } = await import("./csv");
    const text = peopleCsv(["Titel", "Gemeenten"], [["Buurtzorg; Kortrijk", "Kortrijk, Menen"], ['=SOM(A1) "x"', "Menen"]]);
    expect(text).toBe('\uFEFFTitel;Gemeenten\r\n"Buurtzorg; Kortrijk";"Kortrijk, Menen"\r\n"\'=SOM(A1) ""x""";Menen\r\n');
  });
});
