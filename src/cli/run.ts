// `rex run`: options (runner.md §1.2–1.3) → RunRequest → supervised run.

import type { Argv } from "yargs";
import { DEFAULT_RUNNER_LIMITS, LIMIT_OPTIONS, type RunRequest, type RunnerLimits } from "../runner/request.ts";
import { splitArg } from "../runner/args.ts";
import type { OutputFormat } from "../runner/output.ts";

export class UsageError extends Error {}

export function runOptions(y: Argv): Argv {
  y.positional("script", { type: "string", describe: "the Rhai script (- for stdin)" })
    .option("script-file", { alias: "s", type: "string", describe: "the Rhai script (rex-runner spelling)" })
    .option("policy", { alias: ["p", "policy-file"], type: "string", describe: "the Cedar policy file" })
    .option("args", { alias: ["a", "script-arguments-file"], type: "string", describe: "script arguments, typed REX format" })
    .option("args-json", { type: "string", describe: "script arguments as plain JSON" })
    .option("arg", { type: "string", array: true, describe: "one string argument NAME=VALUE (repeatable)" })
    .option("output-format", { alias: "o", type: "string", describe: "json | pretty-json | human", default: "json" })
    .option("verbose", { alias: "v", type: "boolean", describe: "human format: also print logs and metrics" })
    .option("log-level", { type: "string", describe: "trace | debug | info | warn | error" })
    .option("strict-policy", { type: "boolean", describe: "policy validation errors stop the run" })
    .option("explain", { type: "boolean", describe: "print a permit statement for every denial" })
    .option("audit", { type: "boolean", describe: "record denials and allow them (operations really happen)" })
    .option("audit-out", { type: "string", describe: "write the audit record (JSON Lines); needs --audit" })
    .option("legacy-exit-codes", { type: "boolean", describe: "REX's exit statuses" });
  for (const name of Object.keys(LIMIT_OPTIONS)) {
    const [field] = LIMIT_OPTIONS[name]!;
    y.option(name, { type: "string", describe: `limit (default ${DEFAULT_RUNNER_LIMITS[field]})` });
  }
  return y;
}

function single(argv: Record<string, unknown>, name: string): string | undefined {
  const v = argv[name];
  if (Array.isArray(v)) throw new UsageError(`Option --${name} given more than once`);
  if (v === undefined) return undefined;
  return String(v);
}

function flag(argv: Record<string, unknown>, name: string): boolean {
  const v = argv[name];
  if (Array.isArray(v)) throw new UsageError(`Option --${name} given more than once`);
  return v === true;
}

/** Build the RunRequest from parsed options; throws UsageError. */
export function buildRequest(argv: Record<string, unknown>, startedAt: number): RunRequest {
  const positional = (argv._ as unknown[]).slice(1).map(String);
  if (argv.script !== undefined) positional.unshift(String(argv.script));
  const sf = single(argv, "script-file");
  if (positional.length > 1) throw new UsageError(`Unexpected argument: ${positional[1]}`);
  if (positional.length === 1 && sf !== undefined) throw new UsageError("The script is given twice (SCRIPT and --script-file)");
  const script = sf ?? positional[0];
  if (script === undefined) throw new UsageError("Missing the script: rex run SCRIPT --policy POLICY");
  const audit = flag(argv, "audit");
  const policy = single(argv, "policy");
  if (policy === undefined && !audit) throw new UsageError("Missing required option --policy (optional only with --audit)");
  const format = single(argv, "output-format") ?? "json";
  if (format !== "json" && format !== "pretty-json" && format !== "human")
    throw new UsageError(`Invalid value for --output-format: ${format} (choose json, pretty-json or human)`);
  const logLevel = single(argv, "log-level");
  if (logLevel !== undefined && !/^(trace|debug|info|warn|error)$/i.test(logLevel))
    throw new UsageError(`Invalid value for --log-level: ${logLevel}`);
  const auditOut = single(argv, "audit-out");
  if (auditOut !== undefined && !audit) throw new UsageError("--audit-out requires --audit");
  const argList: [string, string][] = [];
  for (const a of (argv.arg as string[] | undefined) ?? []) {
    const kv = splitArg(String(a));
    if (!kv) throw new UsageError(`Invalid value for --arg: ${a} (expected NAME=VALUE)`);
    argList.push(kv);
  }
  const limits: RunnerLimits = { ...DEFAULT_RUNNER_LIMITS };
  for (const [name, [field, min, max]] of Object.entries(LIMIT_OPTIONS)) {
    const v = single(argv, name);
    if (v === undefined) continue;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
      throw new UsageError(`Invalid value for --${name}: ${v} (an integer from ${min} to ${max})`);
    limits[field] = Number(v);
  }
  return {
    script,
    policy,
    args: single(argv, "args"),
    argsJson: single(argv, "args-json"),
    argList,
    format: format as OutputFormat,
    verbose: flag(argv, "verbose"),
    logLevel,
    strictPolicy: flag(argv, "strict-policy"),
    explain: flag(argv, "explain"),
    audit,
    auditOut,
    legacyExitCodes: flag(argv, "legacy-exit-codes"),
    limits,
    startedAt,
  };
}
