// Text conversion (rhai-stdlib.md §4), called through the Registry.
import { describe, expect, test } from "bun:test";
import * as H from "./helpers.ts";
import * as convert from "../../src/engine/packages/convert.ts";
import * as arith from "../../src/engine/packages/arith.ts";
import { Registry } from "../../src/engine/registry.ts";
import { inertContext } from "./inert-context.ts";
import { FnPtr, INT_MAX, INT_MIN, RBlob, RChar, RFloat, RMap, RRange, RTimestamp, type Value } from "../../src/engine/value.ts";

const reg = new Registry();
arith.register(reg);
convert.register(reg);

const ctx = inertContext;

function call(name: string, ...args: Value[]): Value {
  const types = args.map((a) => reg.typeSpecOf(a));
  const e = reg.functions.resolve(name, types);
  if (!e) throw new Error(`no function ${name}(${types.join(", ")})`);
  return e.fn(ctx, args);
}

const c = (s: string) => RChar.of(s.codePointAt(0)!);
const m = new RMap([
  ["b", c("x")],
  ["a", "y"],
]);

// value, to_string / print, debug / to_debug
const TEXT: [string, Value, string, string][] = [
  ["unit", undefined, "", "()"],
  ["bool", true, "true", "true"],
  ["int", -7, "-7", "-7"],
  ["big int", INT_MIN, "-9223372036854775808", "-9223372036854775808"],
  ["float 1e-5", new RFloat(1e-5), "0.00001", "1e-5"],
  ["float 1e13", new RFloat(1e13), "1e13", "10000000000000.0"],
  ["float -0", new RFloat(-0), "0.0", "-0.0"],
  ["char", c("c"), "c", "c"],
  ["string", 'hi"\n', 'hi"\n', '"hi\\"\\n"'],
  ["array", [1, "a", c("b"), new RFloat(2), undefined, [3]], '[1, "a", b, 2.0, (), [3]]', '[1, "a", b, 2.0, (), [3]]'],
  ["map", m, '#{"a": "y", "b": x}', '#{"a": "y", "b": x}'],
  ["blob", new RBlob(new Uint8Array([1, 2, 255])), "[0102ff]", "[0102ff]"],
  ["fn", new FnPtr("foo"), "Fn(foo)", "Fn(foo)"],
  ["range", new RRange(1, 5, true), "1..=5", "1..=5"],
  ["open range", new RRange(3, INT_MAX, false), "3..", "3.."],
  ["timestamp", new RTimestamp(5), "<timestamp>", "<timestamp>"],
];

describe("print / to_string / debug / to_debug", () => {
  for (const [name, v, s, d] of TEXT) {
    test(name, () => {
      expect(call("print", v)).toBe(s);
      expect(call("to_string", v)).toBe(s);
      expect(call("debug", v)).toBe(d);
      expect(call("to_debug", v)).toBe(d);
    });
  }
  test("no-argument forms return the empty string", () => {
    expect(call("print")).toBe("");
    expect(call("debug")).toBe("");
  });
  test("every listed overload is registered", () => {
    for (const t of ["any", "string", "char", "bool", "()", "float", "array", "map"]) {
      expect(reg.functions.resolve("print", [t])?.params).toEqual([t]);
      expect(reg.functions.resolve("to_string", [t])?.params).toEqual([t]);
    }
    for (const t of ["any", "string", "char", "Fn", "bool", "()", "float", "array", "map"]) {
      expect(reg.functions.resolve("debug", [t])?.params).toEqual([t]);
      expect(reg.functions.resolve("to_debug", [t])?.params).toEqual([t]);
    }
  });
});

describe("to_hex / to_octal / to_binary", () => {
  const rows: [string, Value, string][] = [
    ["to_hex", 255, "ff"],
    ["to_hex", 0, "0"],
    ["to_hex", -1, "ffffffffffffffff"],
    ["to_hex", INT_MIN, "8000000000000000"],
    ["to_hex", INT_MAX, "7fffffffffffffff"],
    ["to_hex", -256, "ffffffffffffff00"],
    ["to_octal", 8, "10"],
    ["to_octal", -1, "1777777777777777777777"],
    ["to_octal", 0, "0"],
    ["to_binary", 5, "101"],
    ["to_binary", 0, "0"],
    ["to_binary", -1, "1".repeat(64)],
    ["to_binary", INT_MIN, "1" + "0".repeat(63)],
  ];
  for (const [name, v, want] of rows) test(`${name}(${String(v)})`, () => expect(call(name, v)).toBe(want));
});

describe("to_int(char)", () => {
  test("'A'", () => expect(call("to_int", c("A"))).toBe(65));
  test("'€'", () => expect(call("to_int", c("€"))).toBe(0x20ac));
});

// ---------------------------------------------------------------------------------------------
// Script level (through the evaluator).


describe("script level", () => {
  test.each([
    ["to_string(())", ""],
    ["to_string('c')", "c"],
    ["42.to_string()", "42"],
    ["1e-5.to_string()", "0.00001"],
    ["to_debug(1e-5)", "1e-5"],
    ['"a".to_debug()', '"a"'],
    ["[1, 'b'].to_string()", "[1, b]"],
    ["to_hex(255)", "ff"],
    ["255.to_hex()", "ff"],
    ["to_hex(-1)", "ffffffffffffffff"],
    ["to_octal(-1)", "1777777777777777777777"],
    ["to_binary(5)", "101"],
    ["type_of(print(1))", "()"],
    ["type_of(to_string(1))", "string"],
  ])("%s → %s", (src, want) => expect(H.str(src)).toBe(want));

  test("print and debug emit through their sinks", () => {
    expect(H.printed('print("a"); print(()); print(1.0)')).toEqual(["a", "", "1.0"]);
    const lines: string[] = [];
    H.run('debug("a"); debug(()); debug(\'c\')', { onDebug: (t) => lines.push(t) });
    expect(lines).toEqual(['"a"', "()", "c"]);
  });
});
