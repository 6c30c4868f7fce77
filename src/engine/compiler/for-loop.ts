// `for` loops (§5.4) compiled to closures, and the value sources generated code uses for
// sources other than INT ranges and arrays (codegen.ts): same iteration rules in both.

import type { ForStmt } from "../ast.ts";
import type { Position } from "../errors.ts";
import { RhaiError } from "../errors.ts";
import { ITER_DONE, RBlob, RChar, RIter, RRange, SharedCell, type Value, deepCopy } from "../value.ts";
import type { Compiler } from "./compiler.ts";
import { compileExpr, isPlace } from "./expr.ts";
import { BREAK, CONTINUE, CtlSignal, type Ex, type Frame, NORMAL, RETURN } from "./runtime.ts";
import { hasStmtExpr } from "./scope.ts";

export function compileFor(c: Compiler, s: ForStmt): Ex {
  const iterable = compileExpr(c, s.iterable);
  const ipos = s.iterable.pos;
  const srcIsPlace = isPlace(s.iterable);
  c.scope.push();
  const xv = c.scope.declare(s.name, false);
  const iv = s.counter !== undefined ? c.scope.declare(s.counter, false) : undefined;
  const body = c.block(s.body);
  c.scope.pop();
  const xs = xv.slot;
  const is = iv ? iv.slot : -1;
  const counter = c.rt.counter;
  const catches = hasStmtExpr(s.body);
  const set = (f: Frame, slot: number, v: Value): void => {
    const cell = f.s[slot];
    if (cell instanceof SharedCell) cell.v = v;
    else f.s[slot] = v;
  };
  // One iteration; returns the loop completion (NORMAL to go on, or a code to stop with).
  const fpos = s.pos;
  const plainX = !xv.shared && is < 0 && !catches;
  const iter = plainX
    ? (f: Frame, v: Value): number => {
        if (++counter.ops >= counter.next) counter.slow(fpos);
        f.s[xs] = v;
        const code = body(f);
        return code === CONTINUE ? NORMAL : code;
      }
    : (f: Frame, v: Value, n: number): number => {
    if (++counter.ops >= counter.next) counter.slow(fpos);
    set(f, xs, v);
    if (is >= 0) set(f, is, n);
    let code: number;
    if (catches) {
      try {
        code = body(f);
      } catch (e) {
        if (!(e instanceof CtlSignal) || e.code === RETURN) throw e;
        if (e.code === BREAK) {
          f.v = e.value;
          return BREAK;
        }
        code = NORMAL;
      }
    } else code = body(f);
    return code === CONTINUE ? NORMAL : code;
  };
  return (f) => {
    const src = iterable(f);
    f.s[xs] = undefined;
    if (is >= 0) f.s[is] = 0;
    let code = NORMAL;
    let n = 0;
    if (src instanceof RRange) {
      if (typeof src.start === "number" && typeof src.end === "number") {
        const end = src.inclusive ? src.end + 1 : src.end;
        for (let i = src.start; i < end; i++) {
          code = iter(f, i, n++);
          if (code !== NORMAL) break;
        }
      } else {
        let i = BigInt(src.start);
        const end = BigInt(src.end) + (src.inclusive ? 1n : 0n);
        for (; i < end; i++) {
          code = iter(f, i >= -9007199254740991n && i <= 9007199254740991n ? Number(i) : i, n++);
          if (code !== NORMAL) break;
        }
      }
    } else if (Array.isArray(src)) {
      const arr = srcIsPlace ? src.slice() : src;
      for (let k = 0; k < arr.length; k++) {
        const x = arr[k];
        code = iter(f, typeof x === "object" ? deepCopy(x) : x, n++);
        if (code !== NORMAL) break;
      }
    } else if (typeof src === "string") {
      for (const ch of src) {
        code = iter(f, RChar.of(ch.codePointAt(0)!), n++);
        if (code !== NORMAL) break;
      }
    } else if (src instanceof RBlob) {
      const bytes = src.view().slice();
      for (let k = 0; k < bytes.length; k++) {
        code = iter(f, bytes[k]!, n++);
        if (code !== NORMAL) break;
      }
    } else if (src instanceof RIter) {
      for (;;) {
        const v = src.next();
        if (v === ITER_DONE) break;
        code = iter(f, v, n++);
        if (code !== NORMAL) break;
      }
    } else {
      throw new RhaiError("ErrorFor", "For loop expects iterable type", ipos);
    }
    if (code === BREAK) return NORMAL;
    if (code !== NORMAL) return code;
    f.v = undefined;
    return NORMAL;
  };
}

/** The values a `for` loop visits (compileFor's rules), as a next() returning ITER_DONE at the end. */
export function forSource(src: Value, srcIsPlace: boolean, ipos: Position | undefined): () => Value {
  if (src instanceof RRange) {
    let i = BigInt(src.start);
    const end = BigInt(src.end) + (src.inclusive ? 1n : 0n);
    return () => {
      if (i >= end) return ITER_DONE;
      const v = i++;
      return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
    };
  }
  if (Array.isArray(src)) {
    const arr = srcIsPlace ? src.slice() : src;
    let k = 0;
    return () => {
      if (k >= arr.length) return ITER_DONE;
      const x = arr[k++];
      return typeof x === "object" ? deepCopy(x) : x;
    };
  }
  if (typeof src === "string") {
    let k = 0;
    return () => {
      if (k >= src.length) return ITER_DONE;
      const cp = src.codePointAt(k)!;
      k += cp > 0xffff ? 2 : 1;
      return RChar.of(cp);
    };
  }
  if (src instanceof RBlob) {
    const bytes = src.view().slice();
    let k = 0;
    return () => (k < bytes.length ? bytes[k++]! : ITER_DONE);
  }
  if (src instanceof RIter) return src.next;
  throw new RhaiError("ErrorFor", "For loop expects iterable type", ipos);
}
