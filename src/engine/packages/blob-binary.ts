// BLOB binary access (rhai-stdlib.md §11): parse_le_int parse_be_int parse_le_float
// parse_be_float write_le write_be write_utf8 write_ascii, each with (int, int), range and
// range= selections ([SL]/[RG]).

import type { Registry } from "../registry.ts";
import { type INT, intFromBig, type RBlob, RFloat, type RRange, toBig, type Value } from "../value.ts";
import { rangeStartLen, startLen } from "./args.ts";

const MUT = { mut: true };
const UTF8 = new TextEncoder();
const BUF = new Uint8Array(8);
const VIEW = new DataView(BUF.buffer);

/** Copy up to 8 bytes of the selection into BUF (zero-filled); returns false if empty. */
function load(b: RBlob, start: INT, len: INT): boolean {
  const [s, l] = startLen(b.length, start, len);
  BUF.fill(0);
  if (l === 0) return false;
  BUF.set(b.bytes.subarray(s, s + Math.min(l, 8)));
  return true;
}

function parseInt64(b: RBlob, start: INT, len: INT, le: boolean): INT {
  if (!load(b, start, len)) return 0;
  return intFromBig(VIEW.getBigInt64(0, le));
}

function parseFloat64(b: RBlob, start: INT, len: INT, le: boolean): RFloat {
  if (!load(b, start, len)) return new RFloat(0);
  return new RFloat(VIEW.getFloat64(0, le));
}

/** Write the first min(len, src.length) bytes of `src` into the selection. */
function store(b: RBlob, start: INT, len: INT, src: Uint8Array): void {
  const [s, l] = startLen(b.length, start, len);
  if (l === 0) return;
  const n = Math.min(l, src.length);
  b.bytes.set(src.subarray(0, n), s);
}

function intBytes(v: INT, le: boolean): Uint8Array {
  VIEW.setBigInt64(0, toBig(v), le);
  return BUF;
}

function floatBytes(v: RFloat, le: boolean): Uint8Array {
  VIEW.setFloat64(0, v.v, le);
  return BUF;
}

function asciiBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out.push(c);
  }
  return Uint8Array.from(out);
}

type Sel = (args: Value[]) => [INT, INT];

export function register(reg: Registry): void {
  // Each function has three selection forms: (int, int), (range), (range=).
  const forms: [string[], Sel][] = [
    [["int", "int"], (a) => [a[1] as INT, a[2] as INT]],
    [["range"], (a) => rangeStartLen(a[1] as RRange)],
    [["range="], (a) => rangeStartLen(a[1] as RRange)],
  ];
  for (const [sel, get] of forms) {
    const p = ["blob", ...sel];
    const last = p.length; // index of the value argument in the write forms
    for (const le of [true, false]) {
      const e = le ? "le" : "be";
      reg.fn(`parse_${e}_int`, p, (_c, a) => parseInt64(a[0] as RBlob, ...get(a), le));
      reg.fn(`parse_${e}_float`, p, (_c, a) => parseFloat64(a[0] as RBlob, ...get(a), le));
      reg.fn(
        `write_${e}`,
        [...p, "int"],
        (_c, a) => (store(a[0] as RBlob, ...get(a), intBytes(a[last] as INT, le)), undefined),
        MUT,
      );
      reg.fn(
        `write_${e}`,
        [...p, "float"],
        (_c, a) => (store(a[0] as RBlob, ...get(a), floatBytes(a[last] as RFloat, le)), undefined),
        MUT,
      );
    }
    reg.fn(
      "write_utf8",
      [...p, "string"],
      (_c, a) => (store(a[0] as RBlob, ...get(a), UTF8.encode(a[last] as string)), undefined),
      MUT,
    );
    reg.fn(
      "write_ascii",
      [...p, "string"],
      (_c, a) => (store(a[0] as RBlob, ...get(a), asciiBytes(a[last] as string)), undefined),
      MUT,
    );
  }
}
