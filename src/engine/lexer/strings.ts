// String-like literals: "normal", 'c'har, #"raw"#, and back-tick segments
// (rhai-language.md §1.7, §1.8). Each function starts with the scanner on the opening
// delimiter and leaves it after the closing one.

import { CR, LF, type Scanner, hexVal, isHex } from "./scanner.ts";

const UNTERMINATED = "Open string is not terminated";

/** Unicode white space (skipped in the indentation of a continued string). */
function isWhite(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || (c > 127 && /\s/u.test(String.fromCodePoint(c)));
}

/** Read `\x`, `\u`, `\U` digits after the letter; returns the code point. */
function hexEscape(s: Scanner, letter: number): number {
  let seq = "\\" + String.fromCharCode(letter);
  const len = letter === 120 ? 2 : letter === 117 ? 4 : 8;
  let v = 0;
  for (let k = 0; k < len; k++) {
    if (s.i >= s.n) s.fail(`Invalid escape sequence: '${seq}'`);
    const line = s.line;
    const col = s.col;
    const c = s.adv();
    seq += String.fromCodePoint(c);
    if (!isHex(c)) s.fail(`Invalid escape sequence: '${seq}'`, line, col);
    v = v * 16 + hexVal(c);
    if (k === len - 1 && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) {
      s.fail(`Invalid escape sequence: '${seq}'`, line, col);
    }
  }
  return v;
}

/**
 * A quoted string or char body. `quote` is `"` (34) or `'` (39). Returns the code points
 * as a JS string.
 */
function quoted(s: Scanner, quote: number): string {
  const startLine = s.line;
  const startCol = s.col;
  s.adv(); // opening quote
  let out = "";
  let seg = s.i; // start of a run of plain characters
  const flush = (end: number) => {
    if (end > seg) out += s.slice(seg, end);
  };
  for (;;) {
    if (s.i >= s.n) s.fail(UNTERMINATED, startLine, startCol);
    const c = s.peek();
    if (c === quote) {
      flush(s.i);
      s.adv();
      if (s.peek() === quote) {
        // (quirk) a doubled quote is one literal quote
        s.adv();
        out += String.fromCharCode(quote);
        seg = s.i;
        continue;
      }
      return out;
    }
    if (c === LF) s.fail(UNTERMINATED, startLine, startCol);
    if (c === CR && s.peek(1) === LF) {
      flush(s.i);
      s.adv();
      seg = s.i;
      continue;
    }
    if (c !== 92) {
      s.adv();
      continue;
    }
    // backslash
    flush(s.i);
    s.adv();
    if (s.i >= s.n) s.fail(UNTERMINATED, startLine, startCol);
    const e = s.peek();
    const eLine = s.line;
    const eCol = s.col;
    if (quote === 34 && (e === LF || (e === CR && s.peek(1) === LF))) {
      // line continuation
      if (e === CR) s.adv();
      s.adv();
      while (s.i < s.n) {
        const w = s.peek();
        if (w !== LF && w !== CR && isWhite(w) && s.col <= startCol) s.adv();
        else break;
      }
      seg = s.i;
      continue;
    }
    if (e === LF || e === CR) s.fail(UNTERMINATED, startLine, startCol);
    s.adv();
    switch (e) {
      case 110: out += "\n"; break;
      case 114: out += "\r"; break;
      case 116: out += "\t"; break;
      case 92: out += "\\"; break;
      case 120: case 117: case 85:
        out += String.fromCodePoint(hexEscape(s, e));
        break;
      default:
        if (e === quote) {
          out += String.fromCharCode(quote);
          break;
        }
        s.fail(`Invalid escape sequence: '\\${String.fromCodePoint(e)}'`, eLine, eCol);
    }
    seg = s.i;
  }
}

export function lexString(s: Scanner): string {
  return quoted(s, 34);
}

/** A char literal: returns the code point. */
export function lexChar(s: Scanner): number {
  const line = s.line;
  const col = s.col;
  const text = quoted(s, 39);
  const cp = text.codePointAt(0);
  if (cp === undefined || text.length !== (cp > 0xffff ? 2 : 1)) {
    s.fail(`Invalid character: '${text}'`, line, col);
  }
  return cp;
}

/** `#"..."#` with `hashes` leading `#`; the scanner is on the first `#`. */
export function lexRaw(s: Scanner, hashes: number): string {
  const line = s.line;
  const col = s.col;
  for (let k = 0; k <= hashes; k++) s.adv(); // hashes and the quote
  let out = "";
  let seg = s.i;
  for (;;) {
    if (s.i >= s.n) s.fail(UNTERMINATED, line, col);
    const c = s.peek();
    if (c === 34) {
      let k = 1;
      while (k <= hashes && s.peek(k) === 35) k++;
      if (k > hashes) {
        out += s.slice(seg, s.i);
        for (let j = 0; j <= hashes; j++) s.adv();
        return out;
      }
    }
    s.adv();
  }
}

/**
 * A back-tick string segment. `first`: the scanner is on the opening back-tick (a line
 * break right after it is dropped); otherwise it is just after the `}` closing an
 * interpolation. Returns the text and whether the segment ended at `${` (the scanner is
 * then after the `{`) or at the closing back-tick.
 */
export function lexBacktick(
  s: Scanner,
  first: boolean,
  openLine: number,
  openCol: number,
): { text: string; interp: boolean } {
  if (first) {
    s.adv();
    if (s.peek() === LF) s.adv();
    else if (s.peek() === CR) {
      s.adv();
      if (s.peek() === LF) s.adv();
    }
  }
  let out = "";
  let seg = s.i;
  for (;;) {
    if (s.i >= s.n) s.fail(UNTERMINATED, openLine, openCol);
    const c = s.peek();
    if (c === 96) {
      out += s.slice(seg, s.i);
      s.adv();
      if (s.peek() === 96) {
        s.adv();
        out += "`";
        seg = s.i;
        continue;
      }
      return { text: out, interp: false };
    }
    if (c === 36 && s.peek(1) === 123) {
      out += s.slice(seg, s.i);
      s.adv();
      s.adv();
      return { text: out, interp: true };
    }
    if (c === 92 && s.peek(1) === 36 && s.peek(2) === 123) {
      out += s.slice(seg, s.i) + "${";
      s.adv();
      s.adv();
      s.adv();
      seg = s.i;
      continue;
    }
    if (c === CR && s.peek(1) === LF) {
      out += s.slice(seg, s.i);
      s.adv();
      seg = s.i;
      continue;
    }
    s.adv();
  }
}
