// The main-thread side of `rex run` (runner.md §8): the script runs in a Worker so that
// SIGTERM/SIGINT and the timeout can stop even `loop {}`. Signals set a flag in shared
// memory that the engine's progress hook reads; if the worker does not answer within a grace
// period (blocked in a native call), it is terminated and the result is built here.

import { renameSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { startAuthorizeCompile, startCedarCompile } from "../policy/cedar.ts";
import { FLAG_SIGINT, FLAG_SIGTERM } from "./monitor.ts";
import { render } from "./output.ts";
import type { RunRequest } from "./request.ts";
import { PolicyCheck } from "./policy-check.ts";
import { takeWorker, workerEntry } from "./prestart.ts";
import { traceMark, traceOrigin } from "./startup-trace.ts";
import { isTty } from "./tty.ts";
import { osReason } from "./inputs.ts";
import { MetricStore, exitCode, type RunResult } from "./result.ts";
import type { FromWorker, ToWorker } from "./worker.ts";

const SIGTERM_GRACE_MS = 10_000;
const STOP_GRACE_MS = 2_000;

export { discardWorker, prestartWorker } from "./prestart.ts";

function terminationResult(req: RunRequest, message: string): RunResult {
  const m = new MetricStore();
  m.alarm("RexRunnerScriptExecutionFailure", `Failed to execute script: ${message}`);
  m.count("RexRunnerScriptExecutionFailureCount", "FailureCount");
  m.duration("RexRunnerTotalExecutionTime", Math.round((performance.timeOrigin + performance.now() - req.startedAt) * 1e6));
  return {
    output: "",
    status: "ERROR",
    error: { error_type: "SCRIPT_EXCEPTION", message },
    alarms: m.alarms,
    metrics: m.list(),
    logs: [],
    diagnostics: [],
    explain: [],
  };
}

function writeAll(fd: number, s: string): void {
  if (!s) return;
  const buf = Buffer.from(s);
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off);
}

/** Write the result, the diagnostics, the explain blocks and the audit file; returns the exit status. */
export function emit(req: RunRequest, r: RunResult): number {
  const tty = isTty(1);
  const colorOk = !process.env.NO_COLOR && req.format === "human";
  const out = render(r, req.format, { verbose: req.verbose, tty, color: colorOk && tty, colorErr: colorOk && isTty(2) });
  try {
    writeAll(1, out.stdout);
  } catch (e) {
    writeAll(2, `rex: failed to write output: ${osReason(e)}\n`);
    return req.legacyExitCodes ? 1 : 7;
  }
  let err = out.stderr;
  for (const d of r.diagnostics) err += `${d}\n`;
  for (const b of r.explain) err += b;
  try {
    writeAll(2, err);
  } catch {
    // stderr gone: nothing more to say
  }
  if (r.audit && req.auditOut) {
    const tmp = join(dirname(req.auditOut), `.rex-audit-${process.pid}.tmp`);
    try {
      writeFileSync(tmp, r.audit.map((l) => `${l}\n`).join(""));
      renameSync(tmp, req.auditOut);
    } catch (e) {
      writeAll(2, `rex: cannot write audit record: ${req.auditOut}: ${(e as Error).message}\n`);
    }
  }
  return exitCode(r, req.legacyExitCodes);
}

/** Run a request in a worker; resolves with the exit status after writing everything. */
export function runSupervised(req: RunRequest): Promise<number> {
  const worker = takeWorker() ?? new Worker(workerEntry());
  const flags = new Int32Array(new SharedArrayBuffer(4));
  return new Promise<number>((resolve) => {
    // Cedar's module is compiled here (started before the command line was parsed) and
    // posted to the worker; the policy is validated here while the script runs.
    // The worker validates only with --strict-policy; otherwise the authorize-only module.
    const compiled = req.strictPolicy ? startCedarCompile() : startAuthorizeCompile();
    const send = (m: ToWorker) => worker.postMessage(m);
    traceMark("request posted");
    send({ req, flags: flags.buffer as SharedArrayBuffer, traceOrigin: traceOrigin(), cedarModuleFollows: true });
    compiled.then(
      (m) => {
        traceMark("cedar compiled");
        send({ cedarModule: m });
      },
      () => send({ cedarModule: null }),
    );
    const check = new PolicyCheck(req.strictPolicy ? undefined : req.policy);
    let done = false;
    let killTimer: Timer | undefined;
    let termTimer: Timer | undefined;
    let timeoutTimer: Timer | undefined;
    let interrupts = 0;
    const finish = (r: RunResult, deferred?: FromWorker["deferred"]) => {
      if (done) return;
      done = true;
      clearTimeout(killTimer);
      clearTimeout(termTimer);
      clearTimeout(timeoutTimer);
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
      worker.terminate();
      traceMark("result received");
      const write = () => {
        resolve(emit(req, r));
        traceMark("output written");
      };
      if (!deferred) return write();
      check.linesFor(deferred.text).then(
        (lines) => {
          r.diagnostics.splice(deferred.at, 0, ...lines);
          write();
        },
        write,
      );
    };
    const stopWith = (flag: number, message: string) => {
      Atomics.store(flags, 0, flag);
      if (!killTimer) killTimer = setTimeout(() => finish(terminationResult(req, message)), STOP_GRACE_MS);
    };
    const onTerm = () => {
      if (termTimer || done) return;
      termTimer = setTimeout(() => stopWith(FLAG_SIGTERM, "Script terminated: SIGTERM timeout exceeded"), SIGTERM_GRACE_MS);
    };
    const onInt = () => {
      interrupts++;
      if (interrupts > 1) process.exit(130);
      stopWith(FLAG_SIGINT, "Script terminated: Interrupted by SIGINT");
    };
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onInt);
    const t = req.limits.timeout;
    if (t > 0)
      timeoutTimer = setTimeout(() => {
        if (!killTimer)
          killTimer = setTimeout(
            () => finish(terminationResult(req, `Script terminated: Timeout of ${t} seconds exceeded [limit: --timeout=${t}]`)),
            STOP_GRACE_MS,
          );
      }, t * 1000);
    worker.onmessage = (ev: MessageEvent) => {
      const m = ev.data as FromWorker;
      finish(m.result, m.deferred);
    };
    worker.onerror = (ev: ErrorEvent) => {
      const m = new MetricStore();
      const desc = `Internal error: ${ev.message}`;
      m.alarm("RexRunnerInternalAlarm", desc);
      m.duration("RexRunnerTotalExecutionTime", Math.round((performance.timeOrigin + performance.now() - req.startedAt) * 1e6));
      finish({ output: "", status: "ERROR", error: { error_type: "INTERNAL_EXCEPTION", message: desc }, alarms: m.alarms, metrics: m.list(), diagnostics: [], explain: [] });
    };
  });
}
