import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../api/problem";
import { formatSize, uploadDocument, uploadUrl, type XhrLike } from "./documents";

/** A stand-in for XMLHttpRequest that records what was sent and answers as told. */
class FakeXhr implements XhrLike {
  upload: XhrLike["upload"] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  statusText = "";
  responseText = "";
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: Blob | null = null;

  constructor(private readonly answer: (x: FakeXhr) => void) {}

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    this.body = body;
    this.answer(this);
  }
}

const FILE = new Blob([new Uint8Array(1000)]);
const REQUEST = {
  parent: "meetings" as const, parentId: "m1", file: FILE, filename: "verslag juni.pdf",
  kind: "minutes", title: " Getekend verslag ", token: "tok", lang: "fr",
};

describe("uploadDocument", () => {
  it("sends the file as the body with its name and kind in the query, and reports progress", async () => {
    let xhr: FakeXhr | null = null;
    const seen: [number, number][] = [];
    const stored = await uploadDocument<{ id: string }>(REQUEST, (s, t) => seen.push([s, t]), () => {
      xhr = new FakeXhr((x) => {
        x.upload.onprogress?.({ loaded: 400, total: 1000, lengthComputable: true });
        x.status = 201;
        x.responseText = JSON.stringify({ id: "d1" });
        x.onload?.();
      });
      return xhr;
    });
    expect(stored).toEqual({ id: "d1" });
    expect(seen).toEqual([[400, 1000], [1000, 1000]]);
    const sent = xhr as unknown as FakeXhr;
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe("/api/v1/meetings/m1/documents?filename=verslag+juni.pdf&kind=minutes&title=Getekend+verslag");
    expect(sent.headers).toMatchObject({ Authorization: "Bearer tok", "Accept-Language": "fr", "Content-Type": "application/octet-stream" });
    expect(sent.body).toBe(FILE);
  });

  it("turns a refusal into the server's problem, and a lost connection into a NetworkError", async () => {
    const refused = uploadDocument(REQUEST, () => {}, () => new FakeXhr((x) => {
      x.status = 415;
      x.responseText = JSON.stringify({
        type: "https://regie.w13.be/problems/unsupported-media-type", title: "Format non pris en charge", status: 415,
        detail: "Le nom se termine par .pdf, mais le contenu est image/png.",
        errors: [{ loc: ["body", "file"], msg: "Le nom se termine par .pdf, mais le contenu est image/png.", code: "document_type_mismatch" }],
      });
      x.onload?.();
    }));
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await refused.catch((e: ApiError) => {
      expect(e.status).toBe(415);
      expect(e.problem.errors?.[0]?.loc).toEqual(["body", "file"]);
    });
    const lost = uploadDocument(REQUEST, () => {}, () => new FakeXhr((x) => x.onerror?.()));
    await expect(lost).rejects.toBeInstanceOf(NetworkError);
  });
});

describe("uploadUrl and formatSize", () => {
  it("leaves an empty title out and escapes the parent id", () => {
    expect(uploadUrl({ parent: "actions", parentId: "a/1", filename: "r.pdf", kind: "deliverable", title: "  " }))
      .toBe("/api/v1/actions/a%2F1/documents?filename=r.pdf&kind=deliverable");
  });
  it("speaks bytes, kB and MB in the reader's language", () => {
    expect(formatSize(512, "nl")).toBe("512 B");
    expect(formatSize(48_200, "en")).toBe("47 kB");
    expect(formatSize(20_971_520, "nl")).toBe("20 MB");
    expect(formatSize(1_572_864, "fr")).toBe("1,5 MB");
  });
});
