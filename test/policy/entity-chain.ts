// Shared by the policy tests: the File/Dir entity chain of a path, built independently of
// the SDK's request builder (cedar.md §4.1), and a file_system request for it.
import { parentPath } from "../../src/policy/entities/file_system.ts";
import type { CedarEntity } from "../../src/sdk/context.ts";

export function chain(path: string, type: "File" | "Dir"): CedarEntity[] {
  const out: CedarEntity[] = [];
  let cur: string | undefined = path;
  let t = `file_system::${type}`;
  while (cur !== undefined) {
    const parent = parentPath(cur);
    out.push({ uid: { type: t, id: cur }, attrs: { path: cur }, parents: parent === undefined ? [] : [{ type: "file_system::Dir", id: parent }] });
    cur = parent;
    t = "file_system::Dir";
  }
  return out;
}
