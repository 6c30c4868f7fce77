// The Rhai lexer (rhai-language.md §1): source text → tokens, pulled on demand by the
// parser (so a parse error early in a huge input costs nothing for the rest). A lex error
// becomes a "lexerr" token (followed by "eof") that the parser reports when it reaches it,
// as the reference engine does.

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

/** All symbol texts by first character, longest first. */
const BY_FIRST = new Map<number, string[]>();
for (const x of [...SYMBOLS, ...RESERVED_SYMBOLS, ...BAD_SYMBOLS.keys()]) {
  const k = x.charCodeAt(0);
  let l = BY_FIRST.get(k);
  if (l === undefined) BY_FIRST.set(k, (l = []));
  l.push(x);
}
for (const l of BY_FIRST.values()) l.sort((a, b) => b.length - a.length);

function matchSymbol(s: Scanner, c: number): string {
  const l = BY_FIRST.get(c);
  if (l === undefined) return "";
  for (const x of l) {
    let ok = true;
    for (let k = 1; k < x.length; k++) {
      if (s.peek(k) !== x.charCodeAt(k)) {
        ok = false;
        break;
      }
    }
    if (ok) return x;
  }
  return "";
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

function tok(t: string, v: unknown, line: number, pos: number): Token {
  return { t, v: v as Token["v"], line, pos };
}

/** A pull lexer: one token per call to `next()`; after "eof" it keeps returning "eof". */
export class Lexer {
  private readonly s: Scanner;
  private readonly disabled: ReadonlySet<string>;
  private readonly json: boolean;
  private readonly interps: Interp[] = [];
  private prev = "";
  private done = false;

  constructor(src: string, opts: LexOptions = {}) {
    this.s = new Scanner(src);
    this.disabled = new Set(opts.disabledSymbols ?? ["eval"]);
    this.json = opts.jsonMode === true;
  }

  next(): Token {
    const s = this.s;
    if (this.done) return { t: "eof", v: undefined, line: s.line, pos: s.col };
    try {
      const t = this.scan();
      this.prev = t.t;
      if (t.t === "eof") this.done = true;
      return t;
    } catch (e) {
      if (!(e instanceof LexFail)) throw e;
      this.done = true;
      return { t: "lexerr", v: e.message, line: e.line, pos: e.pos };
    }
  }

  private scan(): Token {
    const s = this.s;
    const disabled = this.disabled;
    const interps = this.interps;
    skipTrivia(s);
    const line = s.line;
    const col = s.col;
    const c = s.peek();
    if (c === -1) {
      if (interps.length > 0) {
        const it = interps[interps.length - 1]!;
        s.fail("Open string is not terminated", it.line, it.col);
      }
      return tok("eof", undefined, line, col);
    }
    // numbers, including the fused negative literal (§1.6)
    if (isDigit(c)) {
      const v = lexNumber(s, false, line, col);
      return tok(typeof v === "object" ? "float" : "int", v, line, col);
    }
    if (c === 45 && isDigit(s.peek(1)) && UNARY_AFTER.has(this.prev)) {
      s.adv();
      const v = lexNumber(s, true, line, col);
      return tok(typeof v === "object" ? "float" : "int", v, line, col);
    }
    // words
    if (isAlpha(c) || c === 95) {
      const a = s.i;
      while (isIdChar(s.peek())) s.adv();
      const w = s.slice(a, s.i);
      if (w === "_") return tok("_", undefined, line, col);
      if (disabled.has(w)) s.fail(`reserved keyword '${w}' is disabled`, line, col);
      if (this.json && w === "null") return tok("()", undefined, line, col);
      if (KEYWORDS.has(w)) return tok(w, undefined, line, col);
      if (RESERVED_WORDS.has(w)) return tok("reserved", w, line, col);
      if (c === 95) {
        let k = 1;
        while (w.charCodeAt(k) === 95) k++;
        if (k >= w.length || !isAlpha(w.charCodeAt(k))) {
          s.fail(`Variable name is not proper: '${w}'`, line, col);
        }
      }
      return tok("ident", w, line, col);
    }
    // string-like literals
    if (c === 34) return tok("str", lexString(s), line, col);
    if (c === 39) return tok("char", RChar.of(lexChar(s)), line, col);
    if (c === 96) {
      const r = lexBacktick(s, true, line, col);
      if (!r.interp) return tok("str", r.text, line, col);
      interps.push({ depth: 0, line, col });
      return tok("istart", r.text, line, col);
    }
    if (c === 35) {
      const d = s.peek(1);
      if (d === 34 || d === 35) {
        let h = 1;
        while (s.peek(h) === 35) h++;
        const q = s.peek(h);
        if (q === 34) return tok("str", lexRaw(s, h), line, col);
        if (q === -1) s.fail("Open string is not terminated", line, col);
        s.fail(`Unexpected '${String.fromCodePoint(q)}'`, line, col);
      }
      if (d === 123) {
        s.adv();
        s.adv();
        if (interps.length > 0) interps[interps.length - 1]!.depth++;
        return tok("#{", undefined, line, col);
      }
      if (d === 33) {
        s.adv();
        s.adv();
        if (disabled.has("#!")) s.fail(`reserved symbol '#!' is disabled`, line, col);
        return tok("reserved", "#!", line, col);
      }
      if (d === 32 && s.peek(2) === 123) s.fail("'#' is not a valid symbol. Should it be '#{'?", line, col);
      s.adv();
      return tok("reserved", "#", line, col);
    }
    // `!in` unless followed by an identifier character
    if (c === 33 && s.peek(1) === 105 && s.peek(2) === 110 && !isIdChar(s.peek(3))) {
      s.adv();
      s.adv();
      s.adv();
      return tok("!in", undefined, line, col);
    }
    // symbols: longest match
    const sym = matchSymbol(s, c);
    if (sym === "") s.fail(`Unexpected '${String.fromCodePoint(c)}'`, line, col);
    for (let k = 0; k < sym.length; k++) s.adv();
    const bad = BAD_SYMBOLS.get(sym);
    if (bad !== undefined) s.fail(bad, line, col);
    if (disabled.has(sym)) s.fail(`reserved symbol '${sym}' is disabled`, line, col);
    if (RESERVED_SYMBOLS.has(sym)) return tok("reserved", sym, line, col);
    if (sym === "{") {
      if (interps.length > 0) interps[interps.length - 1]!.depth++;
      return tok(this.json ? "#{" : "{", undefined, line, col);
    }
    if (sym === "}" && interps.length > 0) {
      const it = interps[interps.length - 1]!;
      if (it.depth === 0) {
        const r = lexBacktick(s, false, it.line, it.col);
        if (r.interp) return tok("imid", r.text, line, col);
        interps.pop();
        return tok("iend", r.text, line, col);
      }
      it.depth--;
    }
    return tok(sym, undefined, line, col);
  }
}

/** Tokens pulled from a Lexer on demand and kept for look-ahead/back. */
export class TokenStream {
  readonly buf: Token[] = [];
  private ended = false;
  constructor(private readonly lx: Lexer) {}

  get(i: number): Token {
    const buf = this.buf;
    while (i >= buf.length) {
      if (this.ended) return buf[buf.length - 1]!;
      const t = this.lx.next();
      buf.push(t);
      if (t.t === "eof") this.ended = true;
    }
    return buf[i]!;
  }

  /** Lex everything (up to eof) and return all tokens. */
  all(): Token[] {
    while (!this.ended) this.get(this.buf.length);
    return this.buf;
  }
}

/** Tokenize the whole input. A lex error is a "lexerr" token followed by "eof". */
export function tokenize(src: string, opts: LexOptions = {}): Token[] {
  return new TokenStream(new Lexer(src, opts)).all();
}
