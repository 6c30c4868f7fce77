// Generated code for function and script bodies: the statements and expressions on the hot
// paths (blocks, let, plain-variable assignment and `op=`, if, while, loop, break, continue,
// return, INT arithmetic and comparisons, plain variable reads, calls of script functions
// known at compile time) become one JavaScript function; every other node is compiled to a
// closure as usual and called from the generated code (`E[k](f)` / `X[k](f)`).
//
// Safety: the generated text contains only fixed keywords, slot and table indexes and safe
// INT literals printed by `String(number)`; no script-chosen text (names, strings) ever
// reaches it. Everything else (constants, positions, operator sites, closures, functions) is
// passed in through tables.
//
// Semantics are the closures' own: the same operation weights and positions per statement
// and loop iteration, the same slow paths (operator sites, bool checks), the same evaluation
// and compilation order (compilation declares variables, so it must visit nodes in the same
// order as compileStmt/compileExpr).

import type { AssignStmt, BinaryExpr, CallExpr, Expr, ForStmt, IndexExpr, Stmt, VarExpr } from "../ast.ts";
import { RhaiError } from "../errors.ts";
import { indexGet, indexSet } from "../indexing.ts";
import type { Position } from "../errors.ts";
import { ITER_DONE, RMap, RRange, type Value, deepCopy } from "../value.ts";
import type { Compiler } from "./compiler.ts";
import { compileExpr, compileValue, isPlace, mismatch } from "./expr.ts";
import { COMPARISONS, intLit, plainSlot } from "./fast.ts";
import { BinarySite, OpAssignSite } from "./operators.ts";
import { type CompiledFn, type Ev, type Ex, type Frame, NORMAL, wrapInCall } from "./runtime.ts";
import { stackOverflow } from "../limits.ts";
import { hasStmtExpr } from "./scope.ts";
import { compileStmt } from "./stmt.ts";
import { mentions, mutableSlot, nodeCount } from "./codegen-scan.ts";
import { forSource } from "./for-loop.ts";
import { directForm } from "./codegen-direct.ts";
import { exprWeight, stmtStart, stmtWeight } from "./weights.ts";

/** Generated code on or off (REX_ENGINE_CODEGEN=0 turns it off; tests compare both). */
export const codegenSettings = { enabled: process.env.REX_ENGINE_CODEGEN !== "0" };

/** Bodies larger than this (AST nodes) stay closures: the JIT handles huge functions badly. */
const MAX_NODES = 4000;

/** Names the call compiler handles itself (engine-level functions, §3.9). */
const ENGINE_FNS = new Set(["type_of", "print", "debug", "Fn", "call", "curry", "is_def_fn", "is_def_var", "is_shared", "exit"]);

type Slow = (a: Value, b: Value) => Value;

class Gen {
  readonly P: (Position | undefined)[] = [];
  readonly S: Slow[] = [];
  readonly E: Ev[] = [];
  readonly X: Ex[] = [];
  readonly F: CompiledFn[] = [];
  readonly K: Value[] = [];
  readonly M: ((v: Value) => never)[] = [];
  /** `for` sources other than INT ranges: a next() function. */
  readonly N: ((v: Value) => () => Value)[] = [];
  /** Size-limit checks of stored values. */
  readonly Z: ((v: Value) => void)[] = [];
  /** Index stores that missed the inline array fast path. */
  readonly H: ((f: Frame, a: Value, i: Value, v: Value) => void)[] = [];
  temps = 0;
  label = 0;
  /** Labels of the generated loops enclosing the code being generated (innermost last). */
  readonly loops: string[] = [];
  constructor(readonly c: Compiler) {}

  t(): string {
    return `t${this.temps++}`;
  }
  pos(p: Position | undefined): number {
    this.P.push(p);
    return this.P.length - 1;
  }
  count(w: number, p: Position | undefined): string {
    return `if ((C.ops += ${w}) >= C.next) C.slow(P[${this.pos(p)}]);\n`;
  }

  // ---- statements ----

  /** Statements of a block in the current scope (the caller pushes/pops it). */
  /**
   * `need`: the block's value (f.v after its last statement) can be observed. Every statement
   * overwrites f.v, so only the last statement of a block whose value is needed stores it;
   * a loop body's value is never observed (the loop stores its own when it ends).
   */
  block(body: Stmt[], need: boolean): string {
    if (body.length === 0) return need ? "f.v = undefined;\n" : "";
    let out = "";
    body.forEach((s, i) => {
      out += this.count(stmtWeight(s), stmtStart(s)) + this.stmt(s, need && i === body.length - 1);
    });
    return out;
  }

  scoped(body: Stmt[], need: boolean): string {
    const c = this.c;
    c.scope.push();
    try {
      return this.block(body, need);
    } finally {
      c.scope.pop();
    }
  }

  stmt(s: Stmt, need: boolean): string {
    const c = this.c;
    const unit = need ? "f.v = undefined;\n" : "";
    switch (s.k) {
      case "expr": {
        const x = this.expr(s.expr);
        return need ? `f.v = ${x};\n` : `${x};\n`;
      }
      case "let": {
        if (s.exported !== undefined || c.rt.limits.maxVariables > 0) break;
        if (s.isConst && c.scope.isTop && c.scope.atOuterBlock) break;
        const init = s.init ? this.value(s.init) : "undefined";
        const slot = c.scope.declare(s.name, s.isConst).slot;
        return `s[${slot}] = ${init};\n${unit}`;
      }
      case "assign": {
        const t = s.target;
        if (t.k === "index") {
          const g = this.indexStore(s, unit);
          if (g !== undefined) return g;
          break;
        }
        if (t.k !== "var") break;
        const info = c.scope.lookup(t.name);
        if (!info || info.shared || info.module || info.isConst) break;
        const v = this.value(s.value);
        if (!c.rt.sizes.enabled) return `s[${info.slot}] = ${v};\n${unit}`;
        const tv = this.t();
        return `${tv} = ${v};\n${this.sizeCheck(tv, s.pos)}s[${info.slot}] = ${tv};\n${unit}`;
      }
      case "opassign": {
        const t = s.target;
        if (t.k !== "var") break;
        const info = c.scope.lookup(t.name);
        if (!info || info.shared || info.module || info.isConst) break;
        const v = this.value(s.value);
        const site = new OpAssignSite(c.reg, s.op, c.ctx(s.pos, s.op));
        this.S.push((x, y) => site.apply(x, y));
        const k = this.S.length - 1;
        const x = `s[${info.slot}]`;
        const a = this.t();
        const b = this.t();
        const r = this.t();
        // With size limits the new value is checked before it is stored (as place.modify).
        const store = c.rt.sizes.enabled ? `${this.sizeCheck(r, s.pos)}${x} = ${r};\n` : `${x} = ${r};\n`;
        if (s.op === "+" || s.op === "-" || s.op === "*") {
          const q = this.t();
          const res = s.op === "*" ? `(${q} === 0 ? 0 : ${q})` : q;
          const lit = intLit(s.value);
          if (lit !== undefined) {
            // `x op= INT-literal`: the literal inline (smaller code for the JIT).
            return (
              `${a} = ${x};\n` +
              `${r} = typeof ${a} === "number" && Number.isSafeInteger(${q} = ${a} ${s.op} ${v}) ? ${res} : S[${k}](${a}, ${v});\n` +
              store +
              unit
            );
          }
          return (
            `${b} = ${v};\n${a} = ${x};\n` +
            `${r} = typeof ${a} === "number" && typeof ${b} === "number" && Number.isSafeInteger(${q} = ${a} ${s.op} ${b}) ? ${res} : S[${k}](${a}, ${b});\n` +
            store +
            unit
          );
        }
        return `${b} = ${v};\n${r} = S[${k}](${x}, ${b});\n${store}${unit}`;
      }
      case "if": {
        const cond = this.cond(s.cond);
        const then = this.scoped(s.then, need);
        const els = s.else ? this.scoped(s.else, need) : unit;
        return `if (${cond}) {\n${then}} else {\n${els}}\n`;
      }
      case "while":
      case "loop": {
        if (hasStmtExpr(s.body) || (s.k === "while" && hasStmtExpr(s.cond))) break;
        const label = `L${this.label++}`;
        const weight = s.k === "while" ? 1 + exprWeight(s.cond) : 1;
        const head = this.count(weight, s.pos);
        const cond = s.k === "while" ? `if (!(${this.cond(s.cond)})) { ${unit}break ${label}; }\n` : "";
        this.loops.push(label);
        let body: string;
        try {
          body = this.scoped(s.body, false);
        } finally {
          this.loops.pop();
        }
        return `${label}: for (;;) {\n${head}${cond}${body}}\n`;
      }
      case "for": {
        const g = this.forLoop(s, unit);
        if (g !== undefined) return g;
        break;
      }
      case "break":
      case "continue": {
        const label = this.loops[this.loops.length - 1];
        if (label === undefined) break;
        if (s.k === "continue") return `continue ${label};\n`;
        const v = s.value ? this.value(s.value) : "undefined";
        return `f.v = ${v};\nbreak ${label};\n`;
      }
      case "return": {
        const v = s.value ? this.value(s.value) : "undefined";
        return `f.v = ${v};\nreturn 3;\n`;
      }
      case "block":
        return this.scoped(s.body, need);
    }
    // Anything else: the statement's closure, its completion code handled here.
    this.X.push(compileStmt(c, s));
    const k = this.X.length - 1;
    const code = this.t();
    const label = this.loops[this.loops.length - 1];
    if (label === undefined) return `if ((${code} = X[${k}](f)) !== 0) return ${code};\n`;
    return (
      `if ((${code} = X[${k}](f)) !== 0) {\n` +
      `if (${code} === 1) break ${label};\nif (${code} === 2) continue ${label};\nreturn ${code};\n}\n`
    );
  }

  /**
   * `for x in src { body }` (plain loop variable, no counter): INT ranges count inline; other
   * sources go through a `next()` made by forSource (the closure compiler's rules).
   */
  forLoop(s: ForStmt, unit: string): string | undefined {
    const c = this.c;
    if (s.counter !== undefined || hasStmtExpr(s.body)) return undefined;
    if (c.scope.captured.has(s.name)) return undefined;
    const src = this.expr(s.iterable);
    // A place is iterated over a copy, unless it is a plain variable the body never names
    // (then nothing can change it while the loop runs: it is not captured, and only code
    // in this body, or caller-scope calls, can reach it).
    const srcIsPlace = isPlace(s.iterable) && !(mutableSlot(c, s.iterable) && !mentions(s.body, (s.iterable as VarExpr).name));
    const ipos = s.iterable.pos;
    c.scope.push();
    let body: string;
    let xs: number;
    const label = `L${this.label++}`;
    try {
      xs = c.scope.declare(s.name, false).slot;
      this.loops.push(label);
      try {
        body = this.scoped(s.body, false);
      } finally {
        this.loops.pop();
      }
    } finally {
      c.scope.pop();
    }
    this.N.push((v) => forSource(v, srcIsPlace, ipos));
    const k = this.N.length - 1;
    const [ts, ti, te, tn, tv, ta] = [this.t(), this.t(), this.t(), this.t(), this.t(), this.t()];
    // Three modes: INT range (tn undefined), array (tn null; elements read inline), other (next()).
    const copy = srcIsPlace ? `${ts}.slice()` : ts;
    return (
      `${ts} = ${src};\ns[${xs}] = undefined;\n` +
      `if (${ts} instanceof RR && typeof ${ts}.start === "number" && typeof ${ts}.end === "number") {\n` +
      `${ti} = ${ts}.start; ${te} = ${ts}.inclusive ? ${ts}.end + 1 : ${ts}.end; ${tn} = undefined;\n` +
      `} else if (Array.isArray(${ts})) { ${ta} = ${copy}; ${ti} = 0; ${tn} = null; }\n` +
      `else ${tn} = N[${k}](${ts});\n` +
      `${label}: for (;;) {\n` +
      `if (${tn} === undefined) { if (${ti} >= ${te}) { ${unit}break; } ${tv} = ${ti}++; }\n` +
      `else if (${tn} === null) { if (${ti} >= ${ta}.length) { ${unit}break; } ${tv} = ${ta}[${ti}++]; if (typeof ${tv} === "object") ${tv} = DC(${tv}); }\n` +
      `else { ${tv} = ${tn}(); if (${tv} === DONE) { ${unit}break; } }\n` +
      this.count(1, s.pos) +
      `s[${xs}] = ${tv};\n${body}}\n`
    );
  }

  // ---- expressions ----

  /** An expression whose value is stored: values read from places are copied. */
  value(e: Expr): string {
    if (e.k === "var" || e.k === "index") {
      let read: string | undefined;
      if (e.k === "index") read = this.indexLoad(e);
      else {
        const slot = plainSlot(this.c, e);
        if (slot >= 0) read = `s[${slot}]`;
      }
      if (read !== undefined) {
        const t = this.t();
        return `(typeof (${t} = ${read}) === "object" ? DC(${t}) : ${t})`;
      }
    }
    if (isPlace(e)) return this.delegate(compileValue(this.c, e));
    return this.expr(e);
  }

  delegate(ev: Ev): string {
    this.E.push(ev);
    return `E[${this.E.length - 1}](f)`;
  }

  expr(e: Expr): string {
    const c = this.c;
    switch (e.k) {
      case "lit": {
        const v = e.value;
        if (typeof v === "number" && Number.isSafeInteger(v)) return v < 0 ? `(${String(v)})` : String(v);
        if (v === true || v === false) return String(v);
        if (typeof v === "string") {
          this.K.push(v);
          return `K[${this.K.length - 1}]`;
        }
        break;
      }
      case "var": {
        const slot = plainSlot(c, e);
        if (slot >= 0) return `s[${slot}]`;
        break;
      }
      case "binary": {
        if (!COMPARISONS.has(e.op) && e.op !== "+" && e.op !== "-" && e.op !== "*") break;
        const site = new BinarySite(c.reg, e.op, c.ctx(e.pos, e.op), c.rt.sizes.enabled ? c.rt.sizes : undefined);
        return this.binary(e, (a, b) => site.apply(a, b));
      }
      case "index": {
        const g = this.indexLoad(e);
        if (g !== undefined) return g;
        break;
      }
      case "call": {
        const g = this.call(e);
        if (g !== undefined) return g;
        break;
      }
    }
    return this.delegate(compileExpr(c, e));
  }

  /** `a op b` with the INT fast path inline and `slow` otherwise. */
  binary(e: BinaryExpr, slow: Slow): string {
    this.S.push(slow);
    const k = this.S.length - 1;
    // The right operand is compiled first (as the closure compiler does).
    const rl = intLit(e.right);
    const right = rl !== undefined ? "" : this.expr(e.right);
    const left = this.expr(e.left);
    const a = this.t();
    const b = rl !== undefined ? (rl < 0 ? `(${String(rl)})` : String(rl)) : this.t();
    const pre = rl !== undefined ? `${a} = ${left}, ` : `${a} = ${left}, ${b} = ${right}, `;
    const test = rl !== undefined ? `typeof ${a} === "number"` : `typeof ${a} === "number" && typeof ${b} === "number"`;
    if (COMPARISONS.has(e.op)) {
      const op = e.op === "==" ? "===" : e.op === "!=" ? "!==" : e.op;
      return `(${pre}${test} ? ${a} ${op} ${b} : S[${k}](${a}, ${b}))`;
    }
    const r = this.t();
    const res = e.op === "*" ? `(${r} === 0 ? 0 : ${r})` : r;
    return `(${pre}${test} && Number.isSafeInteger(${r} = ${a} ${e.op} ${b}) ? ${res} : S[${k}](${a}, ${b}))`;
  }

  /** A bool condition (`Data type incorrect: T (expecting bool)` at the condition). */
  cond(e: Expr): string {
    const c = this.c;
    const reg = c.reg;
    const pos = e.pos;
    if (e.k === "binary" && COMPARISONS.has(e.op)) {
      const site = new BinarySite(reg, e.op, c.ctx(e.pos, e.op), c.rt.sizes.enabled ? c.rt.sizes : undefined);
      return this.binary(e, (a, b) => {
        const v = site.apply(a, b);
        if (v === true || v === false) return v;
        throw mismatch(reg.typeName(v), "bool", pos);
      });
    }
    const x = this.expr(e);
    this.M.push((v) => {
      throw mismatch(reg.typeName(v), "bool", pos);
    });
    const t = this.t();
    return `((${t} = ${x}) === true || (${t} !== false && M[${this.M.length - 1}](${t})))`;
  }

  /**
   * The size-limit check of a stored value (place.set/modify): strings and containers only;
   * an error without a position gets the statement's (atPos in stmt.ts).
   */
  sizeCheck(v: string, pos: Position | undefined): string {
    const sizes = this.c.rt.sizes;
    this.Z.push((x) => {
      try {
        sizes.check(x);
      } catch (e) {
        if (e instanceof RhaiError && e.kind === "ErrorDataTooLarge") e.at(pos);
        throw e;
      }
    });
    return `if (typeof ${v} === "string" || typeof ${v} === "object") Z[${this.Z.length - 1}](${v});\n`;
  }

  /** `v[i]` on a plain variable: in-range array elements inline, indexGet otherwise. */
  indexLoad(e: IndexExpr): string | undefined {
    const c = this.c;
    if (e.nullSafe || e.target.k !== "var") return undefined;
    const info = c.scope.lookup(e.target.name);
    if (!info || info.shared || info.module) return undefined;
    const idx = this.expr(e.index);
    const reg = c.reg;
    const ctx = c.ctx(e.pos, "index$get");
    const idxPos = e.index.pos;
    const pos = e.pos;
    const onConst = info.isConst;
    this.S.push((t, i) => indexGet(reg, ctx, t, i, idxPos, pos, onConst));
    const k = this.S.length - 1;
    const a = this.t();
    const i = this.t();
    return `(${a} = s[${info.slot}], ${i} = ${idx}, Array.isArray(${a}) && typeof ${i} === "number" && ${i} >= 0 && ${i} < ${a}.length ? ${a}[${i}] : S[${k}](${a}, ${i}))`;
  }

  /** `v[i] = x` on a plain, non-constant variable; see assignIndexFast and the index place. */
  indexStore(s: AssignStmt, unit: string): string | undefined {
    const c = this.c;
    const t = s.target;
    if (t.k !== "index" || t.nullSafe || t.target.k !== "var") return undefined;
    const info = c.scope.lookup(t.target.name);
    if (!info || info.shared || info.module || info.isConst) return undefined;
    const value = this.value(s.value);
    const idx = this.expr(t.index);
    const reg = c.reg;
    const sctx = c.ctx(t.pos, "index$set");
    const idxPos = t.index.pos;
    const pos = t.pos;
    const slot = info.slot;
    const sizes = c.rt.sizes;
    const check = (x: Value): void => {
      try {
        sizes.check(x);
      } catch (e) {
        if (e instanceof RhaiError && e.kind === "ErrorDataTooLarge") e.at(s.pos);
        throw e;
      }
    };
    this.H.push((f, a, i, v) => {
      if (a instanceof RMap && typeof i === "string") {
        a.set(i, v);
        if (sizes.enabled) check(a);
        return;
      }
      const na = indexSet(reg, sctx, a, i, v, idxPos, pos, false);
      if (sizes.enabled) check(na);
      if (na !== a) f.s[slot] = na;
    });
    const k = this.H.length - 1;
    const tv = this.t();
    const ta = this.t();
    const ti = this.t();
    return (
      `${tv} = ${value};\n${ta} = s[${slot}];\n${ti} = ${idx};\n` +
      `if (Array.isArray(${ta}) && typeof ${ti} === "number" && ${ti} >= 0 && ${ti} < ${ta}.length) {\n${ta}[${ti}] = ${tv};\n${sizes.enabled ? this.sizeCheck(ta, s.pos) : ""}}\n` +
      `else H[${k}](f, ${ta}, ${ti}, ${tv});\n${unit}`
    );
  }

  /** A call of a script function known at compile time; undefined when not one. */
  call(e: CallExpr): string | undefined {
    const c = this.c;
    if (ENGINE_FNS.has(e.name) || e.callerScope) return undefined;
    const fn = c.fns.find(e.name, e.args.length);
    if (!fn) return undefined;
    this.F.push(fn);
    const k = this.F.length - 1;
    const pk = this.pos(e.pos);
    let args = "";
    for (const a of e.args) args += `, ${this.value(a)}`;
    return `F[${k}].invoke(P[${pk}]${args})`;
  }
}

/**
 * Generate a function or script body (statements in the current scope); undefined when the
 * body is too large, in which case the caller compiles it to closures.
 */
export function generateBody(c: Compiler, body: Stmt[], fn?: CompiledFn): Ex | undefined {
  if (body.length === 0 || nodeCount(body, MAX_NODES) > MAX_NODES) return undefined;
  const g = new Gen(c);
  const code = g.block(body, true);
  const temps = g.temps > 0 ? `let ${Array.from({ length: g.temps }, (_, i) => `t${i}`).join(", ")};\n` : "";
  const args = [c.rt.counter, g.P, g.S, g.E, g.X, g.F, g.K, g.M, c.rt, deepCopy, g.H, g.N, RRange, ITER_DONE, g.Z];
  if (fn !== undefined && g.E.length === 0 && g.X.length === 0 && g.H.length === 0) {
    const direct = directForm(c, fn, code, temps, g.F);
    if (direct !== undefined) {
      const made = (new Function(...PARAMS, "SO", "WRAP", "FN", direct) as (...a: unknown[]) => { body: DirectBody; call: Invoke })(
        ...args,
        stackOverflow,
        wrapInCall,
        fn,
      );
      fn.invoke = made.call;
      const inner = made.body;
      // Frame entry (callScript, pointers, methods): parameters from the slots.
      return (f) => {
        f.v = inner.apply(undefined, f.s);
        return NORMAL;
      };
    }
  }
  const src = `"use strict";\nreturn function generated(f) {\nconst s = f.s;\n${temps}${code}return 0;\n};`;
  if (process.env.REX_ENGINE_CODEGEN_DUMP) console.error(src);
  return (new Function(...PARAMS, src) as (...a: unknown[]) => Ex)(...args);
}

const PARAMS = ["C", "P", "S", "E", "X", "F", "K", "M", "R", "DC", "H", "N", "RR", "DONE", "Z"];

type DirectBody = (...slots: Value[]) => Value;
type Invoke = (pos: Position | undefined, ...args: Value[]) => Value;
