// Array functions that run callbacks (rhai-stdlib.md §10, [CB] §1.3): for_each map filter
// find find_map index_of some all reduce reduce_rev zip drain retain, plus the deprecated
// function-name (string) overloads.

import type { NativeContext, Registry } from "../registry.ts";
import { deepCopy, type FnPtr, type INT, type Value } from "../value.ts";
import { startLen } from "./args.ts";
import {
  callElem,
  callForEach,
  callReduce,
  callZip,
  isMissingFunction,
  namedPointer,
} from "./callbacks.ts";

const MUT = { mut: true };
const RO = { rejectOnConst: true };

/** First index >= start whose element [EQ]-equals v, or -1. */
export function indexOfValue(ctx: NativeContext, a: Value[], v: Value, start: number): number {
  const fast = typeof v === "number" || typeof v === "string" || typeof v === "boolean";
  for (let i = start; i < a.length; i++) {
    const x = a[i];
    if (x === v && fast) return i;
    if (fast && typeof x === typeof v) continue;
    if (ctx.equals(x, v)) return i;
  }
  return -1;
}

/** [SL] start for the `..., int` overloads; n when nothing is selected. */
function fromStart(a: Value[], start: INT): number {
  if (a.length === 0) return 0;
  return startLen(a.length, start, 1)[0];
}

/** First index >= start whose predicate is true, or -1 (errors not wrapped). */
function findIndexRaw(ctx: NativeContext, a: Value[], fp: FnPtr, start: number): number {
  const n = ctx.arity(fp);
  for (let i = start; i < a.length; i++) if (callElem(ctx, fp, n, a, i) === true) return i;
  return -1;
}

function findIndex(ctx: NativeContext, a: Value[], fp: FnPtr, start: number): number {
  const n = ctx.arity(fp);
  for (let i = start; i < a.length; i++) if (callElem(ctx, fp, n, a, i) === true) return i;
  return -1;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `index_of(array, string)`: a predicate by name if such a function exists, else a value.
 * The function is looked for at its first call: before the first element no callback runs.
 */
function indexOfName(ctx: NativeContext, a: Value[], name: string, start: number): number {
  if (!IDENT.test(name) || start >= a.length) return indexOfValue(ctx, a, name, start);
  const fp = namedPointer(name);
  const n = ctx.arity(fp);
  let first: boolean;
  try {
    first = callElem(ctx, fp, n, a, start) === true;
  } catch (e) {
    if (isMissingFunction(e, fp)) return indexOfValue(ctx, a, name, start);
    throw e;
  }
  return first ? start : findIndex(ctx, a, fp, start + 1);
}

function map(ctx: NativeContext, a: Value[], fp: FnPtr): Value[] {
  const n = ctx.arity(fp);
  const out: Value[] = [];
  for (let i = 0; i < a.length; i++) out.push(callElem(ctx, fp, n, a, i));
  return out;
}

function filter(ctx: NativeContext, a: Value[], fp: FnPtr): Value[] {
  const n = ctx.arity(fp);
  const out: Value[] = [];
  for (let i = 0; i < a.length; i++) if (callElem(ctx, fp, n, a, i) === true) out.push(deepCopy(a[i]));
  return out;
}

function forEach(ctx: NativeContext, a: Value[], fp: FnPtr): void {
  const n = ctx.arity(fp);
  for (let i = 0; i < a.length; i++) callForEach(ctx, fp, n, a, i);
}

function findMap(ctx: NativeContext, a: Value[], fp: FnPtr, start: number): Value {
  const n = ctx.arity(fp);
  for (let i = start; i < a.length; i++) {
    const r = callElem(ctx, fp, n, a, i);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** `some` (want = true) / `all` (want = false): stops at the first decisive answer. */
function someAll(ctx: NativeContext, a: Value[], fp: FnPtr, some: boolean): boolean {
  const n = ctx.arity(fp);
  for (let i = 0; i < a.length; i++) {
    const hit = callElem(ctx, fp, n, a, i) === true;
    if (hit === some) return some;
  }
  return !some;
}

function reduce(ctx: NativeContext, a: Value[], fp: FnPtr, init: Value, rev: boolean): Value {
  const n = ctx.arity(fp);
  let acc = init;
  if (rev) for (let i = a.length - 1; i >= 0; i--) acc = callReduce(ctx, fp, n, acc, a, i);
  else for (let i = 0; i < a.length; i++) acc = callReduce(ctx, fp, n, acc, a, i);
  return acc;
}

function zip(ctx: NativeContext, a: Value[], b: Value[], fp: FnPtr): Value[] {
  const n = ctx.arity(fp);
  const out: Value[] = [];
  for (let i = 0; i < a.length && i < b.length; i++) out.push(callZip(ctx, fp, n, a[i], b[i], i));
  return out;
}

/**
 * `drain` (take = true) / `retain` (take = false) with a predicate: moves out the elements
 * whose predicate result is (not) `true`; returns them in order. On a callback error the
 * elements not yet visited stay in the array.
 */
function partition(ctx: NativeContext, a: Value[], fp: FnPtr, take: boolean): Value[] {
  const n = ctx.arity(fp);
  const out: Value[] = [];
  let w = 0;
  let x = 0;
  try {
    for (; x < a.length; x++) {
      if ((callElem(ctx, fp, n, a, x) === true) === take) out.push(a[x]);
      else a[w++] = a[x];
    }
  } catch (e) {
    const rest = a.slice(x);
    a.length = w;
    for (const v of rest) a.push(v);
    throw e;
  }
  a.length = w;
  return out;
}

export function register(reg: Registry): void {
  // Each callback function exists with an Fn argument and (deprecated) a function name.
  const fnOrName = (
    name: string,
    params: string[],
    impl: (c: NativeContext, args: Value[], fp: FnPtr) => Value,
    optsFn?: { mut?: boolean; rejectOnConst?: boolean },
    optsName?: { mut?: boolean; rejectOnConst?: boolean },
  ): void => {
    const at = params.indexOf("Fn");
    reg.fn(name, params, (c, args) => impl(c, args, args[at] as FnPtr), optsFn);
    const sp = params.slice();
    sp[at] = "string";
    reg.fn(name, sp, (c, args) => impl(c, args, namedPointer(args[at] as string)), optsName ?? optsFn);
  };

  reg.fn("for_each", ["array", "Fn"], (c, [a, f]) => (forEach(c, a as Value[], f as FnPtr), undefined), MUT);
  fnOrName("map", ["array", "Fn"], (c, [a], fp) => map(c, a as Value[], fp), undefined, RO);
  fnOrName("filter", ["array", "Fn"], (c, [a], fp) => filter(c, a as Value[], fp), undefined, RO);
  fnOrName("some", ["array", "Fn"], (c, [a], fp) => someAll(c, a as Value[], fp, true));
  fnOrName("all", ["array", "Fn"], (c, [a], fp) => someAll(c, a as Value[], fp, false));
  fnOrName("reduce", ["array", "Fn"], (c, [a], fp) => reduce(c, a as Value[], fp, undefined, false));
  fnOrName("reduce", ["array", "Fn", "any"], (c, [a, , v], fp) => reduce(c, a as Value[], fp, v, false));
  fnOrName("reduce_rev", ["array", "Fn"], (c, [a], fp) => reduce(c, a as Value[], fp, undefined, true));
  fnOrName("reduce_rev", ["array", "Fn", "any"], (c, [a, , v], fp) => reduce(c, a as Value[], fp, v, true));
  fnOrName("drain", ["array", "Fn"], (c, [a], fp) => partition(c, a as Value[], fp, true), MUT);
  fnOrName("retain", ["array", "Fn"], (c, [a], fp) => partition(c, a as Value[], fp, false), MUT);

  reg.fn("zip", ["array", "array", "Fn"], (c, [a, b, f]) => zip(c, a as Value[], b as Value[], f as FnPtr));

  reg.fn("index_of", ["array", "Fn"], (c, [a, f]) => findIndex(c, a as Value[], f as FnPtr, 0));
  reg.fn("index_of", ["array", "Fn", "int"], (c, [a, f, s]) =>
    findIndex(c, a as Value[], f as FnPtr, fromStart(a as Value[], s as INT)),
  );
  reg.fn("index_of", ["array", "string"], (c, [a, s]) => indexOfName(c, a as Value[], s as string, 0));
  reg.fn("index_of", ["array", "string", "int"], (c, [a, s, k]) =>
    indexOfName(c, a as Value[], s as string, fromStart(a as Value[], k as INT)),
  );

  const find = (c: NativeContext, a: Value[], fp: FnPtr, start: number): Value => {
    const i = findIndex(c, a, fp, start);
    return i < 0 ? undefined : deepCopy(a[i]);
  };
  reg.fn("find", ["array", "Fn"], (c, [a, f]) => find(c, a as Value[], f as FnPtr, 0));
  reg.fn("find", ["array", "Fn", "int"], (c, [a, f, s]) =>
    find(c, a as Value[], f as FnPtr, fromStart(a as Value[], s as INT)),
  );
  reg.fn("find_map", ["array", "Fn"], (c, [a, f]) => findMap(c, a as Value[], f as FnPtr, 0));
  reg.fn("find_map", ["array", "Fn", "int"], (c, [a, f, s]) =>
    findMap(c, a as Value[], f as FnPtr, fromStart(a as Value[], s as INT)),
  );
}
