// REX_TRACE_STARTUP=1: print a phase breakdown of a run to stderr, one line per mark: ms since
// the main thread started, and (Linux) the CPU time the marking thread has used so far, which
// stays meaningful on a busy machine. A no-op otherwise.
//
// Both threads read performance.timeOrigin + performance.now() (process.hrtime has a
// per-thread origin in Bun). A worker does not see the main thread's environment changes,
// so it buffers its marks until the main thread's origin arrives with the request.

import { writeSync } from "node:fs";
import { isMainThread } from "node:worker_threads";
import { dlopen, ptr } from "bun:ffi";

export const tracing = process.env.REX_TRACE_STARTUP === "1";
const mono = (): number => performance.timeOrigin + performance.now();
const thread = isMainThread ? "main  " : "worker";
let origin: number | undefined = tracing && isMainThread ? performance.timeOrigin : undefined;
const pending: [string, number, number][] = [];

/** CPU time of the calling thread in ms (clock_gettime(CLOCK_THREAD_CPUTIME_ID)); -1 if unknown. */
const threadCpu: () => number = (() => {
  if (!tracing || process.platform !== "linux") return () => -1;
  try {
    const lib = dlopen("libc.so.6", { clock_gettime: { args: ["i32", "ptr"], returns: "i32" } });
    const ts = new BigInt64Array(2);
    const p = ptr(ts);
    return () => (lib.symbols.clock_gettime(3, p) === 0 ? Number(ts[0]!) * 1e3 + Number(ts[1]!) / 1e6 : -1);
  } catch {
    return () => -1;
  }
})();

function print(label: string, at: number, cpu: number): void {
  const c = cpu < 0 ? "" : `  (thread cpu ${cpu.toFixed(1)} ms)`;
  writeSync(2, `[startup] ${(at - origin!).toFixed(1).padStart(7)} ms  ${thread}  ${label}${c}\n`);
}

/** Record that a phase ended (prints `[startup] <ms> <thread> <label>`). */
export function traceMark(label: string): void {
  if (!tracing) return;
  if (origin === undefined) pending.push([label, mono(), threadCpu()]);
  else print(label, mono(), threadCpu());
}

/** The main thread's origin, to send to the worker. */
export function traceOrigin(): number | undefined {
  return origin;
}

/** Worker: the main thread's origin has arrived; print what was buffered. */
export function setTraceOrigin(o: number | undefined): void {
  if (!tracing || o === undefined || origin !== undefined) return;
  origin = o;
  for (const [l, at, cpu] of pending) print(l, at, cpu);
  pending.length = 0;
}
