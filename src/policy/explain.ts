// Permit statements that allow exactly one request (cedar.md §11.1) and the --explain
// blocks of runner.md §10.3.

import type { CedarEntity } from "../sdk/context.ts";
import { cedarString, uidText, type DenialRecord } from "./authorizer.ts";
import { parentPath } from "./entities/file_system.ts";

const IS_TYPES = new Set(["sysinfo::Sysinfo", "sysinfo::Uname", "systemd::Systemd", "sysctl::Sysctl"]);

function setLiteral(v: unknown): string {
  return `[${(Array.isArray(v) ? v : []).map((x) => cedarString(String(x))).join(", ")}]`;
}

function entityOf(rec: DenialRecord, ref: unknown): CedarEntity | undefined {
  const r = (ref as { __entity?: { type: string; id: string } })?.__entity ?? (ref as { type: string; id: string });
  return rec.entities?.find((e) => e.uid.type === r?.type && e.uid.id === r?.id);
}

function conditions(rec: DenialRecord): string[] {
  const c = rec.context as Record<string, any>;
  switch (rec.action.id) {
    case "move":
      if (rec.action.type === "file_system::Action" && c.destination)
        return [`context.destination.path == ${cedarString(String(c.destination.path))}`];
      return [];
    case "set_x_attr":
      return c.xattr ? [`context.xattr.name == ${cedarString(String(c.xattr.name))}`] : [];
    case "execute": {
      if (rec.action.type !== "file_system::Action") return [];
      const out: string[] = [];
      const args = entityOf(rec, c.arguments);
      for (const k of ["keys", "flags", "positional_values"]) {
        const v = (args?.attrs[k] as unknown[]) ?? [];
        out.push(v.length ? `context.arguments.${k} == ${setLiteral(v)}` : `context.arguments.${k}.isEmpty()`);
      }
      const tags = ((args as { tags?: Record<string, unknown> } | undefined)?.tags ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(tags))
        out.push(`context.arguments.hasTag(${cedarString(k)}) && context.arguments.getTag(${cedarString(k)}) == ${cedarString(String(v))}`);
      const env = entityOf(rec, c.environment);
      const names = (env?.attrs.names as unknown[]) ?? [];
      out.push(names.length ? `context.environment.names == ${setLiteral(names)}` : "context.environment.names.isEmpty()");
      const etags = ((env as { tags?: Record<string, unknown> } | undefined)?.tags ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(etags))
        out.push(`context.environment.hasTag(${cedarString(k)}) && context.environment.getTag(${cedarString(k)}) == ${cedarString(String(v))}`);
      if (c.user) out.push(`context.user.username == ${cedarString(String(c.user.username))} && context.user.uid == ${c.user.uid}`);
      if (c.group) out.push(`context.group.groupname == ${cedarString(String(c.group.groupname))} && context.group.gid == ${c.group.gid}`);
      out.push(
        c.namespace
          ? `context has namespace && context.namespace.target_process_id == ${c.namespace.target_process_id}`
          : "!(context has namespace)",
      );
      return out;
    }
  }
  return [];
}

/** A permit statement allowing exactly the recorded request. */
export function permitStatement(rec: DenialRecord): string {
  const res = IS_TYPES.has(rec.resource.type) ? `is ${rec.resource.type}` : `== ${uidText(rec.resource)}`;
  let s = `permit (\n  principal == ${uidText(rec.principal)},\n  action == ${uidText(rec.action)},\n  resource ${res}\n)`;
  const conds = conditions(rec);
  if (conds.length) s += ` when {\n  ${conds.join(" &&\n  ")}\n}`;
  return s + ";";
}

/** One --explain block (runner.md §10.3). */
export function explainBlock(rec: DenialRecord): string {
  const where = rec.api ? ` at line ${rec.line} (${rec.api})` : rec.line ? ` at line ${rec.line}` : "";
  let s = `rex: denied${where}: ${uidText(rec.principal)} ${uidText(rec.action)} ${uidText(rec.resource)}\n`;
  s += "rex: this statement allows exactly that request:\n";
  s += permitStatement(rec) + "\n";
  if (rec.resource.type === "file_system::File" || rec.resource.type === "file_system::Dir") {
    const parent = parentPath(rec.resource.id);
    if (parent !== undefined)
      s += `// or, for everything in that directory: resource in file_system::Dir::${cedarString(parent)}\n`;
  }
  return s;
}
