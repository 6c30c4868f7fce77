// Opening directories (sdk-fs.md §1.3, §1.5): the no-follow component walk from `/`, the
// follow mode with a check on the resolved path, creation, sub-directory opens and listing.

import { Errno } from "../../host/index.ts";
import type { DirEnt } from "../../host/types.ts";
import { DT_UNKNOWN, S_IFMT } from "../../host/types.ts";
import { leafName, parentPath } from "../../policy/entities/file_system.ts";
import { authorize } from "./authz.ts";
import type { OpenDirOptions } from "./builders.ts";
import { fsError, osError } from "./errors.ts";
import { DirHandle, joinPath } from "./handles.ts";
import type { FsRuntime } from "./runtime.ts";

const NOT_DIR_REASON = "Not a directory, enable follow_symlinks to open the target directory";

function dirFlags(rt: FsRuntime): number {
  const c = rt.h.c;
  return c.O_RDONLY | c.O_DIRECTORY | c.O_NOFOLLOW | c.O_CLOEXEC;
}

/** The components of an absolute path, skipping empty and `.` pieces. */
export function components(p: string): string[] {
  return p.split("/").filter((s) => s !== "" && s !== ".");
}

/**
 * Open an absolute path one component at a time from `/`, never following a symlink.
 * Returns a descriptor or -errno (ELOOP/ENOTDIR for a symlink or non-directory).
 */
export function walkNoFollow(rt: FsRuntime, p: string): number {
  const h = rt.h;
  let fd = h.openat(h.c.AT_FDCWD, "/", h.c.O_RDONLY | h.c.O_DIRECTORY | h.c.O_CLOEXEC, 0);
  if (fd < 0) return fd;
  for (const comp of components(p)) {
    const next = h.openat(fd, comp, dirFlags(rt), 0);
    h.close(fd);
    if (next < 0) return next;
    fd = next;
  }
  return fd;
}

function notDirError(p: string) {
  return fsError("DirectoryOpenError", `Directory error: ${NOT_DIR_REASON}: ${p}`);
}

/** Turn a descriptor into a handle, closing it if the check on `path` fails. */
function adopt(rt: FsRuntime, fd: number, path: string): DirHandle {
  return new DirHandle(rt.fds.track(fd), path);
}

/** `DirConfig(P).open(opts)`. */
export function openDir(rt: FsRuntime, P: string, opts: OpenDirOptions): DirHandle {
  authorize(rt.az, "open", "Dir", P);
  if (opts.create) authorize(rt.az, "create", "Dir", P);
  const h = rt.h;
  if (opts.follow) {
    const fd = h.openat(h.c.AT_FDCWD, P, h.c.O_RDONLY | h.c.O_DIRECTORY | h.c.O_CLOEXEC, 0);
    if (fd < 0) throw osError(-fd);
    return checkResolvedDir(rt, fd);
  }
  if (opts.create) return createDir(rt, P, opts.recursive);
  const fd = walkNoFollow(rt, P);
  if (fd === -Errno.ELOOP || fd === -Errno.ENOTDIR) throw notDirError(P);
  if (fd < 0) throw osError(-fd);
  return adopt(rt, fd, P);
}

/** Follow mode: read the real path back and ask `open Dir(R)`; close on any failure. */
export function checkResolvedDir(rt: FsRuntime, fd: number): DirHandle {
  try {
    const R = rt.h.fdPath(fd);
    if (typeof R === "number") throw osError(-R);
    authorize(rt.az, "open", "Dir", R);
    return adopt(rt, fd, R);
  } catch (e) {
    rt.h.close(fd);
    throw e;
  }
}

function createDir(rt: FsRuntime, P: string, recursive: boolean): DirHandle {
  const h = rt.h;
  if (recursive) {
    let fd = h.openat(h.c.AT_FDCWD, "/", h.c.O_RDONLY | h.c.O_DIRECTORY | h.c.O_CLOEXEC, 0);
    if (fd < 0) throw osError(-fd);
    for (const comp of components(P)) {
      const r = h.mkdirat(fd, comp, 0o777);
      if (r < 0 && r !== -Errno.EEXIST) {
        h.close(fd);
        throw fsError("DirectoryOpenError", `Directory error: failed to open directory: ${comp}`, r === -Errno.EACCES || r === -Errno.EPERM);
      }
      const next = h.openat(fd, comp, dirFlags(rt), 0);
      h.close(fd);
      if (next < 0) throw notDirError(P);
      fd = next;
    }
    return adopt(rt, fd, P);
  }
  const parent = parentPath(P) ?? "/";
  const leaf = leafName(P) ?? "";
  const pfd = walkNoFollow(rt, parent);
  if (pfd < 0) throw fsError("DirectoryOpenError", `Directory error: failed to open parent: ${parent.replace(/^\//, "")}`);
  try {
    const r = h.mkdirat(pfd, leaf, 0o777);
    if (r < 0) throw fsError("DirectoryOpenError", `Directory error: failed to create directory: ${leaf}`, r === -Errno.EACCES || r === -Errno.EPERM);
    const fd = h.openat(pfd, leaf, dirFlags(rt), 0);
    if (fd < 0) throw fsError("DirectoryOpenError", `Directory error: failed to open leaf: ${leaf}`);
    return adopt(rt, fd, P);
  } finally {
    h.close(pfd);
  }
}

/** Sub-directory open (§1.5): `open Dir(D/name)`, basename rule, no-follow openat. */
export function openSubDir(rt: FsRuntime, dir: DirHandle, name: string): DirHandle {
  const E = joinPath(dir.path, name);
  authorize(rt.az, "open", "Dir", E);
  checkBasename(name);
  const fd = rt.h.openat(dir.fd, name, dirFlags(rt), 0);
  if (fd === -Errno.ELOOP || fd === -Errno.ENOTDIR) throw notDirError(E);
  if (fd < 0) throw osError(-fd);
  return adopt(rt, fd, E);
}

/** The basename rule (§1.2). */
export function checkBasename(name: string): void {
  let end = name.length;
  for (;;) {
    if (end > 0 && name.charCodeAt(end - 1) === 0x2f) end--;
    else if (end > 1 && name.charCodeAt(end - 1) === 0x2e && name.charCodeAt(end - 2) === 0x2f) end -= 2;
    else break;
  }
  if (name.slice(0, end).includes("/")) throw fsError("InvalidPath", "Invalid path: file path must contain only a filename");
}

/** List a directory (§1.5): `read Dir(D)`, then all entries through a new descriptor. */
export function listDir(rt: FsRuntime, dir: DirHandle): DirEnt[] {
  authorize(rt.az, "read", "Dir", dir.path);
  const ents = rt.h.readDir(dir.fd);
  if (typeof ents === "number") throw osError(-ents);
  for (const e of ents) {
    if (e.type !== DT_UNKNOWN) continue;
    const st = rt.h.fstatat(dir.fd, e.name, rt.h.c.AT_SYMLINK_NOFOLLOW);
    if (typeof st !== "number") e.type = (st.mode & S_IFMT) >>> 12; // S_IF* >> 12 == DT_*
  }
  return ents;
}
