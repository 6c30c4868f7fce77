// Parser state shared by the statement and expression parsers: the token cursor, error
// helpers, expression-depth accounting (§13), scopes for strict variables (§14) and the
// script-function table.

import type { FnDef, Pos } from "../ast.ts";
import { ParseError } from "../errors.ts";
import type { Token, TokenStream } from "../lexer.ts";
import { Frame } from "./scope.ts";

export interface ParseOptions {
  /** Strict variables (§14). Default true. */
  strictVariables?: boolean;
  /** Host variable names: declared top-level variables. */
  declared?: readonly string[];
  /** Words/symbols that are lex errors. Default ["eval"]. */
  disabledSymbols?: readonly string[];
  /** Default 64. 0 = no limit (a hard safety ceiling still applies). */
  maxExprDepth?: number;
  /** Default 32. */
  maxFunctionExprDepth?: number;
  /** 0 = unlimited. */
  maxStringSize?: number;
  maxArraySize?: number;
  maxMapSize?: number;
  maxFunctions?: number;
  /** Host-registered static module names, valid `ns::` prefixes. */
  namespaces?: ReadonlySet<string>;
  /** parse_json mode (rhai-stdlib.md §2.1). */
  jsonMode?: boolean;
}

/** Recursion ceiling whatever the configured limits say (keeps clear of the JS stack). */
export const HARD_DEPTH_LIMIT = 1500;

export const TOO_DEEP = "Expression exceeds maximum complexity";

export function describe(t: Token): string {
  switch (t.t) {
    case "ident":
    case "reserved":
      return String(t.v);
    case "eof":
      return "end of input";
    case "int":
    case "float":
    case "str":
    case "char":
    case "istart":
      return "literal";
    case "imid":
    case "iend":
      return "}";
    default:
      return t.t;
  }
}

export class Parser {
  i = 0;
  depth = 0;
  maxDepth: number;
  readonly maxFnDepth: number;
  readonly strict: boolean;
  readonly host: ReadonlySet<string>;
  readonly namespaces: ReadonlySet<string>;
  readonly maxString: number;
  readonly maxArray: number;
  readonly maxMap: number;
  readonly maxFunctions: number;
  /** parse_json mode: object keys must be quoted. */
  readonly json: boolean;
  /** Names of all script functions (scanned on first need: functions are hoisted). */
  private fnNameSet: Set<string> | undefined;
  private readonly notFn = new Map<string, boolean>();
  readonly functions: FnDef[] = [];
  readonly fnSigs = new Set<string>();
  /** Module aliases imported at top level so far (visible to function bodies). */
  readonly topModules: string[] = [];
  frame: Frame;
  /** Nesting of loops in the current function/closure body. */
  loops = 0;
  /** Inside a `fn` body or a closure body (`this` allowed). */
  inFn = false;
  /** Parsing a switch case value: `|` separates values. */
  noPipe = false;
  anonCount = 0;
  /** FNV-1a of the source, mixed into anonymous function names (computed on first use). */
  sourceHash: number | undefined;

  constructor(
    readonly ts: TokenStream,
    readonly source: string,
    opts: ParseOptions,
  ) {
    const lim = (v: number | undefined, d: number) => {
      const x = v === undefined ? d : v;
      return x <= 0 || x > HARD_DEPTH_LIMIT ? HARD_DEPTH_LIMIT : x;
    };
    this.maxDepth = lim(opts.maxExprDepth, 64);
    this.maxFnDepth = lim(opts.maxFunctionExprDepth, 32);
    this.strict = opts.strictVariables !== false;
    this.host = new Set(opts.declared ?? []);
    this.namespaces = opts.namespaces ?? new Set();
    this.maxString = opts.maxStringSize ?? 0;
    this.maxArray = opts.maxArraySize ?? 0;
    this.maxMap = opts.maxMapSize ?? 0;
    this.maxFunctions = opts.maxFunctions ?? 0;
    this.json = opts.jsonMode === true;
    this.frame = new Frame("top", undefined);
  }

  /** Is `name` the name of a script function defined anywhere in the script? */
  isFnName(name: string): boolean {
    let set = this.fnNameSet;
    if (set === undefined) {
      // cheap negative answer without lexing the rest of the input
      const known = this.notFn.get(name);
      if (known !== undefined) return false;
      const re = new RegExp(`\\bfn\\s+(?:(?:[A-Za-z_]\\w*|"[^"]*")\\s*\\.\\s*)?${name}\\b`);
      if (!re.test(this.source)) {
        this.notFn.set(name, true);
        return false;
      }
      set = this.fnNameSet = new Set();
      const t = this.ts.all();
      for (let k = 0; k + 1 < t.length; k++) {
        if (t[k]!.t !== "fn") continue;
        const a = t[k + 1]!;
        if (t[k + 2]?.t === "." && (a.t === "ident" || a.t === "str") && t[k + 3]?.t === "ident") {
          set.add(t[k + 3]!.v as string);
        } else if (a.t === "ident") {
          set.add(a.v as string);
        }
      }
    }
    return set.has(name);
  }

  // ------------------------------------------------------------ cursor

  get tok(): Token {
    return this.ts.get(this.i);
  }
  peekAt(k: number): Token {
    return this.ts.get(this.i + k);
  }
  next(): Token {
    const t = this.ts.get(this.i);
    if (t.t !== "eof") this.i++;
    return t;
  }
  at(kind: string): boolean {
    return this.ts.get(this.i).t === kind;
  }
  /** Consume the token if it is `kind`. */
  eat(kind: string): boolean {
    if (this.ts.get(this.i).t === kind) {
      this.i++;
      return true;
    }
    return false;
  }
  pos(t: Token = this.tok): Pos {
    return { line: t.line, pos: t.pos };
  }

  // ------------------------------------------------------------ errors

  /** Throw `msg` at token `t` — unless `t` is a lex error, which wins. */
  fail(msg: string, t: Token = this.tok): never {
    if (t.t === "lexerr") throw new ParseError(t.v as string, this.pos(t));
    throw new ParseError(msg, this.pos(t));
  }
  failAt(msg: string, p: Pos): never {
    throw new ParseError(msg, p);
  }
  /** Expect `kind` (consumed) or fail with `Expecting '<kind>' <context>`. */
  expect(kind: string, context: string, shown: string = kind): Token {
    const t = this.tok;
    if (t.t === kind) {
      this.i++;
      return t;
    }
    this.fail(`Expecting '${shown}' ${context}`, t);
  }
  /** The error for a token that cannot start an expression here. */
  unexpected(t: Token = this.tok): never {
    switch (t.t) {
      case "eof":
        this.fail("Script is incomplete", t);
      case "reserved":
        this.reserved(t);
      default:
        this.fail(`Unexpected '${describe(t)}'`, t);
    }
  }
  /** A reserved word/symbol token, or `this` used as a name. */
  isReserved(t: Token): boolean {
    return t.t === "reserved" || t.t === "this";
  }
  reserved(t: Token): never {
    const w = t.t === "this" ? "this" : (t.v as string);
    const word = /^[A-Za-z_]/.test(w);
    this.fail(word ? `'${w}' is a reserved keyword` : `'${w}' is a reserved symbol`, t);
  }

  // ------------------------------------------------------------ depth (§13)

  levelUp(): void {
    if (++this.depth > this.maxDepth) this.fail(TOO_DEEP);
  }
}
