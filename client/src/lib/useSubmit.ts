import { useEffect, useRef, useState } from "react";
import { ApiError, fieldErrors } from "../api/problem";

export interface SubmitOptions<A extends unknown[], C> {
  /**
   * The action leaves the page when it succeeds: stay busy, so the form cannot be sent a
   * second time while the next page loads.
   */
  keepBusy?: boolean;
  /**
   * A 412 (someone saved the record meanwhile): load what the server holds now and return
   * what the ConflictDialog shows, or null to show the refusal like any other.
   */
  onConflict?: (error: ApiError, ...args: A) => Promise<C | null>;
  /**
   * After onConflict: the arguments that re-apply the person's edit on top of the server's
   * version (its new ETag), or null when a field was changed on both sides. Given, a clean
   * merge is saved without asking; the dialog shows only when fields clash (or a second 412).
   */
  merge?: (conflict: C, ...args: A) => A | null;
}

/** Where a submission reports its state; the hook passes React setters. */
export interface SubmitSink<C> {
  busy: (busy: boolean) => void;
  error: (error: unknown) => void;
  /** `byYou`: the server says the other write was this person's own (another tab). */
  conflict: (conflict: C, byYou: boolean) => void;
}

/**
 * One submission: busy while it runs, the previous error cleared, a refusal kept for
 * ProblemAlert, a 412 turned into a conflict when `onConflict` says how. True when the
 * action succeeded.
 */
export async function submit<A extends unknown[], C>(
  sink: SubmitSink<C>,
  action: (...args: A) => Promise<unknown>,
  args: A,
  options: SubmitOptions<A, C> = {},
): Promise<boolean> {
  sink.busy(true);
  sink.error(null);
  let merged = false;
  for (;;) {
    try {
      await action(...args);
      if (!options.keepBusy) sink.busy(false);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 412 && options.onConflict) {
        try {
          const conflict = await options.onConflict(err, ...args);
          const retry = conflict !== null && !merged && options.merge ? options.merge(conflict, ...args) : null;
          if (retry !== null) {
            // The edits touch different fields: save again on the new version, once.
            merged = true;
            args = retry;
            continue;
          }
          if (conflict === null) sink.error(err);
          else sink.conflict(conflict, err.problem.changed_by_you === true);
        } catch (again) {
          sink.error(again);
        }
        sink.busy(false);
        return false;
      }
      sink.error(err);
      sink.busy(false);
      return false;
    }
  }
}

export interface Submit<A extends unknown[], C> {
  /** Run the action with these arguments; resolves to true when it succeeded. */
  run: (...args: A) => Promise<boolean>;
  busy: boolean;
  /** The last refusal (for ProblemAlert), null after a new run starts. */
  error: unknown;
  /** The refusal's field errors by field path (`milestones.0.title`), for the inputs. */
  errors: Record<string, string>;
  /** What the ConflictDialog shows after a 412, until the person chose. */
  conflict: C | null;
  /** The conflicting write was this person's own, in another tab (the server says so). */
  conflictByYou: boolean;
  clearConflict: () => void;
}

/**
 * The busy / error / 412-conflict handling of a form or button that writes: the page says
 * what to do, this says how it went. Late answers after the page is gone change nothing.
 */
export function useSubmit<A extends unknown[], C = never>(
  action: (...args: A) => Promise<unknown>,
  options: SubmitOptions<A, C> = {},
): Submit<A, C> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<C | null>(null);
  const [byYou, setByYou] = useState(false);
  const alive = useRef(true);
  // Set in the effect too: StrictMode mounts twice, and the first cleanup must not stick.
  useEffect(() => {
    alive.current = true;
    return () => void (alive.current = false);
  }, []);
  const sink: SubmitSink<C> = {
    busy: (v) => alive.current && setBusy(v),
    error: (v) => alive.current && setError(v),
    conflict: (v, you) => {
      if (!alive.current) return;
      setByYou(you);
      setConflict(() => v);
    },
  };
  return {
    run: (...args: A) => submit(sink, action, args, options),
    busy,
    error,
    errors: error instanceof ApiError ? fieldErrors(error.problem) : {},
    conflict,
    conflictByYou: byYou,
    clearConflict: () => setConflict(null),
  };
}
