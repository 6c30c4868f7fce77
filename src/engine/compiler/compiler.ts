// The compiler's shared state and entry points: turns a Script into closures. The work is
// split by concern: expr.ts (expressions), stmt.ts (statements), calls.ts (calls and methods),
// places.ts (assignment targets), closures.ts (function pointers and anonymous functions).

import type { Expr, FnDef, Script, Stmt } from "../ast.ts";
import { type Position, RhaiError } from "../errors.ts";
import type { NativeContext, Registry } from "../registry.ts";
import type { Value } from "../value.ts";
import { compileExpr } from "./expr.ts";
import { CompiledFn, type Ev, type Ex, FnTable, type ModuleNs, NORMAL, type Runtime } from "./runtime.ts";
import { FnScope, capturedNames } from "./scope.ts";
import { compileBlockBody, compileStmt } from "./stmt.ts";

export interface CompileOptions {
  strict: boolean;
  /** Host variable names (top-level slots 0..n-1). */
  declared: readonly string[];
  /** Module name when compiling an imported module (for error texts). */
  moduleName?: string;
  /** Load (compile + run) a module by path; throws ErrorModuleNotFound etc. */
  loadModule: (path: string, pos: Position | undefined) => ModuleNs;
}

export interface CompiledScript {
  main: Ex;
  nslots: number;
  hostSlots: Map<string, number>;
  fns: FnTable;
  /** Names exported at top level: export name -> slot. */
  exports: Map<string, number>;
  /** Top-level imports by alias (sub-modules of a module), filled at run time. */
  imports: Map<string, ModuleNs>;
}

export class Compiler {
  scope!: FnScope;
  readonly fns = new FnTable();
  readonly exports = new Map<string, number>();
  /** Top-level imports of this script by alias, filled as they run (reset per run). */
  readonly imports = new Map<string, ModuleNs>();
  /** > 0 while compiling a caller-scope body (§3.8): `this` is not bound there. */
  noThis = 0;
  /** The script function whose body is being compiled (codegen may give it a direct form). */
  currentFn: CompiledFn | undefined;
  constructor(
    readonly rt: Runtime,
    readonly reg: Registry,
    readonly opts: CompileOptions,
  ) {}

  expr(e: Expr): Ev {
    return compileExpr(this, e);
  }

  stmt(s: Stmt): Ex {
    return compileStmt(this, s);
  }

  /** A block with its own scope. */
  block(body: Stmt[]): Ex {
    this.scope.push();
    try {
      return compileBlockBody(this, body);
    } finally {
      this.scope.pop();
    }
  }

  ctx(pos: Position | undefined, name: string): NativeContext {
    return this.rt.nativeCtx(pos, name, this.fns);
  }

  typeName(v: Value): string {
    return this.reg.typeName(v);
  }

  isScriptFnName(name: string): boolean {
    return this.fns.byName.has(name);
  }

  compileScript(script: Script): CompiledScript {
    const moduleName = this.opts.moduleName;
    const compiled: [FnDef, CompiledFn][] = [];
    for (const def of script.functions) {
      const cf = new CompiledFn(def, moduleName);
      const rt = this.rt;
      cf.invoke = (pos, ...args) => {
        const slots = new Array<Value>(cf.nslots);
        for (let i = 0; i < args.length; i++) slots[i] = args[i];
        return rt.callScript(cf, slots, undefined, false, pos).v;
      };
      compiled.push([def, cf]);
      const key = `${def.name}/${def.params.length}`;
      if (def.receiverType !== undefined) {
        const t = def.receiverType === "int" ? "i64" : def.receiverType === "float" ? "f64" : def.receiverType;
        this.fns.typed.set(`${t}.${key}`, cf);
      } else {
        this.fns.plain.set(key, cf);
        if (!def.isAnonymous) this.fns.byName.set(def.name, cf);
      }
    }
    for (const [def, cf] of compiled) this.compileFn(def, cf);
    this.scope = new FnScope(undefined, capturedNames(script.body, this.fns));
    const hostSlots = new Map<string, number>();
    for (const name of this.opts.declared) hostSlots.set(name, this.scope.declare(name, false).slot);
    const main = compileBlockBody(this, script.body, true);
    return { main, nslots: this.scope.nslots, hostSlots, fns: this.fns, exports: this.exports, imports: this.imports };
  }

  private compileFn(def: FnDef, cf: CompiledFn): void {
    const saved = this.scope;
    this.scope = new FnScope(def, capturedNames(def.body, this.fns));
    def.params.forEach((p, i) => this.scope.declare(p, false, i < def.captureCount));
    const savedFn = this.currentFn;
    this.currentFn = cf;
    try {
      cf.body = compileBlockBody(this, def.body, false, true);
    } finally {
      this.currentFn = savedFn;
    }
    cf.nslots = this.scope.nslots;
    this.scope = saved;
  }

  anonFn(name: string): CompiledFn {
    const f = this.fns.plain.get(
      [...this.fns.plain.keys()].find((k) => k.startsWith(`${name}/`)) ?? "",
    );
    if (!f) throw new RhaiError("ErrorFunctionNotFound", `Function not found: ${name}`);
    return f;
  }
}

export const NOOP: Ex = () => NORMAL;
