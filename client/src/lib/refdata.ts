/** Reference lists every page needs (municipalities, pillars, actors, …), loaded once per session. */

import { api, tokens, unwrap } from "../api/client";
import { IncompleteListError } from "../api/problem";
import type { Actor, Body, Municipality, Objective, Page, Pillar } from "../api/types";

/**
 * Every page of a keyset-paginated list, following `next_cursor` to the end. It never stops
 * quietly: a repeated cursor, or more than `maxPages` pages (a guard against a server that
 * never ends the list; 1,000 pages of 500 is far beyond any list here), throws
 * IncompleteListError, which ProblemAlert shows.
 */
export async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, maxPages = 1000): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages >= maxPages) throw new IncompleteListError(out.length);
    const page = await fetchPage(cursor);
    out.push(...page.items);
    if (!page.next_cursor) return out;
    if (seen.has(page.next_cursor)) throw new IncompleteListError(out.length);
    seen.add(page.next_cursor);
    cursor = page.next_cursor;
  }
}

const cache = new Map<string, Promise<unknown>>();
tokens.subscribe(() => cache.clear());

function cached<T>(key: string, load: () => Promise<T>): () => Promise<T> {
  return () => {
    let p = cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  };
}

export function invalidate(key: string): void {
  cache.delete(key);
}

export const getMunicipalities = cached("municipalities", () =>
  allPages<Municipality>((cursor) => unwrap(api.GET("/api/v1/municipalities", { params: { query: { limit: 500, cursor } } }))));

export const getPillars = cached("pillars", async () => {
  const items = await allPages<Pillar>((cursor) => unwrap(api.GET("/api/v1/pillars", { params: { query: { limit: 500, cursor } } })));
  return items.sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code));
});

export const getObjectives = cached("objectives", async () => {
  const items = await allPages<Objective>((cursor) => unwrap(api.GET("/api/v1/objectives", { params: { query: { limit: 500, cursor } } })));
  return items.sort((a, b) => a.code.localeCompare(b.code, "nl", { numeric: true }));
});

export const getActors = cached("actors", async () => {
  const items = await allPages<Actor>((cursor) => unwrap(api.GET("/api/v1/actors", { params: { query: { limit: 500, cursor } } })));
  return items.sort((a, b) => a.name.localeCompare(b.name, "nl"));
});

export const getBodies = cached("bodies", async () => {
  const items = await allPages<Body>((cursor) => unwrap(api.GET("/api/v1/bodies", { params: { query: { limit: 500, cursor } } })));
  return items;
});

export function byId<T extends { id: string }>(items: T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((x) => [x.id, x]));
}

/** The municipality's name in the chosen language (French where it has an official one). */
export function municipalityName(m: Municipality | undefined, lang: string, fallback = ""): string {
  if (!m) return fallback;
  return lang === "fr" && m.name_fr ? m.name_fr : m.name_nl;
}
