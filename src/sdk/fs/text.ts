// Bytes and lines (sdk-fs.md §1.9): whole-descriptor reads, strict UTF-8, line splitting.

import type { HostFs } from "../../host/index.ts";
import { fsError, osError } from "./errors.ts";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Read from the current offset to the end. Throws the OS error. */
export function readToEnd(h: HostFs, fd: number): Uint8Array {
  const st = h.fstat(fd);
  let cap = typeof st === "number" ? 8192 : Math.max(st.size + 1, 4096);
  let buf = new Uint8Array(cap);
  let len = 0;
  for (;;) {
    if (len === cap) {
      cap *= 2;
      const nb = new Uint8Array(cap);
      nb.set(buf);
      buf = nb;
    }
    const n = h.read(fd, buf.subarray(len), cap - len);
    if (n < 0) throw osError(-n);
    if (n === 0) break;
    len += n;
  }
  return buf.subarray(0, len);
}

/** Strict UTF-8 decoding; invalid input is kind IoError `stream did not contain valid UTF-8`. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    throw fsError("IoError", "stream did not contain valid UTF-8");
  }
}

/**
 * Line boundaries as [start, end) pairs, flattened: split on `\n`, one trailing `\r`
 * removed, a final `\n` does not make an empty last line.
 */
export function lineBounds(b: Uint8Array): number[] {
  const out: number[] = [];
  let start = 0;
  const n = b.length;
  while (start < n) {
    let nl = b.indexOf(0x0a, start);
    const next = nl < 0 ? n : nl + 1;
    if (nl < 0) nl = n;
    let end = nl;
    if (end > start && b[end - 1] === 0x0d) end--;
    out.push(start, end);
    start = next;
  }
  return out;
}

/** Decode lines [from, to) (line indexes) of `b` strictly. */
export function decodeLines(b: Uint8Array, bounds: number[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(decodeUtf8(b.subarray(bounds[2 * i], bounds[2 * i + 1])));
  return out;
}

const enc = new TextEncoder();

export function encodeUtf8(s: string): Uint8Array {
  return enc.encode(s);
}

/** Write all bytes at the current offset. Throws the OS error. */
export function writeAll(h: HostFs, fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    const n = h.write(fd, bytes.subarray(off), bytes.length - off);
    if (n < 0) throw osError(-n);
    off += n;
  }
}
