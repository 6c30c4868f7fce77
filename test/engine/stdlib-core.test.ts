// Core language functions (rhai-stdlib.md §2): exit take tag set_tag sleep parse_json
// get_fn_metadata_list.
import { describe, expect, test } from "bun:test";
import { ExitSignal, RhaiError } from "../../src/engine/errors.ts";
import { FnPtr, getTag, RFloat, RRange, type Value } from "../../src/engine/value.ts";
import { blob, call, ctx, dbg, f, fails, fakeContext, flags, invoke, map, reg, rx } from "./stdlib-fake-context.ts";

describe("exit", () => {
  test.each([
    [[], undefined],
    [[42], 42],
    [["bye"], "bye"],
  ] as [Value[], Value][])("exit %p throws ExitSignal", (args, value) => {
    let caught: unknown;
    try {
      invoke("exit", args);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExitSignal);
    expect((caught as ExitSignal).value).toBe(value);
  });
});

describe("take", () => {
  test("returns the value and leaves () behind; Mut", () => {
    const [r, after] = invoke("take", [[1, 2]]);
    expect([dbg(r), after]).toEqual(["[1, 2]", undefined]);
    expect(flags("take", [1])).toBe("mut");
  });
});

describe("tags", () => {
  test("default tag is 0 for every value", () => {
    for (const v of [1, "s", undefined, true, f(1), [1], map({}), blob(), new FnPtr("x"), rx(1, 2)]) {
      expect(call("tag", v)).toBe(0);
    }
    expect(reg.functions.resolve("get$tag", ["array"])).toBeDefined();
    expect(reg.functions.resolve("set$tag", ["array", "int"])).toBeDefined();
  });
  test.each([
    [[1, 2], 7],
    [map({ a: 1 }), -2147483648],
    [blob(1), 2147483647],
    [[], 0],
  ] as [Value, number][])("set_tag on %p", (v, t) => {
    const [, after] = invoke("set_tag", [v, t]);
    expect(call("tag", after)).toBe(t);
    expect(flags("set_tag", [v, t])).toBe("mut");
  });
  test("immutable shared values are copied before tagging (value semantics)", () => {
    for (const v of [f(1.5), new FnPtr("g", [1]), new RRange(1, 5, true)]) {
      const [, tagged] = invoke("set_tag", [v, 5]);
      expect(tagged).not.toBe(v);
      expect(dbg(tagged)).toBe(dbg(v));
      expect([getTag(tagged), getTag(v)]).toEqual([5, 0]);
    }
    expect((invoke("set_tag", [f(2), 1])[1] as RFloat).v).toBe(2);
  });
  test("the setter form x.tag = n", () => {
    const e = reg.functions.resolve("set$tag", ["map", "int"])!;
    const args: Value[] = [map({}), 3];
    e.fn(ctx, args);
    expect(getTag(args[0])).toBe(3);
  });
  test.each([
    [[1], 2147483648, "2147483648 is too large to fit into a tag (must be between -2147483648 and 2147483647)"],
    [[1], -2147483649, "-2147483649 is too small to fit into a tag (must be between -2147483648 and 2147483647)"],
    [[1], 2n ** 62n, "4611686018427387904 is too large to fit into a tag (must be between -2147483648 and 2147483647)"],
  ] as [Value, Value, string][])("out of range: %p %p", (v, t, message) => {
    expect(fails("set_tag", [v, t])).toBe(message);
  });
  test("primitives cannot carry a non-zero tag in rex (catchable error); 0 is accepted", () => {
    expect(fails("set_tag", [42, 1])).toBe(
      "Data type incorrect: i64 (expecting a value that can carry a tag (rex cannot tag i64, f64, bool, char, string or ()))",
    );
    expect(fails("set_tag", ["s", 1])).toStartWith("Data type incorrect: string (");
    try {
      invoke("set_tag", [true, 1]);
    } catch (e) {
      expect([(e as RhaiError).kind, (e as RhaiError).catchable]).toEqual(["ErrorMismatchDataType", true]);
    }
    expect(invoke("set_tag", [42, 0])[1]).toBe(42);
  });
});

describe("sleep", () => {
  test.each([[0], [-1], [f(0)], [f(-1)], [f(NaN)], [f(Infinity)], [f(5e-324)]] as [Value][])(
    "returns at once for %p",
    (v) => {
      const t = performance.now();
      expect(call("sleep", v)).toBe(undefined);
      expect(performance.now() - t).toBeLessThan(50);
    },
  );
  test("blocks for the given seconds", () => {
    const t = performance.now();
    call("sleep", f(0.05));
    expect(performance.now() - t).toBeGreaterThanOrEqual(45);
  });
});

describe("get_fn_metadata_list", () => {
  const c = fakeContext({
    metadata: [
      { name: "foo", access: "public", isAnonymous: false, params: ["a", "b"] },
      { name: "foo", access: "private", isAnonymous: false, params: [] },
      { name: "anon$00000000000000ab", access: "public", isAnonymous: true, params: ["x"] },
      { name: "m", access: "public", isAnonymous: false, params: [], thisType: "i64", namespace: "lib" },
    ],
  });
  const run = (...args: Value[]) => dbg(invoke("get_fn_metadata_list", args, c)[0]);
  test("all, by name, by name and arity", () => {
    expect(run()).toBe(
      '[#{"access": "public", "is_anonymous": false, "name": "foo", "params": ["a", "b"]}, ' +
        '#{"access": "private", "is_anonymous": false, "name": "foo", "params": []}, ' +
        '#{"access": "public", "is_anonymous": true, "name": "anon$00000000000000ab", "params": ["x"]}, ' +
        '#{"access": "public", "is_anonymous": false, "name": "m", "namespace": "lib", "params": [], "this_type": "i64"}]',
    );
    expect(run("foo")).toBe(
      '[#{"access": "public", "is_anonymous": false, "name": "foo", "params": ["a", "b"]}, ' +
        '#{"access": "private", "is_anonymous": false, "name": "foo", "params": []}]',
    );
    expect(run("foo", 0)).toBe('[#{"access": "private", "is_anonymous": false, "name": "foo", "params": []}]');
    expect(run("foo", -1)).toBe("[]");
    expect(run("nope")).toBe("[]");
  });
  test("without evaluator support the list is empty", () => {
    expect(dbg(call("get_fn_metadata_list"))).toBe("[]");
  });
});
