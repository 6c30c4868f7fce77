// The worker side of a run: receives the RunRequest and the shared signal flag, runs the
// script (synchronously, inside the engine) and posts the result back.

import { executeRun } from "./run.ts";
import type { RunRequest } from "./request.ts";

declare const self: Worker;

export function workerMain(): void {
  self.onmessage = async (ev: MessageEvent) => {
    const { req, flags } = ev.data as { req: RunRequest; flags: SharedArrayBuffer };
    const result = await executeRun(req, new Int32Array(flags));
    self.postMessage(result);
  };
}
