// REX_TRACE_STARTUP=1: print a phase breakdown of a run to stderr, one line per mark, in ms
// since the main thread started. A no-op otherwise.
//
// Both threads read performance.timeOrigin + performance.now() (process.hrtime has a
// per-thread origin in Bun). A worker does not see the main thread's environment changes,
// so it buffers its marks until the main thread's origin arrives with the request.

import { writeSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

export const tracing = process.env.REX_TRACE_STARTUP === "1";
const mono = (): number => performance.timeOrigin + performance.now();
const thread = isMainThread ? "main  " : "worker";
let origin: number | undefined = tracing && isMainThread ? performance.timeOrigin : undefined;
const pending: [string, number][] = [];

function print(label: string, at: number): void {
  writeSync(2, `[startup] ${(at - origin!).toFixed(1).padStart(7)} ms  ${thread}  ${label}\n`);
}

/** Record that a phase ended (prints `[startup] <ms> <thread> <label>`). */
export function traceMark(label: string): void {
  if (!tracing) return;
  if (origin === undefined) pending.push([label, mono()]);
  else print(label, mono());
}

/** The main thread's origin, to send to the worker. */
export function traceOrigin(): number | undefined {
  return origin;
}

/** Worker: the main thread's origin has arrived; print what was buffered. */
export function setTraceOrigin(o: number | undefined): void {
  if (!tracing || o === undefined || origin !== undefined) return;
  origin = o;
  for (const [l, at] of pending) print(l, at);
  pending.length = 0;
}
