// The Rhai AST: what the parser (parser/*.ts) produces, the optimizer (optimizer.ts)
// rewrites and the compiler (compiler/*.ts) turns into closures.
//
// Every node has `pos`: the position the language spec assigns to errors raised by that
// node (an operator's token for binary/unary expressions, the function name for calls,
// the property name for properties, the `[` for index expressions, the keyword for
// statements). Names are resolved by the compiler, not the parser: the parser only
// records them (but it does the strict-variables check, §14, because that is a parse error).

import type { Position } from "./errors.ts";
import type { Value } from "./value.ts";

export type Pos = Position;

// ---------------------------------------------------------------- expressions

export type Expr =
  | LitExpr
  | InterpExpr
  | ArrayExpr
  | MapExpr
  | VarExpr
  | ThisExpr
  | NsVarExpr
  | UnaryExpr
  | BinaryExpr
  | AndOrExpr
  | CoalesceExpr
  | IndexExpr
  | PropExpr
  | CallExpr
  | MethodCallExpr
  | NsCallExpr
  | FnExpr
  | BlockExpr
  | StmtExpr;

/** A literal: INT, FLOAT, bool, char, string, () — already a runtime Value. */
export interface LitExpr {
  k: "lit";
  pos: Pos;
  value: Value;
}

/** Back-tick string with interpolations: parts alternate text and blocks. */
export interface InterpExpr {
  k: "interp";
  pos: Pos;
  parts: (string | Stmt[])[];
}

export interface ArrayExpr {
  k: "array";
  pos: Pos;
  items: Expr[];
}

export interface MapExpr {
  k: "map";
  pos: Pos;
  /** In source order; keys are unique (the parser rejects duplicates). */
  entries: { key: string; value: Expr; pos: Pos }[];
}

export interface VarExpr {
  k: "var";
  pos: Pos;
  name: string;
}

export interface ThisExpr {
  k: "this";
  pos: Pos;
}

/** `global::X`, `m::X`, `m::sub::X` (path = ["m", "sub"]). */
export interface NsVarExpr {
  k: "nsvar";
  pos: Pos;
  path: string[];
  name: string;
}

export interface UnaryExpr {
  k: "unary";
  pos: Pos;
  op: "-" | "+" | "!";
  arg: Expr;
}

/**
 * All binary operators except `&&`, `||`, `??` (and `in`/`!in`, which the parser rewrites
 * to `contains(b, a)` / `!contains(b, a)` calls).
 */
export interface BinaryExpr {
  k: "binary";
  pos: Pos;
  op:
    | "+" | "-" | "*" | "/" | "%" | "**" | "<<" | ">>" | "&" | "|" | "^"
    | "==" | "!=" | "<" | "<=" | ">" | ">=" | ".." | "..=";
  left: Expr;
  right: Expr;
}

/**
 * `&&` / `||`, flattened: `a && b && c` has args [a, b, c]. `checkBool[i]` is false for an
 * operand that the optimizer (§0.3) left as the sole survivor and that must not be
 * bool-checked; in practice the optimizer replaces a one-operand AndOr by the operand.
 */
export interface AndOrExpr {
  k: "and" | "or";
  pos: Pos;
  args: Expr[];
}

/** `a ?? b ?? c`; right-hand operands may be StmtExpr (break/continue/return/throw). */
export interface CoalesceExpr {
  k: "coalesce";
  pos: Pos;
  args: Expr[];
}

/** `target[index]` / `target?[index]`. `pos` = the `[`; `index.pos` for bounds errors. */
export interface IndexExpr {
  k: "index";
  pos: Pos;
  target: Expr;
  index: Expr;
  nullSafe: boolean;
}

/** `target.name` / `target?.name`. `pos` = the property name. */
export interface PropExpr {
  k: "prop";
  pos: Pos;
  target: Expr;
  name: string;
  nullSafe: boolean;
}

/** `f(args)` / `f!(args)`. `pos` = the function name. Includes engine-level names
 *  (type_of, Fn, call, curry, is_def_fn, is_def_var, is_shared, print, debug). */
export interface CallExpr {
  k: "call";
  pos: Pos;
  name: string;
  args: Expr[];
  /** `f!(...)`: run in the caller's scope. */
  callerScope: boolean;
}

/** `target.name(args)` / `target?.name(args)`. `pos` = the method name. */
export interface MethodCallExpr {
  k: "method";
  pos: Pos;
  target: Expr;
  name: string;
  args: Expr[];
  nullSafe: boolean;
}

/** `m::f(args)`, `m::sub::f(args)`, `global::f(args)`. */
export interface NsCallExpr {
  k: "nscall";
  pos: Pos;
  path: string[];
  name: string;
  args: Expr[];
}

/**
 * An anonymous function / closure. The parser lifts its body into `Script.functions` under
 * `fnName` (`anon$` + 16 lowercase hex digits) and records which outer variables it
 * captures (free names of the body, in first-use order). At run time the captured outer
 * variables become shared cells and are curried, in that order, before the parameters:
 * the lifted FnDef's params are [...captures, ...params].
 */
export interface FnExpr {
  k: "fn";
  pos: Pos;
  fnName: string;
  captures: string[];
}

/** `{ ... }` used as an expression. */
export interface BlockExpr {
  k: "block";
  pos: Pos;
  body: Stmt[];
}

/**
 * A statement in expression position: `if`, `switch`, loops, and (as the right side of `??`)
 * `break`, `continue`, `return`, `throw`.
 */
export interface StmtExpr {
  k: "stmt";
  pos: Pos;
  stmt: Stmt;
}

// ---------------------------------------------------------------- statements

export type Stmt =
  | ExprStmt
  | LetStmt
  | AssignStmt
  | OpAssignStmt
  | IfStmt
  | SwitchStmt
  | WhileStmt
  | LoopStmt
  | DoStmt
  | ForStmt
  | BreakStmt
  | ContinueStmt
  | ReturnStmt
  | ThrowStmt
  | TryStmt
  | BlockStmt
  | ImportStmt
  | ExportStmt;

export interface ExprStmt {
  k: "expr";
  pos: Pos;
  expr: Expr;
}

/** `let x = e`, `const X = e`; `export let/const` sets `exported`. */
export interface LetStmt {
  k: "let";
  pos: Pos;
  name: string;
  namePos: Pos;
  init: Expr | undefined;
  isConst: boolean;
  exported: string | undefined;
}

/** An assignable place: a variable or `this`, then index/property steps. */
export type LValue = VarExpr | ThisExpr | IndexExpr | PropExpr;

export interface AssignStmt {
  k: "assign";
  pos: Pos;
  target: LValue;
  value: Expr;
}

/** `x op= e`; `pos` = the operator token. */
export interface OpAssignStmt {
  k: "opassign";
  pos: Pos;
  op: "+" | "-" | "*" | "/" | "%" | "**" | "<<" | ">>" | "&" | "|" | "^";
  target: LValue;
  value: Expr;
}

export interface IfStmt {
  k: "if";
  pos: Pos;
  cond: Expr;
  then: Stmt[];
  /** `else { }` body, or [IfStmt] for `else if`. */
  else: Stmt[] | undefined;
}

export interface SwitchCase {
  pos: Pos;
  /** Exact-match literal values (compared by type and value, §2.6). */
  values: Value[];
  /** INT ranges (non-empty ones only; the parser drops empty ranges). */
  ranges: { start: number | bigint; end: number | bigint; inclusive: boolean }[];
  guard: Expr | undefined;
  body: Stmt;
}

export interface SwitchStmt {
  k: "switch";
  pos: Pos;
  subject: Expr;
  cases: SwitchCase[];
  default: Stmt | undefined;
}

export interface WhileStmt {
  k: "while";
  pos: Pos;
  cond: Expr;
  body: Stmt[];
}

export interface LoopStmt {
  k: "loop";
  pos: Pos;
  body: Stmt[];
}

/** `do { } while c` (until = false) / `do { } until c` (until = true). */
export interface DoStmt {
  k: "do";
  pos: Pos;
  body: Stmt[];
  cond: Expr;
  until: boolean;
}

export interface ForStmt {
  k: "for";
  pos: Pos;
  name: string;
  counter: string | undefined;
  iterable: Expr;
  body: Stmt[];
}

export interface BreakStmt {
  k: "break";
  pos: Pos;
  value: Expr | undefined;
}

export interface ContinueStmt {
  k: "continue";
  pos: Pos;
}

export interface ReturnStmt {
  k: "return";
  pos: Pos;
  value: Expr | undefined;
}

export interface ThrowStmt {
  k: "throw";
  pos: Pos;
  value: Expr | undefined;
}

export interface TryStmt {
  k: "try";
  pos: Pos;
  body: Stmt[];
  catchVar: string | undefined;
  catchVarPos: Pos | undefined;
  handler: Stmt[];
}

export interface BlockStmt {
  k: "block";
  pos: Pos;
  body: Stmt[];
}

export interface ImportStmt {
  k: "import";
  pos: Pos;
  path: Expr;
  alias: string | undefined;
}

/** `export x;` / `export x as y;` (export let/const are LetStmt with `exported`). */
export interface ExportStmt {
  k: "export";
  pos: Pos;
  name: string;
  as: string;
}

// ---------------------------------------------------------------- functions and script

export interface FnDef {
  name: string;
  pos: Pos;
  params: string[];
  body: Stmt[];
  private: boolean;
  /** Typed method receiver: "i64", "f64", or the type name as written (`fn "MyType".f()`). */
  receiverType: string | undefined;
  /** Anonymous functions: number of leading params that are captured variables. */
  captureCount: number;
  isAnonymous: boolean;
}

export interface Script {
  body: Stmt[];
  /** All script functions, including lifted anonymous functions. */
  functions: FnDef[];
  source: string;
}
