// `switch` (rhai-language.md §2.6): case values are literals turned into Values at parse
// time; INT ranges are kept apart; all the switch-specific parse errors.

import type { Expr, Pos, Stmt, SwitchCase, SwitchStmt } from "../ast.ts";
import { ParseError } from "../errors.ts";
import { FnPtr, RChar, RFloat, RMap, type Value } from "../value.ts";
import { ensureBool, parseExpr, startPos } from "./expr.ts";
import type { Parser } from "./state.ts";
import { parseStmt, selfTerminated } from "./stmt.ts";

const NOT_LITERAL = Symbol("not-literal");

function scalarText(v: Value): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (v instanceof RChar) return v.toString();
  if (v === undefined) return "";
  return undefined;
}

/** The constant value of a case expression, or NOT_LITERAL. */
export function literalValue(e: Expr): Value | typeof NOT_LITERAL {
  switch (e.k) {
    case "lit":
      return e.value;
    case "array": {
      const out: Value[] = [];
      for (const x of e.items) {
        const v = literalValue(x);
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out.push(v);
      }
      return out;
    }
    case "map": {
      const m = new RMap();
      for (const x of e.entries) {
        const v = literalValue(x.value);
        if (v === NOT_LITERAL) return NOT_LITERAL;
        m.set(x.key, v);
      }
      return m;
    }
    case "interp": {
      let s = "";
      for (const part of e.parts) {
        if (typeof part === "string") {
          s += part;
          continue;
        }
        if (part.length === 0) continue;
        const st = part[0]!;
        if (part.length !== 1 || st.k !== "expr" || st.expr.k !== "lit") return NOT_LITERAL;
        const t = scalarText(st.expr.value);
        if (t === undefined) return NOT_LITERAL;
        s += t;
      }
      return s;
    }
    case "call":
      if (e.name === "Fn" && e.args.length === 1 && !e.callerScope) {
        const a = e.args[0]!;
        if (a.k === "lit" && typeof a.value === "string") return new FnPtr(a.value);
      }
      return NOT_LITERAL;
    default:
      return NOT_LITERAL;
  }
}

function intLit(e: Expr): number | bigint | undefined {
  if (e.k !== "lit") return undefined;
  const v = e.value;
  return typeof v === "number" || typeof v === "bigint" ? v : undefined;
}

export function parseSwitch(p: Parser): SwitchStmt {
  const kw = p.next();
  const subject = parseExpr(p);
  p.expect("{", "to start a switch block");
  const cases: SwitchCase[] = [];
  let def: Stmt | undefined;
  let defPos: Pos | undefined;
  let hasRange = false;
  for (;;) {
    const t = p.tok;
    if (t.t === "}") {
      p.next();
      break;
    }
    if (t.t === "eof") p.fail("Expecting '}' to end this switch block");
    if (defPos !== undefined) p.failAt("Default switch case must be the last", defPos);
    let exprs: Expr[] | undefined;
    let guard: Expr | undefined;
    if (t.t === "_") {
      p.next();
      defPos = p.pos(t);
      if (p.at("if")) p.fail("This switch case cannot have a condition");
    } else {
      exprs = [];
      for (;;) {
        const saved = p.noPipe;
        p.noPipe = true;
        try {
          exprs.push(parseExpr(p));
        } catch (e) {
          // (reference) any parse failure inside a case value becomes this message
          if (e instanceof ParseError) p.failAt("Expecting literal expression", e.pos ?? p.pos());
          throw e;
        } finally {
          p.noPipe = saved;
        }
        if (!p.eat("|")) break;
      }
      if (p.eat("if")) {
        if (p.at("{")) p.fail("Expecting a boolean expression");
        guard = ensureBool(p, parseExpr(p));
        if (p.at("=")) p.fail("Possibly a typo of '=='?");
      }
    }
    p.expect("=>", "in this switch case");
    const body = parseStmt(p, false);
    if (body === undefined) p.fail("Expecting a statement"); // unreachable: fn defs are rejected
    if (exprs === undefined) {
      def = body;
    } else {
      const c: SwitchCase = { pos: startPos(exprs[0]!), values: [], ranges: [], guard, body };
      for (const e of exprs) {
        if (e.k === "binary" && (e.op === ".." || e.op === "..=")) {
          const a = intLit(e.left);
          const b = intLit(e.right);
          if (a !== undefined && b !== undefined) {
            const inclusive = e.op === "..=";
            if (inclusive ? a <= b : a < b) {
              c.ranges.push({ start: a, end: b, inclusive });
              hasRange = true;
            }
            continue;
          }
        }
        const v = literalValue(e);
        if (v === NOT_LITERAL) p.failAt("Expecting a literal expression", startPos(e));
        if (hasRange && (typeof v === "number" || typeof v === "bigint" || v instanceof RFloat)) {
          p.failAt("Numeric switch case cannot follow a range case", startPos(e));
        }
        c.values.push(v);
      }
      if (c.values.length > 0 || c.ranges.length > 0) cases.push(c);
    }
    const n = p.tok;
    if (n.t === ",") p.next();
    else if (n.t === "}") continue;
    else if (n.t === "eof") p.fail("Expecting ')' to end this switch block");
    else if (!selfTerminated(body)) p.fail("Expecting ',' to separate the items in this switch block");
  }
  return { k: "switch", pos: p.pos(kw), subject, cases, default: def };
}
