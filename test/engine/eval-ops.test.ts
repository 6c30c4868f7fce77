// Unit tests of the built-in operator table (rhai-language.md §5, §6.2) and indexing (§9),
// independent of the parser.
import { describe, expect, test } from "bun:test";
import { RhaiError } from "../../src/engine/errors.ts";
import { toDebug } from "../../src/engine/format.ts";
import { indexGet, indexSet } from "../../src/engine/indexing.ts";
import { NO_OP, builtinBinary, builtinUnary, floatCompare } from "../../src/engine/ops.ts";
import { type NativeContext, Registry } from "../../src/engine/registry.ts";
import { INT_MAX, INT_MIN, RChar, RFloat, RMap, RRange, type Value, intFromBig } from "../../src/engine/value.ts";

const MAX = intFromBig(INT_MAX);
const MIN = intFromBig(INT_MIN);

function msg(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof RhaiError) return e.toString();
    throw e;
  }
  return "no error";
}

describe("checked INT arithmetic (§5.1)", () => {
  const cases: [string, Value, Value, string][] = [
    ["+", 1, 2, "3"],
    ["+", MAX, 1, "Addition overflow: 9223372036854775807 + 1"],
    ["-", MIN, 1, "Subtraction overflow: -9223372036854775808 - 1"],
    ["*", MAX, 2, "Multiplication overflow: 9223372036854775807 * 2"],
    ["*", 4294967296, 4294967296, "Multiplication overflow: 4294967296 * 4294967296"],
    ["*", 3037000499, 3037000499, "9223372030926249001"],
    ["/", -7, 2, "-3"],
    ["/", 5, 0, "Division by zero: 5 / 0"],
    ["/", MIN, -1, "Division overflow: -9223372036854775808 / -1"],
    ["%", -7, 3, "-1"],
    ["%", 7, -3, "1"],
    ["%", 7, 0, "Modulo division by zero or overflow: 7 % 0"],
    ["%", MIN, -1, "Modulo division by zero or overflow: -9223372036854775808 % -1"],
    ["**", 2, 10, "1024"],
    ["**", 0, 0, "1"],
    ["**", 2, -1, "Integer raised to a negative power: 2 ** -1"],
    ["**", 2, 63, "Exponential overflow: 2 ** 63"],
    ["**", 2, 62, "4611686018427387904"],
    ["**", -2, 63, "-9223372036854775808"],
    ["**", 3, 4294967296, "Exponential overflow: 3 ** 4294967296"],
    ["<<", 1, 64, "0"],
    ["<<", 1, 63, "-9223372036854775808"],
    ["<<", 3, 63, "-9223372036854775808"],
    [">>", -8, 100, "-1"],
    [">>", 8, -1, "16"],
    [">>", -8, 1, "-4"],
    ["&", 6, 3, "2"],
    ["|", MIN, 1, "-9223372036854775807"],
    ["^", -1, 1, "-2"],
    ["<", 1, MAX, "true"],
    ["==", MAX, MAX, "true"],
  ];
  for (const [op, a, b, want] of cases) {
    test(`${String(a)} ${op} ${String(b)}`, () => {
      let got: string;
      try {
        got = toDebug(builtinBinary(op, a, b) as Value);
      } catch (e) {
        if (!(e instanceof RhaiError)) throw e;
        expect(e.pos).toBeUndefined();
        got = e.toString();
      }
      expect(got).toBe(want);
    });
  }
  test("negation overflow", () => {
    expect(msg(() => builtinUnary("-", MIN))).toBe("Negation overflow: --9223372036854775808");
    expect(builtinUnary("-", 5)).toBe(-5);
    expect(builtinUnary("!", 5)).toBe(NO_OP);
  });
});

describe("float comparison with relative epsilon (§6.2)", () => {
  const cases: [string, number, number, boolean][] = [
    ["==", 0.1 + 0.2, 0.3, true],
    ["<", 0.0, 1e-16, false],
    ["<", 0.0, 1e-15, true],
    ["<", 1e-19, 1e-18, true],
    ["==", 1e-200, 2e-200, true],
    ["==", NaN, NaN, false],
    ["!=", NaN, NaN, false],
    ["==", Infinity, Infinity, false],
    [">", Infinity, 1.0, false],
  ];
  for (const [op, a, b, want] of cases) test(`${a} ${op} ${b}`, () => expect(floatCompare(op, a, b)).toBe(want));
  test("mixed INT/FLOAT promotes", () => {
    expect(toDebug(builtinBinary("/", 10, new RFloat(4)) as Value)).toBe("2.5");
    expect(builtinBinary("==", 1, new RFloat(1))).toBe(true);
  });
});

describe("string, char, unit, bool rows (§5.4)", () => {
  const s = (x: string) => x;
  const c = (x: string) => RChar.of(x.codePointAt(0)!);
  const cases: [string, Value, Value, Value][] = [
    ["-", s(""), s("abc"), "abc"],
    ["-", s("banana"), s("a"), "bnn"],
    ["-", s("hello"), c("l"), "heo"],
    ["+", c("a"), c("b"), "ab"],
    ["==", c("a"), s("a"), true],
    ["==", s("ab"), c("a"), false],
    ["<", s("Z"), s("a"), true],
    ["+", s("a"), undefined, "a"],
    ["==", undefined, undefined, true],
    ["<", false, true, true],
    ["^", true, true, false],
  ];
  for (const [op, a, b, want] of cases) test(`${toDebug(a)} ${op} ${toDebug(b)}`, () => expect(builtinBinary(op, a, b)).toBe(want));
  test("ranges", () => {
    expect(builtinBinary("==", new RRange(1, 2, false), new RRange(1, 2, true))).toBe(NO_OP);
    expect(builtinBinary("!=", new RRange(1, 2, false), new RRange(1, 2, true))).toBe(true);
  });
});

describe("indexing (§9)", () => {
  const reg = new Registry();
  const ctx = {} as NativeContext;
  const P = { line: 1, pos: 5 };
  const get = (t: Value, i: Value): string => {
    try {
      return toDebug(indexGet(reg, ctx, t, i, P, P));
    } catch (e) {
      if (e instanceof RhaiError) return e.message;
      throw e;
    }
  };
  const r = (a: number, b: number | bigint, incl = false) => new RRange(a, typeof b === "bigint" ? intFromBig(b) : b, incl);
  const cases: [Value, Value, string][] = [
    ["hello", r(1, 3), '"el"'],
    ["hello", r(1, 3, true), '"ell"'],
    ["hello", r(1, 1, true), '""'],
    ["hello", r(0, 0, true), '""'],
    ["hello", r(-3, INT_MAX), '"llo"'],
    ["hello", r(0, 2), '"he"'],
    ["hello", r(1, -1, true), '"ello"'],
    ["hello", r(1, -4, true), '""'],
    ["hello", r(3, 100), '"lo"'],
    ["hello", r(7, 9), '""'],
    ["hello", r(-9, 2), "String index -9 out of bounds: only 5 characters in string"],
    ["hello", r(2, -9), '""'],
    ["héllo", 1, "é"],
    ["abc", -1, "c"],
    ["abc", 3, "String index 3 out of bounds: only 3 characters in string"],
    ["", 0, "String index 0 out of bounds: string is empty"],
    [[1, 2, 3], 5, "Array index 5 out of bounds: only 3 elements in array"],
    [[1], 1, "Array index 1 out of bounds: only 1 element in array"],
    [[], 0, "Array index 0 out of bounds: array is empty"],
    [[1, 2], r(0, 1), "Data type incorrect: core::ops::range::Range<i64> (expecting i64)"],
    [[1, 2], "a", "Data type incorrect: string (expecting i64)"],
    [new RMap(), "constructor", "()"],
    [new RMap(), 1, "Data type incorrect: i64 (expecting string)"],
    [5, 0, "true"],
    [5, -1, "false"],
    [5, 64, "Bit-field index 64 out of bounds: only 64 bits in bit-field"],
    [-1, r(60, 64), "-1"],
    [true, 0, "Indexer unavailable: bool [i64]"],
  ];
  for (const [t, i, want] of cases) test(`${toDebug(t)}[${toDebug(i)}]`, () => expect(get(t, i)).toBe(want));
  test("writes", () => {
    expect(indexSet(reg, ctx, "hello", r(1, 1, true), "X", P, P)).toBe("hXllo");
    expect(indexSet(reg, ctx, 0, 3, true, P, P)).toBe(8);
    expect(indexSet(reg, ctx, 0, r(4, 8), 0xff, P, P)).toBe(240);
    expect(msg(() => indexSet(reg, ctx, 0, 3, 1, P, P))).toBe("Data type incorrect: i64 (expecting bool) (line 1, position 5)");
    expect(msg(() => indexSet(reg, ctx, true, 0, 1, P, P))).toBe(
      "Indexer unavailable: bool [i64] = i64 (line 1, position 5)",
    );
  });
});
