// Generated code (src/engine/compiler/codegen.ts) against the closure compiler: every script
// here runs both ways and must give the exact expected value, error text and position. The
// cases aim at the generated forms and at the edges where they hand over to slow paths
// (INT overflow, bigints, non-INT operands, bounds errors, maps, operation limits).
import { afterAll, describe, expect, test } from "bun:test";
import { codegenSettings } from "../../src/engine/compiler/codegen.ts";
import { err, out, printed, run } from "./helpers.ts";

const saved = codegenSettings.enabled;
afterAll(() => {
  codegenSettings.enabled = saved;
});

function both<T>(f: () => T): [T, T] {
  codegenSettings.enabled = true;
  const g = f();
  codegenSettings.enabled = false;
  const c = f();
  codegenSettings.enabled = saved;
  return [g, c];
}

const VALUES: [string, string][] = [
  // loops, break values, continue, block values
  ["let x = 1_000; while x > 0 { x -= 1; } x", "0"],
  ["let x = 0; let n = 0; while x < 10 { x += 1; if x % 2 == 0 { continue; } n += x; } n", "25"],
  ["let i = 0; loop { i += 1; if i == 7 { break; } } i", "7"],
  ["let s = 0; for i in 0..10 { s += i; } s", "45"],
  ["let s = 0; for i in 0..=10 { s += i; } s", "55"],
  ["let s = 0; for i in 10..0 { s += i; } s", "0"],
  ["let s = \"\"; for c in \"héllo\" { s += c; s += '.'; } s", "h.é.l.l.o."],
  ["let s = 0; for b in blob(3, 7) { s += b; } s", "21"],
  ["let s = 0; for x in range(0, 10, 3) { s += x; } s", "18"],
  ["let n = 0; for i in 9223372036854775805..9223372036854775807 { n += 1; } n", "2"],
  ["let a = [1, 2, 3]; for x in a { a.push(x); } a", "[1, 2, 3, 1, 2, 3]"],
  ["let a = [[1], [2]]; for x in a { x.push(0); } a", "[[1], [2]]"],
  ["let a = [1, 2, 3]; let s = 0; for x in a { s += x; } s", "6"],
  ["let r = 0; for i in 0..5 { if i == 3 { r = i; break; } } r", "3"],
  ["fn f() { let i = 0; while true { i += 1; if i > 4 { return i * 10; } } } f()", "50"],
  ["fn f(x) { if x > 0 { x } else { -x } } f(-4) + f(5)", "9"],
  ["fn f() { let a = 1; { let a = 2; } a } f()", "1"],
  ["fn f() { if false { 1 } } f()", ""],
  ["fn f() { let x = 3; x += 1; } f()", ""],
  ["let x = 5; x", "5"],
  // INT arithmetic and comparisons at the edges of the fast paths
  ["let x = 9007199254740991; x += 1; x", "9007199254740992"],
  ["let x = 9007199254740991; let y = x + x; y", "18014398509481982"],
  ["let x = 3037000499; x * x", "9223372030926249001"],
  ["let x = -3; let y = 0; x * y", "0"],
  ["let a = 2; let b = 3; [a < b, a <= b, a > b, a >= b, a == b, a != b]", "[true, true, false, false, false, true]"],
  ["let a = 2.5; let b = 2; [a > b, a - b]", "[true, 0.5]"],
  ["let s = \"a\"; let t = \"b\"; s + t", "ab"],
  ["let s = \"a\"; s += 1; s", "a1"],
  ["let x = 7; x -= 10; x", "-3"],
  // indexing
  ["let a = [1, 2, 3]; a[1] = 9; a[-1] = 8; a", "[1, 9, 8]"],
  ["let a = [1, 2, 3]; a[0] + a[2] + a[-2]", "6"],
  ["let m = #{}; for i in 0..3 { m[`k${i}`] = i; } m", "#{\"k0\": 0, \"k1\": 1, \"k2\": 2}"],
  ["let m = #{a: 1}; m[\"a\"]", "1"],
  ["let s = \"abc\"; s[1] = 'x'; s", "axc"],
  ["let n = 0; n[3] = true; n", "8"],
  ["let a = [[1, 2], [3]]; let b = a[0]; b.push(5); a", "[[1, 2], [3]]"],
  // calls of functions known at compile time (direct form and frame form)
  ["fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } } fib(20)", "6765"],
  ["fn f(a) { a.push(1); a } let x = [0]; let y = f(x); [x, y]", "[[0], [0, 1]]"],
  ["fn f(a, b) { a * 10 + b } f(1, 2) + f(3, 4)", "46"],
  ["fn g() { 5 } fn f() { g() + 1 } f()", "6"],
  ["fn f() { let c = 0; let add = |x| c += x; add.call(2); c } f()", "2"],
  ["fn f() { this + 1 } let x = 2; x.f()", "3"],
  ["let __proto__ = 1; let constructor = 2; let toString = 3; __proto__ + constructor + toString", "6"],
];

describe("generated code gives the closure compiler's values", () => {
  test.each(VALUES)("%s", (src, expected) => {
    const [g, c] = both(() => out(src));
    expect(g).toBe(expected);
    expect(c).toBe(expected);
  });
});

const ERRORS: [string, string][] = [
  // §6.1 / §12.2: the compound assignment carries the operator's position, a plain operator none.
  ["let x = 9223372036854775807; x += 1; x", "Addition overflow: 9223372036854775807 + 1 (line 1, position 32)"],
  ["let x = 9223372036854775807; let y = x + 1; y", "Addition overflow: 9223372036854775807 + 1"],
  ["let x = -9223372036854775807; let y = x - 2; y", "Subtraction overflow: -9223372036854775807 - 2"],
  ["let x = 4294967296; x * x", "Multiplication overflow: 4294967296 * 4294967296"],
  ["let a = [1, 2]; a[5]", "Array index 5 out of bounds: only 2 elements in array (line 1, position 19)"],
  ["let a = [1, 2]; a[2] = 0; a", "Array index 2 out of bounds: only 2 elements in array (line 1, position 19)"],
  ["let x = 1; if x { 1 }", "Data type incorrect: i64 (expecting bool) (line 1, position 15)"],
  ["let x = \"a\"; while x * 2 > 0 { }", "Function not found: * (&str | ImmutableString | String, i64) (line 1, position 22)"],
  ["let n = 5; for x in n { }", "For loop expects iterable type (line 1, position 21)"],
  ["fn f(n) { n / 0 } f(1)", "Division by zero: 1 / 0\nin call to function 'f' (line 1, position 19)"],
  // §7.5: the position of the outermost call.
  ["fn f(n) { f(n + 1) } f(0)", "Stack overflow (line 1, position 22)"],
];

describe("generated code gives the closure compiler's errors", () => {
  test.each(ERRORS)("%s", (src, expected) => {
    const [g, c] = both(() => err(src));
    expect(c).toBe(expected);
    expect(g).toBe(expected);
  });
});

describe("operation counting is the same in both forms", () => {
  const scripts = [
    "let x = 0; while x < 100 { x += 1; }",
    "let s = 0; for i in 0..50 { s += i; }",
    "fn f(n) { if n < 2 { n } else { f(n - 1) + f(n - 2) } } f(10)",
    "let a = []; a.pad(20, 0); let i = 0; while i < 20 { a[i] = i; i += 1; } a",
  ];
  test.each(scripts)("%s", (src) => {
    // The smallest limit the script runs under is the same, and the error one below it
    // names the same position.
    const limit = (): number => {
      let lo = 1;
      let hi = 100_000;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        try {
          run(src, { limits: { maxOperations: mid } });
          hi = mid;
        } catch {
          lo = mid + 1;
        }
      }
      return lo;
    };
    const [g, c] = both(limit);
    expect(g).toBe(c);
    expect(g).toBeGreaterThan(10);
    const [ge, ce] = both(() => err(src, { limits: { maxOperations: g - 1 } }));
    expect(ge).toBe(ce);
    expect(ge).toStartWith("Too many operations (line 1, position ");
  });

  test("a tight generated loop still stops on the progress check", () => {
    for (const on of [true, false]) {
      codegenSettings.enabled = on;
      let polls = 0;
      const e = err("let x = 0; loop { x += 1; }", { progress: () => (++polls > 3 ? "timeout" : undefined) });
      // The loop statement being counted (runner.md §1.3).
      expect(e).toBe("Script terminated: timeout (line 1, position 12)");
    }
    codegenSettings.enabled = saved;
  });
});

describe("side effects keep their order", () => {
  test("print inside generated loops and calls", () => {
    const src = "fn p(x) { print(x); x } let i = 0; while i < 3 { p(i) + p(10); i += 1; }";
    const [g, c] = both(() => printed(src));
    expect(g).toEqual(["0", "10", "1", "10", "2", "10"]);
    expect(c).toEqual(g);
  });
});

describe("size limits are checked on generated stores as on closure stores", () => {
  const limits = { limits: { maxStringSize: 10, maxArraySize: 5, maxMapSize: 3 } };
  const CASES: [string, string][] = [
    ['let s = "abc"; s += "defghijkl"; s', "Length of string too large (line 1, position 18)"],
    ['let s = "abc"; s = s + "defghijkl"; s', "Length of string too large (line 1, position 22)"],
    ["let a = [1, 2, 3]; let b = [0]; b = [a, a]; b", "Size of array/BLOB too large (line 1, position 37)"],
    ["let m = #{}; for i in 0..5 { m[`k${i}`] = i; } m", "Size of object map too large (line 1, position 41)"],
  ];
  test.each(CASES)("%s", (src, expected) => {
    const [g, c] = both(() => err(src, limits));
    expect(c).toBe(expected);
    expect(g).toBe(expected);
  });
  test("stores within the limits", () => {
    const [g, c] = both(() => out("let a = [0, 0]; a[0] = [1, 2]; let x = 1; x += 2; a + [x]", limits));
    expect(g).toBe("[[1, 2], 0, 3]");
    expect(c).toBe(g);
  });
});
