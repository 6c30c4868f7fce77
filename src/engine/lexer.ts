// The Rhai lexer (rhai-language.md §1): source text → tokens. The whole input is tokenized
// up front; a lex error becomes a "lexerr" token (followed by "eof") so that the parser
// reports it only when it reaches it, as the reference engine does.

import { RChar } from "./value.ts";
import { lexNumber } from "./lexer/numbers.ts";
import { LF, LexFail, Scanner, isAlpha, isDigit, isIdChar, isSpace } from "./lexer/scanner.ts";
import { lexBacktick, lexChar, lexRaw, lexString } from "./lexer/strings.ts";
import {
  BAD_SYMBOLS,
  KEYWORDS,
  RESERVED_SYMBOLS,
  RESERVED_WORDS,
  SYMBOLS,
  type Token,
  UNARY_AFTER,
} from "./lexer/token.ts";

export type { Token } from "./lexer/token.ts";
export { KEYWORDS, RESERVED_WORDS, KEYWORD_FNS, NO_METHOD_FNS } from "./lexer/token.ts";

export interface LexOptions {
  /** Words/symbols that are lex errors (default ["eval"]). */
  disabledSymbols?: readonly string[];
  /** parse_json mode: `{` means `#{`, `null` means `()`. */
  jsonMode?: boolean;
}

interface Interp {
  depth: number;
  line: number;
  col: number;
}

/** Skip whitespace and comments. */
function skipTrivia(s: Scanner): void {
  for (;;) {
    const c = s.peek();
    if (c === -1) return;
    if (isSpace(c)) {
      s.adv();
      continue;
    }
    if (c === 47) {
      const d = s.peek(1);
      if (d === 47) {
        while (s.i < s.n && s.peek() !== LF) s.adv();
        continue;
      }
      if (d === 42) {
        s.adv();
        s.adv();
        let level = 1;
        while (s.i < s.n && level > 0) {
          const x = s.adv();
          if (x === 47 && s.peek() === 42) {
            s.adv();
            level++;
          } else if (x === 42 && s.peek() === 47) {
            s.adv();
            level--;
          }
        }
        continue; // an unterminated comment silently ends the input
      }
    }
    return;
  }
}

export function tokenize(src: string, opts: LexOptions = {}): Token[] {
  const s = new Scanner(src);
  const disabled = new Set(opts.disabledSymbols ?? ["eval"]);
  const json = opts.jsonMode === true;
  const out: Token[] = [];
  const interps: Interp[] = [];
  let prev = "";
  const push = (t: string, v: unknown, line: number, pos: number) => {
    out.push({ t, v: v as Token["v"], line, pos });
    prev = t;
  };
  try {
    for (;;) {
      skipTrivia(s);
      const line = s.line;
      const col = s.col;
      const c = s.peek();
      if (c === -1) {
        if (interps.length > 0) {
          const it = interps[interps.length - 1]!;
          s.fail("Open string is not terminated", it.line, it.col);
        }
        push("eof", undefined, line, col);
        return out;
      }
      // numbers, including the fused negative literal (§1.6)
      if (isDigit(c)) {
        const v = lexNumber(s, false, line, col);
        push(typeof v === "object" ? "float" : "int", v, line, col);
        continue;
      }
      if (c === 45 && isDigit(s.peek(1)) && UNARY_AFTER.has(prev)) {
        s.adv();
        const v = lexNumber(s, true, line, col);
        push(typeof v === "object" ? "float" : "int", v, line, col);
        continue;
      }
      // words
      if (isAlpha(c) || c === 95) {
        const a = s.i;
        while (isIdChar(s.peek())) s.adv();
        const w = s.slice(a, s.i);
        if (w === "_") {
          push("_", undefined, line, col);
          continue;
        }
        if (disabled.has(w)) s.fail(`reserved keyword '${w}' is disabled`, line, col);
        if (json && w === "null") push("()", undefined, line, col);
        else if (KEYWORDS.has(w)) push(w, undefined, line, col);
        else if (RESERVED_WORDS.has(w)) push("reserved", w, line, col);
        else {
          if (c === 95) {
            let k = 1;
            while (w.charCodeAt(k) === 95) k++;
            if (k >= w.length || !isAlpha(w.charCodeAt(k))) {
              s.fail(`Variable name is not proper: '${w}'`, line, col);
            }
          }
          push("ident", w, line, col);
        }
        continue;
      }
      // string-like literals
      if (c === 34) {
        push("str", lexString(s), line, col);
        continue;
      }
      if (c === 39) {
        push("char", RChar.of(lexChar(s)), line, col);
        continue;
      }
      if (c === 96) {
        const r = lexBacktick(s, true, line, col);
        if (r.interp) {
          interps.push({ depth: 0, line, col });
          push("istart", r.text, line, col);
        } else {
          push("str", r.text, line, col);
        }
        continue;
      }
      if (c === 35) {
        let h = 1;
        while (s.peek(h) === 35) h++;
        if (s.peek(h) === 34) {
          push("str", lexRaw(s, h), line, col);
          continue;
        }
        const d = s.peek(1);
        if (d === 123) {
          s.adv();
          s.adv();
          if (interps.length > 0) interps[interps.length - 1]!.depth++;
          push("#{", undefined, line, col);
          continue;
        }
        if (d === 33) {
          s.adv();
          s.adv();
          if (disabled.has("#!")) s.fail(`reserved symbol '#!' is disabled`, line, col);
          push("reserved", "#!", line, col);
          continue;
        }
        if (d === 32 && s.peek(2) === 123) s.fail("'#' is not a valid symbol. Should it be '#{'?", line, col);
        s.adv();
        push("reserved", "#", line, col);
        continue;
      }
      // `!in` unless followed by an identifier character
      if (c === 33 && s.peek(1) === 105 && s.peek(2) === 110 && !isIdChar(s.peek(3))) {
        s.adv();
        s.adv();
        s.adv();
        push("!in", undefined, line, col);
        continue;
      }
      // symbols: longest match of 3, 2, 1 characters
      let sym = "";
      for (let len = 3; len >= 1; len--) {
        if (s.i + len > s.n) continue;
        const cand = s.slice(s.i, s.i + len);
        if (SYMBOLS.has(cand) || RESERVED_SYMBOLS.has(cand) || BAD_SYMBOLS.has(cand)) {
          sym = cand;
          break;
        }
      }
      if (sym === "") {
        s.fail(`Unexpected '${String.fromCodePoint(c)}'`, line, col);
      }
      for (let k = 0; k < sym.length; k++) s.adv();
      const bad = BAD_SYMBOLS.get(sym);
      if (bad !== undefined) s.fail(bad, line, col);
      if (disabled.has(sym)) s.fail(`reserved symbol '${sym}' is disabled`, line, col);
      if (RESERVED_SYMBOLS.has(sym)) {
        push("reserved", sym, line, col);
        continue;
      }
      if (sym === "{") {
        if (interps.length > 0) interps[interps.length - 1]!.depth++;
        push(json ? "#{" : "{", undefined, line, col);
        continue;
      }
      if (sym === "}" && interps.length > 0) {
        const it = interps[interps.length - 1]!;
        if (it.depth === 0) {
          const r = lexBacktick(s, false, it.line, it.col);
          if (r.interp) {
            push("imid", r.text, line, col);
          } else {
            interps.pop();
            push("iend", r.text, line, col);
          }
          continue;
        }
        it.depth--;
      }
      push(sym, undefined, line, col);
    }
  } catch (e) {
    if (!(e instanceof LexFail)) throw e;
    out.push({ t: "lexerr", v: e.message, line: e.line, pos: e.pos });
    out.push({ t: "eof", v: undefined, line: s.line, pos: s.col });
    return out;
  }
}
