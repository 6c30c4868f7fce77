// Iterators and ranges (rhai-stdlib.md §5, §5.1), function pointers (§6).
import { describe, expect, test } from "bun:test";
import { RhaiError } from "../../src/engine/errors.ts";
import { FnPtr, RIter, type Value } from "../../src/engine/value.ts";
import { call, dbg, drainIter, f, fails, flags, reg, ri, rx } from "./stdlib-fake-context.ts";
import { err, str } from "./helpers.ts";

const yields = (name: string, ...args: Value[]): string => dbg(drainIter(call(name, ...args)));

describe("range constructors", () => {
  test("range(int, int) is the exclusive range", () => {
    expect(dbg(call("range", 1, 5))).toBe("1..5");
    expect(call("range", 1, 5)).toEqual(rx(1, 5));
  });
  const cases: [string, Value[], string][] = [
    ["range", [0, 10, 3], "[0, 3, 6, 9]"],
    ["range", [5, 0, -2], "[5, 3, 1]"],
    ["range", [0, 5, -1], "[]"],
    ["range", [5, 0, 1], "[]"],
    ["range", [3, 3, 1], "[]"],
    ["range", [0, 3, 5], "[0]"],
    ["range", [9223372036854775800n, 9223372036854775807n, 5], "[9223372036854775800]"],
    ["range", [-9223372036854775800n, -9223372036854775807n, -5], "[-9223372036854775800]"],
    ["range", [9007199254740990, 9007199254740994n, 1], "[9007199254740990, 9007199254740991, 9007199254740992, 9007199254740993]"],
    ["range", [rx(0, 10), 4], "[0, 4, 8]"],
    ["range", [rx(10, 0), -4], "[10, 6, 2]"],
    ["range", [f(0), f(1), f(0.25)], "[0.0, 0.25, 0.5, 0.75]"],
    ["range", [f(1), f(0), f(-0.5)], "[1.0, 0.5]"],
    ["range", [f(0), f(1), f(-0.5)], "[]"],
    ["chars", ["ab😀c"], "[a, b, 😀, c]"],
    ["chars", [""], "[]"],
    ["chars", ["abcde", 2], "[c, d, e]"],
    ["chars", ["abcde", -2], "[d, e]"],
    ["chars", ["abcde", -10], "[a, b, c, d, e]"],
    ["chars", ["abcde", 9], "[]"],
    ["chars", ["a😀cde", 1, 2], "[😀, c]"],
    ["chars", ["abcde", 1, 0], "[]"],
    ["chars", ["abcde", 1, -1], "[]"],
    ["chars", ["abcde", 3, 9], "[d, e]"],
    ["chars", ["abcde", rx(1, 3)], "[b, c]"],
    ["chars", ["abcde", rx(-1, 2)], "[a, b]"],
    ["chars", ["abcde", ri(1, 1)], "[b]"],
    ["chars", ["abcde", ri(3, 9223372036854775807n)], "[d, e]"],
    ["bits", [5], "[true, false, true" + ", false".repeat(61) + "]"],
    ["bits", [-1], "[" + Array(64).fill("true").join(", ") + "]"],
    ["bits", [5, 1], "[false, true" + ", false".repeat(61) + "]"],
    ["bits", [-9223372036854775808n, -1], "[true]"],
    ["bits", [5, 0, 3], "[true, false, true]"],
    ["bits", [5, 1, 2], "[false, true]"],
    ["bits", [5, 0, -1], "[]"],
    ["bits", [-1, 62, 10], "[true, true]"],
    ["bits", [0x2a, rx(1, 4)], "[true, false, true]"],
    ["bits", [0x2a, ri(1, 3)], "[true, false, true]"],
    ["bits", [0x2a, rx(-5, 2)], "[false, true]"],
    ["bits", [2n ** 40n + 1n, rx(39, 42)], "[false, true, false]"],
  ];
  test.each(cases)("%s %p", (name, args, expected) => {
    expect(yields(name, ...args)).toBe(expected);
  });
  test("iterators are RIter values (type_of \"range\")", () => {
    const it = call("range", 0, 3, 1);
    expect(it).toBeInstanceOf(RIter);
    expect(reg.typeName(it)).toBe("range");
    expect(call("chars", "a")).toBeInstanceOf(RIter);
    expect(reg.functions.resolve("get$chars", ["string"])).toBeDefined();
    expect(reg.functions.resolve("get$bits", ["int"])).toBeDefined();
  });
});

describe("range errors", () => {
  test.each([
    ["range", [0, 10, 0], "step value cannot be zero\nin call to function 'range'"],
    ["range", [rx(0, 10), 0], "step value cannot be zero\nin call to function 'range'"],
    ["range", [f(0), f(1), f(0)], "step value cannot be zero\nin call to function 'range'"],
    ["range", [f(1e20), f(2e20), f(1)], "step value cannot be zero\nin call to function 'range'"],
    ["bits", [5, 64], "Bit-field index 64 out of bounds: only 64 bits in bit-field"],
    ["bits", [5, -65], "Bit-field index -65 out of bounds: only 64 bits in bit-field"],
    ["bits", [5, 70, 1], "Bit-field index 70 out of bounds: only 64 bits in bit-field"],
    ["bits", [5, rx(64, 70)], "Bit-field index 64 out of bounds: only 64 bits in bit-field"],
  ] as [string, Value[], string][])("%s %p", (name, args, message) => {
    expect(fails(name, args)).toBe(message);
  });
  test("a zero step is ErrorInFunctionCall wrapping ErrorArithmetic", () => {
    try {
      call("range", 1, 2, 0);
    } catch (e) {
      const err = e as RhaiError;
      expect([err.kind, err.inner?.kind, err.catchable]).toEqual(["ErrorInFunctionCall", "ErrorArithmetic", true]);
      return;
    }
    throw new Error("no error");
  });
});

describe("range properties", () => {
  const open = rx(3, 9223372036854775807n);
  const cases: [string, Value[], Value][] = [
    ["start", [rx(1, 5)], 1],
    ["start", [ri(-2, 5)], -2],
    ["end", [rx(1, 5)], 5],
    ["end", [open], 9223372036854775807n],
    ["is_inclusive", [rx(1, 5)], false],
    ["is_inclusive", [ri(1, 5)], true],
    ["is_exclusive", [rx(1, 5)], true],
    ["is_exclusive", [ri(1, 5)], false],
    ["is_empty", [rx(1, 1)], true],
    ["is_empty", [rx(2, 1)], true],
    ["is_empty", [rx(1, 2)], false],
    ["is_empty", [ri(1, 1)], false],
    ["is_empty", [ri(2, 1)], true],
    ["contains", [rx(1, 3), 3], false],
    ["contains", [rx(1, 3), 1], true],
    ["contains", [rx(1, 3), 0], false],
    ["contains", [ri(1, 3), 3], true],
    ["contains", [open, 2n ** 62n], true],
    ["contains", [ri(1, 3), 2n ** 62n], false],
  ];
  test.each(cases)("%s %p", (name, args, expected) => {
    expect(call(name, ...args)).toBe(expected);
    if (args.length === 1) {
      const getter = reg.functions.resolve(`get$${name}`, [reg.typeSpecOf(args[0])]);
      expect(getter!.fn(undefined as never, [args[0]])).toBe(expected);
    }
  });
  test("contains is ro*", () => {
    expect(flags("contains", [rx(1, 2), 1])).toBe("ro*");
    expect(flags("contains", [ri(1, 2), 1])).toBe("ro*");
    expect(flags("start", [rx(1, 2)])).toBe("");
  });
});

describe("function pointers (§6)", () => {
  test.each([
    ["name", new FnPtr("foo"), "foo"],
    ["name", new FnPtr("anon$0123456789abcdef"), "anon$0123456789abcdef"],
    ["is_anonymous", new FnPtr("foo"), false],
    ["is_anonymous", new FnPtr("anon$0123456789abcdef", [1]), true],
  ] as [string, FnPtr, Value][])("%s %p", (name, fp, expected) => {
    expect(call(name, fp)).toBe(expected);
    expect(reg.functions.resolve(`get$${name}`, ["Fn"])!.fn(undefined as never, [fp])).toBe(expected);
  });
});

describe("script level (trap 37, §5.1)", () => {
  test.each([
    ["let s = []; for x in range(0, 10, 3) { s.push(x) } s", "[0, 3, 6, 9]"],
    ["let s = []; for x in range(5, 0, -2) { s.push(x) } s", "[5, 3, 1]"],
    ["let s = []; for x in range(0.0, 1.0, 0.25) { s.push(x) } s", "[0.0, 0.25, 0.5, 0.75]"],
    ["let s = []; for x in range(9223372036854775800, 9223372036854775807, 5) { s.push(x) } s", "[9223372036854775800]"],
    ["let s = []; for c in \"héllo\".chars(1, 2) { s.push(c) } s", "[é, l]"],
    ["let n = 0; for b in 5.bits { if b { n += 1 } } n", "2"],
    ["range(1, 5)", "1..5"],
    ["type_of(range(1, 5, 1))", "range"],
    ["let r = 3..; r.end", "9223372036854775807"],
    ["(1..=5).is_inclusive", "true"],
    ["3 in 1..3", "false"],
    ["const R = 1..5; 3 in R", "true"],
    ["let f = |x| x; [f.is_anonymous, Fn(\"abc\").name]", '[true, "abc"]'],
  ] as [string, string][])("%s", (src, expected) => {
    expect(str(src)).toBe(expected);
  });
  test.each([
    ["range(0, 10, 0)", "step value cannot be zero\nin call to function 'range' (line 1, position 1)"],
    ["const R = 1..5; R.contains(3)", "Non-pure method 'contains' cannot be called on constant (line 1, position 19)"],
    ["5.bits(64)", "Bit-field index 64 out of bounds: only 64 bits in bit-field (line 1, position 3)"],
  ] as [string, string][])("%s", (src, expected) => {
    expect(err(src)).toBe(expected);
  });
});
