import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../api/problem";
import { submit, type SubmitSink } from "./useSubmit";

function recorder<C>() {
  const log: string[] = [];
  const state = { busy: false, error: null as unknown, conflict: null as C | null };
  const sink: SubmitSink<C> = {
    busy: (v) => { state.busy = v; log.push(`busy ${v}`); },
    error: (v) => { state.error = v; log.push(`error ${v === null ? "cleared" : "set"}`); },
    conflict: (v, byYou) => { state.conflict = v; log.push(byYou ? "conflict by you" : "conflict"); },
  };
  return { sink, state, log };
}

const refusal = (status: number) => new ApiError({ type: "about:blank", title: "x", status, detail: "x" });

describe("submit", () => {
  it("is busy while the action runs, clears the old error first and is done after", async () => {
    const { sink, state, log } = recorder<never>();
    state.error = new Error("old");
    let busyInside = false;
    const ok = await submit(sink, async (n: number) => { busyInside = state.busy; expect(n).toBe(7); }, [7]);
    expect(ok).toBe(true);
    expect(busyInside).toBe(true);
    expect(state).toEqual({ busy: false, error: null, conflict: null });
    expect(log).toEqual(["busy true", "error cleared", "busy false"]);
  });

  it("stays busy after success when the page is left (keepBusy)", async () => {
    const { sink, state } = recorder<never>();
    expect(await submit(sink, async () => undefined, [], { keepBusy: true })).toBe(true);
    expect(state.busy).toBe(true);
  });

  it("keeps a refusal for ProblemAlert and is no longer busy, even with keepBusy", async () => {
    const { sink, state } = recorder<never>();
    const offline = new NetworkError();
    expect(await submit(sink, async () => { throw offline; }, [], { keepBusy: true })).toBe(false);
    expect(state).toEqual({ busy: false, error: offline, conflict: null });
  });

  it("turns a 412 into the conflict onConflict builds, with the action's arguments", async () => {
    const { sink, state } = recorder<{ to: string; status: number }>();
    const ok = await submit(sink, async (_to: string) => { throw refusal(412); }, ["closed"], {
      onConflict: async (err, to) => ({ to, status: err.status }),
    });
    expect(ok).toBe(false);
    expect(state).toEqual({ busy: false, error: null, conflict: { to: "closed", status: 412 } });
  });

  it("shows the 412 itself when onConflict declines, and what failed when reading the new version fails", async () => {
    const declined = recorder<string>();
    const stale = refusal(412);
    await submit(declined.sink, async () => { throw stale; }, [], { onConflict: async () => null });
    expect(declined.state.error).toBe(stale);
    expect(declined.state.conflict).toBeNull();

    const gone = recorder<string>();
    const notFound = refusal(404);
    await submit(gone.sink, async () => { throw stale; }, [], { onConflict: async () => { throw notFound; } });
    expect(gone.state.error).toBe(notFound);
    expect(gone.state.busy).toBe(false);
  });

  it("treats other refusals as errors even with onConflict", async () => {
    const { sink, state } = recorder<string>();
    const invalid = refusal(422);
    let asked = false;
    await submit(sink, async () => { throw invalid; }, [], { onConflict: async () => { asked = true; return "no"; } });
    expect(asked).toBe(false);
    expect(state.error).toBe(invalid);
  });

  it("re-submits a clean three-way merge once, on the new version, without asking", async () => {
    const { sink, state, log } = recorder<{ clash: boolean; version: number }>();
    const sent: number[] = [];
    const ok = await submit(sink, async (version: number) => {
      sent.push(version);
      if (version < 2) throw refusal(412);
    }, [1], {
      onConflict: async () => ({ clash: false, version: 2 }),
      merge: (c) => (c.clash ? null : [c.version] as [number]),
    });
    expect(ok).toBe(true);
    expect(sent).toEqual([1, 2]);
    expect(state.conflict).toBeNull();
    expect(log).not.toContain("conflict");
  });

  it("asks when a field clashes, or when the merged save is stale again, and says whether the other write was the person's own", async () => {
    const clash = recorder<{ clash: boolean }>();
    const mine = new ApiError({ type: "about:blank", title: "x", status: 412, detail: "x", changed_by_you: true });
    const sent: string[] = [];
    await submit(clash.sink, async (v: string) => { sent.push(v); throw mine; }, ["a"], {
      onConflict: async () => ({ clash: true }),
      merge: (c) => (c.clash ? null : ["b"] as [string]),
    });
    expect(sent).toEqual(["a"]);
    expect(clash.state.conflict).toEqual({ clash: true });
    expect(clash.log).toContain("conflict by you");

    const again = recorder<{ clash: boolean }>();
    const tries: string[] = [];
    await submit(again.sink, async (v: string) => { tries.push(v); throw refusal(412); }, ["a"], {
      onConflict: async () => ({ clash: false }),
      merge: () => ["b"] as [string],
    });
    expect(tries).toEqual(["a", "b"]);
    expect(again.state.conflict).toEqual({ clash: false });
    expect(again.log).toContain("conflict");
    expect(again.state.busy).toBe(false);
  });
});
