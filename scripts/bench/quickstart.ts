// Cold start: the quick-start (`rex run` of examples/quickstart with its policy and
// arguments) as a whole process, against Deno doing the same write + read with
// --allow-read/--allow-write. Both are timed as wall time of a fresh process, interleaved.
import { join } from "node:path";
import { BUN, DENO, ROOT, median, ratioLine, wallMs } from "./common.ts";

const RUNS = Number(process.env.REX_BENCH_COLD_RUNS ?? 9);

/** The command that runs rex: REX_CLI (e.g. a compiled binary) or `bun src/main.ts`. */
export function rexCommand(): string[] {
  const cli = process.env.REX_CLI;
  return cli ? cli.split(" ") : [BUN, join(ROOT, "src/main.ts")];
}

export function quickstartArgs(): string[] {
  const q = join(ROOT, "examples/quickstart");
  return ["run", join(q, "script.rhai"), "--policy", join(q, "policy.cedar"), "--args", join(q, "args.json"), "--output-format", "human"];
}

export function benchColdStart(label = "cold start (quick-start)", rex = rexCommand(), goal = 3): boolean {
  const deno = [DENO, "run", "--quiet", "--allow-read=/tmp", "--allow-write=/tmp", join(ROOT, "scripts/bench/workloads/quickstart-deno.js")];
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const r = wallMs([...rex, ...quickstartArgs()]);
    const d = wallMs(deno);
    if (r.code !== 0 || r.stdout.trim() !== "Hello from REX!") {
      console.log(`${label.padEnd(26)} FAILED: rex exited ${r.code}, printed ${JSON.stringify(r.stdout.slice(0, 200))}`);
      return false;
    }
    if (i === 0) continue; // warm the page cache for both
    a.push(r.ms);
    b.push(d.ms);
  }
  const line = ratioLine(label, median(a), median(b), goal);
  console.log(line.line);
  return line.ok;
}

if (import.meta.main) process.exit(benchColdStart() ? 0 : 1);
