// Function calls (§3.5), method calls (§3.6), namespaced calls (§2.10) and the engine-level
// functions (§3.9).

import type { CallExpr, Expr, MethodCallExpr, NsCallExpr } from "../ast.ts";
import { ExitSignal, type Position, RhaiError } from "../errors.ts";
import { toDebug, toDisplay } from "../format.ts";
import type { NativeContext } from "../registry.ts";
import { FnPtr, RMap, SharedCell, type Value, deepCopy } from "../value.ts";
import { curryPtr, makeFnPtr } from "./closures.ts";
import { compileCallerScopeCall } from "./caller-scope.ts";
import type { Compiler } from "./compiler.ts";
import { SHORT, compileChain, compileExpr, compileValue, isPlace, mismatch } from "./expr.ts";
import { SiteCache, callNative, fnNotFound } from "./operators.ts";
import { moduleResolver } from "./modules.ts";
import { compilePlace, isRootedPlace } from "./places.ts";
import { CompiledFn, type Ev, type Frame, ModuleNs, RETURN } from "./runtime.ts";

function copyArgs(c: Compiler, args: Expr[]): Ev[] {
  return args.map((a) => compileValue(c, a));
}

function evalArgs(evs: Ev[], f: Frame): Value[] {
  const out = new Array<Value>(evs.length);
  for (let i = 0; i < evs.length; i++) out[i] = evs[i]!(f);
  return out;
}

/** Call a script function directly with argument values (already copies). */
function scriptCall(c: Compiler, fn: CompiledFn, argEvs: Ev[], pos: Position | undefined): Ev {
  const rt = c.rt;
  const n = argEvs.length;
  // Arity-specialised forms: no loop over argument closures.
  if (n === 0) return () => rt.callScript(fn, new Array<Value>(fn.nslots), undefined, false, pos).v;
  if (n === 1) {
    const a0 = argEvs[0]!;
    return (f) => {
      const slots = new Array<Value>(fn.nslots);
      slots[0] = a0(f);
      return rt.callScript(fn, slots, undefined, false, pos).v;
    };
  }
  if (n === 2) {
    const a0 = argEvs[0]!;
    const a1 = argEvs[1]!;
    return (f) => {
      const slots = new Array<Value>(fn.nslots);
      slots[0] = a0(f);
      slots[1] = a1(f);
      return rt.callScript(fn, slots, undefined, false, pos).v;
    };
  }
  return (f) => {
    const slots = new Array<Value>(fn.nslots);
    for (let i = 0; i < n; i++) slots[i] = argEvs[i]!(f);
    return rt.callScript(fn, slots, undefined, false, pos).v;
  };
}

export function compileCall(c: Compiler, e: CallExpr): Ev {
  const name = e.name;
  const n = e.args.length;
  const pos = e.pos;
  const eng = engineCall(c, e);
  if (eng) return eng;
  const script = c.fns.find(name, n);
  if (script && e.callerScope) {
    const inline = compileCallerScopeCall(c, script, e);
    if (inline) return inline;
  }
  if (script) return scriptCall(c, script, copyArgs(c, e.args), pos);
  return libraryCall(c, e);
}

function libraryCall(c: Compiler, e: CallExpr): Ev {
  const reg = c.reg;
  const name = e.name;
  const pos = e.pos;
  const cache = new SiteCache(reg, name);
  const ctx = c.ctx(pos, name);
  const sizes = c.rt.sizes;
  // First argument by reference when it is a plain, non-constant, non-shared variable.
  const first = e.args[0];
  const info = first && first.k === "var" ? c.scope.lookup(first.name) : undefined;
  const byRef = info !== undefined && !info.isConst && !info.shared && !info.module ? info.slot : -1;
  const evs = e.args.map((a, i) => (i === 0 ? compileExpr(c, a) : compileValue(c, a)));
  const firstIsPlace = first !== undefined && isPlace(first);
  return (f) => {
    const args = evalArgs(evs, f);
    const entry = cache.resolve(args);
    if (!entry) throw fnNotFound(reg, name, args, pos);
    if (entry.mut) {
      if (byRef < 0 && firstIsPlace) args[0] = deepCopy(args[0]);
      const r = callNative(entry, ctx, args);
      if (byRef >= 0) {
        f.s[byRef] = args[0];
        if (sizes.enabled) sizes.check(args[0], pos);
      }
      return r;
    }
    return callNative(entry, ctx, args);
  };
}

/** Engine-level functions by name/arity; undefined when `e` is not one. */
function engineCall(c: Compiler, e: CallExpr): Ev | undefined {
  const n = e.args.length;
  const pos = e.pos;
  const rt = c.rt;
  const reg = c.reg;
  const args = () => e.args.map((a) => compileExpr(c, a));
  switch (e.name) {
    case "type_of":
      if (n !== 1) return undefined;
      {
        const [a] = args();
        return (f) => reg.typeName(a!(f));
      }
    case "print":
    case "debug": {
      if (n > 1) return undefined;
      const a = n === 1 ? args()[0]! : () => undefined;
      const isPrint = e.name === "print";
      return (f) => {
        const v = a(f);
        if (isPrint) rt.onPrint?.(n === 0 ? "" : toDisplay(v), pos);
        else rt.onDebug?.(n === 0 ? "" : toDebug(v), pos);
        return undefined;
      };
    }
    case "Fn": {
      if (n !== 1) return undefined;
      const [a] = args();
      return (f) => makeFnPtr(a!(f), pos, (v) => reg.typeName(v));
    }
    case "call": {
      if (n < 1) return undefined;
      const [p, ...rest] = copyArgs(c, e.args);
      return (f) => {
        const ptr = p!(f);
        if (!(ptr instanceof FnPtr)) throw mismatch(reg.typeName(ptr), "Fn", e.args[0]!.pos);
        return rt.callPtr(ptr, evalArgs(rest, f), undefined, false, pos, c.fns).v;
      };
    }
    case "curry": {
      if (n < 1) return undefined;
      const [p, ...rest] = copyArgs(c, e.args);
      return (f) => {
        const ptr = p!(f);
        if (!(ptr instanceof FnPtr)) throw mismatch(reg.typeName(ptr), "Fn", e.args[0]!.pos);
        return curryPtr(ptr, evalArgs(rest, f));
      };
    }
    case "is_def_fn": {
      if (n !== 2 && n !== 3) return undefined;
      const as = args();
      return (f) => {
        const vs = as.map((a) => a(f));
        const nm = vs[n - 2];
        const ar = vs[n - 1];
        if (typeof nm !== "string" || typeof ar !== "number") return false;
        if (n === 2) return c.fns.find(nm, ar) !== undefined;
        return c.fns.findTyped(String(vs[0]), nm, ar) !== undefined;
      };
    }
    case "is_def_var": {
      if (n !== 1) return undefined;
      const [a] = args();
      const names = c.scope.visibleNames();
      return (f) => {
        const v = a!(f);
        return typeof v === "string" && names.has(v);
      };
    }
    case "is_shared": {
      if (n !== 1) return undefined;
      return isSharedCheck(c, e.args[0]!);
    }
    case "exit": {
      if (n > 1 || c.fns.find("exit", n) || reg.functions.has("exit", n)) return undefined;
      const a = n === 1 ? args()[0]! : () => undefined;
      return (f) => {
        throw new ExitSignal(a(f));
      };
    }
  }
  return undefined;
}

function isSharedCheck(c: Compiler, arg: Expr): Ev {
  if (arg.k === "var") {
    const info = c.scope.lookup(arg.name);
    if (info && info.shared) {
      const slot = info.slot;
      return (f) => f.s[slot] instanceof SharedCell;
    }
  }
  const a = compileExpr(c, arg);
  return (f) => {
    a(f);
    return false;
  };
}

/** `obj.name(args)` — §3.6 order: map FnPtr property, script method, library. */
export function compileMethodCall(c: Compiler, e: MethodCallExpr): Ev {
  const reg = c.reg;
  const rt = c.rt;
  const name = e.name;
  const pos = e.pos;
  const n = e.args.length;
  const argEvs = copyArgs(c, e.args);
  const nullSafe = e.nullSafe;
  const place = isRootedPlace(e.target) ? compilePlace(c, e.target) : undefined;
  const target = place ? (f: Frame) => place.get(f) : compileChain(c, e.target);
  const isConst = place?.rootConst ?? false;
  const cache = new SiteCache(reg, name);
  const ctx: NativeContext = c.ctx(pos, name);
  const sizes = rt.sizes;
  const fns = c.fns;
  const untyped = fns.find(name, n);

  const writeBack = (f: Frame, old: Value, nv: Value): void => {
    if (place && nv !== old) place.set(f, nv);
    else if (place && sizes.enabled) sizes.check(nv, pos);
  };

  // Engine-level methods.
  if (name === "type_of" && n === 0) {
    return (f) => {
      const t = target(f);
      return t === SHORT ? SHORT : reg.typeName(t);
    };
  }
  if (name === "is_shared" && n === 0) {
    const chk = isSharedCheck(c, e.target);
    return (f) => chk(f);
  }
  return (f) => {
    const recv = target(f);
    if (recv === SHORT || (nullSafe && recv === undefined)) return SHORT;
    const args = evalArgs(argEvs, f);
    // 1. Map property holding a function pointer.
    if (recv instanceof RMap) {
      const p = recv.get(name);
      if (p instanceof FnPtr) {
        const fr = rt.callPtr(p, args, recv, true, pos, fns);
        if (!isConst) writeBack(f, recv, fr.thisv);
        return fr.v;
      }
    }
    if (name === "call" || name === "curry") {
      if (recv instanceof FnPtr) {
        if (name === "curry") return curryPtr(recv, args);
        return rt.callPtr(recv, args, undefined, false, pos, fns).v;
      }
      if (name === "call" && n >= 1 && args[0] instanceof FnPtr) {
        const thisv = isConst ? deepCopy(recv) : recv;
        const fr = rt.callPtr(args[0], args.slice(1), thisv, true, pos, fns);
        if (!isConst) writeBack(f, recv, fr.thisv);
        return fr.v;
      }
    }
    // 2. Script method: typed first, then untyped with arity n.
    const script = fns.findTyped(reg.typeName(recv), name, n) ?? untyped;
    if (script) {
      const slots = new Array<Value>(script.nslots);
      for (let i = 0; i < n; i++) slots[i] = args[i];
      const thisv = isConst || !place ? (place ? deepCopy(recv) : recv) : recv;
      const fr = rt.callScript(script, slots, thisv, true, pos);
      if (!isConst) writeBack(f, recv, fr.thisv);
      return fr.v;
    }
    // 3. Library function with the receiver first, by reference.
    const all = [recv, ...args];
    const entry = cache.resolve(all);
    if (!entry) throw fnNotFound(reg, name, all, pos);
    if (entry.rejectOnConst && isConst) {
      throw new RhaiError(
        "ErrorNonPureMethodCallOnConstant",
        `Non-pure method '${name}' cannot be called on constant`,
        pos,
      ).with({ function: name });
    }
    const r = callNative(entry, ctx, all);
    if (entry.mut) writeBack(f, recv, all[0]);
    return r;
  };
}

/** `m::f(args)`: static modules first, then imported aliases, then `global::f`. */
export function compileNsCall(c: Compiler, e: NsCallExpr): Ev {
  const reg = c.reg;
  const rt = c.rt;
  const pos = e.pos;
  const argEvs = copyArgs(c, e.args);
  const n = e.args.length;
  const full = `${e.path.join("::")}::${e.name}`;
  const stat = reg.modules.get(e.path[0]!);
  if (stat) {
    let m = stat;
    for (const p of e.path.slice(1)) m = m.submodules.get(p) ?? m;
    const ctx = c.ctx(pos, e.name);
    return (f) => {
      const args = evalArgs(argEvs, f);
      const entry = m.functions.resolve(
        e.name,
        args.map((a) => reg.typeSpecOf(a)),
      );
      if (!entry) throw fnNotFound(reg, full, args, pos);
      return callNative(entry, ctx, args);
    };
  }
  if (e.path.length === 1 && e.path[0] === "global") {
    const fn = c.fns.find(e.name, n);
    if (fn) return scriptCall(c, fn, argEvs, pos);
  }
  const resolve = moduleResolver(c, e.path);
  return (f) => {
    const m = resolve(f);
    const args = evalArgs(argEvs, f);
    const fn = m instanceof ModuleNs ? m.fns.get(`${e.name}/${n}`) : undefined;
    if (!fn) throw fnNotFound(reg, full, args, pos);
    const slots = new Array<Value>(fn.nslots);
    for (let i = 0; i < n; i++) slots[i] = args[i];
    return rt.callScript(fn, slots, undefined, false, pos).v;
  };
}

export { RETURN, CompiledFn };
