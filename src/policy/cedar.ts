// Loading @cedar-policy/cedar-wasm. The .wasm file is embedded (import with type "file"), so
// this works from a checkout and inside a `bun build --compile` binary. Compiling the 4 MB
// module is the largest part of rex's cold start, so it is compiled once per process:
// `rex run` starts the compile on the main thread before anything else (background compiler
// threads) and posts the compiled WebAssembly.Module to the script worker, which only
// instantiates it (see docs/cold-start.md). Each thread has its own instance (and its own
// pre-parsed policy sets); the compiled code is shared.

// @ts-ignore -- the package ships a .d.ts for the module itself; with type "file" it is a path
import wasmPath from "../../node_modules/@cedar-policy/cedar-wasm/web/cedar_wasm_bg.wasm" with { type: "file" };
import * as cedar from "@cedar-policy/cedar-wasm/web";

export type Cedar = typeof cedar;

let compiling: Promise<WebAssembly.Module> | undefined;
/** Set while a module posted by another thread is awaited (expectCedarModule). */
let provide: ((m: WebAssembly.Module | null) => void) | undefined;
let ready = false;

function compileHere(): Promise<WebAssembly.Module> {
  return Bun.file(wasmPath)
    .arrayBuffer()
    .then((b) => WebAssembly.compile(b));
}

/** Start compiling the wasm module in the background (idempotent). */
export function startCedarCompile(): Promise<WebAssembly.Module> {
  if (!compiling) compiling = compileHere();
  return compiling;
}

/**
 * A compiled module will arrive from another thread (provideCedarModule); until then
 * startCedarCompile/loadCedar wait for it instead of compiling a second time.
 */
export function expectCedarModule(): void {
  if (compiling) return;
  compiling = new Promise<WebAssembly.Module | null>((resolve) => {
    provide = resolve;
  }).then((m) => m ?? compileHere());
}

/** The module compiled by another thread (null: it failed there, compile here). */
export function provideCedarModule(m: WebAssembly.Module | null): void {
  if (provide) {
    provide(m);
    provide = undefined;
  } else if (!compiling) compiling = m ? Promise.resolve(m) : compileHere();
}

/** The initialised Cedar bindings (awaits the background compile). */
export async function loadCedar(): Promise<Cedar> {
  if (!ready) {
    const mod = await startCedarCompile();
    if (!ready) {
      cedar.initSync({ module: mod });
      ready = true;
    }
  }
  return cedar;
}

/** Synchronous initialisation (compiles on the calling thread when not yet started). */
export function loadCedarSync(): Cedar {
  if (!ready) {
    const bytes = require("node:fs").readFileSync(wasmPath) as Uint8Array;
    cedar.initSync({ module: new WebAssembly.Module(bytes) });
    ready = true;
  }
  return cedar;
}
