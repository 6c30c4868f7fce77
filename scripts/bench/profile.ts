// Engine profiling entry: times each phase (engine construction, compile, run) of the engine
// benchmark workloads in fresh processes, interleaved, and prints min and median per phase.
// The machine the benchmarks run on is shared and noisy: the minimum over many fresh runs is
// the most stable figure, the median the one `bun run bench` reports.
//
//   bun scripts/bench/profile.ts [runs=15] [workload...]
//   bun scripts/bench/profile.ts --child FILE.rhai      (one run; prints JSON phases)
//   bun --cpu-prof --cpu-prof-md scripts/bench/profile.ts --child FILE.rhai   (a CPU profile)
import { join } from "node:path";
import { BUN, ROOT, median } from "./common.ts";

interface Phases {
  engine: number;
  compile: number;
  run: number;
  total: number;
  result: string;
}

async function child(file: string): Promise<void> {
  const source = await Bun.file(file).text();
  const t0 = performance.now();
  const { Engine } = await import("../../src/engine/engine.ts");
  const { hostDisplay } = await import("../../src/engine/format.ts");
  const t1 = performance.now();
  const engine = new Engine({});
  const t2 = performance.now();
  const program = engine.compile(source);
  const t3 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = engine.run(program);
  const cpu = process.cpuUsage(cpu0);
  const t4 = performance.now();
  const out: Phases & { load: number; runCpu: number } = {
    runCpu: (cpu.user + cpu.system) / 1000,
    load: t1 - t0,
    engine: t2 - t1,
    compile: t3 - t2,
    run: t4 - t3,
    total: t4 - t1,
    result: hostDisplay(value),
  };
  console.log(JSON.stringify(out));
}

function main(): void {
  const args = process.argv.slice(2);
  const runs = args[0] && /^\d+$/.test(args[0]) ? Number(args.shift()) : 15;
  const names = args.length > 0 ? args : ["loop", "fib", "sieve", "mapkeys"];
  const samples = new Map<string, (Phases & { load: number; runCpu: number })[]>();
  for (const n of names) samples.set(n, []);
  for (let i = 0; i < runs; i++) {
    for (const n of names) {
      const file = join(ROOT, "scripts/bench/workloads", `${n}.rhai`);
      const p = Bun.spawnSync([BUN, import.meta.path, "--child", file], { stdout: "pipe", stderr: "pipe" });
      if (p.exitCode !== 0) throw new Error(p.stderr.toString());
      samples.get(n)!.push(JSON.parse(p.stdout.toString().trim().split("\n").pop()!));
    }
  }
  const f = (xs: number[]): string => `${Math.min(...xs).toFixed(1).padStart(6)} / ${median(xs).toFixed(1).padStart(6)}`;
  console.log(`min / median of ${runs} fresh runs (ms)`);
  console.log(`${"workload".padEnd(9)} ${"load".padStart(15)} ${"engine".padStart(15)} ${"compile".padStart(15)} ${"run".padStart(15)} ${"run cpu".padStart(15)} ${"total".padStart(15)}  result`);
  for (const [n, xs] of samples) {
    const col = (k: keyof Phases | "load" | "runCpu"): string => f(xs.map((x) => x[k] as number)).padStart(15);
    console.log(`${n.padEnd(9)} ${col("load")} ${col("engine")} ${col("compile")} ${col("run")} ${col("runCpu")} ${col("total")}  ${xs[0]!.result}`);
  }
}

if (process.argv[2] === "--child") await child(process.argv[3]!);
else main();
