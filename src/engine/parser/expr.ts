// Expressions (rhai-language.md §3): precedence climbing over the table of §3.2 with the
// reference engine's depth accounting (§13), unary folding of numeric literals (§1.6),
// primaries and postfix chains.

import type { Expr, LitExpr, Pos } from "../ast.ts";
import { KEYWORD_FNS, NO_METHOD_FNS } from "../lexer.ts";
import type { Token } from "../lexer.ts";
import { INT_MIN, RChar, RFloat, intFromBig, utf8Length, type Value } from "../value.ts";
import { parseArray, parseClosure, parseInterp, parseMap } from "./literals.ts";
import { Parser, TOO_DEEP } from "./state.ts";
import { parseBlockBody, parseControl, parseStmtInExpr } from "./stmt.ts";

const PREC: ReadonlyMap<string, number> = new Map([
  ["||", 30], ["|", 30], ["^", 30],
  ["&&", 60], ["&", 60],
  ["==", 90], ["!=", 90],
  ["in", 110], ["!in", 110],
  ["<", 130], ["<=", 130], [">", 130], [">=", 130],
  ["??", 135],
  ["..", 140], ["..=", 140],
  ["+", 150], ["-", 150],
  ["*", 180], ["/", 180], ["%", 180],
  ["**", 190],
  ["<<", 210], [">>", 210],
]);

/** Tokens after which a range may be left open (§3.1). */
const OPEN_END: ReadonlySet<string> = new Set(["]", ")", "}", ",", ";", "=>"]);
const CONTROL: ReadonlySet<string> = new Set(["break", "continue", "return", "throw"]);

function precOf(p: Parser, t: Token): number {
  if (t.t === "reserved" && !/^[A-Za-z_]/.test(t.v as string)) {
    p.fail(`Unknown operator: '${t.v as string}'`, t);
  }
  if (p.noPipe && t.t === "|") return 0;
  return PREC.get(t.t) ?? 0;
}

export function lit(value: Value, pos: Pos): LitExpr {
  return { k: "lit", pos, value };
}

/** Start position of an expression (its leftmost token). */
export function startPos(e: Expr): Pos {
  switch (e.k) {
    case "binary":
      return startPos(e.left);
    case "and":
    case "or":
    case "coalesce":
      return startPos(e.args[0]!);
    case "index":
    case "prop":
    case "method":
      return startPos(e.target);
    default:
      return e.pos;
  }
}

/** Type description of a literal expression for `Expecting ..., not <what>`; else undefined. */
export function literalKind(e: Expr): string | undefined {
  switch (e.k) {
    case "lit": {
      const v = e.value;
      if (typeof v === "number" || typeof v === "bigint") return "a number";
      if (v instanceof RFloat) return "a floating-point number";
      if (v instanceof RChar) return "a character";
      if (typeof v === "string") return "a string";
      if (v === undefined) return "()";
      if (typeof v === "boolean") return "a boolean";
      return undefined;
    }
    case "interp":
      return "a string";
    case "array":
      return "an array";
    case "map":
      return "an object map";
    default:
      return undefined;
  }
}

export function ensureBool(p: Parser, e: Expr): Expr {
  const k = literalKind(e);
  if (k !== undefined && k !== "a boolean") {
    p.failAt(`Expecting a boolean expression, not ${k}`, startPos(e));
  }
  return e;
}

export function parseExpr(p: Parser): Expr {
  const d = p.depth;
  p.levelUp();
  const e = parseBinary(p, 1, parseUnary(p));
  p.depth = d;
  return e;
}

function parseBinary(p: Parser, parent: number, lhs: Expr): Expr {
  const d = p.depth;
  let root = lhs;
  for (;;) {
    const op = p.tok;
    const pr = precOf(p, op);
    if (pr === 0 || pr < parent || (pr === parent && op.t !== "**")) break;
    p.next();
    let rhs: Expr;
    const nt = p.tok;
    if (op.t === "??" && CONTROL.has(nt.t)) {
      rhs = { k: "stmt", pos: p.pos(nt), stmt: parseControl(p) };
    } else if ((op.t === ".." || op.t === "..=") && OPEN_END.has(nt.t)) {
      rhs = lit(undefined, p.pos(nt));
    } else {
      rhs = parseUnary(p);
    }
    const npr = precOf(p, p.tok);
    if (npr > pr || (npr === pr && op.t === "**")) rhs = parseBinary(p, pr, rhs);
    p.levelUp();
    root = build(p, op, root, rhs);
  }
  p.depth = d;
  return root;
}

function build(p: Parser, op: Token, l: Expr, r: Expr): Expr {
  const pos = p.pos(op);
  switch (op.t) {
    case "&&":
    case "||": {
      const k = op.t === "&&" ? "and" : "or";
      ensureBool(p, l);
      ensureBool(p, r);
      if (l.k === k) {
        l.args.push(r);
        return l;
      }
      return { k, pos, args: [l, r] };
    }
    case "??":
      if (l.k === "coalesce") {
        l.args.push(r);
        return l;
      }
      return { k: "coalesce", pos, args: [l, r] };
    case "in":
      return { k: "call", pos, name: "contains", args: [r, l], callerScope: false };
    case "!in":
      return {
        k: "unary",
        pos,
        op: "!",
        arg: { k: "call", pos, name: "contains", args: [r, l], callerScope: false },
      };
    default:
      return { k: "binary", pos, op: op.t as "+", left: l, right: r };
  }
}

function negate(v: Value): Value | undefined {
  if (typeof v === "number") return v === 0 ? 0 : -v;
  if (typeof v === "bigint") {
    if (v === INT_MIN) return new RFloat(-Number(v));
    return intFromBig(-v);
  }
  if (v instanceof RFloat) return new RFloat(-v.v);
  return undefined;
}

export function parseUnary(p: Parser): Expr {
  const t = p.tok;
  if (p.noPipe && t.t === "|") p.fail("Unexpected '|'");
  if (t.t === "-" || t.t === "+" || t.t === "!") {
    p.next();
    const d = p.depth;
    p.levelUp();
    const arg = parseUnary(p);
    p.depth = d;
    const pos = p.pos(t);
    if (t.t !== "!" && arg.k === "lit") {
      const v = arg.value;
      if (t.t === "-") {
        const n = negate(v);
        if (n !== undefined) return lit(n, pos);
      } else if (typeof v === "number" || typeof v === "bigint" || v instanceof RFloat) {
        return lit(v, pos);
      }
    }
    return { k: "unary", pos, op: t.t as "-", arg };
  }
  return parsePostfix(p, parsePrimary(p));
}

export function parseArgs(p: Parser, name: string): Expr[] {
  if (p.eat("()")) return [];
  p.next(); // (
  const args: Expr[] = [];
  const close = `to close the arguments list of this function call '${name}'`;
  if (p.at("eof")) p.fail(`Expecting ')' ${close}`);
  if (p.eat(")")) return args;
  const d = p.depth;
  p.levelUp();
  for (;;) {
    if (!p.at(")")) args.push(parseExpr(p));
    const t = p.tok;
    if (t.t === ")") {
      p.next();
      break;
    }
    if (t.t === ",") {
      p.next();
      continue;
    }
    if (t.t === "eof") p.fail(`Expecting ')' ${close}`);
    p.fail(`Expecting ',' to separate the arguments to function call '${name}'`);
  }
  p.depth = d;
  return args;
}

/**
 * Strict-variable resolution (§14). Inside a closure body a free name becomes a capture
 * (function names never do); the captures are checked against the enclosing scope when the
 * closure is complete (`resolveCaptures`), as the reference does (§7.3).
 */
export function checkVar(p: Parser, name: string, pos: Pos): void {
  const f = p.frame;
  if (f.find(name) >= 0) return;
  if (f.kind === "closure") {
    if (f.captures.includes(name) || p.isFnName(name)) return;
    f.captures.push(name);
    f.capturePos.push(pos);
    return;
  }
  if (p.host.has(name) || p.isFnName(name)) return;
  if (p.strict) p.failAt(`Undefined variable: ${name}`, pos);
}

/** Check a finished closure's captures in its enclosing frame (which may capture them in turn). */
export function resolveCaptures(p: Parser, closure: typeof p.frame): void {
  const parent = closure.parent!;
  for (let i = 0; i < closure.captures.length; i++) {
    const name = closure.captures[i]!;
    if (parent.find(name) >= 0) continue;
    if (parent.kind === "closure") {
      if (!parent.captures.includes(name)) {
        parent.captures.push(name);
        parent.capturePos.push(closure.capturePos[i]!);
      }
      continue;
    }
    if (p.host.has(name)) continue;
    if (p.strict) p.failAt(`Undefined variable: ${name}`, closure.capturePos[i]!);
  }
}

function moduleKnown(p: Parser, m: string): boolean {
  if (m === "global" || p.namespaces.has(m)) return true;
  for (let f: typeof p.frame | undefined = p.frame; f; f = f.parent) {
    if (f.hasModule(m)) return true;
    if (f.kind === "fn") return p.topModules.includes(m);
  }
  return false;
}

function parseIdent(p: Parser, t: Token): Expr {
  const name = t.v as string;
  const pos = p.pos(t);
  const nt = p.tok;
  if (nt.t === "(" || nt.t === "()") {
    return { k: "call", pos, name, args: parseArgs(p, name), callerScope: false };
  }
  if (nt.t === "!") {
    p.next();
    if (!p.at("(") && !p.at("()")) p.fail("Expecting '(' to start arguments list of function call");
    return { k: "call", pos, name, args: parseArgs(p, name), callerScope: true };
  }
  if (KEYWORD_FNS.has(name)) p.fail(`'${name}' is a reserved keyword`, t);
  if (nt.t === "::") {
    const path = [name];
    let last = name;
    let lastPos = pos;
    while (p.eat("::")) {
      const x = p.tok;
      if (x.t !== "ident") p.fail("Expecting name of a variable", x);
      p.next();
      path.push(x.v as string);
      last = x.v as string;
      lastPos = p.pos(x);
    }
    path.pop();
    if (p.strict && !moduleKnown(p, name)) p.failAt(`Undefined module: ${name}`, pos);
    if (p.at("(") || p.at("()")) {
      // A qualified call is positioned at the function's name (§12.3: `m::g()`).
      return { k: "nscall", pos: lastPos, path, name: last, args: parseArgs(p, last) };
    }
    if (p.at("!")) {
      const b = p.peekAt(1).t;
      if (b === "(" || b === "()") p.fail("Unexpected '!'");
      p.fail("'!' cannot be used to call module functions");
    }
    return { k: "nsvar", pos, path, name: last };
  }
  checkVar(p, name, pos);
  return { k: "var", pos, name };
}

function parsePrimary(p: Parser): Expr {
  const t = p.tok;
  const pos = p.pos(t);
  switch (t.t) {
    case "int":
    case "float":
    case "char":
      p.next();
      return lit(t.v, pos);
    case "str":
      p.next();
      checkStringSize(p, t.v as string, t);
      return lit(t.v, pos);
    case "true":
    case "false":
      p.next();
      return lit(t.t === "true", pos);
    case "()":
      p.next();
      return lit(undefined, pos);
    case "istart":
      return parseInterp(p);
    case "[":
      return parseArray(p);
    case "#{":
      return parseMap(p);
    case "(": {
      p.next();
      const d = p.depth;
      p.levelUp();
      const e = parseExpr(p);
      p.depth = d;
      p.expect(")", "for a matching ( in this expression");
      return e;
    }
    case "{": {
      const d = p.depth;
      p.levelUp();
      const body = parseBlockBody(p);
      p.depth = d;
      return { k: "block", pos, body };
    }
    case "if":
    case "switch":
    case "while":
    case "loop":
    case "do":
    case "for": {
      const d = p.depth;
      p.levelUp();
      const stmt = parseStmtInExpr(p);
      p.depth = d;
      return { k: "stmt", pos, stmt };
    }
    case "|":
    case "||":
      return parseClosure(p);
    case "..":
    case "..=": {
      p.next();
      let end: Expr;
      if (OPEN_END.has(p.tok.t)) end = lit(undefined, p.pos());
      else end = parseBinary(p, 141, parseUnary(p));
      return { k: "binary", pos, op: t.t, left: lit(undefined, pos), right: end };
    }
    case "ident":
      p.next();
      return parseIdent(p, t);
    case "this":
      p.next();
      if (!p.inFn) p.fail("'this' can only be used in functions", t);
      return { k: "this", pos };
    default:
      p.unexpected(t);
  }
}

export function checkStringSize(p: Parser, s: string, t: Token): void {
  if (p.maxString > 0 && s.length > p.maxString / 3 && utf8Length(s) > p.maxString) {
    p.fail(`Length of string exceeds the maximum limit (${p.maxString})`, t);
  }
}


const MAP_IDX: Record<string, string> = {
  "a number": "not a number",
  "a floating-point number": "not a float",
  "a character": "not a character",
  "()": "not ()",
  "a boolean": "not a boolean",
};

function checkLiteralIndex(p: Parser, target: Expr, idx: Expr): void {
  let k = literalKind(idx);
  if (idx.k === "and" || idx.k === "or") k = "a boolean";
  if (k === undefined || k === "an array" || k === "an object map") return;
  if (target.k === "map") {
    if (k !== "a string") p.failAt(`Object map expects string index, ${MAP_IDX[k]}`, startPos(idx));
    return;
  }
  const tk = literalKind(target);
  if (tk !== "an array" && tk !== "a string" && tk !== "a number") return;
  if (k === "a string") {
    p.failAt("Array, string or bit-field expects numeric index, not a string", startPos(idx));
  }
  if (k !== "a number") {
    p.failAt(`Array, string or bit-field expects integer index, ${MAP_IDX[k]}`, startPos(idx));
  }
}

/** Longest flat postfix chain (`a.b.c...`): keeps the AST depth bounded for the evaluator. */
export const MAX_CHAIN = 256;

export function parsePostfix(p: Parser, e: Expr): Expr {
  const base = p.depth;
  let run = 0; // consecutive `[...]` deepen cumulatively (the reference's index chains)
  for (let steps = 0; ; steps++) {
    const t = p.tok;
    if (steps >= MAX_CHAIN && (t.t === "." || t.t === "?." || t.t === "[" || t.t === "?[")) {
      p.fail(TOO_DEEP);
    }
    if (t.t === "." || t.t === "?.") {
      run = 0;
      p.next();
      p.levelUp();
      const nullSafe = t.t === "?.";
      const nt = p.tok;
      if (nt.t === "this" || (nt.t === "reserved" && /^[A-Za-z_]/.test(nt.v as string))) p.reserved(nt);
      if (nt.t !== "ident") p.fail("Expecting name of a property", nt);
      const name = nt.v as string;
      p.next();
      const after = p.tok;
      const npos = p.pos(nt);
      if (after.t === "(" || after.t === "()") {
        if (NO_METHOD_FNS.has(name)) p.fail(`'${name}' is a reserved keyword`, nt);
        e = { k: "method", pos: npos, target: e, name, args: parseArgs(p, name), nullSafe };
      } else if (after.t === "!" && (p.peekAt(1).t === "(" || p.peekAt(1).t === "()")) {
        p.fail("method-call style does not support running within the caller's scope", nt);
      } else {
        if (KEYWORD_FNS.has(name)) p.fail(`'${name}' is a reserved keyword`, nt);
        e = { k: "prop", pos: npos, target: e, name, nullSafe };
      }
      p.depth = base;
    } else if (t.t === "[" || t.t === "?[") {
      p.next();
      p.depth = base + run++;
      p.levelUp();
      p.levelUp();
      const index = parseExpr(p);
      p.depth = base;
      p.expect("]", "for a matching [ in this index expression");
      checkLiteralIndex(p, e, index);
      e = { k: "index", pos: p.pos(t), target: e, index, nullSafe: t.t === "?[" };
    } else {
      return e;
    }
  }
}
