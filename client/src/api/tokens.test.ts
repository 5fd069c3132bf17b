import { describe, expect, it, vi } from "vitest";
import { TokenManager, authFetch, localLock, parseTokenSet, type KeyValueStorage, type TokenResponse } from "./tokens";
import { ApiError, NetworkError } from "./problem";

function memory(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

function setup(opts: { now?: number; responses?: Array<TokenResponse | Error> } = {}) {
  let now = opts.now ?? 1_000_000;
  const storage = memory();
  const queue = [...(opts.responses ?? [])];
  const requestToken = vi.fn(async (form: Record<string, string>) => {
    const next = queue.shift();
    if (!next) throw new Error("no more responses for " + form.grant_type);
    if (next instanceof Error) throw next;
    return next;
  });
  const revoke = vi.fn(async () => undefined);
  const tm = new TokenManager({ storage, requestToken, revoke, now: () => now, lock: localLock(), skewMs: 30_000 });
  const events: string[] = [];
  tm.subscribe((e) => events.push(e));
  return { tm, storage, requestToken, revoke, events, tick: (ms: number) => { now += ms; } };
}

const tok = (access: string, refresh: string | null = "r-" + access, expires = 900): TokenResponse =>
  ({ access_token: access, refresh_token: refresh, expires_in: expires, token_type: "bearer" });

const refused = () => new ApiError({ type: "x", title: "Unauthorized", status: 401, detail: "used" });

describe("TokenManager", () => {
  it("logs in with the password grant and keeps both tokens with their expiry", async () => {
    const s = setup({ responses: [tok("a1")] });
    await s.tm.login("w13@e2e.test", "geheim-wachtwoord");
    expect(s.requestToken).toHaveBeenCalledWith({ grant_type: "password", username: "w13@e2e.test", password: "geheim-wachtwoord" });
    expect(s.tm.tokens).toEqual({ accessToken: "a1", refreshToken: "r-a1", expiresAt: 1_000_000 + 900_000 });
    expect(s.events).toEqual(["login"]);
  });

  it("hands out the stored token while it is fresh, without asking the server", async () => {
    const s = setup({ responses: [tok("a1")] });
    await s.tm.login("x", "y");
    s.tick(800_000);
    expect(await s.tm.accessToken()).toBe("a1");
    expect(s.requestToken).toHaveBeenCalledTimes(1);
  });

  it("refreshes with the refresh token shortly before expiry", async () => {
    const s = setup({ responses: [tok("a1"), tok("a2")] });
    await s.tm.login("x", "y");
    s.tick(880_000); // 20 s left, inside the 30 s margin
    expect(await s.tm.accessToken()).toBe("a2");
    expect(s.requestToken).toHaveBeenLastCalledWith({ grant_type: "refresh_token", refresh_token: "r-a1" });
    expect(s.tm.tokens?.refreshToken).toBe("r-a2");
    expect(s.events).toEqual(["login", "refresh"]);
  });

  it("spends a refresh token once when many requests need a new access token together", async () => {
    const s = setup({ responses: [tok("a1"), tok("a2")] });
    await s.tm.login("x", "y");
    s.tick(900_000);
    const got = await Promise.all([s.tm.accessToken(), s.tm.accessToken(), s.tm.refresh("a1")]);
    expect(got).toEqual(["a2", "a2", "a2"]);
    expect(s.requestToken).toHaveBeenCalledTimes(2);
  });

  it("takes the token another tab already rotated instead of reusing the old refresh token", async () => {
    const s = setup({ responses: [tok("a1")] });
    await s.tm.login("x", "y");
    // Another tab refreshed meanwhile and wrote its result to the shared storage.
    s.storage.setItem("regie.session", JSON.stringify({ accessToken: "a2-other-tab", refreshToken: "r2", expiresAt: 1_000_000 + 2_000_000 }));
    expect(await s.tm.refresh("a1")).toBe("a2-other-tab");
    expect(s.requestToken).toHaveBeenCalledTimes(1);
  });

  it("ends the session as expired when the server refuses the refresh", async () => {
    const s = setup({ responses: [tok("a1"), refused()] });
    await s.tm.login("x", "y");
    expect(await s.tm.refresh("a1")).toBeNull();
    expect(s.tm.tokens).toBeNull();
    expect(s.events).toEqual(["login", "expired"]);
  });

  it("keeps the session when the refresh fails for lack of network", async () => {
    const s = setup({ responses: [tok("a1"), new NetworkError()] });
    await s.tm.login("x", "y");
    await expect(s.tm.refresh("a1")).rejects.toBeInstanceOf(NetworkError);
    expect(s.tm.tokens?.accessToken).toBe("a1");
  });

  it("logs out: forgets locally first, then revokes the refresh token, even if revoking fails", async () => {
    const s = setup({ responses: [tok("a1")] });
    await s.tm.login("x", "y");
    s.revoke.mockRejectedValueOnce(new Error("offline"));
    await s.tm.logout();
    expect(s.revoke).toHaveBeenCalledWith("r-a1");
    expect(s.tm.tokens).toBeNull();
    expect(s.events).toEqual(["login", "logout"]);
  });

  it("ignores corrupt storage", () => {
    expect(parseTokenSet("{not json")).toBeNull();
    expect(parseTokenSet(JSON.stringify({ accessToken: 1 }))).toBeNull();
  });
});

describe("authFetch", () => {
  const ok = (status = 200) => new Response("{}", { status });

  it("sends no Authorization header for anonymous visitors", async () => {
    const s = setup();
    const base = vi.fn(async (r: Request) => { expect(r.headers.has("Authorization")).toBe(false); return ok(); });
    await authFetch(s.tm, base)(new Request("http://x/api/v1/actors"));
    expect(base).toHaveBeenCalledTimes(1);
  });

  it("on a 401 refreshes once and retries the same request with the new token", async () => {
    const s = setup({ responses: [tok("a1"), tok("a2")] });
    await s.tm.login("x", "y");
    const seen: Array<[string | null, string]> = [];
    const base = vi.fn(async (r: Request) => {
      seen.push([r.headers.get("Authorization"), await r.text()]);
      return seen.length === 1 ? ok(401) : ok(200);
    });
    const res = await authFetch(s.tm, base)(new Request("http://x/api/v1/actions/1", { method: "PATCH", body: '{"progress":50}' }));
    expect(res.status).toBe(200);
    expect(seen).toEqual([["Bearer a1", '{"progress":50}'], ["Bearer a2", '{"progress":50}']]);
  });

  it("gives up after one retry and ends the session", async () => {
    const s = setup({ responses: [tok("a1"), tok("a2")] });
    await s.tm.login("x", "y");
    const base = vi.fn(async () => ok(401));
    const res = await authFetch(s.tm, base)(new Request("http://x/api/v1/me"));
    expect(res.status).toBe(401);
    expect(base).toHaveBeenCalledTimes(2);
    expect(s.tm.tokens).toBeNull();
    expect(s.events.at(-1)).toBe("expired");
  });

  it("returns the 401 when the refresh is refused, without retrying", async () => {
    const s = setup({ responses: [tok("a1"), refused()] });
    await s.tm.login("x", "y");
    const base = vi.fn(async () => ok(401));
    const res = await authFetch(s.tm, base)(new Request("http://x/api/v1/me"));
    expect(res.status).toBe(401);
    expect(base).toHaveBeenCalledTimes(1);
  });
});
