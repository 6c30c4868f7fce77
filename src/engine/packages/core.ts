// Core language functions (rhai-stdlib.md §2): exit take tag set_tag sleep parse_json
// get_fn_metadata_list.

import { ExitSignal, RhaiError } from "../errors.ts";
import type { NativeContext, Registry } from "../registry.ts";
import { FnPtr, type INT, RFloat, RMap, RRange, RTimestamp, setTag, getTag, type Value } from "../value.ts";
import { parseJson } from "./json.ts";

const MUT = { mut: true };
const TAG_MIN = -2147483648;
const TAG_MAX = 2147483647;
const TAG_RANGE = "(must be between -2147483648 and 2147483647)";

/**
 * Give `v` the tag `t`, returning the value to store back in the variable. Immutable
 * shared values (FLOATs, function pointers, ranges, timestamps) are copied first so that
 * other copies of the value keep their own tag. Primitives cannot carry a tag in rex.
 */
function withTag(reg: Registry, v: Value, t: number): Value {
  let target = v;
  if (v instanceof RFloat) target = new RFloat(v.v);
  else if (v instanceof FnPtr) target = new FnPtr(v.name, v.curry, v.fn);
  else if (v instanceof RRange) target = new RRange(v.start, v.end, v.inclusive);
  else if (v instanceof RTimestamp) target = new RTimestamp(v.ms);
  if (setTag(target, t)) return target;
  if (t === 0) return v;
  const actual = reg.typeName(v);
  const requested = "a value that can carry a tag (rex cannot tag i64, bool, char, string or ())";
  throw new RhaiError("ErrorMismatchDataType", `Data type incorrect: ${actual} (expecting ${requested})`).with({
    requested,
    actual,
  });
}

function checkTag(n: INT): number {
  if (n < TAG_MIN) throw new RhaiError("ErrorArithmetic", `${n} is too small to fit into a tag ${TAG_RANGE}`);
  if (n > TAG_MAX) throw new RhaiError("ErrorArithmetic", `${n} is too large to fit into a tag ${TAG_RANGE}`);
  return n as number;
}

/** Longest single sleep between two checks of the progress hook (timeout, signals). */
const SLEEP_SLICE_MS = 100;

/**
 * Sleep for `seconds` (already known to be positive and finite), in slices, consulting the
 * progress hook between them so a timeout or a signal ends a long sleep promptly.
 */
function sleepSeconds(ctx: NativeContext, seconds: number): void {
  const end = performance.now() + seconds * 1000;
  for (let left = end - performance.now(); left > 0; left = end - performance.now()) {
    Bun.sleepSync(Math.min(left, SLEEP_SLICE_MS));
    ctx.poll?.();
  }
}

function fnMetadataList(ctx: NativeContext, name?: string, arity?: number): Value[] {
  if (arity !== undefined && arity < 0) return [];
  const list = ctx.fnMetadata?.() ?? [];
  const out: Value[] = [];
  for (const f of list) {
    if (name !== undefined && f.name !== name) continue;
    if (arity !== undefined && f.params.length !== arity) continue;
    const m = new RMap();
    m.set("name", f.name);
    m.set("access", f.access);
    m.set("is_anonymous", f.isAnonymous);
    m.set("params", [...f.params]);
    if (f.thisType !== undefined) m.set("this_type", f.thisType);
    if (f.namespace !== undefined) m.set("namespace", f.namespace);
    out.push(m);
  }
  return out;
}

export function register(reg: Registry): void {
  reg.fn("exit", [], () => {
    throw new ExitSignal(undefined);
  });
  reg.fn("exit", ["any"], (_c, [v]) => {
    throw new ExitSignal(v);
  });
  reg.fn(
    "take",
    ["any"],
    (_c, args) => {
      const v = args[0];
      args[0] = undefined;
      return v;
    },
    MUT,
  );
  reg.fn("tag", ["any"], (_c, [v]) => getTag(v));
  reg.getter("any", "tag", (_c, v) => getTag(v));
  const setTagFn = (_c: NativeContext, args: Value[]): Value => {
    args[0] = withTag(reg, args[0], checkTag(args[1] as INT));
    return undefined;
  };
  reg.fn("set_tag", ["any", "int"], setTagFn, MUT);
  reg.setter("any", "tag", "int", setTagFn);

  reg.fn("sleep", ["int"], (c, [n]) => {
    if ((n as INT) > 0) sleepSeconds(c, Number(n));
    return undefined;
  });
  reg.fn("sleep", ["float"], (c, [f]) => {
    const x = (f as RFloat).v;
    // Zero, negative, NaN, infinite and subnormal durations return at once.
    if (x >= 2.2250738585072014e-308 && x !== Infinity) sleepSeconds(c, x);
    return undefined;
  });

  reg.fn("parse_json", ["string"], (_c, [s]) => parseJson(reg, s as string));

  reg.fn("get_fn_metadata_list", [], (c) => fnMetadataList(c));
  reg.fn("get_fn_metadata_list", ["string"], (c, [n]) => fnMetadataList(c, n as string));
  reg.fn("get_fn_metadata_list", ["string", "int"], (c, [n, k]) => {
    const a = k as INT;
    return fnMetadataList(c, n as string, typeof a === "bigint" ? (a < 0n ? -1 : Number.MAX_SAFE_INTEGER) : a);
  });
}
