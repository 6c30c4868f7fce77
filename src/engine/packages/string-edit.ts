// Standard library: string edits (rhai-stdlib.md §13). The `Mut = yes` functions assign the
// new string to args[0]; the evaluator writes it back into the receiver.

import type { NativeContext, Registry } from "../registry.ts";
import { type INT, RChar, type RRange, type Value } from "../value.ts";
import { idx, singleIndex } from "./args.ts";
import { subString, subStringRange } from "./string-search.ts";
import {
  charLength,
  isHighSurrogate,
  sliceChars,
  stringTooLarge,
  trimWhitespace,
  unitOffset,
} from "./string-util.ts";

const MUT = { mut: true };

/** Longest string rex will build (UTF-16 units), limit or not: beyond it JS runs out. */
const MAX_JS_STRING = 1 << 29;

function text(v: Value): string {
  return typeof v === "string" ? v : (v as RChar).toString();
}

/** Replace every occurrence of `find` (an empty `find` matches at every boundary). */
export function replaceAll(s: string, find: string, sub: string): string {
  if (find.length === 0) {
    let out = sub;
    for (let i = 0; i < s.length; i++) {
      if (isHighSurrogate(s.charCodeAt(i)) && i + 1 < s.length) {
        out += s.substring(i, i + 2) + sub;
        i++;
      } else out += s[i] + sub;
    }
    return out;
  }
  let u = s.indexOf(find);
  if (u < 0) return s;
  let out = "";
  let prev = 0;
  while (u >= 0) {
    out += s.substring(prev, u) + sub;
    prev = u + find.length;
    u = s.indexOf(find, prev);
  }
  return out + s.substring(prev);
}

/**
 * Append `copies` whole copies of `unit` plus `extra`, growing geometrically so the size
 * limit is checked (and work counted) without quadratic rescans or a giant allocation.
 */
function grow(ctx: NativeContext, s: string, unit: string, copies: number, extra: string): string {
  if (s.length + unit.length * copies + extra.length > MAX_JS_STRING) throw stringTooLarge();
  let out = s;
  let left = copies;
  while (left > 0) {
    const k = Math.min(left, Math.max(4096, Math.ceil(out.length / unit.length)));
    out += unit.repeat(k);
    left -= k;
    ctx.tick(1);
    ctx.checkSize(out);
  }
  if (extra.length > 0) {
    out += extra;
    ctx.checkSize(out);
  }
  return out;
}

function pad(ctx: NativeContext, a: Value[], padding: string): Value {
  const target = idx(a[1] as INT);
  if (target <= 0 || padding.length === 0) return undefined;
  const s = a[0] as string;
  const n = charLength(s);
  if (target <= n) return undefined;
  const count = target - n;
  const plen = charLength(padding);
  const copies = Math.floor(count / plen);
  const rest = count - copies * plen;
  a[0] = grow(ctx, s, padding, copies, rest > 0 ? sliceChars(padding, plen, 0, rest) : "");
  return undefined;
}

function setChar(a: Value[]): Value {
  const s = a[0] as string;
  const n = charLength(s);
  const k = singleIndex(n, a[1] as INT);
  if (k < 0) return undefined;
  const u = n === s.length ? k : unitOffset(s, k);
  const w = isHighSurrogate(s.charCodeAt(u)) ? 2 : 1;
  a[0] = s.substring(0, u) + (a[2] as RChar).toString() + s.substring(u + w);
  return undefined;
}

function pop(a: Value[]): Value {
  const s = a[0] as string;
  if (s.length === 0) return undefined;
  const last = s.charCodeAt(s.length - 1);
  // A trailing low surrogate: the char is the pair ending here.
  const w = last >= 0xdc00 && last <= 0xdfff && s.length >= 2 ? 2 : 1;
  const cp = s.codePointAt(s.length - w)!;
  a[0] = s.substring(0, s.length - w);
  return RChar.of(cp);
}

function popN(a: Value[]): Value {
  const s = a[0] as string;
  const k = idx(a[1] as INT);
  if (k <= 0) return "";
  const n = charLength(s);
  if (k >= n) {
    a[0] = "";
    return s;
  }
  const u = n === s.length ? n - k : unitOffset(s, n - k);
  a[0] = s.substring(0, u);
  return s.substring(u);
}

function truncate(a: Value[]): Value {
  const s = a[0] as string;
  const k = idx(a[1] as INT);
  if (k <= 0) a[0] = "";
  else if (k < s.length) {
    const n = charLength(s);
    if (k < n) a[0] = s.substring(0, n === s.length ? k : unitOffset(s, k));
  }
  return undefined;
}

function caseMapped(ctx: NativeContext, s: string, upper: boolean): string {
  const r = upper ? s.toUpperCase() : s.toLowerCase();
  if (r.length > s.length) ctx.checkSize(r);
  return r;
}

export function register(reg: Registry): void {
  for (const t of ["string", "char"]) {
    reg.fn(
      "remove",
      ["string", t],
      (_ctx, a) => {
        const s = a[0] as string;
        const x = text(a[1]);
        if (s.length > 0 && x.length > 0) a[0] = replaceAll(s, x, "");
        return undefined;
      },
      MUT,
    );
  }
  reg.fn(
    "clear",
    ["string"],
    (_ctx, a) => {
      a[0] = "";
      return undefined;
    },
    MUT,
  );
  reg.fn("truncate", ["string", "int"], (_ctx, a) => truncate(a), MUT);
  reg.fn(
    "trim",
    ["string"],
    (_ctx, a) => {
      a[0] = trimWhitespace(a[0] as string);
      return undefined;
    },
    MUT,
  );
  reg.fn("pop", ["string"], (_ctx, a) => pop(a), MUT);
  reg.fn("pop", ["string", "int"], (_ctx, a) => popN(a), MUT);

  reg.fn("to_upper", ["string"], (ctx, a) => caseMapped(ctx, a[0] as string, true));
  reg.fn("to_lower", ["string"], (ctx, a) => caseMapped(ctx, a[0] as string, false));
  reg.fn(
    "make_upper",
    ["string"],
    (ctx, a) => {
      a[0] = caseMapped(ctx, a[0] as string, true);
      return undefined;
    },
    MUT,
  );
  reg.fn(
    "make_lower",
    ["string"],
    (ctx, a) => {
      a[0] = caseMapped(ctx, a[0] as string, false);
      return undefined;
    },
    MUT,
  );

  reg.fn("set", ["string", "int", "char"], (_ctx, a) => setChar(a), MUT);

  const crop = (a: Value[], r: string): Value => {
    a[0] = r;
    return undefined;
  };
  reg.fn("crop", ["string", "int", "int"], (_ctx, a) => crop(a, subString(a[0] as string, a[1] as INT, a[2] as INT)), MUT);
  reg.fn(
    "crop",
    ["string", "int"],
    (_ctx, a) => crop(a, subString(a[0] as string, a[1] as INT, (a[0] as string).length)),
    MUT,
  );
  for (const t of ["range", "range="]) {
    reg.fn("crop", ["string", t], (_ctx, a) => crop(a, subStringRange(a[0] as string, a[1] as RRange)), MUT);
  }

  for (const f of ["string", "char"]) {
    for (const r of ["string", "char"]) {
      reg.fn(
        "replace",
        ["string", f, r],
        (ctx, a) => {
          const s = a[0] as string;
          if (s.length === 0) return undefined; // as the reference: an empty string stays empty
          const out = replaceAll(s, text(a[1]), text(a[2]));
          if (out.length > s.length) ctx.checkSize(out);
          a[0] = out;
          return undefined;
        },
        MUT,
      );
    }
  }

  reg.fn("pad", ["string", "int", "char"], (ctx, a) => pad(ctx, a, (a[2] as RChar).toString()), MUT);
  reg.fn("pad", ["string", "int", "string"], (ctx, a) => pad(ctx, a, a[2] as string), MUT);
}
