// Core language functions (rhai-stdlib.md §2): exit take tag set_tag sleep parse_json
// get_fn_metadata_list.
import { describe, expect, test } from "bun:test";
import { ExitSignal, RhaiError } from "../../src/engine/errors.ts";
import { FnPtr, getTag, RFloat, RRange, type Value } from "../../src/engine/value.ts";
import { blob, call, ctx, dbg, f, fails, fakeContext, flags, invoke, map, reg, rx } from "./stdlib-fake-context.ts";
import { err, run, str } from "./helpers.ts";

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
      "Data type incorrect: i64 (expecting a value that can carry a tag (rex cannot tag i64, bool, char, string or ()))",
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

describe("parse_json (§2.1)", () => {
  const values: [string, string][] = [
    ['parse_json("{\\"a\\": [1, 2.5, null], \\"b\\": {\\"c\\": true}}")', '#{"a": [1, 2.5, ()], "b": #{"c": true}}'],
    ['parse_json("{\\"n\\": -5, \\"f\\": 1e3, \\"big\\": 99999999999999999999}")', '#{"big": 1e20, "f": 1000.0, "n": -5}'],
    ['parse_json("{\\"s\\": \\"x\\\\ny\\\\u0041\\", }")', '#{"s": "x\\nyA"}'],
    ['parse_json("{\\"a\\": 1 // note\\n}")', '#{"a": 1}'],
    ['"{}".parse_json()', "#{}"],
  ];
  test.each(values)("%s", (src, expected) => {
    expect(dbg(run(src))).toBe(expected);
  });
  const errors: [string, string][] = [
    ['parse_json("[1]")', "Output type incorrect: array (expecting map) (line 1, position 1)"],
    ['parse_json("42")', "Output type incorrect: i64 (expecting map) (line 1, position 1)"],
    ['parse_json("{\\"a\\": 1, \\"a\\": 2}")', "Syntax error: Duplicated property for object map literal: a (line 1, position 10)"],
    ['parse_json("{\\"a\\": \\"\\\\/\\"}")', "Syntax error: Invalid escape sequence: '\\/' (line 1, position 9)"],
  ];
  test.each(errors)("%s", (src, expected) => {
    expect(err(src)).toBe(expected);
  });
  test("a non-object is catchable, malformed text is not", () => {
    expect(str('let r = 0; try { parse_json("[1]") } catch (e) { r = e.error } r')).toBe("ErrorMismatchOutputType");
    expect(err('try { parse_json("{") } catch { 0 }')).toStartWith("Syntax error: ");
  });
});

describe("core functions at script level", () => {
  test.each([
    ["let a = [1]; let b = a.take(); a", ""],
    ["let a = [1]; let b = a.take(); b", "[1]"],
    ["let x = [1]; x.tag = 5; let y = x; [x.tag, y.tag, tag(x)]", "[5, 5, 5]"],
    ["let x = #{}; set_tag(x, -3); x.tag()", "-3"],
    ["let r = 0; try { exit(7) } catch { r = 1 } r", "7"],
    ["fn f() { exit([1, 2]) } f(); 3", "[1, 2]"],
    ["sleep(0); sleep(-1.0); 1", "1"],
    ["fn foo(a, b) {} fn foo() {} get_fn_metadata_list(\"foo\", 2).len()", "1"],
  ] as [string, string][])("%s", (src, expected) => {
    expect(str(src)).toBe(expected);
  });
  test.each([
    ["const A = [1]; A.take()", "Non-pure method 'take' cannot be called on constant (line 1, position 18)"],
    ["let x = [1]; x.tag = 2147483648", "2147483648 is too large to fit into a tag (must be between -2147483648 and 2147483647) (line 1, position 16)"],
  ] as [string, string][])("%s", (src, expected) => {
    expect(err(src)).toBe(expected);
  });
});
