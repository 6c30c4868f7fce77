// Caller-scope calls (§3.8), constant receivers (§2.3, §3.6, §12.2) and operation counting
// (§13, runner.md §1.3).
import { describe, expect, test } from "bun:test";
import type { EngineOptions } from "../../src/engine/api.ts";
import { Engine } from "../../src/engine/engine.ts";
import { RhaiError } from "../../src/engine/errors.ts";
import { toDisplay } from "../../src/engine/format.ts";
import type { Value } from "../../src/engine/value.ts";
import { err, str } from "./helpers.ts";

type Case = [string, string];
const lax: EngineOptions = { strictVariables: false };

describe("f!() runs in the caller's scope (§3.8)", () => {
  const strict: Case[] = [
    ["fn f() { let y = 1; } f!(); is_def_var(\"y\")", "true"],
    ["fn f() { let y = 1; } f(); is_def_var(\"y\")", "false"],
    ["fn f(a) { let y = a; } f!(1); is_def_var(\"a\")", "false"],
    ["fn f() { { let y = 1; } } f!(); is_def_var(\"y\")", "false"],
    ["fn f(a) { a.push(1); a } let b = []; let r = f!(b); [b, r]", "[[], [1]]"],
    ["fn f(x) { x * 2 } f!(21)", "42"],
    ["fn f(x) { return x + 1; 0 } f!(1)", "2"],
  ];
  for (const [src, want] of strict) test(src, () => expect(str(src)).toBe(want));
  const loose: Case[] = [
    ["fn f() { let y = 1; } f!(); y", "1"],
    ["fn f() { x += 1; } let x = 1; f!(); x", "2"],
    ["fn f() { x } let x = 5; f!()", "5"],
    ["fn f(a) { x += a; a = 100; } let x = 1; let a = 5; f!(a); [x, a]", "[6, 5]"],
    ["fn f() { let x = 9; } let x = 1; f!(); x", "9"],
    ["fn f() { return x * 2; } let x = 21; f!()", "42"],
    ["fn f(n) { if n > 0 { f!(n - 1) } else { 7 } } f!(3)", "7"],
    ["fn f() { let c = || x; c.call() } let x = 3; f!()", "3"],
    ["fn f() { let c = || { x += 1 }; c.call(); } let x = 3; f!(); x", "4"],
    ["fn g() { f!() } fn f() { let z = 1; } g(); is_def_var(\"z\")", "false"],
  ];
  for (const [src, want] of loose) test(src, () => expect(str(src, lax)).toBe(want));
  const errors: Case[] = [
    ["fn f() { x / 0 } let x = 21; f!()", "Division by zero: 21 / 0\nin call to function 'f' (line 1, position 30)"],
    ["fn f() { this } f!()", "'this' not bound (line 1, position 10)\nin call to function 'f' (line 1, position 17)"],
    ["fn f() { nope } f!()", "Variable not found: nope (line 1, position 10)\nin call to function 'f' (line 1, position 17)"],
  ];
  for (const [src, want] of errors) test(src, () => expect(err(src, lax)).toBe(want));
  test("parse errors belong to the parser", () => {
    expect(err("fn f() {} let x = 1; x.f!()")).toBe(
      "Syntax error: method-call style does not support running within the caller's scope (line 1, position 24)",
    );
  });
  test("call depth still applies", () => {
    expect(err("fn f(n) { g!(n) } fn g(n) { f(n + 1) } f(0)", lax)).toStartWith("Stack overflow");
  });
});

// A host type with a non-pure getter and indexers, to reach the §12.2 constant texts.
class Box {
  constructor(public v: number) {}
}
function boxEngine(): Engine {
  const e = new Engine();
  const r = e.registry;
  r.registerType(Box, { name: "Box" });
  r.fn("new_box", [], () => new Box(1));
  r.fn("get$pure", ["Box"], (_c, a) => (a[0] as Box).v);
  r.fn("get$bump", ["Box"], (_c, a) => ++(a[0] as Box).v, { rejectOnConst: true });
  r.setter("Box", "v", "int", (_c, a) => {
    (a[0] as Box).v = a[1] as number;
    return undefined;
  });
  r.fn("index$get", ["Box", "int"], (_c, a) => (a[0] as Box).v + (a[1] as number), { rejectOnConst: true });
  r.indexSetter("Box", "int", "int", (_c, a) => {
    (a[0] as Box).v = a[2] as number;
    return undefined;
  });
  r.fn("peek", ["Box"], (_c, a) => (a[0] as Box).v);
  r.fn("poke", ["Box"], (_c, a) => ((a[0] as Box).v = 99), { mut: true });
  return e;
}
function boxRun(src: string): string {
  const e = boxEngine();
  try {
    return toDisplay(e.run(e.compile(src)) as Value);
  } catch (x) {
    if (x instanceof RhaiError) return `ERR ${x.toString()}`;
    throw x;
  }
}

describe("constant receivers (§2.3, §3.6, §12.2)", () => {
  const cases: Case[] = [
    ["const A = [1]; A.push(2)", "Non-pure method 'push' cannot be called on constant (line 1, position 18)"],
    ["const A = #{a: [1]}; A.a.push(2)", "Non-pure method 'push' cannot be called on constant (line 1, position 26)"],
    ["const A = [1]; A[0] = 2;", "Cannot modify constant A (line 1, position 16)"],
    ["const A = #{p: 1}; A.p = 2;", "Cannot modify constant A (line 1, position 20)"],
    ["const A = #{p: 1}; A[\"p\"] = 2;", "Cannot modify constant A (line 1, position 20)"],
    ["const A = #{p: 1}; A.p += 2;", "Cannot modify constant A (line 1, position 20)"],
    ["const A = 5; A.tag = 2;", "Cannot modify property 'tag' of constant (line 1, position 16)"],
  ];
  for (const [src, want] of cases) test(src, () => expect(err(src)).toBe(want));
  const values: Case[] = [
    ["const A = [1]; A.len()", "1"],
    ["const A = [1]; push(A, 2); A", "[1]"],
    ["const A = [3, 1]; let b = A; b.sort(); [A, b]", "[[3, 1], [1, 3]]"],
    ["const A = [1, 2]; fn f() { this.push(3); this.len() } [A.f(), A]", "[3, [1, 2]]"],
    ["const A = 5; fn int.twice() { this * 2 } A.twice()", "10"],
    ["const A = [1, 2]; A[1]", "2"],
    ["const A = #{p: [1]}; A.p.len()", "1"],
    ["const A = 5; A.tag", "0"],
  ];
  for (const [src, want] of values) test(src, () => expect(str(src)).toBe(want));
  const host: Case[] = [
    ["const B = new_box(); B.pure", "1"],
    ["let b = new_box(); b.bump; b.bump", "3"],
    ["const B = new_box(); B.bump", "ERR Non-pure property bump cannot be accessed on constant (line 1, position 24)"],
    ["const B = new_box(); B.v = 5;", "ERR Cannot modify property 'v' of constant (line 1, position 24)"],
    ["let b = new_box(); b.v = 5; b.pure", "5"],
    ["let b = new_box(); b[1]", "2"],
    ["const B = new_box(); B[1]", "ERR Non-pure indexer cannot be accessed on constant (line 1, position 23)"],
    ["const B = new_box(); B[0] = 3;", "ERR Cannot assign to indexer of constant (line 1, position 23)"],
    ["let b = new_box(); b[0] = 3; b.pure", "3"],
    ["const B = new_box(); B.peek()", "1"],
    ["const B = new_box(); B.poke()", "ERR Non-pure method 'poke' cannot be called on constant (line 1, position 24)"],
    ["const B = new_box(); let r; try { B.poke() } catch (e) { r = e } [r.error, r.function]", "[\"ErrorNonPureMethodCallOnConstant\", \"poke\"]"],
  ];
  for (const [src, want] of host) test(src, () => expect(boxRun(src)).toBe(want));
});

describe("operation counting (§13)", () => {
  // Each statement counts 1 + the expression nodes it evaluates; calls 1 more on entry;
  // loops 1 + their condition's nodes per check.
  const counts: [string, number][] = [
    ["let x = 0; x += 1; x += 2;", 8],
    ["fn f() { 1 } f()", 5],
    ["let i = 0; while i < 3 { i += 1 }", 28],
    ["let a = [1, 2, 3]; a[0] + a[1]", 13],
  ];
  for (const [src, n] of counts) {
    test(`${src} counts ${n}`, () => {
      expect(() => str(src, { limits: { maxOperations: n } })).not.toThrow();
      expect(err(src, { limits: { maxOperations: n - 1 } })).toStartWith("Too many operations");
    });
  }
  test("the error carries the position of the counted operation", () => {
    expect(err("let x = 0;\nloop {\n    foo(x);\n}", { limits: { maxOperations: 500 }, strictVariables: false })).toBe(
      "Function not found: foo (i64) (line 3, position 5)",
    );
    expect(err("let x = 0;\nloop {\n    x.abs();\n}", { limits: { maxOperations: 500 } })).toBe(
      "Too many operations (line 3, position 5)",
    );
    expect(err("fn f() { loop { } }\nf()", { limits: { maxOperations: 100 } })).toBe("Too many operations (line 2, position 1)");
    // runner.md §1.3 / test/cli: the statement's start, here the assignment's target.
    expect(err("let x = 0; loop { x += 1; }", { limits: { maxOperations: 1000 } })).toBe(
      "Too many operations (line 1, position 19)",
    );
    expect(err("let s = \"x\"; loop { s += s }", { limits: { maxStringSize: 1000 } })).toBe(
      "Length of string too large (line 1, position 23)",
    );
    let n = 0;
    expect(err("let x = 0;\nwhile true {\n  x = x + 1;\n}", { progress: () => (++n > 2 ? "stop" : undefined) })).toMatch(
      /^Script terminated: stop \(line (2, position 1|3, position 3)\)$/,
    );
  });
  test("uncatchable", () => {
    expect(err("try { loop {} } catch { 1 }", { limits: { maxOperations: 100 } })).toMatch(/^Too many operations \(line 1/);
  });
  test("library loops count through tick", () => {
    expect(err("let a = []; a.pad(100000, 0); a.map(|x| x + 1)", { limits: { maxOperations: 1000 } })).toStartWith(
      "Too many operations",
    );
  });
});
