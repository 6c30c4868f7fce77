// Assignable places (§2.4): a variable or `this`, then index/property steps. A place can be
// read by reference, written, and modified in one pass (the index is evaluated once).

import type { Expr, LValue } from "../ast.ts";
import { type Position, RhaiError } from "../errors.ts";
import { indexGet, indexSet } from "../indexing.ts";
import { RBlob, RMap, SharedCell, type Value } from "../value.ts";
import type { Compiler } from "./compiler.ts";
import { compileExpr, varNotFound } from "./expr.ts";
import { SiteCache, callNative } from "./operators.ts";
import type { Frame } from "./runtime.ts";

export interface Place {
  get(f: Frame): Value;
  set(f: Frame, v: Value): void;
  /** Apply `fn` to the current value and store the result. */
  modify(f: Frame, fn: (old: Value) => Value): void;
  /** The root is a constant variable (writes fail with `Cannot modify constant X`). */
  readonly rootConst: boolean;
  readonly rootName: string;
  /** Null-safe step met `()`: get returns undefined and writes do nothing. */
}

export function constError(name: string, pos: Position | undefined): RhaiError {
  return new RhaiError("ErrorAssignmentToConstant", `Cannot modify constant ${name}`, pos).with({ variable: name });
}

/** Is this expression a place rooted at a variable or `this`? */
export function isRootedPlace(e: Expr): e is LValue {
  while (e.k === "index" || e.k === "prop") e = e.target;
  return e.k === "var" || e.k === "this";
}

function nonPure(msg: string, fn: string, pos: Position | undefined): RhaiError {
  return new RhaiError("ErrorNonPureMethodCallOnConstant", msg, pos).with({ function: fn });
}

/** Is the root of this index/property chain a constant variable? */
export function rootIsConst(c: Compiler, e: Expr): boolean {
  while (e.k === "index" || e.k === "prop") e = e.target;
  if (e.k !== "var") return false;
  const info = c.scope.lookup(e.name);
  return info !== undefined && info.isConst && !info.module;
}

/**
 * Property read on a non-map value through its getter (`get$name`). `onConst`: the value is
 * (inside) a constant, where a non-pure getter is refused (§12.2).
 */
export function propGet(c: Compiler, name: string, pos: Position | undefined, onConst = false): (t: Value) => Value {
  const reg = c.reg;
  const cache = new SiteCache(reg, `get$${name}`);
  const ctx = c.ctx(pos, name);
  return (t) => {
    if (t instanceof RMap) return t.get(name);
    const args = [t];
    const e = cache.resolve(args);
    if (!e) {
      const msg = `Unknown property '${name}' - a getter is not registered for type '${reg.typeName(t)}'`;
      throw new RhaiError("ErrorDotExpr", msg, pos).with({ property: msg });
    }
    if (onConst && e.rejectOnConst) throw nonPure(`Non-pure property ${name} cannot be accessed on constant`, name, pos);
    return callNative(e, ctx, args);
  };
}

function propSet(c: Compiler, name: string, pos: Position | undefined, onConst: boolean, rootName: string, rootPos: Position | undefined): (t: Value, v: Value) => Value {
  const reg = c.reg;
  const cache = new SiteCache(reg, `set$${name}`);
  const ctx = c.ctx(pos, name);
  return (t, v) => {
    if (t instanceof RMap) {
      if (onConst) throw constError(rootName, rootPos);
      t.set(name, v);
      return t;
    }
    const args = [t, v];
    const e = cache.resolve(args);
    if (!e) {
      const msg = `No writable property '${name}' - a setter is not registered for type '${reg.typeName(t)}' to handle '${reg.typeName(v)}'`;
      throw new RhaiError("ErrorDotExpr", msg, pos).with({ property: msg });
    }
    if (onConst) throw nonPure(`Cannot modify property '${name}' of constant`, name, pos);
    callNative(e, ctx, args);
    return args[0];
  };
}

export function compilePlace(c: Compiler, e: LValue): Place {
  switch (e.k) {
    case "var": {
      const info = c.scope.lookup(e.name);
      const name = e.name;
      const pos = e.pos;
      if (!info || info.module) {
        const fail = (): never => {
          throw varNotFound(name, pos);
        };
        return { get: fail, set: fail, modify: fail, rootConst: false, rootName: name };
      }
      const slot = info.slot;
      const isConst = info.isConst;
      const sizes = c.rt.sizes;
      const guard = (): void => {
        if (isConst) throw constError(name, pos);
      };
      if (info.shared) {
        return {
          get: (f) => {
            const v = f.s[slot];
            return v instanceof SharedCell ? v.v : v;
          },
          set: (f, v) => {
            guard();
            if (sizes.enabled) sizes.check(v);
            const cell = f.s[slot];
            if (cell instanceof SharedCell) cell.v = v;
            else f.s[slot] = v;
          },
          modify: (f, fn) => {
            guard();
            const cell = f.s[slot];
            if (cell instanceof SharedCell) cell.v = fn(cell.v);
            else f.s[slot] = fn(cell);
            if (sizes.enabled) sizes.check(f.s[slot]);
          },
          rootConst: isConst,
          rootName: name,
        };
      }
      return {
        get: (f) => f.s[slot],
        set: (f, v) => {
          guard();
          if (sizes.enabled) sizes.check(v);
          f.s[slot] = v;
        },
        modify: (f, fn) => {
          guard();
          const nv = fn(f.s[slot]);
          if (sizes.enabled) sizes.check(nv);
          f.s[slot] = nv;
        },
        rootConst: isConst,
        rootName: name,
      };
    }
    case "this": {
      const pos = e.pos;
      const unbound = c.noThis > 0;
      const check = (f: Frame): void => {
        if (unbound || !f.hasThis) throw new RhaiError("ErrorUnboundThis", "'this' not bound", pos);
      };
      return {
        get: (f) => {
          check(f);
          return f.thisv;
        },
        set: (f, v) => {
          check(f);
          f.thisv = v;
        },
        modify: (f, fn) => {
          check(f);
          f.thisv = fn(f.thisv);
        },
        rootConst: false,
        rootName: "this",
      };
    }
    case "index": {
      const target = compilePlace(c, e.target as LValue);
      const index = compileExpr(c, e.index);
      const reg = c.reg;
      const gctx = c.ctx(e.pos, "index$get");
      const sctx = c.ctx(e.pos, "index$set");
      const idxPos = e.index.pos;
      const pos = e.pos;
      const nullSafe = e.nullSafe;
      const rootConst = target.rootConst;
      const rootName = target.rootName;
      const rootPos = rootPosOf(e);
      const sizes = c.rt.sizes;
      // Built-in containers of a constant: `Cannot modify constant X` (§2.3); registered
      // indexers refuse a constant themselves (`Cannot assign to indexer of constant`).
      const guard = (t: Value): void => {
        if (rootConst && isBuiltinIndexable(t)) throw constError(rootName, rootPos);
      };
      return {
        get: (f) => {
          const t = target.get(f);
          if (nullSafe && t === undefined) return undefined;
          return indexGet(reg, gctx, t, index(f), idxPos, pos, rootConst);
        },
        set: (f, v) => {
          const t = target.get(f);
          if (nullSafe && t === undefined) return;
          guard(t);
          const i = index(f);
          // In-range array element and string-keyed map property: stored in place.
          if (Array.isArray(t)) {
            if (typeof i === "number" && i >= 0 && i < t.length) {
              t[i] = v;
              if (sizes.enabled) sizes.check(t);
              return;
            }
          } else if (t instanceof RMap && typeof i === "string") {
            t.set(i, v);
            if (sizes.enabled) sizes.check(t);
            return;
          }
          const nt = indexSet(reg, sctx, t, i, v, idxPos, pos, rootConst);
          if (nt !== t) target.set(f, nt);
          else if (c.rt.sizes.enabled) c.rt.sizes.check(nt);
        },
        modify: (f, fn) => {
          const t = target.get(f);
          if (nullSafe && t === undefined) return;
          guard(t);
          const i = index(f);
          const old = indexGet(reg, gctx, t, i, idxPos, pos, rootConst);
          const nt = indexSet(reg, sctx, t, i, fn(old), idxPos, pos, rootConst);
          if (nt !== t) target.set(f, nt);
          else if (c.rt.sizes.enabled) c.rt.sizes.check(nt);
        },
        rootConst,
        rootName,
      };
    }
    case "prop": {
      const target = compilePlace(c, e.target as LValue);
      const rootConst = target.rootConst;
      const rootName = target.rootName;
      const rootPos = rootPosOf(e);
      const get = propGet(c, e.name, e.pos, rootConst);
      const set = propSet(c, e.name, e.pos, rootConst, rootName, rootPos);
      const nullSafe = e.nullSafe;
      return {
        get: (f) => {
          const t = target.get(f);
          if (nullSafe && t === undefined) return undefined;
          return get(t);
        },
        set: (f, v) => {
          const t = target.get(f);
          if (nullSafe && t === undefined) return;
          const nt = set(t, v);
          if (nt !== t || !(t instanceof RMap)) target.set(f, nt);
          else if (c.rt.sizes.enabled) c.rt.sizes.check(nt);
        },
        modify: (f, fn) => {
          const t = target.get(f);
          if (nullSafe && t === undefined) return;
          if (rootConst && t instanceof RMap) throw constError(rootName, rootPos);
          const nt = set(t, fn(get(t)));
          if (nt !== t || !(t instanceof RMap)) target.set(f, nt);
          else if (c.rt.sizes.enabled) c.rt.sizes.check(nt);
        },
        rootConst,
        rootName,
      };
    }
  }
}

function rootPosOf(e: Expr): Position | undefined {
  while (e.k === "index" || e.k === "prop") e = e.target;
  return e.pos;
}

/** Values whose indexing is built in (§9.2), as opposed to registered indexers. */
function isBuiltinIndexable(t: Value): boolean {
  const k = typeof t;
  return k === "string" || k === "number" || k === "bigint" || Array.isArray(t) || t instanceof RMap || t instanceof RBlob;
}
