// The run's Authorizer (cedar.md §1, §7–9, §11): checks that a request is well formed,
// asks cedar-wasm (pre-parsed policy set, no schema), caches decisions per run (LRU 10 000),
// records every distinct denial for --explain, and in audit mode records and allows denials.

import type { AuthzRequest, Authorizer, CedarEntity, EntityUid } from "../sdk/context.ts";
import { AuthorizationCheckFailed } from "../sdk/context.ts";
import type { Cedar } from "./cedar.ts";
import { Lru } from "./lru.ts";
import { ACTIONS, RANDOM_ID_TYPES, actionEntities, actionInfo, type ContextKind } from "./schema.ts";

export interface DenialRecord {
  principal: EntityUid;
  action: EntityUid;
  resource: EntityUid;
  context: Record<string, unknown>;
  /** execute only: the Arguments and Environment entities. */
  entities?: CedarEntity[];
  count: number;
  line: number;
  api: string;
}

export interface AuthorizerOptions {
  audit?: boolean;
  /** Called once per distinct would-be denial in audit mode. */
  onAuditDeny?: (rec: DenialRecord, text: string) => void;
  cacheCapacity?: number;
}

const EMPTY: Record<string, unknown> = Object.freeze(Object.create(null)) as Record<string, unknown>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function exactKeys(v: unknown, required: string[], optional: string[] = []): v is Record<string, unknown> {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v);
  for (const r of required) if (!(r in v)) return false;
  for (const k of keys) if (!required.includes(k) && !optional.includes(k)) return false;
  return true;
}

const isStr = (v: unknown): boolean => typeof v === "string";
const isLong = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v);

function entityRef(v: unknown, type: string): boolean {
  if (!isRecord(v)) return false;
  const e = (v.__entity ?? v) as Record<string, unknown>;
  return isRecord(e) && e.type === type && typeof e.id === "string";
}

function contextConforms(kind: ContextKind, c: Record<string, unknown>, entities: CedarEntity[]): boolean {
  switch (kind) {
    case "none":
      return Object.keys(c).length === 0;
    case "move":
      return (
        exactKeys(c, ["destination"]) &&
        exactKeys(c.destination, ["path", "name", "parent_path"]) &&
        isStr(c.destination.path) &&
        isStr(c.destination.name) &&
        isStr(c.destination.parent_path)
      );
    case "set_x_attr":
      return exactKeys(c, ["xattr"]) && exactKeys(c.xattr, ["name"]) && isStr(c.xattr.name);
    case "execute": {
      if (!exactKeys(c, ["arguments", "environment", "user", "group"], ["namespace"])) return false;
      if (!entityRef(c.arguments, "file_system::Arguments") || !entityRef(c.environment, "file_system::Environment"))
        return false;
      if (!exactKeys(c.user, ["username", "uid"]) || !isStr(c.user.username) || !isLong(c.user.uid)) return false;
      if (!exactKeys(c.group, ["groupname", "gid"]) || !isStr(c.group.groupname) || !isLong(c.group.gid)) return false;
      if ("namespace" in c && !(exactKeys(c.namespace, ["target_process_id"]) && isLong(c.namespace.target_process_id)))
        return false;
      for (const e of entities) {
        if (e.uid.type === "file_system::Arguments") {
          const a = e.attrs;
          for (const k of ["keys", "flags", "positional_values"])
            if (!Array.isArray(a[k]) || !(a[k] as unknown[]).every(isStr)) return false;
        } else if (e.uid.type === "file_system::Environment") {
          if (!Array.isArray(e.attrs.names) || !(e.attrs.names as unknown[]).every(isStr)) return false;
        }
      }
      return true;
    }
  }
}

function entityKey(e: CedarEntity): string {
  return JSON.stringify([e.uid.type, e.uid.id, e.attrs, e.parents, (e as { tags?: unknown }).tags ?? null]);
}

/** Serialise a uid the way Cedar writes it: Type::"id" with Cedar string escapes. */
export function uidText(u: EntityUid): string {
  return `${u.type}::${cedarString(u.id)}`;
}

export function cedarString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c === 0) out += "\\0";
    else if (c < 0x20 || c === 0x7f) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}

export class RexAuthorizer implements Authorizer {
  private readonly cache: Lru<boolean>;
  private readonly distinct = new Map<string, DenialRecord>();
  readonly principal: EntityUid;
  /** Number of calls that reached Cedar (for benchmarks and tests). */
  cedarCalls = 0;

  constructor(
    private readonly cedar: Cedar,
    private readonly setId: string,
    readonly user: string,
    private readonly opts: AuthorizerOptions = {},
  ) {
    this.cache = new Lru(opts.cacheCapacity ?? 10_000);
    this.principal = { type: "User", id: user };
  }

  /** Distinct denials (or would-be denials) in the order first seen. */
  get denials(): DenialRecord[] {
    return [...this.distinct.values()];
  }

  get audit(): boolean {
    return !!this.opts.audit;
  }

  isAllowed(req: AuthzRequest): boolean {
    const context = req.context ?? EMPTY;
    const info = actionInfo(req.action.type, req.action.id);
    if (!info) throw new AuthorizationCheckFailed(`action ${uidText(req.action)} is not declared in the schema`);
    if (!info.resources.includes(req.resource.type))
      throw new AuthorizationCheckFailed(`resource type ${req.resource.type} does not apply to ${uidText(req.action)}`);
    if (!contextConforms(info.context, context, req.entities))
      throw new AuthorizationCheckFailed(`context does not conform to ${uidText(req.action)}`);
    const t = req.resource.type;
    if ((t === "network::url" || t === "sysinfo::Hostname") && /["\\]/.test(req.resource.id))
      throw new AuthorizationCheckFailed(`invalid entity id ${req.resource.id}`);

    const ents = req.entities.map(entityKey).sort();
    const key = JSON.stringify([req.action.type, req.action.id, req.resource.type, req.resource.id, context, ents]);
    let allow = this.cache.get(key);
    if (allow === undefined) {
      allow = this.ask(req, context, info.context === "execute");
      this.cache.set(key, allow);
    }
    if (allow) return true;
    this.record(req, context);
    return !!this.opts.audit;
  }

  private ask(req: AuthzRequest, context: Record<string, unknown>, execute: boolean): boolean {
    const entities = execute ? [...req.entities, ...actionEntities()] : req.entities;
    this.cedarCalls++;
    const ans = this.cedar.statefulIsAuthorized({
      principal: this.principal,
      action: req.action,
      resource: req.resource,
      context: context as never,
      preparsedPolicySetId: this.setId,
      entities: entities as never,
    });
    if (ans.type === "failure")
      throw new AuthorizationCheckFailed(ans.errors.map((e) => e.message).join("; ") || "authorization failed");
    return ans.response.decision === "allow";
  }

  private record(req: AuthzRequest, context: Record<string, unknown>): void {
    const random = (u: EntityUid) => (RANDOM_ID_TYPES.has(u.type) ? `${u.type}::*` : `${u.type}::${u.id}`);
    const ctxKey = JSON.stringify(context, (_k, v) =>
      isRecord(v) && isRecord(v.__entity) && RANDOM_ID_TYPES.has(String(v.__entity.type)) ? { __entity: v.__entity.type } : v,
    );
    const extra = req.entities
      .filter((e) => e.uid.type === "file_system::Arguments" || e.uid.type === "file_system::Environment")
      .map((e) => JSON.stringify([e.uid.type, e.attrs, (e as { tags?: unknown }).tags ?? null]))
      .sort();
    const dkey = JSON.stringify([req.action.type, req.action.id, random(req.resource), ctxKey, extra]);
    const seen = this.distinct.get(dkey);
    if (seen) {
      seen.count++;
      return;
    }
    const rec: DenialRecord = {
      principal: this.principal,
      action: req.action,
      resource: req.resource,
      context,
      count: 1,
      line: req.site?.line ?? 0,
      api: req.site?.api ?? "",
    };
    const ctxEntities = req.entities.filter(
      (e) => e.uid.type === "file_system::Arguments" || e.uid.type === "file_system::Environment",
    );
    if (ctxEntities.length) rec.entities = ctxEntities;
    this.distinct.set(dkey, rec);
    if (this.opts.audit && this.opts.onAuditDeny) this.opts.onAuditDeny(rec, auditDenyText(rec));
  }

  denialMessage(req: AuthzRequest): string {
    return denialMessage(this.user, req.action, req.resource);
  }
}

/** `Permission denied: <user> unauthorized to perform <action> for <resource>` (cedar.md §8.2). */
export function denialMessage(user: string, action: EntityUid, resource: EntityUid): string {
  const act = `${action.type}::"${action.id}"`;
  const res = resource.type === "network::url" ? `network::url::"${resource.id}"` : `${resource.type}::${resource.id}`;
  return `Permission denied: ${user} unauthorized to perform ${act} for ${res}`;
}

/** The AUDIT_DENY log text (runner.md §10.1). */
export function auditDenyText(rec: DenialRecord): string {
  return `AUDIT_DENY principal: ${uidText(rec.principal)}, action: ${uidText(rec.action)}, resource: ${uidText(rec.resource)}, context: ${JSON.stringify(rec.context)}`;
}

/** One audit record line (cedar.md §11.2). */
export function auditRecordJson(rec: DenialRecord): string {
  const o: Record<string, unknown> = {
    principal: rec.principal,
    action: rec.action,
    resource: rec.resource,
    context: rec.context,
  };
  if (rec.entities) o.entities = rec.entities;
  o.count = rec.count;
  o.line = rec.line;
  o.api = rec.api;
  return JSON.stringify(o, (_k, v) => (isRecord(v) && "type" in v && "id" in v && Object.keys(v).length === 2 ? { type: v.type, id: v.id } : v));
}

export const KNOWN_ACTIONS = ACTIONS;
