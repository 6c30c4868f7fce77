// Arrays (rhai-stdlib.md §10), called through the Registry with a fake NativeContext.
// Expected values are written in debug form (rhai-language.md §11.1).
import { describe, expect, test } from "bun:test";
import { RhaiError } from "../../src/engine/errors.ts";
import { FnPtr, RMap, type Value } from "../../src/engine/value.ts";
import {
  after,
  call,
  ch,
  closure,
  ctx,
  dbg,
  f,
  fails,
  fakeContext,
  flags,
  invoke,
  map,
  ri,
  rx,
} from "./stdlib-fake-context.ts";
import { err, str } from "./helpers.ts";

const A = (): Value[] => [1, 2, 3, 4, 5];

describe("array results", () => {
  const cases: [string, Value[], string][] = [
    ["len", [[1, 2, 3]], "3"],
    ["len", [[]], "0"],
    ["is_empty", [[]], "true"],
    ["is_empty", [[1]], "false"],
    ["get", [[1, 2, 3], 0], "1"],
    ["get", [[1, 2, 3], -1], "3"],
    ["get", [[1, 2, 3], -10], "1"],
    ["get", [[1, 2, 3], 5], "()"],
    ["get", [[1, 2, 3], 3], "()"],
    ["get", [[], 0], "()"],
    ["get", [[1, 2, 3], 2n ** 62n], "()"],
    ["extract", [A(), 1, 2], "[2, 3]"],
    ["extract", [A(), -2, 5], "[4, 5]"],
    ["extract", [A(), -10, 2], "[1, 2]"],
    ["extract", [A(), 1, 0], "[]"],
    ["extract", [A(), 1, -1], "[]"],
    ["extract", [A(), 5, 1], "[]"],
    ["extract", [A(), 2], "[3, 4, 5]"],
    ["extract", [A(), -1], "[5]"],
    ["extract", [A(), 7], "[]"],
    ["extract", [A(), rx(1, 3)], "[2, 3]"],
    ["extract", [A(), ri(1, 3)], "[2, 3, 4]"],
    ["extract", [A(), rx(-2, 2)], "[1, 2]"],
    ["extract", [A(), rx(3, 1)], "[]"],
    ["extract", [A(), ri(3, 1)], "[4]"],
    ["extract", [A(), rx(2, 9223372036854775807n)], "[3, 4, 5]"],
    ["extract", [A(), ri(2, 9223372036854775807n)], "[3, 4, 5]"],
    ["+", [[1], [2, "a"]], '[1, 2, "a"]'],
    ["+", [[], []], "[]"],
    ["==", [[1, 2], [1, 2]], "true"],
    ["==", [[1, 2], [1, 2, 3]], "false"],
    ["==", [[1, "a"], [1, "b"]], "false"],
    ["==", [[1, [2]], [1, [2]]], "true"],
    ["!=", [[1, 2], [1, 2]], "false"],
    ["!=", [[1], [2]], "true"],
    ["contains", [[1, "a", ch("c")], "a"], "true"],
    ["contains", [[1, "a"], 2], "false"],
    ["contains", [[1, "a"], ch("a")], "false"],
    ["contains", [[], 1], "false"],
    ["index_of", [[1, 2, 3, 2], 2], "1"],
    ["index_of", [[1, 2, 3, 2], 9], "-1"],
    ["index_of", [[1, 2, 3, 2], 2, 2], "3"],
    ["index_of", [[1, 2, 3, 2], 2, -1], "3"],
    ["index_of", [[1, 2, 3, 2], 2, -10], "1"],
    ["index_of", [[1, 2, 3, 2], 2, 4], "-1"],
    ["index_of", [[], 2, 0], "-1"],
    ["order", [[3, 1, 2]], "[1, 2, 3]"],
    ["order_desc", [[3, 1, 2]], "[3, 2, 1]"],
  ];
  test.each(cases)("%s %p", (name, args, expected) => {
    expect(dbg(call(name, ...args))).toBe(expected);
  });
});

describe("array mutation: [result, receiver after]", () => {
  const cases: [string, Value[], string, string][] = [
    ["set", [[1, 2, 3], 1, 9], "()", "[1, 9, 3]"],
    ["set", [[1, 2, 3], -1, 9], "()", "[1, 2, 9]"],
    ["set", [[1, 2, 3], -10, 9], "()", "[9, 2, 3]"],
    ["set", [[1, 2, 3], 3, 9], "()", "[1, 2, 3]"],
    ["push", [[1], [2]], "()", "[1, [2]]"],
    ["push", [[], undefined], "()", "[()]"],
    ["append", [[1], [2, 3]], "()", "[1, 2, 3]"],
    ["insert", [[1, 2, 3], 1, 9], "()", "[1, 9, 2, 3]"],
    ["insert", [[1, 2, 3], -1, 9], "()", "[1, 2, 9, 3]"],
    ["insert", [[1, 2, 3], -10, 9], "()", "[9, 1, 2, 3]"],
    ["insert", [[1, 2, 3], 3, 9], "()", "[1, 2, 3, 9]"],
    ["insert", [[1, 2, 3], 10, 9], "()", "[1, 2, 3, 9]"],
    ["insert", [[], -5, 9], "()", "[9]"],
    ["pad", [[1], 3, 0], "()", "[1, 0, 0]"],
    ["pad", [[1, 2], 1, 0], "()", "[1, 2]"],
    ["pad", [[1], -1, 0], "()", "[1]"],
    ["pad", [[], 2, [1]], "()", "[[1], [1]]"],
    ["pop", [[1, 2]], "2", "[1]"],
    ["pop", [[]], "()", "[]"],
    ["shift", [[1, 2]], "1", "[2]"],
    ["shift", [[]], "()", "[]"],
    ["remove", [[1, 2, 3], 1], "2", "[1, 3]"],
    ["remove", [[1, 2, 3], -1], "3", "[1, 2]"],
    ["remove", [[1, 2, 3], -3], "1", "[2, 3]"],
    ["remove", [[1, 2, 3], 3], "()", "[1, 2, 3]"],
    ["remove", [[1, 2, 3], -4], "()", "[1, 2, 3]"],
    ["clear", [[1, 2]], "()", "[]"],
    ["truncate", [[1, 2, 3], 2], "()", "[1, 2]"],
    ["truncate", [[1, 2, 3], 0], "()", "[]"],
    ["truncate", [[1, 2, 3], -1], "()", "[]"],
    ["truncate", [[1, 2, 3], 5], "()", "[1, 2, 3]"],
    ["chop", [[1, 2, 3], 2], "()", "[2, 3]"],
    ["chop", [[1, 2, 3], 0], "()", "[]"],
    ["chop", [[1, 2, 3], -2], "()", "[]"],
    ["chop", [[1, 2, 3], 5], "()", "[1, 2, 3]"],
    ["reverse", [[1, 2, 3]], "()", "[3, 2, 1]"],
    ["splice", [[1, 2, 3, 4], 1, 2, [8, 9, 10]], "()", "[1, 8, 9, 10, 4]"],
    ["splice", [[], 1, 1, [7]], "()", "[7]"],
    ["splice", [[1, 2], 5, 1, [7]], "()", "[1, 2, 7]"],
    ["splice", [[1, 2, 3], 1, 0, [7]], "()", "[1, 7, 2, 3]"],
    ["splice", [[1, 2, 3], -1, 1, [7]], "()", "[1, 2, 7]"],
    ["splice", [[1, 2, 3], 0, 10, []], "()", "[]"],
    ["splice", [[1, 2, 3], rx(1, 2), [7]], "()", "[1, 7, 3]"],
    ["splice", [[1, 2, 3], ri(0, 1), [7]], "()", "[7, 3]"],
    ["split", [[1, 2, 3, 4], 1], "[2, 3, 4]", "[1]"],
    ["split", [[1, 2, 3, 4], 4], "[]", "[1, 2, 3, 4]"],
    ["split", [[1, 2, 3, 4], -1], "[4]", "[1, 2, 3]"],
    ["split", [[1, 2, 3, 4], -4], "[1, 2, 3, 4]", "[]"],
    ["split", [[1, 2, 3, 4], -10], "[1, 2, 3, 4]", "[]"],
    ["split", [[1, 2, 3, 4], 0], "[1, 2, 3, 4]", "[]"],
    ["split", [[], 0], "[]", "[]"],
    ["drain", [A(), 1, 2], "[2, 3]", "[1, 4, 5]"],
    ["drain", [A(), -2, 9], "[4, 5]", "[1, 2, 3]"],
    ["drain", [A(), 1, 0], "[]", "[1, 2, 3, 4, 5]"],
    ["drain", [A(), 5, 1], "[]", "[1, 2, 3, 4, 5]"],
    ["drain", [A(), rx(1, 3)], "[2, 3]", "[1, 4, 5]"],
    ["drain", [A(), ri(3, 10)], "[4, 5]", "[1, 2, 3]"],
    ["retain", [A(), 1, 2], "[1, 4, 5]", "[2, 3]"],
    ["retain", [A(), 5, 1], "[]", "[1, 2, 3, 4, 5]"],
    ["retain", [A(), 1, 0], "[]", "[1, 2, 3, 4, 5]"],
    ["retain", [A(), rx(1, 3)], "[1, 4, 5]", "[2, 3]"],
    ["retain", [A(), ri(0, 0)], "[2, 3, 4, 5]", "[1]"],
    ["sort", [[3, 1, 2]], "()", "[1, 2, 3]"],
    ["sort", [[3, -9007199254740993n, 2]], "()", "[-9007199254740993, 2, 3]"],
    ["sort", [["b", "a", "\u{1F600}", "\uFFFD"]], "()", '["a", "b", "\uFFFD", "\u{1F600}"]'],
    ["sort", [[f(2.5), f(-1), f(1)]], "()", "[-1.0, 1.0, 2.5]"],
    ["sort", [[ch("z"), ch("a")]], "()", "[a, z]"],
    ["sort", [[true, false, true]], "()", "[false, true, true]"],
    ["sort", [[undefined, undefined]], "()", "[(), ()]"],
    ["sort", [[[2]]], "()", "[[2]]"],
    ["sort", [[]], "()", "[]"],
    ["sort_desc", [[3, 1, 2]], "()", "[3, 2, 1]"],
    ["sort_desc", [["a", "c", "b"]], "()", '["c", "b", "a"]'],
    ["dedup", [[1, 1, 2, 1]], "()", "[1, 2, 1]"],
    ["dedup", [[1, 1, 1]], "()", "[1]"],
    ["dedup", [["a", 1, "a", "a"]], "()", '["a", 1, "a"]'],
    ["order", [[3, 1, 2]], "[1, 2, 3]", "[3, 1, 2]"],
    ["order_desc", [[3, 1, 2]], "[3, 2, 1]", "[3, 1, 2]"],
  ];
  test.each(cases)("%s %p", (name, args, result, receiver) => {
    const [r, a] = invoke(name, args);
    expect([dbg(r), dbg(a)]).toEqual([result, receiver]);
  });
});

describe("array errors", () => {
  const cases: [string, Value[], string][] = [
    ["sort", [[1, "a"]], "Function not found: elements of different types cannot be sorted"],
    ["sort", [[[1], [2]]], "Function not found: elements of array cannot be sorted"],
    ["sort", [[map({}), map({})]], "Function not found: elements of map cannot be sorted"],
    ["sort", [[1, f(1)]], "Function not found: elements of different types cannot be sorted"],
    ["sort_desc", [[ch("a"), "a"]], "Function not found: elements of different types cannot be sorted"],
    ["order", [[1, "a"]], "Function not found: elements of different types cannot be sorted"],
    ["contains", [[new FnPtr("a")], new FnPtr("a")], "Function not found: == (Fn, Fn)"],
    ["!=", [[new FnPtr("a")], [new FnPtr("a")]], "Function not found: == (Fn, Fn)"],
    ["==", [[new FnPtr("a")], [new FnPtr("a")]], "Function not found: == (Fn, Fn)"],
  ];
  test.each(cases)("%s %p", (name, args, message) => {
    expect(fails(name, args)).toBe(message);
  });

  test("a failed sort leaves the array unchanged and the error is catchable", () => {
    const a: Value[] = [2, "a", 1];
    try {
      invoke("sort", [a]);
    } catch (e) {
      expect((e as RhaiError).kind).toBe("ErrorFunctionNotFound");
      expect((e as RhaiError).catchable).toBe(true);
    }
    expect(dbg(a)).toBe('[2, "a", 1]');
  });

  test("size limit (ErrorDataTooLarge)", () => {
    const c = fakeContext({ maxArray: 5 });
    const big = (name: string, args: Value[]) => fails(name, args, c);
    expect(big("pad", [[1], 10, 0])).toBe("Size of array/BLOB too large");
    expect(big("pad", [[1], 2 ** 40, 0])).toBe("Size of array/BLOB too large");
    expect(big("push", [[1, 2, 3, 4, 5], 6])).toBe("Size of array/BLOB too large");
    expect(big("append", [[1, 2, 3], [4, 5, 6]])).toBe("Size of array/BLOB too large");
    expect(big("+", [[1, 2, 3], [4, 5, 6]])).toBe("Size of array/BLOB too large");
    expect(big("insert", [[1, 2, 3, 4, 5], 0, 0])).toBe("Size of array/BLOB too large");
    expect(big("splice", [[1, 2, 3], 0, 0, [4, 5, 6]])).toBe("Size of array/BLOB too large");
    expect(dbg(invoke("pad", [[1], 5, 0], c)[1])).toBe("[1, 0, 0, 0, 0]");
  });
});

describe("Mut and ro* flags", () => {
  const cases: [string, Value[], string][] = [
    ["len", [[]], ""],
    ["get", [[], 0], "ro*"],
    ["set", [[], 0, 1], "mut"],
    ["push", [[], 1], "mut"],
    ["append", [[], []], "mut"],
    ["insert", [[], 0, 1], "mut"],
    ["pad", [[], 0, 1], "mut"],
    ["pop", [[]], "mut"],
    ["shift", [[]], "mut"],
    ["remove", [[], 0], "mut"],
    ["clear", [[]], "mut"],
    ["truncate", [[], 0], "mut"],
    ["chop", [[], 0], "mut"],
    ["reverse", [[]], "mut"],
    ["splice", [[], 0, 0, []], "mut"],
    ["splice", [[], rx(0, 1), []], "mut"],
    ["extract", [[], 0, 0], "ro*"],
    ["extract", [[], 0], "ro*"],
    ["extract", [[], ri(0, 1)], "ro*"],
    ["split", [[], 0], "mut"],
    ["for_each", [[], new FnPtr("f")], "mut"],
    ["map", [[], new FnPtr("f")], ""],
    ["map", [[], "f"], "ro*"],
    ["filter", [[], new FnPtr("f")], ""],
    ["filter", [[], "f"], "ro*"],
    ["contains", [[], 1], ""],
    ["index_of", [[], 1], ""],
    ["find", [[], new FnPtr("f")], ""],
    ["some", [[], "f"], ""],
    ["dedup", [[]], "mut"],
    ["dedup", [[], "f"], "mut"],
    ["reduce", [[], new FnPtr("f")], ""],
    ["reduce_rev", [[], "f", 0], ""],
    ["zip", [[], [], new FnPtr("f")], ""],
    ["sort", [[]], "mut"],
    ["sort", [[], "f"], "mut"],
    ["sort_by", [[], new FnPtr("f")], "mut"],
    ["sort_desc", [[]], "mut"],
    ["order", [[]], "ro*"],
    ["order_by", [[], new FnPtr("f")], "ro*"],
    ["order_desc", [[]], "ro*"],
    ["drain", [[], new FnPtr("f")], "mut"],
    ["drain", [[], "f"], "mut"],
    ["drain", [[], 0, 1], "mut"],
    ["retain", [[], rx(0, 1)], "mut"],
    ["+", [[], []], ""],
  ];
  test.each(cases)("%s %p", (name, args, expected) => {
    expect(flags(name, args)).toBe(expected);
  });
});

// Callbacks: closure(n, body) is an anonymous function with n declared parameters; `self`
// is `this` (by reference).
const times = (k: number) => closure(1, (_t, x) => (x as number) * k);

describe("array callbacks ([CB])", () => {
  test("map: (element), (element, index), this = element (trap 30)", () => {
    expect(dbg(call("map", [1, 2, 3], times(2)))).toBe("[2, 4, 6]");
    expect(dbg(call("map", [1, 2, 3], closure(2, (_t, x, i) => (x as number) * (i as number))))).toBe("[0, 2, 6]");
    expect(dbg(call("map", [1, 2, 3], closure(0, (t) => (t!.v as number) + 1)))).toBe("[2, 3, 4]");
    expect(dbg(call("map", [], times(2)))).toBe("[]");
  });
  test("filter (trap 30): this = element; only `true` counts", () => {
    expect(dbg(call("filter", [1, 2, 3], closure(0, (t) => (t!.v as number) > 1)))).toBe("[2, 3]");
    expect(dbg(call("filter", [1, 2, 3], closure(1, (_t, x) => (x === 2 ? 1 : x === 3))))).toBe("[3]");
    expect(dbg(call("filter", [5, 6, 7], closure(2, (_t, _x, i) => i !== 1)))).toBe("[5, 7]");
  });
  test("for_each passes the index, not the element; this by reference (trap 29)", () => {
    let s = 0;
    const a: Value[] = [10, 20];
    invoke("for_each", [a, closure(1, (_t, i) => (s += i as number))]);
    expect(s).toBe(1);
    const [, b] = invoke("for_each", [a, closure(0, (t) => ((t!.v = (t!.v as number) * 2), undefined))]);
    expect(dbg(b)).toBe("[20, 40]");
  });
  test("map/filter with this: assignments reach the element", () => {
    const a: Value[] = [1, 2];
    call("map", a, closure(0, (t) => ((t!.v = 0), 1)));
    expect(dbg(a)).toBe("[0, 0]");
  });
  test("reduce / reduce_rev (trap 45)", () => {
    const add = closure(2, (_t, s, x) => (s as number) + (x as number));
    expect(call("reduce", [1, 2, 3], add, 0)).toBe(6);
    const seen: Value[] = [];
    const first = closure(2, (_t, s, x) => (seen.push(s), s === undefined ? x : (s as number) + (x as number)));
    expect(call("reduce", [1, 2, 3], first)).toBe(6);
    expect(seen).toEqual([undefined, 1, 3]);
    expect(call("reduce", [], add)).toBe(undefined);
    expect(call("reduce", [], add, 7)).toBe(7);
    const trace = closure(3, (_t, s, x, i) => `${s}${x}@${i} `);
    expect(call("reduce", [1, 2, 3], trace, "")).toBe("1@0 2@1 3@2 ");
    expect(call("reduce_rev", [1, 2, 3], trace, "")).toBe("3@2 2@1 1@0 ");
    expect(call("reduce_rev", [1, 2, 3], trace)).toBe("undefined3@2 2@1 1@0 ");
    const withThis = closure(1, (t, s) => ((s as number) ?? 0) * 10 + (t!.v as number));
    expect(call("reduce", [1, 2, 3], withThis, 0)).toBe(123);
  });
  test("zip", () => {
    const add = closure(2, (_t, a, b) => (a as number) + (b as number));
    expect(dbg(call("zip", [1, 2, 3], [10, 20], add))).toBe("[11, 22]");
    expect(dbg(call("zip", [1, 2], [10, 20], closure(3, (_t, a, b, i) => [a, b, i])))).toBe("[[1, 10, 0], [2, 20, 1]]");
  });
  test("find, find_map, index_of, some, all", () => {
    const gt = (k: number) => closure(1, (_t, x) => (x as number) > k);
    expect(call("find", [1, 5, 7], gt(2))).toBe(5);
    expect(call("find", [1, 5, 7], gt(9))).toBe(undefined);
    expect(call("find", [1, 5, 7, 2], gt(2), 2)).toBe(7);
    expect(call("find", [1, 5, 7, 2], gt(2), -1)).toBe(undefined);
    const half = closure(1, (_t, x) => ((x as number) % 2 === 0 ? (x as number) / 2 : undefined));
    expect(call("find_map", [1, 3, 8, 10], half)).toBe(4);
    expect(call("find_map", [1, 3, 8, 10], half, -1)).toBe(5);
    expect(call("find_map", [1, 3], half)).toBe(undefined);
    expect(call("index_of", [1, 5, 7], gt(4))).toBe(1);
    expect(call("index_of", [1, 5, 7], gt(4), 2)).toBe(2);
    expect(call("index_of", [1, 5, 7], gt(4), 3)).toBe(-1);
    expect(call("index_of", [1, 5, 7], gt(9))).toBe(-1);
    expect(call("some", [1, 5], gt(4))).toBe(true);
    expect(call("some", [1, 2], gt(4))).toBe(false);
    expect(call("some", [], gt(4))).toBe(false);
    expect(call("all", [5, 6], gt(4))).toBe(true);
    expect(call("all", [5, 1], gt(4))).toBe(false);
    expect(call("all", [], gt(4))).toBe(true);
    let calls = 0;
    call("some", [1, 5, 6, 7], closure(1, (_t, x) => (calls++, (x as number) > 4)));
    expect(calls).toBe(2);
  });
  test("drain / retain with a predicate: original indices, order kept", () => {
    const even = closure(2, (_t, _x, i) => (i as number) % 2 === 0);
    expect(invoke("drain", [[1, 2, 3, 4, 5], even]).map(dbg)).toEqual(["[1, 3, 5]", "[2, 4]"]);
    expect(invoke("retain", [[1, 2, 3, 4, 5], even]).map(dbg)).toEqual(["[2, 4]", "[1, 3, 5]"]);
  });
  test("drain: on a callback error the unvisited elements stay", () => {
    const boom = closure(1, (_t, x) => {
      if (x === 3) throw new RhaiError("ErrorRuntime", "Runtime error: boom", undefined, "boom");
      return x === 1;
    });
    const a: Value[] = [1, 2, 3, 4];
    expect(() => invoke("drain", [a, boom])).toThrow();
    expect(dbg(a)).toBe("[2, 3, 4]");
    const b: Value[] = [1, 2, 3, 4];
    expect(() => invoke("retain", [b, boom])).toThrow();
    expect(dbg(b)).toBe("[1, 3, 4]");
  });
  test("sort with a comparer (trap 31): INT sign, bool, other", () => {
    const desc = closure(2, (_t, a, b) => (b as number) - (a as number));
    expect(dbg(after("sort", [3, 1, 2], desc))).toBe("[3, 2, 1]");
    expect(dbg(after("sort_by", [3, 1, 2], desc))).toBe("[3, 2, 1]");
    const less = closure(2, (_t, a, b) => (a as number) < (b as number));
    expect(dbg(after("sort", [3, 1, 2], less))).toBe("[1, 2, 3]");
    const [r, a] = invoke("order", [[3, 1, 2], desc]);
    expect([dbg(r), dbg(a)]).toEqual(["[3, 2, 1]", "[3, 1, 2]"]);
    expect(dbg(call("order_by", [1, 3, 2], desc))).toBe("[3, 2, 1]");
    const failing = closure(2, () => {
      throw new RhaiError("ErrorRuntime", "Runtime error");
    });
    expect(dbg(after("sort", [2, 1, 3], failing))).toBe("[2, 1, 3]");
    expect(dbg(after("sort", [2, 1], closure(2, () => "x")))).toBe("[2, 1]");
    // stable
    const byFirst = closure(2, (_t, a, b) => ((a as Value[])[0] as number) - ((b as Value[])[0] as number));
    expect(dbg(after("sort", [[1, "b"], [0, "x"], [1, "a"]], byFirst))).toBe('[[0, "x"], [1, "b"], [1, "a"]]');
  });
  test("dedup with a comparer (earlier kept, next); errors count as false", () => {
    const pairs: string[] = [];
    const close = closure(2, (_t, a, b) => (pairs.push(`${a},${b}`), (b as number) - (a as number) === 1));
    expect(dbg(after("dedup", [1, 2, 3, 5, 6], close))).toBe("[1, 3, 5]");
    expect(pairs).toEqual(["1,2", "1,3", "3,5", "5,6"]);
    const failing = closure(2, () => {
      throw new RhaiError("ErrorRuntime", "Runtime error");
    });
    expect(dbg(after("dedup", [1, 1], failing))).toBe("[1, 1]");
    expect(dbg(after("dedup", [1, 1], closure(2, () => 1)))).toBe("[1, 1]");
  });
  test("callback arguments are copies", () => {
    const a: Value[] = [[1]];
    call("map", a, closure(1, (_t, x) => ((x as Value[]).push(2), 0)));
    expect(dbg(a)).toBe("[[1]]");
  });
});

describe("Fn(\"name\") and function-name overloads", () => {
  const c = fakeContext({
    named: {
      double: { 1: (_t, x) => (x as number) * 2 },
      pair: { 2: (_t, x, i) => `${x}:${i}` },
      big: { 1: (_t, x) => (x as number) > 1 },
      cmp: { 2: (_t, a, b) => (b as number) - (a as number) },
      add: { 2: (_t, a, b) => (a as number) + (b as number) },
      same: { 2: (_t, a, b) => a === b },
      bad: {
        1: () => {
          throw new RhaiError("ErrorRuntime", "Runtime error: bad", { line: 1, pos: 20 }, "bad");
        },
      },
    },
  });
  const run = (name: string, ...args: Value[]) => invoke(name, args, c);
  test("a named function is called with the element, else with element and index", () => {
    expect(dbg(run("map", [1, 2], new FnPtr("double"))[0])).toBe("[2, 4]");
    expect(dbg(run("map", [1, 2], new FnPtr("pair"))[0])).toBe('["1:0", "2:1"]');
    expect(dbg(run("map", [1, 2], "double")[0])).toBe("[2, 4]");
    expect(dbg(run("filter", [1, 2, 3], "big")[0])).toBe("[2, 3]");
    expect(run("some", [1, 2], "big")[0]).toBe(true);
    expect(run("all", [1, 2], "big")[0]).toBe(false);
    expect(run("reduce", [1, 2, 3], "add", 0)[0]).toBe(6);
    expect(run("reduce_rev", [1, 2, 3], "add", 10)[0]).toBe(16);
    expect(dbg(run("sort", [1, 3, 2], "cmp")[1])).toBe("[3, 2, 1]");
    expect(dbg(run("dedup", [1, 1, 2], "same")[1])).toBe("[1, 2]");
    expect(run("drain", [1, 2, 3], "big").map(dbg)).toEqual(["[2, 3]", "[1]"]);
    expect(run("retain", [1, 2, 3], "big").map(dbg)).toEqual(["[1]", "[2, 3]"]);
  });
  test("index_of with a string: a predicate if such a function exists, else a value", () => {
    expect(run("index_of", ["a", "b"], "b")[0]).toBe(1);
    expect(run("index_of", ["a", "b"], "c")[0]).toBe(-1);
    expect(run("index_of", ["x y", "b"], "x y")[0]).toBe(0);
    expect(run("index_of", [1, 2, 3], "big")[0]).toBe(1);
    expect(run("index_of", [1, 2, 3], "big", 2)[0]).toBe(2);
    expect(run("index_of", ["a", "b", "a"], "a", 1)[0]).toBe(2);
  });
  test("errors from a Fn(\"name\") callback get a line naming the library function", () => {
    expect(fails("map", [[1], new FnPtr("bad")], c)).toBe(
      "Runtime error: bad (line 1, position 20)\nin call to function 'bad' (line 9, position 9)\nin call to function 'map' (line 1, position 1)",
    );
    expect(fails("filter", [[1], "bad"], c)).toBe(
      "Runtime error: bad (line 1, position 20)\nin call to function 'bad' (line 9, position 9)\nin call to function 'filter' (line 1, position 1)",
    );
    // A missing function is reported as is, after trying (element) and (element, index).
    expect(fails("map", [[1], new FnPtr("nope")], c)).toBe("Function not found: nope (i64, i64)");
    // A closure's error is raised as is (the evaluator adds its own `in closure call` line).
    const boom = closure(1, () => {
      throw new RhaiError("ErrorRuntime", "Runtime error: x", { line: 1, pos: 9 }, "x");
    });
    expect(fails("map", [[1], boom], ctx)).toBe("Runtime error: x (line 1, position 9)");
  });
  test("the wrapper is ErrorInFunctionCall with function and source keys", () => {
    try {
      run("for_each", [1], new FnPtr("bad"));
      throw new Error("no error");
    } catch (e) {
      const err = e as RhaiError;
      expect(err.kind).toBe("ErrorInFunctionCall");
      expect(err.extra).toEqual({ function: "for_each", source: "" });
      expect(err.inner?.kind).toBe("ErrorInFunctionCall");
      expect(err.inner?.inner?.kind).toBe("ErrorRuntime");
    }
  });
  test("uncatchable errors are never wrapped", () => {
    const limit = closure(1, () => {
      throw new RhaiError("ErrorTooManyOperations", "Too many operations");
    });
    expect(fails("map", [[1], limit])).toBe("Too many operations");
    expect(fails("sort", [[1, 2], closure(2, () => {
      throw new RhaiError("ErrorTooManyOperations", "Too many operations");
    })])).toBe("Too many operations");
  });
});

test("maps inside arrays are compared by value", () => {
  expect(call("==", [map({ a: 1 })], [map({ a: 1 })])).toBe(true);
  expect(call("contains", [map({ a: 1 })], map({ a: 2 }))).toBe(false);
  expect(call("get", [new RMap()], 0) instanceof RMap).toBe(true);
});

describe("script level (traps 29, 30, 31, 38, 45, 46)", () => {
  const values: [string, string][] = [
    ["let a = [10, 20]; let s = 0; a.for_each(|x| s += x); s", "1"],
    ["let a = [10, 20]; a.for_each(|| this *= 2); a", "[20, 40]"],
    ["[1, 2, 3].map(|x, i| x * i)", "[0, 2, 6]"],
    ["[1, 2, 3].filter(|| this > 1)", "[2, 3]"],
    ["let a = [3, 1, 2]; a.sort(); a", "[1, 2, 3]"],
    ["let a = [3, 1, 2]; a.sort(|a, b| b - a); a", "[3, 2, 1]"],
    ["[1, 2, 3].reduce(|s, x| s + x, 0)", "6"],
    ["[1, 2, 3].reduce(|s, x| (s ?? 0) + x)", "6"],
    ["[1, 2, 3].get(5)", ""],
    ["[1, 2, 3].get(-10)", "1"],
    ["const A = [1, 2]; extract(A, 0)", "[1, 2]"],
    ["const A = [1]; A.len()", "1"],
    ["const A = [1]; push(A, 2); A", "[1]"],
    ["let b = [1]; push(b, 2); b", "[1, 2]"],
    ["2 in [1, 2, 3]", "true"],
    ["fn inc(x) { x + 1 } [1, 2].map(inc)", "[2, 3]"],
    ["fn big(x) { x > 1 } [1, 2, 3].filter(\"big\")", "[2, 3]"],
    ['["a", "b"].index_of("b")', "1"],
    ["let a = [1, 2, 3, 4]; let t = a.split(1); [a, t]", "[[1], [2, 3, 4]]"],
    ["let a = [1, 2, 3]; let b = a.drain(|x| x > 1); [a, b]", "[[1], [2, 3]]"],
    ["[1, 2].zip([3, 4], |a, b| a * b)", "[3, 8]"],
    ["let a = [1, 1, 2, 1]; a.dedup(); a", "[1, 2, 1]"],
    ["let x = [[1]]; let y = x.map(|v| { v.push(2); v }); [x, y]", "[[[1]], [[1, 2]]]"],
  ];
  test.each(values)("%s", (src, expected) => {
    expect(str(src)).toBe(expected);
  });
  const errors: [string, string][] = [
    ["[1, 2, 3].reduce(|s, x| s + x)", "Function not found: + ((), i64) (line 1, position 27)\nin closure call (line 1, position 11)"],
    ['[1, "a"].sort()', "Function not found: elements of different types cannot be sorted (line 1, position 10)"],
    ["[1, 2, 3][5]", "Array index 5 out of bounds: only 3 elements in array (line 1, position 11)"],
    ["const A = [1, 2]; A.extract(0)", "Non-pure method 'extract' cannot be called on constant (line 1, position 21)"],
    ["const A = [1]; A.push(2)", "Non-pure method 'push' cannot be called on constant (line 1, position 18)"],
    ["[1].map(|x| x.foo)", "Unknown property 'foo' - a getter is not registered for type 'i64' (line 1, position 15)\nin closure call (line 1, position 5)"],
    [
      'fn g(x) { x.foo } [1].map(Fn("g"))',
      "Unknown property 'foo' - a getter is not registered for type 'i64' (line 1, position 13)\nin call to function 'g' (line 1, position 23)\nin call to function 'map' (line 1, position 23)",
    ],
    ["[Fn(\"a\")].contains(Fn(\"a\"))", "Function not found: == (Fn, Fn) (line 1, position 11)"],
  ];
  test.each(errors)("%s", (src, expected) => {
    expect(err(src)).toBe(expected);
  });
});
