#!/usr/bin/env bun
// rex entry point. The same file is the script worker (see src/runner/supervisor.ts), so a
// compiled single-file binary needs no second entry point.
import { isMainThread } from "node:worker_threads";
import { looksLikeRun, normalizeArgv } from "./cli/argv.ts";
import { startAuthorizeCompile, startCedarCompile } from "./policy/cedar.ts";
import { prestartWorker } from "./runner/prestart.ts";
import { traceMark } from "./runner/startup-trace.ts";

traceMark("entry");

if (!isMainThread) {
  // Messages that arrive while the runner's modules load are kept (not dropped) and replayed.
  const early: MessageEvent[] = [];
  (globalThis as unknown as Worker).onmessage = (ev: MessageEvent) => early.push(ev);
  const { workerMain } = await import("./runner/worker.ts");
  traceMark("worker modules loaded");
  workerMain(early);
} else {
  const invokedAs = process.argv0 === "bun" ? "rex" : process.argv0;
  const argv = normalizeArgv(process.argv.slice(2), invokedAs);
  if (looksLikeRun(argv)) {
    // Before anything else: the worker loads the engine and Cedar's wasm compiles (background
    // threads) while the command-line code loads and parses (docs/cold-start.md). The worker
    // needs the full module only to validate (--strict-policy).
    if (argv.includes("--strict-policy")) startCedarCompile();
    else startAuthorizeCompile();
    prestartWorker();
  }
  const { main } = await import("./cli/index.ts");
  traceMark("cli module loaded");
  const code = await main(process.argv.slice(2), invokedAs);
  process.exit(code);
}
