// Standard library: string queries that do not modify the receiver (rhai-stdlib.md §13):
// contains, starts_with, ends_with, index_of, get, sub_string, max/min, to_chars.

import type { Registry } from "../registry.ts";
import { compareCodePoints, type INT, RChar, type RRange, type Value } from "../value.ts";
import { idx, rangeStartLen, singleIndex, startLen } from "./args.ts";
import { charLength, cpCount, sliceChars, toCharArray, unitOffset } from "./string-util.ts";

/** The needle of a `string`/`char` search argument as text. */
function needle(v: Value): string {
  return typeof v === "string" ? v : (v as RChar).toString();
}

/** Character index of the first occurrence of `find` in `s`, or -1. */
export function indexOf(s: string, find: string): number {
  if (s.length === 0) return -1;
  const u = s.indexOf(find);
  return u < 0 ? -1 : cpCount(s, u);
}

/** Search from character position `start` ([SL]-style start; `>=` length → -1). */
export function indexOfFrom(s: string, find: string, start: INT): number {
  if (s.length === 0) return -1;
  const n = charLength(s);
  let k = idx(start);
  if (k < 0) {
    k = n + k;
    if (k < 0) k = 0;
  } else if (k >= n) return -1;
  const from = n === s.length ? k : unitOffset(s, k);
  const u = s.indexOf(find, from);
  return u < 0 ? -1 : n === s.length ? u : cpCount(s, u);
}

/** sub_string(s, start, len) with the [SL] rules. */
export function subString(s: string, start: INT, len: INT): string {
  if (s.length === 0) return "";
  const n = charLength(s);
  const [a, l] = startLen(n, start, len);
  if (l === 0) return "";
  if (a === 0 && l === n) return s;
  return sliceChars(s, n, a, l);
}

export function subStringRange(s: string, r: RRange): string {
  const [a, l] = rangeStartLen(r);
  return subString(s, a, l);
}

/** The character at [IX] index i, or () when out of range. */
function charAt(s: string, i: INT): Value {
  const n = charLength(s);
  const k = singleIndex(n, i);
  if (k < 0) return undefined;
  if (n === s.length) return RChar.of(s.charCodeAt(k));
  return RChar.of(s.codePointAt(unitOffset(s, k))!);
}

export function register(reg: Registry): void {
  for (const t of ["string", "char"]) {
    reg.fn("contains", ["string", t], (_ctx, a) => (a[0] as string).includes(needle(a[1])));
    reg.fn("starts_with", ["string", t], (_ctx, a) => (a[0] as string).startsWith(needle(a[1])));
    reg.fn("ends_with", ["string", t], (_ctx, a) => (a[0] as string).endsWith(needle(a[1])));
    reg.fn("index_of", ["string", t], (_ctx, a) => indexOf(a[0] as string, needle(a[1])));
    reg.fn("index_of", ["string", t, "int"], (_ctx, a) =>
      indexOfFrom(a[0] as string, needle(a[1]), a[2] as INT),
    );
  }

  reg.fn("get", ["string", "int"], (_ctx, a) => charAt(a[0] as string, a[1] as INT));

  reg.fn("sub_string", ["string", "int", "int"], (_ctx, a) =>
    subString(a[0] as string, a[1] as INT, a[2] as INT),
  );
  reg.fn("sub_string", ["string", "int"], (_ctx, a) => {
    const s = a[0] as string;
    return s.length === 0 ? "" : subString(s, a[1] as INT, s.length);
  });
  for (const t of ["range", "range="]) {
    reg.fn("sub_string", ["string", t], (_ctx, a) => subStringRange(a[0] as string, a[1] as RRange));
  }

  // Ties return the first argument.
  reg.fn("max", ["string", "string"], (_ctx, a) =>
    compareCodePoints(a[0] as string, a[1] as string) >= 0 ? a[0] : a[1],
  );
  reg.fn("min", ["string", "string"], (_ctx, a) =>
    compareCodePoints(a[0] as string, a[1] as string) <= 0 ? a[0] : a[1],
  );

  reg.fn("to_chars", ["string"], (_ctx, a) => toCharArray(a[0] as string));
}
