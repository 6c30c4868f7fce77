// `bun run bench`: every figure rex promises, each as a ratio against a peer measured in the
// same run. Exit status is non-zero when a goal is missed (the figures are still printed).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./common.ts";
import { benchEngine } from "./engine.ts";
import { benchColdStart } from "./quickstart.ts";

let ok = true;
const only = process.argv[2];

if (!only || only === "engine") ok = benchEngine() && ok;
if (!only || only === "cold") {
  console.log("\ncold start");
  ok = benchColdStart() && ok;
}
if ((!only || only === "decisions") && existsSync(join(ROOT, "scripts/bench/decisions.ts"))) {
  console.log("\nauthorization decisions");
  const mod = await import(join(import.meta.dir, "decisions.ts"));
  ok = (await mod.benchDecisions()) && ok;
}
if ((!only || only === "binary") && existsSync(join(ROOT, "scripts/bench/binary.ts"))) {
  console.log("\ncompiled binary");
  const mod = await import(join(import.meta.dir, "binary.ts"));
  if (typeof mod.benchBinary === "function") ok = (await mod.benchBinary()) && ok;
}
process.exit(ok ? 0 : 1);
