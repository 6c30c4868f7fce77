// `import "path" [as m]` (§2.10): the engine's loader compiles and runs the module once per
// run; its exported variables and non-private functions form the namespace.

import type { ImportStmt } from "../ast.ts";
import { RhaiError } from "../errors.ts";
import type { Compiler } from "./compiler.ts";
import { compileExpr, mismatch } from "./expr.ts";
import { type Ex, type Frame, type ModuleNs, NORMAL } from "./runtime.ts";

export function compileImport(c: Compiler, s: ImportStmt): Ex {
  const path = compileExpr(c, s.path);
  const pathPos = s.path.pos;
  // Top-level imports are also visible (by name, at run time) to the script's functions and,
  // for a module, to its importers as sub-modules.
  const topAlias = s.alias !== undefined && c.scope.isTop && c.scope.atOuterBlock ? s.alias : undefined;
  const imports = c.imports;
  const slot = s.alias !== undefined ? c.scope.declareModule(s.alias).slot : -1;
  const reg = c.reg;
  const load = c.opts.loadModule;
  const rt = c.rt;
  return (f) => {
    const p = path(f);
    if (typeof p !== "string") throw mismatch(reg.typeName(p), "string", pathPos);
    const maxModules = rt.limits.maxModules;
    if (maxModules > 0 && rt.moduleCount >= maxModules) {
      throw new RhaiError("ErrorTooManyModules", "Too many modules imported", pathPos);
    }
    rt.moduleCount++;
    const ns = load(p, pathPos);
    if (slot >= 0) f.s[slot] = ns;
    if (topAlias !== undefined) imports.set(topAlias, ns);
    f.v = undefined;
    return NORMAL;
  };
}

/**
 * The imported module a path `m::sub::...` names: the alias `m` in the lexical scope, else a
 * top-level import of the script made before the call (function bodies, §2.10), then its
 * sub-modules. Undefined when there is none.
 */
export function moduleResolver(c: Compiler, path: string[]): (f: Frame) => ModuleNs | undefined {
  const alias = c.scope.lookupModule(path[0]!);
  const rest = path.slice(1);
  const imports = c.imports;
  const head = path[0]!;
  const root: (f: Frame) => ModuleNs | undefined = alias
    ? (f) => f.s[alias.slot] as ModuleNs | undefined
    : () => imports.get(head);
  if (rest.length === 0) return root;
  return (f) => {
    let m = root(f);
    for (const p of rest) m = m?.submodules.get(p);
    return m;
  };
}
