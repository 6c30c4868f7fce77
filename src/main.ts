#!/usr/bin/env bun
// rex entry point. The same file is the script worker (see src/runner/supervisor.ts), so a
// compiled single-file binary needs no second entry point.
import { isMainThread } from "node:worker_threads";

if (!isMainThread) {
  const { workerMain } = await import("./runner/worker.ts");
  workerMain();
} else {
  const { main } = await import("./cli/index.ts");
  const code = await main(process.argv.slice(2), process.argv0 === "bun" ? "rex" : process.argv0);
  process.exit(code);
}
