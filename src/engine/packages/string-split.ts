// Standard library: splitting strings (rhai-stdlib.md §13): split at an index, on whitespace,
// on a delimiter (all / at most n segments), and split_rev from the end.

import type { NativeContext, Registry } from "../registry.ts";
import { type INT, RChar, type Value } from "../value.ts";
import { idx } from "./args.ts";
import { charLength, isHighSurrogate, isWhitespace, unitOffset } from "./string-util.ts";

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function delim(v: Value): string {
  return typeof v === "string" ? v : (v as RChar).toString();
}

/** Segment limit from an INT `n`: `n <= 1` means one segment (the whole string). */
function limitOf(n: INT): number {
  const k = idx(n);
  return k < 1 ? 1 : k;
}

/** `[before, after]` at character index i (negative: the last abs(i) characters go after). */
export function splitAt(s: string, i: INT): string[] {
  const n = charLength(s);
  let k = idx(i);
  if (k <= 0) {
    k = -k;
    if (k > n) return ["", s];
    k = n - k;
  } else if (k >= n) return [s, ""];
  const u = n === s.length ? k : unitOffset(s, k);
  return [s.substring(0, u), s.substring(u)];
}

/** Words separated by runs of Unicode whitespace. */
export function splitWhitespace(s: string): string[] {
  if (s.length === 0) return [""];
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWhitespace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isWhitespace(s.charCodeAt(i))) i++;
    out.push(s.substring(start, i));
  }
  return out;
}

/** Segments between occurrences of d, from the start, at most `limit` of them. */
export function splitForward(s: string, d: string, limit: number): string[] {
  if (s.length === 0 || limit <= 1) return [s];
  const out: string[] = [];
  let prev = 0;
  if (d.length === 0) {
    // An empty delimiter matches at every character boundary, including both ends.
    let b = 0;
    while (out.length < limit - 1) {
      out.push(s.substring(prev, b));
      prev = b;
      if (b >= s.length) break;
      b += isHighSurrogate(s.charCodeAt(b)) ? 2 : 1;
    }
    out.push(s.substring(prev));
    return out;
  }
  while (out.length < limit - 1) {
    const u = s.indexOf(d, prev);
    if (u < 0) break;
    out.push(s.substring(prev, u));
    prev = u + d.length;
  }
  out.push(s.substring(prev));
  return out;
}

/** Segments between occurrences of d, from the end (reverse order), at most `limit`. */
export function splitReverse(s: string, d: string, limit: number): string[] {
  if (s.length === 0 || limit <= 1) return [s];
  const out: string[] = [];
  let end = s.length;
  if (d.length === 0) {
    let b = s.length;
    while (out.length < limit - 1) {
      out.push(s.substring(b, end));
      end = b;
      if (b <= 0) break;
      b -= isLowSurrogate(s.charCodeAt(b - 1)) ? 2 : 1;
    }
    out.push(s.substring(0, end));
    return out;
  }
  while (out.length < limit - 1) {
    const from = end - d.length;
    if (from < 0) break;
    const u = s.lastIndexOf(d, from);
    if (u < 0) break;
    out.push(s.substring(u + d.length, end));
    end = u;
  }
  out.push(s.substring(0, end));
  return out;
}

function checked(ctx: NativeContext, parts: string[]): Value[] {
  if (parts.length > 1) ctx.checkSize(parts);
  return parts;
}

export function register(reg: Registry): void {
  reg.fn("split", ["string", "int"], (_ctx, a) => splitAt(a[0] as string, a[1] as INT));
  reg.fn("split", ["string"], (ctx, a) => checked(ctx, splitWhitespace(a[0] as string)));
  for (const t of ["string", "char"]) {
    reg.fn("split", ["string", t], (ctx, a) =>
      checked(ctx, splitForward(a[0] as string, delim(a[1]), Infinity)),
    );
    reg.fn("split", ["string", t, "int"], (ctx, a) =>
      checked(ctx, splitForward(a[0] as string, delim(a[1]), limitOf(a[2] as INT))),
    );
    reg.fn("split_rev", ["string", t], (ctx, a) =>
      checked(ctx, splitReverse(a[0] as string, delim(a[1]), Infinity)),
    );
    reg.fn("split_rev", ["string", t, "int"], (ctx, a) =>
      checked(ctx, splitReverse(a[0] as string, delim(a[1]), limitOf(a[2] as INT))),
    );
  }
}
