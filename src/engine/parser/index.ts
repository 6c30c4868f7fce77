// The Rhai parser entry point: source → Script (rhai-language.md §1–§3, §12.5, §13, §14).
// Throws ParseError with the reference message and position.

import type { Script } from "../ast.ts";
import { ParseError } from "../errors.ts";
import { Lexer, TokenStream } from "../lexer.ts";
import { Parser, TOO_DEEP, type ParseOptions } from "./state.ts";
import { parseExpr } from "./expr.ts";
import { parseStmtList } from "./stmt.ts";

export type { ParseOptions } from "./state.ts";

export function parse(source: string, opts: ParseOptions = {}): Script {
  const lx = new Lexer(source, { disabledSymbols: opts.disabledSymbols, jsonMode: opts.jsonMode });
  const p = new Parser(new TokenStream(lx), source, opts);
  try {
    if (opts.jsonMode) {
      // parse_json: exactly one expression (rhai-stdlib.md §2.1)
      const e = parseExpr(p);
      if (!p.at("eof")) p.unexpected();
      return { body: [{ k: "expr", pos: e.pos, expr: e }], functions: p.functions, source };
    }
    const body = parseStmtList(p, (t) => t === "eof", "", "", true);
    return { body, functions: p.functions, source };
  } catch (e) {
    if (e instanceof RangeError) {
      // the JS stack ran out before the configured depth limit: report it as the limit
      throw new ParseError(TOO_DEEP, p.pos());
    }
    throw e;
  }
}
