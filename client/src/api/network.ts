/** Whether the server is reachable, as the last requests found it; the banner listens. */

type Listener = (online: boolean) => void;

let online = true;
const listeners = new Set<Listener>();

export function isOnline(): boolean {
  return online;
}

export function setOnline(value: boolean): void {
  if (value === online) return;
  online = value;
  for (const l of listeners) l(value);
}

export function onNetworkChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

interface Timers {
  set: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clear: (handle: ReturnType<typeof setTimeout>) => void;
}

/** How often the banner asks whether the server is back. */
export const RECOVERY_POLL_MS = 3000;

/** Asks the process whether it is up; any answer at all means the connection is back. */
export async function probeHealth(): Promise<boolean> {
  try {
    const res = await fetch("/healthz", { cache: "no-store", headers: { Accept: "application/json" } });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * While the server is unreachable, probe it every `intervalMs` until it answers, then mark the
 * connection as back (so the banner clears without waiting for the person's next request).
 * Returns a stop function; probes never overlap.
 */
export function pollUntilOnline(
  probe: () => Promise<boolean> = probeHealth,
  intervalMs = RECOVERY_POLL_MS,
  // Wrapped: the browser's setTimeout refuses to be called as a method of another object.
  timers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h) },
): () => void {
  let stopped = false;
  let handle: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped) return;
    const up = await probe();
    if (stopped) return;
    if (up) setOnline(true);
    else handle = timers.set(() => void tick(), intervalMs);
  };
  handle = timers.set(() => void tick(), intervalMs);
  return () => {
    stopped = true;
    if (handle !== undefined) timers.clear(handle);
  };
}
