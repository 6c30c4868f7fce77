// `rex policy suggest` (cedar.md §11.3): audit records (JSON Lines, §11.2) → a least-privilege
// policy. Each record is checked against the schema facts the authorizer uses, turned into the
// one-request permit statement of §11.1 (explain.ts builds it), and statements that differ
// only in their action are merged into `action in [...]`, in first-seen order.

import type { CedarEntity, EntityUid } from "../sdk/context.ts";
import { uidText, type DenialRecord } from "./authorizer.ts";
import { permitStatement } from "./explain.ts";
import { RANDOM_ID_TYPES, actionInfo } from "./schema.ts";

/** A malformed audit record: `line <n>: <reason>`. */
export class AuditRecordError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const hasOwn = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
/** Cedar Long: a JSON integer within i64 (JSON numbers beyond 2^53 lose precision, so refuse them). */
const isLong = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);
const isStrSet = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === "string");

function uid(rec: Obj, field: string): EntityUid {
  const v = rec[field];
  if (!isObj(v) || typeof v.type !== "string" || typeof v.id !== "string")
    throw new Error(`"${field}" must be an object with string "type" and "id"`);
  return { type: v.type, id: v.id };
}

/** Exactly these keys (optional ones may be absent). */
function keysAre(v: unknown, what: string, required: string[], optional: string[] = []): Obj {
  if (!isObj(v)) throw new Error(`${what} must be an object`);
  for (const r of required) if (!hasOwn(v, r)) throw new Error(`${what} lacks "${r}"`);
  for (const k of Object.keys(v))
    if (!required.includes(k) && !optional.includes(k)) throw new Error(`${what} has an undeclared member "${k}"`);
  return v;
}

function str(o: Obj, k: string, what: string): void {
  if (typeof o[k] !== "string") throw new Error(`${what}.${k} must be a string`);
}

function long(o: Obj, k: string, what: string): void {
  if (!isLong(o[k])) throw new Error(`${what}.${k} must be an integer`);
}

/** The context entity an `execute` context refers to, checked against the schema. */
function contextEntity(ref: unknown, type: string, member: string, entities: unknown): CedarEntity {
  const r = isObj(ref) && isObj(ref.__entity) ? ref.__entity : undefined;
  if (!r || r.type !== type || typeof r.id !== "string")
    throw new Error(`context.${member} must be {"__entity": {"type": "${type}", "id": …}}`);
  const list = Array.isArray(entities) ? entities : [];
  const e = list.find((x) => isObj(x) && isObj(x.uid) && x.uid.type === type && x.uid.id === r.id);
  if (!isObj(e)) throw new Error(`"entities" lacks the ${type} entity referenced by context.${member}`);
  const attrs = e.attrs;
  if (!isObj(attrs)) throw new Error(`${type} entity: "attrs" must be an object`);
  const sets = type === "file_system::Arguments" ? ["keys", "flags", "positional_values"] : ["names"];
  keysAre(attrs, `${type} attrs`, sets);
  for (const k of sets) if (!isStrSet(attrs[k])) throw new Error(`${type} attrs.${k} must be an array of strings`);
  if (e.tags !== undefined) {
    if (!isObj(e.tags)) throw new Error(`${type} entity: "tags" must be an object`);
    for (const [k, v] of Object.entries(e.tags))
      if (typeof v !== "string") throw new Error(`${type} tag "${k}" must be a string`);
  }
  return e as unknown as CedarEntity;
}

function checkContext(kind: string, c: Obj, entities: unknown): void {
  switch (kind) {
    case "none":
      if (Object.keys(c).length) throw new Error("context must be {} for this action");
      return;
    case "move": {
      const d = keysAre(keysAre(c, "context", ["destination"]).destination, "context.destination", ["path", "name", "parent_path"]);
      for (const k of ["path", "name", "parent_path"]) str(d, k, "context.destination");
      return;
    }
    case "set_x_attr":
      str(keysAre(keysAre(c, "context", ["xattr"]).xattr, "context.xattr", ["name"]), "name", "context.xattr");
      return;
    case "execute": {
      keysAre(c, "context", ["arguments", "environment", "user", "group"], ["namespace"]);
      contextEntity(c.arguments, "file_system::Arguments", "arguments", entities);
      contextEntity(c.environment, "file_system::Environment", "environment", entities);
      const u = keysAre(c.user, "context.user", ["username", "uid"]);
      str(u, "username", "context.user");
      long(u, "uid", "context.user");
      const g = keysAre(c.group, "context.group", ["groupname", "gid"]);
      str(g, "groupname", "context.group");
      long(g, "gid", "context.group");
      if (hasOwn(c, "namespace"))
        long(keysAre(c.namespace, "context.namespace", ["target_process_id"]), "target_process_id", "context.namespace");
      return;
    }
  }
}

/** Check one parsed record against §11.2 and the schema; throws Error(reason). */
export function toRecord(v: unknown): DenialRecord {
  if (!isObj(v)) throw new Error("a record must be a JSON object");
  const principal = uid(v, "principal");
  const action = uid(v, "action");
  const resource = uid(v, "resource");
  if (principal.type !== "User") throw new Error(`principal type must be User, not ${principal.type}`);
  const info = actionInfo(action.type, action.id);
  if (!info) throw new Error(`action ${uidText(action)} is not declared in the schema`);
  if (!info.resources.includes(resource.type))
    throw new Error(`resource type ${resource.type} does not apply to ${uidText(action)}`);
  if (!isObj(v.context)) throw new Error(`"context" must be an object`);
  if (v.entities !== undefined) {
    if (info.context !== "execute") throw new Error(`"entities" belongs to execute records only`);
    if (!Array.isArray(v.entities)) throw new Error(`"entities" must be an array`);
    for (const e of v.entities) {
      if (!isObj(e) || !isObj(e.uid) || typeof e.uid.type !== "string" || typeof e.uid.id !== "string")
        throw new Error(`each entity must have a "uid" with string "type" and "id"`);
      if (e.uid.type !== "file_system::Arguments" && e.uid.type !== "file_system::Environment")
        throw new Error(`unexpected entity type ${e.uid.type} in "entities"`);
    }
  }
  checkContext(info.context, v.context, v.entities);
  for (const k of ["count", "line"])
    if (v[k] !== undefined && !(isLong(v[k]) && (v[k] as number) >= 0)) throw new Error(`"${k}" must be a non-negative integer`);
  if (v.api !== undefined && typeof v.api !== "string") throw new Error(`"api" must be a string`);
  const rec: DenialRecord = {
    principal,
    action,
    resource,
    context: v.context,
    count: (v.count as number | undefined) ?? 1,
    line: (v.line as number | undefined) ?? 0,
    api: (v.api as string | undefined) ?? "",
  };
  if (Array.isArray(v.entities)) rec.entities = v.entities as CedarEntity[];
  return rec;
}

/** Parse JSON Lines; blank lines are skipped. Throws AuditRecordError with the 1-based line. */
export function parseAuditRecords(text: string): DenialRecord[] {
  const out: DenialRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new AuditRecordError(i + 1, `not valid JSON: ${(e as Error).message}`);
    }
    try {
      out.push(toRecord(v));
    } catch (e) {
      throw new AuditRecordError(i + 1, (e as Error).message);
    }
  }
  return out;
}

/** Sameness of cedar.md §11.1: equal once the fresh random ids are replaced by a placeholder. */
function sameKey(rec: DenialRecord): string {
  const resource = RANDOM_ID_TYPES.has(rec.resource.type) ? { type: rec.resource.type, id: "*" } : rec.resource;
  const ctx = JSON.stringify(rec.context, (_k, v) =>
    isObj(v) && isObj(v.__entity) && RANDOM_ID_TYPES.has(String(v.__entity.type)) ? { __entity: v.__entity.type } : v,
  );
  const extra = (rec.entities ?? [])
    .map((e) => JSON.stringify([e.uid.type, e.attrs, (e as { tags?: unknown }).tags ?? null]))
    .sort();
  return JSON.stringify([rec.principal, rec.action, resource, ctx, extra]);
}

interface Group {
  /** The §11.1 statement of the first record, with its action line cut out: [before, after]. */
  head: string;
  tail: string;
  actions: string[];
}

/** The least-privilege policy text for these records (first-seen order throughout). */
export function suggestPolicy(records: readonly DenialRecord[]): string {
  const seen = new Set<string>();
  const groups = new Map<string, Group>();
  for (const rec of records) {
    const k = sameKey(rec);
    if (seen.has(k)) continue;
    seen.add(k);
    const stmt = permitStatement(rec);
    const action = uidText(rec.action);
    const actionLine = `\n  action == ${action},\n`;
    const at = stmt.indexOf(actionLine);
    if (at < 0) throw new Error(`internal: no action line in the statement for ${action}`);
    const head = stmt.slice(0, at);
    const tail = stmt.slice(at + actionLine.length);
    const gk = `${head}\u0000${tail}`;
    const g = groups.get(gk);
    if (!g) groups.set(gk, { head, tail, actions: [action] });
    else if (!g.actions.includes(action)) g.actions.push(action);
  }
  let out = `// Generated by rex policy suggest from ${seen.size} requests. Review before use.\n`;
  for (const g of groups.values()) {
    const a = g.actions.length === 1 ? `action == ${g.actions[0]}` : `action in [${g.actions.join(", ")}]`;
    out += `${g.head}\n  ${a},\n${g.tail}\n`;
  }
  return out;
}
