// Shared argument rules of rhai-stdlib.md §1.3, used by the string, array and BLOB packages.

import { type INT, RRange } from "../value.ts";

/** An INT as a JS number for index arithmetic (bigints are far outside any container). */
export function idx(v: INT): number {
  return typeof v === "bigint" ? (v < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER) : v;
}

/** [SL]: normalise (start, len) against a length n. Returns [start, len] with len >= 0. */
export function startLen(n: number, start: INT, len: INT): [number, number] {
  let s = idx(start);
  let l = idx(len);
  if (s < 0) {
    s = n + s;
    if (s < 0) s = 0;
  }
  if (s >= n || l <= 0) return [Math.min(s, n), 0];
  if (l > n - s) l = n - s;
  return [s, l];
}

/** [RG]: a range argument as (start, len) before [SL] is applied. */
export function rangeStartLen(r: RRange): [number, number] {
  const a = idx(r.start);
  const b = idx(r.end);
  const start = Math.max(a, 0);
  if (r.inclusive) {
    const end = Math.min(Math.max(b, start), Number.MAX_SAFE_INTEGER - 1);
    return [start, end - start + 1];
  }
  return [start, Math.max(b, start) - start];
}

/** [RG] then [SL]. */
export function rangeSelection(n: number, r: RRange): [number, number] {
  const [s, l] = rangeStartLen(r);
  return startLen(n, s, l);
}

/** [IX]: a single index; -1 when not found. */
export function singleIndex(n: number, i: INT): number {
  const k = idx(i);
  if (k >= 0 && k < n) return k;
  if (k < 0 && k >= -n) return n + k;
  return -1;
}

/** [GI]: get/set/insert index: negative counts from the end, clamped to 0; may be >= n. */
export function getIndex(n: number, i: INT): number {
  let k = idx(i);
  if (k < 0) {
    k = n + k;
    if (k < 0) k = 0;
  }
  return k;
}
