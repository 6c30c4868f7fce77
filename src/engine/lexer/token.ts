// Tokens produced by the lexer (rhai-language.md §1) and the static tables that classify
// words and symbols.

import type { Value } from "../value.ts";

/**
 * `t` is the token kind: for keywords and punctuation it is the source text itself
 * (`"let"`, `"+="`, `"()"`, `"#{"`); otherwise one of:
 *   "int" "float" "str" "char"   literals (`v` holds the Value)
 *   "ident"                      identifier (`v` = name)
 *   "istart" "imid" "iend"       back-tick string segments around `${ ... }` (`v` = text)
 *   "reserved"                   reserved word or symbol (`v` = its text)
 *   "lexerr"                     lex error (`v` = message); always followed by "eof"
 *   "eof"                        end of input
 */
export interface Token {
  t: string;
  v: Value;
  line: number;
  pos: number;
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  "true", "false", "let", "const", "if", "else", "switch", "do", "while", "until", "loop",
  "for", "in", "continue", "break", "return", "throw", "try", "catch", "fn", "private",
  "import", "export", "as", "this",
]);

export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "var", "static", "shared", "sync", "async", "await", "yield", "spawn", "thread", "go",
  "goto", "use", "case", "public", "package", "super", "protected", "is", "default", "new",
  "match", "with", "void", "null", "nil", "module",
]);

/** Names usable only in call position `name(` (§1.4). */
export const KEYWORD_FNS: ReadonlySet<string> = new Set([
  "print", "debug", "is_def_var", "is_def_fn", "Fn", "eval", "type_of", "call", "curry",
  "is_shared",
]);

/** Keyword functions that may not be called in method style `x.name(...)`. */
export const NO_METHOD_FNS: ReadonlySet<string> = new Set([
  "print", "debug", "is_def_var", "is_def_fn", "Fn", "eval",
]);

/** Valid operator/punctuation symbols (longest match wins). */
export const SYMBOLS: ReadonlySet<string> = new Set([
  "+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^", "==", "!=", "<", "<=", ">", ">=",
  "&&", "||", "!", "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=",
  "..", "..=", "??", "?.", "?[", ".", "::", ":", ",", ";", "=>", "(", ")", "[", "]", "{", "}",
  "()",
]);

export const RESERVED_SYMBOLS: ReadonlySet<string> = new Set([
  "?", "@", "$", "~", "...", "++", "--", "!.", "<|", "|>",
]);

/** Symbols that are lex errors with their own message. */
export const BAD_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ["===", "'===' is not a valid operator. This is not JavaScript! Should it be '=='?"],
  ["!==", "'!==' is not a valid operator. This is not JavaScript! Should it be '!='?"],
  ["->", "'->' is not a valid symbol. This is not C or C++!"],
  ["<-", "'<-' is not a valid symbol. This is not Go! Should it be '<='?"],
  [":=", "':=' is not a valid assignment operator. This is not Go or Pascal! Should it be simply '='?"],
  [":;", "':;' is not a valid symbol. Should it be '::'?"],
  ["::<", "'::<>' is not a valid symbol. This is not Rust! Should it be '::'?"],
  ["(*", "'(* .. *)' is not a valid comment format. This is not Pascal! Should it be '/* .. */'?"],
  ["*)", "'(* .. *)' is not a valid comment format. This is not Pascal! Should it be '/* .. */'?"],
]);

/** Previous tokens after which `-`/`+` is unary (§1.5). */
export const UNARY_AFTER: ReadonlySet<string> = new Set([
  "", ";", ":", ",", "??", "..", "..=", "{", "#{", "(", "[", "?[", "=", "!",
  "+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^", "==", "!=", "<", "<=", ">", ">=",
  "&&", "||", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=",
  "if", "while", "until", "in", "!in", "return", "throw", "istart", "imid",
]);
