// Statements (rhai-language.md §2): statement lists and separators, blocks, let/const,
// assignments, control flow, try/catch, import/export and function definitions.

import type { Expr, IfStmt, LetStmt, LValue, Stmt } from "../ast.ts";
import type { Token } from "../lexer.ts";
import { KEYWORD_FNS } from "../lexer.ts";
import { ensureBool, literalKind, parseExpr, startPos } from "./expr.ts";
import { checkFnCount } from "./literals.ts";
import { Frame } from "./scope.ts";
import type { Parser } from "./state.ts";
import { parseSwitch } from "./switch.ts";

const SELF_TERMINATED: ReadonlySet<string> = new Set([
  "if", "switch", "while", "loop", "for", "block", "try",
]);
/** Tokens after `break`/`return`/`throw` that mean "no value". */
const NO_VALUE: ReadonlySet<string> = new Set([";", "}", ")", "]", ",", "eof", "imid", "iend"]);
const OP_ASSIGN: ReadonlySet<string> = new Set([
  "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=",
]);

export function selfTerminated(s: Stmt): boolean {
  return SELF_TERMINATED.has(s.k);
}

/**
 * Statements until a token for which `isEnd` holds (not consumed). End of input when not
 * an end token is `Expecting '<endTok>' <ctx>`.
 */
export function parseStmtList(
  p: Parser,
  isEnd: (t: string) => boolean,
  endTok: string,
  ctx: string,
  global = false,
): Stmt[] {
  const out: Stmt[] = [];
  for (;;) {
    const t = p.tok;
    if (isEnd(t.t)) break;
    if (t.t === "eof") p.fail(`Expecting '${endTok}' ${ctx}`);
    if (t.t === ";") {
      p.next();
      continue;
    }
    const s = parseStmt(p, global);
    if (s === undefined) continue;
    out.push(s);
    const n = p.tok;
    if (isEnd(n.t)) break;
    if (n.t === ";") {
      p.next();
      continue;
    }
    if (selfTerminated(s)) continue;
    p.fail("Expecting ';' to terminate this statement", n);
  }
  return out;
}

/** `{ statements }` with its own scope. */
export function parseBlockBody(p: Parser): Stmt[] {
  if (!p.at("{")) p.fail("Expecting '{' to start a statement block");
  p.next();
  const d = p.depth;
  p.levelUp();
  const mark = p.frame.mark();
  const body = parseStmtList(p, (t) => t === "}", "}", "to terminate this block");
  p.next();
  p.frame.reset(mark);
  p.depth = d;
  return body;
}

function loopBody(p: Parser): Stmt[] {
  p.loops++;
  const b = parseBlockBody(p);
  p.loops--;
  return b;
}

/** A condition of if/while/do: not `{`, not a non-bool literal, not followed by `=`. */
function condition(p: Parser): Expr {
  if (p.at("{")) p.fail("Expecting a boolean expression");
  const c = ensureBool(p, parseExpr(p));
  if (p.at("=")) p.fail("Possibly a typo of '=='?");
  return c;
}

/** Parse one statement. Function definitions are recorded and yield undefined. */
export function parseStmt(p: Parser, global: boolean): Stmt | undefined {
  const d = p.depth;
  p.levelUp();
  const s = stmt(p, global);
  p.depth = d;
  return s;
}

function stmt(p: Parser, global: boolean): Stmt | undefined {
  const t = p.tok;
  const pos = p.pos(t);
  switch (t.t) {
    case "{":
      return { k: "block", pos, body: parseBlockBody(p) };
    case "fn":
    case "private":
      if (!global) {
        p.fail(
          "Function definitions must be at global level and cannot be inside a block or another function",
        );
      }
      parseFnDef(p);
      return undefined;
    case "if":
    case "switch":
    case "while":
    case "loop":
    case "do":
    case "for":
      return parseStmtInExpr(p);
    case "break":
    case "continue":
    case "return":
    case "throw":
      return parseControl(p);
    case "try":
      return parseTry(p);
    case "let":
    case "const":
      return parseLet(p, false);
    case "import":
      return parseImport(p);
    case "export":
      if (!global) p.fail("Export statement can only appear at global level");
      return parseExport(p);
    default:
      return parseExprStmt(p);
  }
}

/** if / switch / while / loop / do / for (statement or expression position). */
export function parseStmtInExpr(p: Parser): Stmt {
  const t = p.tok;
  if (t.t === "if") return parseIf(p);
  const d = p.depth;
  p.levelUp();
  const s = loopOrSwitch(p, t);
  p.depth = d;
  return s;
}

function loopOrSwitch(p: Parser, t: Token): Stmt {
  switch (t.t) {
    case "switch":
      return parseSwitch(p);
    case "while": {
      p.next();
      const cond = condition(p);
      return { k: "while", pos: p.pos(t), cond, body: loopBody(p) };
    }
    case "loop":
      p.next();
      return { k: "loop", pos: p.pos(t), body: loopBody(p) };
    case "do": {
      p.next();
      const body = loopBody(p);
      const w = p.tok;
      if (w.t !== "while" && w.t !== "until") p.fail("Expecting 'while' for the do statement");
      p.next();
      const cond = condition(p);
      return { k: "do", pos: p.pos(t), body, cond, until: w.t === "until" };
    }
    default:
      return parseFor(p);
  }
}

function parseIf(p: Parser): IfStmt {
  const d = p.depth;
  p.levelUp();
  const t = p.next();
  const cond = condition(p);
  const then = parseBlockBody(p);
  let els: Stmt[] | undefined;
  if (p.eat("else")) els = p.at("if") ? [parseIf(p)] : parseBlockBody(p);
  p.depth = d;
  return { k: "if", pos: p.pos(t), cond, then, else: els };
}

function varName(p: Parser): Token {
  const t = p.tok;
  if (t.t === "ident") {
    if (KEYWORD_FNS.has(t.v as string)) p.fail(`'${t.v as string}' is a reserved keyword`);
    p.next();
    return t;
  }
  if (p.isReserved(t)) p.reserved(t);
  p.fail("Expecting name of a variable");
}

function parseFor(p: Parser): Stmt {
  const t = p.next();
  let nameTok: Token;
  let counter: string | undefined;
  if (p.eat("(")) {
    nameTok = varName(p);
    if (!p.eat(",")) p.fail("Expecting ',' after the iteration variable name");
    const c = varName(p);
    if (c.v === nameTok.v) p.fail(`Duplicated variable name: ${c.v as string}`, c);
    counter = c.v as string;
    if (!p.eat(")")) p.fail("Expecting ')' to close the iteration variable");
  } else {
    nameTok = varName(p);
  }
  if (!p.eat("in")) p.fail("Expecting 'in' after the iteration variable");
  if (p.at("{")) p.fail("Expecting a boolean expression");
  const iterable = parseExpr(p);
  const k = literalKind(iterable);
  if (k !== undefined && k !== "a string" && k !== "an array") {
    p.failAt(`Expecting an iterable value, not ${k}`, startPos(iterable));
  }
  const name = nameTok.v as string;
  const mark = p.frame.mark();
  p.frame.declare(name);
  if (counter !== undefined) p.frame.declare(counter);
  const body = loopBody(p);
  p.frame.reset(mark);
  return { k: "for", pos: p.pos(t), name, counter, iterable, body };
}

export function parseControl(p: Parser): Stmt {
  const t = p.next();
  const pos = p.pos(t);
  if ((t.t === "break" || t.t === "continue") && p.loops === 0) {
    p.fail("Break statement should only be used inside a loop", t);
  }
  if (t.t === "continue") return { k: "continue", pos };
  const value = NO_VALUE.has(p.tok.t) ? undefined : parseExpr(p);
  return { k: t.t as "break", pos, value };
}

function parseTry(p: Parser): Stmt {
  const d = p.depth;
  p.levelUp();
  const t = p.next();
  const body = parseBlockBody(p);
  if (!p.eat("catch")) p.fail("Expecting 'catch' for the 'try' statement");
  let catchVar: string | undefined;
  let catchVarPos;
  const mark = p.frame.mark();
  if (p.eat("(")) {
    const v = p.tok;
    if (v.t !== "ident") {
      if (p.isReserved(v)) p.reserved(v);
      p.fail("Expecting name of a variable");
    }
    p.next();
    catchVar = v.v as string;
    catchVarPos = p.pos(v);
    if (!p.eat(")")) p.fail("Expecting ')' to enclose the catch variable");
    p.frame.declare(catchVar);
  }
  const handler = parseBlockBody(p);
  p.frame.reset(mark);
  p.depth = d;
  return { k: "try", pos: p.pos(t), body, catchVar, catchVarPos, handler };
}

function parseLet(p: Parser, exported: boolean): LetStmt {
  const kw = p.next();
  const isConst = kw.t === "const";
  const n = varName(p);
  const name = n.v as string;
  let init: Expr | undefined;
  if (p.eat("=")) {
    const d = p.depth;
    p.levelUp();
    init = parseExpr(p);
    p.depth = d;
  }
  p.frame.declare(name, isConst);
  return {
    k: "let",
    pos: p.pos(kw),
    name,
    namePos: p.pos(n),
    init,
    isConst,
    exported: exported ? name : undefined,
  };
}

function parseImport(p: Parser): Stmt {
  const d = p.depth;
  p.levelUp();
  const t = p.next();
  const path = parseExpr(p);
  p.depth = d;
  let alias: string | undefined;
  if (p.eat("as")) {
    alias = varName(p).v as string;
    p.frame.modules.push(alias);
    if (p.frame.kind === "top") p.topModules.push(alias);
  }
  return { k: "import", pos: p.pos(t), path, alias };
}

function parseExport(p: Parser): Stmt {
  const t = p.next();
  if (p.at("let") || p.at("const")) {
    const d = p.depth;
    p.levelUp();
    const s = parseLet(p, true);
    p.depth = d;
    return s;
  }
  const name = varName(p).v as string;
  let as = name;
  if (p.eat("as")) as = varName(p).v as string;
  return { k: "export", pos: p.pos(t), name, as };
}

function isConstantExpr(e: Expr): boolean {
  if (e.k === "lit") return true;
  if (e.k === "array") return e.items.every(isConstantExpr);
  if (e.k === "map") return e.entries.every((x) => isConstantExpr(x.value));
  return false;
}

function checkLValue(p: Parser, e: Expr, op: Token): LValue {
  switch (e.k) {
    case "var": {
      const f = p.frame;
      const i = f.find(e.name);
      if (i >= 0 && f.consts[i]) p.failAt(`Cannot assign to constant ${e.name}`, e.pos);
      return e;
    }
    case "this":
      return e;
    case "index":
    case "prop": {
      let root: Expr = e;
      while (root.k === "index" || root.k === "prop") root = root.target;
      // a method call inside the chain
      for (let x: Expr = e; x.k === "index" || x.k === "prop"; x = x.target) {
        if (x.target.k === "method") p.failAt("Expression cannot be assigned to", x.target.pos);
      }
      if (root.k !== "var" && root.k !== "this") p.failAt("Expression cannot be assigned to", root.pos);
      return e;
    }
    case "and":
    case "or":
    case "coalesce":
      if (op.t === "=") p.fail("Possibly a typo of '=='?", op);
      break;
  }
  if (isConstantExpr(e)) p.failAt("Cannot assign to a constant value", e.pos);
  // (reference) a binary operator call is positioned at its left operand, except `!=`
  const at = e.k === "binary" && e.op !== "!=" ? startPos(e) : e.pos;
  p.failAt("Expression cannot be assigned to", at);
}

function parseExprStmt(p: Parser): Stmt {
  const e = parseExpr(p);
  const op = p.tok;
  if (op.t === "=" || OP_ASSIGN.has(op.t)) {
    const target = checkLValue(p, e, op);
    p.next();
    const value = parseExpr(p);
    if (op.t === "=") return { k: "assign", pos: p.pos(op), target, value };
    return { k: "opassign", pos: p.pos(op), op: op.t.slice(0, -1) as "+", target, value };
  }
  return { k: "expr", pos: e.pos, expr: e };
}

function parseFnDef(p: Parser): void {
  const isPrivate = p.eat("private");
  if (isPrivate && !p.at("fn")) p.fail("Expecting 'fn' following 'private'");
  const fnTok = p.next();
  checkFnCount(p, fnTok);
  let receiverType: string | undefined;
  let nameTok = p.next();
  if (nameTok.t === "str" && !p.at(".")) p.fail("Expecting '.' after the type name for 'this'");
  if ((nameTok.t === "ident" || nameTok.t === "str") && p.at(".")) {
    p.next();
    const r = nameTok.v as string;
    receiverType = r === "int" ? "i64" : r === "float" ? "f64" : r;
    nameTok = p.next();
  }
  if (p.isReserved(nameTok)) p.reserved(nameTok);
  if (nameTok.t !== "ident") p.fail("Expecting function name in function declaration", nameTok);
  const name = nameTok.v as string;
  if (KEYWORD_FNS.has(name)) p.fail(`'${name}' is a reserved keyword`, nameTok);
  const params: string[] = [];
  if (!p.eat("()")) {
    if (!p.eat("(")) p.fail(`Expecting parameters for function ${name}`);
    for (;;) {
      const t = p.next();
      if (t.t === ")") break;
      if (t.t === "ident") {
        const x = t.v as string;
        if (KEYWORD_FNS.has(x)) p.fail(`'${x}' is a reserved keyword`, t);
        if (params.includes(x)) p.fail(`Duplicated parameter ${x} for function ${name}`, t);
        params.push(x);
      } else if (p.isReserved(t)) {
        p.reserved(t);
      } else {
        p.fail(`Expecting ')' to close the parameters list of function '${name}'`, t);
      }
      const s = p.next();
      if (s.t === ")") break;
      if (s.t !== ",") p.fail(`Expecting ',' to separate the parameters of function '${name}'`, s);
    }
  }
  if (!p.at("{")) p.fail(`Expecting body statement block for function ${name}`);
  const saved = { frame: p.frame, loops: p.loops, inFn: p.inFn, depth: p.depth, max: p.maxDepth };
  const frame = new Frame("fn", undefined);
  for (const x of params) frame.declare(x);
  p.frame = frame;
  p.loops = 0;
  p.inFn = true;
  p.depth = 0;
  p.maxDepth = p.maxFnDepth;
  p.levelUp();
  const body = parseBlockBody(p);
  p.frame = saved.frame;
  p.loops = saved.loops;
  p.inFn = saved.inFn;
  p.depth = saved.depth;
  p.maxDepth = saved.max;
  const sig = `${receiverType ?? ""}\u0000${name}\u0000${params.length}`;
  if (p.fnSigs.has(sig)) {
    const n = params.length;
    const what = n === 0 ? "no parameters" : n === 1 ? "1 parameter" : `${n} parameters`;
    p.fail(`Function ${name} with ${what} already exists`, fnTok);
  }
  p.fnSigs.add(sig);
  p.functions.push({
    name,
    pos: p.pos(nameTok),
    params,
    body,
    private: isPrivate,
    receiverType,
    captureCount: 0,
    isAnonymous: false,
  });
}
