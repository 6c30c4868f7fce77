// Shape-specialised closures for the hottest expression forms: INT arithmetic and comparisons
// whose operands are plain variables (read straight from their slot) or INT literals, and
// conditions (`if`/`while`/`do`) that fuse the comparison with the bool check. Each closure
// tests `typeof === "number"` inline and falls back to the operator site (exact INT overflow,
// bigints, floats, strings, library operators) otherwise, so behaviour is unchanged.
//
// Every (shape, operator) pair is its own closure so the JIT sees one monomorphic body per
// site kind instead of one closure calling operand closures through megamorphic calls.

import type { BinaryExpr, Expr } from "../ast.ts";
import type { Value } from "../value.ts";
import type { Compiler } from "./compiler.ts";
import type { BinarySite } from "./operators.ts";
import type { Ev, Frame } from "./runtime.ts";

export const COMPARISONS: ReadonlySet<string> = new Set(["<", "<=", ">", ">=", "==", "!="]);

/** The slot of a plain (not captured, not module, resolved) variable, or -1. */
export function plainSlot(c: Compiler, e: Expr): number {
  if (e.k !== "var") return -1;
  const info = c.scope.lookup(e.name);
  return info && !info.shared && !info.module ? info.slot : -1;
}

/** An INT literal held as a JS number, or undefined. */
export function intLit(e: Expr): number | undefined {
  return e.k === "lit" && typeof e.value === "number" ? e.value : undefined;
}

/** `slow(a, b)`: the general operator (bool-checked for conditions). */
type Slow = (a: Value, b: Value) => Value;

/** var OP var: both operands read straight from their slots. */
export function varVar(op: string, x: number, y: number, slow: Slow): Ev | undefined {
  switch (op) {
    case "+":
      return (f) => {
        const a = f.s[x];
        const b = f.s[y];
        if (typeof a === "number" && typeof b === "number") {
          const r = a + b;
          if (Number.isSafeInteger(r)) return r;
        }
        return slow(a, b);
      };
    case "-":
      return (f) => {
        const a = f.s[x];
        const b = f.s[y];
        if (typeof a === "number" && typeof b === "number") {
          const r = a - b;
          if (Number.isSafeInteger(r)) return r;
        }
        return slow(a, b);
      };
    case "*":
      return (f) => {
        const a = f.s[x];
        const b = f.s[y];
        if (typeof a === "number" && typeof b === "number") {
          const r = a * b;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
        }
        return slow(a, b);
      };
    case "<":
      return (f) => {
        const a = f.s[x];
        const b = f.s[y];
        return typeof a === "number" && typeof b === "number" ? a < b : slow(a, b);
      };
    case "<=":
      return (f) => {
        const a = f.s[x];
        const b = f.s[y];
        return typeof a === "number" && typeof b === "number" ? a <= b : slow(a, b);
      };
    case ">":
      return (f) => {
        const a = f.s[x];
        const b = f.s[y];
        return typeof a === "number" && typeof b === "number" ? a > b : slow(a, b);
      };
    case ">=":
      return (f) => {
        const a = f.s[x];
        const b = f.s[y];
        return typeof a === "number" && typeof b === "number" ? a >= b : slow(a, b);
      };
    case "==":
      return (f) => {
        const a = f.s[x];
        const b = f.s[y];
        return typeof a === "number" && typeof b === "number" ? a === b : slow(a, b);
      };
    case "!=":
      return (f) => {
        const a = f.s[x];
        const b = f.s[y];
        return typeof a === "number" && typeof b === "number" ? a !== b : slow(a, b);
      };
  }
  return undefined;
}

/** var OP INT-literal. */
export function varLit(op: string, x: number, lit: number, slow: Slow): Ev | undefined {
  switch (op) {
    case "+":
      return (f) => {
        const a = f.s[x];
        if (typeof a === "number") {
          const r = a + lit;
          if (Number.isSafeInteger(r)) return r;
        }
        return slow(a, lit);
      };
    case "-":
      return (f) => {
        const a = f.s[x];
        if (typeof a === "number") {
          const r = a - lit;
          if (Number.isSafeInteger(r)) return r;
        }
        return slow(a, lit);
      };
    case "*":
      return (f) => {
        const a = f.s[x];
        if (typeof a === "number") {
          const r = a * lit;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
        }
        return slow(a, lit);
      };
    case "<":
      return (f) => {
        const a = f.s[x];
        return typeof a === "number" ? a < lit : slow(a, lit);
      };
    case "<=":
      return (f) => {
        const a = f.s[x];
        return typeof a === "number" ? a <= lit : slow(a, lit);
      };
    case ">":
      return (f) => {
        const a = f.s[x];
        return typeof a === "number" ? a > lit : slow(a, lit);
      };
    case ">=":
      return (f) => {
        const a = f.s[x];
        return typeof a === "number" ? a >= lit : slow(a, lit);
      };
    case "==":
      return (f) => {
        const a = f.s[x];
        return typeof a === "number" ? a === lit : slow(a, lit);
      };
    case "!=":
      return (f) => {
        const a = f.s[x];
        return typeof a === "number" ? a !== lit : slow(a, lit);
      };
  }
  return undefined;
}

/** Any operands (closures), evaluated left then right. */
export function anyAny(op: string, left: Ev, right: Ev, slow: Slow): Ev | undefined {
  switch (op) {
    case "+":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") {
          const r = a + b;
          if (Number.isSafeInteger(r)) return r;
        }
        return slow(a, b);
      };
    case "-":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") {
          const r = a - b;
          if (Number.isSafeInteger(r)) return r;
        }
        return slow(a, b);
      };
    case "*":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") {
          const r = a * b;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
        }
        return slow(a, b);
      };
    case "<":
      return (f) => {
        const a = left(f);
        const b = right(f);
        return typeof a === "number" && typeof b === "number" ? a < b : slow(a, b);
      };
    case "<=":
      return (f) => {
        const a = left(f);
        const b = right(f);
        return typeof a === "number" && typeof b === "number" ? a <= b : slow(a, b);
      };
    case ">":
      return (f) => {
        const a = left(f);
        const b = right(f);
        return typeof a === "number" && typeof b === "number" ? a > b : slow(a, b);
      };
    case ">=":
      return (f) => {
        const a = left(f);
        const b = right(f);
        return typeof a === "number" && typeof b === "number" ? a >= b : slow(a, b);
      };
    case "==":
      return (f) => {
        const a = left(f);
        const b = right(f);
        return typeof a === "number" && typeof b === "number" ? a === b : slow(a, b);
      };
    case "!=":
      return (f) => {
        const a = left(f);
        const b = right(f);
        return typeof a === "number" && typeof b === "number" ? a !== b : slow(a, b);
      };
  }
  return undefined;
}

/**
 * A binary expression by shape: var/var, var/literal or general operands. `slow` is the
 * operator site (plus the bool check for conditions). `compile` compiles an operand.
 */
export function binaryByShape(c: Compiler, e: BinaryExpr, slow: Slow, compile: (x: Expr) => Ev): Ev | undefined {
  const x = plainSlot(c, e.left);
  if (x >= 0) {
    const lit = intLit(e.right);
    if (lit !== undefined) return varLit(e.op, x, lit, slow);
    const y = plainSlot(c, e.right);
    if (y >= 0) return varVar(e.op, x, y, slow);
  }
  if (!COMPARISONS.has(e.op) && e.op !== "+" && e.op !== "-" && e.op !== "*") return undefined;
  // The right operand is compiled first (as the general path always did).
  const right = compile(e.right);
  return anyAny(e.op, compile(e.left), right, slow);
}

/** The operator site as a `Slow` function (bound once at compile time). */
export function siteSlow(site: BinarySite): Slow {
  return (a, b) => site.apply(a, b);
}

export type { Frame };
