// Object maps (rhai-stdlib.md §12). Keys are observed in sorted order (RMap.sortedKeys).

import { floatDebug, quoteChar, quoteString, toDebug } from "../format.ts";
import type { NativeContext, Registry } from "../registry.ts";
import { deepCopy, FnPtr, RBlob, RChar, RFloat, RMap, SharedCell, type Value } from "../value.ts";
import { callEntry, renameCallbackError } from "./callbacks.ts";

const MUT = { mut: true };

/** `==` on maps: same keys, values [EQ]-equal. */
export function mapsEqual(ctx: NativeContext, a: RMap, b: RMap): boolean {
  if (a.size !== b.size) return false;
  for (const [k, x] of a) {
    if (!b.has(k)) return false;
    const y = b.get(k);
    if (x === y && typeof x !== "object") continue;
    if (!ctx.equals(x, y)) return false;
  }
  return true;
}

function mixin(ctx: NativeContext, a: RMap, b: RMap): void {
  for (const [k, v] of b) a.set(k, deepCopy(v));
  ctx.checkSize(a);
}

/** `map` (returns new values), `filter` (keeps true): over the entries in key order. */
function mapEntries(ctx: NativeContext, m: RMap, fp: FnPtr, isFilter: boolean): RMap {
  const n = ctx.arity(fp);
  const out = new RMap();
  try {
    for (const k of m.sortedKeys()) {
      const r = callEntry(ctx, fp, n, m, k);
      if (!isFilter) out.set(k, r);
      else if (r === true) out.set(k, deepCopy(m.get(k)));
    }
  } catch (e) {
    // (quirk) the reference names `filter` for errors from the object-map `map` too.
    throw renameCallbackError(ctx, e, "filter");
  }
  return out;
}

/** `drain` (take = true) / `retain` (take = false): entries not yet visited stay on error. */
function partition(ctx: NativeContext, m: RMap, fp: FnPtr, take: boolean): RMap {
  const n = ctx.arity(fp);
  const out = new RMap();
  for (const k of m.sortedKeys()) {
    if ((callEntry(ctx, fp, n, m, k) === true) === take) {
      out.set(k, m.get(k));
      m.delete(k);
    }
  }
  return out;
}

/** The `to_json` text of a value (rhai-stdlib.md §12). */
export function toJson(v: Value): string {
  switch (typeof v) {
    case "undefined":
      return "null";
    case "boolean":
    case "number":
    case "bigint":
      return String(v);
    case "string":
      return quoteString(v);
  }
  if (v instanceof RFloat) return floatDebug(v.v);
  if (Array.isArray(v)) {
    let s = "[";
    for (let i = 0; i < v.length; i++) s += (i > 0 ? "," : "") + toJson(v[i]);
    return s + "]";
  }
  if (v instanceof RMap) {
    let s = "{";
    let first = true;
    for (const k of v.sortedKeys()) {
      s += (first ? "" : ",") + quoteString(k) + ":" + toJson(v.get(k));
      first = false;
    }
    return s + "}";
  }
  if (v instanceof RBlob) return "[" + Array.from(v.view()).join(",") + "]";
  if (v instanceof FnPtr) {
    if (v.curry.length === 0) return quoteString(v.name);
    let s = "[" + quoteString(v.name);
    for (const c of v.curry) s += "," + toJson(c instanceof SharedCell ? c.v : c);
    return s + "]";
  }
  if (v instanceof RChar) return quoteChar(v.cp);
  if (v instanceof SharedCell) return toJson(v.v);
  return toDebug(v);
}

export function register(reg: Registry): void {
  reg.fn("len", ["map"], (_c, [m]) => (m as RMap).size);
  reg.fn("is_empty", ["map"], (_c, [m]) => (m as RMap).size === 0);
  reg.fn("contains", ["map", "string"], (_c, [m, k]) => (m as RMap).has(k as string));
  reg.fn("get", ["map", "string"], (_c, [m, k]) => deepCopy((m as RMap).get(k as string)));
  reg.fn(
    "set",
    ["map", "string", "any"],
    (c, [m, k, v]) => {
      (m as RMap).set(k as string, deepCopy(v));
      c.checkSize(m);
      return undefined;
    },
    MUT,
  );
  reg.fn("clear", ["map"], (_c, [m]) => ((m as RMap).clear(), undefined), MUT);
  reg.fn(
    "remove",
    ["map", "string"],
    (_c, [m, k]) => {
      const map = m as RMap;
      const v = map.get(k as string);
      map.delete(k as string);
      return v;
    },
    MUT,
  );
  reg.fn("mixin", ["map", "map"], (c, [a, b]) => (mixin(c, a as RMap, b as RMap), undefined), MUT);
  reg.fn("+=", ["map", "map"], (c, [a, b]) => (mixin(c, a as RMap, b as RMap), undefined), MUT);
  reg.fn("+", ["map", "map"], (c, [a, b]) => {
    const out = deepCopy(a) as RMap;
    mixin(c, out, b as RMap);
    return out;
  });
  reg.fn(
    "fill_with",
    ["map", "map"],
    (c, [a, b]) => {
      const m = a as RMap;
      for (const [k, v] of b as RMap) if (!m.has(k)) m.set(k, deepCopy(v));
      c.checkSize(m);
      return undefined;
    },
    MUT,
  );
  reg.fn("==", ["map", "map"], (c, [a, b]) => mapsEqual(c, a as RMap, b as RMap));
  reg.fn("!=", ["map", "map"], (c, [a, b]) => !mapsEqual(c, a as RMap, b as RMap));
  reg.fn("keys", ["map"], (_c, [m]) => (m as RMap).sortedKeys());
  reg.fn("values", ["map"], (_c, [m]) => {
    const map = m as RMap;
    return map.sortedKeys().map((k) => deepCopy(map.get(k)));
  });
  reg.fn("map", ["map", "Fn"], (c, [m, f]) => mapEntries(c, m as RMap, f as FnPtr, false));
  reg.fn("filter", ["map", "Fn"], (c, [m, f]) => mapEntries(c, m as RMap, f as FnPtr, true));
  reg.fn("drain", ["map", "Fn"], (c, [m, f]) => partition(c, m as RMap, f as FnPtr, true), MUT);
  reg.fn("retain", ["map", "Fn"], (c, [m, f]) => partition(c, m as RMap, f as FnPtr, false), MUT);
  reg.fn("to_json", ["map"], (_c, [m]) => toJson(m));
}
