// What every SDK namespace receives from the runner: the authorizer ("may I?") and the
// script log. Implemented by src/policy (Authorizer) and src/runner (logs).

import type { Registry } from "../engine/registry.ts";

/** A Cedar entity uid: `type` is the full type name, e.g. "file_system::File". */
export interface EntityUid {
  type: string;
  id: string;
}

/** An entity sent with a request (cedar.md §5). Attribute values are Cedar JSON values. */
export interface CedarEntity {
  uid: EntityUid;
  attrs: Record<string, unknown>;
  parents: EntityUid[];
}

/** One authorization request (cedar.md §1). The principal is the authorizer's own. */
export interface AuthzRequest {
  /** e.g. {type: "file_system::Action", id: "read"} */
  action: EntityUid;
  resource: EntityUid;
  /** The resource entity, its ancestors, and any context entities (cedar.md §5). */
  entities: CedarEntity[];
  /** Cedar JSON context; {} when absent. */
  context?: Record<string, unknown>;
  /**
   * Where the request comes from (script line and SDK function name), for `--explain` and
   * audit records (runner.md §10). Optional; not part of the decision or the cache key.
   */
  site?: { line: number; api: string };
}

/** Thrown by Authorizer.isAllowed when a request cannot be formed (cedar.md §7). */
export class AuthorizationCheckFailed extends Error {
  constructor(public readonly reason: string) {
    super("Authorization check failed");
  }
}

export interface Authorizer {
  /** The principal's user name (`User::"<name>"`). */
  readonly user: string;
  /**
   * Ask Cedar (through the per-run decision cache). Returns true on Allow. In audit mode a
   * Deny is recorded and true is returned. Throws AuthorizationCheckFailed when the request
   * cannot be formed or evaluated (cedar.md §7).
   */
  isAllowed(req: AuthzRequest): boolean;
  /** `Permission denied: <user> unauthorized to perform <action> for <resource>` (cedar.md §8.2). */
  denialMessage(req: AuthzRequest): string;
}

export type LogLevel = "ERROR" | "WARN" | "INFO" | "DEBUG" | "TRACE";

export interface SdkContext {
  readonly registry: Registry;
  readonly authorizer: Authorizer;
  /** Append a log entry to the run's log (runner.md §6). */
  log(level: LogLevel, message: string): void;
  /**
   * An unexpected JavaScript exception inside an SDK function (runner.md §5.3): the SDK turns
   * it into a catchable `Other` error and reports it here, and the runner adds the alarm
   * RexRunnerInternalAlarm.
   */
  internalError?(description: string): void;
}
