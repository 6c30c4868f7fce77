// The common `rex run` command line without yargs (loading yargs costs ~35 ms of the main
// thread at cold start, see docs/cold-start.md). Only plain, well-formed forms are accepted
// here: known options, each at most once, with an explicit value; anything else (help, `--`,
// unknown or repeated options, `--no-x`, `--arg`, stdin `-`, values starting with `-`, extra
// positionals) returns undefined and the caller parses with yargs, which gives the usual
// messages. The result has the shape yargs produces for `buildRequest` (cli/run.ts).

import { LIMIT_OPTIONS } from "../runner/request.ts";

type Kind = "string" | "boolean";

/** Every accepted spelling → [canonical name, kind]. */
const OPTIONS: ReadonlyMap<string, readonly [string, Kind]> = (() => {
  const m = new Map<string, readonly [string, Kind]>();
  const add = (kind: Kind, name: string, ...aliases: string[]) => {
    for (const a of [name, ...aliases]) m.set(a, [name, kind]);
  };
  add("string", "script-file", "s");
  add("string", "policy", "p", "policy-file");
  add("string", "args", "a", "script-arguments-file");
  add("string", "args-json");
  add("string", "output-format", "o");
  add("boolean", "verbose", "v");
  add("string", "log-level");
  add("boolean", "strict-policy");
  add("boolean", "explain");
  add("boolean", "audit");
  add("string", "audit-out");
  add("boolean", "legacy-exit-codes");
  for (const name of Object.keys(LIMIT_OPTIONS)) add("string", name);
  return m;
})();

/** Parse `run …` (already normalized by normalizeArgv); undefined means "ask yargs". */
export function fastRunArgs(argv: readonly string[]): Record<string, unknown> | undefined {
  if (argv[0] !== "run") return undefined;
  const out: Record<string, unknown> = Object.create(null);
  out._ = ["run"];
  for (let i = 1; i < argv.length; i++) {
    const tok = argv[i]!;
    let spelled: string;
    let inline: string | undefined;
    if (tok.startsWith("--")) {
      const eq = tok.indexOf("=");
      spelled = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
      inline = eq < 0 ? undefined : tok.slice(eq + 1);
    } else if (tok.startsWith("-")) {
      if (tok.length !== 2) return undefined;
      spelled = tok.slice(1);
    } else {
      if (out.script !== undefined) return undefined;
      out.script = tok;
      continue;
    }
    const opt = OPTIONS.get(spelled);
    if (!opt) return undefined;
    const [name, kind] = opt;
    if (name in out) return undefined;
    if (kind === "boolean") {
      const next = argv[i + 1];
      if (inline !== undefined || next === "true" || next === "false") return undefined;
      out[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("-")) return undefined;
      value = next;
      i++;
    }
    out[name] = value;
  }
  return out;
}
