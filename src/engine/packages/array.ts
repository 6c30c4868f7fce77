// Arrays (rhai-stdlib.md §10): access, growth, slicing and equality. Callbacks are in
// array-callbacks.ts, sorting and dedup in array-sort.ts.

import { RhaiError } from "../errors.ts";
import type { NativeContext, Registry } from "../registry.ts";
import { deepCopy, type INT, RRange, type Value } from "../value.ts";
import { getIndex, idx, rangeStartLen, singleIndex, startLen } from "./args.ts";
import * as callbacks from "./array-callbacks.ts";
import * as sorting from "./array-sort.ts";

const MUT = { mut: true };
const RO = { rejectOnConst: true };

/** JS arrays cannot be longer than this. */
const MAX_JS_ARRAY = 2 ** 32 - 2;

export function tooLarge(): RhaiError {
  return new RhaiError("ErrorDataTooLarge", "Size of array/BLOB too large");
}

/** Append `items` (already copies) to `arr` without spreading (no argument-count limit). */
export function appendAll(arr: Value[], items: readonly Value[]): void {
  const base = arr.length;
  const n = items.length;
  arr.length = base + n;
  for (let i = 0; i < n; i++) arr[base + i] = items[i];
}

/** Replace arr[start, start+len) by `items`, in place. */
export function spliceIn(arr: Value[], start: number, len: number, items: readonly Value[]): void {
  const tail = arr.slice(start + len);
  arr.length = start;
  appendAll(arr, items);
  appendAll(arr, tail);
}

function copyAll(a: readonly Value[], start = 0, end = a.length): Value[] {
  const out = new Array<Value>(end - start);
  for (let i = start; i < end; i++) out[i - start] = deepCopy(a[i]);
  return out;
}

/** `==` on arrays: same length and every pair [EQ]-equal. */
export function arraysEqual(ctx: NativeContext, a: Value[], b: Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y && (typeof x === "number" || typeof x === "string" || typeof x === "boolean")) continue;
    if (!ctx.equals(x, y)) return false;
  }
  return true;
}

function pad(ctx: NativeContext, a: Value[], len: INT, item: Value): void {
  const target = idx(len);
  if (target <= a.length) return;
  if (target > MAX_JS_ARRAY) {
    ctx.checkSize([a, item]);
    throw tooLarge();
  }
  // Grow in doubling chunks, checking the size limit after each, so that a huge request
  // fails before it has allocated its full size.
  let chunk = 64;
  while (a.length < target) {
    const end = Math.min(target, a.length + chunk);
    const from = a.length;
    a.length = end;
    for (let i = from; i < end; i++) a[i] = deepCopy(item);
    ctx.checkSize(a);
    chunk *= 2;
  }
}

/** [SL] part of an array (copies), or [RG] for a range. */
function extract(a: Value[], start: number, len: number): Value[] {
  const [s, l] = startLen(a.length, start, len);
  return copyAll(a, s, s + l);
}

function splice(ctx: NativeContext, a: Value[], start: INT, len: INT, rep: Value[]): void {
  const items = copyAll(rep);
  if (a.length === 0) {
    appendAll(a, items);
  } else {
    const [s, l] = startLen(a.length, start, len);
    if (s >= a.length) appendAll(a, items);
    else spliceIn(a, s, l, items);
  }
  ctx.checkSize(a);
}

function drainPart(a: Value[], start: INT, len: INT): Value[] {
  if (a.length === 0 || idx(len) <= 0) return [];
  const [s, l] = startLen(a.length, start, len);
  if (l === 0) return [];
  return a.splice(s, l);
}

function retainPart(a: Value[], start: INT, len: INT): Value[] {
  if (a.length === 0 || idx(len) <= 0) return [];
  const [s, l] = startLen(a.length, start, len);
  if (l === 0) return [];
  const removed = a.slice(0, s);
  appendAll(removed, a.slice(s + l));
  a.splice(s + l);
  a.splice(0, s);
  return removed;
}

export function register(reg: Registry): void {
  reg.fn("len", ["array"], (_c, [a]) => (a as Value[]).length);
  reg.getter("array", "len", (_c, a) => (a as Value[]).length);
  reg.fn("is_empty", ["array"], (_c, [a]) => (a as Value[]).length === 0);
  reg.getter("array", "is_empty", (_c, a) => (a as Value[]).length === 0);

  reg.fn(
    "get",
    ["array", "int"],
    (_c, [a, i]) => {
      const arr = a as Value[];
      const k = getIndex(arr.length, i as INT);
      return k < arr.length ? deepCopy(arr[k]) : undefined;
    },
    RO,
  );
  reg.fn(
    "set",
    ["array", "int", "any"],
    (_c, [a, i, v]) => {
      const arr = a as Value[];
      const k = getIndex(arr.length, i as INT);
      if (k < arr.length) arr[k] = deepCopy(v);
      return undefined;
    },
    MUT,
  );
  reg.fn(
    "push",
    ["array", "any"],
    (c, [a, v]) => {
      (a as Value[]).push(deepCopy(v));
      c.checkSize(a);
      return undefined;
    },
    MUT,
  );
  reg.fn(
    "append",
    ["array", "array"],
    (c, [a, b]) => {
      appendAll(a as Value[], copyAll(b as Value[]));
      c.checkSize(a);
      return undefined;
    },
    MUT,
  );
  reg.fn("+", ["array", "array"], (c, [a, b]) => {
    const out = copyAll(a as Value[]);
    appendAll(out, copyAll(b as Value[]));
    c.checkSize(out);
    return out;
  });
  reg.fn("==", ["array", "array"], (c, [a, b]) => arraysEqual(c, a as Value[], b as Value[]));
  reg.fn("!=", ["array", "array"], (c, [a, b]) => !arraysEqual(c, a as Value[], b as Value[]));
  reg.fn(
    "insert",
    ["array", "int", "any"],
    (c, [a, i, v]) => {
      const arr = a as Value[];
      const k = getIndex(arr.length, i as INT);
      if (k >= arr.length) arr.push(deepCopy(v));
      else arr.splice(k, 0, deepCopy(v));
      c.checkSize(arr);
      return undefined;
    },
    MUT,
  );
  reg.fn("pad", ["array", "int", "any"], (c, [a, n, v]) => (pad(c, a as Value[], n as INT, v), undefined), MUT);
  reg.fn("pop", ["array"], (_c, [a]) => (a as Value[]).pop(), MUT);
  reg.fn("shift", ["array"], (_c, [a]) => (a as Value[]).shift(), MUT);
  reg.fn(
    "remove",
    ["array", "int"],
    (_c, [a, i]) => {
      const arr = a as Value[];
      const k = singleIndex(arr.length, i as INT);
      return k < 0 ? undefined : arr.splice(k, 1)[0];
    },
    MUT,
  );
  reg.fn("clear", ["array"], (_c, [a]) => ((a as Value[]).length = 0, undefined), MUT);
  reg.fn(
    "truncate",
    ["array", "int"],
    (_c, [a, n]) => {
      const arr = a as Value[];
      const k = idx(n as INT);
      if (k <= 0) arr.length = 0;
      else if (k < arr.length) arr.length = k;
      return undefined;
    },
    MUT,
  );
  reg.fn(
    "chop",
    ["array", "int"],
    (_c, [a, n]) => {
      const arr = a as Value[];
      const k = idx(n as INT);
      if (k <= 0) arr.length = 0;
      else if (k < arr.length) arr.splice(0, arr.length - k);
      return undefined;
    },
    MUT,
  );
  reg.fn("reverse", ["array"], (_c, [a]) => ((a as Value[]).reverse(), undefined), MUT);

  reg.fn(
    "splice",
    ["array", "int", "int", "array"],
    (c, [a, s, l, r]) => (splice(c, a as Value[], s as INT, l as INT, r as Value[]), undefined),
    MUT,
  );
  for (const rt of ["range", "range="]) {
    reg.fn(
      "splice",
      ["array", rt, "array"],
      (c, [a, r, rep]) => {
        const [s, l] = rangeStartLen(r as RRange);
        splice(c, a as Value[], s, l, rep as Value[]);
        return undefined;
      },
      MUT,
    );
    reg.fn(
      "extract",
      ["array", rt],
      (_c, [a, r]) => {
        const [s, l] = rangeStartLen(r as RRange);
        return extract(a as Value[], s, l);
      },
      RO,
    );
    reg.fn(
      "drain",
      ["array", rt],
      (_c, [a, r]) => {
        const [s, l] = rangeStartLen(r as RRange);
        return drainPart(a as Value[], s, l);
      },
      MUT,
    );
    reg.fn(
      "retain",
      ["array", rt],
      (_c, [a, r]) => {
        const [s, l] = rangeStartLen(r as RRange);
        return retainPart(a as Value[], s, l);
      },
      MUT,
    );
  }
  reg.fn("extract", ["array", "int", "int"], (_c, [a, s, l]) => extract(a as Value[], idx(s as INT), idx(l as INT)), RO);
  reg.fn(
    "extract",
    ["array", "int"],
    (_c, [a, s]) => extract(a as Value[], idx(s as INT), (a as Value[]).length),
    RO,
  );
  reg.fn("drain", ["array", "int", "int"], (_c, [a, s, l]) => drainPart(a as Value[], s as INT, l as INT), MUT);
  reg.fn("retain", ["array", "int", "int"], (_c, [a, s, l]) => retainPart(a as Value[], s as INT, l as INT), MUT);
  reg.fn(
    "split",
    ["array", "int"],
    (_c, [a, i]) => {
      const arr = a as Value[];
      if (arr.length === 0) return [];
      const [s] = startLen(arr.length, i as INT, arr.length);
      return arr.splice(s);
    },
    MUT,
  );

  reg.fn("contains", ["array", "any"], (c, [a, v]) => callbacks.indexOfValue(c, a as Value[], v, 0) >= 0);
  reg.fn("index_of", ["array", "any"], (c, [a, v]) => callbacks.indexOfValue(c, a as Value[], v, 0));
  reg.fn("index_of", ["array", "any", "int"], (c, [a, v, s]) => {
    const arr = a as Value[];
    if (arr.length === 0) return -1;
    const [k] = startLen(arr.length, s as INT, 1);
    return k >= arr.length ? -1 : callbacks.indexOfValue(c, arr, v, k);
  });

  callbacks.register(reg);
  sorting.register(reg);
}
