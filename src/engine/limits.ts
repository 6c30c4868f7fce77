// Run-time limits (rhai-language.md §13): the operation counter's slow path, the progress
// (deadline/signal) check, and data-size checks. None of these errors is catchable.

import type { Limits } from "./api.ts";
import { RhaiError } from "./errors.ts";
import { RBlob, RMap, type Value } from "./value.ts";

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

  /** Called when ops reached `next`: enforce the operation limit and poll progress. */
  slow(): void {
    if (this.maxOps > 0 && this.ops > this.maxOps) throw new RhaiError("ErrorTooManyOperations", "Too many operations");
    this.poll();
    const p = this.ops + PROGRESS_EVERY;
    this.next = this.maxOps > 0 ? Math.min(p, this.maxOps + 1) : p;
  }

  /** Poll the progress callback (also at loop back-edges every few iterations). */
  poll(): void {
    if (this.progress) {
      const reason = this.progress();
      if (reason !== undefined) {
        throw new RhaiError("ErrorTerminated", reason ? `Script terminated: ${reason}` : "Script terminated");
      }
    }
  }
}

function utf8Len(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Size checks after operations that grow values. Enabled only when a size limit is set. */
export class SizeChecker {
  readonly enabled: boolean;
  constructor(private readonly limits: Limits) {
    this.enabled = limits.maxStringSize > 0 || limits.maxArraySize > 0 || limits.maxMapSize > 0;
  }

  check(v: Value): void {
    if (!this.enabled) return;
    const t = { arr: 0, map: 0, str: 0 };
    measure(v, t);
    const l = this.limits;
    if (l.maxStringSize > 0 && t.str > l.maxStringSize) throw new RhaiError("ErrorDataTooLarge", "Length of string too large");
    if (l.maxArraySize > 0 && t.arr > l.maxArraySize) throw new RhaiError("ErrorDataTooLarge", "Size of array/BLOB too large");
    if (l.maxMapSize > 0 && t.map > l.maxMapSize) throw new RhaiError("ErrorDataTooLarge", "Size of object map too large");
  }
}

function measure(v: Value, t: { arr: number; map: number; str: number }): void {
  if (typeof v === "string") {
    t.str = Math.max(t.str, utf8Len(v));
  } else if (Array.isArray(v)) {
    t.arr += v.length;
    for (const x of v) if (typeof x === "object" || typeof x === "string") measure(x, t);
  } else if (v instanceof RMap) {
    t.map += v.size;
    for (const x of v.values()) if (typeof x === "object" || typeof x === "string") measure(x, t);
  } else if (v instanceof RBlob) {
    t.arr += v.length;
  }
}

export function tooManyVariables(): RhaiError {
  return new RhaiError("ErrorTooManyVariables", "Too many variables defined");
}

export function stackOverflow(): RhaiError {
  return new RhaiError("ErrorStackOverflow", "Stack overflow");
}
