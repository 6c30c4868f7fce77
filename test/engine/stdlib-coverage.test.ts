// Every signature of rhai-stdlib.md (extracted into data/stdlib-signatures.json) exists and
// is callable in each form the spec lists: function call (F), method call (M), property
// read (P), operator (O). A call may fail for its argument values; it must not fail
// because the function, method, property or operator is missing.
import { describe, expect, test } from "bun:test";
import { Engine } from "../../src/engine/engine.ts";
import { ExitSignal, RhaiError } from "../../src/engine/errors.ts";
import signatures from "./data/stdlib-signatures.json";

interface Sig {
  name: string;
  params: string[];
  forms: string[];
}

// A small, harmless literal of each parameter type (0 keeps sleep/pad/range cheap).
const SAMPLE: Record<string, string> = {
  int: "0",
  float: "0.5",
  bool: "true",
  char: "'a'",
  string: '"a"',
  array: "[1]",
  map: "#{a: 1}",
  blob: "blob(1)",
  timestamp: "timestamp()",
  Fn: 'Fn("f")',
  range: "(0..1)",
  "range=": "(0..=1)",
  "()": "()",
  any: "0",
};

const PRELUDE = "fn f(x) { x } fn f(x, y) { x } fn f(x, y, z) { x } fn f() { 0 }\n";

/** Run and return the error if it says the thing itself is missing; otherwise "". */
function missing(src: string): string {
  const e = new Engine({ limits: { maxOperations: 100_000 } });
  try {
    e.run(e.compile(PRELUDE + src));
    return "";
  } catch (err) {
    if (err instanceof ExitSignal) return "";
    if (!(err instanceof RhaiError)) return `JS exception: ${String(err)}`;
    const text = err.toString();
    const head = text.split("\n")[0] ?? "";
    if (err.kind === "ErrorFunctionNotFound" && !err.inner) return text;
    if (err.kind === "ErrorDotExpr" && head.startsWith("Unknown property")) return text;
    if (err.kind === "ErrorParsing") return text;
    return "";
  }
}

const sigs = signatures as Sig[];
const OPS = new Set(["+", "-", "*", "/", "%", "**", "==", "!=", "<", "<=", ">", ">=", "!", "+=", "-=", "&", "|", "^", "<<", ">>"]);

describe("rhai-stdlib.md coverage", () => {
  test("the signature list is complete enough to mean something", () => {
    expect(sigs.length).toBeGreaterThan(350);
  });

  for (const s of sigs) {
    // parse_json's string must be JSON: malformed text is an (uncatchable) parse error.
    const args = s.name === "parse_json" ? ['"{}"'] : s.params.map((p) => SAMPLE[p]!);
    const label = `${s.name}(${s.params.join(", ")}) [${s.forms.join(" ")}]`;
    test(label, () => {
      const problems: string[] = [];
      const check = (form: string, src: string) => {
        const m = missing(src);
        if (m) problems.push(`${form}: ${src} -> ${m}`);
      };
      if (s.forms.includes("O") && OPS.has(s.name)) {
        if (s.params.length === 1) check("O", `${s.name}${args[0]}`);
        else if (s.name.endsWith("=") && !["==", "!=", "<=", ">="].includes(s.name)) check("O", `let v = ${args[0]}; v ${s.name} ${args[1]};`);
        else check("O", `${args[0]} ${s.name} ${args[1]}`);
      }
      // Operator rows that also list F/M forms name a function beside the operator (`append`).
      const isOp = OPS.has(s.name);
      if (s.forms.includes("F") && !isOp) check("F", `${s.name}(${args.join(", ")})`);
      if (s.forms.includes("M") && !isOp && args.length > 0) check("M", `let v = ${args[0]}; v.${s.name}(${args.slice(1).join(", ")})`);
      if (s.forms.includes("P") && args.length === 1) check("P", `let v = ${args[0]}; v.${s.name}`);
      if (s.forms.includes("S")) check("S", `let v = [1]; v.${s.name} = ${args[1]}`);
      expect(problems).toEqual([]);
    });
  }
});
