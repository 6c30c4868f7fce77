// Standard library: math (rhai-stdlib.md §9): parsing numbers, FLOAT functions, rounding,
// classification and INT/FLOAT conversion.

import { floatPlain } from "../format.ts";
import { RhaiError } from "../errors.ts";
import type { Registry } from "../registry.ts";
import { type INT, INT_MAX, RChar, RFloat, type Value, intFromBig } from "../value.ts";

function arith(msg: string): RhaiError {
  return new RhaiError("ErrorArithmetic", msg);
}

// Unicode White_Space (what Rust's str::trim removes).
const WS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

export function trimWhiteSpace(s: string): string {
  return s.replace(WS, "");
}

const DEC_SMALL = /^[+-]?[0-9]{1,15}$/;

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

/** `parse_int(s, radix)`: Rust's i64::from_str_radix on the trimmed text. */
export function parseInt(s: string, radix: INT): INT {
  if (typeof radix !== "number" || radix < 2 || radix > 36) throw arith(`Invalid radix: '${radix}'`);
  const t = trimWhiteSpace(s);
  if (radix === 10 && DEC_SMALL.test(t)) {
    const n = Number(t);
    return n === 0 ? 0 : n;
  }
  const fail = (reason: string) => arith(`Error parsing integer number '${s}': ${reason}`);
  if (t.length === 0) throw fail("cannot parse integer from empty string");
  let i = 0;
  let neg = false;
  const c0 = t.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i = 1;
    if (t.length === 1) throw fail("invalid digit found in string");
  }
  const r = BigInt(radix);
  let acc = 0n;
  for (; i < t.length; i++) {
    const d = digitValue(t.charCodeAt(i));
    if (d >= radix) throw fail("invalid digit found in string");
    acc = neg ? acc * r - BigInt(d) : acc * r + BigInt(d);
    if (acc > INT_MAX) throw fail("number too large to fit in target type");
    if (acc < -INT_MAX - 1n) throw fail("number too small to fit in target type");
  }
  return intFromBig(acc);
}

const FLOAT_TEXT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** `parse_float(s)`: Rust's f64 parsing of the trimmed text. */
export function parseFloat(s: string): number {
  const t = trimWhiteSpace(s);
  if (FLOAT_TEXT.test(t)) return Number(t);
  const m = FLOAT_SPECIAL.exec(t);
  if (m) {
    if (m[2]!.length === 3 && m[2]!.toLowerCase() === "nan") return NaN;
    return m[1] === "-" ? -Infinity : Infinity;
  }
  if (t.length === 0) throw arith(`Error parsing floating-point number '${s}': cannot parse float from empty string`);
  throw arith(`Error parsing floating-point number '${s}': invalid float literal`);
}

const TWO_63 = 9223372036854775808.0;

/** `to_int(float)`: truncation, overflow error beyond ±2^63, NaN → 0, 2^63 → INT maximum. */
export function floatToInt(x: number): INT {
  if (x !== x) return 0;
  if (x > TWO_63 || x < -TWO_63) throw arith(`Integer overflow: to_int(${floatPlain(x)})`);
  const t = Math.trunc(x);
  if (Number.isSafeInteger(t)) return t === 0 ? 0 : t;
  if (t === TWO_63) return INT_MAX;
  return intFromBig(BigInt(t));
}

/** Round half away from zero. */
export function roundHalfAway(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 || Object.is(x, -0) ? -r : r;
}

type F1 = (x: number) => number;

const UNARY: [string, F1][] = [
  ["sin", Math.sin],
  ["cos", Math.cos],
  ["tan", Math.tan],
  ["sinh", Math.sinh],
  ["cosh", Math.cosh],
  ["tanh", Math.tanh],
  ["asin", Math.asin],
  ["acos", Math.acos],
  ["atan", Math.atan],
  ["asinh", Math.asinh],
  ["acosh", Math.acosh],
  ["atanh", Math.atanh],
  ["to_radians", (x) => x * (Math.PI / 180.0)],
  ["to_degrees", (x) => x * (180.0 / Math.PI)],
  ["sqrt", Math.sqrt],
  ["exp", Math.exp],
  ["ln", Math.log],
  ["log", Math.log10],
];

// The P forms (property getters) as well as F/M.
const PROPS: [string, F1][] = [
  ["floor", Math.floor],
  ["ceiling", Math.ceil],
  ["round", roundHalfAway],
  ["int", Math.trunc],
  ["fraction", (x) => x - Math.trunc(x)],
];

const TESTS: [string, (x: number) => boolean][] = [
  ["is_nan", (x) => x !== x],
  ["is_finite", Number.isFinite],
  ["is_infinite", (x) => x === Infinity || x === -Infinity],
];

export function register(reg: Registry): void {
  reg.fn("parse_int", ["string"], (_c, a) => parseInt(a[0] as string, 10));
  reg.fn("parse_int", ["string", "int"], (_c, a) => parseInt(a[0] as string, a[1] as INT));
  reg.fn("parse_float", ["string"], (_c, a) => new RFloat(parseFloat(a[0] as string)));

  for (const [name, f] of UNARY) reg.fn(name, ["float"], (_c, a) => new RFloat(f((a[0] as RFloat).v)));
  for (const [name, f] of PROPS) {
    reg.fn(name, ["float"], (_c, a) => new RFloat(f((a[0] as RFloat).v)));
    reg.getter("float", name, (_c, v) => new RFloat(f((v as RFloat).v)));
  }
  for (const [name, f] of TESTS) {
    reg.fn(name, ["float"], (_c, a) => f((a[0] as RFloat).v));
    reg.getter("float", name, (_c, v) => f((v as RFloat).v));
  }
  reg.fn("atan", ["float", "float"], (_c, a) => new RFloat(Math.atan2((a[0] as RFloat).v, (a[1] as RFloat).v)));
  reg.fn("hypot", ["float", "float"], (_c, a) => new RFloat(Math.hypot((a[0] as RFloat).v, (a[1] as RFloat).v)));
  reg.fn("log", ["float", "float"], (_c, a) => new RFloat(Math.log((a[0] as RFloat).v) / Math.log((a[1] as RFloat).v)));
  reg.fn("E", [], () => new RFloat(Math.E));
  reg.fn("PI", [], () => new RFloat(Math.PI));

  reg.fn("to_int", ["float"], (_c, a) => floatToInt((a[0] as RFloat).v));
  reg.fn("to_int", ["int"], (_c, a) => a[0]);
  reg.fn("to_int", ["char"], (_c, a) => (a[0] as RChar).cp);
  reg.fn("to_float", ["int"], (_c, a) => new RFloat(Number(a[0] as INT)));
  reg.fn("to_float", ["float"], (_c, a): Value => a[0]);
}
