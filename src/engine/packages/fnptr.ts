// Function-pointer library functions (rhai-stdlib.md §6). `call`, `curry` and `Fn` are
// engine-level (rhai-language.md §3.7).

import type { Registry } from "../registry.ts";
import type { FnPtr } from "../value.ts";

export function register(reg: Registry): void {
  reg.fn("name", ["Fn"], (_c, [f]) => (f as FnPtr).name);
  reg.getter("Fn", "name", (_c, f) => (f as FnPtr).name);
  reg.fn("is_anonymous", ["Fn"], (_c, [f]) => (f as FnPtr).isAnonymous);
  reg.getter("Fn", "is_anonymous", (_c, f) => (f as FnPtr).isAnonymous);
}
