// file_system::File and file_system::Dir entities (cedar.md §4.1): validation, ids, the
// `path` attribute and the parent chain up to Dir::"/". Paths are used verbatim: no
// normalisation and no symlink resolution (callers pass the path of what they opened).

import type { AuthzRequest, CedarEntity, EntityUid } from "../../sdk/context.ts";

export const FILE_TYPE = "file_system::File";
export const DIR_TYPE = "file_system::Dir";
export const FS_ACTION_TYPE = "file_system::Action";

export type FsEntityKind = "File" | "Dir";

export type FsAction =
  | "read"
  | "write"
  | "delete"
  | "open"
  | "create"
  | "chmod"
  | "chown"
  | "stat"
  | "move"
  | "execute"
  | "redacted_read"
  | "set_x_attr";

/** An entity that cannot be built; `message` is the exact text of cedar.md §4.1. */
export class FsEntityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FsEntityError";
  }
}

function hasInvalidChar(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x7c || c === 0x3f || c === 0x2a) return true;
  }
  return false;
}

function hasDotDot(p: string): boolean {
  let i = p.indexOf("..");
  while (i >= 0) {
    const before = i === 0 || p.charCodeAt(i - 1) === 0x2f;
    const after = i + 2 === p.length || p.charCodeAt(i + 2) === 0x2f;
    if (before && after) return true;
    i = p.indexOf("..", i + 1);
  }
  return false;
}

/** The validation error for a path, or undefined when it is acceptable (File and Dir rules). */
export function pathError(path: string): string | undefined {
  if (hasInvalidChar(path)) return `Path contains invalid characters ${path}`;
  if (!path.startsWith("/")) return `Path is not absolute ${path}`;
  if (hasDotDot(path)) return `Path traversal detected ${path}`;
  return undefined;
}

/** Remove trailing `/` characters and `/.` pieces repeatedly. */
export function stripTrailing(p: string): string {
  let end = p.length;
  for (;;) {
    if (end > 0 && p.charCodeAt(end - 1) === 0x2f) end--;
    else if (end > 1 && p.charCodeAt(end - 1) === 0x2e && p.charCodeAt(end - 2) === 0x2f) end -= 2;
    else if (end === 1 && p.charCodeAt(0) === 0x2e) end = 0; // a lone "." (relative)
    else break;
  }
  return end === p.length ? p : p.slice(0, end);
}

/**
 * The lexical parent (Rust's `Path::parent` on an absolute path): undefined for a path
 * without components (`/`, `//`, `/.`).
 */
export function parentPath(path: string): string | undefined {
  const s = stripTrailing(path);
  if (s.length === 0) return undefined;
  const slash = s.lastIndexOf("/");
  if (slash < 0) return "";
  const parent = stripTrailing(s.slice(0, slash + 1));
  return parent.length === 0 ? (path.startsWith("/") ? "/" : "") : parent;
}

/** The last component (after trailing `/` and `/.` are removed); undefined when none. */
export function leafName(path: string): string | undefined {
  const s = stripTrailing(path);
  if (s.length === 0) return undefined;
  const leaf = s.slice(s.lastIndexOf("/") + 1);
  if (leaf === "..") return undefined;
  return leaf;
}

/**
 * The lexical normal form of an absolute path: empty and `.` components dropped, no trailing
 * `/` (`"/a//b/./c/"` -> `"/a/b/c"`, `"//"` -> `"/"`). Ids stay verbatim (cedar.md §4.1); the
 * fs SDK also checks this form so that `/./` or `//` cannot step around a `forbid`
 * (docs/security.md).
 */
export function lexicalNormal(path: string): string {
  if (!path.includes("//") && !path.includes("/.") && !(path.length > 1 && path.endsWith("/"))) return path;
  const parts = path.split("/").filter((c) => c !== "" && c !== ".");
  return `/${parts.join("/")}`;
}

/** A Dir id: one trailing `/` removed, except for `/`. */
export function dirId(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

function dirChain(path: string, out: CedarEntity[]): EntityUid {
  const id = dirId(path);
  const uid: EntityUid = { type: DIR_TYPE, id };
  const parent = parentPath(id);
  const entity: CedarEntity = { uid, attrs: { path: id }, parents: [] };
  out.push(entity);
  if (parent !== undefined && parent !== "") entity.parents.push(dirChain(parent, out));
  return uid;
}

/** The resource uid and its entity data (the entity first, then every ancestor). */
export function fsEntity(kind: FsEntityKind, path: string): { uid: EntityUid; entities: CedarEntity[] } {
  const err = pathError(path);
  if (err) throw new FsEntityError(err);
  const entities: CedarEntity[] = [];
  if (kind === "Dir") return { uid: dirChain(path, entities), entities };
  const parent = parentPath(path);
  if (parent === undefined) throw new FsEntityError("No parent path");
  const uid: EntityUid = { type: FILE_TYPE, id: path };
  const entity: CedarEntity = { uid, attrs: { path }, parents: [] };
  entities.push(entity);
  entity.parents.push(dirChain(parent, entities));
  return { uid, entities };
}

/** A complete request for `action` on a File or Dir; throws FsEntityError when invalid. */
export function fsRequest(
  action: FsAction,
  kind: FsEntityKind,
  path: string,
  context?: Record<string, unknown>,
): AuthzRequest {
  const { uid, entities } = fsEntity(kind, path);
  return { action: { type: FS_ACTION_TYPE, id: action }, resource: uid, entities, context: context ?? {} };
}
