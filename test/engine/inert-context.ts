// A NativeContext for calling numeric, conversion and time natives directly through a
// Registry: no callbacks, no limits, `==` as identity. (The collection packages, which need
// callbacks and size limits, use stdlib-fake-context.ts.)
import type { NativeContext } from "../../src/engine/registry.ts";

export const inertContext: NativeContext = {
  pos: undefined,
  fnName: "test",
  call: () => undefined,
  callWithThis: (_f, t) => [undefined, t],
  checkSize: () => {},
  tick: () => {},
  arity: () => undefined,
  equals: (a, b) => a === b,
};
