// Code-point helpers for the string package. Rhai strings are sequences of Unicode scalar
// values; rex stores them as well-formed JS strings, so every position a script sees counts
// code points while JS indexes UTF-16 units. Strings without surrogates (the common case)
// take the fast path where both agree.

import { RhaiError } from "../errors.ts";
import { charLength, RChar, utf8Length } from "../value.ts";

export function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** UTF-16 offset of the k-th code point (k clamped to the end of the string). */
export function unitOffset(s: string, k: number): number {
  const n = s.length;
  let i = 0;
  while (k > 0 && i < n) {
    i += isHighSurrogate(s.charCodeAt(i)) ? 2 : 1;
    k--;
  }
  return i > n ? n : i;
}

/** Number of code points in s[0 .. unit). */
export function cpCount(s: string, unit: number): number {
  let n = unit;
  for (let i = 0; i < unit; i++) {
    if (isHighSurrogate(s.charCodeAt(i))) {
      n--;
      i++;
    }
  }
  return n;
}

/** The code points start .. start+len of s (caller clamps); `n` is charLength(s). */
export function sliceChars(s: string, n: number, start: number, len: number): string {
  if (len <= 0) return "";
  if (n === s.length) return s.substring(start, start + len);
  const a = unitOffset(s, start);
  let b = a;
  for (let k = len; k > 0 && b < s.length; k--) b += isHighSurrogate(s.charCodeAt(b)) ? 2 : 1;
  return s.substring(a, b);
}


/** The characters of a string as chars. */
export function toCharArray(s: string): RChar[] {
  const out: RChar[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHighSurrogate(c)) {
      out.push(RChar.of(s.codePointAt(i)!));
      i++;
    } else out.push(RChar.of(c));
  }
  return out;
}

/**
 * Unicode White_Space (what Rust's `char::is_whitespace` tests). Differs from JS `trim`:
 * U+0085 is whitespace, U+FEFF is not.
 */
export function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function trimWhitespace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWhitespace(s.charCodeAt(a))) a++;
  while (b > a && isWhitespace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.substring(a, b);
}

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

/** Decode UTF-8 bytes; invalid sequences become U+FFFD (a leading BOM is kept). */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export { charLength, utf8Length };

/** The size-limit error of strings (uncatchable ErrorDataTooLarge). */
export function stringTooLarge(): RhaiError {
  return new RhaiError("ErrorDataTooLarge", "Length of string too large");
}
