// Caller-scope calls `f!(args)` (rhai-language.md §3.8). The callee's body is compiled once
// per call site *inside the caller's compile-time scope*: its parameters become temporary
// variables of the caller's current block (removed again after the body), and its top-level
// `let`s become variables of that block, visible to the caller's later code and to
// `is_def_var`. Names the body reads resolve to the caller's slots, so the body reads and
// writes the caller's variables. The call still counts as a call (depth, operations) and
// errors escaping it are wrapped as `in call to function 'f'`.

import type { CallExpr } from "../ast.ts";
import { stackOverflow } from "../limits.ts";
import type { Value } from "../value.ts";
import type { Compiler } from "./compiler.ts";
import { compileValue } from "./expr.ts";
import { type CompiledFn, CtlSignal, type Ev, RETURN, wrapInCall } from "./runtime.ts";
import { compileBlockBody } from "./stmt.ts";

/** Script functions whose bodies are being inlined right now (recursion guard). */
const inlining = new WeakSet<CompiledFn>();

/** Compile `fn!(args)`; undefined when it must run as an ordinary call (recursion). */
export function compileCallerScopeCall(c: Compiler, fn: CompiledFn, e: CallExpr): Ev | undefined {
  if (inlining.has(fn)) return undefined;
  const def = fn.def;
  const argEvs = e.args.map((a) => compileValue(c, a));
  const scope = c.scope;
  const params = def.params.map((p) => scope.bindTemp(p));
  inlining.add(fn);
  c.noThis++;
  let body;
  try {
    body = compileBlockBody(c, def.body, false, true);
  } finally {
    c.noThis--;
    inlining.delete(fn);
  }
  for (let i = params.length - 1; i >= 0; i--) scope.unbindTemp(params[i]!);
  const slots = params.map((p) => p.info.slot);
  const n = slots.length;
  const rt = c.rt;
  const counter = rt.counter;
  const pos = e.pos;
  return (f) => {
    const vals = new Array<Value>(n);
    for (let i = 0; i < n; i++) vals[i] = argEvs[i]!(f);
    if (++counter.ops >= counter.next) counter.slow(pos);
    if (rt.depth >= rt.maxDepth) throw stackOverflow().at(pos);
    for (let i = 0; i < n; i++) f.s[slots[i]!] = vals[i];
    rt.depth++;
    try {
      body(f);
    } catch (err) {
      if (err instanceof CtlSignal && err.code === RETURN) return err.value;
      throw wrapInCall(err, fn, pos);
    } finally {
      rt.depth--;
    }
    const v = f.v;
    f.v = undefined;
    return v;
  };
}
