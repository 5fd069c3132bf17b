/** The one API client: typed by the OpenAPI document, authenticated, with errors as ApiError. */

import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { ApiError, NetworkError, parseProblem, problemFromResponse } from "./problem";
import { setOnline } from "./network";
import { TokenManager, authFetch, browserLock, type TokenResponse } from "./tokens";
import { currentLang } from "../i18n/state";

const memoryStorage = (() => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
})();

function storage() {
  try {
    return window.localStorage;
  } catch {
    return memoryStorage;
  }
}

/** fetch that reports reachability and turns a failed connection into NetworkError. */
export async function netFetch(req: Request): Promise<Response> {
  if (!req.headers.has("Accept-Language")) req.headers.set("Accept-Language", currentLang());
  try {
    const res = await fetch(req);
    setOnline(true);
    return res;
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    setOnline(false);
    throw new NetworkError(err, req.method);
  }
}

async function postForm(path: string, form: Record<string, string>): Promise<Response> {
  return netFetch(
    new Request(path, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

export const tokens = new TokenManager({
  storage: storage(),
  lock: browserLock(),
  requestToken: async (form) => {
    const res = await postForm("/api/v1/auth/token", form);
    if (!res.ok) throw new ApiError(await problemFromResponse(res));
    return (await res.json()) as TokenResponse;
  },
  revoke: async (refresh) => {
    await postForm("/api/v1/auth/revoke", { refresh_token: refresh });
  },
});

if (typeof window !== "undefined") {
  window.addEventListener("storage", (e) => tokens.handleStorageEvent(e.key));
}

export const fetchWithAuth = authFetch(tokens, netFetch);

// JSON answers only: lists can also answer CSV by Accept, which goes through rawGet.
export const api = createClient<paths, "application/json">({ baseUrl: "", fetch: fetchWithAuth });

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call, or an ApiError with the problem the server gave. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(parseProblem(response.status, error, response.statusText), response.headers.get("ETag"));
  }
  return data as T;
}

/** Like unwrap, also giving the ETag to send back as If-Match on the next write. */
export async function unwrapWithEtag<T>(call: Promise<Result<T>>): Promise<{ data: T; etag: string | null }> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(parseProblem(response.status, error, response.statusText), response.headers.get("ETag"));
  }
  return { data: data as T, etag: response.headers.get("ETag") };
}

/** A raw authenticated request, for what openapi-fetch does not model (CSV downloads). */
export async function rawGet(url: string, accept: string): Promise<Response> {
  const res = await fetchWithAuth(new Request(url, { headers: { Accept: accept } }));
  if (!res.ok) throw new ApiError(await problemFromResponse(res));
  return res;
}

