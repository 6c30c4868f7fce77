// SIGTERM and SIGINT during a run (runner.md §8): the script is stopped at its next operation
// and the JSON result is still written, with the documented message and exit status.
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { join } from "node:path";
import { ALLOW_ALL, CLI, SPAWN_TIMEOUT_MS, files } from "./helpers.ts";

setDefaultTimeout(60_000);

interface Signalled {
  code: number | null;
  stdout: string;
  json: any;
}

/** Start a run of `src`, wait for `delayMs`, send `signals` in order, collect the result (bounded). */
async function runAndSignal(src: string, delayMs: number, signals: NodeJS.Signals[]): Promise<Signalled> {
  const d = files({ "s.rhai": src, "p.cedar": ALLOW_ALL });
  // `loop {}` would reach the default 500 000 000 operations within seconds: no operation limit.
  const p = Bun.spawn([...CLI, "run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "--max-operations", "0"], {
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, NO_COLOR: "1" },
  });
  const guard = setTimeout(() => p.kill("SIGKILL"), SPAWN_TIMEOUT_MS);
  await Bun.sleep(delayMs);
  for (const s of signals) p.kill(s);
  const code = await p.exited;
  clearTimeout(guard);
  const stdout = await new Response(p.stdout).text();
  let json: any;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, stdout, json };
}

function expectTerminated(r: Signalled, message: string): void {
  expect(r.code).toBe(3);
  expect(r.json.status).toBe("ERROR");
  expect(r.json.error.error_type).toBe("SCRIPT_EXCEPTION");
  expect(r.json.error.message).toBe(message);
  expect(r.json.alarms.at(-1).alarm_type).toBe("RexRunnerScriptExecutionFailure");
  expect(r.json.metrics.map((m: any) => m.metric_name)).toContain("RexRunnerScriptExecutionFailureCount");
  expect(Array.isArray(r.json.logs)).toBe(true);
}

describe("signals (runner.md §8)", () => {
  test("SIGINT during loop {}: Script terminated: Interrupted by SIGINT, exit 3", async () => {
    const r = await runAndSignal("loop {}", 1500, ["SIGINT"]);
    expectTerminated(r, "Script terminated: Interrupted by SIGINT (line 1, position 1)");
  });

  test("SIGTERM during loop {}: after the 10 s grace period, Script terminated: SIGTERM timeout exceeded, exit 3", async () => {
    const started = performance.now();
    const r = await runAndSignal("loop {}", 1500, ["SIGTERM"]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(10_000);
    expectTerminated(r, "Script terminated: SIGTERM timeout exceeded (line 1, position 1)");
  });

  test("SIGTERM: a script that finishes within the grace period completes normally", async () => {
    const r = await runAndSignal('let t = timestamp(); while t.elapsed < 2.0 { } "done"', 1000, ["SIGTERM"]);
    expect(r.code).toBe(0);
    expect(r.json.status).toBe("SUCCESS");
    expect(r.json.output).toBe("done");
  });
});
