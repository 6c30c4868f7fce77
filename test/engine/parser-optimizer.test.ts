// The optimizer pass (rhai-language.md §0.3): only the rewrites whose effects are visible.
import { describe, expect, test } from "bun:test";
import type { Expr, Stmt } from "../../src/engine/ast.ts";
import { optimize } from "../../src/engine/optimizer.ts";
import { parse } from "../../src/engine/parser/index.ts";

const opt = (src: string) => optimize(parse(src));
const lastExpr = (src: string): Expr => {
  const b = opt(src).body;
  const s = b[b.length - 1]!;
  if (s.k !== "expr") throw new Error(`last statement is ${s.k}`);
  return s.expr;
};
const kinds = (b: Stmt[]): string[] => b.map((s) => s.k);

describe("literal && / || operands", () => {
  test.each([
    ["let x = 1; x && true", { k: "var", name: "x" }],
    ["let x = 2; true && x", { k: "var", name: "x" }],
    ["let x = 1; x || false", { k: "var", name: "x" }],
    ["let x = true; let y = true; x && true && y", { k: "and", args: [{ name: "x" }, { name: "y" }] }],
    ["let x = 1; x && false", { k: "and", args: [{ name: "x" }, { k: "lit", value: false }] }],
    ["true && true", { k: "lit", value: true }],
    ["false || false", { k: "lit", value: false }],
  ])("%s", (src, shape) => {
    expect(lastExpr(src)).toMatchObject(shape);
  });
});

describe("unused side-effect-free statements", () => {
  test("pure statements before the last are removed; the last is kept", () => {
    expect(kinds(opt("let x = 1; if x { 1 }; 3").body)).toEqual(["let", "expr"]);
    expect(kinds(opt("let x = 1; x; [x, 2]; #{a: x}; x ?? 1; { x } 3").body)).toEqual(["let", "expr"]);
    expect(kinds(opt("let x = 1; x").body)).toEqual(["let", "expr"]);
  });
  test("loop bodies do not keep values", () => {
    const f = opt("let x = 1; for i in 0..2 { if x { 1 } } 1").body[1]!;
    expect(f).toMatchObject({ k: "for", body: [] });
    const w = opt("let x = 1; while false { x; 2 } 1").body[1]!;
    expect(w).toMatchObject({ k: "while", body: [] });
  });
  test("statements with effects are kept", () => {
    expect(kinds(opt("let x = 1; foo(x); x + 1; x.a; x[0]; x = 2; 3").body)).toEqual([
      "let", "expr", "expr", "expr", "expr", "assign", "expr",
    ]);
  });
  test("an unused import followed only by constants is dropped", () => {
    const b = opt('{ import "nosuch" as q; 5 }').body[0]!;
    expect(b).toMatchObject({ k: "block", body: [{ k: "expr", expr: { value: 5 } }] });
    expect(kinds(opt('import "m" as q; q::f()').body)).toEqual(["import", "expr"]);
  });
  test("a used block/if keeps its last value", () => {
    expect(opt("let x = 1; let y = if x { 1 } else { 2 };").body[1]).toMatchObject({
      init: { k: "stmt", stmt: { then: [{ k: "expr" }], else: [{ k: "expr" }] } },
    });
  });
});

describe("try bodies", () => {
  test.each<[string, string[]]>([
    ["try { 42 } catch { 0 }", []],
    ["let x = 1; try { x = 5; x } catch { 0 }", ["assign"]],
    ["let x = 1; try { x + 1 } catch { 0 }", ["expr"]],
    ["fn f() { 42 } try { f() } catch { 0 }", ["expr"]],
  ])("%s", (src, body) => {
    const b = opt(src).body;
    const t = b[b.length - 1]! as Stmt & { k: "try" };
    expect(kinds(t.body)).toEqual(body);
  });
});

describe("constant interpolation folding (host display form)", () => {
  test.each([
    ["`${[1.0, 'c']}`", "[1.0, 'c']"],
    ["`${#{a: 'x'}}`", '#{"a": \'x\'}'],
    ["`a${1}b${\"s\"}c${()}d`", "a1bscd"],
    ["`${3.0}`", "3.0"],
    ["const X = 5; `x=${X}`", "x=5"],
  ])("%s", (src, text) => {
    expect(lastExpr(src)).toMatchObject({ k: "lit", value: text });
  });
  test("non-constant parts are not folded", () => {
    expect(lastExpr("let v = [1.0, 'c']; `${v}`").k).toBe("interp");
    expect(lastExpr("`${3.0/2.0}`").k).toBe("interp");
  });
});

describe("constant propagation", () => {
  test("reads of a literal const become the literal", () => {
    expect(lastExpr("const X = 5; X + 1")).toMatchObject({ k: "binary", left: { k: "lit", value: 5 } });
    expect(lastExpr("const S = \"a\"; foo(S)")).toMatchObject({ args: [{ k: "lit", value: "a" }] });
  });
  test("targets of assignment and method calls keep the variable (run-time const checks)", () => {
    expect(opt("const X = #{p: 1}; X.p = 2;").body[1]).toMatchObject({ target: { target: { k: "var" } } });
    expect(lastExpr("const A = 1; A.abs()")).toMatchObject({ target: { k: "var", name: "A" } });
  });
  test("shadowing stops propagation", () => {
    expect(opt("const X = 1; { let X = 2; X }").body[1]).toMatchObject({ k: "block", body: [{ k: "let" }, { expr: { k: "var" } }] });
    expect(lastExpr("const X = 1; for X in [2] { X }; X")).toMatchObject({ k: "lit", value: 1 });
    expect(lastExpr("const X = f(); X")).toMatchObject({ k: "var" });
  });
});
