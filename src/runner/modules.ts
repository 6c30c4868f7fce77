// Script modules for a run (runner.md §4.3): `import "name"` resolves against the importing
// file's directory, lexically, with the extension forced to `.rhai`, and the text is read
// through the fs SDK exactly as `cat(<absolute path>)` reads it (same Cedar checks, never a
// redacted read). The engine loads each resolved file at most once per run and reports
// cycles; this file only says where a module is and how to read it.

import { posix } from "node:path";
import type { EngineOptions } from "../engine/api.ts";
import type { SdkContext } from "../sdk/context.ts";
import { readModuleSource } from "../sdk/fs/index.ts";

const EXT = "rhai";

/**
 * Replace the extension of the last component (or add one), as Rust's `set_extension`
 * does: `a.b` → `a.rhai`, `a` → `a.rhai`, `.hidden` → `.hidden.rhai`; `/` stays `/`.
 */
export function withRhaiExtension(path: string): string {
  const slash = path.lastIndexOf("/");
  const name = path.slice(slash + 1);
  if (name === "") return path;
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${path.slice(0, slash + 1)}${stem}.${EXT}`;
}

/**
 * The absolute path of `import "name"`: relative to `baseDir` (the importing file's
 * directory) unless absolute, normalised lexically (`.`, `..`, `//` removed, `..` at `/`
 * stays at `/`), extension forced to `.rhai`.
 */
export function modulePath(name: string, baseDir: string): string {
  return withRhaiExtension(posix.resolve(baseDir, name));
}

/**
 * The directory main-script imports resolve against: the directory of the script's
 * absolute, lexically normalised path, or the current directory for stdin (`script`
 * undefined).
 */
export function scriptBaseDir(script: string | undefined, cwd: string = process.cwd()): string {
  if (script === undefined) return posix.resolve(cwd);
  return posix.dirname(posix.resolve(cwd, script));
}

/**
 * The engine options that wire `import` to authorized file reads. `script` is the script's
 * path as given (undefined when it comes from stdin); `ctx` returns the run's fs SDK
 * context (it exists by the time a script runs).
 */
export function moduleOptions(script: string | undefined, ctx: () => SdkContext): Pick<EngineOptions, "moduleId" | "resolveModule"> {
  const base = scriptBaseDir(script);
  return {
    moduleId: (name, importer) => modulePath(name, importer === undefined ? base : posix.dirname(importer)),
    resolveModule: (_name, pos, id) => readModuleSource(ctx(), id, pos?.line ?? 0),
  };
}
