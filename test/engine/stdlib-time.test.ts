// Timestamps (rhai-stdlib.md §14), called through the Registry.
import { describe, expect, test } from "bun:test";
import * as H from "./helpers.ts";
import { RhaiError } from "../../src/engine/errors.ts";
import { toDebug, toDisplay } from "../../src/engine/format.ts";
import * as time from "../../src/engine/packages/time.ts";
import { Registry } from "../../src/engine/registry.ts";
import { inertContext } from "./inert-context.ts";
import { INT_MAX, INT_MIN, RFloat, RTimestamp, type Value } from "../../src/engine/value.ts";

const reg = new Registry();
time.register(reg);

const ctx = inertContext;

function entry(name: string, args: Value[]) {
  const types = args.map((a) => reg.typeSpecOf(a));
  const e = reg.functions.resolve(name, types);
  if (!e) throw new Error(`no function ${name}(${types.join(", ")})`);
  return e;
}

function call(name: string, ...args: Value[]): Value {
  return entry(name, args).fn(ctx, args);
}

function error(name: string, ...args: Value[]): string {
  try {
    call(name, ...args);
  } catch (e) {
    if (e instanceof RhaiError) return `${e.kind}: ${e.message}`;
    throw e;
  }
  return "no error";
}

const ts = (ms: number) => new RTimestamp(ms);
const f = (x: number) => new RFloat(x);
const ms = (v: Value) => (v as RTimestamp).ms;

describe("timestamp() and elapsed", () => {
  test("timestamp() is a timestamp of now", () => {
    const before = performance.now();
    const t = call("timestamp");
    expect(t).toBeInstanceOf(RTimestamp);
    expect(ms(t)).toBeGreaterThanOrEqual(before);
    expect(ms(t)).toBeLessThanOrEqual(performance.now());
    expect(toDisplay(t)).toBe("<timestamp>");
    expect(reg.typeName(t)).toBe("timestamp");
  });
  test("elapsed in seconds (F and P forms)", () => {
    const t = ts(performance.now() - 2500);
    const e = (call("elapsed", t) as RFloat).v;
    expect(e).toBeGreaterThanOrEqual(2.5);
    expect(e).toBeLessThan(3.5);
    const p = (call("get$elapsed", t) as RFloat).v;
    expect(p).toBeGreaterThanOrEqual(2.5);
  });
  test("a future timestamp fails", () => {
    const t = ts(performance.now() + 60_000);
    expect(error("elapsed", t)).toBe("ErrorArithmetic: Time-stamp is later than now");
    expect(error("get$elapsed", t)).toBe("ErrorArithmetic: Time-stamp is later than now");
  });
});

describe("operators", () => {
  test("difference in seconds", () => {
    expect(toDebug(call("-", ts(5000), ts(2500)))).toBe("2.5");
    expect(toDebug(call("-", ts(2500), ts(5000)))).toBe("-2.5");
    expect(toDebug(call("-", ts(1000), ts(1000)))).toBe("0.0");
  });
  const shifts: [string, Value, number][] = [
    ["+", 5, 6000],
    ["+", -1, 0],
    ["+", f(1.5), 2500],
    ["+", f(0.0019), 1001],
    ["+", f(-0.5), 500],
    ["-", 1, 0],
    ["-", -2, 3000],
    ["-", f(0.25), 750],
    ["-", f(-0.25), 1250],
  ];
  for (const [op, amount, want] of shifts) {
    test(`ts(1000) ${op} ${toDebug(amount)}`, () => {
      const t = ts(1000);
      const r = call(op, t, amount);
      expect(r).toBeInstanceOf(RTimestamp);
      expect(ms(r)).toBeCloseTo(want, 9);
      expect(ms(t)).toBe(1000);
    });
    test(`ts(1000) ${op}= ${toDebug(amount)} (Mut)`, () => {
      const args: Value[] = [ts(1000), amount];
      const e = entry(`${op}=`, args);
      expect(e.mut).toBe(true);
      expect(e.fn(ctx, args)).toBeUndefined();
      expect(ms(args[0])).toBeCloseTo(want, 9);
    });
  }
  test("comparisons", () => {
    const a = ts(1000);
    const b = ts(2000);
    const rows: [string, Value, Value, boolean][] = [
      ["==", a, ts(1000), true],
      ["==", a, b, false],
      ["!=", a, b, true],
      ["!=", a, ts(1000), false],
      ["<", a, b, true],
      ["<", b, a, false],
      ["<=", a, ts(1000), true],
      ["<=", b, a, false],
      [">", b, a, true],
      [">", a, b, false],
      [">=", a, ts(1000), true],
      [">=", a, b, false],
    ];
    for (const [op, x, y, want] of rows) expect([op, call(op, x, y)]).toEqual([op, want]);
  });
});

describe("overflow errors", () => {
  const rows: [string, Value, string][] = [
    ["+", INT_MAX, "Timestamp overflow when adding 9223372036854775807 second(s)"],
    ["-", INT_MIN, "Timestamp overflow when subtracting -9223372036854775808 second(s)"],
    ["+", f(1e19), "Integer overflow for timestamp add: 10000000000000000000"],
    ["-", f(1e19), "Integer overflow for timestamp subtract: 10000000000000000000"],
    ["+", f(-1e19), "Integer overflow for timestamp subtract: 10000000000000000000"],
    ["-", f(-1e19), "Integer overflow for timestamp add: 10000000000000000000"],
    ["+=", INT_MAX, "Timestamp overflow when adding 9223372036854775807 second(s)"],
    ["-=", f(1e20), "Integer overflow for timestamp subtract: 100000000000000000000"],
  ];
  for (const [op, amount, msg] of rows) {
    test(`${op} ${toDebug(amount)}`, () => expect(error(op, ts(performance.now()), amount)).toBe(`ErrorArithmetic: ${msg}`));
  }
  test("large shifts that fit do not fail", () => {
    expect(call("-", ts(1000), INT_MAX)).toBeInstanceOf(RTimestamp);
    expect(call("+", ts(1000), f(9.2e18))).toBeInstanceOf(RTimestamp);
  });
});

// ---------------------------------------------------------------------------------------------
// Script level (through the evaluator).


describe("script level", () => {
  test.each([
    ["type_of(timestamp())", "timestamp"],
    ["timestamp().to_string()", "<timestamp>"],
    ["let t = timestamp(); t.elapsed >= 0.0", "true"],
    ["let t = timestamp(); type_of(t.elapsed())", "f64"],
    ["let t = timestamp(); let u = t + 5; u - t", "5.0"],
    ["let t = timestamp(); let u = t - 2.5; t - u", "2.5"],
    ["let t = timestamp(); let u = t; u += 1; u > t", "true"],
    ["let t = timestamp(); let u = t; u -= 1.5; [u < t, u <= t, u == t, u != t, u >= t]", "[true, true, false, true, false]"],
    ["let t = timestamp(); t == t", "true"],
  ])("%s → %s", (src, want) => expect(H.str(src)).toBe(want));

  test.each([
    ["(timestamp() + 10).elapsed", "Time-stamp is later than now"],
    ["timestamp() + 9223372036854775807", "Timestamp overflow when adding 9223372036854775807 second(s)"],
    ["timestamp() + 1e19", "Integer overflow for timestamp add: 10000000000000000000"],
    ["timestamp() - 1e19", "Integer overflow for timestamp subtract: 10000000000000000000"],
  ])("%s fails with %s", (src, want) => {
    expect(H.str(`let r; try { ${src} } catch (e) { r = e.message } r`)).toBe(want);
  });
});
