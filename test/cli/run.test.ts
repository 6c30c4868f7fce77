// End-to-end runs that need the engine and the fs SDK.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { CLI, ROOT_DIR, files, rex } from "./helpers.ts";

const QS = join(ROOT_DIR, "examples/quickstart");
const POLICY = `permit(principal, action, resource);`;

describe("quick-start (issue 3)", () => {
  test("human output", () => {
    const r = rex(["run", "script.rhai", "--policy", "policy.cedar", "--args", "args.json", "--output-format", "human"], { cwd: QS });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Hello from REX!\n\n");
  });
  test("without the second permit: ACCESS_DENIED_EXCEPTION naming action and resource, exit 4", async () => {
    const text = await Bun.file(join(QS, "policy.cedar")).text();
    const d = files({ "p.cedar": text.slice(0, text.indexOf(");") + 3) });
    const r = rex(["run", "script.rhai", "--policy", join(d, "p.cedar"), "--args", "args.json"], { cwd: QS });
    expect(r.code).toBe(4);
    expect(r.json.error.error_type).toBe("ACCESS_DENIED_EXCEPTION");
    expect(r.json.error.message).toMatch(/unauthorized to perform file_system::Action::"\w+" for file_system::File::\/tmp\/rex-hello-world/);
    expect(r.json.alarms[0].alarm_type).toBe("RexRunnerPrivilegeEscalation");
  });
});

describe("rendering and errors", () => {
  const run = (src: string, extra: string[] = []) => {
    const d = files({ "s.rhai": src, "p.cedar": POLICY });
    return rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), ...extra]);
  };
  test.each([
    ['"hello"', "hello"],
    ["42", "42"],
    ["let x = 5;", ""],
    ["3.0", "3.0"],
    ["0.1 + 0.2", "0.30000000000000004"],
    ["1e14", "1e14"],
    ["[1, \"a\", 'c', 2.5, true, ()]", "[1, \"a\", 'c', 2.5, true, ()]"],
    ['#{b: 2, a: "x\\ny"}', '#{"a": "x\\ny", "b": 2}'],
    ["[[1, 2], #{k: [3]}]", '[[1, 2], #{"k": [3]}]'],
  ])("%s", (src, output) => {
    const r = run(src);
    expect(r.code).toBe(0);
    expect(r.json.output).toBe(output);
  });
  test.each([
    ['throw "boom"', "SCRIPT_EXCEPTION", "Runtime error: boom (line 1, position 1)", 3],
    ["info(42)", "SCRIPT_EXCEPTION", "Function not found: info (i64) (line 1, position 1)", 3],
    ["let y = x;", "SCRIPT_EXCEPTION", "Syntax error: Undefined variable: x (line 1, position 9)", 3],
    ['throw #{message: "x"}', "SCRIPT_EXCEPTION", "Unknown: Unknown: x (line 1, position 1)", 3],
  ])("%s", (src, type, message, code) => {
    const r = run(src, ["--max-operations", "1000"]);
    expect(r.code).toBe(code);
    expect(r.json.error).toEqual({ error_type: type, message });
  });
  test("operation limit gets the hint", () => {
    const r = run("let x = 0; loop { x += 1; }", ["--max-operations", "1000"]);
    expect(r.code).toBe(3);
    expect(r.json.error.error_type).toBe("SCRIPT_EXCEPTION");
    expect(r.json.error.message).toBe("Too many operations [limit: --max-operations=1000] (line 1, position 19)");
  });
  test("logs and print", () => {
    const r = run('info("a"); print(1); debug("d"); warn("w");');
    expect(r.json.logs.map((l: any) => [l.attributes.level, l.attributes.message, l.attributes.line_number])).toEqual([
      ["INFO", "a", "1"],
      ["INFO", "1", "1"],
      ["WARN", "w", "1"],
    ]);
  });
  test("script metrics and alarms", () => {
    const r = run(
      'let dims = MetricDimensionsBuilder().add("service", "nginx").build();\nMetricBuilder().name("Lat").value(12.5).unit(MetricUnitType::TIME).dimensions(dims).publish();\nAlarmBuilder().type("Down").details("x").publish();',
    );
    expect(r.code).toBe(0);
    const m = r.json.metrics.find((x: any) => x.metric_name === "Lat");
    expect(m.metric_dimension).toEqual({ service: "nginx" });
    expect(r.json.alarms).toEqual([{ alarm_type: "Down", alarm_details: "x" }]);
  });
  test("timeout stops loop {}", () => {
    // No operation limit: `loop {}` reaches the default 500 000 000 operations within about a second.
    const r = run("loop {}", ["--timeout", "1", "--max-operations", "0"]);
    expect(r.code).toBe(3);
    expect(r.json.error.message).toBe("Script terminated: Timeout of 1 seconds exceeded [limit: --timeout=1] (line 1, position 1)");
  });
});

describe("signals (runner.md §8)", () => {
});
