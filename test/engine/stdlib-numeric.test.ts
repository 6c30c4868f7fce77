// Arithmetic (§3), bit fields (§7), logic and min/max (§8) and math (§9) of rhai-stdlib.md,
// called through the Registry (natives) and, when the engine is present, through scripts.
import { describe, expect, test } from "bun:test";
import * as H from "./helpers.ts";
import { RhaiError } from "../../src/engine/errors.ts";
import { toDebug } from "../../src/engine/format.ts";
import * as arith from "../../src/engine/packages/arith.ts";
import { Registry } from "../../src/engine/registry.ts";
import { inertContext } from "./inert-context.ts";
import { INT_MAX, INT_MIN, RChar, RFloat, RRange, type Value } from "../../src/engine/value.ts";

const reg = new Registry();
arith.register(reg);

const ctx = inertContext;

const f = (x: number) => new RFloat(x);
const c = (s: string) => RChar.of(s.codePointAt(0)!);

/** Call a native; returns the debug text of the result, or `Kind: message` of the error. */
function call(name: string, ...args: Value[]): string {
  const e = reg.functions.resolve(name, args.map((a) => reg.typeSpecOf(a)));
  if (!e) return `no function ${name}(${args.map((a) => reg.typeSpecOf(a)).join(", ")})`;
  try {
    return toDebug(e.fn(ctx, args));
  } catch (x) {
    if (x instanceof RhaiError) return `${x.kind}: ${x.message}`;
    throw x;
  }
}

/** Call a Mut function; returns the debug text of the modified first argument. */
function callMut(name: string, ...args: Value[]): string {
  const e = reg.functions.resolve(name, args.map((a) => reg.typeSpecOf(a)));
  if (!e) return `no function ${name}`;
  expect(e.mut).toBe(true);
  try {
    const r = e.fn(ctx, args);
    expect(r).toBeUndefined();
    return toDebug(args[0]);
  } catch (x) {
    if (x instanceof RhaiError) return `${x.kind}: ${x.message}`;
    throw x;
  }
}

function getter(name: string, v: Value): string {
  return call(`get$${name}`, v);
}

type Row = [string, Value[], string];

function table(title: string, rows: Row[]): void {
  describe(title, () => {
    for (const [name, args, want] of rows) {
      test(`${name}(${args.map(toDebug).join(", ")})`, () => expect(call(name, ...args)).toBe(want));
    }
  });
}

const NEG_OVF = "ErrorArithmetic: Negation overflow: --9223372036854775808";

table("§3 arithmetic", [
  ["-", [5], "-5"],
  ["-", [0], "0"],
  ["-", [INT_MAX], "-9223372036854775807"],
  ["-", [INT_MIN], NEG_OVF],
  ["+", [5], "5"],
  ["-", [f(1.5)], "-1.5"],
  ["-", [f(0)], "-0.0"],
  ["+", [f(1.5)], "1.5"],
  ["abs", [-5], "5"],
  ["abs", [5], "5"],
  ["abs", [0], "0"],
  ["abs", [-(2n ** 62n)], "4611686018427387904"],
  ["abs", [INT_MIN], NEG_OVF],
  ["abs", [f(-2.5)], "2.5"],
  ["abs", [f(-0)], "0.0"],
  ["sign", [-7], "-1"],
  ["sign", [0], "0"],
  ["sign", [7], "1"],
  ["sign", [INT_MIN], "-1"],
  ["sign", [INT_MAX], "1"],
  ["sign", [f(-0.5)], "-1"],
  ["sign", [f(0)], "0"],
  ["sign", [f(-0)], "0"],
  ["sign", [f(2.5)], "1"],
  ["sign", [f(Infinity)], "1"],
  ["sign", [f(NaN)], "ErrorArithmetic: Sign of NaN is undefined"],
  ["is_zero", [0], "true"],
  ["is_zero", [3], "false"],
  ["is_zero", [f(0)], "true"],
  ["is_zero", [f(-0)], "true"],
  ["is_zero", [f(1e-300)], "false"],
  ["is_odd", [3], "true"],
  ["is_odd", [-3], "true"],
  ["is_odd", [4], "false"],
  ["is_odd", [INT_MAX], "true"],
  ["is_odd", [INT_MIN], "false"],
  ["is_even", [4], "true"],
  ["is_even", [-4], "true"],
  ["is_even", [-3], "false"],
  ["is_even", [INT_MIN], "true"],
]);

describe("§3 property forms", () => {
  test("is_zero / is_odd / is_even getters", () => {
    expect(getter("is_zero", 0)).toBe("true");
    expect(getter("is_zero", f(-0))).toBe("true");
    expect(getter("is_odd", -3)).toBe("true");
    expect(getter("is_even", 10)).toBe("true");
  });
  test("sqrt has no INT overload", () => expect(call("sqrt", 4)).toBe("no function sqrt(int)"));
});

table("§8 logic and min/max", [
  ["!", [true], "false"],
  ["!", [false], "true"],
  ["!", [1], "no function !(int)"],
  ["max", [1, 2], "2"],
  ["max", [2, 1], "2"],
  ["max", [-5, INT_MIN], "-5"],
  ["max", [INT_MAX, 1], "9223372036854775807"],
  ["min", [1, 2], "1"],
  ["min", [2, 1], "1"],
  ["min", [INT_MIN, 0], "-9223372036854775808"],
  ["max", [f(1), f(2)], "2.0"],
  ["max", [f(2), f(1)], "2.0"],
  ["max", [1, f(1.5)], "1.5"],
  ["max", [2, f(1.5)], "2.0"],
  ["max", [f(1.5), 2], "2.0"],
  ["max", [f(2.5), 2], "2.5"],
  ["max", [f(NaN), f(1)], "1.0"],
  ["max", [f(1), f(NaN)], "NaN"],
  ["max", [f(0), f(-0)], "0.0"],
  ["max", [f(-0), f(0)], "-0.0"],
  ["min", [f(1), f(2)], "1.0"],
  ["min", [f(2), f(1)], "1.0"],
  ["min", [1, f(1.5)], "1.0"],
  ["min", [f(1.5), 1], "1.0"],
  ["min", [f(NaN), f(1)], "1.0"],
  ["min", [f(1), f(NaN)], "NaN"],
  // Exact comparison, no epsilon: 0.1 + 0.2 is larger than 0.3.
  ["max", [f(0.3), f(0.1 + 0.2)], "0.30000000000000004"],
  ["min", [f(0.1 + 0.2), f(0.3)], "0.3"],
]);

const BF = (i: string) => `ErrorBitFieldBounds: Bit-field index ${i} out of bounds: only 64 bits in bit-field`;

table("§7 get_bit", [
  ["get_bit", [5, 0], "true"],
  ["get_bit", [5, 1], "false"],
  ["get_bit", [5, 2], "true"],
  ["get_bit", [-1, 63], "true"],
  ["get_bit", [1, 63], "false"],
  ["get_bit", [INT_MIN, 63], "true"],
  ["get_bit", [INT_MIN, 62], "false"],
  ["get_bit", [-2, 0], "false"],
  ["get_bit", [-2, 1], "true"],
  ["get_bit", [-1, -1], "true"],
  ["get_bit", [1, -64], "true"],
  ["get_bit", [2 ** 52, 52], "true"],
  ["get_bit", [-(2 ** 52), 60], "true"],
  ["get_bit", [1, 64], BF("64")],
  ["get_bit", [1, -65], BF("-65")],
  ["get_bit", [1, INT_MAX], BF("9223372036854775807")],
]);

table("§7 get_bits", [
  ["get_bits", [-1, 60, 4], "15"],
  ["get_bits", [123456, 5, 8], "18"],
  ["get_bits", [0b110110, 1, 3], "3"],
  ["get_bits", [-1, 0, 64], "-1"],
  ["get_bits", [-1, 0, 100], "-1"],
  ["get_bits", [-1, 0, 63], "9223372036854775807"],
  ["get_bits", [-1, 1, 64], "9223372036854775807"],
  ["get_bits", [INT_MIN, 63, 1], "1"],
  ["get_bits", [-1, -4, 10], "15"],
  ["get_bits", [5, 0, 0], "0"],
  ["get_bits", [5, 0, -3], "0"],
  ["get_bits", [5, 100, 0], "0"],
  ["get_bits", [5, 64, 1], BF("64")],
  ["get_bits", [5, -65, 1], BF("-65")],
  ["get_bits", [-1, 10, 2n ** 62n], "18014398509481983"],
  ["get_bits", [123456, new RRange(5, 10, false)], "18"],
  ["get_bits", [123456, new RRange(5, 9, true)], "18"],
  ["get_bits", [-1, new RRange(-5, 4, false)], "15"],
  ["get_bits", [-1, new RRange(60, INT_MAX, false)], "15"],
  ["get_bits", [-1, new RRange(0, 64, false)], "-1"],
  ["get_bits", [-1, new RRange(0, 63, true)], "-1"],
  ["get_bits", [-1, new RRange(60, 63, true)], "15"],
  ["get_bits", [-1, new RRange(5, 3, false)], "0"],
  ["get_bits", [-1, new RRange(5, 3, true)], "0"],
  ["get_bits", [-1, new RRange(70, 80, false)], BF("70")],
  ["get_bits", [-1, new RRange(0, 64, true)], BF("64")],
  ["get_bits", [-1, new RRange(60, INT_MAX, true)], BF("9223372036854775807")],
]);

describe("§7 set_bit / set_bits (Mut)", () => {
  const rows: [string, Value[], string][] = [
    ["set_bit", [0, 3, true], "8"],
    ["set_bit", [15, 0, false], "14"],
    ["set_bit", [0, 63, true], "-9223372036854775808"],
    ["set_bit", [-1, 63, false], "9223372036854775807"],
    ["set_bit", [0, -1, true], "-9223372036854775808"],
    ["set_bit", [0, 64, true], BF("64")],
    ["set_bit", [0, -65, true], BF("-65")],
    ["set_bits", [0, 4, 4, 0xff], "240"],
    ["set_bits", [-1, 0, 8, 0], "-256"],
    ["set_bits", [0, 60, 8, -1], "-1152921504606846976"],
    ["set_bits", [12345, 0, 64, 7], "7"],
    ["set_bits", [12345, 0, 100, 7], "7"],
    ["set_bits", [5, 0, 0, 7], "5"],
    ["set_bits", [5, 0, -1, 7], "5"],
    ["set_bits", [5, 64, 1, 7], BF("64")],
    ["set_bits", [0, new RRange(4, 8, false), 0xff], "240"],
    ["set_bits", [0, new RRange(4, 7, true), 0xff], "240"],
    ["set_bits", [0, new RRange(-4, 4, false), 0xff], "15"],
    ["set_bits", [5, new RRange(4, 2, false), 0xff], "5"],
    ["set_bits", [0, new RRange(0, 64, true), 1], BF("64")],
  ];
  for (const [name, args, want] of rows) {
    test(`${name}(${args.map(toDebug).join(", ")})`, () => expect(callMut(name, ...args)).toBe(want));
  }
});

const PARSE_INT = (s: string, r: string) => `ErrorArithmetic: Error parsing integer number '${s}': ${r}`;
const PARSE_FLOAT = (s: string, r = "invalid float literal") =>
  `ErrorArithmetic: Error parsing floating-point number '${s}': ${r}`;

table("§9 parse_int", [
  ["parse_int", ["42"], "42"],
  ["parse_int", [" 42 "], "42"],
  ["parse_int", ["\t-17\n"], "-17"],
  ["parse_int", ["+5"], "5"],
  ["parse_int", ["-0"], "0"],
  ["parse_int", ["9223372036854775807"], "9223372036854775807"],
  ["parse_int", ["-9223372036854775808"], "-9223372036854775808"],
  ["parse_int", ["9223372036854775808"], PARSE_INT("9223372036854775808", "number too large to fit in target type")],
  ["parse_int", ["-9223372036854775809"], PARSE_INT("-9223372036854775809", "number too small to fit in target type")],
  ["parse_int", [""], PARSE_INT("", "cannot parse integer from empty string")],
  ["parse_int", ["   "], PARSE_INT("   ", "cannot parse integer from empty string")],
  ["parse_int", ["-"], PARSE_INT("-", "invalid digit found in string")],
  ["parse_int", ["12a"], PARSE_INT("12a", "invalid digit found in string")],
  ["parse_int", ["1_000"], PARSE_INT("1_000", "invalid digit found in string")],
  ["parse_int", ["1 2"], PARSE_INT("1 2", "invalid digit found in string")],
  ["parse_int", ["99999999999999999999x"], PARSE_INT("99999999999999999999x", "number too large to fit in target type")],
  ["parse_int", ["ff", 16], "255"],
  ["parse_int", ["FF", 16], "255"],
  ["parse_int", ["-ff", 16], "-255"],
  ["parse_int", ["0xff", 16], PARSE_INT("0xff", "invalid digit found in string")],
  ["parse_int", ["101", 2], "5"],
  ["parse_int", ["102", 2], PARSE_INT("102", "invalid digit found in string")],
  ["parse_int", ["zz", 36], "1295"],
  ["parse_int", ["7fffffffffffffff", 16], "9223372036854775807"],
  ["parse_int", ["8000000000000000", 16], PARSE_INT("8000000000000000", "number too large to fit in target type")],
  ["parse_int", ["-8000000000000000", 16], "-9223372036854775808"],
  ["parse_int", ["10", 1], "ErrorArithmetic: Invalid radix: '1'"],
  ["parse_int", ["10", 37], "ErrorArithmetic: Invalid radix: '37'"],
  ["parse_int", ["10", -10], "ErrorArithmetic: Invalid radix: '-10'"],
]);

table("§9 parse_float", [
  ["parse_float", ["1.5"], "1.5"],
  ["parse_float", [" 2 "], "2.0"],
  ["parse_float", ["-3"], "-3.0"],
  ["parse_float", ["+3"], "3.0"],
  ["parse_float", ["1e5"], "100000.0"],
  ["parse_float", ["1E-5"], "1e-5"],
  ["parse_float", [".5"], "0.5"],
  ["parse_float", ["5."], "5.0"],
  ["parse_float", ["-0"], "-0.0"],
  ["parse_float", ["inf"], "inf"],
  ["parse_float", ["-Infinity"], "-inf"],
  ["parse_float", ["INF"], "inf"],
  ["parse_float", ["NaN"], "NaN"],
  ["parse_float", ["nan"], "NaN"],
  ["parse_float", ["1e400"], "inf"],
  ["parse_float", [""], PARSE_FLOAT("", "cannot parse float from empty string")],
  ["parse_float", [" "], PARSE_FLOAT(" ", "cannot parse float from empty string")],
  ["parse_float", ["abc"], PARSE_FLOAT("abc")],
  ["parse_float", ["."], PARSE_FLOAT(".")],
  ["parse_float", ["1e"], PARSE_FLOAT("1e")],
  ["parse_float", ["0x10"], PARSE_FLOAT("0x10")],
  ["parse_float", ["1_0"], PARSE_FLOAT("1_0")],
  ["parse_float", ["infinit"], PARSE_FLOAT("infinit")],
]);

table("§9 FLOAT functions", [
  ["sin", [f(0)], "0.0"],
  ["sin", [f(Math.PI / 2)], "1.0"],
  ["cos", [f(0)], "1.0"],
  ["tan", [f(0)], "0.0"],
  ["sinh", [f(0)], "0.0"],
  ["cosh", [f(0)], "1.0"],
  ["tanh", [f(0)], "0.0"],
  ["asin", [f(1)], "1.5707963267948966"],
  ["acos", [f(1)], "0.0"],
  ["atan", [f(1)], "0.7853981633974483"],
  ["atan", [f(1), f(1)], "0.7853981633974483"],
  ["atan", [f(1), f(-1)], "2.356194490192345"],
  ["atan", [f(-1), f(-1)], "-2.356194490192345"],
  ["asinh", [f(0)], "0.0"],
  ["acosh", [f(1)], "0.0"],
  ["atanh", [f(0)], "0.0"],
  ["hypot", [f(3), f(4)], "5.0"],
  ["hypot", [f(1e300), f(1e300)], "1.4142135623730952e300"],
  ["E", [], "2.718281828459045"],
  ["PI", [], "3.141592653589793"],
  ["to_radians", [f(180)], "3.141592653589793"],
  ["to_degrees", [f(Math.PI)], "180.0"],
  ["sqrt", [f(16)], "4.0"],
  ["sqrt", [f(2)], "1.4142135623730951"],
  ["sqrt", [f(-1)], "NaN"],
  ["exp", [f(0)], "1.0"],
  ["exp", [f(1)], "2.718281828459045"],
  ["ln", [f(1)], "0.0"],
  ["ln", [f(Math.E)], "1.0"],
  ["log", [f(1000)], "3.0"],
  ["log", [f(100)], "2.0"],
  ["log", [f(8), f(2)], "3.0"],
  ["log", [f(0)], "-inf"],
  ["floor", [f(2.7)], "2.0"],
  ["floor", [f(-2.7)], "-3.0"],
  ["ceiling", [f(2.1)], "3.0"],
  ["ceiling", [f(-2.1)], "-2.0"],
  ["round", [f(2.5)], "3.0"],
  ["round", [f(-2.5)], "-3.0"],
  ["round", [f(0.5)], "1.0"],
  ["round", [f(-0.5)], "-1.0"],
  ["round", [f(2.4)], "2.0"],
  ["round", [f(-2.4)], "-2.0"],
  ["round", [f(-0.4)], "-0.0"],
  ["round", [f(0.49999999999999994)], "0.0"],
  ["round", [f(1e20)], "1e20"],
  ["int", [f(-2.7)], "-2.0"],
  ["int", [f(2.7)], "2.0"],
  ["fraction", [f(-2.75)], "-0.75"],
  ["fraction", [f(2.5)], "0.5"],
  ["fraction", [f(Infinity)], "NaN"],
  ["is_nan", [f(NaN)], "true"],
  ["is_nan", [f(1)], "false"],
  ["is_finite", [f(1)], "true"],
  ["is_finite", [f(Infinity)], "false"],
  ["is_finite", [f(NaN)], "false"],
  ["is_infinite", [f(-Infinity)], "true"],
  ["is_infinite", [f(NaN)], "false"],
  ["is_infinite", [f(1)], "false"],
]);

describe("§9 FLOAT property forms", () => {
  const rows: [string, number, string][] = [
    ["floor", 2.7, "2.0"],
    ["ceiling", 2.1, "3.0"],
    ["round", -2.5, "-3.0"],
    ["int", -2.7, "-2.0"],
    ["fraction", -2.75, "-0.75"],
    ["is_nan", NaN, "true"],
    ["is_finite", 1, "true"],
    ["is_infinite", Infinity, "true"],
  ];
  for (const [name, x, want] of rows) test(`(${x}).${name}`, () => expect(getter(name, f(x))).toBe(want));
});

const TO_INT_OVF = (s: string) => `ErrorArithmetic: Integer overflow: to_int(${s})`;

table("§9 to_int / to_float", [
  ["to_int", [f(2.9)], "2"],
  ["to_int", [f(-2.9)], "-2"],
  ["to_int", [f(-0.5)], "0"],
  ["to_int", [f(NaN)], "0"],
  ["to_int", [f(1e18)], "1000000000000000000"],
  ["to_int", [f(-9223372036854775808)], "-9223372036854775808"],
  ["to_int", [f(9223372036854775808)], "9223372036854775807"],
  ["to_int", [f(1e20)], TO_INT_OVF("100000000000000000000")],
  ["to_int", [f(-1e20)], TO_INT_OVF("-100000000000000000000")],
  ["to_int", [f(9223372036854777856)], TO_INT_OVF("9223372036854778000")],
  ["to_int", [f(Infinity)], TO_INT_OVF("inf")],
  ["to_int", [f(-Infinity)], TO_INT_OVF("-inf")],
  ["to_int", [42], "42"],
  ["to_int", [INT_MIN], "-9223372036854775808"],
  ["to_int", [c("A")], "65"],
  ["to_int", [c("😀")], "128512"],
  ["to_float", [3], "3.0"],
  ["to_float", [INT_MAX], "9.223372036854776e18"],
  ["to_float", [2n ** 53n + 1n], "9007199254740992.0"],
  ["to_float", [f(1.5)], "1.5"],
]);

// ---------------------------------------------------------------------------------------------
// Script level (through the evaluator).


describe("script level", () => {
  test.each([
    // traps 32, 41, 44
    ["(-2.5).round()", "-3.0"],
    ["2.5.round()", "3.0"],
    ["to_int(2.9)", "2"],
    ["to_int(-2.9)", "-2"],
    ["-5.abs()", "5"],
    ["let x = 5; -x.abs()", "-5"],
    ["sqrt(4.0)", "2.0"],
    ["4.to_float().sqrt()", "2.0"],
    ["abs(-4)", "4"],
    // F, M and P forms
    ["let x = -2.7; x.int", "-2.0"],
    ["(-2.75).fraction", "-0.75"],
    ["2.5.round", "3.0"],
    ["2.1.ceiling", "3.0"],
    ["2.7.floor", "2.0"],
    ["(0.0/0.0).is_nan", "true"],
    ["(1.0/0.0).is_infinite", "true"],
    ["1.0.is_finite", "true"],
    ["0.is_zero", "true"],
    ["(-3).is_odd", "true"],
    ["4.is_even", "true"],
    ["is_even(4)", "true"],
    ["4.is_even()", "true"],
    ["sign(-0.0)", "0"],
    ["(-7).sign()", "-1"],
    ["max(1, 2.5)", "2.5"],
    ["max(3, 2.5)", "3.0"],
    ["1.max(2)", "2"],
    ["min(1.5, 1)", "1.0"],
    ["!true", "false"],
    ["E()", "2.718281828459045"],
    ["PI()", "3.141592653589793"],
    ["atan(1.0, 1.0)", "0.7853981633974483"],
    ["log(8.0, 2.0)", "3.0"],
    ["log(1000.0)", "3.0"],
    ['parse_int("ff", 16)', "255"],
    ['parse_int(" 42 ")', "42"],
    ['"42".parse_int()', "42"],
    ['parse_float(" 2.5 ")', "2.5"],
    ["to_float(3)", "3.0"],
    ["'A'.to_int()", "65"],
    ["9223372036854775807.to_float()", "9.223372036854776e18"],
    ["get_bits(-1, 60, 4)", "15"],
    ["123456.get_bits(5..10)", "18"],
    ["123456.get_bits(5..=9)", "18"],
    ["5.get_bit(2)", "true"],
    ["let x = 0; x.set_bit(3, true); x", "8"],
    ["let x = 0; set_bit(x, 3, true); x", "8"],
    ["let x = 0; x.set_bits(4, 4, 255); x", "240"],
    ["let x = 0; x.set_bits(4..8, 255); x", "240"],
    ["let x = 0; x.set_bits(4..=7, 255); x", "240"],
    ["const X = 0; set_bit(X, 3, true); X", "0"],
  ])("%s → %s", (src, want) => expect(H.str(src)).toBe(want));

  test.each([
    ["sqrt(4)", "Function not found: sqrt (i64) (line 1, position 1)"],
    ["floor(5)", "Function not found: floor (i64) (line 1, position 1)"],
    ["!1", "Function not found: ! (i64) (line 1, position 1)"],
    ["sign(0.0/0.0)", "Sign of NaN is undefined (line 1, position 1)"],
    ["abs(-9223372036854775808)", "Negation overflow: --9223372036854775808 (line 1, position 1)"],
    ["to_int(1e20)", "Integer overflow: to_int(100000000000000000000) (line 1, position 1)"],
    ["to_int(9223372036854777856.0)", "Integer overflow: to_int(9223372036854778000) (line 1, position 1)"],
    ["1.get_bit(64)", "Bit-field index 64 out of bounds: only 64 bits in bit-field (line 1, position 3)"],
    ["get_bits(1, 0..=64)", "Bit-field index 64 out of bounds: only 64 bits in bit-field (line 1, position 1)"],
    ['parse_int("12a")', "Error parsing integer number '12a': invalid digit found in string (line 1, position 1)"],
    ['parse_int("1", 40)', "Invalid radix: '40' (line 1, position 1)"],
    ['parse_float("")', "Error parsing floating-point number '': cannot parse float from empty string (line 1, position 1)"],
    ["const X = 0; X.set_bit(3, true)", "Non-pure method 'set_bit' cannot be called on constant (line 1, position 16)"],
  ])("%s fails with %s", (src, want) => expect(H.err(src)).toBe(want));

  test("caught error maps", () => {
    expect(H.out("let r; try { 1.get_bit(99) } catch (e) { r = e } [r.error, r.index, r.length]")).toBe(
      '["ErrorBitFieldBounds", 99, 64]',
    );
    expect(H.out("let r; try { sign(0.0/0.0) } catch (e) { r = e } r.error")).toBe("ErrorArithmetic");
  });
});
