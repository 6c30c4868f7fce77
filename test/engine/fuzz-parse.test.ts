// Fuzz: random token soups and random character mutations of valid scripts. `parse` must
// return or throw ParseError — never another exception — and stay fast.
import { expect, test } from "bun:test";
import { ParseError } from "../../src/engine/errors.ts";
import { parse } from "../../src/engine/parser/index.ts";

const CORPUS = [
  "let x = 1 + 2 * 3; x",
  "fn f(a, b) { a + b } f(1, 2)",
  "let a = [1, 2, 3]; a.map(|x| x * 2).filter(|x| x > 2)",
  'let m = #{a: 1, "b c": [1, 2], d: #{e: ()}}; m.a + m["b c"][0]',
  "let s = `x = ${1 + 2} and ${`nested ${3}`}`; s.len()",
  'switch 5 { 1 | 2 => "a", 3..10 if true => "b", _ => "c" }',
  "let n = 0; do { n += 1; if n < 5 { continue; } } while n < 10; n",
  "for (x, i) in [1, 2] { if i == 0 { break x } }",
  "try { throw #{a: 1} } catch (e) { e.a }",
  'import "m" as m; m::f(1); export const X = 1;',
  "let x = (); x?.a?[0].b ?? 5",
  "fn int.double() { this * 2 } 21.double()",
  "let r = 3..; let t = ..=5; r.end",
  "const C = 0xff; let y = -C ** 2 << 1 | 7 & 3 ^ 1;",
  '#"raw "quoted" text"# + "esc\\n\\u2764" + \'c\'',
  "let f = |a| { let g = || a + 1; g.call() }; f.call(1)",
  "let v = if true { 1 } else if false { 2 } else { 3 }; v",
  "loop { let x = 1; if x > 0 { break; } }",
  "/* nested /* comment */ */ let z = 1.5e3; z.floor()",
];

const SOUP = [
  "let", "const", "fn", "if", "else", "while", "loop", "do", "until", "for", "in", "switch", "=>",
  "_", "break", "continue", "return", "throw", "try", "catch", "import", "export", "as", "this",
  "private", "x", "y", "f", "print", "Fn", "global", "::", "1", "-1", "2.5", "0xff", "'c'", '"s"',
  "`a${", "}`", "#{", "{", "}", "(", ")", "[", "]", "()", ",", ";", ":", ".", "?.", "?[", "??",
  "..", "..=", "+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "||", "&&", "^", "!", "!in",
  "==", "!=", "<", ">", "=", "+=", "|x|", "@", "#", "\\", "eval", "var", "\n", " ",
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function check(src: string, opts: Parameters<typeof parse>[1] = {}): void {
  try {
    parse(src, opts);
  } catch (e) {
    if (!(e instanceof ParseError)) {
      throw new Error(`non-ParseError for ${JSON.stringify(src)}: ${String(e)}`);
    }
    expect(e.pos).toBeDefined();
  }
}

test("corpus parses", () => {
  for (const s of CORPUS) expect(() => parse(s, { declared: [] })).not.toThrow();
});

test("token soups (1500 cases)", () => {
  const r = rng(12345);
  const t0 = performance.now();
  for (let n = 0; n < 1500; n++) {
    const len = 1 + Math.floor(r() * 40);
    const parts: string[] = [];
    for (let k = 0; k < len; k++) parts.push(SOUP[Math.floor(r() * SOUP.length)]!);
    check(parts.join(r() < 0.5 ? " " : ""));
  }
  expect(performance.now() - t0).toBeLessThan(10_000);
});

test("mutations of valid scripts (1500 cases)", () => {
  const r = rng(777);
  const t0 = performance.now();
  for (let n = 0; n < 1500; n++) {
    let s = CORPUS[Math.floor(r() * CORPUS.length)]!;
    const edits = 1 + Math.floor(r() * 4);
    for (let k = 0; k < edits; k++) {
      const at = Math.floor(r() * (s.length + 1));
      const op = r();
      if (op < 0.34) s = s.slice(0, at) + s.slice(at + 1);
      else if (op < 0.67) s = s.slice(0, at) + s.charAt(Math.floor(r() * s.length)) + s.slice(at);
      else s = s.slice(0, at) + s.slice(at, at + 3) + s.slice(at);
    }
    check(s);
  }
  expect(performance.now() - t0).toBeLessThan(10_000);
});

test("random characters, JSON mode and non-strict mode (1000 cases)", () => {
  const r = rng(4242);
  const ALPHABET = [..."abxyz019_.,;:()[]{}#@$~`'\"\\|&^!?=<>+-*/% \n\t\r"].concat(["é", "😀", "\u00a0", "\u0000", "${", "/*", "*/", "//"]);
  const t0 = performance.now();
  for (let n = 0; n < 1000; n++) {
    const len = 1 + Math.floor(r() * 60);
    let s = "";
    for (let k = 0; k < len; k++) s += ALPHABET[Math.floor(r() * ALPHABET.length)]!;
    check(s);
    check(s, { jsonMode: true });
    check(s, { strictVariables: false, maxExprDepth: 0 });
  }
  expect(performance.now() - t0).toBeLessThan(10_000);
});
