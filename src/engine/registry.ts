// Native functions, property accessors, indexers, host types and static modules.
//
// Naming convention (as in the reference engine): a property getter `x.p` is the native
// function `get$p` with one parameter, a setter `x.p = v` is `set$p` with two, an indexer
// is `index$get` (2) / `index$set` (3). Operators are registered under their symbol
// (`==`, `+`, `+=`, ...). Lookups go through Maps only: no script-chosen name ever
// reaches a JavaScript object's prototype.

import type { Position } from "./errors.ts";
import {
  FnPtr,
  RBlob,
  RChar,
  RFloat,
  RIter,
  RMap,
  RRange,
  RTimestamp,
  type Value,
} from "./value.ts";

/**
 * Parameter type names: the stdlib's own (`int float bool char string array map blob
 * timestamp Fn range range= () iter any`) or a registered host type name (`DirHandle`).
 */
export type TypeSpec = string;

/** What a native function receives besides its arguments. Implemented by the evaluator. */
export interface NativeContext {
  /** Position of the call (function or method name). */
  readonly pos: Position | undefined;
  /** The name the function was called by. */
  readonly fnName: string;
  /** Call a function pointer with arguments (curried values are prepended). */
  call(fn: FnPtr, args: Value[]): Value;
  /** Call a function pointer with `this` bound to `thisValue`; returns [result, new this]. */
  callWithThis(fn: FnPtr, thisValue: Value, args: Value[]): [Value, Value];
  /** Throw ErrorDataTooLarge if a produced value breaks the size limits. */
  checkSize(v: Value): void;
  /** Count operations (for library loops that do a lot of work). */
  tick(n?: number): void;
  /** Consult the progress hook now (deadline, signal); throws ErrorTerminated to stop. */
  poll?(): void;
  /**
   * How many more arguments the pointer's target expects: its declared parameters minus
   * the pointer's curried values (captured variables are curried, so they do not count).
   * `undefined` when the target is not known in advance (a pointer made by `Fn("name")`,
   * which may name several functions of different arities). Used by library callbacks
   * ([CB] in rhai-stdlib.md §1.3).
   */
  arity(fn: FnPtr): number | undefined;
  /**
   * The `==` operator (rhai-language.md §6.2 for FLOATs). Values of different types with
   * no `==` between them are unequal; two values of the same type with no `==` throw
   * `Function not found: == (<t>, <t>)` ([EQ] in rhai-stdlib.md §1.3).
   */
  equals(a: Value, b: Value): boolean;
  /**
   * Metadata of the script-defined functions visible to the caller (including anonymous
   * ones), for `get_fn_metadata_list`. Optional until the evaluator provides it.
   */
  fnMetadata?(): readonly FnMetadata[];
}

/** One script function as `get_fn_metadata_list` describes it (rhai-stdlib.md §2). */
export interface FnMetadata {
  name: string;
  access: "public" | "private";
  isAnonymous: boolean;
  /** Declared parameter names (for closures: without the captured variables). */
  params: readonly string[];
  /** Typed methods only: the receiver type name. */
  thisType?: string;
  /** Functions from modules only. */
  namespace?: string;
}

/**
 * A native function. For `mut` functions, the function may mutate `args[0]` in place or
 * assign `args[0] = newValue`; the evaluator writes `args[0]` back into the receiver place
 * (variable, `this`, index/property chain) after the call.
 */
export type NativeFn = (ctx: NativeContext, args: Value[]) => Value;

export interface FnOptions {
  /** Modifies its first argument (`Mut = yes`). */
  mut?: boolean;
  /** Does not modify, but is rejected on a constant receiver in method style (`ro*`). */
  rejectOnConst?: boolean;
}

export interface FnEntry {
  readonly name: string;
  readonly params: readonly TypeSpec[];
  readonly fn: NativeFn;
  readonly mut: boolean;
  readonly rejectOnConst: boolean;
  /** Bit i set: parameter (n-1-i) is `any`. Lower is preferred (§1.2 of rhai-stdlib.md). */
  readonly anyMask: number;
}

export interface HostTypeInfo {
  readonly name: string;
  /** Display (to_string) form; default `<name>`. */
  readonly display?: (v: object) => string;
  /** Debug form; default: display. */
  readonly debug?: (v: object) => string;
}

/** A namespace reachable as `name::...` (static module). */
export class StaticModule {
  readonly constants = new Map<string, Value>();
  readonly functions = new FunctionTable();
  readonly submodules = new Map<string, StaticModule>();
  constructor(readonly name: string) {}
  constant(name: string, value: Value): this {
    this.constants.set(name, value);
    return this;
  }
  fn(name: string, params: TypeSpec[], fn: NativeFn, opts?: FnOptions): this {
    this.functions.add(name, params, fn, opts);
    return this;
  }
  submodule(name: string): StaticModule {
    let m = this.submodules.get(name);
    if (!m) this.submodules.set(name, (m = new StaticModule(name)));
    return m;
  }
}

export class FunctionTable {
  private readonly byKey = new Map<string, FnEntry[]>();
  private readonly cache = new Map<string, FnEntry | null>();
  private readonly names = new Set<string>();
  /** `name(param,...)` -> index in its byKey list (replacement of a same-signature entry). */
  private readonly bySignature = new Map<string, number>();

  add(name: string, params: TypeSpec[], fn: NativeFn, opts: FnOptions = {}): void {
    const key = `${name}/${params.length}`;
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    let anyMask = 0;
    for (let i = 0; i < params.length; i++) if (params[i] === "any") anyMask |= 1 << (params.length - 1 - i);
    const entry: FnEntry = {
      name,
      params: params.slice(),
      fn,
      mut: !!opts.mut,
      rejectOnConst: !!opts.mut || !!opts.rejectOnConst,
      anyMask,
    };
    // A later registration with the same signature replaces the earlier one.
    const sig = `${key}:${params.join(",")}`;
    const same = this.bySignature.get(sig);
    if (same !== undefined) list[same] = entry;
    else {
      this.bySignature.set(sig, list.length);
      list.push(entry);
    }
    this.names.add(name);
    if (this.cache.size > 0) this.cache.clear();
  }

  has(name: string, arity: number): boolean {
    return this.byKey.has(`${name}/${arity}`);
  }

  hasName(name: string): boolean {
    return this.names.has(name);
  }

  /** Resolve by name and the argument type specs (see typeSpecOf). */
  resolve(name: string, argTypes: readonly TypeSpec[]): FnEntry | undefined {
    const key = `${name}/${argTypes.length}`;
    const list = this.byKey.get(key);
    if (!list) return undefined;
    const ckey = `${key}:${argTypes.join(",")}`;
    const hit = this.cache.get(ckey);
    if (hit !== undefined) return hit ?? undefined;
    let best: FnEntry | undefined;
    for (const e of list) {
      let ok = true;
      for (let i = 0; i < argTypes.length; i++) {
        const p = e.params[i];
        if (p !== "any" && p !== argTypes[i]) {
          ok = false;
          break;
        }
      }
      if (ok && (!best || e.anyMask < best.anyMask)) best = e;
    }
    this.cache.set(ckey, best ?? null);
    return best;
  }
}

export class Registry {
  readonly functions = new FunctionTable();
  readonly modules = new Map<string, StaticModule>();
  private readonly hostTypes = new Map<Function, HostTypeInfo>();

  /** Register a native function callable as `name(...)` and `x.name(...)`. */
  fn(name: string, params: TypeSpec[], fn: NativeFn, opts?: FnOptions): this {
    this.functions.add(name, params, fn, opts);
    return this;
  }

  /** Register a property getter `x.name` for values of `type`. */
  getter(type: TypeSpec, name: string, fn: (ctx: NativeContext, self: Value) => Value): this {
    this.functions.add(`get$${name}`, [type], (ctx, a) => fn(ctx, a[0]));
    return this;
  }

  /** Register a property setter `x.name = v`; the setter mutates `args[0]` (written back). */
  setter(type: TypeSpec, name: string, valueType: TypeSpec, fn: NativeFn): this {
    this.functions.add(`set$${name}`, [type, valueType], fn, { mut: true });
    return this;
  }

  /** Register an indexer `x[i]` (get) for values of `type` with index type `indexType`. */
  indexGetter(type: TypeSpec, indexType: TypeSpec, fn: NativeFn): this {
    this.functions.add("index$get", [type, indexType], fn);
    return this;
  }

  indexSetter(type: TypeSpec, indexType: TypeSpec, valueType: TypeSpec, fn: NativeFn): this {
    this.functions.add("index$set", [type, indexType, valueType], fn, { mut: true });
    return this;
  }

  /** Register a host class: its instances have type_of `info.name`. */
  registerType(ctor: Function, info: HostTypeInfo): this {
    this.hostTypes.set(ctor, info);
    return this;
  }

  hostTypeOf(v: object): HostTypeInfo | undefined {
    return this.hostTypes.get(v.constructor);
  }

  /** The static module `name::` (created on first use). */
  module(name: string): StaticModule {
    let m = this.modules.get(name);
    if (!m) this.modules.set(name, (m = new StaticModule(name)));
    return m;
  }

  /** The dispatch type of a value (the TypeSpec names used in registrations). */
  typeSpecOf(v: Value): TypeSpec {
    switch (typeof v) {
      case "number":
      case "bigint":
        return "int";
      case "string":
        return "string";
      case "boolean":
        return "bool";
      case "undefined":
        return "()";
    }
    if (v instanceof RFloat) return "float";
    if (v instanceof RChar) return "char";
    if (Array.isArray(v)) return "array";
    if (v instanceof RMap) return "map";
    if (v instanceof FnPtr) return "Fn";
    if (v instanceof RRange) return v.inclusive ? "range=" : "range";
    if (v instanceof RBlob) return "blob";
    if (v instanceof RTimestamp) return "timestamp";
    if (v instanceof RIter) return "iter";
    const h = this.hostTypeOf(v as object);
    return h ? h.name : "?";
  }

  /** `type_of(v)` (rhai-language.md §4). */
  typeName(v: Value): string {
    const t = this.typeSpecOf(v);
    switch (t) {
      case "int":
        return "i64";
      case "float":
        return "f64";
      case "iter":
        return "range";
      default:
        return t;
    }
  }

  /** The type text used in `Function not found: f (<types>)` (§3.5). */
  signatureTypeName(v: Value): string {
    return typeof v === "string" ? "&str | ImmutableString | String" : this.typeName(v);
  }
}
