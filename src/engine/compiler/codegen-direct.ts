// The direct form of a generated function body (see codegen.ts): when the body needs no frame,
// its slots become JS locals and parameters, `f.v` a local, and the entry does what
// Runtime.callScript does (operation count, call depth, error wrapping) around it.

import type { Compiler } from "./compiler.ts";
import type { CompiledFn } from "./runtime.ts";

/**
 * The direct form of a function body that uses no frame (no closure was delegated to):
 * slots become JS locals (parameters first), `f.v` a local, and the call entry does what
 * callScript does (ops, depth, error wrapping) around it. undefined when not applicable.
 */
export function directForm(c: Compiler, fn: CompiledFn, code: string, temps: string, fns: CompiledFn[]): string | undefined {
  const np = fn.def.params.length;
  const n = c.scope.nslots;
  // Recursive calls go straight to this form's entry.
  let self = code;
  fns.forEach((target, k) => {
    if (target === fn) self = self.split(`F[${k}].invoke(`).join("call(");
  });
  const local = self.replace(/\bs\[(\d+)\]/g, "s$1").replace(/\bf\.v\b/g, "v").replace(/return 3;/g, "return v;");
  if (/\bf\b/.test(local) || /\bs\[/.test(local)) return undefined;
  const params = Array.from({ length: np }, (_, i) => `s${i}`).join(", ");
  const locals = n > np ? `let ${Array.from({ length: n - np }, (_, i) => `s${i + np}`).join(", ")};\n` : "";
  const as = Array.from({ length: np }, (_, i) => `a${i}`).join(", ");
  const src =
    `"use strict";\nconst body = function direct(${params}) {\nlet v;\n${locals}${temps}${local}return v;\n};\n` +
    `const call = function (pos${np > 0 ? ", " + as : ""}) {\n` +
    `if (++C.ops >= C.next) C.slow(pos);\n` +
    `if (R.depth >= R.maxDepth) throw SO().at(pos);\n` +
    `R.depth++;\nlet r;\n` +
    `try { r = body(${as}); } catch (e) { R.depth--; throw WRAP(e, FN, pos); }\n` +
    `R.depth--;\nreturn r;\n};\nreturn { body, call };`;
  if (process.env.REX_ENGINE_CODEGEN_DUMP) console.error(src);
  return src;
}
