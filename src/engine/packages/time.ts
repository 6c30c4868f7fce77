// Standard library: timestamps (rhai-stdlib.md §14). A timestamp is a point on the monotonic
// clock in milliseconds (RTimestamp.ms, performance.now()); intervals are FLOAT seconds.
//
// Overflow: the reference keeps an instant as signed 64-bit seconds on a clock that started at
// boot; rex reckons the clock as having started one second before its time origin, so that
// shifting `timestamp()` forward by INT maximum seconds overflows as it does there.

import { floatPlain } from "../format.ts";
import { RhaiError } from "../errors.ts";
import type { Registry } from "../registry.ts";
import { type INT, INT_MAX, INT_MIN, RFloat, RTimestamp, type Value } from "../value.ts";

function arith(msg: string): RhaiError {
  return new RhaiError("ErrorArithmetic", msg);
}

export function now(): RTimestamp {
  return new RTimestamp(performance.now());
}

/** Whole seconds of an instant on the reference's clock (see the note at the top). */
function clockSeconds(ms: number): bigint {
  return BigInt(Math.floor(ms / 1000)) + 1n;
}

/** Shift by whole seconds; the error names the operation called and its amount as given. */
function shiftSeconds(t: RTimestamp, n: INT, op: "adding" | "subtracting"): RTimestamp {
  const d = op === "adding" ? BigInt(n) : -BigInt(n);
  const s = clockSeconds(t.ms) + d;
  if (s > INT_MAX || s < INT_MIN) throw arith(`Timestamp overflow when ${op} ${n} second(s)`);
  return new RTimestamp(t.ms + Number(d) * 1000);
}

function addInt(t: RTimestamp, n: INT): RTimestamp {
  return shiftSeconds(t, n, "adding");
}

function subInt(t: RTimestamp, n: INT): RTimestamp {
  return shiftSeconds(t, n, "subtracting");
}

// Whole milliseconds of a FLOAT number of seconds, saturating as an unsigned 64-bit number.
const U64_MAX_MS = 18446744073709551615;

function shiftFloat(t: RTimestamp, x: number, sign: 1 | -1): RTimestamp {
  if (x !== x) x = 0;
  if (x > 9223372036854775807) {
    throw arith(`Integer overflow for timestamp ${sign > 0 ? "add" : "subtract"}: ${floatPlain(x)}`);
  }
  const ms = Math.min(Math.trunc(x * 1000), U64_MAX_MS);
  const s = clockSeconds(t.ms + sign * ms);
  if (s > INT_MAX || s < INT_MIN) {
    throw arith(`Timestamp overflow when ${sign > 0 ? "adding" : "subtracting"} ${floatPlain(x)} second(s)`);
  }
  return new RTimestamp(t.ms + sign * ms);
}

function addFloat(t: RTimestamp, x: number): RTimestamp {
  return x < 0 ? shiftFloat(t, -x, -1) : shiftFloat(t, x, 1);
}

function subFloat(t: RTimestamp, x: number): RTimestamp {
  return x < 0 ? shiftFloat(t, -x, 1) : shiftFloat(t, x, -1);
}

/**
 * Seconds from `b` to `a`, rounded to whole nanoseconds (the reference's durations are
 * nanosecond-exact; without rounding `(t + 5) - t` could show binary noise like 4.999999999).
 */
function nanoSeconds(ms: number): number {
  return Math.round(ms * 1e6) / 1e9;
}

function diff(a: RTimestamp, b: RTimestamp): number {
  return nanoSeconds(a.ms - b.ms);
}

export function register(reg: Registry): void {
  reg.fn("timestamp", [], () => now());
  const elapsed = (t: RTimestamp): RFloat => {
    const n = performance.now();
    if (t.ms > n) throw arith("Time-stamp is later than now");
    return new RFloat(nanoSeconds(n - t.ms));
  };
  reg.fn("elapsed", ["timestamp"], (_c, a) => elapsed(a[0] as RTimestamp));
  reg.getter("timestamp", "elapsed", (_c, v) => elapsed(v as RTimestamp));

  reg.fn("-", ["timestamp", "timestamp"], (_c, a) => new RFloat(diff(a[0] as RTimestamp, a[1] as RTimestamp)));
  reg.fn("+", ["timestamp", "int"], (_c, a) => addInt(a[0] as RTimestamp, a[1] as INT));
  reg.fn("+", ["timestamp", "float"], (_c, a) => addFloat(a[0] as RTimestamp, (a[1] as RFloat).v));
  reg.fn("-", ["timestamp", "int"], (_c, a) => subInt(a[0] as RTimestamp, a[1] as INT));
  reg.fn("-", ["timestamp", "float"], (_c, a) => subFloat(a[0] as RTimestamp, (a[1] as RFloat).v));
  const inPlace = (f: (t: RTimestamp, v: Value) => RTimestamp) => (_c: unknown, a: Value[]): Value => {
    a[0] = f(a[0] as RTimestamp, a[1]);
    return undefined;
  };
  reg.fn("+=", ["timestamp", "int"], inPlace((t, v) => addInt(t, v as INT)), { mut: true });
  reg.fn("+=", ["timestamp", "float"], inPlace((t, v) => addFloat(t, (v as RFloat).v)), { mut: true });
  reg.fn("-=", ["timestamp", "int"], inPlace((t, v) => subInt(t, v as INT)), { mut: true });
  reg.fn("-=", ["timestamp", "float"], inPlace((t, v) => subFloat(t, (v as RFloat).v)), { mut: true });

  const ms = (v: Value) => (v as RTimestamp).ms;
  reg.fn("==", ["timestamp", "timestamp"], (_c, a) => ms(a[0]) === ms(a[1]));
  reg.fn("!=", ["timestamp", "timestamp"], (_c, a) => ms(a[0]) !== ms(a[1]));
  reg.fn("<", ["timestamp", "timestamp"], (_c, a) => ms(a[0]) < ms(a[1]));
  reg.fn("<=", ["timestamp", "timestamp"], (_c, a) => ms(a[0]) <= ms(a[1]));
  reg.fn(">", ["timestamp", "timestamp"], (_c, a) => ms(a[0]) > ms(a[1]));
  reg.fn(">=", ["timestamp", "timestamp"], (_c, a) => ms(a[0]) >= ms(a[1]));
}
