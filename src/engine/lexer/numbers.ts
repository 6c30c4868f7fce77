// Numeric literals (rhai-language.md §1.6). The scanner is on the first digit; a fused
// negative literal has already consumed its `-` (`negated`).

import { INT_MAX, INT_MIN, RFloat, intFromBig, type Value } from "../value.ts";
import { type Scanner, isDigit, isAlpha, isHex } from "./scanner.ts";

const FLOAT_RE = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
const TWO64 = 1n << 64n;
const TWO63 = 1n << 63n;

function radixValid(radix: number, c: number): boolean {
  if (radix === 16) return isHex(c);
  if (radix === 8) return c >= 48 && c <= 55;
  return c === 48 || c === 49;
}

export function lexNumber(s: Scanner, negated: boolean, line: number, col: number): Value {
  let text = String.fromCharCode(s.adv());
  let radix = 10;
  let hasPeriod = false;
  let hasExp = false;
  for (;;) {
    const c = s.peek();
    if (c === 95) {
      s.adv();
    } else if (radix === 10 ? isDigit(c) : radixValid(radix, c)) {
      text += String.fromCharCode(c);
      s.adv();
    } else if (c === 46 && radix === 10 && !hasPeriod) {
      const d = s.peek(1);
      if (isDigit(d)) {
        text += ".";
        s.adv();
      } else if (d === -1 || d === 95 || d === 46 || isAlpha(d)) {
        break;
      } else {
        // `1.` followed by a symbol or space: the float 1.0
        s.adv();
        text += ".0";
      }
      hasPeriod = true;
    } else if ((c === 101 || c === 69) && radix === 10 && !hasExp) {
      const d = s.peek(1);
      if (isDigit(d)) {
        text += "e";
        s.adv();
      } else if (d === 43 || d === 45) {
        text += "e" + String.fromCharCode(d);
        s.adv();
        s.adv();
      } else {
        break;
      }
      hasExp = true;
      hasPeriod = true;
    } else if (
      (c === 120 || c === 111 || c === 98 || c === 88 || c === 79 || c === 66) &&
      text === "0"
    ) {
      text += String.fromCharCode(c);
      s.adv();
      radix = c === 120 || c === 88 ? 16 : c === 111 || c === 79 ? 8 : 2;
    } else {
      break;
    }
  }
  const full = negated ? "-" + text : text;
  if (radix !== 10) {
    const digits = full.slice(2);
    let ok = digits.length > 0;
    for (let k = 0; ok && k < digits.length; k++) {
      if (!radixValid(radix, digits.charCodeAt(k))) ok = false;
    }
    if (ok) {
      const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : "0b";
      let v = BigInt(prefix + digits);
      if (v < TWO64) {
        if (v >= TWO63) v -= TWO64;
        return intFromBig(v);
      }
    }
    s.fail(`Invalid number: '${digits}'`, line, col);
  }
  if (!FLOAT_RE.test(full)) s.fail(`Invalid number: '${full}'`, line, col);
  if (full.indexOf(".") < 0 && full.indexOf("e") < 0 && full.indexOf("E") < 0) {
    if (full.length < 16) {
      const v = Number(full);
      return v === 0 ? 0 : v; // no -0 for INT
    }
    const b = BigInt(full);
    if (b >= INT_MIN && b <= INT_MAX) return intFromBig(b);
  }
  return new RFloat(Number(full));
}
