// The AST pass that reproduces the reference engine's default optimizer where its effects
// are visible (rhai-language.md §0.3):
//   * literal `true` operands of `&&` / `false` operands of `||` are dropped; a single
//     survivor is returned without the bool check;
//   * side-effect-free statements whose value is unused are removed (also unused imports
//     followed only by constants);
//   * the value of a `try` body is not preserved (its trailing pure statements go);
//   * `${}` interpolations made only of constants are folded with the host display form;
//   * `const X = <scalar literal>` is propagated into plain reads of X.
// The pass rewrites the script's nodes in place (the caller hands over the parsed Script).

import type { Expr, LValue, Script, Stmt } from "./ast.ts";
import { hostDisplay } from "./format.ts";
import { RMap, type Value } from "./value.ts";

const NOT_CONST = Symbol("not-const");
type Binding = Value | typeof NOT_CONST;

/** Scoped table of propagated constants. */
class ConstEnv {
  private readonly names: string[] = [];
  private readonly values: Binding[] = [];
  mark(): number {
    return this.names.length;
  }
  reset(m: number): void {
    this.names.length = m;
    this.values.length = m;
  }
  bind(name: string, v: Binding): void {
    this.names.push(name);
    this.values.push(v);
  }
  get(name: string): Binding {
    for (let i = this.names.length - 1; i >= 0; i--) {
      if (this.names[i] === name) return this.values[i];
    }
    return NOT_CONST;
  }
}

export function optimize(script: Script): Script {
  const body = optBlock(script.body, true, new ConstEnv());
  for (const f of script.functions) f.body = optBlock(f.body, true, new ConstEnv());
  return { body, functions: script.functions, source: script.source };
}

// ------------------------------------------------------------------ purity

function isPureExpr(e: Expr): boolean {
  switch (e.k) {
    case "lit":
    case "var":
    case "nsvar":
      return true;
    case "array":
      return e.items.every(isPureExpr);
    case "map":
      return e.entries.every((x) => isPureExpr(x.value));
    case "and":
    case "or":
    case "coalesce":
      return e.args.every(isPureExpr);
    case "interp":
      return e.parts.every((p) => typeof p === "string" || p.every(isPureStmt));
    case "block":
      return e.body.every(isPureStmt);
    case "stmt":
      return isPureStmt(e.stmt);
    default:
      return false;
  }
}

function isPureStmt(s: Stmt): boolean {
  switch (s.k) {
    case "expr":
      return isPureExpr(s.expr);
    case "if":
      return isPureExpr(s.cond) && s.then.every(isPureStmt) && (s.else ?? []).every(isPureStmt);
    case "switch":
      return (
        isPureExpr(s.subject) &&
        s.cases.every((c) => (c.guard === undefined || isPureExpr(c.guard)) && isPureStmt(c.body)) &&
        (s.default === undefined || isPureStmt(s.default))
      );
    case "for":
      return isPureExpr(s.iterable) && s.body.every(isPureStmt);
    case "block":
      return s.body.every(isPureStmt);
    default:
      return false;
  }
}

/** The value of a constant expression (literal, or array/map of constants). */
function constValue(e: Expr): Binding {
  switch (e.k) {
    case "lit":
      return e.value;
    case "array": {
      const out: Value[] = [];
      for (const x of e.items) {
        const v = constValue(x);
        if (v === NOT_CONST) return NOT_CONST;
        out.push(v);
      }
      return out;
    }
    case "map": {
      const m = new RMap();
      for (const x of e.entries) {
        const v = constValue(x.value);
        if (v === NOT_CONST) return NOT_CONST;
        m.set(x.key, v);
      }
      return m;
    }
    default:
      return NOT_CONST;
  }
}

function isScalar(v: Value): boolean {
  return typeof v !== "object" || v === null || !(Array.isArray(v) || v instanceof RMap);
}

// ------------------------------------------------------------------ statements

function optBlock(stmts: Stmt[], preserve: boolean, env: ConstEnv): Stmt[] {
  const m = env.mark();
  const last = stmts.length - 1;
  for (let i = 0; i <= last; i++) stmts[i] = optStmt(stmts[i]!, preserve && i === last, env);
  env.reset(m);
  const out: Stmt[] = [];
  for (let i = 0; i <= last; i++) {
    const s = stmts[i]!;
    if (preserve && i === last) out.push(s);
    else if (isPureStmt(s)) continue;
    else if (s.k === "import" && s.alias !== undefined && onlyConstantsAfter(stmts, i)) continue;
    else out.push(s);
  }
  return out;
}

function onlyConstantsAfter(stmts: Stmt[], i: number): boolean {
  if (i + 1 >= stmts.length) return false;
  for (let j = i + 1; j < stmts.length; j++) {
    const s = stmts[j]!;
    if (s.k !== "expr" || s.expr.k !== "lit") return false;
  }
  return true;
}

function optScoped(s: Stmt, used: boolean, env: ConstEnv): Stmt {
  const m = env.mark();
  const r = optStmt(s, used, env);
  env.reset(m);
  return r;
}

function optLValue(t: LValue, env: ConstEnv): LValue {
  if (t.k === "index") {
    t.target = optLValue(t.target as LValue, env);
    t.index = optExpr(t.index, env);
  } else if (t.k === "prop") {
    t.target = optLValue(t.target as LValue, env);
  }
  return t;
}

function optStmt(s: Stmt, used: boolean, env: ConstEnv): Stmt {
  switch (s.k) {
    case "expr":
      s.expr = optExpr(s.expr, env);
      return s;
    case "let": {
      if (s.init) s.init = optExpr(s.init, env);
      const v = s.isConst && s.init && s.init.k === "lit" && isScalar(s.init.value) ? s.init.value : NOT_CONST;
      env.bind(s.name, v);
      return s;
    }
    case "assign":
    case "opassign":
      s.target = optLValue(s.target, env);
      s.value = optExpr(s.value, env);
      return s;
    case "if":
      s.cond = optExpr(s.cond, env);
      s.then = optBlock(s.then, used, env);
      if (s.else) s.else = optBlock(s.else, used, env);
      return s;
    case "switch":
      s.subject = optExpr(s.subject, env);
      for (const c of s.cases) {
        if (c.guard) c.guard = optExpr(c.guard, env);
        c.body = optScoped(c.body, used, env);
      }
      if (s.default) s.default = optScoped(s.default, used, env);
      return s;
    case "while":
      s.cond = optExpr(s.cond, env);
      s.body = optBlock(s.body, false, env);
      return s;
    case "loop":
      s.body = optBlock(s.body, false, env);
      return s;
    case "do":
      s.body = optBlock(s.body, false, env);
      s.cond = optExpr(s.cond, env);
      return s;
    case "for": {
      s.iterable = optExpr(s.iterable, env);
      const m = env.mark();
      env.bind(s.name, NOT_CONST);
      if (s.counter !== undefined) env.bind(s.counter, NOT_CONST);
      s.body = optBlock(s.body, false, env);
      env.reset(m);
      return s;
    }
    case "break":
    case "return":
    case "throw":
      if (s.value) s.value = optExpr(s.value, env);
      return s;
    case "try": {
      s.body = optBlock(s.body, false, env);
      const m = env.mark();
      if (s.catchVar !== undefined) env.bind(s.catchVar, NOT_CONST);
      s.handler = optBlock(s.handler, false, env);
      env.reset(m);
      return s;
    }
    case "block":
      s.body = optBlock(s.body, used, env);
      return s;
    case "import":
      s.path = optExpr(s.path, env);
      return s;
    default:
      return s;
  }
}

// ------------------------------------------------------------------ expressions

/** Targets of `.`/`[`/method calls keep their variable (constness is checked at run time). */
function optTarget(e: Expr, env: ConstEnv): Expr {
  return e.k === "var" ? e : optExpr(e, env);
}

function optExpr(e: Expr, env: ConstEnv): Expr {
  switch (e.k) {
    case "var": {
      const v = env.get(e.name);
      return v === NOT_CONST ? e : { k: "lit", pos: e.pos, value: v };
    }
    case "interp":
      return optInterp(e, env);
    case "array":
      for (let i = 0; i < e.items.length; i++) e.items[i] = optExpr(e.items[i]!, env);
      return e;
    case "map":
      for (const x of e.entries) x.value = optExpr(x.value, env);
      return e;
    case "unary":
      e.arg = optExpr(e.arg, env);
      return e;
    case "binary":
      e.left = optExpr(e.left, env);
      e.right = optExpr(e.right, env);
      return e;
    case "and":
    case "or": {
      const drop = e.k === "and";
      const args: Expr[] = [];
      for (const a of e.args) {
        const x = optExpr(a, env);
        if (x.k === "lit" && x.value === drop) continue;
        args.push(x);
      }
      if (args.length === 0) return { k: "lit", pos: e.pos, value: drop };
      if (args.length === 1) return args[0]!;
      e.args = args;
      return e;
    }
    case "coalesce":
      for (let i = 0; i < e.args.length; i++) e.args[i] = optExpr(e.args[i]!, env);
      return e;
    case "index":
      e.target = optTarget(e.target, env);
      e.index = optExpr(e.index, env);
      return e;
    case "prop":
      e.target = optTarget(e.target, env);
      return e;
    case "call":
    case "nscall":
      for (let i = 0; i < e.args.length; i++) e.args[i] = optExpr(e.args[i]!, env);
      return e;
    case "method":
      e.target = optTarget(e.target, env);
      for (let i = 0; i < e.args.length; i++) e.args[i] = optExpr(e.args[i]!, env);
      return e;
    case "block":
      e.body = optBlock(e.body, true, env);
      return e;
    case "stmt":
      e.stmt = optScoped(e.stmt, true, env);
      return e;
    default:
      return e;
  }
}

function optInterp(e: Expr & { k: "interp" }, env: ConstEnv): Expr {
  let folded = "";
  let constant = true;
  for (let i = 0; i < e.parts.length; i++) {
    const p = e.parts[i]!;
    if (typeof p === "string") {
      folded += p;
      continue;
    }
    const body = optBlock(p, true, env);
    e.parts[i] = body;
    if (!constant) continue;
    if (body.length === 0) continue;
    const s = body[0]!;
    const v = body.length === 1 && s.k === "expr" ? constValue(s.expr) : NOT_CONST;
    if (v === NOT_CONST) constant = false;
    else folded += hostDisplay(v);
  }
  return constant ? { k: "lit", pos: e.pos, value: folded } : e;
}
