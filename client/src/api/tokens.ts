/**
 * The session's tokens: kept, refreshed and revoked.
 *
 * Where they live: localStorage. The session must survive a reload and should follow the
 * person into a second tab (opening an action in a new tab is common). The catch is the
 * server's refresh-token rotation with reuse detection: two tabs refreshing with the same
 * refresh token would make the server revoke the whole family. So a refresh runs under a
 * cross-tab lock (Web Locks) and, once inside, re-reads storage: when another tab already
 * rotated the token, it takes that result instead of spending the old one again. Sessions end
 * on logout in any tab (the `storage` event) and when the refresh token expires. The XSS
 * exposure is the same as sessionStorage's; the API sets no cookies, so there is no CSRF.
 */

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
}

export interface TokenResponse {
  access_token: string;
  token_type?: string;
  expires_in: number;
  refresh_token?: string | null;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type LockFn = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export interface TokenManagerOptions {
  storage: KeyValueStorage;
  /** POSTs the form to /auth/token; resolves with the token or rejects (ApiError, NetworkError). */
  requestToken: (form: Record<string, string>) => Promise<TokenResponse>;
  /** POSTs to /auth/revoke; failures are ignored by the caller. */
  revoke: (refreshToken: string) => Promise<void>;
  now?: () => number;
  lock?: LockFn;
  /** Refresh this long before the access token expires, so a request never carries a dead one. */
  skewMs?: number;
  key?: string;
}

export type SessionEvent = "login" | "refresh" | "logout" | "expired";

export const STORAGE_KEY = "regie.session";

/** A lock that only serialises within this tab, for browsers without Web Locks. */
export function localLock(): LockFn {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(_name: string, fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

export function browserLock(): LockFn {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (!locks) return localLock();
  return <T>(name: string, fn: () => Promise<T>) => locks.request(name, fn) as Promise<T>;
}

export function toTokenSet(res: TokenResponse, now: number, previousRefresh: string | null = null): TokenSet {
  return {
    accessToken: res.access_token,
    refreshToken: res.refresh_token ?? previousRefresh,
    expiresAt: now + Math.max(0, res.expires_in) * 1000,
  };
}

export function parseTokenSet(raw: string | null): TokenSet | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<TokenSet>;
    if (typeof v.accessToken !== "string" || typeof v.expiresAt !== "number") return null;
    return {
      accessToken: v.accessToken,
      refreshToken: typeof v.refreshToken === "string" ? v.refreshToken : null,
      expiresAt: v.expiresAt,
    };
  } catch {
    return null;
  }
}

export class TokenManager {
  private readonly storage: KeyValueStorage;
  private readonly requestToken: TokenManagerOptions["requestToken"];
  private readonly revokeToken: TokenManagerOptions["revoke"];
  private readonly now: () => number;
  private readonly lock: LockFn;
  private readonly skewMs: number;
  private readonly key: string;
  private inflight: Promise<string | null> | null = null;
  private readonly listeners = new Set<(e: SessionEvent) => void>();

  constructor(opts: TokenManagerOptions) {
    this.storage = opts.storage;
    this.requestToken = opts.requestToken;
    this.revokeToken = opts.revoke;
    this.now = opts.now ?? (() => Date.now());
    this.lock = opts.lock ?? localLock();
    this.skewMs = opts.skewMs ?? 30_000;
    this.key = opts.key ?? STORAGE_KEY;
  }

  get tokens(): TokenSet | null {
    return parseTokenSet(this.storage.getItem(this.key));
  }

  get loggedIn(): boolean {
    return this.tokens !== null;
  }

  subscribe(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: SessionEvent): void {
    for (const l of this.listeners) l(e);
  }

  private save(tokens: TokenSet | null): void {
    if (tokens) this.storage.setItem(this.key, JSON.stringify(tokens));
    else this.storage.removeItem(this.key);
  }

  async login(email: string, password: string): Promise<void> {
    const res = await this.requestToken({ grant_type: "password", username: email, password });
    this.save(toTokenSet(res, this.now()));
    this.emit("login");
  }

  /** A usable access token, refreshed first when it is about to expire; null when logged out. */
  async accessToken(): Promise<string | null> {
    const t = this.tokens;
    if (!t) return null;
    if (t.expiresAt - this.skewMs > this.now()) return t.accessToken;
    return this.refresh(t.accessToken);
  }

  /**
   * Rotate the tokens. `stale` is the access token the caller found wanting; when storage
   * already holds another one (a parallel request or another tab refreshed meanwhile), that one
   * is returned without spending the refresh token again. Null means the session is over.
   */
  refresh(stale: string | null): Promise<string | null> {
    if (this.inflight) return this.inflight;
    const run = this.lock("regie-token-refresh", async () => {
      const current = this.tokens;
      if (!current) return null;
      if (current.accessToken !== stale && current.expiresAt - this.skewMs > this.now()) {
        return current.accessToken;
      }
      if (!current.refreshToken) {
        this.end("expired");
        return null;
      }
      try {
        const res = await this.requestToken({
          grant_type: "refresh_token",
          refresh_token: current.refreshToken,
        });
        const next = toTokenSet(res, this.now(), current.refreshToken);
        this.save(next);
        this.emit("refresh");
        return next.accessToken;
      } catch (err) {
        // A refused refresh ends the session; a network failure leaves it for a later try.
        if (err instanceof Error && err.name === "NetworkError") throw err;
        this.end("expired");
        return null;
      }
    });
    this.inflight = run;
    const clear = () => {
      if (this.inflight === run) this.inflight = null;
    };
    run.then(clear, clear);
    return run;
  }

  /** Forget the session locally (expired or refused), telling listeners why. */
  end(reason: "expired" | "logout"): void {
    const had = this.tokens !== null;
    this.save(null);
    if (had) this.emit(reason);
  }

  async logout(): Promise<void> {
    const refresh = this.tokens?.refreshToken ?? null;
    this.end("logout");
    if (refresh) {
      try {
        await this.revokeToken(refresh);
      } catch {
        // The local session is gone either way; the token expires on its own.
      }
    }
  }

  /** Another tab changed the session: tell listeners so the UI follows. */
  handleStorageEvent(key: string | null): void {
    if (key !== null && key !== this.key) return;
    this.emit(this.tokens ? "refresh" : "logout");
  }
}

/**
 * A fetch that carries the access token and, on a 401, refreshes once and retries once.
 * The request is cloned before the first attempt because a body can be read only once.
 */
export function authFetch(
  tokens: TokenManager,
  baseFetch: (req: Request) => Promise<Response>,
): (req: Request) => Promise<Response> {
  return async (req: Request) => {
    const spare = req.clone();
    const token = await tokens.accessToken();
    if (token) req.headers.set("Authorization", `Bearer ${token}`);
    const res = await baseFetch(req);
    if (res.status !== 401 || !token) return res;
    const fresh = await tokens.refresh(token);
    if (!fresh) return res;
    spare.headers.set("Authorization", `Bearer ${fresh}`);
    const again = await baseFetch(spare);
    if (again.status === 401) tokens.end("expired");
    return again;
  };
}
