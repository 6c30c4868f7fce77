// The whole standard library (rhai-stdlib.md), one package per file.
import type { Registry } from "../registry.ts";
import * as arith from "./arith.ts";
import * as array from "./array.ts";
import * as blob from "./blob.ts";
import * as convert from "./convert.ts";
import * as core from "./core.ts";
import * as fnptr from "./fnptr.ts";
import * as iter from "./iter.ts";
import * as map from "./map.ts";
import * as string from "./string.ts";
import * as time from "./time.ts";

export function registerStdlib(reg: Registry): void {
  for (const p of [arith, convert, time, array, blob, map, iter, fnptr, core, string]) p.register(reg);
}
