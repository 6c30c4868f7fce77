// The yargs-free parser of plain `rex run` command lines (src/cli/fast-argv.ts): for every form
// it accepts, the RunRequest must equal the one built from yargs' parse; every unusual form
// must be left to yargs (undefined).
import { describe, expect, test } from "bun:test";
import yargs from "yargs";
import { normalizeArgv } from "../../src/cli/argv.ts";
import { fastRunArgs } from "../../src/cli/fast-argv.ts";
import { buildRequest, runOptions } from "../../src/cli/run.ts";

function viaYargs(argv: string[]): Record<string, unknown> {
  let parsed: Record<string, unknown> | undefined;
  yargs(argv)
    .command("run [script]", "", (c) => runOptions(c), (a) => {
      parsed = a as Record<string, unknown>;
    })
    .strictOptions()
    .strictCommands()
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new Error(msg);
    })
    .parseSync();
  return parsed!;
}

const accepted: string[][] = [
  ["run", "s.rhai", "--policy", "p.cedar"],
  ["run", "s.rhai", "--policy", "p.cedar", "--args", "a.json", "--output-format", "human"],
  ["run", "--policy=p.cedar", "s.rhai", "-o", "pretty-json"],
  ["run", "-s", "s.rhai", "-p", "p.cedar", "-a", "a.json", "-o", "human", "-v"],
  ["run", "--script-file", "s.rhai", "--policy-file", "p.cedar", "--script-arguments-file", "a.json"],
  ["run", "s.rhai", "--audit", "--audit-out", "x.audit"],
  ["run", "s.rhai", "--policy", "p.cedar", "--strict-policy", "--explain", "--legacy-exit-codes", "--verbose"],
  ["run", "s.rhai", "--policy", "p.cedar", "--log-level", "debug", "--args-json", "j.json"],
  ["run", "s.rhai", "--policy", "p.cedar", "--max-operations", "1000", "--timeout=5", "--max-memory", "64"],
  ["run", "s.rhai", "--policy", "p.cedar", "--max-call-depth", "8", "--max-expr-depth", "9", "--max-function-expr-depth", "7"],
  ["run", "s.rhai", "--policy", "p.cedar", "--max-string-size", "10", "--max-array-size", "11", "--max-map-size", "12"],
  ["run", "--verbose", "s.rhai", "--policy", "p.cedar"],
  ["run", "123", "--policy", "p.cedar"],
  // usage errors are left to buildRequest (same errors either way)
  ["run", "s.rhai"],
  ["run", "--policy", "p.cedar"],
  ["run", "s.rhai", "--policy", "p.cedar", "-o", "xml"],
  ["run", "s.rhai", "--policy", "p.cedar", "--max-operations", "ten"],
  ["run", "s.rhai", "--policy", "p.cedar", "--audit-out", "x.audit"],
];

const fallback: [string, string[]][] = [
  ["not a run", ["policy", "validate", "p.cedar"]],
  ["help", ["run", "--help"]],
  ["short help", ["run", "-h"]],
  ["double dash", ["run", "--", "s.rhai"]],
  ["unknown option", ["run", "s.rhai", "--policy", "p.cedar", "--polcy", "x"]],
  ["unknown short option", ["run", "s.rhai", "-x"]],
  ["repeated option", ["run", "s.rhai", "--policy", "a.cedar", "--policy", "b.cedar"]],
  ["repeated through an alias", ["run", "s.rhai", "-p", "a.cedar", "--policy-file", "b.cedar"]],
  ["negated flag", ["run", "s.rhai", "--policy", "p.cedar", "--no-verbose"]],
  ["flag with a value", ["run", "s.rhai", "--policy", "p.cedar", "--verbose=true"]],
  ["flag followed by true", ["run", "s.rhai", "--policy", "p.cedar", "--audit", "true"]],
  ["--arg (an array option)", ["run", "s.rhai", "--policy", "p.cedar", "--arg", "x=1"]],
  ["stdin script", ["run", "-", "--policy", "p.cedar"]],
  ["value starting with -", ["run", "s.rhai", "--policy", "-p"]],
  ["missing value", ["run", "s.rhai", "--policy"]],
  ["two scripts", ["run", "a.rhai", "b.rhai", "--policy", "p.cedar"]],
  ["grouped short flags", ["run", "s.rhai", "-vp", "p.cedar"]],
  ["dotted option", ["run", "s.rhai", "--policy.x", "p.cedar"]],
];

function request(args: Record<string, unknown>): unknown {
  try {
    return buildRequest(args, 0);
  } catch (e) {
    return { usageError: (e as Error).message };
  }
}

describe("fastRunArgs agrees with yargs", () => {
  test.each(accepted.map((a) => [a.join(" "), a] as const))("%s", (_name, argv) => {
    const fast = fastRunArgs(normalizeArgv(argv, "rex"));
    expect(fast).toBeDefined();
    expect(request(fast!)).toEqual(request(viaYargs(normalizeArgv(argv, "rex"))));
  });

  test("rex-runner drop-in spelling (after normalizeArgv)", () => {
    const argv = normalizeArgv(["-sscript.rhai", "-p", "p.cedar", "-ohuman"], "rex");
    expect(argv).toEqual(["run", "-s", "script.rhai", "-p", "p.cedar", "-o", "human"]);
    const fast = fastRunArgs(argv);
    expect(request(fast!)).toEqual(request(viaYargs(argv)));
    expect((request(fast!) as { script: string; format: string }).script).toBe("script.rhai");
  });
});

describe("unusual command lines are left to yargs", () => {
  test.each(fallback)("%s", (_name, argv) => {
    expect(fastRunArgs(normalizeArgv(argv, "rex"))).toBeUndefined();
  });
});
