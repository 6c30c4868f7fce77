// Shared helpers for engine tests: run a script with the rex profile and look at the result
// the way a user would (to_string / host display / error display).
import type { EngineOptions } from "../../src/engine/api.ts";
import { Engine } from "../../src/engine/engine.ts";
import { RhaiError } from "../../src/engine/errors.ts";
import { hostDisplay, toDebug, toDisplay } from "../../src/engine/format.ts";
import type { Value } from "../../src/engine/value.ts";

export function engine(opts: EngineOptions = {}): Engine {
  return new Engine(opts);
}

/** Run a script and return its value (throws RhaiError on failure). */
export function run(src: string, opts: EngineOptions = {}): Value {
  const e = new Engine(opts);
  return e.run(e.compile(src));
}

/** The to_string form of the script's value (what `print` would show). */
export function str(src: string, opts?: EngineOptions): string {
  return toDisplay(run(src, opts));
}

/** The debug form of the script's value. */
export function dbg(src: string, opts?: EngineOptions): string {
  return toDebug(run(src, opts));
}

/** The host rendering of the script's value (rex's `output`). */
export function out(src: string, opts?: EngineOptions): string {
  return hostDisplay(run(src, opts));
}

/** The display text of the error the script fails with; throws if it succeeds. */
export function err(src: string, opts?: EngineOptions): string {
  try {
    const v = run(src, opts);
    throw new Error(`expected an error, got ${toDebug(v)}`);
  } catch (e) {
    if (e instanceof RhaiError) return e.toString();
    throw e;
  }
}

/** Text emitted by print() during the run. */
export function printed(src: string): string[] {
  const lines: string[] = [];
  run(src, { onPrint: (t) => lines.push(t) });
  return lines;
}
