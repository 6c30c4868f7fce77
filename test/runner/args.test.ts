import { describe, expect, test } from "bun:test";
import { RFloat, RMap } from "../../src/engine/value.ts";
import { depthMessage, firstTooDeep, isValidIdentifier, parsePlainArgs, parseTypedArgs, splitArg } from "../../src/runner/args.ts";

const EXPECTED =
  "expected an object with exactly one of stringValue, integerValue, longValue, doubleValue, booleanValue, listValue, mapValue";
const INT = "integerValue must be an integer between -2147483648 and 2147483647";
const LONG = "longValue must be an integer between -9223372036854775808 and 9223372036854775807";

describe("typed arguments (runner.md §3.1)", () => {
  test.each([
    [`{"s": {"stringValue": "nginx.service"}}`, "s", "nginx.service"],
    [`{"n": {"integerValue": 3}}`, "n", 3],
    [`{"n": {"integerValue": -2147483648}}`, "n", -2147483648],
    [`{"n": {"longValue": 9223372036854775807}}`, "n", 9223372036854775807n],
    [`{"n": {"longValue": -9223372036854775808}}`, "n", -9223372036854775808n],
    [`{"n": {"longValue": 1767225600000}}`, "n", 1767225600000],
    [`{"b": {"booleanValue": true}}`, "b", true],
  ])("%s", (text, name, value) => {
    expect(parseTypedArgs(text).get(name)).toBe(value);
  });

  test("doubleValue gives FLOAT, integers included", () => {
    const v = parseTypedArgs(`{"d": {"doubleValue": 5}, "e": {"doubleValue": 0.75}}`);
    expect(v.get("d")).toBeInstanceOf(RFloat);
    expect((v.get("d") as RFloat).v).toBe(5);
    expect((v.get("e") as RFloat).v).toBe(0.75);
  });

  test("lists and maps, keys as given, file order", () => {
    const v = parseTypedArgs(
      `{"hosts": {"listValue": [{"stringValue": "a"}, {"stringValue": "b"}]}, "limits": {"mapValue": {"cpu": {"doubleValue": 80}, "mem": {"longValue": 512}}}}`,
    );
    expect([...v.keys()]).toEqual(["hosts", "limits"]);
    expect(v.get("hosts")).toEqual(["a", "b"]);
    const m = v.get("limits") as RMap;
    expect(m).toBeInstanceOf(RMap);
    expect(m.get("mem")).toBe(512);
  });

  test("empty object is valid; later duplicate wins; __proto__ is data", () => {
    expect(parseTypedArgs("{}").size).toBe(0);
    expect(parseTypedArgs(`{"a": {"stringValue": "x"}, "a": {"stringValue": "y"}}`).get("a")).toBe("y");
    expect(parseTypedArgs(`{"__proto__": {"stringValue": "p"}}`).get("__proto__")).toBe("p");
  });

  test.each([
    [`{`, /^invalid JSON: /],
    [`[1]`, "the top level must be an object"],
    [`"x"`, "the top level must be an object"],
    [`{"x": null}`, `argument 'x': ${EXPECTED}`],
    [`{"x": {}}`, `argument 'x': ${EXPECTED}`],
    [`{"x": "plain"}`, `argument 'x': ${EXPECTED}`],
    [`{"x": {"stringValue": "a", "booleanValue": true}}`, `argument 'x': ${EXPECTED}`],
    [`{"x": {"foo": 1}}`, `argument 'x': unknown member 'foo'; ${EXPECTED}`],
    [`{"x": {"stringValue": 1}}`, "argument 'x': stringValue must be a string"],
    [`{"x": {"booleanValue": "true"}}`, "argument 'x': booleanValue must be true or false"],
    [`{"retries": {"integerValue": 3.5}}`, `argument 'retries': ${INT}`],
    [`{"retries": {"integerValue": 3.0}}`, `argument 'retries': ${INT}`],
    [`{"retries": {"integerValue": 3e0}}`, `argument 'retries': ${INT}`],
    [`{"retries": {"integerValue": 2147483648}}`, `argument 'retries': ${INT}`],
    [`{"l": {"longValue": 9223372036854775808}}`, `argument 'l': ${LONG}`],
    [`{"l": {"longValue": 1E3}}`, `argument 'l': ${LONG}`],
    [`{"h": {"listValue": [{"stringValue": 5}]}}`, "argument 'h' at listValue/0: stringValue must be a string"],
    [`{"h": {"listValue": [null]}}`, `argument 'h' at listValue/0: ${EXPECTED}`],
  ])("rejects %s", (text, reason) => {
    let msg = "";
    try {
      parseTypedArgs(text);
    } catch (e) {
      msg = (e as Error).message;
    }
    if (typeof reason === "string") expect(msg).toBe(reason);
    else expect(msg).toMatch(reason);
  });
});

describe("nesting depth (runner.md §3.2)", () => {
  test.each([
    [`{"a": {"listValue": [{"stringValue": "x"}]}}`, undefined],
    [`{"a": {"listValue": [{"listValue": []}]}}`, undefined],
    [`{"a": {"listValue": [{"listValue": [{"stringValue": "x"}]}]}}`, "a"],
    [`{"a": {"mapValue": {"k": {"mapValue": {"z": {"booleanValue": true}}}}}}`, "a"],
    [`{"ok": {"stringValue": "x"}, "b": {"listValue": [{"mapValue": {"z": {"stringValue": "q"}}}]}, "c": {"listValue": [{"listValue": [{"stringValue": "x"}]}]}}`, "b"],
  ])("%s", (text, deep) => {
    expect(firstTooDeep(parseTypedArgs(text))).toBe(deep);
  });
  test("message", () => {
    expect(depthMessage("hosts")).toBe("Script arguments depth validation failed: Argument 'hosts': Maximum nesting depth of 2 exceeded");
  });
  test("applies to plain JSON too", () => {
    expect(firstTooDeep(parsePlainArgs(`{"x": [[1]]}`))).toBe("x");
    expect(firstTooDeep(parsePlainArgs(`{"x": [[]]}`))).toBeUndefined();
  });
});

describe("plain JSON and --arg (runner.md §3.3)", () => {
  test("types", () => {
    const v = parsePlainArgs(`{"s": "x", "i": 42, "big": 9223372036854775807, "f": 1.0, "e": 1e3, "huge": 12345678901234567890, "b": false, "n": null, "a": [1, "x"], "m": {"k": 2}}`);
    expect(v.get("s")).toBe("x");
    expect(v.get("i")).toBe(42);
    expect(v.get("big")).toBe(9223372036854775807n);
    expect((v.get("f") as RFloat).v).toBe(1);
    expect((v.get("e") as RFloat).v).toBe(1000);
    expect(v.get("huge")).toBeInstanceOf(RFloat);
    expect(v.get("b")).toBe(false);
    expect(v.has("n")).toBe(true);
    expect(v.get("n")).toBeUndefined();
    expect(v.get("a")).toEqual([1, "x"]);
    expect((v.get("m") as RMap).get("k")).toBe(2);
  });
  test("rejects a non-object", () => {
    expect(() => parsePlainArgs("[]")).toThrow("the top level must be an object");
  });
  test.each([
    ["name=value", ["name", "value"]],
    ["a=b=c", ["a", "b=c"]],
    ["e=", ["e", ""]],
    ["novalue", undefined],
  ])("splitArg %s", (s, r) => {
    expect(splitArg(s)).toEqual(r as never);
  });
  test.each([
    ["retries", true],
    ["_x1", true],
    ["my-arg", false],
    ["1x", false],
    ["let", false],
    ["", false],
  ])("identifier %s", (n, ok) => {
    expect(isValidIdentifier(n)).toBe(ok);
  });
});
