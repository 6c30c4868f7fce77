// The rex command line (yargs): `rex run`, `rex policy validate|schema`, `--version`, `--help`.

import { discardWorker, prestartWorker, runSupervised } from "../runner/supervisor.ts";
import { looksLikeRun, normalizeArgv } from "./argv.ts";
import { fastRunArgs } from "./fast-argv.ts";

/** A lone `-` on the command line while yargs parses it. */
const STDIN_TOKEN = "\u0000-";
import { UsageError, buildRequest } from "./run.ts";

export async function main(rawArgv: string[], invokedAs: string): Promise<number> {
  const startedAt = performance.timeOrigin + performance.now();
  const argv = normalizeArgv(rawArgv, invokedAs);
  if (looksLikeRun(argv)) {
    // The worker loads the engine and Cedar's wasm compiles (background threads) while the
    // command line is parsed.
    prestartWorker();
    // The common case needs no yargs; anything unusual (and every usage error) goes to yargs.
    const fast = fastRunArgs(argv);
    if (fast) {
      try {
        return await runSupervised(buildRequest(fast, startedAt));
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
      }
    }
  }
  const [{ default: yargs }, runCli, { policySchema, policySuggest, policyValidate }, { versionLine }] = await Promise.all([
    import("yargs"),
    import("./run.ts"),
    import("./policy.ts"),
    import("../build-info.ts"),
  ]);
  let code: number | Promise<number> = 0;
  let usage: string | undefined;
  // yargs mangles a lone `-` (stdin); it passes through under a name no path can have.
  const y = yargs(argv.map((t) => (t === "-" ? STDIN_TOKEN : t)))
    .scriptName("rex")
    .usage("rex — run Rhai scripts where every host operation is authorized by a Cedar policy")
    .command("run [script]", "run a Rhai script under a Cedar policy", (c) => runCli.runOptions(c), (a) => {
      const req = runCli.buildRequest(a as Record<string, unknown>, startedAt);
      if (req.script === STDIN_TOKEN) req.script = "-";
      if (req.script === "-") req.stdinText = new Uint8Array(require("node:fs").readFileSync(0));
      code = runSupervised(req);
    })
    .command("policy", "check policies and print the schema", (p) =>
      p
        .command("validate <policy>", "validate a policy against the schema", (v) =>
          v.positional("policy", { type: "string" })
            .option("deny-warnings", { type: "boolean" })
            .option("output-format", { alias: "o", type: "string", default: "human", choices: ["human", "json"] }),
          (a) => {
            // yargs calls handlers even after a usage failure: do nothing then.
            if (usage === undefined) code = policyValidate(String(a.policy), String(a["output-format"]), a["deny-warnings"] === true);
          })
        .command("schema", "print the Cedar schema", () => {}, () => {
          code = policySchema();
        })
        .command("suggest <files..>", "turn audit records into a least-privilege policy", (s) =>
          s.positional("files", { type: "string", array: true }), (a) => {
          // yargs calls handlers even after a usage failure: print nothing then.
          if (usage === undefined) code = policySuggest((a.files as unknown[]).map(String));
        })
        .demandCommand(1, "Specify a policy subcommand: validate, schema or suggest"),
    )
    .example("rex run script.rhai --policy policy.cedar --args args.json -o human", "run a script (the quick-start)")
    .example("rex -s script.rhai -p policy.cedar -a args.json", "the rex-runner spelling")
    .example("rex run script.rhai --audit --audit-out s.audit", "record what a script needs, allowing everything")
    .example("rex policy suggest s.audit > s.cedar", "turn audit records into a least-privilege policy")
    .example("rex policy validate policy.cedar", "check a policy against the schema")
    .demandCommand(1, "Specify a command: run or policy")
    .strictOptions()
    .strictCommands()
    .version(false)
    .option("version", { type: "boolean", describe: "print the version" })
    .help()
    .alias("h", "help")
    .wrap(null)
    .exitProcess(false)
    .fail((msg, err) => {
      usage = msg ?? err?.message ?? "usage error";
    });
  if (rawArgv.length === 1 && rawArgv[0] === "--version") {
    discardWorker();
    process.stdout.write(`${versionLine()}\n`);
    return 0;
  }
  try {
    await y.parseAsync();
  } catch (e) {
    if (e instanceof runCli.UsageError) usage = e.message;
    else throw e;
  }
  if (usage !== undefined) {
    discardWorker();
    process.stderr.write(`rex: ${usage}\nTry 'rex --help' for more information.\n`);
    return 2;
  }
  discardWorker();
  return await code;
}
