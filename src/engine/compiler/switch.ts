// `switch` (rhai-language.md §2.6): exact cases by a type-and-value key, then INT ranges in
// source order (also for FLOAT scrutinees), then the default arm.

import type { Stmt, SwitchStmt } from "../ast.ts";
import { FnPtr, RBlob, RChar, RFloat, RMap, RRange, type Value } from "../value.ts";
import type { Compiler } from "./compiler.ts";
import { compileExpr } from "./expr.ts";
import { type Ev, type Ex, NORMAL } from "./runtime.ts";
import { boolCond, compileStmt } from "./stmt.ts";
import { stmtStart, stmtWeight } from "./weights.ts";

/** A hashable key for exact switch matching (type + value; structural for containers). */
export function switchKey(v: Value): string | undefined {
  if (typeof v === "number" || typeof v === "bigint") return `i${v}`;
  if (typeof v === "string") return `s${v}`;
  if (typeof v === "boolean") return v ? "bt" : "bf";
  if (v === undefined) return "u";
  if (v instanceof RFloat) return `f${Object.is(v.v, -0) ? "-0" : v.v}`;
  if (v instanceof RChar) return `c${v.cp}`;
  if (Array.isArray(v)) {
    const parts: string[] = [];
    for (const x of v) {
      const k = switchKey(x);
      if (k === undefined) return undefined;
      parts.push(JSON.stringify(k));
    }
    return `a[${parts.join(",")}]`;
  }
  if (v instanceof RMap) {
    const parts: string[] = [];
    for (const key of v.sortedKeys()) {
      const k = switchKey(v.get(key));
      if (k === undefined) return undefined;
      parts.push(JSON.stringify(key) + ":" + JSON.stringify(k));
    }
    return `m{${parts.join(",")}}`;
  }
  if (v instanceof RRange) return `r${v.start}${v.inclusive ? "..=" : ".."}${v.end}`;
  if (v instanceof FnPtr) return v.curry.length === 0 && v.fn === undefined ? `F${v.name}` : undefined;
  if (v instanceof RBlob) return `b${[...v.view()].join(",")}`;
  return undefined;
}

/** A single statement that counts its own operations (a switch arm's body). */
function countedStmt(c: Compiler, s: Stmt): Ex {
  const ex = compileStmt(c, s);
  const w = stmtWeight(s);
  const pos = stmtStart(s);
  const counter = c.rt.counter;
  return (f) => {
    if ((counter.ops += w) >= counter.next) counter.slow(pos);
    return ex(f);
  };
}

export function compileSwitch(c: Compiler, s: SwitchStmt): Ex {
  const subject = compileExpr(c, s.subject);
  const exact = new Map<string, { guard: Ev | undefined; body: Ex }[]>();
  const ranges: { lo: number; hi: number; incl: boolean; guard: Ev | undefined; body: Ex }[] = [];
  for (const cs of s.cases) {
    const guard = cs.guard ? boolCond(c, cs.guard) : undefined;
    c.scope.push();
    const body = countedStmt(c, cs.body);
    c.scope.pop();
    const arm = { guard, body };
    for (const v of cs.values) {
      const k = switchKey(v);
      if (k === undefined) continue;
      let list = exact.get(k);
      if (!list) exact.set(k, (list = []));
      list.push(arm);
    }
    for (const r of cs.ranges) {
      const lo = Number(r.start);
      const hi = Number(r.end);
      ranges.push({ lo, hi, incl: r.inclusive, guard, body });
    }
  }
  c.scope.push();
  const dflt = s.default ? countedStmt(c, s.default) : undefined;
  c.scope.pop();
  return (f) => {
    const v = subject(f);
    const k = switchKey(v);
    if (k !== undefined) {
      const arms = exact.get(k);
      if (arms) {
        for (const a of arms) if (!a.guard || a.guard(f)) return a.body(f);
      }
      const num = typeof v === "number" || typeof v === "bigint" ? Number(v) : v instanceof RFloat ? v.v : undefined;
      if (num !== undefined) {
        for (let i = 0; i < ranges.length; i++) {
          const r = ranges[i]!;
          const inside = r.incl ? num >= r.lo && num <= r.hi : num >= r.lo && num < r.hi;
          if (inside && (!r.guard || r.guard(f))) return r.body(f);
        }
      }
    }
    if (dflt) return dflt(f);
    f.v = undefined;
    return NORMAL;
  };
}

