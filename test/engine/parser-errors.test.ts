// Every parse error of rhai-language.md §1–§3, §12.5 and the parse-error traps of §15:
// exact `Syntax error: <message> (line L, position P)` as ParseError.toString() prints it.
import { describe, expect, test } from "bun:test";
import { ParseError } from "../../src/engine/errors.ts";
import { parse, type ParseOptions } from "../../src/engine/parser/index.ts";

function perr(src: string, opts?: ParseOptions): string {
  try {
    parse(src, opts);
  } catch (e) {
    if (e instanceof ParseError) return e.toString();
    throw e;
  }
  throw new Error(`parsed without error: ${src}`);
}

const D = "let a = 1; let b = 2; let c = true; let d = true; ";

const CASES: [string, string][] = [
  // §12.5 incomplete input and missing closers
  ["let x =", "Script is incomplete (line 1, position 8)"],
  ["1 +", "Script is incomplete (line 1, position 4)"],
  ["let x =\n", "Script is incomplete (line 2, position 1)"],
  ["let x = 1;\nlet y = x +", "Script is incomplete (line 2, position 12)"],
  ["{", "Expecting '}' to terminate this block (line 1, position 2)"],
  ["{ 1;", "Expecting '}' to terminate this block (line 1, position 5)"],
  ["[1", "Expecting ']' to end this array literal (line 1, position 3)"],
  ["[1 2]", "Expecting ',' to separate the items of this array literal (line 1, position 4)"],
  ["(1", "Expecting ')' for a matching ( in this expression (line 1, position 3)"],
  ["( )", "Unexpected ')' (line 1, position 3)"],
  ["let x = );", "Unexpected ')' (line 1, position 9)"],
  ["else", "Unexpected 'else' (line 1, position 1)"],
  ["_", "Unexpected '_' (line 1, position 1)"],
  // §1.4 keywords and reserved words/symbols
  ["#!/bin/sh", "'#!' is a reserved symbol (line 1, position 1)"],
  ["let if = 1", "Expecting name of a variable (line 1, position 5)"],
  ["fn if() {}", "Expecting function name in function declaration (line 1, position 4)"],
  ["let var = 1", "'var' is a reserved keyword (line 1, position 5)"],
  ["fn static() {}", "'static' is a reserved keyword (line 1, position 4)"],
  ["fn f(null) {}", "'null' is a reserved keyword (line 1, position 6)"],
  ["let print = 1", "'print' is a reserved keyword (line 1, position 5)"],
  ["print", "'print' is a reserved keyword (line 1, position 1)"],
  ["let f = Fn;", "'Fn' is a reserved keyword (line 1, position 9)"],
  ["fn debug() {}", "'debug' is a reserved keyword (line 1, position 4)"],
  [D + "a.print(1)", "'print' is a reserved keyword (line 1, position 53)"],
  [D + "a.Fn(1)", "'Fn' is a reserved keyword (line 1, position 53)"],
  [D + "a.is_def_var()", "'is_def_var' is a reserved keyword (line 1, position 53)"],
  [D + "a.type_of", "'type_of' is a reserved keyword (line 1, position 53)"],
  ["?x", "'?' is a reserved symbol (line 1, position 1)"],
  ["@", "'@' is a reserved symbol (line 1, position 1)"],
  [D + "a @ b", "Unknown operator: '@' (line 1, position 53)"],
  [D + "c ? a : b", "Unknown operator: '?' (line 1, position 53)"],
  [D + "a ~ b", "Unknown operator: '~' (line 1, position 53)"],
  [D + "a ++ b", "Unknown operator: '++' (line 1, position 53)"],
  ["eval(\"1\")", "reserved keyword 'eval' is disabled (line 1, position 1)"],
  ["let x = eval;", "reserved keyword 'eval' is disabled (line 1, position 9)"],
  ["this", "'this' can only be used in functions (line 1, position 1)"],
  ["let x = 1; x.this", "'this' is a reserved keyword (line 1, position 14)"],
  ["let this = 1;", "'this' is a reserved keyword (line 1, position 5)"],
  ["fn f(this) {}", "'this' is a reserved keyword (line 1, position 6)"],
  ["fn this() {}", "'this' is a reserved keyword (line 1, position 4)"],
  ["#{this: 1}", "'this' is a reserved keyword (line 1, position 3)"],
  // lex errors surface as parse errors
  ["-0xff", "Invalid number: 'xff' (line 1, position 1)"],
  ["0xabcd.123", "Expecting name of a property (line 1, position 8)"],
  [D + "a === b", "'===' is not a valid operator. This is not JavaScript! Should it be '=='? (line 1, position 53)"],
  [D + "a -> b", "'->' is not a valid symbol. This is not C or C++! (line 1, position 53)"],
  ["let x = 1 \\ 2", "Unexpected '\\' (line 1, position 11)"],
  ["let s = \"abc\nx\";", "Open string is not terminated (line 1, position 9)"],
  // §2.1 statement separation, §15.39
  ["let x = 1 let y = 2", "Expecting ';' to terminate this statement (line 1, position 11)"],
  ["let i = 0; do { i += 1 } while i < 3 i", "Expecting ';' to terminate this statement (line 1, position 38)"],
  ["{ 1 2 }", "Expecting ';' to terminate this statement (line 1, position 5)"],
  // §2.4 assignment
  ["fn f(x) {} f(1) = 1", "Expression cannot be assigned to (line 1, position 12)"],
  [D + "(a + b) = 1", "Expression cannot be assigned to (line 1, position 52)"],
  [D + "(a != b) = 1", "Expression cannot be assigned to (line 1, position 54)"],
  [D + "a.foo() = 1", "Expression cannot be assigned to (line 1, position 53)"],
  [D + "a.foo().x = 1", "Expression cannot be assigned to (line 1, position 53)"],
  ["[1][0] = 1", "Expression cannot be assigned to (line 1, position 1)"],
  ["123 = 1", "Cannot assign to a constant value (line 1, position 1)"],
  ["true = 1", "Cannot assign to a constant value (line 1, position 1)"],
  ["\"a\" = 1", "Cannot assign to a constant value (line 1, position 1)"],
  [D + "c && d = a", "Possibly a typo of '=='? (line 1, position 58)"],
  [D + "c || d = a", "Possibly a typo of '=='? (line 1, position 58)"],
  [D + "a ?? b = c", "Possibly a typo of '=='? (line 1, position 58)"],
  [D + "c && d += a", "Expression cannot be assigned to (line 1, position 53)"],
  ["const x = 1; x = 2;", "Cannot assign to constant x (line 1, position 14)"],
  ["const X = 1; X += 1", "Cannot assign to constant X (line 1, position 14)"],
  ["let a = (b = 1);", "Undefined variable: b (line 1, position 10)"],
  ["let b = 1; let a = (b = 1);", "Expecting ')' for a matching ( in this expression (line 1, position 23)"],
  // §2.5 if / conditions
  ["if true = 1 {}", "Possibly a typo of '=='? (line 1, position 9)"],
  ["let x = 1; while x = 1 {}", "Possibly a typo of '=='? (line 1, position 20)"],
  ["if { }", "Expecting a boolean expression (line 1, position 4)"],
  ["if true 1", "Expecting '{' to start a statement block (line 1, position 9)"],
  ["if 1 { }", "Expecting a boolean expression, not a number (line 1, position 4)"],
  ["if 1.0 {}", "Expecting a boolean expression, not a floating-point number (line 1, position 4)"],
  ["if 'a' {}", "Expecting a boolean expression, not a character (line 1, position 4)"],
  ["if \"a\" {}", "Expecting a boolean expression, not a string (line 1, position 4)"],
  ["if `a${1}` {}", "Expecting a boolean expression, not a string (line 1, position 4)"],
  ["if [1] {}", "Expecting a boolean expression, not an array (line 1, position 4)"],
  ["if #{} {}", "Expecting a boolean expression, not an object map (line 1, position 4)"],
  ["if () {}", "Expecting a boolean expression, not () (line 1, position 4)"],
  ["while 1 {}", "Expecting a boolean expression, not a number (line 1, position 7)"],
  ["do {} while 1", "Expecting a boolean expression, not a number (line 1, position 13)"],
  ["true && 1", "Expecting a boolean expression, not a number (line 1, position 9)"],
  ["1 || true", "Expecting a boolean expression, not a number (line 1, position 1)"],
  // §2.6 switch, §15.22
  ["switch 3 { 1..5 => \"a\", 3 => \"b\" }", "Numeric switch case cannot follow a range case (line 1, position 25)"],
  ["switch 3 { 1..5 => \"a\", 3.0 => \"b\" }", "Numeric switch case cannot follow a range case (line 1, position 25)"],
  ["switch 1 { _ => 1, 2 => 3 }", "Default switch case must be the last (line 1, position 12)"],
  ["switch 1 { _ if true => 1 }", "This switch case cannot have a condition (line 1, position 14)"],
  ["let x = 1; switch 1 { x => 1 }", "Expecting a literal expression (line 1, position 23)"],
  ["switch 1 { y => 1 }", "Expecting literal expression (line 1, position 12)"],
  ["switch 1 { 1 | | 2 => 1 }", "Expecting literal expression (line 1, position 16)"],
  ["switch 1 { 1 if 2 => 1 }", "Expecting a boolean expression, not a number (line 1, position 17)"],
  ["switch 1 { 1 => 2", "Expecting ')' to end this switch block (line 1, position 18)"],
  ["switch 1 { 1 => 2 3 => 4 }", "Expecting ',' to separate the items in this switch block (line 1, position 19)"],
  ["switch 1 { 1 2 }", "Expecting '=>' in this switch case (line 1, position 14)"],
  ["switch 1 ", "Expecting '{' to start a switch block (line 1, position 10)"],
  ["switch 1 { ", "Expecting '}' to end this switch block (line 1, position 12)"],
  // §2.7 loops
  ["do {} 1", "Expecting 'while' for the do statement (line 1, position 7)"],
  ["for x x in y {}", "Expecting 'in' after the iteration variable (line 1, position 7)"],
  ["for (x, x) in [] {}", "Duplicated variable name: x (line 1, position 9)"],
  ["for (x y) in [] {}", "Expecting ',' after the iteration variable name (line 1, position 8)"],
  ["for (x, y [] {}", "Expecting ')' to close the iteration variable (line 1, position 11)"],
  ["for 1 in [] {}", "Expecting name of a variable (line 1, position 5)"],
  ["for x in #{} {}", "Expecting an iterable value, not an object map (line 1, position 10)"],
  ["for x in 1 {}", "Expecting an iterable value, not a number (line 1, position 10)"],
  ["for x in 1.0 {}", "Expecting an iterable value, not a floating-point number (line 1, position 10)"],
  ["for x in 'c' {}", "Expecting an iterable value, not a character (line 1, position 10)"],
  ["for x in true {}", "Expecting an iterable value, not a boolean (line 1, position 10)"],
  ["for x in () {}", "Expecting an iterable value, not () (line 1, position 10)"],
  ["break", "Break statement should only be used inside a loop (line 1, position 1)"],
  ["continue", "Break statement should only be used inside a loop (line 1, position 1)"],
  ["loop { let f = || { break; }; }", "Break statement should only be used inside a loop (line 1, position 21)"],
  // §2.8 try
  ["let v = try { 1 } catch { 0 };", "Unexpected 'try' (line 1, position 9)"],
  ["try { 1 }", "Expecting 'catch' for the 'try' statement (line 1, position 10)"],
  ["try { 1 } catch (1) {}", "Expecting name of a variable (line 1, position 18)"],
  ["try { 1 } catch (e {}", "Expecting ')' to enclose the catch variable (line 1, position 20)"],
  // §2.9 functions
  ["fn f() {} fn f() {}", "Function f with no parameters already exists (line 1, position 11)"],
  ["fn f(a) {} fn f(b) {}", "Function f with 1 parameter already exists (line 1, position 12)"],
  ["fn f(a, b) {} fn f(x, y) {}", "Function f with 2 parameters already exists (line 1, position 15)"],
  ["fn int.f() {} fn int.f() {}", "Function f with no parameters already exists (line 1, position 15)"],
  ["fn f(a, a) {}", "Duplicated parameter a for function f (line 1, position 9)"],
  ["fn () {}", "Expecting function name in function declaration (line 1, position 4)"],
  ["fn f {}", "Expecting parameters for function f (line 1, position 6)"],
  ["fn f()", "Expecting body statement block for function f (line 1, position 7)"],
  ["fn f() 1", "Expecting body statement block for function f (line 1, position 8)"],
  ["fn f(a b) {}", "Expecting ',' to separate the parameters of function 'f' (line 1, position 8)"],
  ["fn f(a, 1) {}", "Expecting ')' to close the parameters list of function 'f' (line 1, position 9)"],
  ["fn f(if) {}", "Expecting ')' to close the parameters list of function 'f' (line 1, position 6)"],
  ["|if| 1", "Expecting '|' to close the parameters list of anonymous function or closure (line 1, position 2)"],
  ["private let x = 1;", "Expecting 'fn' following 'private' (line 1, position 9)"],
  ["fn \"T\" f() {}", "Expecting '.' after the type name for 'this' (line 1, position 8)"],
  ["for x in { [1] } {}", "Expecting a boolean expression (line 1, position 10)"],
  ["{ fn f() {} }", "Function definitions must be at global level and cannot be inside a block or another function (line 1, position 3)"],
  ["fn f() { fn g() {} }", "Function definitions must be at global level and cannot be inside a block or another function (line 1, position 10)"],
  ["if true { private fn g() {} }", "Function definitions must be at global level and cannot be inside a block or another function (line 1, position 11)"],
  ["let x = 1; fn f() { x }", "Undefined variable: x (line 1, position 21)"],
  ["let x = 1; fn f() { x } f()", "Undefined variable: x (line 1, position 21)"],
  // §3.7 closures
  ["|a, a| a", "Duplicated parameter a for function  (line 1, position 5)"],
  ["|a b| a", "Expecting ',' to separate the parameters of anonymous function (line 1, position 4)"],
  ["|a, 1| a", "Expecting '|' to close the parameters list of anonymous function or closure (line 1, position 5)"],
  ["|a, var| a", "'var' is a reserved keyword (line 1, position 5)"],
  ["|a|", "Expecting body statement block for anonymous function (line 1, position 4)"],
  ["let f = || y;", "Undefined variable: y (line 1, position 12)"],
  ["let f = || { a; 1 + };", "Unexpected '}' (line 1, position 21)"],
  ["let f = || || q;", "Undefined variable: q (line 1, position 15)"],
  ["fn g() { let f = || z; }", "Undefined variable: z (line 1, position 21)"],
  // §2.10 modules
  ["{ export x; }", "Export statement can only appear at global level (line 1, position 3)"],
  ["fn f() { export const X = 1; }", "Export statement can only appear at global level (line 1, position 10)"],
  ["m::f!(x)", "Undefined module: m (line 1, position 1)"],
  ["let y = m::X;", "Undefined module: m (line 1, position 9)"],
  ["import \"a\" as m; m::f!(1)", "Unexpected '!' (line 1, position 22)"],
  ["import \"a\" as m; m::f! 1", "'!' cannot be used to call module functions (line 1, position 22)"],
  ["{ import \"a\" as m; } m::x", "Undefined module: m (line 1, position 22)"],
  ["import \"a\" as m; m::1", "Expecting name of a variable (line 1, position 21)"],
  // §3.1 map literals
  ["#{a: 1, a: 2}", "Duplicated property for object map literal: a (line 1, position 9)"],
  ["#{\"a\": 1, a: 2}", "Duplicated property for object map literal: a (line 1, position 11)"],
  ["#{a 1}", "Expecting ':' to follow the property 'a' in this object map literal (line 1, position 5)"],
  ["#{if: 1}", "Expecting '}' to end this object map literal (line 1, position 3)"],
  ["#{var: 1}", "'var' is a reserved keyword (line 1, position 3)"],
  ["#{`a${1}`: 1}", "Expecting name of a property (line 1, position 3)"],
  ["#{a: 1, 2: 3}", "Expecting name of a property (line 1, position 9)"],
  ["#{a: 1 b: 2}", "Expecting ',' to separate the items of this object map literal (line 1, position 8)"],
  ["#{a: 1 2}", "Expecting '}' to end this object map literal (line 1, position 8)"],
  ["#{a: 1,", "Expecting '}' to end this object map literal (line 1, position 8)"],
  // §3.4 postfix
  ["let x = 1; x.if", "Expecting name of a property (line 1, position 14)"],
  ["let x = 1; x.1", "Expecting name of a property (line 1, position 14)"],
  ["let x = 1; x.", "Expecting name of a property (line 1, position 14)"],
  ["let x = 1; x.var", "'var' is a reserved keyword (line 1, position 14)"],
  ["let x = 1; x[1", "Expecting ']' for a matching [ in this index expression (line 1, position 15)"],
  ["#{a: 1}[1]", "Object map expects string index, not a number (line 1, position 9)"],
  ["#{a: 1}[1.0]", "Object map expects string index, not a float (line 1, position 9)"],
  ["#{a: 1}['c']", "Object map expects string index, not a character (line 1, position 9)"],
  ["#{a: 1}[()]", "Object map expects string index, not () (line 1, position 9)"],
  ["#{a: 1}[true]", "Object map expects string index, not a boolean (line 1, position 9)"],
  ["[1][\"a\"]", "Array, string or bit-field expects numeric index, not a string (line 1, position 5)"],
  ["\"abc\"[\"a\"]", "Array, string or bit-field expects numeric index, not a string (line 1, position 7)"],
  ["\"abc\"[1.0]", "Array, string or bit-field expects integer index, not a float (line 1, position 7)"],
  ["1['c']", "Array, string or bit-field expects integer index, not a character (line 1, position 3)"],
  ["[1][()]", "Array, string or bit-field expects integer index, not () (line 1, position 5)"],
  ["[1][true]", "Array, string or bit-field expects integer index, not a boolean (line 1, position 5)"],
  // §3.5 calls, §3.8
  ["fn f(x) {} f(1", "Expecting ')' to close the arguments list of this function call 'f' (line 1, position 15)"],
  ["fn f(x) {} f(1 2)", "Expecting ',' to separate the arguments to function call 'f' (line 1, position 16)"],
  ["foo(", "Expecting ')' to close the arguments list of this function call 'foo' (line 1, position 5)"],
  ["let x = 1; x.f!()", "method-call style does not support running within the caller's scope (line 1, position 14)"],
  ["f! x", "Expecting '(' to start arguments list of function call (line 1, position 4)"],
  // §14 strict variables
  ["x", "Undefined variable: x (line 1, position 1)"],
  ["let x = x;", "Undefined variable: x (line 1, position 9)"],
  ["{ let x = 1; } x", "Undefined variable: x (line 1, position 16)"],
  ["for i in [1] {} i", "Undefined variable: i (line 1, position 17)"],
  ["try {} catch (e) {} e", "Undefined variable: e (line 1, position 21)"],
];

describe("parse errors", () => {
  test.each(CASES)("%s", (src, msg) => {
    expect(perr(src)).toBe(`Syntax error: ${msg}`);
  });
});

describe("limits (§13)", () => {
  test.each<[string, ParseOptions, string]>([
    ['"abcd"', { maxStringSize: 3 }, "Length of string exceeds the maximum limit (3) (line 1, position 1)"],
    ['"é"', { maxStringSize: 1 }, "Length of string exceeds the maximum limit (1) (line 1, position 1)"],
    ["`ab${1}cd`", { maxStringSize: 1 }, "Length of string exceeds the maximum limit (1) (line 1, position 1)"],
    ["#{\"abcd\": 1}", { maxStringSize: 3 }, "Length of string exceeds the maximum limit (3) (line 1, position 3)"],
    ["[1, 2]", { maxArraySize: 2 }, "Size of array literal exceeds the maximum limit (2) (line 1, position 6)"],
    ["#{a: 1, b: 2, c: 3}", { maxMapSize: 2 }, "Number of properties in object map literal exceeds the maximum limit (2) (line 1, position 18)"],
    ["fn a() {} fn b() {}", { maxFunctions: 1 }, "Number of functions defined exceeds maximum limit (line 1, position 11)"],
    ["fn a() {} let f = || 1;", { maxFunctions: 1 }, "Number of functions defined exceeds maximum limit (line 1, position 19)"],
  ])("%s %o", (src, opts, msg) => {
    expect(perr(src, opts)).toBe(`Syntax error: ${msg}`);
  });
  test("literals at the limit are fine (except arrays)", () => {
    expect(() => parse('"abc"', { maxStringSize: 3 })).not.toThrow();
    expect(() => parse("[1]", { maxArraySize: 2 })).not.toThrow();
    expect(() => parse("#{a: 1, b: 2}", { maxMapSize: 2 })).not.toThrow();
    expect(() => parse("fn a() {}", { maxFunctions: 1 })).not.toThrow();
  });
});
