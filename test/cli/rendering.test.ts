// Output rendering through the CLI (runner.md §5.1, §5.2, §5.6): the script value of every
// type in `output`, JSON serialisation details, pretty-json and human (with --verbose).
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { runScript } from "./helpers.ts";

setDefaultTimeout(60_000);

describe("script value → output (runner.md §5.2, rhai-language.md §11.3)", () => {
  test.each([
    // INT
    ["42", "42"],
    ["-5", "-5"],
    ["9223372036854775807", "9223372036854775807"],
    ["-9223372036854775808", "-9223372036854775808"],
    // FLOAT (Display, rhai-language.md §6.3)
    ["3.0", "3.0"],
    ["1e20", "1e20"],
    ["1e14", "1e14"],
    ["1e13", "1e13"],
    ["1e-7", "0.0000001"],
    ["1e-14", "1e-14"],
    ["1.5e-14", "1.5e-14"],
    ["-0.0", "0.0"],
    ["0.1 + 0.2", "0.30000000000000004"],
    ["123456789012.5", "123456789012.5"],
    ["0.0 / 0.0", "NaN"],
    ["1.0 / 0.0", "inf"],
    ["-1.0 / 0.0", "-inf"],
    // bool, char, string, ()
    ["true", "true"],
    ["false", "false"],
    ["'x'", "x"],
    ["'😀'", "😀"],
    ['"hello"', "hello"],
    ['"a\\"b\\\\c\\nd"', 'a"b\\c\nd'],
    ["()", ""],
    ["let x = 5;", ""],
    ['info("x")', ""],
    // arrays: elements in host-debug form
    ["[]", "[]"],
    ["[1, \"a\", 'c', 2.5, true, ()]", "[1, \"a\", 'c', 2.5, true, ()]"],
    ["[1.0, 1e20, 0.00001]", "[1.0, 1e20, 1e-5]"],
    ["[1e-7, -0.0, 0.0001, 1e16, 1e15]", "[1e-7, -0.0, 0.0001, 1e16, 1000000000000000.0]"],
    ['["a\\"\\t\\u0001", "\\\\"]', '["a\\"\\t\\u{1}", "\\\\"]'],
    ["['\\'', 'é']", "['\\'', 'é']"],
    // maps: sorted keys, quoted and escaped
    ["#{}", "#{}"],
    ['#{b: 2, a: "x\\ny"}', '#{"a": "x\\ny", "b": 2}'],
    ['#{"z y": 1, "a\\"q": 2, "B": 3}', '#{"B": 3, "a\\"q": 2, "z y": 1}'],
    ['#{k: #{z: [], a: #{}}, c: \'c\'}', '#{"c": \'c\', "k": #{"a": #{}, "z": []}}'],
    ["[[1, 2], #{k: [3]}]", '[[1, 2], #{"k": [3]}]'],
    // blob, Fn, range, timestamp
    ["blob(10, 0xab)", "[abababababababab abab]"],
    ["blob()", "[]"],
    ["[blob(3, 1)]", "[[010101]]"],
    ['Fn("foo")', "Fn(foo)"],
    ['[Fn("f")]', '[Fn("f")]'],
    ["1..5", "1..5"],
    ["1..=5", "1..=5"],
    ["[1..3, 2..=4]", "[1..3, 2..=4]"],
    ["timestamp()", "<timestamp>"],
    ["[timestamp()]", "[<timestamp>]"],
    // closures render their current value when shared
    ["let a = 1; let f = || a; a = 2; [a]", "[2]"],
  ])("%s", (src, output) => {
    const r = runScript(src);
    expect(r.code).toBe(0);
    expect(r.json.status).toBe("SUCCESS");
    expect(r.json.output).toBe(output);
  });

  test("closure pointer at top level is Fn(anon$<16 hex>)", () => {
    const r = runScript("let f = |x| x; f");
    expect(r.json.output).toMatch(/^Fn\(anon\$[0-9a-f]{16}\)$/);
  });

  test.each([
    ['DirConfig().path("/tmp").build().open(OpenDirOptions().build())', "DirHandle"],
    ['DirConfig().path("/tmp").build()', "DirConfig"],
    ["MetricBuilder()", "MetricBuilder"],
    ['[MetricDimensionsBuilder().add("a", "b").build(), MetricUnitType::COUNT]', "[MetricDimensions, MetricUnitType]"],
    ['#{h: DirConfig().path("/tmp").build().open(OpenDirOptions().build())}', '#{"h": DirHandle}'],
  ])("SDK value %s renders as its type name", (src, output) => {
    const r = runScript(src, [], { policy: 'permit(principal, action, resource);' });
    expect(r.code).toBe(0);
    expect(r.json.output).toBe(output);
  });
});

describe("JSON serialisation (runner.md §5.1)", () => {
  test("compact, fields in order, no trailing newline when stdout is not a terminal", () => {
    const r = runScript("42");
    expect(r.stdout).toStartWith('{"output":"42","status":"SUCCESS","metrics":[{"metric_name":"RexRunnerScriptExecutionTime","metric_value":');
    expect(r.stdout).toEndWith(',"logs":[]}');
  });
  test("string escapes: control characters as \\u00XX lower-case, non-ASCII as is", () => {
    const r = runScript('"é\\u0001\\u001f\\t\\r\\n\\"\\\\" + "\\x08\\x0c"');
    expect(r.stdout).toStartWith('{"output":"é\\u0001\\u001f\\t\\r\\n\\"\\\\\\b\\f","status":"SUCCESS"');
  });
  test.each([
    ["1.0", "1.0"],
    ["123456789.0", "123456789.0"],
    ["0.5", "0.5"],
    ["0.00001", "0.00001"],
    ["1e16", "1e16"],
    ["1.2345e20", "1.2345e20"],
    ["1e-6", "1e-6"],
    ["1.5e-7", "1.5e-7"],
    ["0.0", "0.0"],
    ["-0.0", "-0.0"],
  ])("metric_value %s is written as %s", (v, text) => {
    const r = runScript(`MetricBuilder().name("M").value(${v}).unit(MetricUnitType::COUNT).publish();`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`{"metric_name":"M","metric_value":${text},"metric_unit":"COUNT","metric_dimension":{},"metric_timestamp":"`);
  });
  test("log attributes in order; timestamps per §5.1", () => {
    const r = runScript('info("a");\nwarn("b")');
    expect(r.stdout).toMatch(
      /"logs":\[\{"attributes":\{"timestamp":"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})? UTC","level":"INFO","message":"a","line_number":"1"\}\},\{"attributes":\{"timestamp":"[^"]+","level":"WARN","message":"b","line_number":"2"\}\}\]\}$/,
    );
    for (const m of r.json.metrics) expect(m.metric_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$/);
  });
});

describe("pretty-json and human (runner.md §5.6)", () => {
  test("pretty-json: two-space indentation, no trailing newline", () => {
    const r = runScript("42", ["-o", "pretty-json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toStartWith('{\n  "output": "42",\n  "status": "SUCCESS",\n  "metrics": [\n    {\n      "metric_name": "RexRunnerScriptExecutionTime",\n');
    expect(r.stdout).toEndWith('\n  ],\n  "logs": []\n}');
    expect(JSON.parse(r.stdout).output).toBe("42");
  });
  test("human: the output and a newline on stdout", () => {
    const r = runScript('"a\\nb"', ["-o", "human"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("a\nb\n");
    expect(r.stderr).toBe("");
  });
  test("human: empty output prints nothing", () => {
    const r = runScript("let x = 1;", ["--output-format", "human"]);
    expect(r.stdout).toBe("");
  });
  test("human: an error goes to stderr as error: <message>", () => {
    const r = runScript('throw "boom"', ["-o", "human"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: Runtime error: boom (line 1, position 1)\n");
  });
  test("human --verbose: logs, output, metrics in Rust float Display", () => {
    const r = runScript(
      'info("checking");\nwarn("careful");\nMetricBuilder().name("Big").value(1e20).unit(MetricUnitType::COUNT).publish();\nMetricBuilder().name("Half").value(0.5).unit(MetricUnitType::PERCENT).publish();\n"done"',
      ["-o", "human", "-v"],
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual(["[INFO] checking", "[WARN] careful", "done", "--- metrics ---"]);
    expect(lines).toContain("Big: 100000000000000000000");
    expect(lines).toContain("Half: 0.5");
    expect(lines).toContain("RexRunnerScriptExecutionSuccessCount: 1");
    expect(r.stdout).toMatch(/\nRexRunnerScriptExecutionTime: \d+\n/);
    expect(r.stdout).toMatch(/\nRexRunnerTotalExecutionTime: \d+\n$/);
  });
  test("--verbose has no effect on json", () => {
    const r = runScript("42", ["-v"]);
    expect(r.stdout).toStartWith('{"output":"42"');
  });
});
