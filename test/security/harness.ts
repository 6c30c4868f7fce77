// Shared helpers for the adversarial security tests: an Engine configured with the runner's
// default limits, the fs SDK wired to a real Cedar authorizer (RexAuthorizer over
// cedar-wasm), and result capture that tells a Rhai error apart from a JavaScript exception
// escaping Engine.run (the latter is always a finding).
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Limits } from "../../src/engine/api.ts";
import { Engine } from "../../src/engine/engine.ts";
import { ExitSignal, RhaiError } from "../../src/engine/errors.ts";
import { toDebug } from "../../src/engine/format.ts";
import { RMap, type Value } from "../../src/engine/value.ts";
import { RexAuthorizer, type AuthorizerOptions } from "../../src/policy/authorizer.ts";
import { loadCedar, type Cedar } from "../../src/policy/cedar.ts";
import { loadPolicy } from "../../src/policy/load.ts";
import type { AuthzRequest, Authorizer, SdkContext } from "../../src/sdk/context.ts";
import { closeFsResources, registerFsSdk } from "../../src/sdk/fs/index.ts";

/** The limits `rex run` uses by default (src/runner/request.ts DEFAULT_LIMITS). */
export const RUNNER_LIMITS: Partial<Limits> = {
  maxOperations: 500_000_000,
  maxCallLevels: 64,
  maxExprDepth: 64,
  maxFunctionExprDepth: 32,
  maxStringSize: 134_217_728,
  maxArraySize: 10_000_000,
  maxMapSize: 1_000_000,
};

export const USER = "tester";

let cedarP: Promise<Cedar> | undefined;
export function cedar(): Promise<Cedar> {
  cedarP ??= loadCedar();
  return cedarP;
}

/** A real authorizer for `policy` (Cedar text), principal User::"tester". */
export async function authz(policy: string, opts: AuthorizerOptions = {}): Promise<RexAuthorizer> {
  const c = await cedar();
  return new RexAuthorizer(c, loadPolicy(c, policy).setId, USER, opts);
}

/** Wraps an authorizer and records every request as `action Type::"id"`. */
export class Recording implements Authorizer {
  readonly log: string[] = [];
  constructor(readonly inner: Authorizer) {}
  get user(): string {
    return this.inner.user;
  }
  isAllowed(req: AuthzRequest): boolean {
    this.log.push(`${req.action.id} ${req.resource.type.replace("file_system::", "")}::"${req.resource.id}"`);
    return this.inner.isAllowed(req);
  }
  denialMessage(req: AuthzRequest): string {
    return this.inner.denialMessage(req);
  }
}

export interface Outcome {
  /** "ok: <debug of value>" | "rhai: <display of the error>" | "sdk: <Kind>: <message>" | "JS: <exception>" */
  text: string;
  ms: number;
}

function describeError(e: unknown): string {
  if (e instanceof ExitSignal) return `exit: ${toDebug(e.value)}`;
  if (e instanceof RhaiError) {
    if (e.value instanceof RMap && e.value.get("source") === "IoErrorKind")
      return `sdk: ${String(e.value.get("kind"))}: ${String(e.value.get("message"))}`;
    return `rhai: ${e.toString()}`;
  }
  const err = e as Error;
  return `JS: ${err?.constructor?.name}: ${String(err?.message ?? e)}`;
}

/** Run a script on a fresh engine with the runner's limits (optionally the fs SDK). */
export function runScript(
  src: string,
  opts: {
    az?: Authorizer;
    vars?: Record<string, Value>;
    limits?: Partial<Limits>;
    progress?: () => string | undefined;
    /** Register extra native functions (e.g. a hook that changes the file system mid-script). */
    setup?: (e: Engine) => void;
  } = {},
): Outcome {
  const t0 = performance.now();
  const e = new Engine({ limits: { ...RUNNER_LIMITS, ...opts.limits }, progress: opts.progress });
  let ctx: SdkContext | undefined;
  if (opts.az) {
    ctx = { registry: e.registry, authorizer: opts.az, log: () => {} };
    registerFsSdk(ctx);
  }
  opts.setup?.(e);
  let text: string;
  try {
    const scope = new Map(Object.entries(opts.vars ?? {}));
    text = `ok: ${toDebug(e.run(e.compile(src, [...scope.keys()]), scope))}`;
  } catch (err) {
    text = describeError(err);
  } finally {
    if (ctx) closeFsResources(ctx);
  }
  return { text, ms: performance.now() - t0 };
}

/** A fresh directory under the system temp dir, with symlinks in its path resolved. */
export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** The denial text for `action` on `type::id` (cedar.md §8.2). */
export const denied = (action: string, type: "File" | "Dir", id: string): string =>
  `sdk: PermissionDenied: Permission denied: ${USER} unauthorized to perform file_system::Action::"${action}" for file_system::${type}::${id}`;
