// Value formatting (rhai-language.md §6.3, §11): float forms, quoting, to_string, debug and
// the host rendering, checked directly on values.
import { describe, expect, test } from "bun:test";
import * as H from "./helpers.ts";
import {
  floatDebug,
  floatDisplay,
  floatPlain,
  hostDisplay,
  quoteChar,
  quoteString,
  registryHostFormatter,
  setHostFormatter,
  toDebug,
  toDisplay,
} from "../../src/engine/format.ts";
import { Registry } from "../../src/engine/registry.ts";
import {
  FnPtr,
  INT_MAX,
  INT_MIN,
  RBlob,
  RChar,
  RFloat,
  RIter,
  RMap,
  RRange,
  RTimestamp,
  SharedCell,
  type Value,
  ITER_DONE,
} from "../../src/engine/value.ts";

// §6.3 table: value, Display, Debug.
const FLOAT_TABLE: [number, string, string][] = [
  [1.0, "1.0", "1.0"],
  [-0.0, "0.0", "-0.0"],
  [100.0, "100.0", "100.0"],
  [0.1 + 0.2, "0.30000000000000004", "0.30000000000000004"],
  [1.0 / 3.0, "0.3333333333333333", "0.3333333333333333"],
  [123.456, "123.456", "123.456"],
  [1e-4, "0.0001", "0.0001"],
  [1e-5, "0.00001", "1e-5"],
  [1e-7, "0.0000001", "1e-7"],
  [1e-13, "0.0000000000001", "1e-13"],
  [9.99e-14, "9.99e-14", "9.99e-14"],
  [5e12, "5000000000000.0", "5000000000000.0"],
  [1e13, "1e13", "10000000000000.0"],
  [1e15, "1e15", "1000000000000000.0"],
  [1e16, "1e16", "1e16"],
  [1.5e20, "1.5e20", "1.5e20"],
  [2 ** 53, "9.007199254740992e15", "9007199254740992.0"],
  [-2.5e-20, "-2.5e-20", "-2.5e-20"],
  [1.0 / 0.0, "inf", "inf"],
  [-1.0 / 0.0, "-inf", "-inf"],
  [0.0 / 0.0, "NaN", "NaN"],
  // Further rows from the rules' text.
  [9.999999827969e12, "9.999999827969e12", "9999999827969.0"],
  [9999999827968.0, "9999999827968.0", "9999999827968.0"],
  [123456789012.5, "123456789012.5", "123456789012.5"],
  [-1.5, "-1.5", "-1.5"],
  [0.5, "0.5", "0.5"],
  [1e20, "1e20", "1e20"],
  [-7.0, "-7.0", "-7.0"],
  [1e300, "1e300", "1e300"],
  [5e-324, "5e-324", "5e-324"],
];

describe("float Display and Debug forms (§6.3)", () => {
  for (const [x, display, debug] of FLOAT_TABLE) {
    test(`${x}`, () => {
      expect(floatDisplay(x)).toBe(display);
      expect(floatDebug(x)).toBe(debug);
      expect(toDisplay(new RFloat(x))).toBe(display);
      expect(toDebug(new RFloat(x))).toBe(debug);
    });
  }
});

describe("float forms read back as the same double", () => {
  test("random values across magnitudes", () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 20000; i++) {
      const x = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 60 - 30);
      const digits = Math.abs(x).toExponential().replace(/e.*$/, "").replace(".", "").length;
      for (const s of [floatDisplay(x), floatDebug(x), floatPlain(x)]) {
        expect([s, Number(s)]).toEqual([s, x === 0 ? 0 : x]);
        // No more significant digits than the shortest round-trip form.
        const sig = s.replace(/^-/, "").replace(/e.*$/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
        expect(sig.length).toBeLessThanOrEqual(digits);
      }
      const ax = Math.abs(x);
      if (ax !== 0) {
        expect(floatDisplay(x).includes("e")).toBe(ax > 9999999827968.0 || ax < 9.9999998245167e-14);
        expect(floatDebug(x).includes("e")).toBe(!(ax >= 1e-4 && ax < 1e16));
        if (Number.isInteger(x) && !floatDisplay(x).includes("e")) expect(floatDisplay(x).endsWith(".0")).toBe(true);
      }
    }
  });
});

describe("float plain form (error messages)", () => {
  const rows: [number, string][] = [
    [1e20, "100000000000000000000"],
    [9223372036854777856.0, "9223372036854778000"],
    [-1e20, "-100000000000000000000"],
    [1.5, "1.5"],
    [0.00001, "0.00001"],
    [0, "0"],
    [2 ** 63, "9223372036854776000"],
    [1 / 0, "inf"],
    [-1 / 0, "-inf"],
    [NaN, "NaN"],
  ];
  for (const [x, s] of rows) test(`${x} → ${s}`, () => expect(floatPlain(x)).toBe(s));
});

describe("quoted strings (§11.2)", () => {
  const rows: [string, string][] = [
    ["hi", '"hi"'],
    ['a"b\n', '"a\\"b\\n"'],
    ["back\\slash", '"back\\\\slash"'],
    ["\r\t\0", '"\\r\\t\\0"'],
    ["\u001b", '"\\u{1b}"'],
    ["\u007f", '"\\u{7f}"'],
    ["it's", '"it\'s"'],
    ["é❤😀", '"é❤😀"'],
    ["e\u0301", '"e\\u{301}"'],
    ["a b", '"a b"'],
    ["", '""'],
  ];
  for (const [s, q] of rows) test(JSON.stringify(s), () => expect(quoteString(s)).toBe(q));
  test("chars in single quotes", () => {
    expect(quoteChar(0x61)).toBe("'a'");
    expect(quoteChar(0x27)).toBe("'\\''");
    expect(quoteChar(0x22)).toBe("'\"'");
    expect(quoteChar(0x0a)).toBe("'\\n'");
    expect(quoteChar(0x1f600)).toBe("'😀'");
  });
});

function map(entries: [string, Value][]): RMap {
  const m = new RMap();
  for (const [k, v] of entries) m.set(k, v);
  return m;
}

const iter = new RIter(() => ITER_DONE);

describe("to_string and debug (§11.1)", () => {
  // value, to_string, debug
  const rows: [string, Value, string, string][] = [
    ["unit", undefined, "", "()"],
    ["true", true, "true", "true"],
    ["false", false, "false", "false"],
    ["int", 42, "42", "42"],
    ["negative int", -7, "-7", "-7"],
    ["big int", INT_MIN, "-9223372036854775808", "-9223372036854775808"],
    ["char", RChar.of(0x78), "x", "x"],
    ["string", 'a"b\n', 'a"b\n', '"a\\"b\\n"'],
    ["array", [1, "a", RChar.of(0x62), new RFloat(2), undefined, [3]], '[1, "a", b, 2.0, (), [3]]', '[1, "a", b, 2.0, (), [3]]'],
    ["array floats", [new RFloat(1), new RFloat(1e20), new RFloat(0.5), new RFloat(1e-5)], "[1.0, 1e20, 0.5, 1e-5]", "[1.0, 1e20, 0.5, 1e-5]"],
    ["empty array", [], "[]", "[]"],
    ["map", map([["b", RChar.of(0x78)], ["a", "y"]]), '#{"a": "y", "b": x}', '#{"a": "y", "b": x}'],
    ["empty map", new RMap(), "#{}", "#{}"],
    ["map odd keys", map([["constructor", 2], ["__proto__", 1]]), '#{"__proto__": 1, "constructor": 2}', '#{"__proto__": 1, "constructor": 2}'],
    ["blob", new RBlob(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])), "[0102030405060708 090a]", "[0102030405060708 090a]"],
    ["blob 8", new RBlob(new Uint8Array([255, 0, 0, 0, 0, 0, 0, 171])), "[ff000000000000ab]", "[ff000000000000ab]"],
    ["empty blob", new RBlob(), "[]", "[]"],
    ["fn ptr", new FnPtr("foo"), "Fn(foo)", "Fn(foo)"],
    ["curried fn ptr", new FnPtr("foo", [1]), "Fn(foo)", "Fn(foo)"],
    ["anon fn ptr", new FnPtr("anon$0123456789abcdef", [], {}), "Fn(anon$0123456789abcdef)", "Fn(anon$0123456789abcdef)"],
    ["range", new RRange(1, 5, false), "1..5", "1..5"],
    ["inclusive range", new RRange(1, 5, true), "1..=5", "1..=5"],
    ["open range", new RRange(3, INT_MAX, false), "3..", "3.."],
    ["open inclusive range", new RRange(3, INT_MAX, true), "3..=", "3..="],
    ["negative range", new RRange(-3, -1, false), "-3..-1", "-3..-1"],
    ["timestamp", new RTimestamp(1), "<timestamp>", "<timestamp>"],
    ["iterator", iter, "range", "range"],
    ["nested", [map([["k", [RChar.of(0x27), "s"]]])], '[#{"k": [\', "s"]}]', '[#{"k": [\', "s"]}]'],
  ];
  for (const [name, v, s, d] of rows) {
    test(name, () => {
      expect(toDisplay(v)).toBe(s);
      expect(toDebug(v)).toBe(d);
    });
  }
});

describe("host rendering (§11.3)", () => {
  const anon = "anon$0123456789abcdef";
  const rows: [string, Value, string][] = [
    ["string", "raw text", "raw text"],
    ["char", RChar.of(0x61), "a"],
    ["unit", undefined, ""],
    ["int", 5, "5"],
    ["bool", true, "true"],
    ["float", new RFloat(1e-5), "0.00001"],
    ["fn ptr", new FnPtr("foo", [1]), "Fn(foo)"],
    ["timestamp", new RTimestamp(0), "<timestamp>"],
    ["range", new RRange(1, 5, false), "1..5"],
    ["blob", new RBlob(new Uint8Array([1, 2])), "[0102]"],
    ["array", [RChar.of(0x61), "b"], "['a', \"b\"]"],
    ["array quote char", [RChar.of(0x27)], "['\\'']"],
    ["array floats", [new RFloat(1e-5), new RFloat(1), new RFloat(-0)], "[1e-5, 1.0, -0.0]"],
    ["map", map([["z", RChar.of(0x63)], ["a", [undefined, "q"]]]), "#{\"a\": [(), \"q\"], \"z\": 'c'}"],
    ["array misc", [new RBlob(new Uint8Array([9])), new RRange(1, 2, true), new RTimestamp(0)], "[[09], 1..=2, <timestamp>]"],
    ["fn ptrs", [new FnPtr("f"), new FnPtr("f", [1, "a"]), new FnPtr(anon, [], {}), new FnPtr(anon, [RChar.of(0x63)], {})], `[Fn("f"), Fn+("f", 1, "a"), Fn*("${anon}"), Fn*+("${anon}", 'c')]`],
    ["shared curry", [new FnPtr(anon, [new SharedCell(1) as unknown as Value], {})], `[Fn*+("${anon}", 1 (shared))]`],
  ];
  for (const [name, v, s] of rows) test(name, () => expect(hostDisplay(v)).toBe(s));
});

describe("host types", () => {
  class Handle {
    constructor(public n: number) {}
  }
  class Plain {}
  class Unregistered {}
  test("registered display/debug and defaults", () => {
    const reg = new Registry();
    reg.registerType(Handle, { name: "Handle", display: (v) => `H${(v as Handle).n}`, debug: (v) => `Handle(${(v as Handle).n})` });
    reg.registerType(Plain, { name: "Plain" });
    setHostFormatter(registryHostFormatter(reg));
    try {
      expect(toDisplay(new Handle(3))).toBe("H3");
      expect(toDebug(new Handle(3))).toBe("Handle(3)");
      expect(toDisplay([new Handle(4)])).toBe("[Handle(4)]");
      expect(hostDisplay(new Handle(5))).toBe("H5");
      expect(toDisplay(new Plain())).toBe("<Plain>");
      expect(toDebug(new Plain())).toBe("<Plain>");
      expect(toDisplay(new Unregistered())).toBe("<Unregistered>");
    } finally {
      setHostFormatter(undefined);
    }
    expect(toDisplay(new Handle(3))).toBe("<Handle>");
  });
});

// ---------------------------------------------------------------------------------------------
// Script level (through the evaluator).


describe("script level", () => {
  // §6.3 table: expression, Display (print / to_string / ${}), Debug.
  const FLOATS: [string, string, string][] = [
    ["1.0", "1.0", "1.0"],
    ["-0.0", "0.0", "-0.0"],
    ["100.0", "100.0", "100.0"],
    ["0.1 + 0.2", "0.30000000000000004", "0.30000000000000004"],
    ["1.0 / 3.0", "0.3333333333333333", "0.3333333333333333"],
    ["123.456", "123.456", "123.456"],
    ["1e-4", "0.0001", "0.0001"],
    ["1e-5", "0.00001", "1e-5"],
    ["1e-7", "0.0000001", "1e-7"],
    ["1e-13", "0.0000000000001", "1e-13"],
    ["9.99e-14", "9.99e-14", "9.99e-14"],
    ["5e12", "5000000000000.0", "5000000000000.0"],
    ["1e13", "1e13", "10000000000000.0"],
    ["1e15", "1e15", "1000000000000000.0"],
    ["1e16", "1e16", "1e16"],
    ["1.5e20", "1.5e20", "1.5e20"],
    ["2.0 ** 53", "9.007199254740992e15", "9007199254740992.0"],
    ["-2.5e-20", "-2.5e-20", "-2.5e-20"],
    ["1.0 / 0.0", "inf", "inf"],
    ["-1.0 / 0.0", "-inf", "-inf"],
    ["0.0 / 0.0", "NaN", "NaN"],
  ];
  describe("§6.3 float forms", () => {
    for (const [src, display, debug] of FLOATS) {
      test(src, () => {
        expect(H.str(src)).toBe(display);
        expect(H.str(`to_string(${src})`)).toBe(display);
        expect(H.str(`\`\${${src}}\``)).toBe(display);
        expect(H.printed(`print(${src})`)).toEqual([display]);
        expect(H.str(`to_debug(${src})`)).toBe(debug);
        expect(H.str(`[${src}]`)).toBe(`[${debug}]`);
        expect(H.out(src)).toBe(display);
      });
    }
  });

  test.each([
    // rhai-language.md §15 trap 2
    ["print(1.0)", ["1.0"]],
    ["print(1e13)", ["1e13"]],
    ["print(1e-7)", ["0.0000001"]],
    ["print([1e-7, 1e16, 2.0])", ["[1e-7, 1e16, 2.0]"]],
    ["print(`${3.0/2.0}`)", ["1.5"]],
    ["print([1.0, 1e20, 0.5, 1e-5])", ["[1.0, 1e20, 0.5, 1e-5]"]],
    ["print(1e-5)", ["0.00001"]],
    // trap 16 / §11.1
    ["print(())", [""]],
    ['print("a")', ["a"]],
    ["print(['a', \"b\"])", ['[a, "b"]']],
    ['print([1, "a", \'b\', 2.0, (), [3]])', ['[1, "a", b, 2.0, (), [3]]']],
    ["print(#{b: 1, a: 2})", ['#{"a": 2, "b": 1}']],
    ["print(3..)", ["3.."]],
    ["print(1..=5)", ["1..=5"]],
    ["print(timestamp())", ["<timestamp>"]],
  ] as [string, string[]][])("%s logs %j", (src, lines) => expect(H.printed(src)).toEqual(lines));

  test.each([
    ["to_debug(())", "()"],
    ['to_debug("hi")', '"hi"'],
    ["to_debug('c')", "c"],
    ['to_debug("a\\"b\\n")', '"a\\"b\\n"'],
    ['to_debug("\\x1b")', '"\\u{1b}"'],
    ["let m = #{b: 'x', a: \"y\"}; `${m}`", '#{"a": "y", "b": x}'],
    ["to_string(Fn(\"foo\"))", "Fn(foo)"],
  ])("%s → %s", (src, want) => expect(H.str(src)).toBe(want));

  test.each([
    ["['a', \"b\"]", "['a', \"b\"]"],
    ['"raw"', "raw"],
    ["'c'", "c"],
    ["()", ""],
    ["[1.0, 1e-5, ()]", "[1.0, 1e-5, ()]"],
    ["#{z: 'q', a: [\"s\"]}", "#{\"a\": [\"s\"], \"z\": 'q'}"],
    ['[Fn("f")]', '[Fn("f")]'],
    ['[Fn("f").curry(1).curry("a")]', '[Fn+("f", 1, "a")]'],
    ['Fn("f")', "Fn(f)"],
  ])("host rendering of %s is %s", (src, want) => expect(H.out(src)).toBe(want));

  test("closures render with Fn* and shared captures", () => {
    expect(H.out("[|x| x]")).toMatch(/^\[Fn\*\("anon\$[0-9a-f]{16}"\)\]$/);
    expect(H.out("let a = 1; [|| a]")).toMatch(/^\[Fn\*\+\("anon\$[0-9a-f]{16}", 1 \(shared\)\)\]$/);
  });
});
