// Inspections of the AST and scope that decide what the code generator (codegen.ts) may do:
// body size and nesting, whether a loop body can reach a variable, mutability of a variable.

import type { Expr, Stmt } from "../ast.ts";
import type { Compiler } from "./compiler.ts";

/** Bodies nested deeper than this (object nesting of the AST, about 2x the expression depth) stay closures. */
const MAX_DEPTH = 160;

/** A plain, non-constant variable (constants are also reachable as `global::X`). */
export function mutableSlot(c: Compiler, e: Expr): boolean {
  if (e.k !== "var") return false;
  const info = c.scope.lookup(e.name);
  return info !== undefined && !info.shared && !info.module && !info.isConst;
}

/** Does `body` name variable `name` anywhere, or contain a caller-scope call `f!()`? */
export function mentions(body: Stmt[], name: string): boolean {
  let found = false;
  const visit = (x: unknown): void => {
    if (found || x === null || typeof x !== "object") return;
    if (Array.isArray(x)) {
      for (const y of x) visit(y);
      return;
    }
    const node = x as { k?: string; name?: unknown; callerScope?: unknown; captures?: unknown };
    if ((node.k === "var" && node.name === name) || (node.k === "call" && node.callerScope)) {
      found = true;
      return;
    }
    if (node.k === "fn" && Array.isArray(node.captures) && node.captures.includes(name)) {
      found = true;
      return;
    }
    if (node.k === "lit") return;
    for (const key in node) if (key !== "pos") visit((node as Record<string, unknown>)[key]);
  };
  visit(body);
  return found;
}

/**
 * AST nodes in `n`, or `limit + 1` when there are more than `limit` or the nesting is deeper
 * than MAX_DEPTH (deeply nested generated text could exhaust the JS parser's stack).
 */
export function nodeCount(n: unknown, limit: number): number {
  let count = 0;
  const visit = (x: unknown, depth: number): void => {
    if (count > limit || x === null || typeof x !== "object") return;
    if (depth > MAX_DEPTH) {
      count = limit + 1;
      return;
    }
    if (Array.isArray(x)) {
      for (const y of x) visit(y, depth);
      return;
    }
    count++;
    const node = x as { k?: string };
    if (node.k === "lit") return;
    for (const key in node) if (key !== "pos") visit((node as Record<string, unknown>)[key], depth + 1);
  };
  visit(n, 0);
  return count;
}
