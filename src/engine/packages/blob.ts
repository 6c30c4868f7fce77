// BLOBs (rhai-stdlib.md §11): byte buffers. Bytes read as INT 0..=255, written as v & 0xFF.
// Binary reading/writing (parse_* / write_*) is in blob-binary.ts.

import { RhaiError } from "../errors.ts";
import type { NativeContext, Registry } from "../registry.ts";
import { type INT, RBlob, type RChar, type RRange, type Value } from "../value.ts";
import { getIndex, idx, rangeStartLen, singleIndex, startLen } from "./args.ts";
import { tooLarge } from "./array.ts";
import * as binary from "./blob-binary.ts";

const MUT = { mut: true };
const RO = { rejectOnConst: true };
const EMPTY = new Uint8Array(0);
const UTF8 = new TextEncoder();
const UTF8_LOSSY = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** `v & 0xFF` for an INT. */
export function byte(v: INT): number {
  return typeof v === "number" ? v & 0xff : Number(BigInt.asUintN(8, v));
}

/** Replace a BLOB's contents (takes ownership of `bytes`). */
function setBytes(b: RBlob, bytes: Uint8Array): void {
  b.bytes = bytes;
  b.length = bytes.length;
}

function appendBytes(b: RBlob, src: Uint8Array): void {
  b.ensure(b.length + src.length);
  b.bytes.set(src, b.length);
  b.length += src.length;
}

/**
 * Check that a BLOB of `n` bytes would be within the size limit before allocating it, by
 * asking the size check about a BLOB whose length is `n` but which holds no bytes.
 */
function checkLength(ctx: NativeContext, n: number, message?: string): void {
  try {
    ctx.checkSize(new RBlob(EMPTY, n));
  } catch (e) {
    if (message && e instanceof RhaiError && e.kind === "ErrorDataTooLarge") {
      throw new RhaiError("ErrorDataTooLarge", message);
    }
    throw e;
  }
  if (n > 2 ** 32) throw message ? new RhaiError("ErrorDataTooLarge", message) : tooLarge();
}

function makeBlob(ctx: NativeContext, n: INT, v: number): RBlob {
  const len = idx(n);
  if (len <= 0) return new RBlob();
  checkLength(ctx, len);
  const bytes = new Uint8Array(len);
  if (v !== 0) bytes.fill(v);
  return new RBlob(bytes);
}

function extract(b: RBlob, start: INT, len: INT): RBlob {
  const [s, l] = startLen(b.length, start, len);
  return new RBlob(b.bytes.slice(s, s + l));
}

function splice(ctx: NativeContext, b: RBlob, start: INT, len: INT, rep: RBlob): void {
  if (b.length === 0) {
    setBytes(b, rep.view().slice());
  } else {
    const [s, l] = startLen(b.length, start, len);
    if (l === 0) {
      appendBytes(b, rep.view());
    } else {
      const v = b.view();
      const out = new Uint8Array(b.length - l + rep.length);
      out.set(v.subarray(0, s));
      out.set(rep.view(), s);
      out.set(v.subarray(s + l), s + rep.length);
      setBytes(b, out);
    }
  }
  ctx.checkSize(b);
}

function drainPart(b: RBlob, start: INT, len: INT): RBlob {
  if (b.length === 0 || idx(len) <= 0) return new RBlob();
  const [s, l] = startLen(b.length, start, len);
  if (l === 0) return new RBlob();
  const v = b.view();
  const taken = v.slice(s, s + l);
  b.bytes.copyWithin(s, s + l, b.length);
  b.length -= l;
  return new RBlob(taken);
}

function retainPart(b: RBlob, start: INT, len: INT): RBlob {
  if (b.length === 0 || idx(len) <= 0) return new RBlob();
  const [s, l] = startLen(b.length, start, len);
  if (l === 0) {
    const all = new RBlob(b.view().slice());
    setBytes(b, new Uint8Array(0));
    return all;
  }
  const v = b.view();
  const removed = new Uint8Array(b.length - l);
  removed.set(v.subarray(0, s));
  removed.set(v.subarray(s + l), s);
  setBytes(b, v.slice(s, s + l));
  return new RBlob(removed);
}

export function register(reg: Registry): void {
  reg.fn("blob", [], () => new RBlob());
  reg.fn("blob", ["int"], (c, [n]) => makeBlob(c, n as INT, 0));
  reg.fn("blob", ["int", "int"], (c, [n, v]) => makeBlob(c, n as INT, byte(v as INT)));
  reg.fn("to_array", ["blob"], (_c, [b]) => Array.from((b as RBlob).view()));
  reg.fn("as_string", ["blob"], (_c, [b]) => UTF8_LOSSY.decode((b as RBlob).view()));
  reg.fn("len", ["blob"], (_c, [b]) => (b as RBlob).length);
  reg.getter("blob", "len", (_c, b) => (b as RBlob).length);
  reg.fn("is_empty", ["blob"], (_c, [b]) => (b as RBlob).length === 0);
  reg.getter("blob", "is_empty", (_c, b) => (b as RBlob).length === 0);
  reg.fn("contains", ["blob", "int"], (_c, [b, v]) => (b as RBlob).view().includes(byte(v as INT)));

  reg.fn("get", ["blob", "int"], (_c, [b, i]) => {
    const blob = b as RBlob;
    const k = getIndex(blob.length, i as INT);
    return k < blob.length ? blob.bytes[k]! : 0;
  });
  reg.fn(
    "set",
    ["blob", "int", "int"],
    (_c, [b, i, v]) => {
      const blob = b as RBlob;
      const k = getIndex(blob.length, i as INT);
      if (k < blob.length) blob.bytes[k] = byte(v as INT);
      return undefined;
    },
    MUT,
  );
  for (const name of ["push", "append"]) {
    reg.fn(
      name,
      ["blob", "int"],
      (c, [b, v]) => {
        (b as RBlob).push(byte(v as INT));
        c.checkSize(b);
        return undefined;
      },
      MUT,
    );
  }
  const appendFn = (bytesOf: (v: Value) => Uint8Array) => (c: NativeContext, [b, v]: Value[]) => {
    appendBytes(b as RBlob, bytesOf(v));
    c.checkSize(b);
    return undefined;
  };
  reg.fn("append", ["blob", "blob"], appendFn((v) => (v as RBlob).view().slice()), MUT);
  reg.fn("append", ["blob", "string"], appendFn((v) => UTF8.encode(v as string)), MUT);
  reg.fn("append", ["blob", "char"], appendFn((v) => UTF8.encode(String.fromCodePoint((v as RChar).cp))), MUT);
  reg.fn(
    "insert",
    ["blob", "int", "int"],
    (c, [b, i, v]) => {
      const blob = b as RBlob;
      const k = getIndex(blob.length, i as INT);
      if (k >= blob.length) blob.push(byte(v as INT));
      else {
        blob.ensure(blob.length + 1);
        blob.bytes.copyWithin(k + 1, k, blob.length);
        blob.bytes[k] = byte(v as INT);
        blob.length++;
      }
      c.checkSize(blob);
      return undefined;
    },
    MUT,
  );
  reg.fn(
    "pad",
    ["blob", "int", "int"],
    (c, [b, n, v]) => {
      const blob = b as RBlob;
      const target = idx(n as INT);
      if (target <= blob.length) return undefined;
      checkLength(c, target, "Size of BLOB too large");
      blob.ensure(target);
      blob.bytes.fill(byte(v as INT), blob.length, target);
      blob.length = target;
      return undefined;
    },
    MUT,
  );
  reg.fn(
    "pop",
    ["blob"],
    (_c, [b]) => {
      const blob = b as RBlob;
      return blob.length === 0 ? 0 : blob.bytes[--blob.length]!;
    },
    MUT,
  );
  reg.fn(
    "shift",
    ["blob"],
    (_c, [b]) => {
      const blob = b as RBlob;
      if (blob.length === 0) return 0;
      const x = blob.bytes[0]!;
      blob.bytes.copyWithin(0, 1, blob.length);
      blob.length--;
      return x;
    },
    MUT,
  );
  reg.fn(
    "remove",
    ["blob", "int"],
    (_c, [b, i]) => {
      const blob = b as RBlob;
      const k = singleIndex(blob.length, i as INT);
      if (k < 0) return 0;
      const x = blob.bytes[k]!;
      blob.bytes.copyWithin(k, k + 1, blob.length);
      blob.length--;
      return x;
    },
    MUT,
  );
  reg.fn("clear", ["blob"], (_c, [b]) => ((b as RBlob).length = 0, undefined), MUT);
  reg.fn("reverse", ["blob"], (_c, [b]) => ((b as RBlob).view().reverse(), undefined), MUT);
  reg.fn(
    "truncate",
    ["blob", "int"],
    (_c, [b, n]) => {
      const blob = b as RBlob;
      const k = idx(n as INT);
      if (k <= 0) blob.length = 0;
      else if (k < blob.length) blob.length = k;
      return undefined;
    },
    MUT,
  );
  reg.fn(
    "chop",
    ["blob", "int"],
    (_c, [b, n]) => {
      const blob = b as RBlob;
      const k = idx(n as INT);
      if (k <= 0) blob.length = 0;
      else if (k < blob.length) {
        blob.bytes.copyWithin(0, blob.length - k, blob.length);
        blob.length = k;
      }
      return undefined;
    },
    MUT,
  );

  reg.fn(
    "splice",
    ["blob", "int", "int", "blob"],
    (c, [b, s, l, r]) => (splice(c, b as RBlob, s as INT, l as INT, r as RBlob), undefined),
    MUT,
  );
  reg.fn("extract", ["blob", "int", "int"], (_c, [b, s, l]) => extract(b as RBlob, s as INT, l as INT), RO);
  reg.fn("extract", ["blob", "int"], (_c, [b, s]) => extract(b as RBlob, s as INT, (b as RBlob).length), RO);
  reg.fn("drain", ["blob", "int", "int"], (_c, [b, s, l]) => drainPart(b as RBlob, s as INT, l as INT), MUT);
  reg.fn("retain", ["blob", "int", "int"], (_c, [b, s, l]) => retainPart(b as RBlob, s as INT, l as INT), MUT);
  for (const rt of ["range", "range="]) {
    const sl = (r: Value): [number, number] => rangeStartLen(r as RRange);
    reg.fn(
      "splice",
      ["blob", rt, "blob"],
      (c, [b, r, rep]) => (splice(c, b as RBlob, ...sl(r), rep as RBlob), undefined),
      MUT,
    );
    reg.fn("extract", ["blob", rt], (_c, [b, r]) => extract(b as RBlob, ...sl(r)), RO);
    reg.fn("drain", ["blob", rt], (_c, [b, r]) => drainPart(b as RBlob, ...sl(r)), MUT);
    reg.fn("retain", ["blob", rt], (_c, [b, r]) => retainPart(b as RBlob, ...sl(r)), MUT);
  }
  reg.fn(
    "split",
    ["blob", "int"],
    (_c, [b, i]) => {
      const blob = b as RBlob;
      if (blob.length === 0) return new RBlob();
      const [s] = startLen(blob.length, i as INT, blob.length);
      const tail = blob.bytes.slice(s, blob.length);
      blob.length = s;
      return new RBlob(tail);
    },
    MUT,
  );

  binary.register(reg);
}
