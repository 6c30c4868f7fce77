// FLOAT to text (rhai-language.md §6.3): the Display form (print / to_string), the Debug form
// (debug / inside containers) and the plain form used inside library error messages.
//
// All three start from the shortest round-trip decimal digits, which JavaScript's
// Number.prototype.toExponential() (no argument) produces: "d.ddde±x".

/** Shortest round-trip digits (no sign, no dot) and the decimal exponent of the first digit. */
function shortest(ax: number): [string, number] {
  const s = ax.toExponential();
  const e = s.indexOf("e");
  const mant = s.charCodeAt(1) === 46 /* . */ ? s[0] + s.slice(2, e) : s.slice(0, e);
  return [mant, Number(s.slice(e + 1))];
}

/** Digits written as a plain decimal (no exponent); integral values get no fraction. */
function plainDigits(digits: string, exp: number): string {
  const n = digits.length;
  if (exp >= n - 1) return digits + "0".repeat(exp - n + 1);
  if (exp < 0) return "0." + "0".repeat(-exp - 1) + digits;
  return digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
}

function expForm(neg: boolean, digits: string, exp: number): string {
  const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
  return (neg ? "-" : "") + m + "e" + exp;
}

function plainWithFraction(neg: boolean, digits: string, exp: number): string {
  const p = plainDigits(digits, exp);
  return (neg ? "-" : "") + (exp >= digits.length - 1 ? p + ".0" : p);
}

/** Display form: `print`, `to_string`, `${}`, top-level results. */
export function floatDisplay(x: number): string {
  if (x === 0) return "0.0";
  if (x !== x) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const neg = x < 0;
  const ax = neg ? -x : x;
  if (ax <= 9999999827968.0 && ax >= 1e-6) {
    // String(x) writes the same shortest digits without an exponent in this range.
    return Number.isInteger(ax) ? String(x) + ".0" : String(x);
  }
  const [d, e] = shortest(ax);
  if (ax > 9999999827968.0 || ax < 9.9999998245167e-14) return expForm(neg, d, e);
  return plainWithFraction(neg, d, e);
}

/** Debug form: `debug`, `to_debug`, floats inside arrays and maps. */
export function floatDebug(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  if (x !== x) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const neg = x < 0;
  const ax = neg ? -x : x;
  if (ax < 1e16 && ax >= 1e-4) return Number.isInteger(ax) ? String(x) + ".0" : String(x);
  const [d, e] = shortest(ax);
  if (ax >= 1e-4 && ax < 1e16) return plainWithFraction(neg, d, e);
  return expForm(neg, d, e);
}

/**
 * Plain form used inside library error messages: no exponent, no `.0` for integral values,
 * shortest round-trip digits padded with zeros (`1e20` → `100000000000000000000`).
 */
export function floatPlain(x: number): string {
  if (x === 0) return "0";
  if (x !== x) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const neg = x < 0;
  const [d, e] = shortest(neg ? -x : x);
  return (neg ? "-" : "") + plainDigits(d, e);
}
