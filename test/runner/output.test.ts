import { describe, expect, test } from "bun:test";
import { logTimestamp, rfc3339, rustFloatDisplay, serdeFloat } from "../../src/runner/numbers.ts";
import { render, toJson } from "../../src/runner/output.ts";
import { LogBuffer, MetricStore, capLogMessage, exitCode, truncateMessage, type RunResult } from "../../src/runner/result.ts";

describe("numbers (runner.md §5.1, §5.6)", () => {
  test.each([
    [1, "1.0"], [123456789, "123456789.0"], [0.5, "0.5"], [0.00001, "0.00001"], [1e16, "1e16"],
    [1.2345e20, "1.2345e20"], [1e-6, "1e-6"], [1.5e-7, "1.5e-7"], [0, "0.0"], [-0, "-0.0"],
    [NaN, "null"], [Infinity, "null"], [1843211, "1843211.0"],
  ])("serde %p → %s", (v, s) => expect(serdeFloat(v)).toBe(s));
  test.each([
    [1, "1"], [0.5, "0.5"], [123456789, "123456789"], [1e20, "100000000000000000000"], [NaN, "NaN"], [Infinity, "inf"], [12.5, "12.5"],
  ])("rust display %p → %s", (v, s) => expect(rustFloatDisplay(v)).toBe(s));
  test("timestamps use 0/3/6/9 fraction digits", () => {
    const base = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(rfc3339({ ms: base, ns: 0 })).toBe("2025-01-01T12:00:00Z");
    expect(rfc3339({ ms: base + 120, ns: 0 })).toBe("2025-01-01T12:00:00.120Z");
    expect(rfc3339({ ms: base + 123, ns: 456000 })).toBe("2025-01-01T12:00:00.123456Z");
    expect(rfc3339({ ms: base + 123, ns: 456789 })).toBe("2025-01-01T12:00:00.123456789Z");
    expect(logTimestamp({ ms: base + 123, ns: 0 })).toBe("2025-01-01 12:00:00.123 UTC");
  });
});

describe("truncation (runner.md §5.5, §6.3)", () => {
  test("ASCII over 1024 bytes: 1021 chars + ...", () => {
    const m = "x".repeat(1025);
    expect(truncateMessage(m)).toBe("x".repeat(1021) + "...");
    expect(truncateMessage("x".repeat(1024))).toBe("x".repeat(1024));
  });
  test("more than 1024 bytes but at most 1021 characters keeps all and gains ...", () => {
    const m = "é".repeat(600); // 1200 bytes, 600 chars
    expect(truncateMessage(m)).toBe(m + "...");
  });
  test("counts Unicode scalar values", () => {
    const m = "😀".repeat(1100);
    expect(truncateMessage(m)).toBe("😀".repeat(1021) + "...");
  });
  test("log message cap at a char boundary", () => {
    expect(capLogMessage("a".repeat(2048))).toBe("a".repeat(2048));
    expect(capLogMessage("a".repeat(2049))).toBe("a".repeat(2035) + "...[truncate]");
    const m = "a".repeat(2034) + "é" + "b".repeat(100);
    expect(capLogMessage(m)).toBe("a".repeat(2034) + "...[truncate]");
  });
  test("log buffer keeps the last 1000 and adds the warning entry", () => {
    const b = new LogBuffer("INFO");
    for (let i = 0; i < 1005; i++) b.add("INFO", `m${i}`, 1);
    const l = b.list();
    expect(l.length).toBe(1001);
    expect(l[0]!.level).toBe("WARN");
    expect(l[0]!.line_number).toBe("0");
    expect(l[0]!.message).toBe("Warning: Log buffer capacity exceeded. Some earlier log entries were removed to fit new logs.");
    expect(l[0]!.timestamp).toBe(l[1]!.timestamp);
    expect(l[1]!.message).toBe("m5");
  });
  test("level filter", () => {
    const b = new LogBuffer("WARN");
    b.add("INFO", "i", 1);
    b.add("ERROR", "e", 2);
    b.add("DEBUG", "forced", 0, undefined, true);
    expect(b.list().map((e) => e.message)).toEqual(["e", "forced"]);
  });
});

const T = "2025-01-01T12:00:00.119Z";
function sample(): RunResult {
  return {
    output: "2 of 3 active",
    status: "SUCCESS",
    alarms: [],
    metrics: [
      { metric_name: "RexRunnerScriptExecutionTime", metric_value: 1843211, metric_unit: "TIME", metric_dimension: [["MetricInfo", "Duration"]], metric_timestamp: T },
    ],
    logs: [{ timestamp: "2025-01-01 12:00:00.101 UTC", level: "INFO", message: "checking 3 services", line_number: "1" }],
    diagnostics: [],
    explain: [],
  };
}

describe("result JSON (runner.md §5.1)", () => {
  test("compact", () => {
    expect(toJson(sample(), false)).toBe(
      `{"output":"2 of 3 active","status":"SUCCESS","metrics":[{"metric_name":"RexRunnerScriptExecutionTime","metric_value":1843211.0,"metric_unit":"TIME","metric_dimension":{"MetricInfo":"Duration"},"metric_timestamp":"${T}"}],"logs":[{"attributes":{"timestamp":"2025-01-01 12:00:00.101 UTC","level":"INFO","message":"checking 3 services","line_number":"1"}}]}`,
    );
  });
  test("pretty", () => {
    const r = sample();
    r.logs = [];
    r.metrics[0]!.metric_dimension = [];
    expect(toJson(r, true)).toBe(
      `{\n  "output": "2 of 3 active",\n  "status": "SUCCESS",\n  "metrics": [\n    {\n      "metric_name": "RexRunnerScriptExecutionTime",\n      "metric_value": 1843211.0,\n      "metric_unit": "TIME",\n      "metric_dimension": {},\n      "metric_timestamp": "${T}"\n    }\n  ],\n  "logs": []\n}`,
    );
  });
  test("error, alarms without details, string escapes, early abort without logs", () => {
    const r: RunResult = {
      output: "",
      status: "ERROR",
      error: { error_type: "SCRIPT_EXCEPTION", message: 'a"b\\c\n\t\u0001\b\fé' },
      alarms: [{ alarm_type: "X" }, { alarm_type: "Y", alarm_details: "d" }],
      metrics: [],
      diagnostics: [],
      explain: [],
    };
    expect(toJson(r, false)).toBe(
      `{"output":"","status":"ERROR","error":{"error_type":"SCRIPT_EXCEPTION","message":"a\\"b\\\\c\\n\\t\\u0001\\b\\fé"},"alarms":[{"alarm_type":"X"},{"alarm_type":"Y","alarm_details":"d"}]}`,
    );
  });
  test("a tty gets a trailing newline", () => {
    expect(render(sample(), "json", { tty: true }).stdout.endsWith("}\n")).toBe(true);
    expect(render(sample(), "json", { tty: false }).stdout.endsWith("}")).toBe(true);
  });
});

describe("human format (runner.md §5.6)", () => {
  test("plain", () => {
    expect(render(sample(), "human")).toEqual({ stdout: "2 of 3 active\n", stderr: "" });
  });
  test("verbose", () => {
    expect(render(sample(), "human", { verbose: true }).stdout).toBe(
      "[INFO] checking 3 services\n2 of 3 active\n--- metrics ---\nRexRunnerScriptExecutionTime: 1843211\n",
    );
  });
  test("empty output prints nothing; errors go to stderr", () => {
    const r = sample();
    r.output = "";
    expect(render(r, "human")).toEqual({ stdout: "", stderr: "" });
    r.status = "ERROR";
    r.error = { error_type: "SCRIPT_EXCEPTION", message: "boom" };
    expect(render(r, "human")).toEqual({ stdout: "", stderr: "error: boom\n" });
  });
});

describe("metrics and exit codes", () => {
  test("a later metric with the same name replaces in place", () => {
    const m = new MetricStore();
    m.count("A", "x");
    m.count("B", "y");
    m.metric("A", 2, "COUNT", []);
    expect(m.list().map((x) => [x.metric_name, x.metric_value])).toEqual([["A", 2], ["B", 1]]);
  });
  test.each([
    ["SUCCESS", undefined, true, 0, 0],
    ["ERROR", "SCRIPT_EXCEPTION", true, 3, 0],
    ["ERROR", "ACCESS_DENIED_EXCEPTION", true, 4, 0],
    ["ERROR", "VALIDATION_EXCEPTION", false, 5, 1],
    ["ERROR", "COMMUNICATION_EXCEPTION", false, 6, 1],
    ["ERROR", "INTERNAL_EXCEPTION", false, 7, 1],
  ] as const)("%s %s", (status, type, normal, code, legacy) => {
    const r: RunResult = { output: "", status, alarms: [], metrics: [], diagnostics: [], explain: [] };
    if (type) r.error = { error_type: type, message: "m" };
    if (normal) r.logs = [];
    expect(exitCode(r, false)).toBe(code);
    expect(exitCode(r, true)).toBe(legacy);
  });
});
