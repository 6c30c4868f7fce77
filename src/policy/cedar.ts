// Loading @cedar-policy/cedar-wasm. The .wasm file is embedded (import with type "file"), so
// this works from a checkout and inside a `bun build --compile` binary. Compilation of the
// 4 MB module is the largest part of rex's cold start, so it is started asynchronously as
// early as possible (startCedarCompile) and awaited only when Cedar is first needed.

// @ts-ignore -- the package ships a .d.ts for the module itself; with type "file" it is a path
import wasmPath from "../../node_modules/@cedar-policy/cedar-wasm/web/cedar_wasm_bg.wasm" with { type: "file" };
import * as cedar from "@cedar-policy/cedar-wasm/web";

export type Cedar = typeof cedar;

let compiling: Promise<WebAssembly.Module> | undefined;
let ready = false;

async function readBytes(): Promise<ArrayBuffer> {
  return await Bun.file(wasmPath).arrayBuffer();
}

/** Start compiling the wasm module in the background (idempotent). */
export function startCedarCompile(): Promise<WebAssembly.Module> {
  if (!compiling) compiling = readBytes().then((b) => WebAssembly.compile(b));
  return compiling;
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
