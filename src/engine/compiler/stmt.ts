// Statements → closures returning a completion code (NORMAL/BREAK/CONTINUE/RETURN); the
// statement's value is left in `f.v` (§2.2). Loops poll the progress check at back-edges.

import type { OpAssignStmt, Stmt, TryStmt } from "../ast.ts";
import { ExitSignal, RhaiError } from "../errors.ts";
import { tooManyVariables } from "../limits.ts";
import { hostDisplay } from "../format.ts";
import { errorToValue } from "./catch.ts";
import type { Compiler } from "./compiler.ts";
import { compileCond, compileExpr, compileValue } from "./expr.ts";
import { OpAssignSite } from "./operators.ts";
import { compilePlace } from "./places.ts";
import { BREAK, CONTINUE, CtlSignal, type Ev, type Ex, NORMAL, RETURN } from "./runtime.ts";
import { hasStmtExpr } from "./scope.ts";
import { assignIndexFast, opAssignFast } from "./stmt-fast.ts";
import { compileFor } from "./for-loop.ts";
import { codegenSettings, generateBody } from "./codegen.ts";
import { compileImport } from "./modules.ts";
import { compileSwitch } from "./switch.ts";
import { exprWeight, stmtStart, stmtWeight } from "./weights.ts";

/** A statement list in the current scope. `top`: script body; `fnBody`: a function body. */
export function compileBlockBody(c: Compiler, body: Stmt[], top = false, fnBody = false): Ex {
  const generated =
    (top || fnBody) && c.noThis === 0 && codegenSettings.enabled ? generateBody(c, body, fnBody ? c.currentFn : undefined) : undefined;
  const ex = generated ?? compileStatements(c, body);
  if ((top || fnBody) && hasStmtExpr(body)) {
    return (f) => {
      try {
        return ex(f);
      } catch (e) {
        if (e instanceof CtlSignal && e.code === RETURN) {
          f.v = e.value;
          return RETURN;
        }
        throw e;
      }
    };
  }
  return ex;
}

/** Statements compiled to closures, each counted with its weight before it runs. */
function compileStatements(c: Compiler, body: Stmt[]): Ex {
  const list = body.map((s) => compileStmt(c, s));
  const weights = body.map(stmtWeight);
  const poss = body.map(stmtStart);
  const counter = c.rt.counter;
  let ex: Ex;
  if (list.length === 0) {
    ex = (f) => {
      f.v = undefined;
      return NORMAL;
    };
  } else if (list.length === 1) {
    const s0 = list[0]!;
    const w0 = weights[0]!;
    const p0 = poss[0];
    const only = body[0]!;
    if (only.k === "expr") {
      // `{ expr }` (branch bodies, function bodies): one closure instead of two.
      const ev = exprOf.get(s0)!;
      ex = (f) => {
        if ((counter.ops += w0) >= counter.next) counter.slow(p0);
        f.v = ev(f);
        return NORMAL;
      };
    } else {
      ex = (f) => {
        if ((counter.ops += w0) >= counter.next) counter.slow(p0);
        return s0(f);
      };
    }
  } else if (list.length === 2) {
    const [s0, s1] = list as [Ex, Ex];
    const [w0, w1] = weights as [number, number];
    const [p0, p1] = poss;
    ex = (f) => {
      if ((counter.ops += w0) >= counter.next) counter.slow(p0);
      const code = s0(f);
      if (code !== NORMAL) return code;
      if ((counter.ops += w1) >= counter.next) counter.slow(p1);
      return s1(f);
    };
  } else if (list.length === 3) {
    const [s0, s1, s2] = list as [Ex, Ex, Ex];
    const [w0, w1, w2] = weights as [number, number, number];
    const [p0, p1, p2] = poss;
    ex = (f) => {
      if ((counter.ops += w0) >= counter.next) counter.slow(p0);
      let code = s0(f);
      if (code !== NORMAL) return code;
      if ((counter.ops += w1) >= counter.next) counter.slow(p1);
      code = s1(f);
      if (code !== NORMAL) return code;
      if ((counter.ops += w2) >= counter.next) counter.slow(p2);
      return s2(f);
    };
  } else {
    ex = (f) => {
      for (let i = 0; i < list.length; i++) {
        if ((counter.ops += weights[i]!) >= counter.next) counter.slow(poss[i]);
        const code = list[i]!(f);
        if (code !== NORMAL) return code;
      }
      return NORMAL;
    };
  }
  return ex;
}

/** The expression of a compiled expression statement (so blocks can fuse with it). */
const exprOf = new WeakMap<Ex, Ev>();

export function boolCond(c: Compiler, cond: import("../ast.ts").Expr): Ev {
  return compileCond(c, cond);
}

export function compileStmt(c: Compiler, s: Stmt): Ex {
  switch (s.k) {
    case "expr": {
      const ev = compileExpr(c, s.expr);
      const ex: Ex = (f) => {
        f.v = ev(f);
        return NORMAL;
      };
      exprOf.set(ex, ev);
      return ex;
    }
    case "let": {
      const init = s.init ? compileValue(c, s.init) : () => undefined;
      const info = c.scope.declare(s.name, s.isConst);
      const slot = info.slot;
      const maxVars = c.rt.limits.maxVariables;
      const isGlobalConst = s.isConst && c.scope.isTop && c.scope.atOuterBlock;
      const rt = c.rt;
      const name = s.name;
      if (s.exported !== undefined) c.exports.set(s.exported, slot);
      return (f) => {
        if (maxVars > 0 && slot >= maxVars) throw tooManyVariables();
        const v = init(f);
        f.s[slot] = v;
        if (isGlobalConst) rt.globals.set(name, v);
        f.v = undefined;
        return NORMAL;
      };
    }
    case "assign": {
      const fused = assignIndexFast(c, s);
      if (fused) return fused;
      const value = compileValue(c, s.value);
      const place = compilePlace(c, s.target);
      if (c.rt.sizes.enabled) return atPos(s.pos, (f) => {
        place.set(f, value(f));
        f.v = undefined;
        return NORMAL;
      });
      return (f) => {
        place.set(f, value(f));
        f.v = undefined;
        return NORMAL;
      };
    }
    case "opassign":
      return compileOpAssign(c, s);
    case "if": {
      const cond = boolCond(c, s.cond);
      const then = c.block(s.then);
      const els = s.else ? c.block(s.else) : undefined;
      return (f) => {
        if (cond(f)) return then(f);
        if (els) return els(f);
        f.v = undefined;
        return NORMAL;
      };
    }
    case "switch":
      return compileSwitch(c, s);
    case "while": {
      const cond = boolCond(c, s.cond);
      const body = c.block(s.body);
      return whileLoop(c, s, 1 + exprWeight(s.cond), cond, body);
    }
    case "loop": {
      const body = c.block(s.body);
      return loop(c, s, 1, body);
    }
    case "do": {
      const cond = boolCond(c, s.cond);
      const body = c.block(s.body);
      const until = s.until;
      const wrapped = loop(c, s, 1 + exprWeight(s.cond), (f) => {
        const code = body(f);
        if (code === CONTINUE) return CONTINUE;
        if (code !== NORMAL) return code;
        return cond(f) === until ? -1 : NORMAL;
      });
      return wrapped;
    }
    case "for":
      return compileFor(c, s);
    case "break": {
      const v = s.value ? compileValue(c, s.value) : () => undefined;
      return (f) => {
        f.v = v(f);
        return BREAK;
      };
    }
    case "continue":
      return (f) => {
        f.v = undefined;
        return CONTINUE;
      };
    case "return": {
      const v = s.value ? compileValue(c, s.value) : () => undefined;
      return (f) => {
        f.v = v(f);
        return RETURN;
      };
    }
    case "throw": {
      const v = s.value ? compileValue(c, s.value) : () => undefined;
      const pos = s.pos;
      return (f) => {
        const x = v(f);
        const text = hostDisplay(x);
        throw new RhaiError("ErrorRuntime", text === "" ? "Runtime error" : `Runtime error: ${text}`, pos, x);
      };
    }
    case "try":
      return compileTry(c, s);
    case "block": {
      return c.block(s.body);
    }
    case "import":
      return compileImport(c, s);
    case "export": {
      const info = c.scope.lookup(s.name);
      if (info) c.exports.set(s.as, info.slot);
      return (f) => {
        f.v = undefined;
        return NORMAL;
      };
    }
  }
}


/** Stamp a size-limit error escaping a store without a position with the statement's `pos`. */
function atPos(pos: import("../errors.ts").Position, ex: Ex): Ex {
  return (f) => {
    try {
      return ex(f);
    } catch (e) {
      if (e instanceof RhaiError && e.kind === "ErrorDataTooLarge") e.at(pos);
      throw e;
    }
  };
}

/** `while cond { body }`: `loop` with the condition and body called directly. */
function whileLoop(c: Compiler, s: Stmt & { body: Stmt[] }, weight: number, cond: Ev, body: Ex): Ex {
  if (hasStmtExpr(s.body)) return loop(c, s, weight, (f) => (cond(f) ? body(f) : -1));
  const counter = c.rt.counter;
  const pos = s.pos;
  return (f) => {
    for (;;) {
      if ((counter.ops += weight) >= counter.next) counter.slow(pos);
      if (!cond(f)) {
        f.v = undefined;
        return NORMAL;
      }
      const code = body(f);
      if (code === NORMAL || code === CONTINUE) continue;
      if (code === BREAK) return NORMAL;
      return code;
    }
  };
}

/**
 * Run `step` until it returns BREAK/RETURN or -1 (normal end). Each iteration counts
 * `weight` operations (1 + the condition's expression nodes).
 */
function loop(c: Compiler, s: Stmt & { body: Stmt[] }, weight: number, step: Ex): Ex {
  const counter = c.rt.counter;
  const catches = hasStmtExpr(s.body);
  const pos = s.pos;
  const run: Ex = (f) => {
    for (;;) {
      if ((counter.ops += weight) >= counter.next) counter.slow(pos);
      const code = step(f);
      if (code === NORMAL || code === CONTINUE) continue;
      if (code === BREAK) return NORMAL;
      if (code === -1) {
        f.v = undefined;
        return NORMAL;
      }
      return code;
    }
  };
  if (!catches) return run;
  return (f) => {
    for (;;) {
      try {
        return run(f);
      } catch (e) {
        if (!(e instanceof CtlSignal) || e.code === RETURN) throw e;
        if (e.code === BREAK) {
          f.v = e.value;
          return NORMAL;
        }
        // CONTINUE raised from an expression: resume the loop.
      }
    }
  };
}

function compileOpAssign(c: Compiler, s: OpAssignStmt): Ex {
  const value = compileValue(c, s.value);
  const site = new OpAssignSite(c.reg, s.op, c.ctx(s.pos, s.op));
  const t = s.target;
  if (t.k === "var") {
    const info = c.scope.lookup(t.name);
    if (info && !info.shared && !info.module && !info.isConst && !c.rt.sizes.enabled) {
      const slot = info.slot;
      const fast = opAssignFast(c, s, slot, site);
      if (fast) return fast;
      if (s.op === "+" || s.op === "-") {
        const add = s.op === "+";
        return (f) => {
          const y = value(f);
          const x = f.s[slot];
          if (typeof x === "number" && typeof y === "number") {
            const r = add ? x + y : x - y;
            if (Number.isSafeInteger(r)) {
              f.s[slot] = r;
              f.v = undefined;
              return NORMAL;
            }
          }
          f.s[slot] = site.apply(x, y);
          f.v = undefined;
          return NORMAL;
        };
      }
      return (f) => {
        const y = value(f);
        f.s[slot] = site.apply(f.s[slot], y);
        f.v = undefined;
        return NORMAL;
      };
    }
  }
  const place = compilePlace(c, t);
  if (c.rt.sizes.enabled) return atPos(s.pos, (f) => {
    const y = value(f);
    place.modify(f, (x) => site.apply(x, y));
    f.v = undefined;
    return NORMAL;
  });
  return (f) => {
    const y = value(f);
    place.modify(f, (x) => site.apply(x, y));
    f.v = undefined;
    return NORMAL;
  };
}

function compileTry(c: Compiler, s: TryStmt): Ex {
  const body = c.block(s.body);
  c.scope.push();
  const slot = s.catchVar !== undefined ? c.scope.declare(s.catchVar, false).slot : -1;
  const handler = compileBlockBodyScoped(c, s.handler);
  c.scope.pop();
  return (f) => {
    let caught: RhaiError;
    try {
      return body(f);
    } catch (e) {
      if (!(e instanceof RhaiError) || !e.catchable) throw e;
      caught = e;
    }
    if (slot >= 0) f.s[slot] = errorToValue(caught);
    let code: number;
    try {
      code = handler(f);
    } catch (e) {
      if (e instanceof RhaiError && e.kind === "ErrorRuntime" && e.value === undefined && !(e.inner)) {
        caught.pos = e.pos;
        throw caught;
      }
      throw e;
    }
    if (code !== NORMAL) return code;
    f.v = undefined;
    return NORMAL;
  };
}

function compileBlockBodyScoped(c: Compiler, body: Stmt[]): Ex {
  return c.block(body);
}

export { ExitSignal };
