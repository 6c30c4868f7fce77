// Iterators and ranges (rhai-stdlib.md §5): range(...), chars(...), bits(...) and the
// range properties. Iterators are RIter values whose next() returns ITER_DONE at the end.

import { RhaiError } from "../errors.ts";
import type { Registry } from "../registry.ts";
import {
  bigInRange,
  type INT,
  intFromBig,
  ITER_DONE,
  RChar,
  RFloat,
  RIter,
  RRange,
  toBig,
  type Value,
} from "../value.ts";
import { idx, rangeStartLen, startLen } from "./args.ts";

const RO = { rejectOnConst: true };
const DONE_ITER = (): typeof ITER_DONE => ITER_DONE;

/** `a + b` for INTs; undefined on 64-bit overflow. */
function addInt(a: INT, b: INT): INT | undefined {
  if (typeof a === "number" && typeof b === "number") {
    const s = a + b;
    if (Number.isSafeInteger(s)) return s;
  }
  const s = toBig(a) + toBig(b);
  return bigInRange(s) ? intFromBig(s) : undefined;
}

function stepZero(): RhaiError {
  const inner = new RhaiError("ErrorArithmetic", "step value cannot be zero");
  return new RhaiError(
    "ErrorInFunctionCall",
    "step value cannot be zero\nin call to function 'range'",
    undefined,
    undefined,
    inner,
  ).with({ function: "range", source: "" });
}

/** `range(from, to, step)` over INTs (§5.1). */
export function intStepRange(from: INT, to: INT, step: INT): RIter {
  if (step === 0 || step === 0n) throw stepZero();
  const up = step > 0;
  if (up ? !(from < to) : !(from > to)) return new RIter(DONE_ITER);
  let cur: INT = from;
  let done = false;
  return new RIter(() => {
    if (done) return ITER_DONE;
    if (up ? !(cur < to) : !(cur > to)) {
      done = true;
      return ITER_DONE;
    }
    const v = cur;
    const n = addInt(cur, step);
    if (n === undefined) {
      done = true;
      return ITER_DONE;
    }
    cur = n;
    return v;
  });
}

/** `range(from, to, step)` over FLOATs (§5.1). */
export function floatStepRange(from: number, to: number, step: number): RIter {
  if (from + step === from || Number.isNaN(step)) throw stepZero();
  const up = step > 0;
  let cur = from;
  return new RIter(() => {
    if (up ? !(cur < to) : !(cur > to)) return ITER_DONE;
    const v = cur;
    cur += step;
    return new RFloat(v);
  });
}

/** Characters of `s` from character `start`, at most `len` of them. */
export function charsIter(s: string, start: number, len: number): RIter {
  // Move to the UTF-16 offset of character `start`.
  let i = 0;
  for (let k = 0; k < start && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  let left = len;
  return new RIter(() => {
    if (left <= 0 || i >= s.length) return ITER_DONE;
    left--;
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    return RChar.of(cp);
  });
}

function charLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff)) n++;
  }
  return n;
}

function chars(s: string, start: INT, len: INT): RIter {
  const n = charLen(s);
  const [st, l] = startLen(n, start, len);
  return charsIter(s, st, l);
}

function bitBounds(from: number): RhaiError {
  return new RhaiError("ErrorBitFieldBounds", `Bit-field index ${from} out of bounds: only 64 bits in bit-field`).with({
    length: 64,
    index: from,
  });
}

/** `bits(value, from, len)`: `from` as an [IX] index over 64 bits, `len` clamped. */
export function bitsIter(value: INT, fromArg: INT, lenArg: INT): RIter {
  const f = idx(fromArg);
  let from: number;
  if (f >= 0 && f < 64) from = f;
  else if (f < 0 && f >= -64) from = 64 + f;
  else throw bitBounds(typeof fromArg === "bigint" ? Number(fromArg) : fromArg);
  let len = idx(lenArg);
  if (len < 0) len = 0;
  if (len > 64 - from) len = 64 - from;
  const bits = BigInt.asUintN(64, toBig(value));
  // Two 32-bit halves so that next() needs no bigint work.
  const lo = Number(bits & 0xffffffffn);
  const hi = Number(bits >> 32n);
  let i = from;
  const end = from + len;
  return new RIter(() => {
    if (i >= end) return ITER_DONE;
    const b = i < 32 ? (lo >>> i) & 1 : (hi >>> (i - 32)) & 1;
    i++;
    return b === 1;
  });
}

function rangeBits(value: INT, r: RRange): RIter {
  const [s, l] = rangeStartLen(r);
  return bitsIter(value, s, l);
}

export function register(reg: Registry): void {
  reg.fn("range", ["int", "int"], (_c, [a, b]) => new RRange(a as INT, b as INT, false));
  reg.fn("range", ["int", "int", "int"], (_c, [a, b, s]) => intStepRange(a as INT, b as INT, s as INT));
  reg.fn("range", ["range", "int"], (_c, [r, s]) => {
    const range = r as RRange;
    return intStepRange(range.start, range.end, s as INT);
  });
  reg.fn("range", ["float", "float", "float"], (_c, [a, b, s]) =>
    floatStepRange((a as RFloat).v, (b as RFloat).v, (s as RFloat).v),
  );

  reg.fn("chars", ["string"], (_c, [s]) => charsIter(s as string, 0, Number.MAX_SAFE_INTEGER));
  reg.getter("string", "chars", (_c, s) => charsIter(s as string, 0, Number.MAX_SAFE_INTEGER));
  reg.fn("chars", ["string", "int"], (_c, [s, a]) => chars(s as string, a as INT, Number.MAX_SAFE_INTEGER));
  reg.fn("chars", ["string", "int", "int"], (_c, [s, a, l]) => chars(s as string, a as INT, l as INT));
  for (const rt of ["range", "range="]) {
    reg.fn("chars", ["string", rt], (_c, [s, r]) => chars(s as string, ...rangeStartLen(r as RRange)));
    reg.fn("bits", ["int", rt], (_c, [v, r]) => rangeBits(v as INT, r as RRange));

    const start = (r: Value): INT => (r as RRange).start;
    const end = (r: Value): INT => (r as RRange).end;
    const empty = (r: Value): boolean => {
      const x = r as RRange;
      return x.inclusive ? x.start > x.end : x.start >= x.end;
    };
    reg.fn("start", [rt], (_c, [r]) => start(r));
    reg.getter(rt, "start", (_c, r) => start(r));
    reg.fn("end", [rt], (_c, [r]) => end(r));
    reg.getter(rt, "end", (_c, r) => end(r));
    const incl = rt === "range=";
    reg.fn("is_inclusive", [rt], () => incl);
    reg.getter(rt, "is_inclusive", () => incl);
    reg.fn("is_exclusive", [rt], () => !incl);
    reg.getter(rt, "is_exclusive", () => !incl);
    reg.fn("is_empty", [rt], (_c, [r]) => empty(r));
    reg.getter(rt, "is_empty", (_c, r) => empty(r));
    reg.fn(
      "contains",
      [rt, "int"],
      (_c, [r, v]) => {
        const x = r as RRange;
        const n = v as INT;
        return n >= x.start && (incl ? n <= x.end : n < x.end);
      },
      RO,
    );
  }

  reg.fn("bits", ["int"], (_c, [v]) => bitsIter(v as INT, 0, 64));
  reg.getter("int", "bits", (_c, v) => bitsIter(v as INT, 0, 64));
  reg.fn("bits", ["int", "int"], (_c, [v, f]) => bitsIter(v as INT, f as INT, 64));
  reg.fn("bits", ["int", "int", "int"], (_c, [v, f, l]) => bitsIter(v as INT, f as INT, l as INT));
}
