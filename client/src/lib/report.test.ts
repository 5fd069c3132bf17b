import { describe, expect, it } from "vitest";
import { filenameFrom } from "../api/csv";
import { ApiError } from "../api/problem";
import { ANONYMOUS, mayUse, type Principal } from "../auth/permissions";
import { translate } from "../i18n/translate";
import { downloadReport, REPORT_MEDIA, reportFilename, reportProblemKey, reportUrl, type ReportDeps } from "./report";

const W13: Principal = { role: "w13", actorId: null, municipality: null, may: {} };
const ROSE: Principal = { role: "rose_member", actorId: "a1", municipality: null, may: {} };
const GEMEENTE: Principal = { role: "municipality", actorId: null, municipality: "34022", may: {} };

interface Call { url: string; accept: string }

function fakeDeps(answer: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const saved: { blob: Blob; name: string }[] = [];
  const deps: ReportDeps = {
    get: async (url, accept) => {
      calls.push({ url, accept });
      return answer();
    },
    save: (blob, name) => void saved.push({ blob, name }),
    filename: filenameFrom,
  };
  return { deps, calls, saved };
}

const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n%…\n");

describe("report request", () => {
  it("asks for the format by query, so a proxy's Accept rewriting cannot change it", () => {
    expect(reportUrl({ year: 2024, format: "pdf" })).toBe("/api/v1/reports/annual/2024?format=pdf");
    expect(reportUrl({ year: 2025, format: "xlsx", shareable: true })).toBe("/api/v1/reports/annual/2025?format=xlsx&internal=false");
    expect(reportUrl({ year: 2023, format: "html", shareable: false })).toBe("/api/v1/reports/annual/2023?format=html");
  });

  it("refuses a year the API would refuse anyway", () => {
    expect(() => reportUrl({ year: 1999, format: "pdf" })).toThrow(RangeError);
    expect(() => reportUrl({ year: 2024.5, format: "pdf" })).toThrow(RangeError);
    expect(() => reportUrl({ year: Number.NaN, format: "pdf" })).toThrow(RangeError);
  });

  it("names the file in Dutch after the year", () => {
    expect(reportFilename({ year: 2024, format: "pdf" })).toBe("jaarverslag-regie-2024.pdf");
    expect(reportFilename({ year: 2021, format: "xlsx" })).toBe("jaarverslag-regie-2021.xlsx");
  });

  it("is offered to W13 and ROSE members only, as the API's permission table says", () => {
    expect(mayUse(W13, "reports")).toBe(true);
    expect(mayUse(ROSE, "reports")).toBe(true);
    expect(mayUse(GEMEENTE, "reports")).toBe(false);
    expect(mayUse(ANONYMOUS, "reports")).toBe(false);
  });
});

describe("downloadReport", () => {
  it("fetches with the format's media type and saves under the server's file name", async () => {
    const { deps, calls, saved } = fakeDeps(() => new Response(PDF_BYTES, {
      headers: { "Content-Type": "application/pdf", "Content-Disposition": 'attachment; filename="jaarverslag-regie-2024-intern.pdf"' },
    }));
    const name = await downloadReport({ year: 2024, format: "pdf" }, deps);
    expect(name).toBe("jaarverslag-regie-2024-intern.pdf");
    expect(calls).toEqual([{ url: "/api/v1/reports/annual/2024?format=pdf", accept: "application/pdf" }]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe(name);
    expect(saved[0]!.blob.type).toBe("application/pdf");
    expect(new TextDecoder().decode(await saved[0]!.blob.arrayBuffer())).toMatch(/^%PDF-/);
  });

  it("falls back to its own Dutch name and the right type when the server gives neither", async () => {
    const xlsx = REPORT_MEDIA.xlsx;
    const { deps, saved } = fakeDeps(() => {
      const res = new Response(new Uint8Array([80, 75, 3, 4]));
      res.headers.set("Content-Type", xlsx);
      return res;
    });
    expect(await downloadReport({ year: 2022, format: "xlsx" }, deps)).toBe("jaarverslag-regie-2022.xlsx");
    expect(saved[0]!.blob.type).toBe(xlsx);
    expect(saved[0]!.blob.size).toBe(4);
  });

  it("accepts the HTML page with its charset", async () => {
    const { deps, saved } = fakeDeps(() => new Response("<!doctype html><html lang=\"nl\"></html>", {
      headers: { "Content-Type": "text/html; charset=utf-8", "Content-Disposition": 'inline; filename="jaarverslag-regie-2024.html"' },
    }));
    expect(await downloadReport({ year: 2024, format: "html", shareable: true }, deps)).toBe("jaarverslag-regie-2024.html");
    expect(saved).toHaveLength(1);
  });

  it("saves nothing when the answer is not the file asked for (a proxy's page)", async () => {
    const { deps, saved } = fakeDeps(() => new Response("<html>Log in</html>", { headers: { "Content-Type": "text/html" } }));
    const err = await downloadReport({ year: 2024, format: "pdf" }, deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(502);
    expect(saved).toHaveLength(0);
  });

  it("passes the server's refusal on and saves nothing", async () => {
    const refused = new ApiError({ type: "about:blank", title: "Forbidden", status: 403, detail: "Role municipality may not read reports." });
    const { deps, saved } = fakeDeps(() => { throw refused; });
    await expect(downloadReport({ year: 2024, format: "pdf" }, deps)).rejects.toBe(refused);
    expect(saved).toHaveLength(0);
  });
});

describe("refusal messages", () => {
  it("say in Dutch why the report was refused", () => {
    expect(translate("nl", reportProblemKey(403)!)).toBe("Je rol mag het jaarverslag niet opvragen. Alleen W13 en ROSE-leden kunnen dat.");
    expect(translate("nl", reportProblemKey(401)!)).toMatch(/niet meer aangemeld/);
    expect(translate("nl", reportProblemKey(406)!)).toMatch(/formaat/);
  });

  it("leave other failures to the general wording", () => {
    expect(reportProblemKey(500)).toBeNull();
    expect(reportProblemKey(422)).toBeNull();
  });
});
