// Engine speed: each workload in rex (in-process engine) and in Deno (the same algorithm in
// JavaScript), measured in the same run; prints rex/Deno wall-time ratios. Results of the two
// are compared so a wrong engine cannot look fast.
import { join } from "node:path";
import { BUN, DENO, ROOT, median, ratioLine, runJson } from "./common.ts";

const WORKLOADS = ["loop", "fib", "sieve", "mapkeys"];
const GOAL = Number(process.env.REX_BENCH_ENGINE_GOAL ?? 30);
const RUNS = Number(process.env.REX_BENCH_RUNS ?? 3);

export function benchEngine(): boolean {
  console.log(`engine (median of ${RUNS} runs; rex = compile + run in-process, deno = the JS module)`);
  let allOk = true;
  for (const w of WORKLOADS) {
    const rhai = join(ROOT, "scripts/bench/workloads", `${w}.rhai`);
    const js = join(ROOT, "scripts/bench/workloads", `${w}.js`);
    const rex: number[] = [];
    const deno: number[] = [];
    let rexResult = "";
    let denoResult = "";
    for (let i = 0; i < RUNS; i++) {
      const a = runJson([BUN, join(ROOT, "scripts/bench/run-rhai.ts"), rhai]);
      const b = runJson([DENO, "run", "--quiet", "--allow-read", join(ROOT, "scripts/bench/run-js.js"), js]);
      rex.push(a.ms);
      deno.push(b.ms);
      rexResult = a.result;
      denoResult = b.result;
    }
    if (rexResult !== denoResult) {
      console.log(`${w.padEnd(26)} WRONG RESULT: rex ${rexResult} vs deno ${denoResult}`);
      allOk = false;
      continue;
    }
    const r = ratioLine(w, median(rex), median(deno), GOAL);
    console.log(r.line);
    allOk &&= r.ok;
  }
  return allOk;
}

if (import.meta.main) process.exit(benchEngine() ? 0 : 1);
