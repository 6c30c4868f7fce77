// The Engine: parse → optimize → compile to closures; run with host variables.
// See docs/engine-design.md for the representation and compilation strategy.

import { DEFAULT_LIMITS, type EngineLike, type EngineOptions, type Limits, type Program } from "./api.ts";
import type { Script } from "./ast.ts";
import { Compiler, type CompiledScript } from "./compiler/compiler.ts";
import { CtlSignal, Frame, ModuleNs, RETURN, Runtime } from "./compiler/runtime.ts";
import { ExitSignal, ParseError, type Position, RhaiError } from "./errors.ts";
import { stackOverflow } from "./limits.ts";
import { registerStdlib } from "./packages/index.ts";
import { optimize } from "./optimizer.ts";
import { parse } from "./parser/index.ts";
import { Registry } from "./registry.ts";
import type { Value } from "./value.ts";

class CompiledProgram implements Program {
  constructor(
    readonly source: string,
    readonly script: Script,
    readonly compiled: CompiledScript,
  ) {}
}

export class Engine implements EngineLike {
  readonly registry = new Registry();
  readonly limits: Limits;
  private readonly rt: Runtime;
  private readonly strict: boolean;
  private readonly disabled: string[];
  private running = 0;
  /** Ids of the modules being loaded (cycle detection). */
  private readonly loading = new Set<string>();

  constructor(private readonly options: EngineOptions = {}) {
    registerStdlib(this.registry);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.strict = options.strictVariables ?? true;
    this.disabled = options.disabledSymbols ?? ["eval"];
    this.rt = new Runtime(this.registry, this.limits, options.progress);
    this.rt.onPrint = options.onPrint;
    this.rt.onDebug = options.onDebug;
  }

  private parse(source: string, declared: readonly string[]): Script {
    const l = this.limits;
    try {
      const script = parse(source, {
        strictVariables: this.strict,
        declared: [...declared],
        disabledSymbols: this.disabled,
        maxExprDepth: l.maxExprDepth,
        maxFunctionExprDepth: l.maxFunctionExprDepth,
        maxStringSize: l.maxStringSize,
        maxArraySize: l.maxArraySize,
        maxMapSize: l.maxMapSize,
        maxFunctions: l.maxFunctions,
        namespaces: new Set(this.registry.modules.keys()),
      });
      return optimize(script);
    } catch (e) {
      if (e instanceof RangeError) throw new ParseError("Expression exceeds maximum complexity", undefined);
      throw e;
    }
  }

  /** `moduleId`: the id of the module being built (undefined for the main script). */
  private build(source: string, declared: readonly string[], moduleName?: string, moduleId?: string): CompiledProgram {
    const script = this.parse(source, declared);
    const c = new Compiler(this.rt, this.registry, {
      strict: this.strict,
      declared,
      moduleName,
      loadModule: (path, pos) => this.loadModule(path, pos, moduleId),
    });
    return new CompiledProgram(source, script, c.compileScript(script));
  }

  compile(source: string, declared: readonly string[] = []): Program {
    try {
      return this.build(source, declared);
    } catch (e) {
      if (e instanceof RangeError) throw new ParseError("Expression exceeds maximum complexity", undefined);
      throw e;
    }
  }

  run(program: Program, scope?: ReadonlyMap<string, Value>): Value {
    if (!(program instanceof CompiledProgram)) throw new TypeError("not a program compiled by this engine");
    const outer = this.running === 0;
    if (outer) this.rt.reset();
    this.running++;
    try {
      return this.exec(program, scope);
    } catch (e) {
      if (e instanceof ExitSignal) return e.value;
      if (e instanceof RangeError) throw stackOverflow();
      throw e;
    } finally {
      this.running--;
    }
  }

  private exec(program: CompiledProgram, scope: ReadonlyMap<string, Value> | undefined): Value {
    const cs = program.compiled;
    cs.imports.clear();
    const f = new Frame(new Array<Value>(cs.nslots), undefined, false);
    if (scope) for (const [k, v] of scope) {
      const slot = cs.hostSlots.get(k);
      if (slot !== undefined) f.s[slot] = v;
    }
    try {
      cs.main(f);
    } catch (e) {
      if (e instanceof CtlSignal && e.code === RETURN) return e.value;
      throw e;
    }
    return f.v;
  }

  /**
   * Compile and run a module once per run per id (EngineOptions.moduleId); its exports form
   * the namespace. `importer` is the id of the importing module (undefined: main script).
   */
  private loadModule(path: string, pos: Position | undefined, importer: string | undefined): ModuleNs {
    const id = this.options.moduleId ? this.options.moduleId(path, importer) : path;
    const cached = this.rt.modules.get(id);
    if (cached) return cached;
    if (this.loading.has(id)) throw new RhaiError("ErrorRuntime", `Cyclic module import: ${id}`, pos, `Cyclic module import: ${id}`);
    let src: string | undefined;
    try {
      src = this.options.resolveModule?.(path, pos, id);
    } catch (e) {
      if (e instanceof RhaiError) e.at(pos);
      throw e;
    }
    if (src === undefined) {
      throw new RhaiError("ErrorModuleNotFound", `Module not found: ${path}`, pos).with({ module: path });
    }
    this.loading.add(id);
    try {
      this.rt.modules.set(id, this.evalModule(path, pos, id, src));
    } finally {
      this.loading.delete(id);
    }
    return this.rt.modules.get(id)!;
  }

  private evalModule(path: string, pos: Position | undefined, id: string, src: string): ModuleNs {
    const ns = new ModuleNs(path);
    try {
      const prog = this.build(src, [], path, id);
      const cs = prog.compiled;
      const f = new Frame(new Array<Value>(cs.nslots), undefined, false);
      const savedGlobals = this.rt.globals;
      this.rt.globals = new Map();
      try {
        cs.main(f);
      } finally {
        this.rt.globals = savedGlobals;
      }
      for (const [name, slot] of cs.exports) ns.vars.set(name, f.s[slot]);
      for (const [key, fn] of cs.fns.plain) if (!fn.def.private && !fn.def.isAnonymous) ns.fns.set(key, fn);
      for (const [alias, sub] of cs.imports) ns.submodules.set(alias, sub);
    } catch (e) {
      if (e instanceof RhaiError && e.catchable) {
        throw new RhaiError("ErrorInModule", `${e.toString()}\nin module '${path}'`, pos, undefined, e).with({ module: path });
      }
      throw e;
    }
    return ns;
  }
}
