// Compound literals: arrays, object maps, interpolated strings (§3.1, §1.8) and anonymous
// functions / closures (§3.7), which are lifted into the script's function table.

import type { Expr, FnExpr, MapExpr, Stmt } from "../ast.ts";
import { KEYWORD_FNS } from "../lexer.ts";
import { checkStringSize, parseExpr, resolveCaptures } from "./expr.ts";
import { Frame } from "./scope.ts";
import type { Parser } from "./state.ts";
import { parseStmt, parseStmtList } from "./stmt.ts";

export function parseArray(p: Parser): Expr {
  const d0 = p.depth;
  p.levelUp();
  const open = p.next();
  const pos = p.pos(open);
  const items: Expr[] = [];
  const end = "to end this array literal";
  for (;;) {
    if (p.maxArray > 0 && items.length >= p.maxArray) {
      p.fail(`Size of array literal exceeds the maximum limit (${p.maxArray})`);
    }
    if (p.eat("]")) break;
    if (p.at("eof")) p.fail(`Expecting ']' ${end}`);
    const d = p.depth;
    p.levelUp();
    items.push(parseExpr(p));
    p.depth = d;
    const t = p.tok;
    if (t.t === ",") p.next();
    else if (t.t === "]") continue;
    else if (t.t === "eof") p.fail(`Expecting ']' ${end}`);
    else p.fail("Expecting ',' to separate the items of this array literal");
  }
  p.depth = d0;
  return { k: "array", pos, items };
}

export function parseMap(p: Parser): Expr {
  const d0 = p.depth;
  p.levelUp();
  const open = p.next();
  const pos = p.pos(open);
  const entries: MapExpr["entries"] = [];
  const seen = new Set<string>();
  const end = "to end this object map literal";
  for (;;) {
    if (p.eat("}")) break;
    const t = p.tok;
    if (t.t === "eof") p.fail(`Expecting '}' ${end}`);
    let key: string;
    if (t.t === "ident" && p.json) {
      p.fail("Expecting name of a property");
    }
    if (t.t === "ident" || t.t === "str") {
      key = t.v as string;
      if (t.t === "ident" && KEYWORD_FNS.has(key)) p.fail(`'${key}' is a reserved keyword`);
      if (seen.has(key)) p.fail(`Duplicated property for object map literal: ${key}`);
      if (t.t === "str") checkStringSize(p, key, t);
    } else if (t.t === "istart") {
      p.fail("Expecting name of a property");
    } else if (t.t === "this" || (t.t === "reserved" && /^[A-Za-z_]/.test(t.v as string))) {
      p.reserved(t);
    } else if (entries.length === 0) {
      p.fail(`Expecting '}' ${end}`);
    } else {
      p.fail("Expecting name of a property");
    }
    p.next();
    p.expect(":", `to follow the property '${key}' in this object map literal`);
    if (p.maxMap > 0 && entries.length >= p.maxMap) {
      p.fail(`Number of properties in object map literal exceeds the maximum limit (${p.maxMap})`);
    }
    const d = p.depth;
    p.levelUp();
    const value = parseExpr(p);
    p.depth = d;
    seen.add(key);
    entries.push({ key, value, pos: p.pos(t) });
    const n = p.tok;
    if (n.t === ",") p.next();
    else if (n.t === "}") continue;
    else if (n.t === "ident") p.fail("Expecting ',' to separate the items of this object map literal");
    else p.fail(`Expecting '}' ${end}`);
  }
  p.depth = d0;
  return { k: "map", pos, entries };
}

export function parseInterp(p: Parser): Expr {
  const first = p.next();
  const pos = p.pos(first);
  checkStringSize(p, first.v as string, first);
  const parts: (string | Stmt[])[] = [first.v as string];
  const d0 = p.depth;
  p.levelUp();
  for (;;) {
    const d = p.depth;
    p.levelUp();
    const mark = p.frame.mark();
    const body = parseStmtList(p, (t) => t === "imid" || t === "iend", "}", "to terminate this block");
    p.frame.reset(mark);
    p.depth = d;
    parts.push(body);
    const t = p.next(); // imid or iend
    checkStringSize(p, t.v as string, t);
    parts.push(t.v as string);
    if (t.t === "iend") break;
  }
  p.depth = d0;
  return { k: "interp", pos, parts };
}

/** 16 lowercase hex digits, deterministic per script and closure. */
function anonName(p: Parser, line: number, pos: number): string {
  if (p.sourceHash === undefined) {
    let h = 0x811c9dc5;
    const src = p.source;
    for (let i = 0; i < src.length; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193) >>> 0;
    p.sourceHash = h;
  }
  const key = `${p.source.length}:${line}:${pos}:${p.anonCount++}`;
  let h1 = p.sourceHash;
  let h2 = 0x01000193 ^ p.source.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return "anon$" + h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

export function checkFnCount(p: Parser, t: typeof p.tok): void {
  if (p.maxFunctions > 0 && p.functions.length >= p.maxFunctions) {
    p.fail("Number of functions defined exceeds maximum limit", t);
  }
}

export function parseClosure(p: Parser): FnExpr {
  const open = p.next();
  const pos = p.pos(open);
  const params: string[] = [];
  if (open.t === "|" && !p.eat("|")) {
    for (;;) {
      const t = p.next();
      if (t.t === "|") break;
      if (t.t === "ident") {
        const name = t.v as string;
        if (KEYWORD_FNS.has(name)) p.fail(`'${name}' is a reserved keyword`, t);
        if (params.includes(name)) p.fail(`Duplicated parameter ${name} for function `, t);
        params.push(name);
      } else if (p.isReserved(t)) {
        p.reserved(t);
      } else {
        p.fail("Expecting '|' to close the parameters list of anonymous function or closure", t);
      }
      const s = p.next();
      if (s.t === "|") break;
      if (s.t !== ",") p.fail("Expecting ',' to separate the parameters of anonymous function", s);
    }
  }
  checkFnCount(p, open);
  const saved = { frame: p.frame, loops: p.loops, inFn: p.inFn, depth: p.depth };
  const frame = new Frame("closure", p.frame);
  for (const x of params) frame.declare(x);
  p.frame = frame;
  p.loops = 0;
  p.inFn = true;
  p.levelUp();
  p.levelUp();
  if (p.at("eof")) p.fail("Expecting body statement block for anonymous function");
  const stmt = parseStmt(p, false)!; // never a fn definition (not at global level)
  p.frame = saved.frame;
  p.loops = saved.loops;
  p.inFn = saved.inFn;
  p.depth = saved.depth;
  resolveCaptures(p, frame);
  const captures = frame.captures.slice();
  const fnName = anonName(p, pos.line, pos.pos);
  p.functions.push({
    name: fnName,
    pos,
    params: [...captures, ...params],
    body: stmt.k === "block" ? stmt.body : [stmt],
    private: false,
    receiverType: undefined,
    captureCount: captures.length,
    isAnonymous: true,
  });
  return { k: "fn", pos, fnName, captures };
}
