// `import "path" [as m]` (§2.10): the engine's loader compiles and runs the module once per
// run; its exported variables and non-private functions form the namespace.

import type { ImportStmt } from "../ast.ts";
import { RhaiError } from "../errors.ts";
import type { Compiler } from "./compiler.ts";
import { compileExpr, mismatch } from "./expr.ts";
import { type Ex, NORMAL } from "./runtime.ts";

export function compileImport(c: Compiler, s: ImportStmt): Ex {
  const path = compileExpr(c, s.path);
  const pathPos = s.path.pos;
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
    f.v = undefined;
    return NORMAL;
  };
}
