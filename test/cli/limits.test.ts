// Every limit of runner.md §1.3 through the CLI: the message with its `[limit: --option=value]`
// hint (and position where the engine provides one), SCRIPT_EXCEPTION, exit 3, the failure
// alarm and metric; and that the defaults stop runaway strings and arrays.
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { metricNames, runScript } from "./helpers.ts";

setDefaultTimeout(90_000);

function expectLimitError(r: ReturnType<typeof runScript>, message: string | RegExp): void {
  expect(r.code).toBe(3);
  expect(r.json.status).toBe("ERROR");
  expect(r.json.output).toBe("");
  expect(r.json.error.error_type).toBe("SCRIPT_EXCEPTION");
  if (typeof message === "string") expect(r.json.error.message).toBe(message);
  else expect(r.json.error.message).toMatch(message);
  expect(r.json.alarms.at(-1)).toEqual({ alarm_type: "RexRunnerScriptExecutionFailure", alarm_details: `Failed to execute script: ${r.json.error.message}` });
  expect(metricNames(r)).toContain("RexRunnerScriptExecutionFailureCount");
  expect(r.json.logs).toEqual([]);
}

describe("run-time limits (runner.md §1.3)", () => {
  test.each([
    // [script, flags, exact message]
    ["fn f(x) { f(x + 1) } f(0)", ["--max-call-depth", "10"], "Stack overflow [limit: --max-call-depth=10] (line 1, position 22)"],
    ["fn f(x) { f(x + 1) } f(0)", [], "Stack overflow [limit: --max-call-depth=64] (line 1, position 22)"],
  ])("%s %p", (src, flags, message) => {
    expectLimitError(runScript(src, flags), message);
  });

  test.each([
    ["let x = 0; loop { x += 1; }", ["--max-operations", "1000"], "Too many operations [limit: --max-operations=1000] (line 1, position 19)"],
    ['let s = "x"; loop { s += s }', ["--max-string-size", "1000"], "Length of string too large [limit: --max-string-size=1000] (line 1, position 23)"],
    ["let a = [1]; loop { a += a }", ["--max-array-size", "1000"], "Size of array/BLOB too large [limit: --max-array-size=1000] (line 1, position 23)"],
    ["let b = blob(10); loop { b += b }", ["--max-array-size", "100"], "Size of array/BLOB too large [limit: --max-array-size=100] (line 1, position 28)"],
    ["let a = [[1, 2], [3]]; a.push([4, 5])", ["--max-array-size", "6"], "Size of array/BLOB too large [limit: --max-array-size=6] (line 1, position 26)"],
    ['let m = #{}; let i = 0; loop { m["k" + i] = i; i += 1; }', ["--max-map-size", "100"], "Size of object map too large [limit: --max-map-size=100] (line 1, position 43)"],
  ])("%s %p", (src, flags, message) => {
    expectLimitError(runScript(src, flags), message);
  });

  test("limits are not catchable by try/catch", () => {
    const r = runScript('let r = "none"; try { let x = 0; loop { x += 1; } } catch (e) { r = "caught"; } r', ["--max-operations", "500"]);
    expectLimitError(r, "Too many operations [limit: --max-operations=500] (line 1, position 41)");
  });

  test("--max-operations 0 means unlimited", () => {
    const r = runScript("let x = 0; while x < 20000 { x += 1; } x", ["--max-operations", "0"]);
    expect(r.code).toBe(0);
    expect(r.json.output).toBe("20000");
  });

  test("timeout on loop {}", () => {
    const r = runScript("loop {}", ["--timeout", "1", "--max-operations", "0"]);
    expectLimitError(r, "Script terminated: Timeout of 1 seconds exceeded [limit: --timeout=1] (line 1, position 1)");
  });

  test("memory limit (sampled RSS)", () => {
    const r = runScript("let a = []; loop { a.push([1, 2, 3, 4, 5, 6, 7, 8]); }", ["--max-memory", "200", "--max-array-size", "0"]);
    expectLimitError(r, /^Script terminated: Memory limit of 200 MiB exceeded \[limit: --max-memory=200\] \(line 1, position 20\)$/);
  });

});

describe("parse-time limits (runner.md §1.3)", () => {
  test.each([
    [
      "1 + (1 + (1 + (1 + (1 + 1))))",
      ["--max-expr-depth", "3"],
      "Syntax error: Expression exceeds maximum complexity [limit: --max-expr-depth=3, --max-function-expr-depth=32] (line 1, position 6)",
    ],
    [
      "fn g() { 1 + (1 + (1 + (1 + (1 + 1)))) }\ng()",
      ["--max-function-expr-depth", "3"],
      "Syntax error: Expression exceeds maximum complexity [limit: --max-expr-depth=64, --max-function-expr-depth=3] (line 1, position 10)",
    ],
    ['"abcdefghijk"', ["--max-string-size", "5"], "Syntax error: Length of string exceeds the maximum limit (5) [limit: --max-string-size=5] (line 1, position 1)"],
  ])("%s %p", (src, flags, message) => {
    const r = runScript(src, flags);
    expect(r.code).toBe(3);
    expect(r.json.error).toEqual({ error_type: "SCRIPT_EXCEPTION", message });
    expect(r.json.alarms).toEqual([
      { alarm_type: "RexRunnerScriptCompilationFailure", alarm_details: `Failed to compile script: ${message.slice("Syntax error: ".length)}` },
      { alarm_type: "RexRunnerScriptExecutionFailure", alarm_details: `Failed to execute script: ${message}` },
    ]);
    expect(metricNames(r)[0]).toBe("RexRunnerScriptCompilationFailureCount");
    expect(metricNames(r)).toContain("RexRunnerScriptExecutionFailureCount");
  });
});

describe("defaults stop runaway values with a limit error, not out-of-memory", () => {
  test("string doubling", () => {
    const r = runScript('let s = "x"; loop { s += s }', [], { timeoutMs: 60_000 });
    expectLimitError(r, /^Length of string too large \[limit: --max-string-size=134217728\]/);
  });
  test("array doubling", () => {
    const r = runScript("let a = [1]; loop { a += a }", [], { timeoutMs: 60_000 });
    expectLimitError(r, /^Size of array\/BLOB too large \[limit: --max-array-size=10000000\]/);
  });
});
