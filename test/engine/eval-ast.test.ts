// The compiler driven by hand-built ASTs (no parser): slots, calls, loops, closures, errors.
import { describe, expect, test } from "bun:test";
import { DEFAULT_LIMITS } from "../../src/engine/api.ts";
import type { Expr, FnDef, Script, Stmt } from "../../src/engine/ast.ts";
import { Compiler } from "../../src/engine/compiler/compiler.ts";
import { Frame, Runtime } from "../../src/engine/compiler/runtime.ts";
import { RhaiError } from "../../src/engine/errors.ts";
import { toDisplay } from "../../src/engine/format.ts";
import { registerStdlib } from "../../src/engine/packages/index.ts";
import { Registry } from "../../src/engine/registry.ts";

const P = { line: 1, pos: 1 };
const at = (pos: number) => ({ line: 1, pos });
const lit = (value: unknown): Expr => ({ k: "lit", pos: P, value: value as never });
const v = (name: string, pos = P): Expr => ({ k: "var", pos, name });
const bin = (op: string, left: Expr, right: Expr, pos = P): Expr => ({ k: "binary", pos, op: op as never, left, right });
const call = (name: string, args: Expr[], pos = P): Expr => ({ k: "call", pos, name, args, callerScope: false });
const ex = (expr: Expr): Stmt => ({ k: "expr", pos: P, expr });
const let_ = (name: string, init: Expr, isConst = false): Stmt => ({
  k: "let", pos: P, name, namePos: P, init, isConst, exported: undefined,
});
const fn = (name: string, params: string[], body: Stmt[], extra: Partial<FnDef> = {}): FnDef => ({
  name, pos: P, params, body, private: false, receiverType: undefined, captureCount: 0, isAnonymous: false, ...extra,
});

function runAst(body: Stmt[], functions: FnDef[] = []): string {
  const reg = new Registry();
  registerStdlib(reg);
  const rt = new Runtime(reg, { ...DEFAULT_LIMITS }, undefined);
  rt.reset();
  const script: Script = { body, functions, source: "" };
  const c = new Compiler(rt, reg, { strict: true, declared: [], loadModule: () => { throw new Error("no modules"); } });
  const cs = c.compileScript(script);
  const f = new Frame(new Array(cs.nslots), undefined, false);
  try {
    cs.main(f);
  } catch (e) {
    if (e instanceof RhaiError) return `ERR ${e.toString()}`;
    throw e;
  }
  return toDisplay(f.v);
}

describe("compiler on hand-built ASTs", () => {
  test("fib", () => {
    const fib = fn("fib", ["n"], [
      {
        k: "if", pos: P, cond: bin("<", v("n"), lit(2)), then: [ex(v("n"))],
        else: [ex(bin("+", call("fib", [bin("-", v("n"), lit(1))]), call("fib", [bin("-", v("n"), lit(2))])))],
      },
    ]);
    expect(runAst([ex(call("fib", [lit(20)]))], [fib])).toBe("6765");
  });
  test("while with compound assignment", () => {
    expect(runAst([
      let_("x", lit(100000)),
      { k: "while", pos: P, cond: bin(">", v("x"), lit(0)), body: [{ k: "opassign", pos: P, op: "-", target: v("x") as never, value: lit(1) }] },
      ex(v("x")),
    ])).toBe("0");
  });
  test("closure capture shares the variable", () => {
    const anon = fn("anon$0000000000000001", ["a", "x"], [
      { k: "opassign", pos: P, op: "+", target: v("a") as never, value: v("x") },
    ], { captureCount: 1, isAnonymous: true });
    expect(runAst([
      let_("a", lit(41)),
      let_("f", { k: "fn", pos: P, fnName: anon.name, captures: ["a"] }),
      ex({ k: "method", pos: P, target: v("f"), name: "call", args: [lit(1)], nullSafe: false }),
      ex(v("a")),
    ], [anon])).toBe("42");
  });
  test("overflow error has no position; compound assignment has one", () => {
    expect(runAst([ex(bin("+", lit(9223372036854775807n), lit(1)))])).toBe(
      "ERR Addition overflow: 9223372036854775807 + 1",
    );
    expect(runAst([let_("x", lit(5)), { k: "opassign", pos: at(14), op: "/", target: v("x") as never, value: lit(0) }])).toBe(
      "ERR Division by zero: 5 / 0 (line 1, position 14)",
    );
  });
  test("error in a function is wrapped", () => {
    const f = fn("f", [], [ex(bin("/", lit(1), lit(0)))]);
    expect(runAst([ex(call("f", [], { line: 2, pos: 1 }))], [f])).toBe(
      "ERR Division by zero: 1 / 0\nin call to function 'f' (line 2, position 1)",
    );
  });
});
