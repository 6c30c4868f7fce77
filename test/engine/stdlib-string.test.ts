// The string and char standard library (rhai-stdlib.md §13, char functions of §4/§15),
// called directly through a Registry with a small fake NativeContext; then script-level
// tests through the evaluator (the "script level" block at the end).
import { describe, expect, test } from "bun:test";
import * as H from "./helpers.ts";
import { RhaiError } from "../../src/engine/errors.ts";
import { type NativeContext, Registry } from "../../src/engine/registry.ts";
import { register } from "../../src/engine/packages/string.ts";
import { utf8Length } from "../../src/engine/packages/string-util.ts";
import { INT_MAX, RBlob, RChar, RFloat, RRange, type FnPtr, type Value } from "../../src/engine/value.ts";

const reg = new Registry();
register(reg);

function ctxWith(maxStringSize = 0): NativeContext {
  return {
    pos: undefined,
    fnName: "test",
    call: (_f: FnPtr, _a: Value[]) => undefined,
    callWithThis: (_f: FnPtr, t: Value, _a: Value[]) => [undefined, t],
    checkSize(v: Value) {
      if (typeof v === "string" && maxStringSize > 0 && utf8Length(v) > maxStringSize)
        throw new RhaiError("ErrorDataTooLarge", "Length of string too large");
    },
    tick() {},
    arity: () => undefined,
    equals: (a: Value, b: Value) => a === b,
  };
}
const ctx = ctxWith();

/** Call a native by name with dispatch on the argument types: [result, receiver after]. */
function invoke(name: string, args: Value[], c: NativeContext = ctx): [Value, Value] {
  const e = reg.functions.resolve(
    name,
    args.map((v) => reg.typeSpecOf(v)),
  );
  if (!e) throw new Error(`no native ${name}(${args.map((v) => reg.typeSpecOf(v)).join(", ")})`);
  const a = [...args];
  const r = e.fn(c, a);
  return [r, a[0]];
}
const call = (name: string, ...args: Value[]): Value => invoke(name, args)[0];
/** For Mut functions: the receiver after the call. */
const after = (name: string, ...args: Value[]): Value => invoke(name, args)[1];

const ch = (s: string): RChar => RChar.of(s.codePointAt(0)!);
const rx = (a: number, b: number | bigint): RRange => new RRange(a, b, false);
const ri = (a: number, b: number | bigint): RRange => new RRange(a, b, true);
const blob = (...b: number[]): RBlob => new RBlob(Uint8Array.from(b));
const HEART = "\u2764";
const HEARTS = `${HEART}${HEART}${HEART} hello! ${HEART}${HEART}${HEART}`;

type Case = [name: string, args: Value[], expected: Value];

function table(title: string, cases: Case[], pick: (n: string, a: Value[]) => Value): void {
  describe(title, () => {
    test.each(cases.map((c, i) => [i, ...c] as const))("%#: %s", (_i, name, args, expected) => {
      expect(pick(name, args)).toEqual(expected);
    });
  });
}
const results = (title: string, cases: Case[]) => table(title, cases, (n, a) => call(n, ...a));
const receivers = (title: string, cases: Case[]) => table(title, cases, (n, a) => after(n, ...a));

results("+ operators", [
  ["+", ["a", 1], "a1"],
  ["+", [new RFloat(1), "a"], "1.0a"],
  ["+", ["a", [1, ch("b")]], "a[1, b]"],
  ["+", ["ab", "cd"], "abcd"],
  ["+", ["a", ch("b")], "ab"],
  ["+", [ch("a"), "b"], "ab"],
  ["+", ["a", undefined], "a"],
  ["+", [undefined, "a"], "a"],
  ["+", [1, "x"], "1x"],
  ["+", ["x", true], "xtrue"],
  ["+", ["a", blob(0x68, 0xc3, 0xa9)], "ahé"],
  ["+", [blob(0x68, 0x69), "a"], "hia"],
  ["+", ["a", blob(0xff, 0x41)], "a\uFFFDA"],
  ["+", ["", blob(0xef, 0xbb, 0xbf)], "\uFEFF"],
]);

receivers("+= and append (receiver after)", [
  ["+=", ["a", "b"], "ab"],
  ["+=", ["a", ch("😀")], "a😀"],
  ["+=", ["a", undefined], "a"],
  ["+=", ["a", 12], "a12"],
  ["+=", ["a", [1, "x"]], 'a[1, "x"]'],
  ["+=", ["a", blob(0x62)], "ab"],
  ["append", ["a", 1], "a1"],
  ["append", ["a", ch("c")], "ac"],
  ["append", ["a", undefined], "a"],
  ["append", ["a", blob(0xe2, 0x9d, 0xa4)], `a${HEART}`],
]);

results("+= and append return ()", [
  ["+=", ["a", "b"], undefined],
  ["append", ["a", 1], undefined],
]);

results("len, is_empty, bytes, to_blob", [
  ["len", ["😀"], 1],
  ["len", ["héllo"], 5],
  ["len", [""], 0],
  ["get$len", ["a😀b"], 3],
  ["is_empty", [""], true],
  ["is_empty", ["x"], false],
  ["get$is_empty", [""], true],
  ["bytes", ["😀"], 4],
  ["bytes", ["héllo"], 6],
  ["get$bytes", ["héllo"], 6],
  ["bytes", [""], 0],
  ["to_blob", ["hé"], blob(0x68, 0xc3, 0xa9)],
  ["to_blob", [""], blob()],
]);

receivers("remove, clear, truncate, trim", [
  ["remove", ["banana", "a"], "bnn"],
  ["remove", ["hello", ch("l")], "heo"],
  ["remove", ["", "x"], ""],
  ["remove", ["abc", ""], "abc"],
  ["remove", ["a😀b😀", ch("😀")], "ab"],
  ["clear", ["abc"], ""],
  ["truncate", ["hello", 2], "he"],
  ["truncate", ["hello", 0], ""],
  ["truncate", ["hello", -1], ""],
  ["truncate", ["hello", 10], "hello"],
  ["truncate", ["😀😀😀", 2], "😀😀"],
  ["trim", ["  hi there \n"], "hi there"],
  ["trim", ["\u0085\u3000x\u2029"], "x"],
  ["trim", ["\uFEFFx"], "\uFEFFx"],
  ["trim", ["   "], ""],
]);

results("Mut edits return ()", [
  ["remove", ["banana", "a"], undefined],
  ["clear", ["abc"], undefined],
  ["truncate", ["hello", 2], undefined],
  ["trim", [" a "], undefined],
  ["set", ["abc", 0, ch("x")], undefined],
  ["crop", ["hello", 1, 2], undefined],
  ["replace", ["aa", "a", "b"], undefined],
  ["pad", ["a", 3, ch("x")], undefined],
  ["make_upper", ["a"], undefined],
  ["make_lower", [ch("A")], undefined],
]);

describe("pop", () => {
  test.each([
    ["abc", ch("c"), "ab"],
    ["", undefined, ""],
    ["a😀", ch("😀"), "a"],
  ] as const)("pop(%p)", (s, r, left) => {
    expect(invoke("pop", [s])).toEqual([r, left]);
  });
  test.each([
    ["hello", 2, "lo", "hel"],
    ["hello", 0, "", "hello"],
    ["hello", -1, "", "hello"],
    ["hello", 5, "hello", ""],
    ["hello", 9, "hello", ""],
    ["😀a😀", 2, "a😀", "😀"],
  ] as const)("pop(%p, %p)", (s, n, r, left) => {
    expect(invoke("pop", [s, n])).toEqual([r, left]);
  });
});

results("case mapping", [
  ["to_upper", ["ß"], "SS"],
  ["to_upper", ["héllo"], "HÉLLO"],
  ["to_lower", ["HÉLLO"], "héllo"],
  ["to_lower", ["ΟΔΟΣ"], "οδος"],
  ["to_upper", [ch("ß")], ch("ß")],
  ["to_upper", [ch("a")], ch("A")],
  ["to_upper", [ch("é")], ch("É")],
  ["to_lower", [ch("Σ")], ch("σ")],
  ["to_lower", [ch("İ")], ch("İ")],
  ["to_upper", [ch("1")], ch("1")],
  ["to_upper", [ch("𐐨")], ch("𐐀")],
]);

receivers("make_upper / make_lower", [
  ["make_upper", ["straße"], "STRASSE"],
  ["make_lower", ["ABC"], "abc"],
  ["make_upper", [ch("ß")], ch("ß")],
  ["make_upper", [ch("q")], ch("Q")],
  ["make_lower", [ch("Q")], ch("q")],
]);

results("contains, starts_with, ends_with", [
  ["contains", ["hello", "ell"], true],
  ["contains", ["hello", "elo"], false],
  ["contains", ["hello", ""], true],
  ["contains", ["", ""], true],
  ["contains", ["hello", ch("h")], true],
  ["contains", ["hello", ch("z")], false],
  ["contains", ["a😀", ch("😀")], true],
  ["starts_with", ["hello", "he"], true],
  ["starts_with", ["hello", "lo"], false],
  ["starts_with", ["hello", ch("h")], true],
  ["starts_with", ["", ch("h")], false],
  ["ends_with", ["hello", "lo"], true],
  ["ends_with", ["hello", "he"], false],
  ["ends_with", ["hello", ch("o")], true],
]);

results("index_of", [
  ["index_of", ["hello", "l"], 2],
  ["index_of", ["hello", ch("o")], 4],
  ["index_of", ["hello", "z"], -1],
  ["index_of", ["😀ab", "b"], 2],
  ["index_of", ["", ""], -1],
  ["index_of", ["", ch("a")], -1],
  ["index_of", ["abc", ""], 0],
  ["index_of", [HEARTS, ch(HEART), -6], 11],
  ["index_of", [HEARTS, ch(HEART), 1], 1],
  ["index_of", [HEARTS, ch(HEART), 3], 11],
  ["index_of", [HEARTS, "hello", -100], 4],
  ["index_of", [HEARTS, "!", 13], -1],
  ["index_of", ["abc", "a", 3], -1],
  ["index_of", ["abc", "a", 99], -1],
  ["index_of", ["abc", "", 2], 2],
  ["index_of", ["", "", 0], -1],
  ["index_of", ["😀a😀b", "b", 2], 3],
  ["index_of", ["😀a😀b", ch("😀"), -2], 2],
]);

results("get", [
  ["get", ["abc", 0], ch("a")],
  ["get", ["abc", -1], ch("c")],
  ["get", ["abc", -3], ch("a")],
  ["get", ["abc", 3], undefined],
  ["get", ["abc", -4], undefined],
  ["get", ["", 0], undefined],
  ["get", ["😀x", 1], ch("x")],
  ["get", ["x😀", -1], ch("😀")],
  ["get", ["abc", 2n ** 62n], undefined],
]);

receivers("set", [
  ["set", ["abc", 1, ch("X")], "aXc"],
  ["set", ["abc", -1, ch("Z")], "abZ"],
  ["set", ["abc", 5, ch("Q")], "abc"],
  ["set", ["abc", -4, ch("Q")], "abc"],
  ["set", ["😀x", 0, ch("a")], "ax"],
  ["set", ["ab", 0, ch("😀")], "😀b"],
]);

results("sub_string", [
  ["sub_string", ["hello", 1, 3], "ell"],
  ["sub_string", ["hello", -2, 2], "lo"],
  ["sub_string", ["hello", 5, 1], ""],
  ["sub_string", ["hello", 1, 0], ""],
  ["sub_string", ["hello", 1, -1], ""],
  ["sub_string", ["hello", 3, 100], "lo"],
  ["sub_string", ["hello", -10, 2], "he"],
  ["sub_string", ["", 0, 2], ""],
  ["sub_string", ["a😀b😀", 1, 2], "😀b"],
  ["sub_string", ["hello", 2], "llo"],
  ["sub_string", ["hello", -3], "llo"],
  ["sub_string", ["hello", 5], ""],
  ["sub_string", ["hello", rx(1, 3)], "el"],
  ["sub_string", ["hello", ri(1, 1)], "e"],
  ["sub_string", ["abc", ri(1, 1)], "b"],
  ["sub_string", ["hello", rx(-2, 2)], "he"],
  ["sub_string", ["hello", rx(3, INT_MAX)], "lo"],
  ["sub_string", ["hello", ri(0, INT_MAX)], "hello"],
  ["sub_string", ["hello", rx(3, 1)], ""],
  ["sub_string", ["hello", ri(3, 1)], "l"],
  ["sub_string", ["😀😀😀", ri(1, 2)], "😀😀"],
]);

receivers("crop", [
  ["crop", ["hello", 1, 3], "ell"],
  ["crop", ["hello", -2, 2], "lo"],
  ["crop", ["hello", 5, 1], ""],
  ["crop", ["hello", 1, 0], ""],
  ["crop", ["hello", 1, -5], ""],
  ["crop", ["", 0, 5], ""],
  ["crop", ["hello", 2], "llo"],
  ["crop", ["hello", -1], "o"],
  ["crop", ["hello", 9], ""],
  ["crop", ["hello", rx(1, 3)], "el"],
  ["crop", ["hello", ri(1, 1)], "e"],
  ["crop", ["hello", rx(-5, 2)], "he"],
  ["crop", ["a😀b", ri(1, 2)], "😀b"],
]);

receivers("replace", [
  ["replace", ["banana", "a", "o"], "bonono"],
  ["replace", ["banana", "an", ""], "ba"],
  ["replace", ["ab", "", "-"], "-a-b-"],
  ["replace", ["", "", "-"], ""],
  ["replace", ["", "a", "b"], ""],
  ["replace", ["a😀", "", "-"], "-a-😀-"],
  ["replace", ["banana", ch("a"), "xy"], "bxynxynxy"],
  ["replace", ["banana", "a", ch("u")], "bununu"],
  ["replace", ["banana", ch("n"), ch("m")], "bamama"],
  ["replace", ["a", "a", "$&$&"], "$&$&"],
  ["replace", ["aaa", "aa", "b"], "ba"],
  ["replace", ["abc", "z", "y"], "abc"],
]);

receivers("pad", [
  ["pad", ["ab", 5, ch("x")], "abxxx"],
  ["pad", ["ab", 2, ch("x")], "ab"],
  ["pad", ["ab", 1, ch("x")], "ab"],
  ["pad", ["ab", -1, ch("x")], "ab"],
  ["pad", ["", 3, ch("😀")], "😀😀😀"],
  ["pad", ["ab", 7, "xyz"], "abxyzxy"],
  ["pad", ["ab", 8, "xyz"], "abxyzxyz"],
  ["pad", ["ab", 5, ""], "ab"],
  ["pad", ["😀", 4, "a😀"], "😀a😀a"],
]);

describe("string size limit", () => {
  const limited = ctxWith(10);
  const fails = (name: string, args: Value[]) => () => invoke(name, args, limited);
  test.each([
    ["pad char", "pad", ["ab", 100, ch("x")]],
    ["pad string", "pad", ["ab", 11, "xy"]],
    ["pad huge", "pad", ["ab", 2n ** 62n, ch("x")]],
    ["+", "+", ["123456", "789012"]],
    ["+ any", "+", ["123456", 7890123]],
    ["+=", "+=", ["123456", "789012"]],
    ["append", "append", ["123456", 7890123]],
    ["replace", "replace", ["aaaaaa", "a", "bb"]],
    ["to_upper", "to_upper", ["ßßßßßß"]],
  ] as const)("%s: Length of string too large", (_t, name, args) => {
    expect(fails(name, [...args])).toThrow("Length of string too large");
  });
  test("within the limit is fine", () => {
    expect(invoke("pad", ["ab", 10, ch("x")], limited)[1]).toBe("abxxxxxxxx");
  });
  test("unlimited but beyond what a JS string holds", () => {
    expect(() => invoke("pad", ["ab", 2n ** 40n, ch("x")])).toThrow("Length of string too large");
  });
});

results("max / min", [
  ["max", ["a", "b"], "b"],
  ["min", ["a", "b"], "a"],
  ["max", ["Z", "a"], "a"],
  ["min", ["ab", "b"], "ab"],
  ["max", ["\uFFFF", "😀"], "😀"],
  ["min", ["\uFFFF", "😀"], "\uFFFF"],
  ["max", [ch("a"), ch("b")], ch("b")],
  ["min", [ch("a"), ch("b")], ch("a")],
  ["max", [ch("\uFFFF"), ch("😀")], ch("😀")],
]);

results("split at index / on whitespace", [
  ["split", ["hello", 2], ["he", "llo"]],
  ["split", ["hello", 0], ["hello", ""]],
  ["split", ["hello", -2], ["hel", "lo"]],
  ["split", ["hello", 5], ["hello", ""]],
  ["split", ["hello", 10], ["hello", ""]],
  ["split", ["hello", -5], ["", "hello"]],
  ["split", ["hello", -10], ["", "hello"]],
  ["split", ["😀😀a", 1], ["😀", "😀a"]],
  ["split", ["😀😀a", -1], ["😀😀", "a"]],
  ["split", [" a  b\tc \n"], ["a", "b", "c"]],
  ["split", ["one"], ["one"]],
  ["split", [""], [""]],
  ["split", ["   "], []],
  ["split", ["a\u3000b\u0085c"], ["a", "b", "c"]],
]);

results("split on a delimiter", [
  ["split", ["a,b,,c", ","], ["a", "b", "", "c"]],
  ["split", ["abc", ","], ["abc"]],
  ["split", ["", ","], [""]],
  ["split", ["ab", ""], ["", "a", "b", ""]],
  ["split", ["a😀", ""], ["", "a", "😀", ""]],
  ["split", [",a,", ","], ["", "a", ""]],
  ["split", ["a::b::c", "::"], ["a", "b", "c"]],
  ["split", ["a,b,c", ch(",")], ["a", "b", "c"]],
  ["split", ["a😀b", ch("😀")], ["a", "b"]],
  ["split", ["a,b,c", ",", 2], ["a", "b,c"]],
  ["split", ["a,b,c", ",", 1], ["a,b,c"]],
  ["split", ["a,b,c", ",", 0], ["a,b,c"]],
  ["split", ["a,b,c", ",", -3], ["a,b,c"]],
  ["split", ["a,b,c", ",", 10], ["a", "b", "c"]],
  ["split", ["abc", "", 2], ["", "abc"]],
  ["split", ["abc", "", 3], ["", "a", "bc"]],
  ["split", ["a,b,c", ch(","), 2], ["a", "b,c"]],
]);

results("split_rev", [
  ["split_rev", ["a,b,c", ","], ["c", "b", "a"]],
  ["split_rev", ["a,b,c", ch(",")], ["c", "b", "a"]],
  ["split_rev", ["abc", ","], ["abc"]],
  ["split_rev", ["", ","], [""]],
  ["split_rev", ["a,", ","], ["", "a"]],
  ["split_rev", ["aaa", "aa"], ["", "a"]],
  ["split_rev", ["ab", ""], ["", "b", "a", ""]],
  ["split_rev", ["a😀", ""], ["", "😀", "a", ""]],
  ["split_rev", ["a,b,c", ",", 2], ["c", "a,b"]],
  ["split_rev", ["a,b,c", ch(","), 2], ["c", "a,b"]],
  ["split_rev", ["a,b,c", ",", 1], ["a,b,c"]],
  ["split_rev", ["a,b,c", ",", 0], ["a,b,c"]],
  ["split_rev", ["a,b,c", ",", 5], ["c", "b", "a"]],
  ["split_rev", ["abc", "", 3], ["", "c", "ab"]],
]);

results("to_chars, to_int", [
  ["to_chars", ["a😀"], [ch("a"), ch("😀")]],
  ["to_chars", [""], []],
  ["to_int", [ch("A")], 65],
  ["to_int", [ch("😀")], 0x1f600],
]);

describe("Mut flags (rhai-stdlib.md §13)", () => {
  const S = "string";
  const mutating: [string, string[]][] = [
    ["+=", [S, "string"]],
    ["+=", [S, "char"]],
    ["+=", [S, "()"]],
    ["+=", [S, "blob"]],
    ["+=", [S, "any"]],
    ["append", [S, "any"]],
    ["append", [S, "blob"]],
    ["remove", [S, "string"]],
    ["remove", [S, "char"]],
    ["clear", [S]],
    ["truncate", [S, "int"]],
    ["trim", [S]],
    ["pop", [S]],
    ["pop", [S, "int"]],
    ["make_upper", [S]],
    ["make_lower", [S]],
    ["make_upper", ["char"]],
    ["make_lower", ["char"]],
    ["set", [S, "int", "char"]],
    ["crop", [S, "int", "int"]],
    ["crop", [S, "int"]],
    ["crop", [S, "range"]],
    ["crop", [S, "range="]],
    ["replace", [S, "string", "string"]],
    ["replace", [S, "string", "char"]],
    ["replace", [S, "char", "string"]],
    ["replace", [S, "char", "char"]],
    ["pad", [S, "int", "char"]],
    ["pad", [S, "int", "string"]],
  ];
  const pure: [string, string[]][] = [
    ["+", [S, "any"]],
    ["+", ["any", S]],
    ["+", [S, S]],
    ["+", [S, "char"]],
    ["+", ["char", S]],
    ["+", [S, "()"]],
    ["+", ["()", S]],
    ["+", [S, "blob"]],
    ["+", ["blob", S]],
    ["to_blob", [S]],
    ["len", [S]],
    ["is_empty", [S]],
    ["bytes", [S]],
    ["to_upper", [S]],
    ["to_lower", [S]],
    ["to_upper", ["char"]],
    ["to_lower", ["char"]],
    ["contains", [S, S]],
    ["contains", [S, "char"]],
    ["starts_with", [S, S]],
    ["starts_with", [S, "char"]],
    ["ends_with", [S, S]],
    ["ends_with", [S, "char"]],
    ["index_of", [S, S]],
    ["index_of", [S, "char"]],
    ["index_of", [S, S, "int"]],
    ["index_of", [S, "char", "int"]],
    ["get", [S, "int"]],
    ["sub_string", [S, "int", "int"]],
    ["sub_string", [S, "int"]],
    ["sub_string", [S, "range"]],
    ["sub_string", [S, "range="]],
    ["max", [S, S]],
    ["min", [S, S]],
    ["max", ["char", "char"]],
    ["min", ["char", "char"]],
    ["split", [S, "int"]],
    ["split", [S]],
    ["split", [S, S]],
    ["split", [S, S, "int"]],
    ["split", [S, "char"]],
    ["split", [S, "char", "int"]],
    ["split_rev", [S, S]],
    ["split_rev", [S, "char"]],
    ["split_rev", [S, S, "int"]],
    ["split_rev", [S, "char", "int"]],
    ["to_chars", [S]],
    ["to_int", ["char"]],
  ];
  const exact = (name: string, params: string[]) =>
    reg.functions.resolve(name, params);
  test.each(mutating)("%s(%p) is Mut", (name, params) => {
    const e = exact(name, params);
    expect(e?.params).toEqual(params);
    expect(e?.mut).toBe(true);
  });
  test.each(pure)("%s(%p) is not Mut", (name, params) => {
    const e = exact(name, params);
    expect(e?.params).toEqual(params);
    expect(e?.mut).toBe(false);
    expect(e?.rejectOnConst).toBe(false);
  });
  test("overload selection: + prefers (string, any) over (any, string)", () => {
    expect(reg.functions.resolve("+", ["string", "int"])?.params).toEqual(["string", "any"]);
    expect(reg.functions.resolve("+", ["int", "string"])?.params).toEqual(["any", "string"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Script level (through the evaluator; skipped only if src/engine/engine.ts is missing).


describe("script level", () => {
  describe("values (to_string form)", () => {
    test.each([
      // rhai-language.md §15 trap 11
      ['"😀".len', "1"],
      ['"😀".bytes', "4"],
      ['"héllo"[1]', "é"],
      ['"abc"[-1]', "c"],
      // trap 12
      ['"hello"[1..=1]', ""],
      ['"hello"[1..=2]', "el"],
      ['"hello"[-3..]', "llo"],
      // trap 13
      ['"" - "abc"', "abc"],
      ['"banana" - "a"', "bnn"],
      ['"hello" - \'l\'', "heo"],
      // trap 14
      ["'a' + 'b'", "ab"],
      ['"x" + 1', "x1"],
      ['1 + "x"', "1x"],
      ["'a' == \"a\"", "true"],
      ["\"ab\" == 'a'", "false"],
      ['1 == "1"', "false"],
      // trap 46
      ['"abc".sub_string(1..=1)', "b"],
      ['"abc"[1..=1]', ""],
      // trap 33
      ['"ell" in "hello"', "true"],
      ["'z' in \"hello\"", "false"],
      // §13
      ['"a" + [1, \'b\']', "a[1, b]"],
      ['1.0 + "a"', "1.0a"],
      ['"a" + ()', "a"],
      ['() + "a"', "a"],
      ['"héllo".len', "5"],
      ['"héllo".bytes', "6"],
      ['"".is_empty', "true"],
      ['len("abc")', "3"],
      ['"hello".sub_string(1, 3)', "ell"],
      ['"hello".sub_string(-2, 2)', "lo"],
      ['sub_string("hello", 2)', "llo"],
      ['"hello".sub_string(1..=1)', "e"],
      ['"ß".to_upper()', "SS"],
      ["'ß'.to_upper()", "ß"],
      ['"HÉLLO".to_lower()', "héllo"],
      ["let c = 'a'; c.make_upper(); c", "A"],
      ['let s = "straße"; s.make_upper(); s', "STRASSE"],
      [`"${HEARTS}".index_of('${HEART}', -6)`, "11"],
      ['"hello".index_of("l")', "2"],
      ['"".index_of("")', "-1"],
      ['"hello".contains(\'e\')', "true"],
      ['"hello".starts_with("he")', "true"],
      ['"hello".ends_with(\'o\')', "true"],
      ['"abc".get(-1)', "c"],
      ['"abc".get(5)', ""],
      ['max("a", "b")', "b"],
      ["min('a', 'b')", "a"],
      ["'A'.to_int()", "65"],
      ['let s = "hello"; s.crop(1, 3); s', "ell"],
      ['let s = "hello"; s.crop(1..=1); s', "e"],
      ['let s = " hi\\n"; s.trim(); s', "hi"],
      ['let s = " hi "; s.trim()', ""],
      ['let s = ""; s.remove("x"); s', ""],
      ['let s = "banana"; s.remove(\'a\'); s', "bnn"],
      ['let s = "ab"; s += \'c\'; s += 1; s', "abc1"],
      ['let s = "a"; s.append([1, \'b\']); s', "a[1, b]"],
      ['let s = "a"; append(s, 2); s', "a2"],
      ['let s = "ab"; s.replace("", "-"); s', "-a-b-"],
      ['let s = "banana"; s.replace(\'a\', "o"); s', "bonono"],
      ['let s = "hello"; s.pop(2)', "lo"],
      ['let s = "hello"; s.pop(2); s', "hel"],
      ['let s = "hello"; s.pop()', "o"],
      ['let s = "hello"; s.pad(8, \'!\'); s', "hello!!!"],
      ['let s = "ab"; s.pad(7, "xyz"); s', "abxyzxy"],
      ['let s = "hello"; s.truncate(2); s', "he"],
      ['let s = "abc"; s.set(1, \'X\'); s', "aXc"],
      ['let s = "abc"; s.clear(); s', ""],
      ['const S = "abc"; S.len()', "3"],
      ['const S = "abc"; S.to_upper()', "ABC"],
      ['const S = "abc"; clear(S); S', "abc"],
      ['let a = "x"; let b = a; b += "y"; a', "x"],
      ['let s = "hello"; s.to_upper(); s', "hello"],
      ['let s = "  a "; trim(s); s', "a"],
      ['let s = "a😀b"; s.len', "3"],
      ['"ab" + blob(2, 0x41)', "abAA"],
      ['blob(1, 0x41) + "b"', "Ab"],
      ['let s = "a"; s += blob(1, 0x42); s', "aB"],
      ["to_upper('a')", "A"],
      ['"a,b,c".split(\',\', 2).len()', "2"],
      ['"abc".index_of(\'b\', 1)', "1"],
      ['let s = "x"; s.append(\'y\'); s', "xy"],
      ['let s = "hello"; s.split(2)[1]', "llo"],
    ])("%s → %p", (src, expected) => {
      expect(H.str(src)).toBe(expected);
    });
  });

  describe("values (host rendering)", () => {
    test.each([
      ['"a,b,c".split_rev(",", 2)', '["c", "a,b"]'],
      ['"a,b,c".split_rev(",")', '["c", "b", "a"]'],
      ['"a,b,,c".split(",")', '["a", "b", "", "c"]'],
      ['"ab".split("")', '["", "a", "b", ""]'],
      ['"hello".split(-2)', '["hel", "lo"]'],
      ['" a  b ".split()', '["a", "b"]'],
      ['"ab".to_chars()', "['a', 'b']"],
      ['"hé".to_blob()', "[68c3a9]"],
    ])("%s → %s", (src, expected) => {
      expect(H.out(src)).toBe(expected);
    });
  });

  describe("errors", () => {
    test.each([
      ['"abc"[3]', "String index 3 out of bounds: only 3 characters in string (line 1, position 7)"],
      ['const S = "abc"; S.clear()', "Non-pure method 'clear' cannot be called on constant (line 1, position 20)"],
      ["const C = 'a'; C.make_upper()", "Non-pure method 'make_upper' cannot be called on constant (line 1, position 18)"],
      ['const S = " a "; S.trim()', "Non-pure method 'trim' cannot be called on constant (line 1, position 20)"],
      ['"abc".sub_string(1.0)', "Function not found: sub_string (&str | ImmutableString | String, f64) (line 1, position 7)"],
    ])("%s", (src, message) => {
      expect(H.err(src)).toBe(message);
    });
    test("1 in \"123\" has no contains (string, i64)", () => {
      expect(H.err('1 in "123"')).toStartWith(
        "Function not found: contains (&str | ImmutableString | String, i64) (line 1",
      );
    });
    test("the string size limit applies to library results", () => {
      const limits = { limits: { maxStringSize: 10 } };
      expect(H.err('let s = "x"; s.pad(100, \'y\'); s', limits)).toStartWith("Length of string too large");
      expect(H.err('"123456" + 7890123', limits)).toStartWith("Length of string too large");
    });
  });
});
