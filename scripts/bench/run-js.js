// Runs one JavaScript workload (a module exporting `result`) and prints {ms, result} as JSON.
const file = Deno.args[0];
const url = new URL(file, `file://${Deno.cwd()}/`).href;
const t0 = performance.now();
const mod = await import(url);
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, result: mod.result }));
