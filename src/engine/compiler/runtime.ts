// The evaluator's run-time state: frames (one slot array per function activation), completion
// codes, compiled functions, and the calls that cross function boundaries (script functions,
// function pointers, native callbacks) with their error wrapping (§7.4, §7.5, §12.3).

import type { Limits } from "../api.ts";
import type { FnDef } from "../ast.ts";
import { ExitSignal, type Position, RhaiError } from "../errors.ts";
import { OpCounter, SizeChecker, stackOverflow } from "../limits.ts";
import type { FnMetadata, NativeContext, Registry, StaticModule } from "../registry.ts";
import { BinarySite } from "./operators.ts";
import { FnPtr, SharedCell, type Value } from "../value.ts";

export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

/** One activation: variable slots (a slot may hold a SharedCell when captured), `this`. */
export class Frame {
  // Fields are assigned in the constructor (no class-field definitions): a frame is created
  // per script call, and plain stores keep its construction cheap and its shape fixed.
  /** Value of the last statement executed (block values), or break/return value. */
  declare v: Value;
  declare readonly s: Value[];
  declare thisv: Value;
  declare readonly hasThis: boolean;
  constructor(s: Value[], thisv: Value, hasThis: boolean) {
    this.v = undefined;
    this.s = s;
    this.thisv = thisv;
    this.hasThis = hasThis;
  }
}

export type Ev = (f: Frame) => Value;
/** A statement: returns a completion code; its value is left in `f.v`. */
export type Ex = (f: Frame) => number;

/** break/continue/return raised from expression position (`x ?? break`). */
export class CtlSignal {
  constructor(
    public readonly code: number,
    public readonly value: Value,
  ) {}
}

/** An imported script module's namespace (§2.10). */
export class ModuleNs {
  readonly vars = new Map<string, Value>();
  readonly fns = new Map<string, CompiledFn>();
  readonly submodules = new Map<string, ModuleNs>();
  constructor(readonly name: string) {}
}

export type Namespace = ModuleNs | StaticModule;

export class CompiledFn {
  nslots = 0;
  body: Ex = () => NORMAL;
  /**
   * Call with argument values (already copies) from a call site at `pos`: ops, depth and
   * error wrapping as callScript. Generated code calls functions known at compile time
   * through this; a function whose body was generated in direct form (JS locals, no frame)
   * replaces it with that form (codegen.ts).
   */
  invoke: (pos: Position | undefined, ...args: Value[]) => Value = () => undefined;
  /** Slots of the parameters (0..n-1). */
  constructor(
    readonly def: FnDef,
    /** The module it was defined in (for error texts), if imported. */
    readonly module: string | undefined,
  ) {}
  get name(): string {
    return this.def.name;
  }
  get arity(): number {
    return this.def.params.length;
  }
}

/** Script functions visible to a compiled script (by `name/arity`, typed `type.name/arity`). */
export class FnTable {
  readonly plain = new Map<string, CompiledFn>();
  readonly typed = new Map<string, CompiledFn>();
  readonly byName = new Map<string, CompiledFn>();
  find(name: string, arity: number): CompiledFn | undefined {
    return this.plain.get(`${name}/${arity}`);
  }
  findTyped(type: string, name: string, arity: number): CompiledFn | undefined {
    return this.typed.get(`${type}.${name}/${arity}`);
  }
}

export class Runtime {
  readonly counter: OpCounter;
  readonly sizes: SizeChecker;
  depth = 0;
  readonly maxDepth: number;
  /** Top-level constants for `global::X`. */
  globals = new Map<string, Value>();
  onPrint: ((text: string, pos: Position | undefined) => void) | undefined;
  onDebug: ((text: string, pos: Position | undefined) => void) | undefined;
  /** Imported-module cache for this run (path -> namespace). */
  modules = new Map<string, ModuleNs>();
  moduleCount = 0;
  constructor(
    readonly registry: Registry,
    readonly limits: Limits,
    progress: (() => string | undefined) | undefined,
  ) {
    this.counter = new OpCounter(limits.maxOperations, progress);
    this.sizes = new SizeChecker(limits);
    this.maxDepth = limits.maxCallLevels;
  }

  reset(): void {
    this.counter.reset();
    this.depth = 0;
    this.globals = new Map();
    this.modules = new Map();
    this.moduleCount = 0;
  }

  /** Call a compiled script function with prepared slots. */
  callScript(fn: CompiledFn, slots: Value[], thisv: Value, hasThis: boolean, pos: Position | undefined): Frame {
    const c = this.counter;
    if (++c.ops >= c.next) c.slow(pos);
    if (this.depth >= this.maxDepth) throw stackOverflow().at(pos);
    this.depth++;
    const fr = new Frame(slots, thisv, hasThis);
    try {
      fn.body(fr);
    } catch (e) {
      this.depth--;
      throw wrapInCall(e, fn, pos);
    }
    this.depth--;
    return fr;
  }

  /** Call a function pointer (curried values first); `this` bound when hasThis. */
  callPtr(
    ptr: FnPtr,
    args: Value[],
    thisv: Value,
    hasThis: boolean,
    pos: Position | undefined,
    fns: FnTable,
  ): Frame {
    const target = resolvePtr(ptr, args.length + ptr.curry.length, fns);
    if (!target) {
      const all = [...ptr.curry, ...args].map((a) => this.registry.signatureTypeName(a instanceof SharedCell ? a.v : a));
      // A library function named by the pointer.
      const lib = this.registry.functions.resolve(
        ptr.name,
        [...ptr.curry, ...args].map((a) => this.registry.typeSpecOf(a instanceof SharedCell ? a.v : a)),
      );
      if (lib) {
        const fr = new Frame([], thisv, hasThis);
        const real = [...ptr.curry, ...args].map((a) => (a instanceof SharedCell ? a.v : a));
        try {
          fr.v = lib.fn(this.nativeCtx(pos, ptr.name, fns), real);
        } catch (e) {
          if (e instanceof RhaiError) e.at(pos);
          throw e;
        }
        return fr;
      }
      throw new RhaiError("ErrorFunctionNotFound", `Function not found: ${ptr.name} (${all.join(", ")})`, pos).with({
        function: `${ptr.name} (${all.join(", ")})`,
      });
    }
    const slots = new Array<Value>(target.nslots);
    let i = 0;
    for (const c of ptr.curry) slots[i++] = c;
    for (const a of args) slots[i++] = a;
    return this.callScript(target, slots, thisv, hasThis, pos);
  }

  /** A NativeContext for a call site (cheap: created once per site, reused). */
  nativeCtx(pos: Position | undefined, fnName: string, fns: FnTable): NativeContext {
    return new SiteContext(this, pos, fnName, fns);
  }
}

export function resolvePtr(ptr: FnPtr, arity: number, fns: FnTable): CompiledFn | undefined {
  if (ptr.fn instanceof CompiledFn) return ptr.fn;
  return fns.find(ptr.name, arity);
}

/** Pointers made from a bare function name (not `Fn("...")`): one wrapper line in callbacks. */
export const barePtrs = new WeakSet<FnPtr>();

class SiteContext implements NativeContext {
  constructor(
    private readonly rt: Runtime,
    readonly pos: Position | undefined,
    readonly fnName: string,
    private readonly fns: FnTable,
  ) {}
  call(fn: FnPtr, args: Value[]): Value {
    return this.callback(fn, args, undefined, false).v;
  }
  callWithThis(fn: FnPtr, thisValue: Value, args: Value[]): [Value, Value] {
    const fr = this.callback(fn, args, thisValue, true);
    return [fr.v, fr.thisv];
  }
  private callback(fn: FnPtr, args: Value[], thisv: Value, hasThis: boolean): Frame {
    try {
      return this.rt.callPtr(fn, args, thisv, hasThis, this.pos, this.fns);
    } catch (e) {
      if (e instanceof RhaiError && e.catchable && !fn.isAnonymous && !barePtrs.has(fn) && e.kind === "ErrorInFunctionCall") {
        throw inCall(e, `in call to function '${this.fnName}'`, this.fnName, this.pos);
      }
      throw e;
    }
  }
  checkSize(v: Value): void {
    this.rt.sizes.check(v);
  }
  arity(fn: FnPtr): number | undefined {
    const target = fn.fn instanceof CompiledFn ? fn.fn : barePtrs.has(fn) ? this.fns.byName.get(fn.name) : undefined;
    return target ? target.arity - fn.curry.length : undefined;
  }
  equals(a: Value, b: Value): boolean {
    if (!this.eq) this.eq = new BinarySite(this.rt.registry, "==", this);
    return this.eq.apply(a, b) === true;
  }
  private eq: BinarySite | undefined;
  fnMetadata(): readonly FnMetadata[] {
    const out: FnMetadata[] = [];
    for (const fn of [...this.fns.plain.values(), ...this.fns.typed.values()]) {
      const d = fn.def;
      const m: FnMetadata = {
        name: d.name,
        access: d.private ? "private" : "public",
        isAnonymous: d.isAnonymous,
        params: d.params.slice(d.captureCount),
      };
      if (d.receiverType !== undefined) m.thisType = d.receiverType;
      out.push(m);
    }
    return out;
  }
  tick(n = 1): void {
    const c = this.rt.counter;
    c.ops += n;
    if (c.ops >= c.next) c.slow(this.pos);
  }
  poll(): void {
    this.rt.counter.poll(this.pos);
  }
}

function inCall(inner: RhaiError, line: string, fnName: string, pos: Position | undefined): RhaiError {
  return new RhaiError("ErrorInFunctionCall", `${inner.toString()}\n${line}`, pos, undefined, inner).with({
    function: fnName,
    source: "",
  });
}

/** §7.5 / §12.3: wrap an error escaping a script function body. */
export function wrapInCall(e: unknown, fn: CompiledFn, pos: Position | undefined): unknown {
  if (e instanceof RhaiError) {
    if (!e.catchable) {
      e.pos = pos ?? e.pos;
      return e;
    }
    let inner = e;
    if (fn.module !== undefined && e.kind !== "ErrorInFunctionCall") {
      inner = new RhaiError(e.kind, `${e.message} @ '${fn.module}'`, e.pos, e.value, e.inner);
      inner.extra = e.extra;
      inner.origin = e.origin;
    }
    const line = fn.def.isAnonymous
      ? "in closure call"
      : `in call to function '${fn.name}'${fn.module !== undefined ? ` (from '${fn.module}')` : ""}`;
    const w = inCall(inner, line, fn.name, pos);
    w.origin = e.origin;
    return w;
  }
  if (e instanceof ExitSignal || e instanceof CtlSignal) return e;
  return e;
}
