// Operator dispatch at run time: built-in table first (ops.ts), then library operator
// functions, then the mixed-type comparison rule; otherwise `Function not found`.

import { type Position, RhaiError } from "../errors.ts";
import { NO_OP, builtinBinary, builtinUnary, mixedFallback } from "../ops.ts";
import type { SizeChecker } from "../limits.ts";
import type { FnEntry, NativeContext, Registry } from "../registry.ts";
import { RBlob, RChar, type Value, deepCopy } from "../value.ts";

export function fnNotFound(reg: Registry, name: string, args: Value[], pos: Position | undefined): RhaiError {
  const sig = `${name} (${args.map((a) => reg.signatureTypeName(a)).join(", ")})`;
  return new RhaiError("ErrorFunctionNotFound", `Function not found: ${sig}`, pos).with({ function: sig });
}

/** A per-site cache of library resolution keyed by the argument type specs. */
export class SiteCache {
  private types: string[] = [];
  private entry: FnEntry | undefined;
  constructor(
    private readonly reg: Registry,
    private readonly name: string,
  ) {}
  resolve(args: Value[]): FnEntry | undefined {
    const reg = this.reg;
    const t = this.types;
    let hit = this.entry !== undefined && t.length === args.length;
    if (hit) {
      for (let i = 0; i < args.length; i++) {
        if (reg.typeSpecOf(args[i]) !== t[i]) {
          hit = false;
          break;
        }
      }
    }
    if (hit) return this.entry;
    const types = args.map((a) => reg.typeSpecOf(a));
    const e = reg.functions.resolve(this.name, types);
    if (e) {
      this.types = types;
      this.entry = e;
    }
    return e;
  }
}

/** Call a native entry, stamping library errors with the call position. */
export function callNative(e: FnEntry, ctx: NativeContext, args: Value[]): Value {
  try {
    return e.fn(ctx, args);
  } catch (err) {
    if (err instanceof RhaiError) err.at(ctx.pos);
    throw err;
  }
}

export class BinarySite {
  readonly cache: SiteCache;
  constructor(
    readonly reg: Registry,
    readonly op: string,
    readonly ctx: NativeContext,
    /** Size limits to enforce on results (only when a limit is set). */
    readonly sizes?: SizeChecker,
  ) {
    this.cache = new SiteCache(reg, op);
  }
  /** `a op b`. Built-in arithmetic errors carry no position (§12.2). */
  apply(a: Value, b: Value): Value {
    const r = builtinBinary(this.op, a, b);
    if (r !== NO_OP) {
      if (this.sizes !== undefined && (typeof r === "string" || typeof r === "object")) this.sizes.check(r, this.ctx.pos);
      return r;
    }
    return this.library(a, b);
  }
  library(a: Value, b: Value): Value {
    const args = [a, b];
    const e = this.cache.resolve(args);
    if (e) {
      const r = callNative(e, this.ctx, args);
      if (this.sizes !== undefined && (typeof r === "string" || typeof r === "object")) this.sizes.check(r, this.ctx.pos);
      return r;
    }
    const m = mixedFallback(this.op, a, b, this.reg.typeSpecOf(a), this.reg.typeSpecOf(b));
    if (m !== NO_OP) return m;
    throw fnNotFound(this.reg, this.op, args, this.ctx.pos);
  }
}

export class UnarySite {
  readonly cache: SiteCache;
  constructor(
    readonly reg: Registry,
    readonly op: string,
    readonly ctx: NativeContext,
  ) {
    this.cache = new SiteCache(reg, op);
  }
  apply(a: Value): Value {
    let r;
    try {
      r = builtinUnary(this.op, a);
    } catch (e) {
      if (e instanceof RhaiError) e.at(this.ctx.pos);
      throw e;
    }
    if (r !== NO_OP) return r;
    const args = [a];
    const e = this.cache.resolve(args);
    if (e) return callNative(e, this.ctx, args);
    throw fnNotFound(this.reg, this.op, args, this.ctx.pos);
  }
}

/**
 * Compound assignment `x op= y` on a value (§2.4): fast built-in forms, then a library `op=`
 * function (mutating args[0]), then `x = x op y`. Errors carry the operator position.
 */
export class OpAssignSite {
  readonly plain: BinarySite;
  readonly cache: SiteCache;
  constructor(
    readonly reg: Registry,
    readonly op: string,
    readonly ctx: NativeContext,
  ) {
    this.plain = new BinarySite(reg, op, ctx);
    this.cache = new SiteCache(reg, `${op}=`);
  }
  apply(x: Value, y: Value): Value {
    try {
      const r = builtinBinary(this.op, x, y);
      if (r !== NO_OP) return r;
      if (this.op === "+") {
        if (Array.isArray(x)) {
          if (Array.isArray(y)) for (const v of y) x.push(deepCopy(v));
          else x.push(y);
          return x;
        }
        if (x instanceof RBlob) {
          if (typeof y === "number" || typeof y === "bigint") x.push(Number(BigInt.asUintN(8, BigInt(y))));
          else if (y instanceof RBlob) for (const b of y.view().slice()) x.push(b);
          else if (typeof y === "string" || y instanceof RChar) {
            for (const b of new TextEncoder().encode(y.toString())) x.push(b);
          } else return this.rest(x, y);
          return x;
        }
      }
      return this.rest(x, y);
    } catch (e) {
      if (e instanceof RhaiError) e.at(this.ctx.pos);
      throw e;
    }
  }
  private rest(x: Value, y: Value): Value {
    const args = [x, y];
    const e = this.cache.resolve(args);
    if (e) {
      e.fn(this.ctx, args);
      return args[0];
    }
    return this.plain.library(x, y);
  }
}
