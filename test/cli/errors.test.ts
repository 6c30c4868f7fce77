// The situations of runner.md §5.3: error types, messages, alarms, metrics and exit statuses
// (table 5.7), through the CLI. Usage errors and missing files are in usage.test.ts.
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ALLOW_ALL, files, metricNames, rex, runScript } from "./helpers.ts";

setDefaultTimeout(60_000);

const PREFIX = "Failed to load input files: ";

function expectEarly(r: ReturnType<typeof rex>, code: number, type: string, message: string): void {
  expect(r.code).toBe(code);
  expect(r.json.status).toBe("ERROR");
  expect(r.json.output).toBe("");
  expect(r.json.error).toEqual({ error_type: type, message });
  expect(r.json.logs).toBeUndefined();
}

describe("unreadable and non-UTF-8 inputs: COMMUNICATION_EXCEPTION, exit 6", () => {
  const d = files({ "s.rhai": "1", "p.cedar": ALLOW_ALL, "bad.cedar": new Uint8Array([0x70, 0xff, 0xfe]), "bad.json": new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) });
  mkdirSync(join(d, "adir"));
  const S = join(d, "s.rhai");
  const P = join(d, "p.cedar");
  test.each([
    [["run", join(d, "adir"), "--policy", P], `Failed to read script file: ${join(d, "adir")}: Is a directory (os error 21)`],
    [["run", S, "--policy", join(d, "bad.cedar")], `Failed to read policy file: ${join(d, "bad.cedar")}: stream did not contain valid UTF-8`],
    [["run", S, "--policy", P, "--args", join(d, "adir")], `Failed to read script arguments file: ${join(d, "adir")}: Is a directory (os error 21)`],
    [["run", S, "--policy", P, "--args", join(d, "bad.json")], `Failed to read script arguments file: ${join(d, "bad.json")}: stream did not contain valid UTF-8`],
    [["run", S, "--policy", P, "--args-json", join(d, "bad.json")], `Failed to read script arguments file: ${join(d, "bad.json")}: stream did not contain valid UTF-8`],
    [["run", S, "--policy", P, "--args-json", join(d, "nope.json")], `Failed to read script arguments file: ${join(d, "nope.json")}: No such file or directory (os error 2)`],
    [["run", S, "--policy", P, "--audit", "--audit-out", join(d, "nodir", "x.audit")], `Cannot write audit record: ${join(d, "nodir", "x.audit")}: No such file or directory (os error 2)`],
  ])("%p", (args, message) => {
    const r = rex(args);
    expectEarly(r, 6, "COMMUNICATION_EXCEPTION", PREFIX + message);
    expect(metricNames(r)).toEqual(["RexRunnerTotalExecutionTime"]);
    expect(r.json.alarms).toBeUndefined();
  });
});

describe("malformed typed arguments name the argument and the problem (runner.md §3.1)", () => {
  const ONE_OF = "expected an object with exactly one of stringValue, integerValue, longValue, doubleValue, booleanValue, listValue, mapValue";
  test.each([
    ['{"x": {"integerValue": 1.5}}', "argument 'x': integerValue must be an integer between -2147483648 and 2147483647"],
    ['{"x": {"integerValue": 1e3}}', "argument 'x': integerValue must be an integer between -2147483648 and 2147483647"],
    ['{"x": {"integerValue": 2147483648}}', "argument 'x': integerValue must be an integer between -2147483648 and 2147483647"],
    ['{"x": {"integerValue": "3"}}', "argument 'x': integerValue must be an integer between -2147483648 and 2147483647"],
    ['{"x": {"longValue": 9223372036854775808}}', "argument 'x': longValue must be an integer between -9223372036854775808 and 9223372036854775807"],
    ['{"x": {"longValue": 1.0}}', "argument 'x': longValue must be an integer between -9223372036854775808 and 9223372036854775807"],
    ['{"x": {"stringValue": 1}}', "argument 'x': stringValue must be a string"],
    ['{"x": {"booleanValue": "true"}}', "argument 'x': booleanValue must be true or false"],
    ['{"x": {"doubleValue": "1"}}', "argument 'x': doubleValue must be a number"],
    ['{"x": {"listValue": {}}}', "argument 'x': listValue must be an array of typed values"],
    ['{"x": {"mapValue": []}}', "argument 'x': mapValue must be an object of typed values"],
    ['{"x": {"listValue": [{"integerValue": "3"}]}}', "argument 'x' at listValue/0: integerValue must be an integer between -2147483648 and 2147483647"],
    ['{"x": {"bogusValue": 1}}', `argument 'x': unknown member 'bogusValue'; ${ONE_OF}`],
    ['{"x": null}', `argument 'x': ${ONE_OF}`],
    ['{"x": {}}', `argument 'x': ${ONE_OF}`],
    ['{"x": {"stringValue": "a", "integerValue": 1}}', `argument 'x': ${ONE_OF}`],
    ["[1]", "the top level must be an object"],
    ["null", "the top level must be an object"],
  ])("%s", (json, reason) => {
    const d = files({ "s.rhai": "1", "p.cedar": ALLOW_ALL, "a.json": json });
    const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "-a", join(d, "a.json")]);
    expectEarly(r, 6, "COMMUNICATION_EXCEPTION", `${PREFIX}Failed to parse script arguments JSON: ${join(d, "a.json")}: ${reason}`);
  });
  test("invalid JSON", () => {
    const d = files({ "s.rhai": "1", "p.cedar": ALLOW_ALL, "a.json": "{" });
    const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "--args-json", join(d, "a.json")]);
    expect(r.code).toBe(6);
    expect(r.json.error.message).toStartWith(`${PREFIX}Failed to parse script arguments JSON: ${join(d, "a.json")}: invalid JSON: `);
  });
});

describe("arguments reach the script (runner.md §3)", () => {
  test("typed values, 64-bit exact longValue, later sources win", () => {
    const d = files({
      "s.rhai": "[service, retries, deadline, ratio, dry_run, hosts, limits, big, extra, flag]",
      "p.cedar": ALLOW_ALL,
      "a.json": JSON.stringify({
        service: { stringValue: "nginx.service" },
        retries: { integerValue: 3 },
        deadline: { longValue: 1767225600000 },
        ratio: { doubleValue: 5 },
        dry_run: { booleanValue: true },
        hosts: { listValue: [{ stringValue: "a" }, { stringValue: "b" }] },
        limits: { mapValue: { mem: { longValue: 512 }, cpu: { doubleValue: 80 } } },
        extra: { stringValue: "typed" },
        flag: { stringValue: "typed" },
      }).replace('"deadline"', '"big":{"longValue":9223372036854775807},"deadline"'),
      "j.json": '{"extra": [1, 2.5, null, {}, []], "flag": false}',
    });
    const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "-a", join(d, "a.json"), "--args-json", join(d, "j.json"), "--arg", "flag=cli"]);
    expect(r.code).toBe(0);
    expect(r.json.output).toBe(
      '["nginx.service", 3, 1767225600000, 5.0, true, ["a", "b"], #{"cpu": 80.0, "mem": 512}, 9223372036854775807, [1, 2.5, (), #{}, []], "cli"]',
    );
  });
  test("an argument that is not an identifier is accepted with a warning on stderr", () => {
    const d = files({ "s.rhai": "1", "p.cedar": ALLOW_ALL });
    const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "--arg", "my-arg=x"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("rex: warning: argument 'my-arg' is not a valid identifier; the script cannot refer to it\n");
  });
  test.each([[["run", "-"]], [["run", "--script-file", "-"]], [["-s", "-"]]])("the script from stdin: %p", (form) => {
    const d = files({ "p.cedar": ALLOW_ALL });
    const r = rex([...form, "--policy", join(d, "p.cedar")], { stdin: 'print("hi"); 40 + 2' });
    expect(r.code).toBe(0);
    expect(r.json.output).toBe("42");
    expect(r.json.logs.map((l: { attributes: { message: string } }) => l.attributes.message)).toEqual(["hi"]);
  });
});

describe("nesting deeper than 2: VALIDATION_EXCEPTION, exit 5 (runner.md §3.2)", () => {
  test.each([
    ['{"a": {"listValue": [{"listValue": [{"stringValue": "x"}]}]}}', "a"],
    ['{"ok": {"listValue": [{"listValue": []}]}, "m": {"mapValue": {"k": {"mapValue": {"z": {"booleanValue": true}}}}}, "later": {"listValue": [{"listValue": [{"stringValue": "x"}]}]}}', "m"],
  ])("%s", (json, name) => {
    const d = files({ "s.rhai": "1", "p.cedar": ALLOW_ALL, "a.json": json });
    const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "-a", join(d, "a.json")]);
    const msg = `Script arguments depth validation failed: Argument '${name}': Maximum nesting depth of 2 exceeded`;
    expectEarly(r, 5, "VALIDATION_EXCEPTION", msg);
    expect(r.json.alarms).toEqual([{ alarm_type: "RexRunnerScriptArgumentValidationFailure", alarm_details: msg }]);
    expect(metricNames(r)).toEqual(["RexRunnerScriptArgumentValidationFailureCount", "RexRunnerTotalExecutionTime"]);
  });
  test("applies to --args-json too", () => {
    const d = files({ "s.rhai": "1", "p.cedar": ALLOW_ALL, "j.json": '{"deep": [[1]]}' });
    const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "--args-json", join(d, "j.json")]);
    expectEarly(r, 5, "VALIDATION_EXCEPTION", "Script arguments depth validation failed: Argument 'deep': Maximum nesting depth of 2 exceeded");
  });
  test("a broken policy is reported before a depth error", () => {
    const d = files({ "s.rhai": "1", "p.cedar": "permit(principal, action, resource)", "j.json": '{"deep": [[1]]}' });
    const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), "--args-json", join(d, "j.json")]);
    expect(r.code).toBe(7);
    expect(r.json.error.error_type).toBe("INTERNAL_EXCEPTION");
  });
});

describe("policy errors (runner.md §5.3, cedar.md §10)", () => {
  test("syntax error: INTERNAL_EXCEPTION, exit 7", () => {
    const r = runScript("1", [], { policy: "permit(principal, action, resource)" });
    expectEarly(
      r,
      7,
      "INTERNAL_EXCEPTION",
      "Failed to create Rhai engine: Failed to parse Cedar policy - check syntax and structure: unexpected end of input (expected `;` or identifier) at line 1, column 36",
    );
    expect(metricNames(r)).toEqual(["RexRunnerTotalExecutionTime"]);
  });
  const INVALID = 'permit(principal, action == file_system::Action::"raed", resource);';
  test("--strict-policy: validation failure is VALIDATION_EXCEPTION, exit 5, problems on stderr", () => {
    const r = runScript("1", ["--strict-policy"], { policy: INVALID });
    expectEarly(r, 5, "VALIDATION_EXCEPTION", 'Policy validation failed: policy0 at line 1, column 29: unrecognized action `file_system::Action::"raed"`');
    expect(r.stderr).toContain('rex: policy error: policy0 at line 1, column 29: unrecognized action `file_system::Action::"raed"`\n');
  });
  test("without --strict-policy the findings are warnings and the run goes on", () => {
    const r = runScript("1", [], { policy: INVALID });
    expect(r.code).toBe(0);
    expect(r.json.output).toBe("1");
    expect(r.stderr).toContain('rex: policy warning: policy0 at line 1, column 29: unrecognized action `file_system::Action::"raed"`\n');
  });
});

describe("script errors on the normal path", () => {
  test("compile error: SCRIPT_EXCEPTION, exit 3, both alarms and metrics, logs present", () => {
    const r = runScript('info("never");\nlet y = retries;');
    expect(r.code).toBe(3);
    expect(r.json.error).toEqual({ error_type: "SCRIPT_EXCEPTION", message: "Syntax error: Undefined variable: retries (line 2, position 9)" });
    expect(r.json.alarms).toEqual([
      { alarm_type: "RexRunnerScriptCompilationFailure", alarm_details: "Failed to compile script: Undefined variable: retries (line 2, position 9)" },
      { alarm_type: "RexRunnerScriptExecutionFailure", alarm_details: "Failed to execute script: Syntax error: Undefined variable: retries (line 2, position 9)" },
    ]);
    expect(metricNames(r)[0]).toBe("RexRunnerScriptCompilationFailureCount");
    expect(metricNames(r).slice(-2)).toEqual(["RexRunnerScriptExecutionFailureCount", "RexRunnerTotalExecutionTime"]);
    expect(r.json.logs).toEqual([]);
  });
  test("eval is disabled", () => {
    const r = runScript('eval("1")');
    expect(r.code).toBe(3);
    expect(r.json.error.message).toBe("Syntax error: reserved keyword 'eval' is disabled (line 1, position 1)");
  });
  test("access denied: ACCESS_DENIED_EXCEPTION, exit 4, privilege-escalation alarm and metric", () => {
    const d = files({ secret: "s3cr3t" });
    const r = runScript(`let s = cat("${join(d, "secret")}");`, [], { policy: "" });
    expect(r.code).toBe(4);
    expect(r.json.error.error_type).toBe("ACCESS_DENIED_EXCEPTION");
    expect(r.json.error.message).toMatch(
      new RegExp(`^IoErrorKind: PermissionDenied: Permission denied: \\S+ unauthorized to perform file_system::Action::"open" for file_system::Dir::${d} \\(line 1, position 9\\)$`),
    );
    expect(r.json.alarms).toEqual([{ alarm_type: "RexRunnerPrivilegeEscalation", alarm_details: `Failed to execute script: ${r.json.error.message}` }]);
    expect(metricNames(r).slice(-2)).toEqual(["RexRunnerPrivilegeEscalationCount", "RexRunnerTotalExecutionTime"]);
  });
  test("a script's own 'permission denied' is a SCRIPT_EXCEPTION", () => {
    const r = runScript('throw "permission denied"');
    expect(r.code).toBe(3);
    expect(r.json.error).toEqual({ error_type: "SCRIPT_EXCEPTION", message: "Runtime error: permission denied (line 1, position 1)" });
  });
  test("a caught denial re-thrown keeps its origin", () => {
    const d = files({ secret: "s3cr3t" });
    const r = runScript(`try { cat("${join(d, "secret")}") } catch (e) { throw e; }`, [], { policy: "" });
    expect(r.code).toBe(4);
    expect(r.json.error.error_type).toBe("ACCESS_DENIED_EXCEPTION");
  });
});

describe("script metric and alarm names starting with rex (runner.md §7.3)", () => {
  test.each([
    [
      'MetricBuilder().name("ok").value(1.0).unit(MetricUnitType::COUNT).publish(); MetricBuilder().name("rexy").value(1.0).unit(MetricUnitType::COUNT).publish(); AlarmBuilder().type("REX_x").publish(); 5',
      "Script metric validation failed: Invalid metric name 'rexy': Script metrics cannot start with Rex",
      "Invalid metric name 'rexy': Script metrics cannot start with Rex",
    ],
    [
      'AlarmBuilder().type("fine").publish(); AlarmBuilder().type("RexFoo").details("d").publish(); throw "x"',
      "Script alarm validation failed: Invalid alarm type 'RexFoo': Script alarms cannot start with Rex",
      "Invalid alarm type 'RexFoo': Script alarms cannot start with Rex",
    ],
  ])("%s", (src, message, details) => {
    const r = runScript(src);
    expectEarly(r, 3, "SCRIPT_EXCEPTION", message);
    expect(r.json.alarms).toEqual([{ alarm_type: "RexRunnerScriptExecutionFailure", alarm_details: details }]);
    expect(metricNames(r).at(-1)).toBe("RexRunnerTotalExecutionTime");
    expect(metricNames(r)).not.toContain("ok");
  });
});

describe("--legacy-exit-codes (runner.md §5.7)", () => {
  test("normal-path failure exits 0", () => {
    const r = runScript('throw "x"', ["--legacy-exit-codes"]);
    expect(r.code).toBe(0);
    expect(r.json.error.error_type).toBe("SCRIPT_EXCEPTION");
  });
  test("early abort exits 1", () => {
    const r = runScript("1", ["--legacy-exit-codes"], { policy: "permit(" });
    expect(r.code).toBe(1);
    expect(r.json.error.error_type).toBe("INTERNAL_EXCEPTION");
  });
});
