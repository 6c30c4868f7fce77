// The worker side of a run: receives the RunRequest and the shared signal flag, runs the
// script (synchronously, inside the engine) and posts the result back. The main thread also
// posts Cedar's compiled wasm module (compiled once per process, see policy/cedar.ts) and
// validates the policy itself while the script runs (policy-check.ts).

import { expectCedarModule, provideCedarModule } from "../policy/cedar.ts";
import { executeRun, type RunHooks } from "./run.ts";
import type { RunRequest } from "./request.ts";
import { setTraceOrigin, traceMark } from "./startup-trace.ts";

declare const self: Worker;

/** Main thread → worker: the request, then (when compiled) Cedar's module. */
export type ToWorker =
  | { req: RunRequest; flags: SharedArrayBuffer; traceOrigin?: number; cedarModuleFollows?: boolean }
  | { cedarModule: WebAssembly.Module | null };

/** Worker → main thread: the result, and where the deferred policy warnings go. */
export interface FromWorker {
  result: import("./result.ts").RunResult;
  deferred?: RunHooks["deferred"];
}

/** Serve the main thread; `early` are messages received before this module was loaded. */
export function workerMain(early: MessageEvent[] = []): void {
  const onMessage = async (ev: MessageEvent) => {
    const data = ev.data as ToWorker;
    if ("cedarModule" in data) {
      provideCedarModule(data.cedarModule);
      return;
    }
    const { req, flags, traceOrigin, cedarModuleFollows } = data;
    setTraceOrigin(traceOrigin);
    traceMark("request received");
    if (cedarModuleFollows) expectCedarModule();
    const hooks: RunHooks = { deferPolicyValidation: true };
    const result = await executeRun(req, new Int32Array(flags), hooks);
    traceMark("result ready");
    const msg: FromWorker = { result, deferred: hooks.deferred };
    self.postMessage(msg);
  };
  self.onmessage = onMessage;
  for (const ev of early) void onMessage(ev);
}
