import { describe, expect, it, vi } from "vitest";
import { chunkLoaded, isChunkLoadError, reloadOnceForStaleChunk } from "./staleChunk";

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};
const stale = new TypeError("Failed to fetch dynamically imported module: http://x/assets/Agreements-abc.js");

describe("stale chunks after a deploy", () => {
  it("recognises the browsers' dynamic import failures and nothing else", () => {
    expect(isChunkLoadError(stale)).toBe(true);
    expect(isChunkLoadError(new TypeError("Importing a module script failed."))).toBe(true);
    expect(isChunkLoadError(new TypeError("error loading dynamically imported module"))).toBe(true);
    expect(isChunkLoadError(new Error("Cannot read properties of undefined"))).toBe(false);
    expect(isChunkLoadError("Failed to fetch dynamically imported module")).toBe(false);
  });

  it("reloads once, then lets the error screen show instead of looping", () => {
    const store = memory();
    const reload = vi.fn();
    expect(reloadOnceForStaleChunk(stale, store, reload)).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);
    // The page came back and the chunk still fails: no second reload.
    expect(reloadOnceForStaleChunk(stale, store, reload)).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("allows a new reload after a chunk loaded (a later deploy)", () => {
    const store = memory();
    const reload = vi.fn();
    reloadOnceForStaleChunk(stale, store, reload);
    chunkLoaded(store);
    expect(reloadOnceForStaleChunk(stale, store, reload)).toBe(true);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it("never reloads for another error, nor without storage to guard the loop", () => {
    const reload = vi.fn();
    expect(reloadOnceForStaleChunk(new Error("boom"), memory(), reload)).toBe(false);
    expect(reloadOnceForStaleChunk(stale, null, reload)).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });
});
