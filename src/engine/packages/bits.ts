// Standard library: bit fields of an INT (rhai-stdlib.md §7). INT is 64-bit two's complement;
// JS numbers take a float fast path, everything else goes through 64-bit bigint arithmetic.

import { RhaiError } from "../errors.ts";
import type { Registry } from "../registry.ts";
import { type INT, RRange, type Value, intFromBig, toBig } from "../value.ts";

const BITS = 64;

export function bitFieldError(index: INT): RhaiError {
  return new RhaiError("ErrorBitFieldBounds", `Bit-field index ${index} out of bounds: only 64 bits in bit-field`).with({
    length: BITS,
    index,
  });
}

/** A bit position: 0..63, or negative counting down from bit 63 (-1 is bit 63). */
export function bitIndex(i: INT): number {
  if (typeof i === "number") {
    if (i >= 0 && i < BITS) return i;
    if (i < 0 && i >= -BITS) return BITS + i;
  }
  throw bitFieldError(i);
}

const POW2: number[] = [];
for (let i = 0; i <= 64; i++) POW2.push(2 ** i);

function getBit(v: INT, bit: number): boolean {
  if (typeof v === "number") {
    if (bit >= 53) return v < 0;
    return (Math.floor(v / POW2[bit]!) & 1) === 1;
  }
  return ((v >> BigInt(bit)) & 1n) === 1n;
}

function setBit(v: INT, bit: number, on: boolean): INT {
  const mask = 1n << BigInt(bit);
  const b = toBig(v);
  return intFromBig(BigInt.asIntN(64, on ? b | mask : b & ~mask));
}

/** Number of bits of a field from `bit` of length `bits` (> 0), clamped to the word. */
function fieldWidth(bit: number, bits: INT): number {
  const n = typeof bits === "bigint" ? BITS : bits;
  return n > BITS - bit ? BITS - bit : n;
}

export function getBits(v: INT, start: INT, bits: INT): INT {
  if (bits <= 0) return 0;
  const bit = bitIndex(start);
  const n = fieldWidth(bit, bits);
  if (bit === 0 && n === BITS) return v;
  if (typeof v === "number" && n <= 52) {
    const q = Math.floor(v / POW2[bit]!);
    const m = POW2[n]!;
    return q - Math.floor(q / m) * m;
  }
  const mask = (1n << BigInt(n)) - 1n;
  return intFromBig((BigInt.asUintN(64, toBig(v)) >> BigInt(bit)) & mask);
}

export function setBits(v: INT, start: INT, bits: INT, value: INT): INT {
  if (bits <= 0) return v;
  const bit = bitIndex(start);
  const n = fieldWidth(bit, bits);
  if (bit === 0 && n === BITS) return value;
  const mask = ((1n << BigInt(n)) - 1n) << BigInt(bit);
  const r = (toBig(v) & ~mask) | ((toBig(value) << BigInt(bit)) & mask);
  return intFromBig(BigInt.asIntN(64, r));
}

function maxInt(a: INT, b: INT): INT {
  return a >= b ? a : b;
}

function sub(a: INT, b: INT): INT {
  return typeof a === "number" && typeof b === "number" ? a - b : intFromBig(toBig(a) - toBig(b));
}

/** (start, bits) of a range argument: bounds clamp at 0; an inclusive end must be < 64. */
function rangeField(r: RRange): [INT, INT] {
  if (r.inclusive) {
    if (r.end >= BITS) throw bitFieldError(r.end);
    const from = maxInt(r.start, 0);
    const to = maxInt(r.end, sub(from, 1));
    return [from, sub(to, from) as number + 1];
  }
  const from = maxInt(r.start, 0);
  return [from, sub(maxInt(r.end, from), from)];
}

export function register(reg: Registry): void {
  reg.fn("get_bit", ["int", "int"], (_c, a) => getBit(a[0] as INT, bitIndex(a[1] as INT)));
  reg.fn(
    "set_bit",
    ["int", "int", "bool"],
    (_c, a) => {
      a[0] = setBit(a[0] as INT, bitIndex(a[1] as INT), a[2] as boolean);
      return undefined;
    },
    { mut: true },
  );
  reg.fn("get_bits", ["int", "int", "int"], (_c, a) => getBits(a[0] as INT, a[1] as INT, a[2] as INT));
  const getRange = (_c: unknown, a: Value[]): Value => {
    const [s, n] = rangeField(a[1] as RRange);
    return getBits(a[0] as INT, s, n);
  };
  reg.fn("get_bits", ["int", "range"], getRange);
  reg.fn("get_bits", ["int", "range="], getRange);
  reg.fn(
    "set_bits",
    ["int", "int", "int", "int"],
    (_c, a) => {
      a[0] = setBits(a[0] as INT, a[1] as INT, a[2] as INT, a[3] as INT);
      return undefined;
    },
    { mut: true },
  );
  const setRange = (_c: unknown, a: Value[]): Value => {
    const [s, n] = rangeField(a[1] as RRange);
    a[0] = setBits(a[0] as INT, s, n, a[2] as INT);
    return undefined;
  };
  reg.fn("set_bits", ["int", "range", "int"], setRange, { mut: true });
  reg.fn("set_bits", ["int", "range=", "int"], setRange, { mut: true });
}
