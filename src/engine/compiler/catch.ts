// What `catch (e)` receives (§12.4): the thrown value itself for `throw v` (looking through
// call/module wrappers), otherwise an object map describing the error.

import type { RhaiError } from "../errors.ts";
import { RMap, type Value } from "../value.ts";

export function errorToValue(e: RhaiError): Value {
  let inner: RhaiError = e;
  while ((inner.kind === "ErrorInFunctionCall" || inner.kind === "ErrorInModule") && inner.inner) inner = inner.inner;
  if (inner.kind === "ErrorRuntime") return inner.value;
  const m = new RMap();
  m.set("message", e.message);
  m.set("error", e.kind);
  if (e.pos) {
    m.set("line", e.pos.line);
    m.set("position", e.pos.pos);
  }
  if (e.extra) for (const k of Object.keys(e.extra)) m.set(k, e.extra[k]);
  m.origin = e.origin;
  return m;
}
