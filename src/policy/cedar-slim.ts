// Generates cedar-authorize.gen.wasm: cedar-wasm's module with only what the script worker
// calls (pre-parse a policy set, split it into parts, authorize), every other export and the
// code only they reach removed by binaryen's wasm-metadce (an npm dev dependency). Nothing is
// edited by hand; the kept functions are byte-for-byte Cedar's. The module is 3.1 MB instead
// of 4.3 MB and compiles in ~2/3 of the time, which is on the critical path of a cold
// `rex run` (docs/cold-start.md).
//
// Regenerate after upgrading @cedar-policy/cedar-wasm:   bun src/policy/cedar-slim.ts
// (test/policy/cedar-slim.test.ts fails while the generated file is stale).

import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The Cedar functions the worker uses (policy/load.ts parsePolicy, policy/authorizer.ts). */
export const AUTHORIZE_EXPORTS = ["preparsePolicySet", "policySetTextToParts", "statefulIsAuthorized"] as const;

/** What wasm-bindgen's glue needs to instantiate and to pass values. */
export const GLUE_EXPORTS = [
  "memory",
  "__wbindgen_start",
  "__wbindgen_malloc",
  "__wbindgen_realloc",
  "__wbindgen_free",
  "__wbindgen_exn_store",
  "__wbindgen_externrefs",
  "__externref_table_alloc",
] as const;

const ROOT = join(import.meta.dir, "..", "..");
export const SOURCE_WASM = join(ROOT, "node_modules/@cedar-policy/cedar-wasm/web/cedar_wasm_bg.wasm");
export const SLIM_WASM = join(import.meta.dir, "cedar-authorize.gen.wasm");
export const SLIM_INFO = join(import.meta.dir, "cedar-authorize.gen.json");

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function generate(): void {
  const keep = [...GLUE_EXPORTS, ...AUTHORIZE_EXPORTS];
  const graph = [
    { name: "root", root: true, reaches: keep.map((k) => `export:${k}`) },
    ...keep.map((k) => ({ name: `export:${k}`, export: k })),
  ];
  const dir = mkdtempSync(join(tmpdir(), "rex-cedar-slim-"));
  try {
    const graphFile = join(dir, "graph.json");
    writeFileSync(graphFile, JSON.stringify(graph));
    const out = join(dir, "out.wasm");
    const tool = join(ROOT, "node_modules/.bin/wasm-metadce");
    const p = Bun.spawnSync([tool, SOURCE_WASM, "--graph-file", graphFile, "-o", out], { stdout: "ignore", stderr: "pipe" });
    if (p.exitCode !== 0) throw new Error(`wasm-metadce failed (${p.exitCode}): ${p.stderr.toString()}`);
    const slim = readFileSync(out);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(slim)).map((e) => e.name);
    const missing = keep.filter((k) => !exports.includes(k));
    if (missing.length) throw new Error(`the slim module lacks ${missing.join(", ")}`);
    writeFileSync(SLIM_WASM, slim);
    const info = { source: "@cedar-policy/cedar-wasm/web/cedar_wasm_bg.wasm", sourceSha256: sha256(readFileSync(SOURCE_WASM)), sha256: sha256(slim), exports: exports.sort() };
    writeFileSync(SLIM_INFO, `${JSON.stringify(info, null, 2)}\n`);
    console.log(`wrote ${SLIM_WASM} (${slim.length} bytes, ${exports.length} exports)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) generate();
