// Fused closures for the commonest assignment statements on plain variables (used when a body
// is compiled to closures; generated code has its own forms in codegen.ts): `v[i] = x` and
// `x op= INT-literal` / `x op= y` for `+ - *`, updating slots and containers in place.

import type { AssignStmt, OpAssignStmt } from "../ast.ts";
import { indexSet } from "../indexing.ts";
import { RMap, deepCopy } from "../value.ts";
import type { Compiler } from "./compiler.ts";
import { compileExpr, compileValue } from "./expr.ts";
import { intLit, plainSlot } from "./fast.ts";
import type { OpAssignSite } from "./operators.ts";
import { type Ex, NORMAL } from "./runtime.ts";

/**
 * `v[i] = x` on a plain, non-constant variable (no size limits): in-range array elements and
 * string-keyed map properties are stored directly; other cases go through indexSet with the
 * values already evaluated (value, then container, then index, as the general path does).
 */
export function assignIndexFast(c: Compiler, s: AssignStmt): Ex | undefined {
  const t = s.target;
  if (t.k !== "index" || t.nullSafe || c.rt.sizes.enabled || t.target.k !== "var") return undefined;
  const info = c.scope.lookup(t.target.name);
  if (!info || info.shared || info.module || info.isConst) return undefined;
  const value = compileValue(c, s.value);
  const slot = info.slot;
  const index = compileExpr(c, t.index);
  const reg = c.reg;
  const sctx = c.ctx(t.pos, "index$set");
  const idxPos = t.index.pos;
  const pos = t.pos;
  return (f) => {
    const v = value(f);
    const a = f.s[slot];
    const i = index(f);
    if (Array.isArray(a)) {
      if (typeof i === "number" && i >= 0 && i < a.length) {
        a[i] = v;
        f.v = undefined;
        return NORMAL;
      }
    } else if (a instanceof RMap && typeof i === "string") {
      a.set(i, v);
      f.v = undefined;
      return NORMAL;
    }
    const na = indexSet(reg, sctx, a, i, v, idxPos, pos, false);
    if (na !== a) f.s[slot] = na;
    f.v = undefined;
    return NORMAL;
  };
}

/** `x op= INT-literal` and `x op= y` (plain variables) for `+ - *`: slots updated in place. */
export function opAssignFast(c: Compiler, s: OpAssignStmt, slot: number, site: OpAssignSite): Ex | undefined {
  const op = s.op;
  if (op !== "+" && op !== "-" && op !== "*") return undefined;
  const lit = intLit(s.value);
  if (lit !== undefined) {
    if (op === "+") {
      return (f) => {
        const x = f.s[slot];
        if (typeof x === "number") {
          const r = x + lit;
          if (Number.isSafeInteger(r)) {
            f.s[slot] = r;
            f.v = undefined;
            return NORMAL;
          }
        }
        f.s[slot] = site.apply(x, lit);
        f.v = undefined;
        return NORMAL;
      };
    }
    if (op === "-") {
      return (f) => {
        const x = f.s[slot];
        if (typeof x === "number") {
          const r = x - lit;
          if (Number.isSafeInteger(r)) {
            f.s[slot] = r;
            f.v = undefined;
            return NORMAL;
          }
        }
        f.s[slot] = site.apply(x, lit);
        f.v = undefined;
        return NORMAL;
      };
    }
    return undefined;
  }
  const y = plainSlot(c, s.value);
  if (y < 0) return undefined;
  // The right-hand side is read from a place: copied when it is not a number (value semantics).
  switch (op) {
    case "+":
      return (f) => {
        const b = f.s[y];
        const a = f.s[slot];
        if (typeof a === "number" && typeof b === "number") {
          const r = a + b;
          if (Number.isSafeInteger(r)) {
            f.s[slot] = r;
            f.v = undefined;
            return NORMAL;
          }
        }
        f.s[slot] = site.apply(a, typeof b === "object" ? deepCopy(b) : b);
        f.v = undefined;
        return NORMAL;
      };
    case "-":
      return (f) => {
        const b = f.s[y];
        const a = f.s[slot];
        if (typeof a === "number" && typeof b === "number") {
          const r = a - b;
          if (Number.isSafeInteger(r)) {
            f.s[slot] = r;
            f.v = undefined;
            return NORMAL;
          }
        }
        f.s[slot] = site.apply(a, typeof b === "object" ? deepCopy(b) : b);
        f.v = undefined;
        return NORMAL;
      };
  }
  return undefined;
}

