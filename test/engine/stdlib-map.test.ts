// Object maps (rhai-stdlib.md §12), called through the Registry with a fake NativeContext.
import { describe, expect, test } from "bun:test";
import { RhaiError } from "../../src/engine/errors.ts";
import { FnPtr, RTimestamp, SharedCell, type Value } from "../../src/engine/value.ts";
import {
  blob,
  call,
  ch,
  closure,
  dbg,
  f,
  fails,
  fakeContext,
  flags,
  invoke,
  map,
  reg,
  ri,
  rx,
} from "./stdlib-fake-context.ts";
import { err, str } from "./helpers.ts";

const M = () => map({ b: 2, a: 1, c: 3 });

describe("map results", () => {
  const cases: [string, Value[], string][] = [
    ["len", [M()], "3"],
    ["len", [map({})], "0"],
    ["is_empty", [map({})], "true"],
    ["is_empty", [M()], "false"],
    ["contains", [M(), "a"], "true"],
    ["contains", [M(), "z"], "false"],
    ["contains", [map({ __proto__x: 1 }), "__proto__"], "false"],
    ["get", [M(), "b"], "2"],
    ["get", [M(), "z"], "()"],
    ["get", [M(), "constructor"], "()"],
    ["keys", [M()], '["a", "b", "c"]'],
    ["keys", [map({ "\u{1F600}": 1, "\uFFFD": 2, Z: 3 })], '["Z", "\uFFFD", "\u{1F600}"]'],
    ["values", [M()], "[1, 2, 3]"],
    ["values", [map({})], "[]"],
    ["+", [map({ a: 1, b: 2 }), map({ b: 3, c: 4 })], '#{"a": 1, "b": 3, "c": 4}'],
    ["==", [M(), map({ c: 3, a: 1, b: 2 })], "true"],
    ["==", [M(), map({ a: 1, b: 2 })], "false"],
    ["==", [map({ a: 1 }), map({ b: 1 })], "false"],
    ["==", [map({ a: [1] }), map({ a: [1] })], "true"],
    ["!=", [map({ a: 1 }), map({ a: 2 })], "true"],
    ["!=", [map({ a: 1 }), map({ a: 1 })], "false"],
  ];
  test.each(cases)("%s %p", (name, args, expected) => {
    expect(dbg(call(name, ...args))).toBe(expected);
  });
});

describe("map mutation: [result, receiver after]", () => {
  const cases: [string, Value[], string, string][] = [
    ["set", [map({ a: 1 }), "b", 2], "()", '#{"a": 1, "b": 2}'],
    ["set", [map({ a: 1 }), "a", "x"], "()", '#{"a": "x"}'],
    ["set", [map({}), "__proto__", 1], "()", '#{"__proto__": 1}'],
    ["clear", [M()], "()", "#{}"],
    ["remove", [M(), "b"], "2", '#{"a": 1, "c": 3}'],
    ["remove", [M(), "z"], "()", '#{"a": 1, "b": 2, "c": 3}'],
    ["mixin", [map({ a: 1, b: 2 }), map({ b: 3, c: 4 })], "()", '#{"a": 1, "b": 3, "c": 4}'],
    ["+=", [map({ a: 1, b: 2 }), map({ b: 3, c: 4 })], "()", '#{"a": 1, "b": 3, "c": 4}'],
    ["fill_with", [map({ a: 1, b: 2 }), map({ b: 3, c: 4 })], "()", '#{"a": 1, "b": 2, "c": 4}'],
  ];
  test.each(cases)("%s %p", (name, args, result, receiver) => {
    const [r, m] = invoke(name, args);
    expect([dbg(r), dbg(m)]).toEqual([result, receiver]);
  });

  test("+ leaves both operands unchanged; values are copies", () => {
    const inner = [1];
    const a = map({ a: inner });
    const b = map({ b: 2 });
    const r = call("+", a, b);
    invoke("set", [r, "b", 9]);
    (call("get", r, "a") as Value[]).push(5);
    expect([dbg(a), dbg(b), dbg(r)]).toEqual(['#{"a": [1]}', '#{"b": 2}', '#{"a": [1], "b": 9}']);
    const v = call("get", a, "a") as Value[];
    v.push(2);
    expect(dbg(a)).toBe('#{"a": [1]}');
  });
});

describe("to_json", () => {
  const cases: [Value, string][] = [
    [map({ b: [1, f(2), undefined], a: 'x"y' }), '{"a":"x\\"y","b":[1,2.0,null]}'],
    [map({}), "{}"],
    [map({ t: true, f: false, n: -5, big: 2n ** 62n }), '{"big":4611686018427387904,"f":false,"n":-5,"t":true}'],
    [map({ x: f(1e20), y: f(0.5), z: f(1e-7), w: f(-0) }), '{"w":-0.0,"x":1e20,"y":0.5,"z":1e-7}'],
    [map({ m: map({ k: map({}) }) }), '{"m":{"k":{}}}'],
    [map({ "a\nb": "\t\u001b" }), '{"a\\nb":"\\t\\u{1b}"}'],
    [map({ b: blob(1, 255) }), '{"b":[1,255]}'],
    [map({ f: new FnPtr("foo") }), '{"f":"foo"}'],
    [map({ f: new FnPtr("foo", [1, "a", new SharedCell(2)]) }), '{"f":["foo",1,"a",2]}'],
    [map({ c: ch("c") }), "{\"c\":'c'}"],
    [map({ t: new RTimestamp(0) }), '{"t":<timestamp>}'],
    [map({ r: rx(1, 5), s: ri(1, 5), o: rx(3, 9223372036854775807n) }), '{"o":3..,"r":1..5,"s":1..=5}'],
    [map({ u: "é❤😀" }), '{"u":"é❤😀"}'],
  ];
  test.each(cases)("%#", (m, expected) => {
    expect(call("to_json", m)).toBe(expected);
  });
});

describe("map callbacks", () => {
  test("map: (key, value) and (key) with this = value, in key order", () => {
    const seen: string[] = [];
    const kv = closure(2, (_t, k, v) => (seen.push(k as string), `${k}=${v}`));
    expect(dbg(call("map", M(), kv))).toBe('#{"a": "a=1", "b": "b=2", "c": "c=3"}');
    expect(seen).toEqual(["a", "b", "c"]);
    const k1 = closure(1, (t, k) => `${k}${t!.v}`);
    expect(dbg(call("map", M(), k1))).toBe('#{"a": "a1", "b": "b2", "c": "c3"}');
  });
  test("filter", () => {
    const big = closure(2, (_t, _k, v) => (v as number) > 1);
    expect(dbg(call("filter", M(), big))).toBe('#{"b": 2, "c": 3}');
    const notTrue = closure(1, () => 1);
    expect(dbg(call("filter", M(), notTrue))).toBe("#{}");
  });
  test("drain / retain", () => {
    const odd = closure(1, (t) => (t!.v as number) % 2 === 1);
    expect(invoke("drain", [M(), odd]).map(dbg)).toEqual(['#{"a": 1, "c": 3}', '#{"b": 2}']);
    expect(invoke("retain", [M(), odd]).map(dbg)).toEqual(['#{"b": 2}', '#{"a": 1, "c": 3}']);
  });
  test("drain / retain: on a callback error the unvisited entries stay", () => {
    const boom = closure(2, (_t, k) => {
      if (k === "b") throw new RhaiError("ErrorRuntime", "Runtime error: boom", undefined, "boom");
      return true;
    });
    const m = M();
    expect(() => invoke("drain", [m, boom])).toThrow();
    expect(dbg(m)).toBe('#{"b": 2, "c": 3}');
    const n = M();
    expect(() => invoke("retain", [n, boom])).toThrow();
    expect(dbg(n)).toBe('#{"a": 1, "b": 2, "c": 3}');
  });
  test("Fn(\"name\") callbacks: (key) with this first, else (key, value); errors name 'filter' for map", () => {
    const c = fakeContext({
      named: {
        two: { 2: (_t, k, v) => `${k}${v}` },
        one: { 1: (t, k) => `${k}:${t!.v}` },
        bad: {
          2: () => {
            throw new RhaiError("ErrorRuntime", "Runtime error: bad", { line: 2, pos: 3 }, "bad");
          },
        },
      },
    });
    expect(dbg(invoke("map", [map({ a: 1 }), new FnPtr("two")], c)[0])).toBe('#{"a": "a1"}');
    expect(dbg(invoke("map", [map({ a: 1 }), new FnPtr("one")], c)[0])).toBe('#{"a": "a:1"}');
    expect(fails("map", [map({ a: 1 }), new FnPtr("bad")], c)).toBe(
      "Runtime error: bad (line 2, position 3)\nin call to function 'bad' (line 9, position 9)\nin call to function 'filter' (line 1, position 1)",
    );
    expect(fails("drain", [map({ a: 1 }), new FnPtr("bad")], c)).toBe(
      "Runtime error: bad (line 2, position 3)\nin call to function 'bad' (line 9, position 9)\nin call to function 'drain' (line 1, position 1)",
    );
  });
});

describe("map limits, flags and properties", () => {
  test("size limit", () => {
    const c = fakeContext({ maxMap: 2 });
    expect(fails("set", [map({ a: 1, b: 2 }), "c", 3], c)).toBe("Size of object map too large");
    expect(fails("mixin", [map({ a: 1, b: 2 }), map({ c: 3 })], c)).toBe("Size of object map too large");
    expect(fails("+", [map({ a: 1, b: 2 }), map({ c: 3 })], c)).toBe("Size of object map too large");
    expect(fails("fill_with", [map({ a: 1, b: 2 }), map({ c: 3 })], c)).toBe("Size of object map too large");
    expect(dbg(invoke("set", [map({ a: 1, b: 2 }), "a", 3], c)[1])).toBe('#{"a": 3, "b": 2}');
  });
  test.each([
    ["len", [map({})], ""],
    ["get", [map({}), "a"], ""],
    ["set", [map({}), "a", 1], "mut"],
    ["clear", [map({})], "mut"],
    ["remove", [map({}), "a"], "mut"],
    ["mixin", [map({}), map({})], "mut"],
    ["+=", [map({}), map({})], "mut"],
    ["fill_with", [map({}), map({})], "mut"],
    ["map", [map({}), new FnPtr("f")], ""],
    ["filter", [map({}), new FnPtr("f")], ""],
    ["drain", [map({}), new FnPtr("f")], "mut"],
    ["retain", [map({}), new FnPtr("f")], "mut"],
    ["to_json", [map({})], ""],
  ] as [string, Value[], string][])("flags %s %p", (name, args, expected) => {
    expect(flags(name, args)).toBe(expected);
  });
  test("len and is_empty have no property form on maps", () => {
    expect(reg.functions.resolve("get$len", ["map"])).toBeUndefined();
    expect(reg.functions.resolve("get$is_empty", ["map"])).toBeUndefined();
  });
});

describe("script level (traps 15, 33, 47)", () => {
  const values: [string, string][] = [
    ["#{b: 1, a: 2}", '#{"a": 2, "b": 1}'],
    ["let m = #{a: 1}; m.len()", "1"],
    ["let m = #{a: 1}; m.len", ""],
    ['"a" in #{a: 1}', "true"],
    ["#{b: 2, a: 1}.keys()", '["a", "b"]'],
    ["#{b: 2, a: 1}.values()", "[1, 2]"],
    ['#{b: [1, 2.0, ()], a: "x\\"y"}.to_json()', '{"a":"x\\"y","b":[1,2.0,null]}'],
    ["let m = #{a: 1}; m += #{b: 2}; m", '#{"a": 1, "b": 2}'],
    ["#{a: 1} + #{a: 2}", '#{"a": 2}'],
    ["#{a: 1} == #{a: 1.0}", "true"],
    ["let m = #{a: 1, b: 2}; m.filter(|k, v| v > 1)", '#{"b": 2}'],
    ["let m = #{a: 1, b: 2}; m.map(|k| this * 10)", '#{"a": 10, "b": 20}'],
    ["let m = #{a: 1, b: 2}; let d = m.drain(|k, v| k == \"a\"); [m, d]", '[#{"b": 2}, #{"a": 1}]'],
    ["let m = #{}; m.n = (m.n ?? 0) + 1; m.n", "1"],
  ];
  test.each(values)("%s", (src, expected) => {
    expect(str(src)).toBe(expected);
  });
  test.each([
    ["let m = #{}; m.n += 1", "Function not found: + ((), i64) (line 1, position 18)"],
    ["const M = #{a: 1}; M.clear()", "Non-pure method 'clear' cannot be called on constant (line 1, position 22)"],
  ] as [string, string][])("%s", (src, expected) => {
    expect(err(src)).toBe(expected);
  });
});
