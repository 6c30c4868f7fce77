// Run-time limits (rhai-language.md §13): the operation counter's slow path, the progress
// (deadline/signal) check, and data-size checks. None of these errors is catchable.

import type { Limits } from "./api.ts";
import { type Position, RhaiError } from "./errors.ts";
import { RBlob, RMap, utf8Length, type Value } from "./value.ts";

/** How often (in operations) the progress callback is consulted. */
export const PROGRESS_EVERY = 1024;

export class OpCounter {
  ops = 0;
  /** The next `ops` value at which `slow()` must run. */
  next = PROGRESS_EVERY;
  constructor(
    public maxOps: number,
    public progress: (() => string | undefined) | undefined,
  ) {}

  reset(): void {
    this.ops = 0;
    this.next = this.maxOps > 0 ? Math.min(this.maxOps + 1, PROGRESS_EVERY) : PROGRESS_EVERY;
  }

  /**
   * Called when ops reached `next`: enforce the operation limit and poll progress. `pos` is
   * the position of the operation being counted (the error carries it, runner.md §1.3).
   */
  slow(pos?: Position): void {
    if (this.maxOps > 0 && this.ops > this.maxOps) throw new RhaiError("ErrorTooManyOperations", "Too many operations", pos);
    this.poll(pos);
    const p = this.ops + PROGRESS_EVERY;
    this.next = this.maxOps > 0 ? Math.min(p, this.maxOps + 1) : p;
  }

  /** Poll the progress callback (also at loop back-edges every few iterations). */
  poll(pos?: Position): void {
    if (this.progress) {
      const reason = this.progress();
      if (reason !== undefined) {
        throw new RhaiError("ErrorTerminated", reason ? `Script terminated: ${reason}` : "Script terminated", pos);
      }
    }
  }
}

/** Size checks after operations that grow values. Enabled only when a size limit is set. */
export class SizeChecker {
  readonly enabled: boolean;
  constructor(private readonly limits: Limits) {
    this.enabled = limits.maxStringSize > 0 || limits.maxArraySize > 0 || limits.maxMapSize > 0;
  }

  /** `pos`: the operation that produced `v` (callers without one stamp it later). */
  check(v: Value, pos?: Position): void {
    if (!this.enabled) return;
    const l = this.limits;
    if (typeof v === "string") {
      if (l.maxStringSize > 0 && stringTooLarge(v, l.maxStringSize)) throw tooLarge("Length of string too large", pos);
      return;
    }
    if (typeof v !== "object" || v === null) return;
    const t = measureContainer(v);
    if (t === undefined) return;
    if (l.maxArraySize > 0 && t.arr > l.maxArraySize) throw tooLarge("Size of array/BLOB too large", pos);
    if (l.maxMapSize > 0 && t.map > l.maxMapSize) throw tooLarge("Size of object map too large", pos);
  }
}

/** UTF-8 length > max? Each UTF-16 unit is 1 to 3 UTF-8 bytes, so most strings need no count. */
function stringTooLarge(s: string, max: number): boolean {
  if (s.length * 3 <= max) return false;
  if (s.length > max) return true;
  return utf8Length(s) > max;
}

interface Sizes {
  /** Array elements and BLOB bytes, nested arrays counted recursively. */
  arr: number;
  /** Object-map properties, nested maps counted recursively. */
  map: number;
}

interface CachedSizes extends Sizes {
  /** Container length when `arr`/`map` were last brought up to date. */
  len: number;
  /** Container length at the last full measurement. */
  fullLen: number;
}

// Sizes of containers measured earlier. A container that grew is measured incrementally (only
// its new elements) until it has doubled since its last full measurement, so a loop of pushes
// costs amortised O(1) per check instead of O(n). Nested containers are checked themselves
// when they grow; an outer total may lag behind in-place growth of a nested container until
// the outer container's next full measurement.
const SIZE_CACHE = new WeakMap<object, CachedSizes>();

function measureContainer(v: object): Sizes | undefined {
  if (v instanceof RBlob) return { arr: v.length, map: 0 };
  const isArray = Array.isArray(v);
  if (!isArray && !(v instanceof RMap)) return undefined;
  const len = isArray ? (v as Value[]).length : (v as RMap).size;
  const c = SIZE_CACHE.get(v);
  if (c !== undefined && len >= c.len && len < 2 * c.fullLen + 16) {
    if (len === c.len) return c;
    if (isArray) {
      const a = v as Value[];
      c.arr += len - c.len;
      for (let i = c.len; i < len; i++) addNested(a[i], c);
    } else {
      // Map growth: the new keys are not at known positions, so count them only; values
      // stored under them were size-checked when they were built, and the next full
      // measurement (when the map has doubled) counts their contents.
      c.map += len - c.len;
    }
    c.len = len;
    return c;
  }
  const full = measureFull(v);
  SIZE_CACHE.set(v, { ...full, len, fullLen: len });
  return full;
}

function addNested(x: Value, t: Sizes): void {
  if (typeof x !== "object" || x === null) return;
  const n = measureContainer(x);
  if (n !== undefined) {
    t.arr += n.arr;
    t.map += n.map;
  }
}

function measureFull(v: object): Sizes {
  const t: Sizes = { arr: 0, map: 0 };
  if (Array.isArray(v)) {
    t.arr += v.length;
    for (const x of v) addNested(x, t);
  } else if (v instanceof RMap) {
    t.map += v.size;
    for (const x of v.values()) addNested(x, t);
  }
  return t;
}

function tooLarge(msg: string, pos: Position | undefined): RhaiError {
  return new RhaiError("ErrorDataTooLarge", msg, pos);
}

export function tooManyVariables(): RhaiError {
  return new RhaiError("ErrorTooManyVariables", "Too many variables defined");
}

export function stackOverflow(): RhaiError {
  return new RhaiError("ErrorStackOverflow", "Stack overflow");
}
