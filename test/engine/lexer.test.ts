// Lexer (rhai-language.md §1): literal forms, unary context and fused negatives, strings,
// comments, reserved words/symbols and exact lex error messages/positions.
import { describe, expect, test } from "bun:test";
import { tokenize } from "../../src/engine/lexer.ts";
import { RChar, RFloat, type Value } from "../../src/engine/value.ts";

function toks(src: string, opts = {}): [string, unknown][] {
  return tokenize(src, opts).map((t) => [t.t, show(t.v)]);
}
function show(v: Value): unknown {
  if (v instanceof RFloat) return `f:${v.v}`;
  if (v instanceof RChar) return `c:${v.toString()}`;
  if (typeof v === "bigint") return `${v}n`;
  return v;
}
/** The single literal value of a one-token source. */
function one(src: string): unknown {
  const t = tokenize(src);
  expect(t.length).toBe(2);
  return show(t[0]!.v);
}
function lexErr(src: string): string {
  const t = tokenize(src).find((x) => x.t === "lexerr");
  if (!t) throw new Error(`no lex error in ${src}`);
  return `${t.v as string} (line ${t.line}, position ${t.pos})`;
}

describe("numbers", () => {
  test.each([
    ["42", 42],
    ["1_000_000", 1000000],
    ["0xff", 255],
    ["0XFF", 255],
    ["0o17", 15],
    ["0b1010", 10],
    ["0b_1010_1", 21],
    ["0xffffffffffffffff", -1],
    ["0x8000000000000000", "-9223372036854775808n"],
    ["0x7fffffffffffffff", "9223372036854775807n"],
    ["9223372036854775807", "9223372036854775807n"],
    ["9007199254740993", "9007199254740993n"],
    ["9223372036854775808", "f:9223372036854776000"],
    ["1.5", "f:1.5"],
    ["1e10", "f:10000000000"],
    ["1.5E-3", "f:0.0015"],
    ["1e+5", "f:100000"],
    ["2e400", "f:Infinity"],
    ["-9223372036854775808", "-9223372036854775808n"],
    ["-9223372036854775809", "f:-9223372036854776000"],
    ["-5", -5],
    ["-0", 0],
  ])("%s", (src, v) => {
    expect(one(src)).toEqual(v);
  });

  test("1. followed by a symbol or space is a float; 1.e5 is property access; ranges", () => {
    expect(toks("1. + 2")).toEqual([["float", "f:1"], ["+", undefined], ["int", 2], ["eof", undefined]]);
    expect(toks("let x = 1.;").slice(3, 5)).toEqual([["float", "f:1"], [";", undefined]]);
    expect(toks("1.e5")).toEqual([["int", 1], [".", undefined], ["ident", "e5"], ["eof", undefined]]);
    expect(toks("1..2")).toEqual([["int", 1], ["..", undefined], ["int", 2], ["eof", undefined]]);
    expect(toks("42.abs()").map((x) => x[0])).toEqual(["int", ".", "ident", "()", "eof"]);
    expect(toks("1.5.floor()").map((x) => x[0])).toEqual(["float", ".", "ident", "()", "eof"]);
    expect(toks("1.")).toEqual([["int", 1], [".", undefined], ["eof", undefined]]);
    // a radix literal takes no fraction or exponent; one period and one exponent at most
    expect(toks("0xabcd.123").map((x) => x[0])).toEqual(["int", ".", "int", "eof"]);
    expect(toks("1.2.3").map((x) => x[1])).toEqual(["f:1.2", undefined, 3, undefined]);
    expect(toks("1e5.abs()").map((x) => x[0])).toEqual(["float", ".", "ident", "()", "eof"]);
    expect(toks("0o7e5").map((x) => x[0])).toEqual(["int", "ident", "eof"]);
  });

  test("unary context decides fused negative literals", () => {
    expect(toks("1 -1")).toEqual([["int", 1], ["-", undefined], ["int", 1], ["eof", undefined]]);
    expect(toks("[1 -1]").map((x) => x[0])).toEqual(["[", "int", "-", "int", "]", "eof"]);
    expect(toks("x = -1")).toEqual([["ident", "x"], ["=", undefined], ["int", -1], ["eof", undefined]]);
    expect(toks("-5.abs()")[0]).toEqual(["int", -5]);
    expect(toks("f(-1, -2)").map((x) => x[1]).filter((v) => typeof v === "number")).toEqual([-1, -2]);
    expect(toks("return -1")[1]).toEqual(["int", -1]);
    expect(toks("a) -1")[2]).toEqual(["-", undefined]);
    expect(toks("x => -1")[2]).toEqual(["-", undefined]);
    expect(toks("- 1")[0]).toEqual(["-", undefined]);
  });

  test.each([
    ["0x1ffffffffffffffff", "Invalid number: '1ffffffffffffffff' (line 1, position 1)"],
    ["0x", "Invalid number: '' (line 1, position 1)"],
    ["1e+", "Invalid number: '1e+' (line 1, position 1)"],
    ["-0xff", "Invalid number: 'xff' (line 1, position 1)"],
    ["x = -0b1", "Invalid number: 'b1' (line 1, position 5)"],
  ])("error %s", (src, msg) => {
    expect(lexErr(src)).toBe(msg);
  });
});

describe("strings and chars", () => {
  test.each([
    [`"abc"`, "abc"],
    [`"a\\nb\\t\\r\\\\\\""`, 'a\nb\t\r\\"'],
    [`"\\x41\\u00e9\\U0001F600"`, "Aé😀"],
    [`"a""b"`, 'a"b'],
    [`"Test string: ""\\u2764"""`, 'Test string: "❤"'],
    ['   "Test string: \\u2764\\\n     hello, world!"', "Test string: ❤ hello, world!"],
    ['    "a\\\r\n      b"', "a b"],
    ['    "a\\\n     b"', "ab"],
    ["`a\\nb`", "a\\nb"],
    ["`a\nb`", "a\nb"],
    ["`\nabc`", "abc"],
    ["`\r\nabc`", "abc"],
    ["`a``b`", "a`b"],
    ["`a\\${b}`", "a${b}"],
    ['#"a\\n"b"#', 'a\\n"b'],
    ['##"a"#b"##', 'a"#b'],
    ['#"a\r\nb"#', "a\r\nb"],
    ["`\rabc`", "abc"],
    ["``", ""],
    ["'x'", "c:x"],
    ["'\\''", "c:'"],
    ["'\\u2764'", "c:❤"],
    ["'😀'", "c:😀"],
  ])("%s", (src, v) => {
    const t = tokenize(src).filter((x) => x.t !== "eof");
    expect(t.length).toBe(1);
    expect(show(t[0]!.v)).toEqual(v);
  });

  test("interpolation segments, nesting and braces inside", () => {
    expect(toks("`a${x + `b${1}`}c`")).toEqual([
      ["istart", "a"], ["ident", "x"], ["+", undefined], ["istart", "b"], ["int", 1],
      ["iend", ""], ["iend", "c"], ["eof", undefined],
    ]);
    expect(toks("`${ #{a: {1}} }x${2}`").map((x) => x[0])).toEqual([
      "istart", "#{", "ident", ":", "{", "int", "}", "}", "imid", "int", "iend", "eof",
    ]);
  });

  test.each([
    ["'\\x4'", "Invalid escape sequence: '\\x4'' (line 1, position 5)"],
    ["'\\xZZ'", "Invalid escape sequence: '\\xZ' (line 1, position 4)"],
    ["'\\\"'", "Invalid escape sequence: '\\\"' (line 1, position 3)"],
    ["'\\0'", "Invalid escape sequence: '\\0' (line 1, position 3)"],
    ['"\\\'"', "Invalid escape sequence: '\\'' (line 1, position 3)"],
    ['"\\$"', "Invalid escape sequence: '\\$' (line 1, position 3)"],
    ['"\\a"', "Invalid escape sequence: '\\a' (line 1, position 3)"],
    ['"\\uD800"', "Invalid escape sequence: '\\uD800' (line 1, position 7)"],
    ['"\\U00110000"', "Invalid escape sequence: '\\U00110000' (line 1, position 11)"],
    ["''", "Invalid character: '' (line 1, position 1)"],
    ["'a''b'", "Invalid character: 'a'b' (line 1, position 1)"],
    ["x ##y", "Unexpected 'y' (line 1, position 3)"],
    ["x ##", "Open string is not terminated (line 1, position 3)"],
    ["'ab'", "Invalid character: 'ab' (line 1, position 1)"],
    ["'a\nb'", "Open string is not terminated (line 1, position 1)"],
    ['x = "abc\n"', "Open string is not terminated (line 1, position 5)"],
    ['"abc', "Open string is not terminated (line 1, position 1)"],
    ["`abc", "Open string is not terminated (line 1, position 1)"],
    ["`a${1", "Open string is not terminated (line 1, position 1)"],
    ['#"abc', "Open string is not terminated (line 1, position 1)"],
  ])("error %s", (src, msg) => {
    expect(lexErr(src)).toBe(msg);
  });
});

describe("words, symbols, comments, positions", () => {
  test("identifiers, keywords, reserved words, underscore", () => {
    expect(toks("x abc_1 _x __init _ let this var print")).toEqual([
      ["ident", "x"], ["ident", "abc_1"], ["ident", "_x"], ["ident", "__init"], ["_", undefined],
      ["let", undefined], ["this", undefined], ["reserved", "var"], ["ident", "print"], ["eof", undefined],
    ]);
  });
  test("symbols: longest match, unit token, !in, #{", () => {
    expect(toks("a **= b ..= c ?? d ?. e ?[ () ( ) #{ !in !inx :: =>").map((x) => x[0])).toEqual([
      "ident", "**=", "ident", "..=", "ident", "??", "ident", "?.", "ident", "?[", "()", "(", ")",
      "#{", "!in", "!", "ident", "::", "=>", "eof",
    ]);
    expect(toks("@ $ ~ ... ++ -- !. <| |> # ?").map((x) => x[1])).toEqual([
      "@", "$", "~", "...", "++", "--", "!.", "<|", "|>", "#", "?", undefined,
    ]);
  });
  test("comments nest; unterminated block comment ends the input", () => {
    expect(toks("a /* b /* c */ d */ e // f\ng")).toEqual([
      ["ident", "a"], ["ident", "e"], ["ident", "g"], ["eof", undefined],
    ]);
    expect(toks("a /* b")).toEqual([["ident", "a"], ["eof", undefined]]);
    expect(toks("/// doc\n//! x\n/** y */ z")).toEqual([["ident", "z"], ["eof", undefined]]);
  });
  test("positions count characters; eof after the last character", () => {
    const t = tokenize("'😀' x = 'é';\n\tyy");
    expect(t.map((x) => [x.line, x.pos])).toEqual([[1, 1], [1, 5], [1, 7], [1, 9], [1, 12], [2, 2], [2, 4]]);
    expect(tokenize("x\n").map((x) => [x.line, x.pos])).toEqual([[1, 1], [2, 1]]);
  });
  test("json mode: { is #{ and null is ()", () => {
    expect(toks('{"a": null}', { jsonMode: true }).map((x) => x[0])).toEqual(["#{", "str", ":", "()", "}", "eof"]);
  });
  test.each([
    ["1 === 2", "'===' is not a valid operator. This is not JavaScript! Should it be '=='? (line 1, position 3)"],
    ["1 !== 2", "'!==' is not a valid operator. This is not JavaScript! Should it be '!='? (line 1, position 3)"],
    ["a -> b", "'->' is not a valid symbol. This is not C or C++! (line 1, position 3)"],
    ["a <- b", "'<-' is not a valid symbol. This is not Go! Should it be '<='? (line 1, position 3)"],
    ["a := b", "':=' is not a valid assignment operator. This is not Go or Pascal! Should it be simply '='? (line 1, position 3)"],
    ["a :; b", "':;' is not a valid symbol. Should it be '::'? (line 1, position 3)"],
    ["a::<b>", "'::<>' is not a valid symbol. This is not Rust! Should it be '::'? (line 1, position 2)"],
    ["x # {", "'#' is not a valid symbol. Should it be '#{'? (line 1, position 3)"],
    ["(* x *)", "'(* .. *)' is not a valid comment format. This is not Pascal! Should it be '/* .. */'? (line 1, position 1)"],
    ["x *)", "'(* .. *)' is not a valid comment format. This is not Pascal! Should it be '/* .. */'? (line 1, position 3)"],
    ["_1", "Variable name is not proper: '_1' (line 1, position 1)"],
    ["x __", "Variable name is not proper: '__' (line 1, position 3)"],
    ["a\u00a0b", "Unexpected '\u00a0' (line 1, position 2)"],
    ["1 + ¤", "Unexpected '¤' (line 1, position 5)"],
    ["x \\ y", "Unexpected '\\' (line 1, position 3)"],
    ["eval(1)", "reserved keyword 'eval' is disabled (line 1, position 1)"],
  ])("error %s", (src, msg) => {
    expect(lexErr(src)).toBe(msg);
  });
  test("disabled symbols are configurable", () => {
    expect(toks("eval", { disabledSymbols: [] })).toEqual([["ident", "eval"], ["eof", undefined]]);
    expect(lexErr2("a + b", ["+"])).toBe("reserved symbol '+' is disabled (line 1, position 3)");
  });
});

function lexErr2(src: string, disabled: string[]): string {
  const t = tokenize(src, { disabledSymbols: disabled }).find((x) => x.t === "lexerr")!;
  return `${t.v as string} (line ${t.line}, position ${t.pos})`;
}
