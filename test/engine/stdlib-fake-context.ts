// A small fake NativeContext and registry call helpers for testing the collection packages
// (array, blob, map, iter, core) directly, without the evaluator.
import { RhaiError } from "../../src/engine/errors.ts";
import type { FnMetadata, NativeContext } from "../../src/engine/registry.ts";
import { Registry } from "../../src/engine/registry.ts";
import * as array from "../../src/engine/packages/array.ts";
import * as blobPkg from "../../src/engine/packages/blob.ts";
import * as core from "../../src/engine/packages/core.ts";
import * as fnptr from "../../src/engine/packages/fnptr.ts";
import * as iter from "../../src/engine/packages/iter.ts";
import * as mapPkg from "../../src/engine/packages/map.ts";
import { toDebug } from "../../src/engine/format.ts";
import { FnPtr, ITER_DONE, RBlob, RChar, RFloat, RIter, RMap, RRange, type Value } from "../../src/engine/value.ts";

export const reg = new Registry();
for (const p of [array, blobPkg, mapPkg, iter, fnptr, core]) p.register(reg);

/** `this` as seen by a fake callback: read and assign `ref.v`. */
export interface ThisRef {
  v: Value;
}
type JsFn = (self: ThisRef | undefined, ...args: Value[]) => Value;
interface Target {
  n: number;
  fn: JsFn;
}

let anon = 0;
/** An anonymous function with `n` declared parameters. */
export function closure(n: number, fn: JsFn): FnPtr {
  return new FnPtr(`anon$${(anon++).toString(16).padStart(16, "0")}`, [], { n, fn } satisfies Target);
}

export interface FakeOptions {
  maxArray?: number;
  maxMap?: number;
  /** Script functions reachable through `Fn("name")`: name → arity → body. */
  named?: Record<string, Record<number, JsFn>>;
  metadata?: FnMetadata[];
}

function count(v: Value): number {
  if (Array.isArray(v)) {
    let n = v.length;
    for (const x of v) n += Array.isArray(x) || x instanceof RMap ? count(x) : 0;
    return n;
  }
  if (v instanceof RMap) {
    let n = 0;
    for (const x of v.values()) n += Array.isArray(x) ? count(x) : 0;
    return n;
  }
  if (v instanceof RBlob) return v.length;
  return 0;
}

function notFound(name: string, args: Value[]): RhaiError {
  const sig = `${name} (${args.map((a) => reg.signatureTypeName(a)).join(", ")})`;
  return new RhaiError("ErrorFunctionNotFound", `Function not found: ${sig}`).with({ function: sig });
}

function fakeEquals(a: Value, b: Value): boolean {
  if ((typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint"))
    return a == b;
  if (a instanceof RFloat && b instanceof RFloat) return a.v === b.v;
  if (a instanceof RFloat && typeof b === "number") return a.v === b;
  if (b instanceof RFloat && typeof a === "number") return b.v === a;
  if (reg.typeSpecOf(a) !== reg.typeSpecOf(b)) return false;
  if (a instanceof RChar) return a === b;
  if (Array.isArray(a)) {
    const y = b as Value[];
    return a.length === y.length && a.every((x, i) => fakeEquals(x, y[i]));
  }
  if (a instanceof RMap) {
    const y = b as RMap;
    return a.size === y.size && [...a].every(([k, x]) => y.has(k) && fakeEquals(x, y.get(k)));
  }
  if (a instanceof FnPtr || a instanceof RIter) throw notFound("==", [a, b]);
  return a === b;
}

export function fakeContext(opts: FakeOptions = {}): NativeContext & { ticks: number } {
  const invoke = (f: FnPtr, self: ThisRef | undefined, args: Value[]): Value => {
    const all = [...f.curry, ...args];
    const t = f.fn as Target | undefined;
    if (t) {
      if (all.length !== t.n) throw notFound(f.name, all);
      return t.fn(self, ...all);
    }
    const body = opts.named?.[f.name]?.[all.length];
    if (!body) throw notFound(f.name, all);
    try {
      return body(self, ...all);
    } catch (e) {
      // As the evaluator does: an error escaping a script function body is wrapped, and
      // for a `Fn("name")` callback wrapped again naming the library function.
      if (!(e instanceof RhaiError) || !e.catchable) throw e;
      throw wrap(wrap(e, f.name, { line: 9, pos: 9 }), ctx.fnName, ctx.pos);
    }
  };
  const wrap = (e: RhaiError, name: string, pos: { line: number; pos: number }) =>
    new RhaiError("ErrorInFunctionCall", `${e.toString()}\nin call to function '${name}'`, pos, undefined, e).with({
      function: name,
      source: "",
    });
  const ctx = {
    pos: { line: 1, pos: 1 },
    fnName: "test",
    ticks: 0,
    call: (f: FnPtr, args: Value[]) => invoke(f, undefined, args),
    callWithThis: (f: FnPtr, thisValue: Value, args: Value[]): [Value, Value] => {
      const ref = { v: thisValue };
      const r = invoke(f, ref, args);
      return [r, ref.v];
    },
    checkSize(v: Value) {
      if (opts.maxArray && (Array.isArray(v) || v instanceof RBlob) && count(v) > opts.maxArray)
        throw new RhaiError("ErrorDataTooLarge", "Size of array/BLOB too large");
      if (opts.maxMap && v instanceof RMap && v.size > opts.maxMap)
        throw new RhaiError("ErrorDataTooLarge", "Size of object map too large");
    },
    tick(n = 1) {
      ctx.ticks += n;
    },
    arity: (f: FnPtr) => {
      const t = f.fn as Target | undefined;
      return t ? t.n - f.curry.length : undefined;
    },
    equals: fakeEquals,
    fnMetadata: opts.metadata ? () => opts.metadata! : undefined,
  };
  return ctx;
}

export const ctx = fakeContext();

/** Call a native by name with dispatch on the argument types: [result, receiver after]. */
export function invoke(name: string, args: Value[], c: NativeContext = ctx): [Value, Value] {
  const types = args.map((v) => reg.typeSpecOf(v));
  const e = reg.functions.resolve(name, types);
  if (!e) throw new Error(`no native ${name}(${types.join(", ")})`);
  const a = [...args];
  (c as { fnName: string }).fnName = name;
  const r = e.fn(c, a);
  return [r, a[0]];
}
/** The result of a call. */
export const call = (name: string, ...args: Value[]): Value => invoke(name, args)[0];
/** The receiver after a (Mut) call. */
export const after = (name: string, ...args: Value[]): Value => invoke(name, args)[1];
/** The display text of the error a call raises. */
export function fails(name: string, args: Value[], c: NativeContext = ctx): string {
  try {
    invoke(name, args, c);
  } catch (e) {
    if (e instanceof RhaiError) return e.toString();
    throw e;
  }
  throw new Error(`${name} did not fail`);
}
/** The flags of the overload a call resolves to. */
export function flags(name: string, args: Value[]): string {
  const e = reg.functions.resolve(
    name,
    args.map((v) => reg.typeSpecOf(v)),
  )!;
  return e.mut ? "mut" : e.rejectOnConst ? "ro*" : "";
}
/** Everything an iterator yields. */
export function drainIter(v: Value): Value[] {
  const it = v as RIter;
  const out: Value[] = [];
  for (let x = it.next(); x !== ITER_DONE; x = it.next()) out.push(x);
  return out;
}

export const f = (x: number): RFloat => new RFloat(x);
export const ch = (s: string): RChar => RChar.of(s.codePointAt(0)!);
export const rx = (a: number | bigint, b: number | bigint): RRange => new RRange(a, b, false);
export const ri = (a: number | bigint, b: number | bigint): RRange => new RRange(a, b, true);
export const blob = (...b: number[]): RBlob => new RBlob(Uint8Array.from(b));
export const map = (o: Record<string, Value>): RMap => {
  const m = new RMap();
  for (const [k, v] of Object.entries(o)) m.set(k, v);
  return m;
};

/** The debug text of a value (how the tables write expected values). */
export const dbg = (v: Value): string => toDebug(v);
