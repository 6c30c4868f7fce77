// Standard library: arithmetic (rhai-stdlib.md §3) and logic / min / max (§8). Also registers
// the bit-field (§7, bits.ts) and math (§9, math.ts) packages.

import { RhaiError } from "../errors.ts";
import type { Registry } from "../registry.ts";
import { type INT, INT_MIN, RFloat, type Value, intFromBig } from "../value.ts";
import { register as registerBits } from "./bits.ts";
import { register as registerMath } from "./math.ts";

const NEG_MIN_MESSAGE = "Negation overflow: --9223372036854775808";

/** `-a` for INT (checked: INT minimum has no negation). */
export function intNegate(v: INT): INT {
  if (typeof v === "number") return v === 0 ? 0 : -v;
  if (v === INT_MIN) throw new RhaiError("ErrorArithmetic", NEG_MIN_MESSAGE);
  return intFromBig(-v);
}

export function intAbs(v: INT): INT {
  if (typeof v === "number") return v < 0 ? -v : v;
  return v < 0n ? intNegate(v) : v;
}

export function intSign(v: INT): INT {
  if (typeof v === "number") return v > 0 ? 1 : v < 0 ? -1 : 0;
  return v > 0n ? 1 : -1;
}

function isOdd(v: INT): boolean {
  return typeof v === "number" ? v % 2 !== 0 : (v & 1n) === 1n;
}

/** INT as a FLOAT (nearest double). */
export function intToFloat(v: INT): number {
  return typeof v === "number" ? v : Number(v);
}

function intLess(a: INT, b: INT): boolean {
  return a < b; // JS compares number/bigint mixes exactly
}

export function register(reg: Registry): void {
  // §3 prefix operators.
  reg.fn("-", ["int"], (_c, a) => intNegate(a[0] as INT));
  reg.fn("+", ["int"], (_c, a) => a[0]);
  reg.fn("-", ["float"], (_c, a) => new RFloat(-(a[0] as RFloat).v));
  reg.fn("+", ["float"], (_c, a) => a[0]);

  // §3 named functions.
  reg.fn("abs", ["int"], (_c, a) => intAbs(a[0] as INT));
  reg.fn("abs", ["float"], (_c, a) => new RFloat(Math.abs((a[0] as RFloat).v)));
  reg.fn("sign", ["int"], (_c, a) => intSign(a[0] as INT));
  reg.fn("sign", ["float"], (_c, a) => {
    const x = (a[0] as RFloat).v;
    if (x !== x) throw new RhaiError("ErrorArithmetic", "Sign of NaN is undefined");
    return x > 0 ? 1 : x < 0 ? -1 : 0;
  });
  reg.fn("is_zero", ["int"], (_c, a) => isZeroInt(a[0] as INT));
  reg.fn("is_zero", ["float"], (_c, a) => (a[0] as RFloat).v === 0);
  reg.fn("is_odd", ["int"], (_c, a) => isOdd(a[0] as INT));
  reg.fn("is_even", ["int"], (_c, a) => !isOdd(a[0] as INT));
  reg.getter("int", "is_zero", (_c, v) => isZeroInt(v as INT));
  reg.getter("float", "is_zero", (_c, v) => (v as RFloat).v === 0);
  reg.getter("int", "is_odd", (_c, v) => isOdd(v as INT));
  reg.getter("int", "is_even", (_c, v) => !isOdd(v as INT));

  // §8 logic and min/max.
  reg.fn("!", ["bool"], (_c, a) => !(a[0] as boolean));
  reg.fn("max", ["int", "int"], (_c, a) => (intLess(a[0] as INT, a[1] as INT) ? a[1] : a[0]));
  reg.fn("min", ["int", "int"], (_c, a) => (intLess(a[1] as INT, a[0] as INT) ? a[1] : a[0]));
  reg.fn("max", ["float", "float"], (_c, a) => maxF((a[0] as RFloat).v, (a[1] as RFloat).v, a[0], a[1]));
  reg.fn("max", ["int", "float"], (_c, a) => maxF(intToFloat(a[0] as INT), (a[1] as RFloat).v, undefined, a[1]));
  reg.fn("max", ["float", "int"], (_c, a) => maxF((a[0] as RFloat).v, intToFloat(a[1] as INT), a[0], undefined));
  reg.fn("min", ["float", "float"], (_c, a) => minF((a[0] as RFloat).v, (a[1] as RFloat).v, a[0], a[1]));
  reg.fn("min", ["int", "float"], (_c, a) => minF(intToFloat(a[0] as INT), (a[1] as RFloat).v, undefined, a[1]));
  reg.fn("min", ["float", "int"], (_c, a) => minF((a[0] as RFloat).v, intToFloat(a[1] as INT), a[0], undefined));

  registerBits(reg);
  registerMath(reg);
}

function isZeroInt(v: INT): boolean {
  return v === 0;
}

// Exact comparisons (no epsilon); the boxed argument is reused when there is one.
function maxF(x: number, y: number, bx: Value, by: Value): RFloat {
  return x >= y ? ((bx as RFloat | undefined) ?? new RFloat(x)) : ((by as RFloat | undefined) ?? new RFloat(y));
}

function minF(x: number, y: number, bx: Value, by: Value): RFloat {
  return x <= y ? ((bx as RFloat | undefined) ?? new RFloat(x)) : ((by as RFloat | undefined) ?? new RFloat(y));
}
