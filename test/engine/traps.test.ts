// rhai-language.md §15 "Traps": every item, input → exact result or error text as written
// in the spec. Kinds: `v` to_string value, `d` debug value (used where the spec quotes a
// string or shows `()`), `o` host rendering, `p` the text logged by print (lines joined by
// "\n"), `e` the whole error display, `m` the error message (the spec writes no position),
// `s` a syntax error whose message the spec does not give.
import { describe, expect, test } from "bun:test";
import { ParseError, RhaiError } from "../../src/engine/errors.ts";
import { dbg, err, out, printed, run, str } from "./helpers.ts";

type Kind = "v" | "d" | "o" | "p" | "e" | "m" | "s";
type Case = [src: string, kind: Kind, want: string];

function thrown(src: string): RhaiError {
  try {
    run(src);
  } catch (e) {
    if (e instanceof RhaiError) return e;
    throw e;
  }
  throw new Error(`expected an error from ${src}`);
}

function check([src, kind, want]: Case): void {
  switch (kind) {
    case "v":
      return expect(str(src)).toBe(want);
    case "d":
      return expect(dbg(src)).toBe(want);
    case "o":
      return expect(out(src)).toBe(want);
    case "p":
      return expect(printed(src).join("\n")).toBe(want);
    case "e":
      return expect(err(src)).toBe(want);
    case "m":
      return expect(thrown(src).message).toBe(want);
    case "s": {
      const e = thrown(src);
      expect(e).toBeInstanceOf(ParseError);
      return expect(e.toString()).toStartWith(want);
    }
  }
}

const TRAPS: [string, Case[]][] = [
  ["1 float equality is approximate", [
    ["0.1 + 0.2 == 0.3", "v", "true"],
    ["0.0 < 1e-16", "v", "false"],
    ["let z = 0.0/0.0; z != z", "v", "false"],
    ["(1.0/0.0) > 1.0", "v", "false"],
  ]],
  ["2 float printing", [
    ["print(1.0)", "p", "1.0"],
    ["print(1e13)", "p", "1e13"],
    ["print(1e-7)", "p", "0.0000001"],
    ["print([1e-7, 1e16, 2.0])", "p", "[1e-7, 1e16, 2.0]"],
    ["`${3.0/2.0}`", "v", "1.5"],
  ]],
  ["3 negative literal binds first", [
    ["-2 ** 2", "v", "4"],
    ["let x = 2; -x ** 2", "v", "4"],
    ["2 ** -1", "e", "Integer raised to a negative power: 2 ** -1"],
    ["2.0 ** -1", "v", "0.5"],
  ]],
  ["4 shift precedence", [
    ["1 + 2 << 3", "v", "17"],
    ["8 - 1 << 2", "v", "4"],
    ["2 ** 3 ** 2", "v", "512"],
    ["2 ** 3 << 1", "v", "64"],
  ]],
  ["5 bitwise vs comparison", [
    ["6 & 1 == 0", "m", "Function not found: & (i64, bool)"],
    ["(6 & 1) == 0", "v", "true"],
  ]],
  ["6 checked integers", [
    ["9223372036854775807 + 1", "e", "Addition overflow: 9223372036854775807 + 1"],
    ["-7 / 2", "v", "-3"],
    ["-7 % 3", "v", "-1"],
    ["7 % -3", "v", "1"],
    ["5 / 0", "e", "Division by zero: 5 / 0"],
    ["let x = 5; x /= 0;", "e", "Division by zero: 5 / 0 (line 1, position 14)"],
    ["5.0 / 0", "v", "inf"],
  ]],
  ["7 shifts never fail", [
    ["1 << 64", "v", "0"],
    ["-8 >> 100", "v", "-1"],
    ["8 >> -1", "v", "16"],
    ["1 << 63", "v", "-9223372036854775808"],
  ]],
  ["8 radix literals are unsigned", [
    ["0xffffffffffffffff", "v", "-1"],
    ["0xff", "v", "255"],
    ["-0xff", "e", "Syntax error: Invalid number: 'xff' (line 1, position 1)"],
  ]],
  ["9 big decimal literals become floats", [
    ["type_of(9223372036854775808)", "d", "\"f64\""],
    ["type_of(-9223372036854775808)", "d", "\"i64\""],
  ]],
  ["10 mixed arithmetic promotes", [
    ["let x = 5; x += 1.5; x", "v", "6.5"],
    ["10 / 4", "v", "2"],
    ["10 / 4.0", "v", "2.5"],
  ]],
  ["11 strings are code points", [
    ["\"😀\".len", "v", "1"],
    ["\"😀\".bytes", "v", "4"],
    ["\"héllo\"[1]", "v", "é"],
    ["\"abc\"[-1]", "v", "c"],
    ["\"abc\"[3]", "m", "String index 3 out of bounds: only 3 characters in string"],
  ]],
  ["12 inclusive string slice quirk", [
    ["\"hello\"[1..=1]", "d", "\"\""],
    ["\"hello\"[1..=2]", "d", "\"el\""],
    ["\"hello\"[-3..]", "d", "\"llo\""],
  ]],
  ["13 empty-string subtraction quirk", [
    ["\"\" - \"abc\"", "d", "\"abc\""],
    ["\"banana\" - \"a\"", "d", "\"bnn\""],
    ["\"hello\" - 'l'", "d", "\"heo\""],
  ]],
  ["14 char arithmetic", [
    ["'a' + 'b'", "d", "\"ab\""],
    ["type_of('a' + 'b')", "v", "string"],
    ["\"x\" + 1", "d", "\"x1\""],
    ["1 + \"x\"", "d", "\"1x\""],
    ["'a' == \"a\"", "v", "true"],
    ["\"ab\" == 'a'", "v", "false"],
    ["1 == \"1\"", "v", "false"],
  ]],
  ["15 maps are sorted and lenient", [
    ["print(#{b: 1, a: 2})", "p", "#{\"a\": 2, \"b\": 1}"],
    ["let m = #{a: 1}; m.zzz", "d", "()"],
    ["let m = #{a: 1}; m.len", "d", "()"],
    ["let m = #{a: 1}; m.len()", "v", "1"],
    ["let m = #{a: 1}; m[\"a\"] + m.a", "v", "2"],
  ]],
  ["16 print vs debug vs host rendering", [
    ["print(())", "p", ""],
    ["print(\"a\")", "p", "a"],
    ["print(['a', \"b\"])", "p", "[a, \"b\"]"],
    ["['a', \"b\"]", "o", "['a', \"b\"]"],
  ]],
  ["17 functions do not see outer variables", [
    ["let x = 1; fn f() { x } f()", "e", "Syntax error: Undefined variable: x (line 1, position 21)"],
    ["const X = 1; fn f() { global::X } f()", "v", "1"],
  ]],
  ["18 closures share, loop variables are one cell", [
    ["let fs = []; for i in 0..3 { fs.push(|| i) } fs.map(|f| f.call())", "v", "[2, 2, 2]"],
    ["let a = 41; let f = |x| { a += x }; f.call(1); a", "v", "42"],
    ["let a = 41; let f = |x| { a += x }; f.call(1); is_shared(a)", "v", "true"],
  ]],
  ["19 script-function arguments are copies; methods mutate", [
    ["fn add(x) { x.push(9) } let a = []; add(a); a", "v", "[]"],
    ["fn add() { this.push(9) } let a = []; a.add(); a", "v", "[9]"],
    ["let b = [1]; push(b, 2); b", "v", "[1, 2]"],
  ]],
  ["20 value semantics", [
    ["let a = [1]; let b = a; b.push(2); a", "v", "[1]"],
    ["let s = \"x\"; let t = s; t += \"y\"; s", "d", "\"x\""],
  ]],
  ["21 += on arrays pushes", [
    ["let a = [1]; a += 2; a += [3, 4]; a", "v", "[1, 2, 3, 4]"],
    ["[1] + [2]", "v", "[1, 2]"],
    ["[1] + 2", "m", "Function not found: + (array, i64)"],
  ]],
  ["22 switch is type-exact; ranges come last", [
    ["switch 1.0 { 1 => \"int\", _ => \"other\" }", "d", "\"other\""],
    ["switch 5 { 5 if false => \"five\", 1..10 => \"range\", _ => \"none\" }", "d", "\"range\""],
    ["switch 3 { 1..5 => \"a\", 3 => \"b\" }", "e", "Syntax error: Numeric switch case cannot follow a range case (line 1, position 25)"],
    ["switch \"z\" { \"a\" => 1 }", "d", "()"],
  ]],
  ["23 loop values come only from break", [
    ["let r = while true { break 7; }; r", "v", "7"],
    ["let r = for x in [1, 2] { x }; r", "d", "()"],
  ]],
  ["24 continue in do skips the condition", [
    ["let n = 0; do { n += 1; if n < 5 { continue; } } while false; n", "v", "5"],
  ]],
  ["25 try value", [
    ["try { 42 } catch { 0 }", "d", "()"],
    ["fn f() { 42 } try { f() } catch { 0 }", "v", "42"],
    ["let v = { try { throw 1; } catch { 0 } }; v", "d", "()"],
    ["try { throw #{a: 1} } catch (e) { print(e.a) }", "p", "1"],
  ]],
  ["26 caught error maps", [
    ["let r; try { 1/0 } catch (e) { r = e } r", "v", "#{\"error\": \"ErrorArithmetic\", \"message\": \"Division by zero: 1 / 0\"}"],
    ["fn f(x) { x / 0 }\nlet m;\ntry { f(1) } catch (e) { m = e }\nm.error", "d", "\"ErrorInFunctionCall\""],
    ["fn f(x) { x / 0 }\nlet m;\ntry { f(1) } catch (e) { m = e }\nm.function", "d", "\"f\""],
    ["fn f(x) { x / 0 }\nlet m;\ntry { f(1) } catch (e) { m = e }\nm.line", "v", "3"],
    ["fn f(x) { x / 0 }\nlet m;\ntry { f(1) } catch (e) { m = e }\nm.position", "v", "7"],
    ["fn f(x) { x / 0 }\nlet m;\ntry { f(1) } catch (e) { m = e }\nm.source", "d", "\"\""],
    ["fn f(x) { x / 0 }\nlet m;\ntry { f(1) } catch (e) { m = e }\nm.message", "v", "Division by zero: 1 / 0\nin call to function 'f'"],
  ]],
  ["27 re-throw", [
    ["try { 1/0 } catch { throw; }", "e", "Division by zero: 1 / 0 (line 1, position 21)"],
  ]],
  ["28 uncatchable limits", [
    ["fn r(n) { r(n + 1) } try { r(0) } catch { \"caught\" }", "e", "Stack overflow (line 1, position 28)"],
  ]],
  ["29 for_each passes the index", [
    ["let a = [10, 20]; let s = 0; a.for_each(|x| s += x); s", "v", "1"],
    ["let a = [10, 20]; a.for_each(|| this *= 2); a", "v", "[20, 40]"],
  ]],
  ["30 map/filter callbacks", [
    ["[1, 2, 3].map(|x, i| x * i)", "v", "[0, 2, 6]"],
    ["[1, 2, 3].filter(|| this > 1)", "v", "[2, 3]"],
  ]],
  ["31 sorting needs one element type", [
    ["let a = [3, 1, 2]; a.sort(); a", "v", "[1, 2, 3]"],
    ["[1, \"a\"].sort()", "m", "Function not found: elements of different types cannot be sorted"],
    ["let a = [3, 1, 2]; a.sort(|a, b| b - a); a", "v", "[3, 2, 1]"],
  ]],
  ["32 round is half away from zero", [
    ["(-2.5).round()", "v", "-3.0"],
    ["2.5.round()", "v", "3.0"],
    ["to_int(2.9)", "v", "2"],
    ["to_int(-2.9)", "v", "-2"],
  ]],
  ["33 in is contains", [
    ["2 in [1, 2, 3]", "v", "true"],
    ["\"ell\" in \"hello\"", "v", "true"],
    ["\"a\" in #{a: 1}", "v", "true"],
    ["3 in 1..3", "v", "false"],
    ["1 in \"123\"", "m", "Function not found: contains (&str | ImmutableString | String, i64)"],
  ]],
  ["34 missing function signature text", [
    ["foo(1, \"a\", 2.5, [], #{}, ())", "m", "Function not found: foo (i64, &str | ImmutableString | String, f64, array, map, ())"],
  ]],
  ["35 property on a non-map", [
    ["42.foo", "e", "Unknown property 'foo' - a getter is not registered for type 'i64' (line 1, position 4)"],
  ]],
  ["36 null-safe chains", [
    ["let x = (); x?.a.b.c", "d", "()"],
    ["let y = #{a: ()}; y.a?.b", "d", "()"],
    ["() ?? 5", "v", "5"],
    ["0 ?? 5", "v", "0"],
  ]],
  ["37 open ranges", [
    ["let r = 3..; r.end", "v", "9223372036854775807"],
    ["print(3..)", "p", "3.."],
    ["\"hello\"[..=1]", "d", "\"he\""],
  ]],
  ["38 const receivers", [
    ["const A = [1]; A.push(2)", "m", "Non-pure method 'push' cannot be called on constant"],
    ["const A = [1]; A.len()", "v", "1"],
    ["const A = [1]; push(A, 2); A", "v", "[1]"],
  ]],
  ["39 statement separators", [
    ["let x = 1 let y = 2", "e", "Syntax error: Expecting ';' to terminate this statement (line 1, position 11)"],
    ["if true { 1 } 2", "v", "2"],
    ["let i = 0; do { i += 1 } while i < 3 i", "s", "Syntax error: "],
  ]],
  ["40 block value ignores the trailing ;", [
    ["fn f() { 1; } f()", "v", "1"],
    ["{ let a = 2; a * 3; }", "v", "6"],
  ]],
  ["41 negative literal receivers", [
    ["-5.abs()", "v", "5"],
    ["let x = 5; -x.abs()", "v", "-5"],
    ["-9223372036854775808", "v", "-9223372036854775808"],
    ["type_of(-9223372036854775808)", "v", "i64"],
    ["- 9223372036854775808", "v", "-9.223372036854776e18"],
    ["type_of(- 9223372036854775808)", "v", "f64"],
  ]],
  ["42 bit indexing", [
    ["let x = 0; x[3] = true; x", "v", "8"],
    ["5[0]", "v", "true"],
    ["5[-1]", "v", "false"],
    ["let y = 0; y[4..8] = 0xff; y", "v", "240"],
  ]],
  ["43 script value is the last statement", [
    ["let a = 1; a + 1;", "v", "2"],
    ["let a = 1;", "d", "()"],
    ["fn f() {}", "d", "()"],
  ]],
  ["44 no implicit INT→FLOAT for library calls", [
    ["sqrt(4)", "m", "Function not found: sqrt (i64)"],
    ["sqrt(4.0)", "v", "2.0"],
    ["4.to_float().sqrt()", "v", "2.0"],
    ["abs(-4)", "v", "4"],
    ["floor(5)", "m", "Function not found: floor (i64)"],
  ]],
  ["45 reduce starts from ()", [
    ["[1, 2, 3].reduce(|s, x| s + x, 0)", "v", "6"],
    ["[1, 2, 3].reduce(|s, x| s + x)", "e", "Function not found: + ((), i64) (line 1, position 27)\nin closure call (line 1, position 11)"],
  ]],
  ["46 library get never fails, indexing does", [
    ["[1, 2, 3].get(5)", "d", "()"],
    ["[1, 2, 3].get(-10)", "v", "1"],
    ["[1, 2, 3][5]", "m", "Array index 5 out of bounds: only 3 elements in array"],
    ["\"abc\".sub_string(1..=1)", "d", "\"b\""],
    ["\"abc\"[1..=1]", "d", "\"\""],
  ]],
  ["47 compound assignment on a missing map key", [
    ["let m = #{}; m.n += 1", "m", "Function not found: + ((), i64)"],
    ["let m = #{}; m.n = (m.n ?? 0) + 1; m.n", "v", "1"],
  ]],
];

describe("§15 traps", () => {
  test("all 47 items are covered", () => {
    expect(TRAPS.length).toBe(47);
    TRAPS.forEach(([name], i) => expect(name.startsWith(`${i + 1} `)).toBe(true));
  });
  for (const [name, cases] of TRAPS) {
    describe(name, () => {
      for (const c of cases) test(`${c[0]} → ${c[1]} ${JSON.stringify(c[2])}`, () => check(c));
    });
  }
});
