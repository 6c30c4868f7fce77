// The compiled binary (dist/rex-<this host>, built by `bun run build`): its size, raw
// and gzipped, and its cold start on the quick-start against Deno doing the same
// write + read, measured in the same run (goal: ratio <= 1.5x).
// REX_BINARY selects another executable.
import { existsSync, statSync } from "node:fs";
import { arch, platform } from "node:os";
import { join, resolve } from "node:path";
import { ROOT } from "./common.ts";
import { benchColdStart } from "./quickstart.ts";

const COLD_START_GOAL = 1.5;

function hostTarget(): string | undefined {
  const os = platform() === "linux" ? "linux" : platform() === "darwin" ? "darwin" : undefined;
  const cpu = arch() === "x64" ? "x64" : arch() === "arm64" ? "arm64" : undefined;
  return os && cpu ? `${os}-${cpu}` : undefined;
}

function mib(n: number): string {
  return `${(n / 1048576).toFixed(1)} MiB`;
}

export async function benchBinary(): Promise<boolean> {
  const target = hostTarget();
  const binary = process.env.REX_BINARY ? resolve(process.env.REX_BINARY) : target ? join(ROOT, "dist", `rex-${target}`) : undefined;
  if (binary === undefined) {
    console.log(`compiled binary            no rex build for ${platform()}-${arch()}`);
    return false;
  }
  if (!existsSync(binary)) {
    console.log(`compiled binary            ${binary} not found: run \`bun run build\` first`);
    return false;
  }
  const raw = statSync(binary).size;
  const gzPath = `${binary}.gz`;
  const gz = existsSync(gzPath) ? statSync(gzPath).size : Bun.gzipSync(new Uint8Array(await Bun.file(binary).arrayBuffer())).length;
  console.log(`${"binary size".padEnd(26)} ${binary.slice(binary.lastIndexOf("/") + 1)}: raw ${mib(raw)}, gz ${mib(gz)}`);

  const version = Bun.spawnSync([binary, "--version"], { stdout: "pipe", stderr: "pipe" });
  const line = version.stdout.toString().trim();
  if (version.exitCode !== 0) {
    console.log(`${"binary --version".padEnd(26)} FAILED: exit ${version.exitCode}: ${version.stderr.toString().slice(0, 200)}`);
    return false;
  }
  console.log(`${"binary --version".padEnd(26)} ${line}`);

  const q = join(ROOT, "examples", "quickstart");
  if (!["script.rhai", "policy.cedar", "args.json"].every((f) => existsSync(join(q, f)))) {
    console.log(`${"cold start (binary)".padEnd(26)} not measured: examples/quickstart is incomplete`);
    return false;
  }
  return benchColdStart("cold start (binary)", [binary], COLD_START_GOAL);
}

if (import.meta.main) process.exit((await benchBinary()) ? 0 : 1);
