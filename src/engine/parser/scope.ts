// Declared-name tracking for strict variables (rhai-language.md §14) and closure capture
// (§3.7, §7.3). One Frame per function body, closure body, or the top level; blocks
// push/pop marks inside a frame.

import type { Pos } from "../ast.ts";

export type FrameKind = "top" | "fn" | "closure";

export class Frame {
  /** Declared variable names, innermost last. */
  readonly vars: string[] = [];
  /** Parallel to vars: declared with `const`. */
  readonly consts: boolean[] = [];
  /** Imported module aliases in scope. */
  readonly modules: string[] = [];
  /** Closures: captured outer names in first-use order. */
  readonly captures: string[] = [];
  /** Parallel to captures: where each was first used (for `Undefined variable`). */
  readonly capturePos: Pos[] = [];

  constructor(
    readonly kind: FrameKind,
    readonly parent: Frame | undefined,
  ) {}

  declare(name: string, isConst = false): void {
    this.vars.push(name);
    this.consts.push(isConst);
  }

  /** Index of the innermost declaration of `name`, or -1. */
  find(name: string): number {
    const v = this.vars;
    for (let i = v.length - 1; i >= 0; i--) if (v[i] === name) return i;
    return -1;
  }

  hasModule(name: string): boolean {
    return this.modules.lastIndexOf(name) >= 0;
  }

  mark(): [number, number] {
    return [this.vars.length, this.modules.length];
  }

  reset(mark: [number, number]): void {
    const [nv, nm] = mark;
    this.vars.length = nv;
    this.consts.length = nv;
    this.modules.length = nm;
  }
}
