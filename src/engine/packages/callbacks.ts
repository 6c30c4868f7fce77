// Calling function-pointer callbacks from library functions ([CB] in rhai-stdlib.md §1.3).
//
// The call is adapted to the number of parameters the target declares (ctx.arity). When
// the target is not known in advance (a pointer made by `Fn("name")`), the short argument
// list is tried first and, if no function of that arity exists, the long one.
//
// Errors: a callback error comes out as the evaluator's NativeContext raises it (one wrapper
// line for a closure; for a `Fn("name")` pointer a further line naming the library
// function, ctx.fnName): see renameCallbackError for the exceptions.

import { RhaiError } from "../errors.ts";
import type { NativeContext } from "../registry.ts";
import { deepCopy, FnPtr, type Value } from "../value.ts";

/** Is this error "the function named by this pointer does not exist with these args"? */
export function isMissingFunction(e: unknown, fp: FnPtr): boolean {
  return (
    e instanceof RhaiError &&
    e.kind === "ErrorFunctionNotFound" &&
    e.message.startsWith(`Function not found: ${fp.name} (`)
  );
}

/**
 * The evaluator's NativeContext wraps an error escaping a `Fn("name")` callback once more as
 * `in call to function '<library function>'` (ctx.fnName). A few library functions report
 * another name (the object-map `map` reports 'filter'): rename that last line.
 */
export function renameCallbackError(ctx: NativeContext, e: unknown, lib: string): unknown {
  if (lib === ctx.fnName || !(e instanceof RhaiError) || e.kind !== "ErrorInFunctionCall") return e;
  const line = `\nin call to function '${ctx.fnName}'`;
  if (!e.inner || e.extra?.["function"] !== ctx.fnName || !e.message.endsWith(line)) return e;
  return new RhaiError("ErrorInFunctionCall", `${e.inner.toString()}\nin call to function '${lib}'`, e.pos, undefined, e.inner).with(
    { ...e.extra, function: lib },
  );
}

/** Call with `short` args; when the target's arity is unknown and that fails, with `long`. */
function callEither(ctx: NativeContext, fp: FnPtr, n: number | undefined, short: Value[], long: Value[]): Value {
  if (n === short.length) return ctx.call(fp, short);
  if (n !== undefined) return ctx.call(fp, long);
  try {
    return ctx.call(fp, short);
  } catch (e) {
    if (!isMissingFunction(e, fp)) throw e;
  }
  return ctx.call(fp, long);
}

/**
 * Element callbacks (array `map filter find find_map index_of some all drain retain`):
 * 0 params → `this` = element (by reference: written back into arr[i]); 1 → (element);
 * 2 → (element, index).
 */
export function callElem(ctx: NativeContext, fp: FnPtr, n: number | undefined, arr: Value[], i: number): Value {
  if (n === 0) {
    const [r, t] = ctx.callWithThis(fp, arr[i], []);
    arr[i] = t;
    return r;
  }
  const el = deepCopy(arr[i]);
  if (n === 1) return ctx.call(fp, [el]);
  return callEither(ctx, fp, n, [el], [el, i]);
}

/** `for_each`: 0 params → `this` = element; 1 → (index) with `this` = element. */
export function callForEach(ctx: NativeContext, fp: FnPtr, n: number | undefined, arr: Value[], i: number): void {
  if (n === 0 || n === undefined) {
    try {
      arr[i] = ctx.callWithThis(fp, arr[i], [])[1];
      return;
    } catch (e) {
      if (n === 0 || !isMissingFunction(e, fp)) throw e;
    }
  }
  arr[i] = ctx.callWithThis(fp, arr[i], [i])[1];
}

/** `reduce`/`reduce_rev`: 1 param → (acc) with `this` = element; 2 → (acc, el); 3 → (acc, el, i). */
export function callReduce(
  ctx: NativeContext,
  fp: FnPtr,
  n: number | undefined,
  acc: Value,
  arr: Value[],
  i: number,
): Value {
  if (n === 1) {
    const [r, t] = ctx.callWithThis(fp, arr[i], [acc]);
    arr[i] = t;
    return r;
  }
  const el = deepCopy(arr[i]);
  return callEither(ctx, fp, n, [acc, el], [acc, el, i]);
}

/** `zip`: (a, b) or (a, b, index). */
export function callZip(ctx: NativeContext, fp: FnPtr, n: number | undefined, a: Value, b: Value, i: number): Value {
  return callEither(ctx, fp, n, [deepCopy(a), deepCopy(b)], [deepCopy(a), deepCopy(b), i]);
}

/** Object-map callbacks: 1 param → (key) with `this` = value (written back); 2 → (key, value). */
export function callEntry(
  ctx: NativeContext,
  fp: FnPtr,
  n: number | undefined,
  m: Map<string, Value>,
  key: string,
): Value {
  if (n === 1 || n === undefined) {
    try {
      const [r, t] = ctx.callWithThis(fp, m.get(key), [key]);
      m.set(key, t);
      return r;
    } catch (e) {
      if (n === 1 || !isMissingFunction(e, fp)) throw e;
    }
  }
  return ctx.call(fp, [key, deepCopy(m.get(key))]);
}

/** A function pointer from a function-name argument (the deprecated string overloads). */
export function namedPointer(name: string): FnPtr {
  return new FnPtr(name);
}
