// Adversarial: resource exhaustion must end in a Rhai error (or the defined value), quickly,
// with the runner's default limits — never a JavaScript exception out of Engine.run, never a
// hang, and never an escape from the termination hook (timeout / SIGTERM).
import { describe, expect, test } from "bun:test";
import { runScript } from "./harness.ts";

const BOUND_MS = 8_000;

describe("limits hold under attack (runner defaults)", () => {
  const cases: [string, string][] = [
    ["fn f(x) { f(x) } f(1)", "rhai: Stack overflow (line 1, position 18)"],
    ["fn g(x) { [x].map(|v| g(v)) } g(1)", "rhai: Stack overflow (line 1, position 31)"],
    ["fn h(n) { [2,1].sort(|a, b| { h(n+1); 0 }) } h(0)", "rhai: Stack overflow (line 1, position 46)"],
    ["fn r(n) { [1].reduce(|s, v| r(n + 1), 0) } r(0)", "rhai: Stack overflow (line 1, position 44)"],
    ['fn f(n) { call(Fn("f"), n + 1) } f(0)', "rhai: Stack overflow (line 1, position 34)"],
    ['let s = "x"; loop { s += s }', "rhai: Length of string too large (line 1, position 23)"],
    ['"x".pad(1000000000000, \'y\')', "rhai: Length of string too large (line 1, position 5)"],
    ["let a = []; a.pad(100000000, 1); a.len()", "rhai: Size of array/BLOB too large (line 1, position 15)"],
    ["blob(1000000000000)", "rhai: Size of array/BLOB too large (line 1, position 1)"],
    ["let b = blob(10); b.pad(1000000000, 0); b.len()", "rhai: Size of BLOB too large (line 1, position 21)"],
    ["let m = #{}; for i in 0..2000000 { m[`${i}`] = i } m.len()", "rhai: Size of object map too large (line 1, position 46)"],
    // rhai-stdlib.md §range: iteration ends without yielding the value whose successor overflows.
    ["let c = 0; for i in range(0, 9223372036854775807, 4611686018427387904) { c += 1 } c", "ok: 1"],
    ["let c = 0; for i in range(-9223372036854775807, 9223372036854775807, 9223372036854775807) { c += 1 } c", "ok: 2"],
    ["let c = 0; for i in 9223372036854775800..9223372036854775807 { c += 1 } c", "ok: 7"],
    ["let c = 0; for i in range(0.0, 1e308, 1e307) { c += 1 } c", "ok: 11"],
    ["sleep(-1)", "ok: ()"],
    ["sleep(1/0.0)", "ok: ()"],
    ['let s = ""; for i in 0..100000 { s += "[" } for i in 0..100000 { s += "]" } parse_json(s)', "rhai: Syntax error: Expression exceeds maximum complexity (line 1, position 22)"],
    ['let s = ""; for i in 0..100000 { s += "{\\"a\\":" } s += "1"; for i in 0..100000 { s += "}" } parse_json(s)', "rhai: Syntax error: Expression exceeds maximum complexity (line 1, position 106)"],
    ["let x = 2; x ** 9223372036854775807", "rhai: Exponential overflow: 2 ** 9223372036854775807"],
    ["-9223372036854775808 / -1", "rhai: Division overflow: -9223372036854775808 / -1"],
    ["let f = |x| x; let g = f; for i in 0..10000 { g = curry(g, i) } g.call()", "ok: 0"],
    // A catchable error inside a sort comparer is swallowed (Rhai), but exit is not.
    ["let a = [3,1,2]; a.sort(|x, y| exit(5)); 7", "ok: 5"],
  ];
  test.each(cases)("%s", (src, want) => {
    const o = runScript(src);
    expect(o.text).toBe(want);
    expect(o.ms).toBeLessThan(BOUND_MS);
  });

  test("deeply nested data (1000 levels) is displayed, compared, serialised without a JS exception", () => {
    const nest = "let a = []; for i in 0..1000 { a = [a + []] } ";
    expect(runScript(`${nest}\`\${a}\`.len()`).text).toBe("ok: 2002");
    expect(runScript(`${nest}a == a`).text).toBe("ok: true");
    expect(runScript(`${nest}[a].index_of([1])`).text).toBe("ok: -1");
    expect(runScript("let m = #{}; for i in 0..1000 { m = #{x: m + #{}} } m.to_json().len()").text).toBe("ok: 6002");
  });
});

describe("the termination hook cannot be swallowed by library callbacks", () => {
  const stopAfter = (ms: number) => {
    const t0 = Date.now();
    return () => (Date.now() - t0 > ms ? "stop" : undefined);
  };
  const cases: [string, string][] = [
    ["let a = [3,1,2]; loop { a.sort(|x, y| { loop {} }) }", "rhai: Script terminated: stop (line 1, position 27)"],
    ["[3,1,2].dedup(|a, b| { loop {} })", "rhai: Script terminated: stop (line 1, position 9)"],
    ["[3,1,2].map(|a| { loop {} })", "rhai: Script terminated: stop (line 1, position 9)"],
    ["loop { try { loop {} } catch { } }", "rhai: Script terminated: stop (line 1, position 14)"],
  ];
  test.each(cases)("%s", (src, want) => {
    const o = runScript(src, { progress: stopAfter(200) });
    expect(o.text).toBe(want);
    expect(o.ms).toBeLessThan(BOUND_MS);
  });

  test("operations limit also holds inside a swallowing sort comparer", () => {
    expect(runScript("let a = [3,1,2]; loop { a.sort(|x, y| { loop {} }) }", { limits: { maxOperations: 100_000 } }).text).toBe(
      "rhai: Too many operations (line 1, position 27)",
    );
  });

  // `sleep` sleeps in slices and consults the progress hook between them, so a timeout or a
  // signal ends even a very long sleep promptly (it used to block for the whole duration).
  test.each(["sleep(1000000)", "sleep(1e6)"])("%s with a progress hook that stops after 200 ms ends within 1 s", (src) => {
    const t0 = performance.now();
    const r = runScript(src, { progress: () => (performance.now() - t0 > 200 ? "stop" : undefined) });
    expect(r.text).toBe("rhai: Script terminated: stop (line 1, position 1)");
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
