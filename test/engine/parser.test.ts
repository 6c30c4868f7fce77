// Parser AST shapes (rhai-language.md §2, §3): precedence and associativity quirks, rewrites
// (`in`, literal folding), postfix chains, closures and captures, switch values, positions,
// strict-variable scoping, and the §13 expression-depth calibration points.
import { describe, expect, test } from "bun:test";
import type { Expr, Script, Stmt } from "../../src/engine/ast.ts";
import { ParseError } from "../../src/engine/errors.ts";
import { parse, type ParseOptions } from "../../src/engine/parser/index.ts";
import { FnPtr, RChar, RFloat, RMap, type Value } from "../../src/engine/value.ts";

/** Compact S-expression of an expression, for shape assertions. */
function sx(e: Expr): string {
  switch (e.k) {
    case "lit":
      return lit(e.value);
    case "var":
      return e.name;
    case "this":
      return "this";
    case "nsvar":
      return `${e.path.join("::")}::${e.name}`;
    case "unary":
      return `(${e.op} ${sx(e.arg)})`;
    case "binary":
      return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case "and":
    case "or":
    case "coalesce":
      return `(${e.k} ${e.args.map(sx).join(" ")})`;
    case "call":
      return `${e.name}${e.callerScope ? "!" : ""}(${e.args.map(sx).join(", ")})`;
    case "nscall":
      return `${e.path.join("::")}::${e.name}(${e.args.map(sx).join(", ")})`;
    case "method":
      return `${sx(e.target)}${e.nullSafe ? "?." : "."}${e.name}(${e.args.map(sx).join(", ")})`;
    case "prop":
      return `${sx(e.target)}${e.nullSafe ? "?." : "."}${e.name}`;
    case "index":
      return `${sx(e.target)}${e.nullSafe ? "?[" : "["}${sx(e.index)}]`;
    case "array":
      return `[${e.items.map(sx).join(", ")}]`;
    case "map":
      return `#{${e.entries.map((x) => `${x.key}: ${sx(x.value)}`).join(", ")}}`;
    case "fn":
      return `fn<${e.captures.join(",")}>`;
    case "interp":
      return "`" + e.parts.map((p) => (typeof p === "string" ? p : `\${${p.length}}`)).join("") + "`";
    case "block":
      return `{${e.body.length}}`;
    case "stmt":
      return `<${e.stmt.k}>`;
  }
}
function lit(v: Value): string {
  if (v === undefined) return "()";
  if (v instanceof RFloat) return `${v.v}f`;
  if (v instanceof RChar) return `'${v.toString()}'`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  return String(v);
}
function expr(src: string, opts?: ParseOptions): string {
  const s = parse(src, opts);
  const last = s.body[s.body.length - 1]!;
  if (last.k !== "expr") throw new Error(`not an expression statement: ${last.k}`);
  return sx(last.expr);
}
const V = "let a = 1; let b = 2; let c = 3; let d = 4; ";

describe("precedence (§3.2)", () => {
  test.each([
    ["1 + 2 * 3", "(+ 1 (* 2 3))"],
    ["1 + 2 << 3", "(+ 1 (<< 2 3))"],
    ["8 - 1 << 2", "(- 8 (<< 1 2))"],
    ["2 ** 3 ** 2", "(** 2 (** 3 2))"],
    ["2 ** 3 << 1", "(** 2 (<< 3 1))"],
    ["6 & 1 == 0", "(& 6 (== 1 0))"],
    [V + "a == b | c", "(| (== a b) c)"],
    [V + "a | b ^ c", "(^ (| a b) c)"],
    [V + "a - b - c", "(- (- a b) c)"],
    [V + "a + b ?? c", "(coalesce (+ a b) c)"],
    [V + "a ?? b ?? c", "(coalesce a b c)"],
    [V + "a < b == c < d", "(== (< a b) (< c d))"],
    [V + "a && b || c && d", "(or (and a b) (and c d))"],
    [V + "a && b && c", "(and a b c)"],
    ["1..2+3", "(.. 1 (+ 2 3))"],
    ["1..=5", "(..= 1 5)"],
    [V + "a in b", "contains(b, a)"],
    [V + "a !in b", "(! contains(b, a))"],
    [V + "a in b == c", "(== contains(b, a) c)"],
    [V + "-a ** 2", "(** (- a) 2)"],
    [V + "-a.abs()", "(- a.abs())"],
    ["-2 ** 2", "(** -2 2)"],
    [V + "!a == b", "(== (! a) b)"],
  ])("%s", (src, shape) => {
    expect(expr(src)).toBe(shape);
  });
});

describe("literals and unary folding (§1.6)", () => {
  test.each([
    ["-5.abs()", "-5.abs()"],
    ["- 5", "-5"],
    ["-(0xff)", "-255"],
    ["- 0xff", "-255"],
    ["+3", "3"],
    ["- 1.5", "-1.5f"],
    ["-9223372036854775808", "-9223372036854775808n"],
    ["- 9223372036854775808", "-9223372036854776000f"],
    ["- -9223372036854775808", "9223372036854776000f"],
    ["1 -1", "(- 1 1)"],
    ["()", "()"],
    ["'a'", "'a'"],
    ["[1, 'a', \"b\",]", '[1, \'a\', "b"]'],
    ["#{a: 1, \"b c\": 2,}", "#{a: 1, b c: 2}"],
    ["`a${1}b${2}c`", "`a${1}b${1}c`"],
    ["[..]", "[(.. () ())]"],
    ["..5", "(.. () 5)"],
    ["[3..]", "[(.. 3 ())]"],
    ["[..=3]", "[(..= () 3)]"],
    ["true", "true"],
  ])("%s", (src, shape) => {
    expect(expr(src)).toBe(shape);
  });
});

describe("postfix chains, calls, namespaces", () => {
  test.each([
    [V + "a.b.c[1]", "a.b.c[1]"],
    [V + "a?.b?[0].c(1, 2)", "a?.b?[0].c(1, 2)"],
    [V + "a.type_of()", "a.type_of()"],
    ["foo()", "foo()"],
    ["foo(1, 2,)", "foo(1, 2)"],
    ["foo!(1)", "foo!(1)"],
    ["print(1)", "print(1)"],
    ["Fn(\"f\")", 'Fn("f")'],
    ["global::X", "global::X"],
    ["import \"m\" as m; m::sub::f(1)", "m::sub::f(1)"],
    ["write::x", "write::x"],
  ])("%s", (src, shape) => {
    expect(expr(src, { namespaces: new Set(["write"]) })).toBe(shape);
  });
});

describe("statements", () => {
  const kinds = (src: string) => parse(src).body.map((s) => s.k);
  test("self-terminating statements need no ';'", () => {
    expect(kinds("if true { 1 } 2")).toEqual(["if", "expr"]);
    expect(kinds("let x = 0; while x < 1 { x += 1 } loop { break } for i in [] {} { } switch 1 {} try {} catch {} 5")).toEqual(
      ["let", "while", "loop", "for", "block", "switch", "try", "expr"],
    );
    expect(kinds("let i = 0; do { i += 1 } while i < 3; i")).toEqual(["let", "do", "expr"]);
  });
  test("assignment forms", () => {
    const s = parse("let a = [#{b: 1}]; a[0].b = 2; a[0].b += 3;").body;
    expect(s[1]!.k).toBe("assign");
    const op = s[2]! as Stmt & { k: "opassign" };
    expect([op.k, op.op, op.pos]).toEqual(["opassign", "+", { line: 1, pos: 39 }]);
  });
  test("let/const, export, import", () => {
    const s = parse('const X = 1; export let y = 2; export X as Z; import "m" as m; export const W = 1;').body;
    expect(s.map((x) => x.k)).toEqual(["let", "let", "export", "import", "let"]);
    expect((s[0] as Stmt & { k: "let" }).isConst).toBe(true);
    expect((s[1] as Stmt & { k: "let" }).exported).toBe("y");
    expect(s[2]).toMatchObject({ name: "X", as: "Z" });
  });
  test("export of a name is not checked by strict variables (reference)", () => {
    expect(parse("export y as z;").body[0]).toMatchObject({ k: "export", name: "y", as: "z" });
    expect(parse("export let x = 1;").body[0]).toMatchObject({ k: "let", pos: { line: 1, pos: 8 }, exported: "x" });
  });
  test("if-else chains, for with counter, try with catch variable", () => {
    const s = parse("if true {1} else if false {2} else {3}").body[0]! as Stmt & { k: "if" };
    expect(s.else![0]!.k).toBe("if");
    const f = parse("for (x, i) in [1] { x + i }").body[0]!;
    expect(f).toMatchObject({ k: "for", name: "x", counter: "i" });
    const t = parse("try { 1 } catch (e) { e }").body[0]!;
    expect(t).toMatchObject({ k: "try", catchVar: "e", catchVarPos: { line: 1, pos: 18 } });
  });
  test("break value, return, throw; ?? with control statements", () => {
    expect(parse("loop { break 5 }").body[0]).toMatchObject({ body: [{ k: "break", value: { k: "lit", value: 5 } }] });
    expect(parse("return").body[0]).toMatchObject({ k: "return", value: undefined });
    expect(parse("throw;").body[0]).toMatchObject({ k: "throw", value: undefined });
    expect(expr("let x = (); for i in [1] { x ?? continue }".replace("}", "; 1 }") + "; x ?? return 1")).toBe("(coalesce x <return>)");
  });
});

describe("switch (§2.6)", () => {
  test("values, ranges, guards, default", () => {
    const s = parse('let x = 1; switch x { 1 | 2 => "a", 3 if true => "b", -1.5 => 0, 10..20 => "c", 1..=0 => "z", [1, "a"] => 0, #{k: 1} => 0, Fn("f") => 0, `t${1}` => 0, \'c\' => 0, () => 0, _ => "d" }').body[1]! as Stmt & { k: "switch" };
    expect(s.cases.length).toBe(10);
    expect(s.cases[0]!.values).toEqual([1, 2]);
    expect(s.cases[1]!.guard).toMatchObject({ k: "lit", value: true });
    expect(s.cases[2]!.values).toEqual([new RFloat(-1.5)]);
    expect(s.cases[3]!.ranges).toEqual([{ start: 10, end: 20, inclusive: false }]);
    expect(s.cases[4]!.values).toEqual([[1, "a"]]);
    expect(s.cases[5]!.values[0]).toBeInstanceOf(RMap);
    expect(s.cases[6]!.values[0]).toEqual(new FnPtr("f"));
    expect(s.cases[7]!.values).toEqual(["t1"]);
    expect(s.cases[8]!.values).toEqual([RChar.of(99)]);
    expect(s.cases[9]!.values).toEqual([undefined]);
    expect(s.default).toMatchObject({ k: "expr" });
  });
});

describe("functions and closures", () => {
  test("definitions are hoisted, typed methods, private", () => {
    const s = parse('f(); fn f() { g } fn g() {} private fn int.h(x) { this + x } fn "MyType".k() {} fn float.m() {}');
    expect(s.functions.map((f) => [f.name, f.receiverType, f.private, f.params])).toEqual([
      ["f", undefined, false, []], ["g", undefined, false, []], ["h", "i64", true, ["x"]],
      ["k", "MyType", false, []], ["m", "f64", false, []],
    ]);
    expect(s.functions[0]!.pos).toEqual({ line: 1, pos: 9 });
  });
  test("typed and untyped functions of the same name/arity are distinct", () => {
    expect(() => parse("fn f() {} fn int.f() {}")).not.toThrow();
  });
  test("closures are lifted with captures first", () => {
    const s: Script = parse("let a = 1; let b = 2; let f = |x, y| a + x + b + a; f");
    const fn = s.functions[0]!;
    expect(fn.name).toMatch(/^anon\$[0-9a-f]{16}$/);
    expect([fn.params, fn.captureCount, fn.isAnonymous]).toEqual([["a", "b", "x", "y"], 2, true]);
    const init = (s.body[2] as Stmt & { k: "let" }).init!;
    expect(init).toMatchObject({ k: "fn", fnName: fn.name, captures: ["a", "b"] });
  });
  test("nested closures capture through the middle closure; function names are not captured", () => {
    const s = parse("fn g() {} let a = 1; let f = || || a + g.len();");
    const [inner, outer] = s.functions.filter((f) => f.isAnonymous);
    expect(inner!.params).toEqual(["a"]);
    expect(outer!.params).toEqual(["a"]);
  });
  test("closure bodies may use this; block bodies are unwrapped", () => {
    const s = parse("let f = || { this.x = 1; 2 };");
    expect(s.functions[0]!.body.map((x) => x.k)).toEqual(["assign", "expr"]);
  });
  test("function bodies see params and global:: only; host names pass", () => {
    expect(() => parse("fn f(a) { a + global::X }")).not.toThrow();
    expect(() => parse("fn f() { h }", { declared: ["h"] })).not.toThrow();
    expect(() => parse("x + 1", { declared: ["x"] })).not.toThrow();
    expect(() => parse("x + 1", { strictVariables: false })).not.toThrow();
  });
});

describe("positions (ast.ts rules)", () => {
  test("operators, calls, properties, index, statements", () => {
    const s = parse("let a = [1];\n  a[0] + foo(a.len);");
    const e = (s.body[1] as Stmt & { k: "expr" }).expr as Expr & { k: "binary" };
    expect(e.pos).toEqual({ line: 2, pos: 8 });
    expect(e.left.pos).toEqual({ line: 2, pos: 4 });
    const call = e.right as Expr & { k: "call" };
    expect(call.pos).toEqual({ line: 2, pos: 10 });
    expect(call.args[0]!.pos).toEqual({ line: 2, pos: 16 });
    expect(s.body[0]).toMatchObject({ pos: { line: 1, pos: 1 }, namePos: { line: 1, pos: 5 } });
  });
});

describe("expression depth (§13)", () => {
  const chain = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1)).join(" + ");
  const depthErr = (src: string, opts?: ParseOptions) => {
    try {
      parse(src, opts);
      return "ok";
    } catch (e) {
      if (e instanceof ParseError) return e.parseMessage;
      throw e;
    }
  };
  const TOO = "Expression exceeds maximum complexity";
  test.each<[string, ParseOptions | undefined, string]>([
    [chain(31), { maxExprDepth: 32 }, "ok"],
    [chain(32), { maxExprDepth: 32 }, TOO],
    [chain(63), undefined, "ok"],
    [chain(64), undefined, TOO],
    [`let x = ${chain(30)};`, { maxExprDepth: 32 }, "ok"],
    [`let x = ${chain(31)};`, { maxExprDepth: 32 }, TOO],
    [`fn f() { ${chain(29)} }`, undefined, "ok"],
    [`fn f() { ${chain(30)} }`, undefined, TOO],
  ])("calibration %#", (src, opts, want) => {
    expect(depthErr(src, opts)).toBe(want);
  });
  test("pathological nesting is a clean, fast ParseError", () => {
    const t0 = performance.now();
    for (const unit of ["(", "[", "{", "- ", "!", "#{a:", "|| ", "if true {", "`${"]) {
      expect(depthErr(unit.repeat(200_000))).toBe(TOO);
    }
    expect(depthErr("(".repeat(1 << 20))).toBe(TOO);
    expect(depthErr("let a = 1; a" + ".b".repeat(1 << 18))).toBe(TOO);
    expect(depthErr("let a = 1; a" + ".b".repeat(255))).toBe("ok");
    expect(depthErr("let a = 1; a" + ".b[0]".repeat(127))).toBe("ok");
    expect(depthErr("let a = 1; a" + "[0]".repeat(20))).toBe("ok");
    expect(depthErr("let a = 1; a" + "[0]".repeat(70))).toBe(TOO);
    expect(depthErr("(".repeat(100_000), { maxExprDepth: 0 })).toBe(TOO);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe("parse_json mode (rhai-stdlib.md §2.1)", () => {
  const j = (src: string) => expr(src, { jsonMode: true });
  test("{ is a map, null is (), trailing commas and comments", () => {
    expect(j('{"a": [1, 2.5, null], "b": {"c": true},} // x')).toBe('#{a: [1, 2.5f, ()], b: #{c: true}}');
  });
  test.each([
    ['{"a": 1, "a": 2}', "Syntax error: Duplicated property for object map literal: a (line 1, position 10)"],
    ['{"a": 1}; 5', "Syntax error: Unexpected ';' (line 1, position 9)"],
    ['{a: 1}', "Syntax error: Expecting name of a property (line 1, position 2)"],
    ['{"a": "\\/"}', "Syntax error: Invalid escape sequence: '\\/' (line 1, position 9)"],
  ])("%s", (src, msg) => {
    expect(() => parse(src, { jsonMode: true })).toThrow(msg.replace(/^Syntax error: /, "").replace(/ \(line.*$/, ""));
    try {
      parse(src, { jsonMode: true });
    } catch (e) {
      expect(String(e)).toBe(msg);
    }
  });
});

describe("module prefixes under strict variables", () => {
  test("imports are block-scoped; global and host namespaces are always valid", () => {
    expect(() => parse('import "a" as m; { m::x }')).not.toThrow();
    expect(() => parse("global::X")).not.toThrow();
    expect(() => parse("IoErrorKind::NotFound", { namespaces: new Set(["IoErrorKind"]) })).not.toThrow();
    expect(() => parse('import "a" as m; fn f() { m::g() }')).not.toThrow();
    expect(() => parse("m::x", { strictVariables: false })).not.toThrow();
  });
  test("anonymous function names are stable per script and differ across scripts", () => {
    const a = parse("let f = || 1;").functions[0]!.name;
    expect(parse("let f = || 1;").functions[0]!.name).toBe(a);
    expect(parse("let f = || 2;").functions[0]!.name).not.toBe(a);
  });
});
