// Standard library: text conversion (rhai-stdlib.md §4): print / to_string / debug /
// to_debug and INT to hexadecimal, octal and binary text. (`to_int(char)` is in math.ts.)
// `print(...)` and `debug(...)` as calls are handled by the engine (they emit the text); the
// functions registered here return the text.

import { toDebug, toDisplay } from "../format.ts";
import type { Registry } from "../registry.ts";
import type { INT, Value } from "../value.ts";

const TEXT_TYPES = ["any", "string", "char", "bool", "()", "float", "array", "map"];
const DEBUG_TYPES = ["any", "string", "char", "Fn", "bool", "()", "float", "array", "map"];

/** An INT in the given radix; negatives as 64-bit two's complement. */
export function intToRadix(v: INT, radix: number): string {
  if (typeof v === "number" && v >= 0) return v.toString(radix);
  return BigInt.asUintN(64, BigInt(v)).toString(radix);
}

export function register(reg: Registry): void {
  const display = (_c: unknown, a: Value[]): Value => toDisplay(a[0]);
  const debug = (_c: unknown, a: Value[]): Value => toDebug(a[0]);
  reg.fn("print", [], () => "");
  reg.fn("debug", [], () => "");
  for (const t of TEXT_TYPES) {
    reg.fn("print", [t], display);
    reg.fn("to_string", [t], display);
  }
  for (const t of DEBUG_TYPES) {
    reg.fn("debug", [t], debug);
    reg.fn("to_debug", [t], debug);
  }
  reg.fn("to_hex", ["int"], (_c, a) => intToRadix(a[0] as INT, 16));
  reg.fn("to_octal", ["int"], (_c, a) => intToRadix(a[0] as INT, 8));
  reg.fn("to_binary", ["int"], (_c, a) => intToRadix(a[0] as INT, 2));
}
