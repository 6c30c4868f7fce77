// Static operation weights (rhai-language.md §13: one operation per statement, per expression
// evaluation step, per index access and per function call). Instead of incrementing the
// counter at every expression node, each statement adds, when it runs, 1 + the number of
// expression nodes it evaluates itself (its nested blocks count their own statements when
// they run). Short-circuited operands are counted as if evaluated: a close approximation
// of the reference's count that costs one addition per statement. Script calls count 1
// more when they are entered (Runtime.callScript), loops 1 per iteration.

import type { Expr, Stmt } from "../ast.ts";

/** Expression nodes evaluated by `e`, not descending into nested statement blocks. */
export function exprWeight(e: Expr | undefined): number {
  if (e === undefined) return 0;
  switch (e.k) {
    case "lit":
    case "var":
    case "this":
    case "nsvar":
    case "fn":
    case "interp":
    case "block":
      return 1;
    case "array":
      return 1 + sum(e.items);
    case "map": {
      let n = 1;
      for (const x of e.entries) n += exprWeight(x.value);
      return n;
    }
    case "unary":
      return 1 + exprWeight(e.arg);
    case "binary":
      return 1 + exprWeight(e.left) + exprWeight(e.right);
    case "and":
    case "or":
    case "coalesce":
      return 1 + sum(e.args);
    case "index":
      return 1 + exprWeight(e.target) + exprWeight(e.index);
    case "prop":
      return 1 + exprWeight(e.target);
    case "call":
    case "nscall":
      return 1 + sum(e.args);
    case "method":
      return 1 + exprWeight(e.target) + sum(e.args);
    case "stmt":
      return stmtWeight(e.stmt);
  }
}

function sum(es: Expr[]): number {
  let n = 0;
  for (const x of es) n += exprWeight(x);
  return n;
}

/** 1 for the statement + the expression nodes it evaluates outside its nested blocks. */
export function stmtWeight(s: Stmt): number {
  switch (s.k) {
    case "expr":
      return 1 + exprWeight(s.expr);
    case "let":
      return 1 + exprWeight(s.init);
    case "assign":
    case "opassign":
      return 1 + exprWeight(s.target) + exprWeight(s.value);
    case "if":
      return 1 + exprWeight(s.cond);
    case "switch":
      return 1 + exprWeight(s.subject);
    case "for":
      return 1 + exprWeight(s.iterable);
    case "break":
    case "return":
    case "throw":
      return 1 + exprWeight(s.value);
    case "import":
      return 1 + exprWeight(s.path);
    default:
      // while/do conditions are counted with each iteration (loopCondWeight).
      return 1;
  }
}

/**
 * Where a statement starts (the position an operation-limit or termination error reports):
 * the keyword, or the leftmost operand of an expression or assignment statement.
 */
export function stmtStart(s: Stmt): Stmt["pos"] {
  if (s.k === "expr") return exprStart(s.expr);
  if (s.k === "assign" || s.k === "opassign") return exprStart(s.target);
  return s.pos;
}

function exprStart(e: Expr): Expr["pos"] {
  for (;;) {
    switch (e.k) {
      case "binary":
        e = e.left;
        continue;
      case "and":
      case "or":
      case "coalesce":
        e = e.args[0]!;
        continue;
      case "index":
      case "prop":
      case "method":
        e = e.target;
        continue;
      default:
        return e.pos;
    }
  }
}
