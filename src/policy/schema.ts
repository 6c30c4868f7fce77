// The Cedar schema of cedar.md §2.1 (embedded text) and the facts about it that the
// authorizer checks before every request (cedar.md §13): which actions exist, which
// resource types they apply to, and which context they declare.

import schemaText from "../../policies/schema.cedarschema" with { type: "text" };

export const SCHEMA_TEXT: string = schemaText;

export type ContextKind = "none" | "move" | "set_x_attr" | "execute";

export interface ActionInfo {
  readonly resources: readonly string[];
  readonly context: ContextKind;
  /** The action group it is declared `in`. */
  readonly group: string;
}

const FS = ["file_system::File", "file_system::Dir"];
const FILE = ["file_system::File"];

function table(): Map<string, ActionInfo> {
  const m = new Map<string, ActionInfo>();
  const add = (ns: string, names: string[], resources: string[], group: string, context: ContextKind = "none") => {
    for (const n of names) m.set(`${ns}::Action\u0000${n}`, { resources, context, group });
  };
  add("file_system", ["write", "network_namespace", "redacted_read"], FILE, "SafeIO");
  add("file_system", ["open", "chmod", "chown", "create", "delete", "read", "stat"], FS, "SafeIO");
  add("file_system", ["set_x_attr"], FS, "SafeIO", "set_x_attr");
  add("file_system", ["execute"], FILE, "SafeIO", "execute");
  add("file_system", ["move"], FS, "SafeIO", "move");
  add("file_system", ["unmount"], ["file_system::Dir"], "SafeIO");
  add("sysinfo", ["list"], ["sysinfo::Uname", "sysinfo::Sysinfo"], "SysinfoAction");
  add("sysinfo", ["resolve_hostname"], ["sysinfo::Hostname"], "SysinfoAction");
  add("network", ["GET", "connect"], ["network::url"], "NetworkAction");
  add(
    "process_system",
    ["list", "list_fds", "mount_namespace", "network_namespace", "kill", "interrupt", "trace"],
    ["process_system::Process"],
    "ProcessAction",
  );
  add("systemd", ["start", "stop", "restart", "status"], ["systemd::Service"], "SystemdAction");
  add("systemd", ["daemon_reload"], ["systemd::Systemd"], "SystemdAction");
  add("sysctl", ["load"], ["sysctl::Sysctl"], "SysctlAction");
  return m;
}

export const ACTIONS: ReadonlyMap<string, ActionInfo> = table();

export function actionInfo(type: string, id: string): ActionInfo | undefined {
  return ACTIONS.get(`${type}\u0000${id}`);
}

/** Every action entity with its group as parent (sent with `execute` requests, cedar.md §5). */
export function actionEntities(): { uid: { type: string; id: string }; attrs: Record<string, never>; parents: { type: string; id: string }[] }[] {
  const out = [];
  const groups = new Set<string>();
  for (const [key, info] of ACTIONS) {
    const [type, id] = key.split("\u0000") as [string, string];
    out.push({ uid: { type, id }, attrs: {}, parents: [{ type, id: info.group }] });
    groups.add(`${type}\u0000${info.group}`);
  }
  for (const g of groups) {
    const [type, id] = g.split("\u0000") as [string, string];
    out.push({ uid: { type, id }, attrs: {}, parents: [] });
  }
  return out;
}

/** Group names per namespace (for the lints of cedar.md §10.3). */
export const ACTION_GROUPS: ReadonlyMap<string, string> = new Map([
  ["file_system::Action", "SafeIO"],
  ["sysinfo::Action", "SysinfoAction"],
  ["network::Action", "NetworkAction"],
  ["process_system::Action", "ProcessAction"],
  ["systemd::Action", "SystemdAction"],
  ["sysctl::Action", "SysctlAction"],
]);

/** Types whose ids are fresh random UUIDs (cedar.md §2.2). */
export const RANDOM_ID_TYPES: ReadonlySet<string> = new Set([
  "sysinfo::Sysinfo",
  "sysinfo::Uname",
  "systemd::Systemd",
  "sysctl::Sysctl",
  "file_system::Arguments",
  "file_system::Environment",
]);
