/**
 * After a deploy the old page asks for code chunks that no longer exist. Reloading once
 * fetches the new index and its chunks; a flag in sessionStorage makes sure a chunk that
 * keeps failing (server down, blocked) shows the error screen instead of reloading forever.
 */

const FLAG = "regie.chunk-reload";

interface FlagStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The browsers' words for a dynamic import that could not be fetched or evaluated. */
export function isChunkLoadError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported|Unable to preload CSS|Failed to load module script/i.test(err.message);
}

function session(): FlagStore | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Reload the page for a stale chunk, once: true when a reload was started (the caller waits
 * for it), false when the error is another one or a reload was already tried.
 */
export function reloadOnceForStaleChunk(err: unknown, store: FlagStore | null = session(), reload: () => void = () => window.location.reload()): boolean {
  if (!isChunkLoadError(err) || !store) return false;
  if (store.getItem(FLAG)) return false;
  store.setItem(FLAG, String(Date.now()));
  reload();
  return true;
}

/** A chunk loaded: the next stale chunk (a later deploy) may reload once again. */
export function chunkLoaded(store: FlagStore | null = session()): void {
  store?.removeItem(FLAG);
}
