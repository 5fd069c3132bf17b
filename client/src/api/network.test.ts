import { afterEach, describe, expect, it, vi } from "vitest";
import { isOnline, pollUntilOnline, setOnline } from "./network";

afterEach(() => {
  vi.useRealTimers();
  setOnline(true);
});

describe("the connection banner's recovery poll", () => {
  it("probes while the server is away and marks it back on the first answer", async () => {
    vi.useFakeTimers();
    setOnline(false);
    const answers = [false, false, true];
    const probe = vi.fn(async () => answers.shift() ?? true);
    const stop = pollUntilOnline(probe, 1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(isOnline()).toBe(false);
    await vi.advanceTimersByTimeAsync(2000);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(isOnline()).toBe(true);
    // Back online: no more probes.
    await vi.advanceTimersByTimeAsync(5000);
    expect(probe).toHaveBeenCalledTimes(3);
    stop();
  });

  it("stops probing when stopped (the banner went away)", async () => {
    vi.useFakeTimers();
    setOnline(false);
    const probe = vi.fn(async () => false);
    const stop = pollUntilOnline(probe, 1000);
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    await vi.advanceTimersByTimeAsync(10000);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(isOnline()).toBe(false);
  });
});
