// Standard library: char functions (rhai-stdlib.md §4 `to_int(char)`, §13 case mapping and
// max/min). A char is one Unicode scalar value; case mapping keeps the char unchanged when
// the full mapping would give several characters (`'ß'.to_upper()` is `'ß'`).

import type { Registry } from "../registry.ts";
import { RChar, type Value } from "../value.ts";

/** The single-character case mapping of a char, or the char itself. */
export function mapChar(c: RChar, upper: boolean): RChar {
  const s = c.toString();
  const m = upper ? s.toUpperCase() : s.toLowerCase();
  if (m === s) return c;
  const cp = m.codePointAt(0)!;
  return m.length === (cp > 0xffff ? 2 : 1) ? RChar.of(cp) : c;
}

export function register(reg: Registry): void {
  reg.fn("to_int", ["char"], (_ctx, a) => (a[0] as RChar).cp);
  reg.fn("to_upper", ["char"], (_ctx, a) => mapChar(a[0] as RChar, true));
  reg.fn("to_lower", ["char"], (_ctx, a) => mapChar(a[0] as RChar, false));
  const make = (a: Value[], upper: boolean): Value => {
    a[0] = mapChar(a[0] as RChar, upper);
    return undefined;
  };
  reg.fn("make_upper", ["char"], (_ctx, a) => make(a, true), { mut: true });
  reg.fn("make_lower", ["char"], (_ctx, a) => make(a, false), { mut: true });
  // Ties return the first argument.
  reg.fn("max", ["char", "char"], (_ctx, a) => ((a[0] as RChar).cp >= (a[1] as RChar).cp ? a[0] : a[1]));
  reg.fn("min", ["char", "char"], (_ctx, a) => ((a[0] as RChar).cp <= (a[1] as RChar).cp ? a[0] : a[1]));
}
