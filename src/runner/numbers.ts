// Number and time renderings used in the result (runner.md §5.1, §5.6).

/** serde_json's float form: `1.0`, `0.5`, `1e16`, `1.5e-7`, `null` for non-finite. */
export function serdeFloat(v: number): string {
  if (!Number.isFinite(v)) return "null";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const a = Math.abs(v);
  if (a >= 1e-5 && a < 1e16) {
    const s = plainDigits(v);
    return s.includes(".") ? s : `${s}.0`;
  }
  // Exponent form from the shortest round-trip digits.
  const [mant, exp] = v.toExponential().split("e") as [string, string];
  const m = mant.replace(/\.?0+$/, (x) => (x.startsWith(".") ? "" : x));
  return `${m}e${Number(exp)}`;
}

/** Shortest round-trip digits written positionally (never an exponent). */
export function plainDigits(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf";
  const s = String(v);
  if (!/e/i.test(s)) return s;
  const neg = v < 0;
  const [mant, expS] = (neg ? s.slice(1) : s).split(/e/i) as [string, string];
  const exp = Number(expS);
  const digits = mant.replace(".", "");
  const point = (mant.indexOf(".") < 0 ? mant.length : mant.indexOf(".")) + exp;
  let out: string;
  if (point <= 0) out = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return neg ? `-${out}` : out;
}

/** Rust's f64 Display (human format metrics): `1`, `0.5`, `100000000000000000000`, `NaN`. */
export function rustFloatDisplay(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  return plainDigits(v);
}

/** A wall-clock instant with nanosecond precision. */
export interface Instant {
  /** milliseconds since the epoch */
  ms: number;
  /** extra nanoseconds within the millisecond (0–999 999) */
  ns: number;
}

const origin = Date.now() * 1e6 - Math.round(performance.now() * 1e6);

export function now(): Instant {
  const total = origin + Math.round(performance.now() * 1e6);
  const ms = Math.floor(total / 1e6);
  return { ms, ns: Math.max(0, Math.min(999_999, total - ms * 1e6)) };
}

function fraction(t: Instant): string {
  const nanos = (t.ms % 1000) * 1e6 + t.ns;
  if (nanos === 0) return "";
  const nine = String(nanos).padStart(9, "0");
  if (nine.endsWith("000000")) return `.${nine.slice(0, 3)}`;
  if (nine.endsWith("000")) return `.${nine.slice(0, 6)}`;
  return `.${nine}`;
}

function dateTime(t: Instant, sep: string): string {
  const d = new Date(t.ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}${sep}${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** RFC 3339: `2025-01-01T12:00:00.120Z` (0/3/6/9 fraction digits). */
export function rfc3339(t: Instant): string {
  return `${dateTime(t, "T")}${fraction(t)}Z`;
}

/** Log timestamps: `2025-01-01 12:00:00.123 UTC`. */
export function logTimestamp(t: Instant): string {
  return `${dateTime(t, " ")}${fraction(t)} UTC`;
}
