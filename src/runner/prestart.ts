// The script worker, started at process entry (src/main.ts) for a `rex run`, before the rest
// of the command-line code is loaded, so that its module loading overlaps everything else.

import { traceMark } from "./startup-trace.ts";

let prestarted: Worker | undefined;

/** The worker entry: the same file as the process entry (see src/main.ts). */
export function workerEntry(): string {
  return Bun.main;
}

/** Start the worker now (idempotent). */
export function prestartWorker(): void {
  if (prestarted) return;
  prestarted = new Worker(workerEntry());
  traceMark("worker started");
}

/** The prestarted worker, now owned by the caller (undefined if none). */
export function takeWorker(): Worker | undefined {
  const w = prestarted;
  prestarted = undefined;
  return w;
}

/** Not a run after all (help, usage error, …): stop the prestarted worker. */
export function discardWorker(): void {
  prestarted?.terminate();
  prestarted = undefined;
}
