// Spawning the CLI under test: REX_CLI selects the command (default `bun src/main.ts`, or a
// path to a compiled binary).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");
export const CLI: string[] = process.env.REX_CLI
  ? process.env.REX_CLI.split(" ")
  : [join(ROOT, "node_modules/.bin/bun"), join(ROOT, "src/main.ts")];

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

/** Every spawn is bounded: killed (SIGKILL) after `timeoutMs` (default 30 s). */
export const SPAWN_TIMEOUT_MS = 30_000;

export function rex(args: string[], opts: { cwd?: string; stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Ran {
  const r = Bun.spawnSync([...CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    stdin: opts.stdin !== undefined ? Buffer.from(opts.stdin) : "ignore",
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
    timeout: opts.timeoutMs ?? SPAWN_TIMEOUT_MS,
    killSignal: "SIGKILL",
  });
  const stdout = r.stdout.toString();
  let json: any;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code: r.exitCode ?? -1, stdout, stderr: r.stderr.toString(), json };
}

/** A temp dir with files. */
export function files(spec: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "rex-cli-"));
  for (const [name, content] of Object.entries(spec)) writeFileSync(join(dir, name), content);
  return dir;
}

export const ALLOW_NOTHING = "";
export const ROOT_DIR = ROOT;

export const ALLOW_ALL = "permit(principal, action, resource);";

/** Run `src` as a script file under `policy` (default: allow everything) with extra flags. */
export function runScript(src: string, extra: string[] = [], opts: { policy?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Ran {
  const d = files({ "s.rhai": src, "p.cedar": opts.policy ?? ALLOW_ALL });
  return rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar"), ...extra], { timeoutMs: opts.timeoutMs, env: opts.env });
}

/** The metric names of a result, in order. */
export const metricNames = (r: Ran): string[] => (r.json?.metrics ?? []).map((m: { metric_name: string }) => m.metric_name);
