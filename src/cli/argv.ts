// Command-line preprocessing (runner.md §1.1): the rex-runner drop-in forms and `-xVALUE`.

/** Options of `rex run` that take a value, by every spelling. */
const VALUE_SHORT = new Set(["s", "p", "a", "o"]);
const RUN_OPTIONS = new Set([
  "s", "script-file", "p", "policy", "policy-file", "a", "args", "script-arguments-file", "args-json", "arg",
  "o", "output-format", "v", "verbose", "log-level", "strict-policy", "explain", "audit", "audit-out",
  "legacy-exit-codes", "max-operations", "max-call-depth", "max-expr-depth", "max-function-expr-depth",
  "max-string-size", "max-array-size", "max-map-size", "timeout", "max-memory",
]);

function optionName(tok: string): string | undefined {
  if (tok.startsWith("--")) return tok.slice(2).split("=")[0];
  if (tok.startsWith("-") && tok.length >= 2) return tok[1];
  return undefined;
}

/** Rewrite argv: implicit `run`, and `-sFILE` → `-s FILE`. */
export function normalizeArgv(argv: string[], invokedAs: string): string[] {
  let out = argv.slice();
  const name = invokedAs.split("/").pop() ?? "";
  if (name === "rex-runner") out = ["run", ...out];
  else if (out.length > 0) {
    const first = optionName(out[0]!);
    if (first !== undefined && first !== "h" && first !== "help" && RUN_OPTIONS.has(first)) out = ["run", ...out];
  }
  const res: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (t === "--") {
      res.push(...out.slice(i));
      break;
    }
    if (/^-[A-Za-z]/.test(t) && !t.startsWith("--") && t.length > 2 && VALUE_SHORT.has(t[1]!)) {
      res.push(t.slice(0, 2), t.slice(2)[0] === "=" ? t.slice(3) : t.slice(2));
      continue;
    }
    res.push(t);
    const n = optionName(t);
    if (n && !t.includes("=") && (VALUE_SHORT.has(n) && t.length === 2)) {
      if (i + 1 < out.length) res.push(out[++i]!);
    }
  }
  return res;
}

/** Is this invocation a script run (so the worker can be started before parsing)? */
export function looksLikeRun(argv: string[]): boolean {
  return argv[0] === "run" && !argv.includes("-h") && !argv.includes("--help");
}
