// Fuzzing the whole engine (compile + run): random token streams and mutations of valid
// scripts must never throw anything out of the engine but a Rhai error (or the exit signal),
// and must stop within a small operation limit. Fixed seeds: failures are reproducible.
import { describe, expect, test } from "bun:test";
import { Engine } from "../../src/engine/engine.ts";
import { ExitSignal, RhaiError } from "../../src/engine/errors.ts";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CORPUS = [
  `let x = 10; while x > 0 { x -= 1; } x`,
  `fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } } fib(10)`,
  `let a = [1, 2, 3]; a.push(4); a.map(|v| v * 2).filter(|v| v > 2).reduce(|s, v| s + v, 0)`,
  `let m = #{a: 1, "b c": [1, 2.5, 'x']}; m.d = m.a + 1; m.keys()`,
  `let s = "héllo wörld"; s.to_upper() + s.sub_string(1, 3) + s[1] + s[1..3]`,
  `switch 5 { 1 | 2 => "a", 3..10 if true => "b", _ => "c" }`,
  `let r = 0; for (x, i) in [10, 20] { r += x * i; } r`,
  `try { throw #{kind: "x"}; } catch (e) { e.kind }`,
  `let f = |x| x + 1; let g = f.curry(2); g.call()`,
  `let b = blob(4, 0x41); b.push(66); b.len()`,
  `const K = 3; fn k() { global::K * 2 } k()`,
  `let v = (); v?.a?.b ?? "default"`,
  `let x = 0; loop { x += 1; if x > 5 { break x * 2; } }`,
  `let s = \`a${1 + 2}b${[1, 2]}\`; s.len()`,
  `let n = 0xff_ff; n.to_binary() + (n >> 4).to_string() + (1 << 62).to_hex()`,
  `let t = timestamp(); type_of(t)`,
  `let x = 1.5e3; (x * 2.0).floor() + to_float(3)`,
  `let a = [3, 1, 2]; a.sort(); a.reverse(); a.index_of(2)`,
  `do { print("x"); } until true; debug(#{})`,
  `let c = 'c'; c + "d" + 'e'`,
];

const TOKENS = [
  "let", "const", "fn", "if", "else", "while", "loop", "for", "in", "do", "until", "break", "continue",
  "return", "throw", "try", "catch", "switch", "import", "export", "this", "global", "::", "x", "y", "a",
  "f", "1", "0", "-1", "2.5", "1e308", "9223372036854775807", "0xff", "'c'", '"s"', "`t${x}`", "#{", "{",
  "}", "(", ")", "[", "]", "()", ",", ";", ":", ".", "?.", "?[", "??", "=", "+=", "-=", "*=", "/=",
  "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^", "&&",
  "||", "!", "..", "..=", "=>", "_", "|x|", "||", "Fn", "call", "curry", "type_of", "len", "push",
  "map", "filter", "__proto__", "constructor", "toString", "prototype", "eval", "\n", " ",
];

const OPTS = {
  limits: { maxOperations: 2000, maxStringSize: 10_000, maxArraySize: 10_000, maxMapSize: 1_000, maxCallLevels: 32 },
};

/** Compile and run; return what escaped, or null when only Rhai errors/exit happened. */
function runOne(src: string): unknown {
  try {
    const e = new Engine(OPTS);
    e.run(e.compile(src));
    return null;
  } catch (err) {
    if (err instanceof RhaiError || err instanceof ExitSignal) return null;
    return err;
  }
}

function mutate(src: string, r: () => number): string {
  let s = src;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * (s.length + 1));
    switch (Math.floor(r() * 4)) {
      case 0: // delete a span
        s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 5));
        break;
      case 1: // insert a token
        s = s.slice(0, at) + " " + TOKENS[Math.floor(r() * TOKENS.length)] + " " + s.slice(at);
        break;
      case 2: { // duplicate a span
        const len = Math.floor(r() * 20);
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      }
      default: // replace a character
        s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(r() * 95)) + s.slice(at + 1);
    }
  }
  return s;
}

describe("engine fuzz", () => {
  test("the corpus itself runs without escaping", () => {
    for (const src of CORPUS) expect({ src, escaped: runOne(src) }).toEqual({ src, escaped: null });
  });

  test("mutated scripts never throw a JavaScript exception and stop quickly", () => {
    const r = rng(20261121);
    const failures: { src: string; err: string }[] = [];
    let slowest = 0;
    for (let i = 0; i < 1500; i++) {
      const src = mutate(CORPUS[i % CORPUS.length]!, r);
      const t0 = performance.now();
      const escaped = runOne(src);
      slowest = Math.max(slowest, performance.now() - t0);
      if (escaped !== null) failures.push({ src, err: String(escaped) });
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(slowest).toBeLessThan(3000);
  });

  test("random token streams never throw a JavaScript exception", () => {
    const r = rng(42);
    const failures: { src: string; err: string }[] = [];
    for (let i = 0; i < 1500; i++) {
      const len = 1 + Math.floor(r() * 30);
      const parts: string[] = [];
      for (let k = 0; k < len; k++) parts.push(TOKENS[Math.floor(r() * TOKENS.length)]!);
      const src = parts.join(" ");
      const escaped = runOne(src);
      if (escaped !== null) failures.push({ src, err: String(escaped) });
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  test("runaway scripts stop at the operation limit", () => {
    for (const src of ["loop {}", "while true { let x = 1; }", "fn f() { f() } f()", "let a = []; loop { a.push(1) }"]) {
      const e = new Engine(OPTS);
      let kind = "";
      try {
        e.run(e.compile(src));
      } catch (err) {
        kind = err instanceof RhaiError ? err.kind : String(err);
      }
      expect(["ErrorTooManyOperations", "ErrorStackOverflow", "ErrorDataTooLarge"]).toContain(kind);
    }
  });
});
