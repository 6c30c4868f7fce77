// Array sorting and de-duplication (rhai-stdlib.md §10): sort sort_by sort_desc order
// order_by order_desc dedup.

import { RhaiError } from "../errors.ts";
import type { NativeContext, Registry } from "../registry.ts";
import { compareCodePoints, deepCopy, type FnPtr, type RChar, type RFloat, type Value } from "../value.ts";
import { namedPointer } from "./callbacks.ts";

const MUT = { mut: true };
const RO = { rejectOnConst: true };

type Cmp = (a: Value, b: Value) => number;

const cmpNum: Cmp = (a, b) => (a as number) - (b as number);
const cmpInt: Cmp = (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
const cmpFloat: Cmp = (a, b) => {
  const x = (a as RFloat).v;
  const y = (b as RFloat).v;
  return x < y ? -1 : x > y ? 1 : 0; // NaN: equal to everything
};
const cmpChar: Cmp = (a, b) => (a as RChar).cp - (b as RChar).cp;
const cmpStr: Cmp = (a, b) => compareCodePoints(a as string, b as string);
const cmpBool: Cmp = (a, b) => (a === b ? 0 : a ? 1 : -1);

function notFound(what: string): RhaiError {
  return new RhaiError("ErrorFunctionNotFound", `Function not found: ${what}`).with({ function: what });
}

/** The natural order of an array's single element type; undefined for `()` (no-op). */
function naturalOrder(reg: Registry, a: Value[]): Cmp | undefined {
  const first = a[0];
  const kind = reg.typeSpecOf(first);
  let allNumbers = typeof first === "number";
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== "number") allNumbers = false;
    if (reg.typeSpecOf(v) !== kind) throw notFound("elements of different types cannot be sorted");
  }
  switch (kind) {
    case "int":
      return allNumbers ? cmpNum : cmpInt;
    case "float":
      return cmpFloat;
    case "char":
      return cmpChar;
    case "string":
      return cmpStr;
    case "bool":
      return cmpBool;
    case "()":
      return undefined;
  }
  throw notFound(`elements of ${reg.typeName(first)} cannot be sorted`);
}

function sortNatural(reg: Registry, a: Value[], desc: boolean): void {
  if (a.length <= 1) return;
  const cmp = naturalOrder(reg, a);
  if (cmp) a.sort(desc ? (x, y) => cmp(y, x) : cmp);
}

/** A comparer callback as a sort order ([CB]: `(a, b)`; INT sign or bool; else type order). */
function comparer(ctx: NativeContext, reg: Registry, fp: FnPtr): Cmp {
  const rank = (v: Value): string => reg.typeSpecOf(v);
  return (x, y) => {
    let r: Value;
    try {
      r = ctx.call(fp, [deepCopy(x), deepCopy(y)]);
    } catch (e) {
      if (!(e instanceof RhaiError) || !e.catchable) throw e;
      r = undefined;
    }
    if (typeof r === "number") return r < 0 ? -1 : r > 0 ? 1 : 0;
    if (typeof r === "bigint") return r < 0n ? -1 : 1;
    if (r === true) return -1;
    if (r === false) return 1;
    return compareCodePoints(rank(x), rank(y));
  };
}

function sortWith(ctx: NativeContext, reg: Registry, a: Value[], fp: FnPtr): void {
  if (a.length <= 1) return;
  a.sort(comparer(ctx, reg, fp));
}

/** Remove consecutive duplicates; `same(kept, next)`; an error counts as "not equal". */
function dedup(a: Value[], same: (kept: Value, next: Value) => boolean): void {
  if (a.length <= 1) return;
  let w = 1;
  for (let i = 1; i < a.length; i++) {
    let dup: boolean;
    try {
      dup = same(a[w - 1], a[i]);
    } catch (e) {
      if (!(e instanceof RhaiError) || !e.catchable) throw e;
      dup = false;
    }
    if (!dup) a[w++] = a[i];
  }
  a.length = w;
}

export function register(reg: Registry): void {
  reg.fn("sort", ["array"], (_c, [a]) => (sortNatural(reg, a as Value[], false), undefined), MUT);
  reg.fn("sort_desc", ["array"], (_c, [a]) => (sortNatural(reg, a as Value[], true), undefined), MUT);
  reg.fn("sort", ["array", "Fn"], (c, [a, f]) => (sortWith(c, reg, a as Value[], f as FnPtr), undefined), MUT);
  reg.fn("sort_by", ["array", "Fn"], (c, [a, f]) => (sortWith(c, reg, a as Value[], f as FnPtr), undefined), MUT);
  reg.fn(
    "sort",
    ["array", "string"],
    (c, [a, f]) => (sortWith(c, reg, a as Value[], namedPointer(f as string)), undefined),
    MUT,
  );

  const copy = (a: Value): Value[] => deepCopy(a) as Value[];
  reg.fn(
    "order",
    ["array"],
    (_c, [a]) => {
      const out = copy(a);
      sortNatural(reg, out, false);
      return out;
    },
    RO,
  );
  reg.fn(
    "order_desc",
    ["array"],
    (_c, [a]) => {
      const out = copy(a);
      sortNatural(reg, out, true);
      return out;
    },
    RO,
  );
  for (const name of ["order", "order_by"]) {
    reg.fn(
      name,
      ["array", "Fn"],
      (c, [a, f]) => {
        const out = copy(a);
        sortWith(c, reg, out, f as FnPtr);
        return out;
      },
      RO,
    );
  }

  reg.fn("dedup", ["array"], (c, [a]) => (dedup(a as Value[], (x, y) => (x === y && typeof x !== "object") || c.equals(x, y)), undefined), MUT);
  const dedupWith = (c: NativeContext, a: Value[], fp: FnPtr): void =>
    dedup(a, (x, y) => c.call(fp, [deepCopy(x), deepCopy(y)]) === true);
  reg.fn("dedup", ["array", "Fn"], (c, [a, f]) => (dedupWith(c, a as Value[], f as FnPtr), undefined), MUT);
  reg.fn(
    "dedup",
    ["array", "string"],
    (c, [a, f]) => (dedupWith(c, a as Value[], namedPointer(f as string)), undefined),
    MUT,
  );
}

