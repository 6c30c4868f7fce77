// Test harness for the fs SDK: a registry with the SDK registered, a fake authorizer that
// allows (action, Dir-subtree or exact File) rules and records every request, and `call`
// that dispatches through the registry like the evaluator would.

import { RhaiError } from "../../../src/engine/errors.ts";
import { Registry, type NativeContext } from "../../../src/engine/registry.ts";
import { RMap, type Value } from "../../../src/engine/value.ts";
import type { AuthzRequest, Authorizer, SdkContext } from "../../../src/sdk/context.ts";
import { registerFsSdk } from "../../../src/sdk/fs/index.ts";

export interface Rule {
  actions: string[] | "*";
  dir?: string;
  file?: string;
}

export class FakeAuthorizer implements Authorizer {
  readonly user = "tester";
  readonly requests: string[] = [];
  constructor(public rules: Rule[]) {}
  isAllowed(req: AuthzRequest): boolean {
    const kind = req.resource.type.replace("file_system::", "");
    this.requests.push(`${req.action.id} ${kind}::"${req.resource.id}"`);
    return this.rules.some(
      (r) =>
        (r.actions === "*" || r.actions.includes(req.action.id)) &&
        ((r.file !== undefined && req.resource.type === "file_system::File" && req.resource.id === r.file) ||
          (r.dir !== undefined && req.entities.some((e) => e.uid.type === "file_system::Dir" && e.uid.id === r.dir))),
    );
  }
  denialMessage(req: AuthzRequest): string {
    return `Permission denied: ${this.user} unauthorized to perform ${req.action.type}::"${req.action.id}" for ${req.resource.type}::${req.resource.id}`;
  }
}

export function setup(rules: Rule[]) {
  const registry = new Registry();
  const az = new FakeAuthorizer(rules);
  const logs: string[] = [];
  const ctx: SdkContext = { registry, authorizer: az, log: (l, m) => logs.push(`${l} ${m}`) };
  registerFsSdk(ctx);
  const native: NativeContext = {
    pos: undefined,
    fnName: "",
    call: () => undefined,
    callWithThis: (_f: unknown, t: Value) => [undefined, t],
    checkSize: () => {},
    tick: () => {},
  } as unknown as NativeContext;

  /** Call a registered function; returns [result, receiver after the call]. */
  function callMut(name: string, ...args: Value[]): [Value, Value] {
    const types = args.map((a) => registry.typeSpecOf(a));
    const f = registry.functions.resolve(name, types);
    if (!f) throw new Error(`Function not found: ${name} (${types.join(", ")})`);
    const a = [...args];
    const r = f.fn({ ...native, fnName: name }, a);
    return [r, a[0]];
  }
  const call = (name: string, ...args: Value[]): Value => callMut(name, ...args)[0];
  const mod = (m: string, c: string): Value => {
    const v = registry.modules.get(m)?.constants.get(c);
    if (v === undefined) throw new Error(`no constant ${m}::${c}`);
    return v;
  };
  const build = (ctor: string, setters: [string, Value][]): Value => {
    let b = call(ctor);
    for (const [k, v] of setters) b = call(k, b, v);
    return call("build", b);
  };
  return { registry, az, ctx, logs, call, callMut, mod, build };
}

/** Run `f` and return "<kind>: <message>" of the SDK error (or the string error). */
export function errOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof RhaiError) {
      if (e.value instanceof RMap) return `${String(e.value.get("kind"))}: ${String(e.value.get("message"))}`;
      return `string: ${String(e.value)}`;
    }
    throw e;
  }
  throw new Error("expected an error");
}

export function origin(f: () => unknown): [string | undefined, string | undefined] {
  try {
    f();
  } catch (e) {
    if (e instanceof RhaiError) return [e.origin, (e.value as RMap).origin];
    throw e;
  }
  throw new Error("expected an error");
}
