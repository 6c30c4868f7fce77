// Built-in operators (rhai-language.md §5.4): checked INT arithmetic (§5.1), mixed INT/FLOAT
// (§5.2), relative-epsilon float comparison (§6.2), and the string/char/bool/unit/BLOB/range
// rows. `builtinBinary` returns NO_OP when the operand types are not in the table, so the caller
// can try the library next (and then `mixedFallback`).

import { RhaiError } from "./errors.ts";
import {
  type INT,
  INT_MAX,
  INT_MIN,
  RBlob,
  RChar,
  RFloat,
  RRange,
  type Value,
  bigInRange,
  compareCodePoints,
  intFromBig,
  toBig,
} from "./value.ts";

export const NO_OP: unique symbol = Symbol("no-op");
export type OpResult = Value | typeof NO_OP;

const EPS = 2.220446049250313e-16;
const MIN_NUM = -9223372036854775808n;

function arith(msg: string): RhaiError {
  return new RhaiError("ErrorArithmetic", msg);
}

/** Normalise a bigint result, or throw the overflow error. */
function fit(r: bigint, msg: () => string): INT {
  if (!bigInRange(r)) throw arith(msg());
  return intFromBig(r);
}

export function intAdd(a: INT, b: INT): INT {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return fit(toBig(a) + toBig(b), () => `Addition overflow: ${a} + ${b}`);
}

export function intSub(a: INT, b: INT): INT {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return fit(toBig(a) - toBig(b), () => `Subtraction overflow: ${a} - ${b}`);
}

export function intMul(a: INT, b: INT): INT {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return fit(toBig(a) * toBig(b), () => `Multiplication overflow: ${a} * ${b}`);
}

export function intDiv(a: INT, b: INT): INT {
  if (b === 0) throw arith(`Division by zero: ${a} / ${b}`);
  if (typeof a === "number" && typeof b === "number") {
    const r = Math.trunc(a / b);
    return r === 0 ? 0 : r;
  }
  const x = toBig(a);
  const y = toBig(b);
  if (x === MIN_NUM && y === -1n) throw arith(`Division overflow: ${a} / ${b}`);
  return intFromBig(x / y);
}

export function intMod(a: INT, b: INT): INT {
  if (b === 0) throw arith(`Modulo division by zero or overflow: ${a} % ${b}`);
  if (typeof a === "number" && typeof b === "number") {
    const r = a % b;
    return r === 0 ? 0 : r;
  }
  const x = toBig(a);
  const y = toBig(b);
  if (x === MIN_NUM && y === -1n) throw arith(`Modulo division by zero or overflow: ${a} % ${b}`);
  return intFromBig(x % y);
}

export function intPow(a: INT, b: INT): INT {
  if (b < 0) throw arith(`Integer raised to a negative power: ${a} ** ${b}`);
  if (b > 4294967295) throw arith(`Exponential overflow: ${a} ** ${b}`);
  const e = Number(b);
  if (typeof a === "number") {
    const approx = Math.pow(a, e);
    if (Math.abs(approx) < 2 ** 52) {
      // Exact by repeated squaring: every intermediate is at most |result|.
      let r = 1;
      let base = a;
      let n = e;
      while (n > 0) {
        if (n & 1) r *= base;
        n = Math.floor(n / 2);
        if (n > 0) base *= base;
      }
      return r === 0 ? 0 : r;
    }
  }
  const x = toBig(a);
  if (x === 0n || x === 1n) return Number(x);
  if (x === -1n) return e % 2 === 0 ? 1 : -1;
  if (e > 64) throw arith(`Exponential overflow: ${a} ** ${b}`);
  return fit(x ** BigInt(e), () => `Exponential overflow: ${a} ** ${b}`);
}

export function intNeg(a: INT): INT {
  if (typeof a === "number") return a === 0 ? 0 : -a;
  if (a === MIN_NUM) throw arith(`Negation overflow: -${a}`);
  return intFromBig(-a);
}

export function intShl(a: INT, b: INT): INT {
  if (typeof a === "number" && typeof b === "number" && b >= 0 && b < 22 && a >= -1073741824 && a <= 1073741824) {
    return a * 2 ** b;
  }
  if (b < 0) return intShr(a, typeof b === "number" ? -b : -b);
  if (b >= 64) return 0;
  return intFromBig(BigInt.asIntN(64, toBig(a) << toBig(b)));
}

export function intShr(a: INT, b: INT): INT {
  if (b < 0) return intShl(a, typeof b === "number" ? -b : -b);
  if (b >= 64) return a < 0 ? -1 : 0;
  if (typeof a === "number") {
    const r = Math.floor(a / 2 ** Number(b));
    return r === 0 ? 0 : r;
  }
  return intFromBig(a >> toBig(b));
}

function isI32(v: INT): v is number {
  return typeof v === "number" && (v | 0) === v;
}

export function intAnd(a: INT, b: INT): INT {
  if (isI32(a) && isI32(b)) return a & b;
  return intFromBig(BigInt.asIntN(64, toBig(a) & toBig(b)));
}
export function intOr(a: INT, b: INT): INT {
  if (isI32(a) && isI32(b)) return a | b;
  return intFromBig(BigInt.asIntN(64, toBig(a) | toBig(b)));
}
export function intXor(a: INT, b: INT): INT {
  if (isI32(a) && isI32(b)) return a ^ b;
  return intFromBig(BigInt.asIntN(64, toBig(a) ^ toBig(b)));
}

/** IEEE remainder with the sign of the dividend (C fmod) — JS `%` on numbers. */
function floatArith(op: string, x: number, y: number): OpResult {
  switch (op) {
    case "+":
      return new RFloat(x + y);
    case "-":
      return new RFloat(x - y);
    case "*":
      return new RFloat(x * y);
    case "/":
      return new RFloat(x / y);
    case "%":
      return new RFloat(x % y);
    case "**":
      return new RFloat(Math.pow(x, y));
    case "==":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return floatCompare(op, x, y);
  }
  return NO_OP;
}

/** §6.2 relative-epsilon comparison. */
export function floatCompare(op: string, x: number, y: number): boolean {
  let m: number;
  if (x * y === 0) m = 1;
  else {
    const ax = Math.abs(x);
    const ay = Math.abs(y);
    m = Number.isNaN(ax) ? ay : Number.isNaN(ay) ? ax : Math.max(ax, ay);
  }
  switch (op) {
    case "==":
      return Math.abs(x - y) / m <= EPS;
    case "!=":
      return Math.abs(x - y) / m > EPS;
    case "<":
      return (y - x) / m > EPS;
    case "<=":
      return (y - x) / m > -EPS;
    case ">":
      return (x - y) / m > EPS;
    default:
      return (x - y) / m > -EPS;
  }
}

export function intBinary(op: string, a: INT, b: INT): OpResult {
  switch (op) {
    case "+":
      return intAdd(a, b);
    case "-":
      return intSub(a, b);
    case "*":
      return intMul(a, b);
    case "/":
      return intDiv(a, b);
    case "%":
      return intMod(a, b);
    case "**":
      return intPow(a, b);
    case "<<":
      return intShl(a, b);
    case ">>":
      return intShr(a, b);
    case "&":
      return intAnd(a, b);
    case "|":
      return intOr(a, b);
    case "^":
      return intXor(a, b);
    case "==":
      return a == b; // number/bigint mixes compare by value
    case "!=":
      return a != b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "..":
      return new RRange(a, b, false);
    case "..=":
      return new RRange(a, b, true);
  }
  return NO_OP;
}

function cmp(op: string, c: number): boolean {
  switch (op) {
    case "==":
      return c === 0;
    case "!=":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
  }
  return false;
}

const COMPARE = new Set(["==", "!=", "<", "<=", ">", ">="]);

/** First two characters (code points) of a string. */
function firstTwo(s: string): string {
  let n = 0;
  let i = 0;
  while (i < s.length && n < 2) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    n++;
  }
  return s.slice(0, i);
}

function blobEq(a: RBlob, b: RBlob): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** The built-in operator table. NO_OP when the operand types are not covered. */
export function builtinBinary(op: string, a: Value, b: Value): OpResult {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === "number" || ta === "bigint") && (tb === "number" || tb === "bigint")) return intBinary(op, a as INT, b as INT);
  if (a instanceof RFloat) {
    if (b instanceof RFloat) return floatArith(op, a.v, b.v);
    if (tb === "number" || tb === "bigint") return floatArith(op, a.v, Number(b));
  } else if (b instanceof RFloat && (ta === "number" || ta === "bigint")) {
    return floatArith(op, Number(a), b.v);
  }
  if (ta === "string") {
    if (tb === "string") {
      if (op === "+") return (a as string) + (b as string);
      if (op === "-") return (a as string) === "" ? b : (a as string).split(b as string).join("");
      if (COMPARE.has(op)) return cmp(op, compareCodePoints(a as string, b as string));
      return NO_OP;
    }
    if (b instanceof RChar) {
      if (op === "+") return (a as string) + b.toString();
      if (op === "-") return (a as string).split(b.toString()).join("");
      if (COMPARE.has(op)) return cmp(op, compareCodePoints(firstTwo(a as string), b.toString()));
      return NO_OP;
    }
    if (b === undefined) {
      if (op === "+") return a;
      if (COMPARE.has(op)) return op === "!=";
      return NO_OP;
    }
  }
  if (a instanceof RChar) {
    if (b instanceof RChar) {
      if (op === "+") return a.toString() + b.toString();
      if (COMPARE.has(op)) return cmp(op, a.cp - b.cp);
      return NO_OP;
    }
    if (tb === "string") {
      if (op === "+") return a.toString() + (b as string);
      if (COMPARE.has(op)) return cmp(op, compareCodePoints(a.toString(), firstTwo(b as string)));
      return NO_OP;
    }
  }
  if (ta === "boolean" && tb === "boolean") {
    switch (op) {
      case "&":
        return (a as boolean) && (b as boolean);
      case "|":
        return (a as boolean) || (b as boolean);
      case "^":
        return a !== b;
    }
    if (COMPARE.has(op)) return cmp(op, Number(a) - Number(b));
    return NO_OP;
  }
  if (a === undefined) {
    if (b === undefined) return COMPARE.has(op) ? op === "==" : NO_OP;
    if (tb === "string") {
      if (op === "+") return b;
      if (COMPARE.has(op)) return op === "!=";
      return NO_OP;
    }
    if ((op === ".." || op === "..=") && (tb === "number" || tb === "bigint")) return new RRange(0, b as INT, op === "..=");
  }
  if (b === undefined && (op === ".." || op === "..=") && (ta === "number" || ta === "bigint")) {
    return new RRange(a as INT, intFromBig(INT_MAX), op === "..=");
  }
  if (a instanceof RBlob) {
    if (b instanceof RBlob) {
      if (op === "+") {
        const r = a.clone();
        r.ensure(a.length + b.length);
        r.bytes.set(b.view(), a.length);
        r.length = a.length + b.length;
        return r;
      }
      if (op === "==") return blobEq(a, b);
      if (op === "!=") return !blobEq(a, b);
      return NO_OP;
    }
    if (b instanceof RChar && op === "+") {
      const r = a.clone();
      for (const x of utf8(b.toString())) r.push(x);
      return r;
    }
  }
  if (a instanceof RRange && b instanceof RRange) {
    if (a.inclusive === b.inclusive) {
      const eq = a.start == b.start && a.end == b.end;
      if (op === "==") return eq;
      if (op === "!=") return !eq;
    } else if (op === "!=") return true;
  }
  return NO_OP;
}

/** Numeric type check used by the mixed-type rule. */
function isNumeric(v: Value): boolean {
  return typeof v === "number" || typeof v === "bigint" || v instanceof RFloat;
}

/**
 * The last row of §5.4: operands of two different types (at least one non-numeric) compare
 * unequal and unordered. Returns NO_OP when the rule does not apply.
 */
export function mixedFallback(op: string, a: Value, b: Value, typeA: string, typeB: string): OpResult {
  if (!COMPARE.has(op)) return NO_OP;
  if (typeA === typeB) return NO_OP;
  if (isNumeric(a) && isNumeric(b)) return NO_OP;
  if (a instanceof RRange && b instanceof RRange && op === "==") return NO_OP;
  return op === "!=";
}

/** Unary operators on the built-in types; NO_OP otherwise. Negation overflow has no pos here. */
export function builtinUnary(op: string, a: Value): OpResult {
  if (op === "!") return typeof a === "boolean" ? !a : NO_OP;
  if (typeof a === "number" || typeof a === "bigint") return op === "-" ? intNeg(a) : a;
  if (a instanceof RFloat) return op === "-" ? new RFloat(-a.v) : a;
  return NO_OP;
}

export { INT_MIN, INT_MAX };
