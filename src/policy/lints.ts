// rex's own policy lints (cedar.md §10.3): patterns that are valid Cedar but surprising
// under REX's request model. Always warnings. Works on cedar-wasm's JSON form of a policy.

import type { Cedar } from "./cedar.ts";
import { ACTION_GROUPS } from "./schema.ts";

export interface Lint {
  /** Byte offset inside the policy text. */
  offset: number;
  message: string;
}

const RANDOM = ["sysinfo::Sysinfo", "systemd::Systemd", "sysctl::Sysctl", "sysinfo::Uname"];

function byteIndex(text: string, needle: RegExp): number {
  const m = needle.exec(text);
  return m ? Buffer.byteLength(text.slice(0, m.index)) : 0;
}

type Uid = { type?: string; id?: string; __entity?: { type: string; id: string } };

function uidOf(u: Uid): { type: string; id: string } | undefined {
  if (u.__entity) return u.__entity;
  if (typeof u.type === "string" && typeof u.id === "string") return { type: u.type, id: u.id };
  return undefined;
}

function groupMessage(type: string, id: string): string | undefined {
  if (ACTION_GROUPS.get(type) !== id) return undefined;
  if (id === "SafeIO")
    return 'action group SafeIO matches only file_system::Action::"execute" requests (REX-compatible behaviour); list the actions instead';
  return `action group ${id} never matches any request (REX-compatible behaviour); list the actions instead`;
}

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit);
  } else if (node !== null && typeof node === "object") {
    visit(node as Record<string, unknown>);
    for (const k of Object.keys(node)) walk((node as Record<string, unknown>)[k], visit);
  }
}

export function lintPolicy(cedar: Cedar, text: string, template: boolean): Lint[] {
  if (template) return [{ offset: 0, message: "templates are never linked by rex and never match" }];
  const j = cedar.policyToJson(text);
  if (j.type !== "success") return [];
  const p = j.json;
  const out: Lint[] = [];
  const actionAt = byteIndex(text, /\baction\b/);
  if (p.action.op === "in") {
    const list = "entity" in p.action ? [p.action.entity] : p.action.entities;
    for (const u of list) {
      const uid = uidOf(u as Uid);
      const msg = uid && groupMessage(uid.type, uid.id);
      if (msg) out.push({ offset: actionAt, message: msg });
    }
  }
  if (p.resource.op === "==" && "entity" in p.resource) {
    const uid = uidOf(p.resource.entity as Uid);
    if (uid && RANDOM.includes(uid.type))
      out.push({
        offset: byteIndex(text, /\bresource\b/),
        message: `ids of ${uid.type} are random for every request; use resource is ${uid.type}`,
      });
  }
  let pid = false;
  const randomSeen = new Set<string>();
  walk(p.conditions, (n) => {
    const dot = n["."] as { left?: unknown; attr?: unknown } | undefined;
    if (dot && dot.attr === "pid" && (dot.left as { Var?: string } | undefined)?.Var === "resource") pid = true;
    const inn = n["in"] as { left?: { Var?: string }; right?: { Value?: unknown; Set?: unknown[] } } | undefined;
    if (inn && inn.left?.Var === "action") {
      const vals = inn.right?.Set ? inn.right.Set.map((x) => (x as { Value?: unknown }).Value) : [inn.right?.Value];
      for (const v of vals) {
        const uid = v ? uidOf(v as Uid) : undefined;
        const msg = uid && groupMessage(uid.type, uid.id);
        if (msg) out.push({ offset: byteIndex(text, /\baction\s+in\b/), message: msg });
      }
    }
    const eq = n["=="] as { left?: { Var?: string }; right?: { Value?: unknown } } | undefined;
    if (eq && eq.left?.Var === "resource" && eq.right?.Value) {
      const uid = uidOf(eq.right.Value as Uid);
      if (uid && RANDOM.includes(uid.type) && !randomSeen.has(uid.type)) {
        randomSeen.add(uid.type);
        out.push({
          offset: byteIndex(text, /\bresource\s*==/),
          message: `ids of ${uid.type} are random for every request; use resource is ${uid.type}`,
        });
      }
    }
  });
  if (pid)
    out.push({
      offset: byteIndex(text, /\bresource\s*\.\s*pid\b/),
      message:
        'process_system::Process has a run-time attribute pid that the schema does not declare; it works, but strict validation rejects it; resource == process_system::Process::"<pid>" is equivalent',
    });
  return out;
}
