// Script-driven evaluator tests: source → to_string value, or → exact error display.
// Cases marked [lib] depend on library packages (they pass once the stdlib lands).
import { describe, expect, test } from "bun:test";
import { dbg, err, out, printed, run, str } from "./helpers.ts";

type Case = [string, string];

function values(name: string, cases: Case[]): void {
  describe(name, () => {
    for (const [src, want] of cases) test(src, () => expect(str(src)).toBe(want));
  });
}
function errors(name: string, cases: Case[]): void {
  describe(name, () => {
    for (const [src, want] of cases) test(src, () => expect(err(src)).toBe(want));
  });
}

values("optimizer effects (§0.3)", [
  ["let x = 1; x && true", "1"],
  ["let x = 2; true && x", "2"],
  ["let x = 1; x || false", "1"],
  ["try { 42 } catch { 0 }", ""],
  ["let x = 1; try { x = 5; x } catch { 0 }", ""],
  ["let x = 1; try { x + 1 } catch { 0 }", "2"],
  ["let x = 1; if x { 1 }; 3", "3"],
  ["let x = 1; for i in 0..2 { if x { 1 } } 1", "1"],
  ["{ import \"nosuch\" as q; 5 }", "5"],
  ["`${[1.0, 'c']}`", "[1.0, 'c']"],
  ["let v = [1.0, 'c']; `${v}`", "[1.0, c]"],
]);

values("statements and block values (§2.2)", [
  ["let a = 1; a + 1;", "2"],
  ["let a = 1;", ""],
  ["{ let a = 2; a * 3; }", "6"],
  ["fn f() { 1; } f()", "1"],
  ["let x = 3; if x > 2 { \"big\" } else { \"small\" }", "big"],
  ["if true { 1 } 2", "2"],
  ["let x = 1; { let x = 2; } x", "1"],
  ["let x = 1; let x = x + 1; x", "2"],
  ["let x; x", ""],
]);

values("loops (§2.7)", [
  ["let r = while true { break 7; }; r", "7"],
  ["let r = for x in [1, 2] { x }; r", ""],
  ["let r = for i in 0..10 { if i * i > 20 { break i } }; r", "5"],
  ["let n = 0; do { n += 1; if n < 5 { continue; } } while false; n", "5"],
  ["let n = 0; do { n += 1 } until n >= 3; n", "3"],
  ["let s = 0; for i in 0..=4 { s += i } s", "10"],
  ["let s = 0; for i in 5..1 { s += i } s", "0"],
  ["let s = \"\"; for c in \"héllo\" { s += c; s += \",\" } s", "h,é,l,l,o,"],
  ["let s = 0; for (x, i) in [10, 20, 30] { s += x * i } s", "80"],
  ["let n = 0; loop { n += 1; if n == 10 { break; } } n", "10"],
  ["let x = 1000000; while x > 0 { x -= 1 } x", "0"],
  ["let a = [1, 2]; for x in a { a.push(x) } a", "[1, 2, 1, 2]"],
  ["let s = 0; for x in [1, 2, 3] { if x == 2 { continue } s += x } s", "4"],
]);

values("integers and operators (§5)", [
  ["-7 / 2", "-3"],
  ["-7 % 3", "-1"],
  ["7 % -3", "1"],
  ["5.0 / 0", "inf"],
  ["1 << 64", "0"],
  ["-8 >> 100", "-1"],
  ["8 >> -1", "16"],
  ["1 << 63", "-9223372036854775808"],
  ["1 + 2 << 3", "17"],
  ["8 - 1 << 2", "4"],
  ["2 ** 3 ** 2", "512"],
  ["2 ** 3 << 1", "64"],
  ["-2 ** 2", "4"],
  ["let x = 2; -x ** 2", "4"],
  ["2.0 ** -1", "0.5"],
  ["(6 & 1) == 0", "true"],
  ["0xffffffffffffffff", "-1"],
  ["let x = 5; x += 1.5; x", "6.5"],
  ["10 / 4", "2"],
  ["10 / 4.0", "2.5"],
  ["0.1 + 0.2 == 0.3", "true"],
  ["0.0 < 1e-16", "false"],
  ["let z = 0.0/0.0; z != z", "false"],
  ["(1.0/0.0) > 1.0", "false"],
  ["1 == \"1\"", "false"],
  ["'a' + 'b'", "ab"],
  ["'a' == \"a\"", "true"],
  ["\"ab\" == 'a'", "false"],
  ["\"\" - \"abc\"", "abc"],
  ["true & false", "false"],
  ["true ^ true", "false"],
  ["() ?? 5", "5"],
  ["0 ?? 5", "0"],
  ["let x = 9223372036854775807; x -= 1; x", "9223372036854775806"],
  ["let x = 4611686018427387904; x - 1 + x", "9223372036854775807"],
]);

errors("operator errors (§5, §12.2)", [
  ["9223372036854775807 + 1", "Addition overflow: 9223372036854775807 + 1"],
  ["5 / 0", "Division by zero: 5 / 0"],
  ["let x = 4611686018427387904; x + x", "Addition overflow: 4611686018427387904 + 4611686018427387904"],
  ["let x = 5; x /= 0;", "Division by zero: 5 / 0 (line 1, position 14)"],
  ["2 ** -1", "Integer raised to a negative power: 2 ** -1"],
  ["6 & 1 == 0", "Function not found: & (i64, bool) (line 1, position 3)"],
  ["let x = 1; x && false", "Data type incorrect: i64 (expecting bool) (line 1, position 12)"],
  ["let x = 1; if x { 2 } else { 3 }", "Data type incorrect: i64 (expecting bool) (line 1, position 15)"],
  ["[1] < [2]", "Function not found: < (array, array) (line 1, position 5)"],
  ["let x = -9223372036854775807 - 1; -x", "Negation overflow: --9223372036854775808 (line 1, position 35)"],
  ["foo(1, \"a\", 2.5, [], #{}, ())", "Function not found: foo (i64, &str | ImmutableString | String, f64, array, map, ()) (line 1, position 1)"],
  ["42.foo", "Unknown property 'foo' - a getter is not registered for type 'i64' (line 1, position 4)"],
]);

values("indexing and maps (§9, §10)", [
  ["let x = 0; x[3] = true; x", "8"],
  ["5[0]", "true"],
  ["5[-1]", "false"],
  ["let y = 0; y[4..8] = 0xff; y", "240"],
  ["let a = [[1, 2], [3]]; a[0][1] = 9; a", "[[1, 9], [3]]"],
  ["let s = \"hello\"; s[1..=1] = \"X\"; s", "hXllo"],
  ["let s = \"abc\"; s[1] = 'X'; s", "aXc"],
  ["\"hello\"[1..=1]", ""],
  ["\"hello\"[-3..]", "llo"],
  ["\"hello\"[..=1]", "he"],
  ["#{b: 1, a: 2}", "#{\"a\": 2, \"b\": 1}"],
  ["let m = #{a: 1}; m.zzz", ""],
  ["let m = #{a: 1}; m.len", ""],
  ["let m = #{a: 1}; m.b = 2; m[\"c\"] = 3; m", "#{\"a\": 1, \"b\": 2, \"c\": 3}"],
  ["let m = #{a: #{b: [1, 2]}}; m.a.b[1] = 5; m", "#{\"a\": #{\"b\": [1, 5]}}"],
  ["let x = (); x?.a.b.c", ""],
  ["let y = #{a: ()}; y.a?.b", ""],
  ["let x = (); x?[2] = 42; x", ""],
  ["let obj = #{ n: 1, inc: || this.n += 1 }; obj.inc(); obj.inc(); obj.n", "3"],
]);

errors("index errors (§9)", [
  ["[1, 2, 3][5]", "Array index 5 out of bounds: only 3 elements in array (line 1, position 11)"],
  ["\"abc\"[3]", "String index 3 out of bounds: only 3 characters in string (line 1, position 7)"],
  ["let a = [1]; a[\"x\"]", "Data type incorrect: string (expecting i64) (line 1, position 16)"],
  ["let b = true; b[0]", "Indexer unavailable: bool [i64] (line 1, position 16)"],
]);

values("functions and value semantics (§3.5, §3.6, §4)", [
  ["fn add(x) { x.push(9) } let a = []; add(a); a", "[]"],
  ["fn add() { this.push(9) } let a = []; a.add(); a", "[9]"],
  ["let a = [1]; let b = a; b.push(2); a", "[1]"],
  ["let s = \"x\"; let t = s; t += \"y\"; s", "x"],
  ["let a = [1]; a += 2; a += [3, 4]; a", "[1, 2, 3, 4]"],
  ["fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } } fib(20)", "6765"],
  ["fn f(x) { return x * 2; 99 } f(4)", "8"],
  ["fn inc(x) { x + 1 } let f = inc; f.call(1)", "2"],
  ["fn int.double() { this * 2 } 21.double()", "42"],
  ["fn f() { this = 5 } let x = 1; x.f(); x", "5"],
  ["const X = 1; fn f() { global::X } f()", "1"],
  ["let a = [1, 2]; let b = a; b[0] = 5; a", "[1, 2]"],
  ["let a = [[1]]; let b = a[0]; b.push(2); a", "[[1]]"],
]);

values("closures (§3.7)", [
  ["let a = 41; let f = |x| { a += x }; f.call(1); a", "42"],
  ["let a = 41; let f = |x| { a += x }; f.call(1); is_shared(a)", "true"],
  ["let a = 1; is_shared(a)", "false"],
  ["let fs = []; for i in 0..3 { fs.push(|| i) } let r = []; for f in fs { r.push(f.call()) } r", "[2, 2, 2]"],
  ["let f = |x, y| x * y; let g = f.curry(6); g.call(7)", "42"],
  ["let f = |x| x + 1; call(f, 2)", "3"],
  ["let x = 10; let f = || x; x = 20; f.call()", "20"],
  ["let f = Fn(\"foo\"); f.name", "foo"],
  ["type_of(|| 1)", "Fn"],
]);

errors("closure and pointer errors", [
  ["let f = Fn(\"foo\"); f.call(1)", "Function not found: foo (i64) (line 1, position 22)"],
  ["Fn(\"while\")", "Syntax error: 'while' is a reserved keyword (line 1, position 1)"],
  ["Fn(\"+\")", "Syntax error: '+' is a reserved symbol (line 1, position 1)"],
  ["Fn(\"a b\")", "Function not found: a b (line 1, position 1)"],
  ["Fn(1)", "Data type incorrect: i64 (expecting string) (line 1, position 1)"],
  ["let f = || this; f.call()", "'this' not bound (line 1, position 12)\nin closure call (line 1, position 20)"],
]);

values("try/catch (§2.8, §12.4)", [
  ["fn f() { 42 } try { f() } catch { 0 }", "42"],
  ["let v = { try { throw 1; } catch { 0 } }; v", ""],
  ["let r; try { 1/0 } catch (e) { r = e } r", "#{\"error\": \"ErrorArithmetic\", \"message\": \"Division by zero: 1 / 0\"}"],
  ["let r; try { foo(1) } catch (e) { r = e } r", "#{\"error\": \"ErrorFunctionNotFound\", \"function\": \"foo (i64)\", \"line\": 1, \"message\": \"Function not found: foo (i64)\", \"position\": 14}"],
  ["let r; try { throw [1, 2] } catch (e) { r = e } r", "[1, 2]"],
  ["fn f() { throw \"x\" } let r; try { f() } catch (e) { r = e } r", "x"],
  ["fn f(x) { x / 0 }\nlet m;\ntry { f(1) } catch (e) { m = e }\n[m.error, m.function, m.line, m.position, m.source, m.message]",
    "[\"ErrorInFunctionCall\", \"f\", 3, 7, \"\", \"Division by zero: 1 / 0\\nin call to function 'f'\"]"],
]);

errors("error wrapping and limits (§7.4, §12.3, §13)", [
  ["try { 1/0 } catch { throw; }", "Division by zero: 1 / 0 (line 1, position 21)"],
  ["fn r(n) { r(n + 1) } try { r(0) } catch { \"caught\" }", "Stack overflow (line 1, position 28)"],
  ["fn f() { 1 / 0 }\nf()", "Division by zero: 1 / 0\nin call to function 'f' (line 2, position 1)"],
  ["throw \"boom\"", "Runtime error: boom (line 1, position 1)"],
  ["throw", "Runtime error (line 1, position 1)"],
  ["throw [\"a\", 'b']", "Runtime error: [\"a\", 'b'] (line 1, position 1)"],
  ["const A = [1]; A[0] = 2;", "Cannot modify constant A (line 1, position 16)"],
  ["let x = 1; fn f() { x } f()", "Syntax error: Undefined variable: x (line 1, position 21)"],
]);

describe("call depth", () => {
  test("64 nested calls succeed, 65 fail", () => {
    expect(str("fn d(n) { if n <= 1 { n } else { d(n - 1) } } d(64)")).toBe("1");
    expect(err("fn d(n) { if n <= 1 { n } else { d(n - 1) } } d(65)")).toBe("Stack overflow (line 1, position 47)");
  });
  test("deep recursion never leaks a JS RangeError", () => {
    const e = err("fn d(n) { d(n + 1) } d(0)", { limits: { maxCallLevels: 1000000 } });
    expect(e.startsWith("Stack overflow")).toBe(true);
  });
});

describe("limits", () => {
  test("operations", () => {
    expect(err("loop {}", { limits: { maxOperations: 1000 } })).toBe("Too many operations (line 1, position 1)");
    expect(err("let r; try { loop {} } catch { r = 1 }", { limits: { maxOperations: 500 } })).toBe(
      "Too many operations (line 1, position 14)",
    );
  });
  test("progress stops loop {}", () => {
    let n = 0;
    expect(err("loop {}", { progress: () => (++n > 3 ? "timeout" : undefined) })).toBe(
      "Script terminated: timeout (line 1, position 1)",
    );
  });
  test("sizes", () => {
    // The spec gives no position for these; rex reports the operation's position (as the
    // reference does), see docs/engine-design.md.
    expect(err("let s = \"ab\"; loop { s += s }", { limits: { maxStringSize: 100 } })).toBe(
      "Length of string too large (line 1, position 24)",
    );
    expect(err("let a = []; loop { a.push(1) }", { limits: { maxArraySize: 10 } })).toBe(
      "Size of array/BLOB too large (line 1, position 22)",
    );
    expect(err("let m = #{}; let i = 0; loop { m[`k${i}`] = 1; i += 1 }", { limits: { maxMapSize: 10 } })).toBe(
      "Size of object map too large (line 1, position 43)",
    );
  });
});

values("switch (§2.6)", [
  ["switch 1.0 { 1 => \"int\", _ => \"other\" }", "other"],
  ["switch 5 { 5 if false => \"five\", 1..10 => \"range\", _ => \"none\" }", "range"],
  ["switch \"z\" { \"a\" => 1 }", ""],
  ["switch [1, 2] { [1, 2] => \"yes\", _ => \"no\" }", "yes"],
  ["let x = 3; switch x { 1 | 3 => \"odd\", _ => \"?\" }", "odd"],
]);

values("engine-level functions (§3.9)", [
  ["type_of(9223372036854775808)", "f64"],
  ["type_of(-9223372036854775808)", "i64"],
  ["type_of(())", "()"],
  ["type_of(#{})", "map"],
  ["1.type_of()", "i64"],
  ["fn f(a) {} is_def_fn(\"f\", 1)", "true"],
  ["fn f(a) {} is_def_fn(\"f\", 2)", "false"],
  ["fn int.f() {} is_def_fn(\"i64\", \"f\", 0)", "true"],
  ["let x = 1; is_def_var(\"x\")", "true"],
  ["is_def_var(\"nope\")", "false"],
]);

describe("escapes: script names never reach JS objects", () => {
  const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
  for (const n of names) {
    test(`map key ${n}`, () => {
      expect(str(`let m = #{}; m.${n}`)).toBe("");
      expect(str(`let m = #{}; type_of(m["${n}"])`)).toBe("()");
      expect(str(`let m = #{}; m["${n}"] = 1; m.${n}`)).toBe("1");
    });
    for (const v of ["1", "1.5", "\"s\"", "'c'", "true", "[1]", "()"]) {
      test(`${v}.${n} and ${v}.${n}()`, () => {
        expect(err(`let x = ${v}; x.${n}`)).toMatch(/^Unknown property '.+' - a getter is not registered for type '/);
        expect(err(`let x = ${v}; x.${n}()`)).toMatch(/^Function not found: /);
      });
    }
  }
  test("function named like a JS builtin", () => {
    expect(err("constructor(1)")).toBe("Function not found: constructor (i64) (line 1, position 1)");
    expect(err("toString()")).toBe("Function not found: toString () (line 1, position 1)");
  });
});

describe("print, debug, exit, host variables", () => {
  test("print emits to_string text", () => {
    expect(printed("print(\"a\"); print(()); print(['a', \"b\"])")).toEqual(["a", "", "[a, \"b\"]"]);
  });
  test("debug emits debug text", () => {
    const lines: string[] = [];
    run("debug(\"a\"); debug(())", { onDebug: (t) => lines.push(t) });
    expect(lines).toEqual(["\"a\"", "()"]);
  });
  test("exit ends the script from any depth", () => {
    expect(str("fn f() { exit(7) } try { f() } catch { 0 } 99")).toBe("7");
  });
  test("top-level return", () => {
    expect(str("return 5; 6")).toBe("5");
  });
  test("host rendering", () => {
    expect(out("['a', \"b\"]")).toBe("['a', \"b\"]");
    expect(dbg("\"hi\"")).toBe("\"hi\"");
  });
});
