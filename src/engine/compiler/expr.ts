// Expressions → closures, specialised by node shape (variable/literal operands get inline
// INT fast paths; everything else goes through the operator sites).

import type { BinaryExpr, Expr, IndexExpr, PropExpr, UnaryExpr } from "../ast.ts";
import { type Position, RhaiError } from "../errors.ts";
import { toDisplay } from "../format.ts";
import { indexGet } from "../indexing.ts";
import { RMap, SharedCell, type Value, deepCopy } from "../value.ts";
import { compileCall, compileMethodCall, compileNsCall } from "./calls.ts";
import { compileClosure, fnPtrForName } from "./closures.ts";
import type { Compiler } from "./compiler.ts";
import { BinarySite, UnarySite } from "./operators.ts";
import { COMPARISONS, binaryByShape, siteSlow } from "./fast.ts";
import { propGet, rootIsConst } from "./places.ts";
import { moduleResolver } from "./modules.ts";
import { CtlSignal, type Ev, type Frame, NORMAL } from "./runtime.ts";
import { compileBlockBody, compileStmt } from "./stmt.ts";

/** Sentinel of a null-safe chain that met `()`: the rest of the chain is skipped. */
export const SHORT: unique symbol = Symbol("short");

export function mismatch(actual: string, expected: string, pos: Position | undefined): RhaiError {
  return new RhaiError("ErrorMismatchDataType", `Data type incorrect: ${actual} (expecting ${expected})`, pos).with({
    requested: expected,
    actual,
  });
}

export function varNotFound(name: string, pos: Position | undefined): RhaiError {
  return new RhaiError("ErrorVariableNotFound", `Variable not found: ${name}`, pos).with({ variable: name });
}

/** Expressions whose value is read from a place (and so must be copied when stored). */
export function isPlace(e: Expr): boolean {
  return e.k === "var" || e.k === "this" || e.k === "index" || e.k === "prop" || e.k === "nsvar";
}

/** Compile an expression whose value will be stored: copies values read from places. */
export function compileValue(c: Compiler, e: Expr): Ev {
  const ev = compileExpr(c, e);
  if (!isPlace(e)) return ev;
  return (f) => {
    const v = ev(f);
    return typeof v === "object" ? deepCopy(v) : v;
  };
}

export function compileExpr(c: Compiler, e: Expr): Ev {
  switch (e.k) {
    case "lit": {
      const v = e.value;
      if (typeof v === "object" && v !== null) return () => deepCopy(v);
      return () => v;
    }
    case "interp":
      return compileInterp(c, e.parts, e.pos);
    case "array": {
      const items = e.items.map((x) => compileValue(c, x));
      const sizes = c.rt.sizes;
      const pos = e.pos;
      return (f) => {
        const a = new Array<Value>(items.length);
        for (let i = 0; i < items.length; i++) a[i] = items[i]!(f);
        if (sizes.enabled) sizes.check(a, pos);
        return a;
      };
    }
    case "map": {
      const keys = e.entries.map((x) => x.key);
      const vals = e.entries.map((x) => compileValue(c, x.value));
      const sizes = c.rt.sizes;
      const pos = e.pos;
      return (f) => {
        const m = new RMap();
        for (let i = 0; i < keys.length; i++) m.set(keys[i]!, vals[i]!(f));
        if (sizes.enabled) sizes.check(m, pos);
        return m;
      };
    }
    case "var":
      return compileVar(c, e.name, e.pos);
    case "this": {
      const pos = e.pos;
      if (c.noThis > 0) return () => {
        throw new RhaiError("ErrorUnboundThis", "'this' not bound", pos);
      };
      return (f) => {
        if (!f.hasThis) throw new RhaiError("ErrorUnboundThis", "'this' not bound", pos);
        return f.thisv;
      };
    }
    case "nsvar":
      return compileNsVar(c, e.path, e.name, e.pos);
    case "unary":
      return compileUnary(c, e);
    case "binary":
      return compileBinary(c, e);
    case "and":
    case "or": {
      const args = e.args.map((a) => compileExpr(c, a));
      const poss = e.args.map((a) => a.pos);
      const isAnd = e.k === "and";
      const reg = c.reg;
      return (f) => {
        for (let i = 0; i < args.length; i++) {
          const v = args[i]!(f);
          if (v === !isAnd) return v;
          if (v !== isAnd) throw mismatch(reg.typeName(v), "bool", poss[i]);
        }
        return isAnd;
      };
    }
    case "coalesce": {
      const args = e.args.map((a) => compileExpr(c, a));
      return (f) => {
        let v: Value;
        for (let i = 0; i < args.length; i++) {
          v = args[i]!(f);
          if (v !== undefined) return v;
        }
        return undefined;
      };
    }
    case "index":
    case "prop":
    case "method": {
      const ev = compileChain(c, e);
      if (!chainHasNullSafe(e)) return ev;
      return (f) => {
        const v = ev(f);
        return v === SHORT ? undefined : v;
      };
    }
    case "call":
      return compileCall(c, e);
    case "nscall":
      return compileNsCall(c, e);
    case "fn":
      return compileClosure(c, e);
    case "block": {
      c.scope.push();
      const body = compileBlockBody(c, e.body);
      c.scope.pop();
      return (f) => {
        const code = body(f);
        if (code !== NORMAL) throw new CtlSignal(code, f.v);
        return f.v;
      };
    }
    case "stmt": {
      const s = compileStmt(c, e.stmt);
      return (f) => {
        f.v = undefined;
        const code = s(f);
        if (code !== NORMAL) throw new CtlSignal(code, f.v);
        return f.v;
      };
    }
  }
}

function chainHasNullSafe(e: Expr): boolean {
  while (e.k === "index" || e.k === "prop" || e.k === "method") {
    if (e.nullSafe) return true;
    e = e.target;
  }
  return false;
}

/** A postfix chain step; may return SHORT (null-safe short-circuit). */
export function compileChain(c: Compiler, e: Expr): Ev {
  if (e.k === "method") return compileMethodCall(c, e);
  if (e.k === "index") return compileIndex(c, e);
  if (e.k === "prop") return compileProp(c, e);
  return compileExpr(c, e);
}

function compileIndex(c: Compiler, e: IndexExpr): Ev {
  const target = compileChain(c, e.target);
  const index = compileExpr(c, e.index);
  const reg = c.reg;
  const ctx = c.ctx(e.pos, "index$get");
  const idxPos = e.index.pos;
  const pos = e.pos;
  const nullSafe = e.nullSafe;
  const onConst = rootIsConst(c, e);
  return (f) => {
    const t = target(f);
    if (t === SHORT || (nullSafe && t === undefined)) return SHORT;
    const i = index(f);
    if (Array.isArray(t) && typeof i === "number" && i >= 0 && i < t.length) return t[i];
    return indexGet(reg, ctx, t, i, idxPos, pos, onConst);
  };
}

function compileProp(c: Compiler, e: PropExpr): Ev {
  const target = compileChain(c, e.target);
  const name = e.name;
  const get = propGet(c, name, e.pos, rootIsConst(c, e));
  const nullSafe = e.nullSafe;
  return (f) => {
    const t = target(f);
    if (t === SHORT || (nullSafe && t === undefined)) return SHORT;
    if (t instanceof RMap) return t.get(name);
    return get(t);
  };
}

export function compileVar(c: Compiler, name: string, pos: Position | undefined): Ev {
  const info = c.scope.lookup(name);
  if (!info || info.module) {
    if (c.isScriptFnName(name)) return fnPtrForName(name);
    return () => {
      throw varNotFound(name, pos);
    };
  }
  const slot = info.slot;
  if (info.shared) {
    return (f) => {
      const v = f.s[slot];
      return v instanceof SharedCell ? v.v : v;
    };
  }
  return (f) => f.s[slot];
}

function compileNsVar(c: Compiler, path: string[], name: string, pos: Position | undefined): Ev {
  const full = `${path.join("::")}::${name}`;
  if (path.length === 1 && path[0] === "global") {
    const rt = c.rt;
    return () => {
      if (!rt.globals.has(name)) throw varNotFound(full, pos);
      return rt.globals.get(name);
    };
  }
  const stat = c.reg.modules.get(path[0]!);
  if (stat) {
    let m = stat;
    for (const p of path.slice(1)) {
      const sub = m.submodules.get(p);
      if (!sub) return () => {
        throw varNotFound(full, pos);
      };
      m = sub;
    }
    return () => {
      if (!m.constants.has(name)) throw varNotFound(full, pos);
      return m.constants.get(name);
    };
  }
  const resolve = moduleResolver(c, path);
  return (f) => {
    const m = resolve(f);
    if (!m || !m.vars.has(name)) throw varNotFound(full, pos);
    return m.vars.get(name);
  };
}

function compileUnary(c: Compiler, e: UnaryExpr): Ev {
  const arg = compileExpr(c, e.arg);
  const site = new UnarySite(c.reg, e.op, c.ctx(e.pos, e.op));
  if (e.op === "!") {
    return (f) => {
      const v = arg(f);
      return v === true ? false : v === false ? true : site.apply(v);
    };
  }
  if (e.op === "-") {
    return (f) => {
      const v = arg(f);
      if (typeof v === "number") return v === 0 ? 0 : -v;
      return site.apply(v);
    };
  }
  return (f) => site.apply(arg(f));
}

function compileBinary(c: Compiler, e: BinaryExpr): Ev {
  const site = new BinarySite(c.reg, e.op, c.ctx(e.pos, e.op), c.rt.sizes.enabled ? c.rt.sizes : undefined);
  const fast = binaryByShape(c, e, siteSlow(site), (x) => compileExpr(c, x));
  if (fast) return fast;
  const right = compileExpr(c, e.right);
  const left = compileExpr(c, e.left);
  return (f) => {
    const a = left(f);
    return site.apply(a, right(f));
  };
}

/**
 * A condition (`if`, `while`, `do`): must be a bool (`Data type incorrect: T (expecting
 * bool)` at the condition). Comparisons fuse the check into their slow path.
 */
export function compileCond(c: Compiler, e: Expr): Ev {
  const pos = e.pos;
  const reg = c.reg;
  if (e.k === "binary" && COMPARISONS.has(e.op)) {
    const site = new BinarySite(c.reg, e.op, c.ctx(e.pos, e.op), c.rt.sizes.enabled ? c.rt.sizes : undefined);
    const slow = (a: Value, b: Value): Value => {
      const v = site.apply(a, b);
      if (v === true || v === false) return v;
      throw mismatch(reg.typeName(v), "bool", pos);
    };
    const fast = binaryByShape(c, e, slow, (x) => compileExpr(c, x));
    if (fast) return fast;
  }
  const ev = compileExpr(c, e);
  return (f) => {
    const v = ev(f);
    if (v === true || v === false) return v;
    throw mismatch(reg.typeName(v), "bool", pos);
  };
}

function compileInterp(c: Compiler, parts: (string | import("../ast.ts").Stmt[])[], pos: Position): Ev {
  const evs: Ev[] = parts.map((p) => {
    if (typeof p === "string") return () => p;
    c.scope.push();
    const body = compileBlockBody(c, p);
    c.scope.pop();
    return (f: Frame) => {
      f.v = undefined;
      const code = body(f);
      if (code !== NORMAL) throw new CtlSignal(code, f.v);
      const v = f.v;
      return typeof v === "string" ? v : toDisplay(v);
    };
  });
  const sizes = c.rt.sizes;
  return (f) => {
    let s = "";
    for (let i = 0; i < evs.length; i++) s += evs[i]!(f) as string;
    if (sizes.enabled) sizes.check(s, pos);
    return s;
  };
}
