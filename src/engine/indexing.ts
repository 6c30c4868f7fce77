// Index, slice and bit-field reads and writes (rhai-language.md §9). Reads return the stored
// value itself (the caller copies when it stores it elsewhere). Writes mutate arrays, maps and
// BLOBs in place and return the container; strings and INTs are immutable, so a write returns
// the new value, which the caller stores back into the place.

import type { Position } from "./errors.ts";
import { RhaiError } from "./errors.ts";
import type { NativeContext, Registry } from "./registry.ts";
import { toDisplay } from "./format.ts";
import { type INT, RBlob, RChar, RMap, RRange, type Value, intFromBig, toBig } from "./value.ts";

function mismatch(actual: string, expected: string, pos: Position | undefined): RhaiError {
  return new RhaiError("ErrorMismatchDataType", `Data type incorrect: ${actual} (expecting ${expected})`, pos).with({
    requested: expected,
    actual,
  });
}

function arrayBounds(i: INT, n: number, pos: Position | undefined): RhaiError {
  const tail = n === 0 ? "array is empty" : n === 1 ? "only 1 element in array" : `only ${n} elements in array`;
  return new RhaiError("ErrorArrayBounds", `Array index ${i} out of bounds: ${tail}`, pos).with({ length: n, index: i });
}

export function stringBounds(i: INT, n: number, pos: Position | undefined): RhaiError {
  const tail = n === 0 ? "string is empty" : n === 1 ? "only 1 character in string" : `only ${n} characters in string`;
  return new RhaiError("ErrorStringBounds", `String index ${i} out of bounds: ${tail}`, pos).with({ length: n, index: i });
}

function bitBounds(i: INT, pos: Position | undefined): RhaiError {
  return new RhaiError("ErrorBitFieldBounds", `Bit-field index ${i} out of bounds: only 64 bits in bit-field`, pos).with({
    length: 64,
    index: i,
  });
}

/** §9.1: normalised position or -1. */
function norm(i: INT, n: number): number {
  if (typeof i === "bigint") return -1;
  if (i >= 0) return i < n ? i : -1;
  return i >= -n ? n + i : -1;
}

/** Code points of a string (only used for non-ASCII strings). */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    out.push(c);
    if (c > 0xffff) i++;
  }
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xd800) return false;
  return true;
}

/** [start, end) in characters for a string slice read; see §9.2. */
function sliceBounds(n: number, r: RRange, pos: Position | undefined): [number, number] {
  const a = typeof r.start === "bigint" ? (r.start < 0n ? -Infinity : Infinity) : r.start;
  const b = typeof r.end === "bigint" ? (r.end < 0n ? -Infinity : Infinity) : r.end;
  let start: number;
  if (a >= 0) start = a;
  else {
    start = n + a;
    if (start < 0) throw stringBounds(r.start, n, pos);
  }
  let end: number;
  if (b >= 0) end = b;
  else {
    end = n + b;
    if (end < 0) end = 0;
  }
  if (!r.inclusive) {
    if (start === 0 && end >= n) return [0, n];
    return [Math.min(start, n), Math.min(start + Math.max(end - start, 0), n)];
  }
  if (start === 0 && end >= n - 1) return [0, n];
  if (end > start) return [Math.min(start, n), Math.min(end + 1, n)];
  return [Math.min(start, n), Math.min(start, n)];
}

function bitFieldRange(r: RRange, pos: Position | undefined): [number, number] {
  const s = r.start;
  const e = r.end;
  if (typeof s === "bigint" || s < 0 || s > 63) throw bitBounds(s, pos);
  let end: number;
  if (typeof e === "bigint") {
    if (e < 0n) throw bitBounds(e, pos);
    end = r.inclusive ? 63 : 64;
  } else {
    if (e < 0) throw bitBounds(e, pos);
    end = r.inclusive ? Math.min(e, 63) : Math.min(e, 64);
    if (r.inclusive && e > 63 && e !== Number.MAX_SAFE_INTEGER) end = 63;
  }
  const len = r.inclusive ? end - s + 1 : end - s;
  return [s, Math.max(len, 0)];
}

function registryIndex(
  reg: Registry,
  ctx: NativeContext,
  name: string,
  args: Value[],
  onConst: boolean,
  pos: Position | undefined,
): Value | typeof MISSING {
  const types = args.map((a) => reg.typeSpecOf(a));
  const f = reg.functions.resolve(name, types);
  if (!f) return MISSING;
  if (onConst && f.rejectOnConst) {
    const msg = name === "index$set" ? "Cannot assign to indexer of constant" : "Non-pure indexer cannot be accessed on constant";
    throw new RhaiError("ErrorNonPureMethodCallOnConstant", msg, pos).with({ function: name });
  }
  const r = f.fn(ctx, args);
  return name === "index$set" ? args[0] : r;
}
const MISSING: unique symbol = Symbol("missing");

/** `target[idx]`. idxPos: the index expression; bracketPos: the `[`. */
export function indexGet(
  reg: Registry,
  ctx: NativeContext,
  target: Value,
  idx: Value,
  idxPos: Position | undefined,
  bracketPos: Position | undefined,
  /** The target is (inside) a constant: non-pure registered indexers are refused. */
  onConst = false,
): Value {
  if (Array.isArray(target)) {
    if (typeof idx === "number" || typeof idx === "bigint") {
      const k = norm(idx, target.length);
      if (k < 0) throw arrayBounds(idx, target.length, idxPos);
      return target[k];
    }
    if (idx instanceof RRange) {
      throw mismatch(idx.inclusive ? "core::ops::range::RangeInclusive<i64>" : "core::ops::range::Range<i64>", "i64", idxPos);
    }
    throw mismatch(reg.typeName(idx), "i64", idxPos);
  }
  if (target instanceof RMap) {
    if (typeof idx === "string") return target.get(idx);
    throw mismatch(reg.typeName(idx), "string", idxPos);
  }
  if (typeof target === "string") {
    if (typeof idx === "number" || typeof idx === "bigint") {
      if (isAscii(target)) {
        const k = norm(idx, target.length);
        if (k < 0) throw stringBounds(idx, target.length, idxPos);
        return RChar.of(target.charCodeAt(k));
      }
      const cps = codePoints(target);
      const k = norm(idx, cps.length);
      if (k < 0) throw stringBounds(idx, cps.length, idxPos);
      return RChar.of(cps[k]!);
    }
    if (idx instanceof RRange) {
      if (target.length === 0) return "";
      if (isAscii(target)) {
        const [s, e] = sliceBounds(target.length, idx, idxPos);
        return target.slice(s, e);
      }
      const cps = codePoints(target);
      const [s, e] = sliceBounds(cps.length, idx, idxPos);
      return String.fromCodePoint(...cps.slice(s, e));
    }
    throw mismatch(reg.typeName(idx), "i64", idxPos);
  }
  if (target instanceof RBlob) {
    if (typeof idx === "number" || typeof idx === "bigint") {
      const k = norm(idx, target.length);
      if (k < 0) throw arrayBounds(idx, target.length, idxPos);
      return target.bytes[k]!;
    }
    throw mismatch(reg.typeName(idx), "i64", idxPos);
  }
  if (typeof target === "number" || typeof target === "bigint") {
    if (typeof idx === "number" || typeof idx === "bigint") {
      const k = norm(idx, 64);
      if (k < 0) throw bitBounds(idx, idxPos);
      return ((toBig(target) >> BigInt(k)) & 1n) === 1n;
    }
    if (idx instanceof RRange) {
      const [s, len] = bitFieldRange(idx, idxPos);
      if (len <= 0) return 0;
      if (len >= 64) return target;
      const x = BigInt.asIntN(64, toBig(target));
      const mask = ((1n << BigInt(len)) - 1n) << BigInt(s);
      return intFromBig(BigInt.asIntN(64, x & mask) >> BigInt(s));
    }
    throw mismatch(reg.typeName(idx), "i64", idxPos);
  }
  const r = registryIndex(reg, ctx, "index$get", [target, idx], onConst, bracketPos);
  if (r !== MISSING) return r;
  throw new RhaiError(
    "ErrorIndexingType",
    `Indexer unavailable: ${reg.typeName(target)} [${reg.typeName(idx)}]`,
    bracketPos,
  ).with({ type: reg.typeName(target) });
}

/**
 * `target[idx] = v`; returns the (possibly new) container value to store back.
 * `v` must already be a copy the container may own.
 */
export function indexSet(
  reg: Registry,
  ctx: NativeContext,
  target: Value,
  idx: Value,
  v: Value,
  idxPos: Position | undefined,
  bracketPos: Position | undefined,
  /** The target is (inside) a constant: registered indexers are refused. */
  onConst = false,
): Value {
  if (Array.isArray(target)) {
    if (typeof idx === "number" || typeof idx === "bigint") {
      const k = norm(idx, target.length);
      if (k < 0) throw arrayBounds(idx, target.length, idxPos);
      target[k] = v;
      return target;
    }
    if (idx instanceof RRange) {
      throw mismatch(idx.inclusive ? "core::ops::range::RangeInclusive<i64>" : "core::ops::range::Range<i64>", "i64", idxPos);
    }
    throw mismatch(reg.typeName(idx), "i64", idxPos);
  }
  if (target instanceof RMap) {
    if (typeof idx === "string") {
      target.set(idx, v);
      return target;
    }
    throw mismatch(reg.typeName(idx), "string", idxPos);
  }
  if (typeof target === "string") {
    if (typeof idx === "number" || typeof idx === "bigint") {
      const cps = codePoints(target);
      const k = norm(idx, cps.length);
      if (k < 0) throw stringBounds(idx, cps.length, idxPos);
      if (!(v instanceof RChar)) throw mismatch(reg.typeName(v), "char", idxPos);
      cps[k] = v.cp;
      return String.fromCodePoint(...cps);
    }
    if (idx instanceof RRange) {
      const cps = codePoints(target);
      const n = cps.length;
      const text = toDisplay(v);
      if (n === 0) return text;
      const [s] = sliceBounds(n, idx, idxPos);
      const b = typeof idx.end === "bigint" ? (idx.end < 0n ? 0 : n) : idx.end >= 0 ? idx.end : Math.max(n + idx.end, 0);
      const after = idx.inclusive ? Math.min(b, n - 1) + 1 : Math.min(b, n);
      return String.fromCodePoint(...cps.slice(0, s)) + text + String.fromCodePoint(...cps.slice(Math.max(after, s)));
    }
    throw mismatch(reg.typeName(idx), "i64", idxPos);
  }
  if (target instanceof RBlob) {
    if (typeof idx === "number" || typeof idx === "bigint") {
      const k = norm(idx, target.length);
      if (k < 0) throw arrayBounds(idx, target.length, idxPos);
      if (typeof v !== "number" && typeof v !== "bigint") throw mismatch(reg.typeName(v), "INT", idxPos);
      target.bytes[k] = Number(BigInt.asUintN(8, toBig(v)));
      return target;
    }
    throw mismatch(reg.typeName(idx), "i64", idxPos);
  }
  if (typeof target === "number" || typeof target === "bigint") {
    if (typeof idx === "number" || typeof idx === "bigint") {
      const k = norm(idx, 64);
      if (k < 0) throw bitBounds(idx, idxPos);
      if (typeof v !== "boolean") throw mismatch(reg.typeName(v), "bool", idxPos);
      const bit = 1n << BigInt(k);
      const x = toBig(target);
      return intFromBig(BigInt.asIntN(64, v ? x | bit : x & ~bit));
    }
    if (idx instanceof RRange) {
      const [s, len] = bitFieldRange(idx, idxPos);
      if (typeof v !== "number" && typeof v !== "bigint") throw mismatch(reg.typeName(v), "integer", idxPos);
      if (len <= 0) return target;
      if (len >= 64) return v;
      const mask = ((1n << BigInt(len)) - 1n) << BigInt(s);
      const x = toBig(target);
      return intFromBig(BigInt.asIntN(64, (x & ~mask) | ((toBig(v) << BigInt(s)) & mask)));
    }
    throw mismatch(reg.typeName(idx), "i64", idxPos);
  }
  const r = registryIndex(reg, ctx, "index$set", [target, idx, v], onConst, bracketPos);
  if (r !== MISSING) return r;
  throw new RhaiError(
    "ErrorIndexingType",
    `Indexer unavailable: ${reg.typeName(target)} [${reg.typeName(idx)}] = ${reg.typeName(v)}`,
    bracketPos,
  ).with({ type: reg.typeName(target) });
}
