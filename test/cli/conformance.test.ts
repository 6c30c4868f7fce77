// Conformance audit of `rex run` against runner.md: the complete examples of §5.8 reproduced
// byte for byte (times and values normalised), and each difference the audit found.
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALLOW_ALL, CLI, ROOT_DIR, files, metricNames, rex, runScript } from "./helpers.ts";

setDefaultTimeout(60_000);

const NO_MONITORING = { REX_RUNNER_DISABLE_MONITORING: "1" };

/** Replace what changes from run to run: timestamps, TIME values, the principal's name. */
function normalise(json: string, user?: string): string {
  let s = json
    .replace(/"metric_timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"/g, '"metric_timestamp":"T"')
    .replace(/"timestamp":"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC"/g, '"timestamp":"L"')
    .replace(/"metric_value":\d+\.0,"metric_unit":"TIME"/g, '"metric_value":N,"metric_unit":"TIME"');
  if (user !== undefined) s = s.split(`${user} unauthorized`).join("ops unauthorized");
  return s;
}

describe("runner.md §5.8 complete examples", () => {
  test("success (json; metric list as printed without monitoring)", () => {
    const r = runScript('info("checking 3 services");\n"2 of 3 active"', [], { env: NO_MONITORING });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const spec =
      '{"output":"2 of 3 active","status":"SUCCESS","metrics":[{"metric_name":"RexRunnerScriptExecutionTime","metric_value":1843211.0,"metric_unit":"TIME","metric_dimension":{"MetricInfo":"Duration"},"metric_timestamp":"2025-01-01T12:00:00.118Z"},{"metric_name":"RexRunnerScriptExecutionSuccessCount","metric_value":1.0,"metric_unit":"COUNT","metric_dimension":{"MetricInfo":"SuccessCount"},"metric_timestamp":"2025-01-01T12:00:00.119Z"},{"metric_name":"RexRunnerTotalExecutionTime","metric_value":96214877.0,"metric_unit":"TIME","metric_dimension":{"MetricInfo":"Duration"},"metric_timestamp":"2025-01-01T12:00:00.119Z"}],"logs":[{"attributes":{"timestamp":"2025-01-01 12:00:00.101 UTC","level":"INFO","message":"checking 3 services","line_number":"1"}}]}';
    expect(normalise(r.stdout)).toBe(normalise(spec));
  });

  test("access denied (read of /etc/shadow denied, open in /etc allowed); exit 4", () => {
    const policy = `permit (principal, action == file_system::Action::"open", resource in file_system::Dir::"/etc");
permit (principal, action == file_system::Action::"open", resource == file_system::Dir::"/etc");`;
    const r = runScript('info("x");\nlet s = cat("/etc/shadow");', ["--log-level", "error"], { policy, env: NO_MONITORING });
    expect(r.code).toBe(4);
    const user = /Permission denied: (\S+) unauthorized/.exec(r.stdout)![1]!;
    const norm = normalise(r.stdout, user);
    const metrics = /"metrics":(\[.*\]),"logs"/.exec(norm)![1]!;
    const spec =
      '{"output":"","status":"ERROR","error":{"error_type":"ACCESS_DENIED_EXCEPTION","message":"IoErrorKind: PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::\\"read\\" for file_system::File::/etc/shadow (line 2, position 9)"},"alarms":[{"alarm_type":"RexRunnerPrivilegeEscalation","alarm_details":"Failed to execute script: IoErrorKind: PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::\\"read\\" for file_system::File::/etc/shadow (line 2, position 9)"}],"metrics":[...],"logs":[]}';
    expect(norm.replace(metrics, "[...]")).toBe(spec);
    expect(metricNames(r)).toEqual(["RexRunnerScriptExecutionTime", "RexRunnerPrivilegeEscalationCount", "RexRunnerTotalExecutionTime"]);
  });

  test("early abort (nesting too deep); exit 5, no logs", () => {
    const d = files({
      "s.rhai": "hosts",
      "p.cedar": ALLOW_ALL,
      "a.json": '{"hosts": {"listValue": [{"listValue": [{"stringValue": "x"}]}]}}',
    });
    const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "--args", join(d, "a.json")]);
    expect(r.code).toBe(5);
    const spec =
      '{"output":"","status":"ERROR","error":{"error_type":"VALIDATION_EXCEPTION","message":"Script arguments depth validation failed: Argument \'hosts\': Maximum nesting depth of 2 exceeded"},"alarms":[{"alarm_type":"RexRunnerScriptArgumentValidationFailure","alarm_details":"Script arguments depth validation failed: Argument \'hosts\': Maximum nesting depth of 2 exceeded"}],"metrics":[{"metric_name":"RexRunnerScriptArgumentValidationFailureCount","metric_value":1.0,"metric_unit":"COUNT","metric_dimension":{"MetricInfo":"FailureCount"},"metric_timestamp":"2025-01-01T12:00:00.031Z"},{"metric_name":"RexRunnerTotalExecutionTime","metric_value":31002411.0,"metric_unit":"TIME","metric_dimension":{"MetricInfo":"Duration"},"metric_timestamp":"2025-01-01T12:00:00.031Z"}]}';
    expect(normalise(r.stdout)).toBe(normalise(spec));
  });

  test("human -v (§5.6 example): logs, output, metrics with Rust float Display", () => {
    const r = runScript('info("checking 3 services");\nwarn("nginx.service is inactive");\n"2 of 3 active"', ["-o", "human", "-v"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual(["[INFO] checking 3 services", "[WARN] nginx.service is inactive", "2 of 3 active", "--- metrics ---"]);
    expect(lines.slice(4, -1).map((l) => l.replace(/: [0-9.]+$/, ""))).toEqual([
      "RexRunnerScriptExecutionTime",
      "RexRunnerProcessCpuUsage",
      "RexRunnerProcessRssMemoryUsageAverage",
      "RexRunnerProcessVirtualMemoryUsageAverage",
      "RexRunnerScriptExecutionSuccessCount",
      "RexRunnerTotalExecutionTime",
    ]);
    expect(lines.at(-2)).toMatch(/^RexRunnerTotalExecutionTime: [1-9][0-9]*$/);
    expect(lines.at(-1)).toBe("");
  });
});

describe("§7.2: metric dimensions keep their insertion order (whatever the keys)", () => {
  test("integer-like and prototype-named keys are not reordered", () => {
    const r = runScript(
      'let d = MetricDimensionsBuilder().add("b", "1").add("10", "x").add("__proto__", "p").add("a", "2").add("b", "3").build();\n' +
        'MetricBuilder().name("M").value(1.0).unit(MetricUnitType::COUNT).dimensions(d).publish();',
      [],
      { env: NO_MONITORING },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('{"metric_name":"M","metric_value":1.0,"metric_unit":"COUNT","metric_dimension":{"b":"3","10":"x","__proto__":"p","a":"2"},"metric_timestamp":"');
  });
});

describe("§7.2: a script metric's timestamp is the time of its publish", () => {
  test("published before a one-second sleep: stamped before the execution-time metric", () => {
    const r = runScript('MetricBuilder().name("Early").value(1.0).unit(MetricUnitType::COUNT).publish();\nsleep(1);', [], { env: NO_MONITORING });
    expect(r.code).toBe(0);
    const at = (name: string) => Date.parse(r.json.metrics.find((m: { metric_name: string }) => m.metric_name === name).metric_timestamp);
    expect(at("RexRunnerScriptExecutionTime") - at("Early")).toBeGreaterThanOrEqual(900);
    expect(metricNames(r)).toEqual(["RexRunnerScriptExecutionTime", "Early", "RexRunnerScriptExecutionSuccessCount", "RexRunnerTotalExecutionTime"]);
  });
});

describe("§2 step 9: metrics are merged before alarm types are checked", () => {
  test("an alarm-type abort carries the script's metrics but not its alarms", () => {
    const r = runScript(
      'MetricBuilder().name("ok").value(2.5).unit(MetricUnitType::PERCENT).publish();\nAlarmBuilder().type("fine").publish();\nAlarmBuilder().type("rexAlarm").publish();\n1',
      [],
      { env: NO_MONITORING },
    );
    expect(r.code).toBe(3);
    expect(r.json.error).toEqual({
      error_type: "SCRIPT_EXCEPTION",
      message: "Script alarm validation failed: Invalid alarm type 'rexAlarm': Script alarms cannot start with Rex",
    });
    expect(r.json.alarms).toEqual([{ alarm_type: "RexRunnerScriptExecutionFailure", alarm_details: "Invalid alarm type 'rexAlarm': Script alarms cannot start with Rex" }]);
    expect(metricNames(r)).toEqual(["RexRunnerScriptExecutionTime", "ok", "RexRunnerTotalExecutionTime"]);
    expect(r.json.logs).toBeUndefined();
  });
});

describe("§2 step 3: all input files are read before the argument sources are parsed", () => {
  test("a malformed typed file and an unreadable JSON file: the read error is reported", () => {
    const d = files({ "s.rhai": "1", "p.cedar": ALLOW_ALL, "a.json": "{not json" });
    const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "--args", join(d, "a.json"), "--args-json", join(d, "missing.json")]);
    expect(r.code).toBe(6);
    expect(r.json.error).toEqual({
      error_type: "COMMUNICATION_EXCEPTION",
      message: `Failed to load input files: Failed to read script arguments file: ${join(d, "missing.json")}: No such file or directory (os error 2)`,
    });
  });
});

describe("§5.3: the result cannot be written to stdout", () => {
  test.each([
    [[], 7],
    [["--legacy-exit-codes"], 1],
  ] as [string[], number][])("%p → exit %d, the OS reason in REX's form", (extra, code) => {
    const d = files({ "s.rhai": '"hi"', "p.cedar": ALLOW_ALL });
    const r = Bun.spawnSync(["sh", "-c", '"$@" > /dev/full', "sh", ...CLI, "run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), ...extra], {
      cwd: ROOT_DIR,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.exitCode).toBe(code);
    expect(r.stderr.toString()).toBe("rex: failed to write output: No space left on device (os error 28)\n");
  });
});

/** Run under a pseudo-terminal (util-linux `script`): stdout is a terminal, stderr goes to a file. */
function onTerminal(args: string[], env: Record<string, string | undefined>): { stdout: string; stderr: string } {
  const d = files({});
  const errFile = join(d, "stderr");
  const quoted = [...CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const e: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "NO_COLOR") e[k] = v;
  for (const [k, v] of Object.entries(env)) if (v !== undefined) e[k] = v;
  const r = Bun.spawnSync(["script", "-qec", `${quoted} 2>'${errFile}'`, "/dev/null"], { cwd: ROOT_DIR, env: e });
  return { stdout: r.stdout.toString().replace(/\r\n/g, "\n"), stderr: readFileSync(errFile, "utf8") };
}

const hasScript = Bun.spawnSync(["sh", "-c", "command -v script"]).exitCode === 0;

describe.if(hasScript)("§5.6: colour only on a terminal, per stream, never with NO_COLOR", () => {
  const d = files({ "s.rhai": 'warn("w");\nthrow "boom"', "p.cedar": ALLOW_ALL });
  const args = ["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "-o", "human", "-v", "--log-level", "warn"];
  test("stdout a terminal, stderr a file: the level tag may be coloured, `error:` is not", () => {
    const r = onTerminal(args, {});
    expect(r.stderr).toBe("error: Runtime error: boom (line 2, position 1)\n");
    expect(r.stdout.replace(/\x1b\[[0-9;]*m/g, "")).toStartWith("[WARN] w\n--- metrics ---\n");
  });
  test("NO_COLOR set: no escape sequence anywhere", () => {
    const r = onTerminal(args, { NO_COLOR: "1" });
    expect(r.stdout).toStartWith("[WARN] w\n--- metrics ---\n");
    expect(r.stdout).not.toContain("\x1b");
    expect(r.stderr).toBe("error: Runtime error: boom (line 2, position 1)\n");
  });
  test("json on a terminal gains exactly one trailing newline and no colour", () => {
    const r = onTerminal(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar")], {});
    expect(r.stdout).toEndWith("]}\n");
    expect(r.stdout).not.toContain("\x1b");
    expect(JSON.parse(r.stdout).error.message).toBe("Runtime error: boom (line 2, position 1)");
  });
});
