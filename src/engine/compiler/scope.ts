// Compile-time scopes: every variable is resolved to a slot index of its function's frame.
// Shadowing allocates a new slot; a block's names disappear at its end (the slots are not
// reused, so a closure's shared cell is never clobbered by an unrelated variable).

import type { CallExpr, Expr, FnDef, Stmt } from "../ast.ts";

export interface VarInfo {
  slot: number;
  isConst: boolean;
  /** May hold a SharedCell (captured by a closure somewhere in this body). */
  shared: boolean;
  /** A module alias (`import ... as m`), not a script variable. */
  module: boolean;
}

export interface TempBinding {
  name: string;
  prev: VarInfo | undefined;
  info: VarInfo;
  block: Map<string, VarInfo>;
}

export class FnScope {
  nslots = 0;
  private readonly blocks: Map<string, VarInfo>[] = [new Map()];
  /** Nesting of loops (for break/continue targets) and of try handlers. */
  stmtExprs = 0;
  constructor(
    readonly def: FnDef | undefined,
    /** Names captured by closures written directly in this body. */
    readonly captured: ReadonlySet<string>,
  ) {}

  get isTop(): boolean {
    return this.def === undefined;
  }

  get depth(): number {
    return this.blocks.length;
  }

  push(): void {
    this.blocks.push(new Map());
  }

  pop(): void {
    this.blocks.pop();
  }

  declare(name: string, isConst: boolean, shared = false): VarInfo {
    const info: VarInfo = {
      slot: this.nslots++,
      isConst,
      shared: shared || this.captured.has(name),
      module: false,
    };
    this.blocks[this.blocks.length - 1]!.set(name, info);
    return info;
  }

  declareModule(alias: string): VarInfo {
    const info: VarInfo = { slot: this.nslots++, isConst: true, shared: false, module: true };
    this.blocks[this.blocks.length - 1]!.set(`::${alias}`, info);
    return info;
  }

  /**
   * Declare a temporary variable in the current block (a parameter of a caller-scope call,
   * §3.8); `unbindTemp` removes it again, restoring what the name meant before.
   */
  bindTemp(name: string): TempBinding {
    const block = this.blocks[this.blocks.length - 1]!;
    const prev = block.get(name);
    return { name, prev, info: this.declare(name, false), block };
  }

  unbindTemp(t: TempBinding): void {
    if (t.block.get(t.name) !== t.info) return;
    if (t.prev) t.block.set(t.name, t.prev);
    else t.block.delete(t.name);
  }

  /** A hidden slot (loop state, caught error, ...). */
  hidden(): number {
    return this.nslots++;
  }

  lookup(name: string): VarInfo | undefined {
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      const v = this.blocks[i]!.get(name);
      if (v) return v;
    }
    return undefined;
  }

  lookupModule(alias: string): VarInfo | undefined {
    return this.lookup(`::${alias}`);
  }

  /** All visible variable names (for is_def_var). */
  visibleNames(): Set<string> {
    const out = new Set<string>();
    for (const b of this.blocks) for (const k of b.keys()) if (!k.startsWith("::")) out.add(k);
    return out;
  }

  /** True when the current block is the function's (or script's) outermost block. */
  get atOuterBlock(): boolean {
    return this.blocks.length === 1;
  }
}

/**
 * Names captured by the closures (FnExpr) written directly in a body (not nested fn defs),
 * including those written in the bodies of functions called in caller-scope style (`f!()`),
 * whose bodies are compiled into this one (§3.8).
 */
export function capturedNames(body: Stmt[], fns?: { find(name: string, arity: number): { def: FnDef } | undefined }): Set<string> {
  const out = new Set<string>();
  const seen = new WeakSet<object>();
  const visit = (n: unknown): void => {
    if (n === null || typeof n !== "object" || seen.has(n as object)) return;
    seen.add(n as object);
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    const node = n as { k?: string };
    if (node.k === "fn") {
      for (const c of (node as { captures: string[] }).captures) out.add(c);
      return;
    }
    if (node.k === "call" && fns && (node as CallExpr).callerScope) {
      const call = node as CallExpr;
      const target = fns.find(call.name, call.args.length);
      if (target) visit(target.def.body);
    }
    for (const key in node) {
      if (key === "pos" || key === "value" && node.k === "lit") continue;
      visit((node as Record<string, unknown>)[key]);
    }
  };
  visit(body);
  return out;
}

/** Does a statement/expression list contain a statement in expression position? */
export function hasStmtExpr(n: Stmt[] | Expr): boolean {
  let found = false;
  const visit = (x: unknown): void => {
    if (found || x === null || typeof x !== "object") return;
    if (Array.isArray(x)) {
      for (const y of x) visit(y);
      return;
    }
    const node = x as { k?: string };
    if (node.k === "stmt") {
      found = true;
      return;
    }
    if (node.k === "lit") return;
    for (const key in node) if (key !== "pos") visit((node as Record<string, unknown>)[key]);
  };
  visit(n);
  return found;
}
