// Runs one Rhai workload in-process with rex's engine and prints {ms, result} as JSON.
// Timing covers compile + run (what a user waits for once the process is up).
import { Engine } from "../../src/engine/engine.ts";
import { hostDisplay } from "../../src/engine/format.ts";

const file = process.argv[2];
if (!file) throw new Error("usage: run-rhai.ts FILE.rhai");
const source = await Bun.file(file).text();
const t0 = performance.now();
const engine = new Engine({});
const value = engine.run(engine.compile(source));
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, result: hostDisplay(value) }));
