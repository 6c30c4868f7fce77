// Opening files (sdk-fs.md §1.4) and symlink objects, always relative to a directory
// descriptor. In follow mode the resolved path of the opened descriptor is authorized too.

import { Errno } from "../../host/index.ts";
import { S_IFLNK, S_IFMT, S_IFREG } from "../../host/types.ts";
import { authorize } from "./authz.ts";
import type { OpenFileOptions } from "./builders.ts";
import { checkBasename } from "./dir_open.ts";
import { fsError, osError } from "./errors.ts";
import { type DirHandle, FileHandle, joinPath, SymlinkHandle } from "./handles.ts";
import type { FsRuntime } from "./runtime.ts";

/** `dir.open_file(name, opts)`. */
export function openFile(rt: FsRuntime, dir: DirHandle, name: string, opts: OpenFileOptions): FileHandle {
  const E = joinPath(dir.path, name);
  authorize(rt.az, "open", "File", E);
  if (opts.create) authorize(rt.az, "create", "File", E);
  checkBasename(name);
  const h = rt.h;
  const c = h.c;
  let flags: number;
  if (opts.read && opts.write) flags = c.O_RDWR;
  else if (opts.write) flags = c.O_WRONLY;
  else if (opts.read) flags = c.O_RDONLY;
  else
    throw fsError(
      "InvalidArguments",
      "Invalid arguments: Invalid open file options: at least one of read, write or create flags must be true",
    );
  flags |= c.O_CLOEXEC;
  let fd: number;
  let resolved: string | undefined;
  if (!opts.follow) {
    const mode = opts.permissions ?? 0o666;
    fd = h.openat(dir.fd, name, flags | c.O_NOFOLLOW | (opts.create ? c.O_CREAT : 0), mode);
    if (fd === -Errno.ELOOP) throw fsError("FileError", `File error: file is a symbolic link but follow_symlinks is not enabled: ${E}`);
    if (fd < 0) throw osError(-fd);
  } else {
    const mode = opts.permissions ?? 0o644;
    fd = h.openat(dir.fd, name, flags, 0);
    if (fd === -Errno.ENOENT && opts.create) {
      // Never let the kernel create the target of a dangling symlink (sdk-fs.md §1.4 step 6).
      fd = h.openat(dir.fd, name, flags | c.O_CREAT | c.O_EXCL | c.O_NOFOLLOW, mode);
      if (fd === -Errno.EEXIST) fd = h.openat(dir.fd, name, flags, 0);
      if (fd === -Errno.ELOOP) fd = -Errno.ENOENT; // a dangling symlink: reported as missing
    }
    if (fd < 0) throw osError(-fd, "RustixError");
    try {
      const R = h.fdPath(fd);
      if (typeof R === "number") throw osError(-R, "RustixError");
      if (R !== E) authorize(rt.az, "open", "File", R);
      resolved = R;
    } catch (e) {
      h.close(fd);
      throw e;
    }
  }
  const st = h.fstat(fd);
  if (typeof st === "number" || (st.mode & S_IFMT) !== S_IFREG) {
    h.close(fd);
    if (typeof st === "number") throw osError(-st);
    throw fsError("ValidationError", "Validation error: argument is not a file");
  }
  return new FileHandle(rt.fds.track(fd), name, dir, opts, resolved);
}

/** `dir.open_symlink(name)`: `open File(D/name)`, an O_PATH descriptor on the link itself. */
export function openSymlink(rt: FsRuntime, dir: DirHandle, name: string): SymlinkHandle {
  const E = joinPath(dir.path, name);
  authorize(rt.az, "open", "File", E);
  checkBasename(name);
  const h = rt.h;
  const fd = h.openat(dir.fd, name, h.c.O_PATH | h.c.O_NOFOLLOW | h.c.O_CLOEXEC, 0);
  if (fd < 0) throw osError(-fd);
  const st = h.fstat(fd);
  if (typeof st === "number" || (st.mode & S_IFMT) !== S_IFLNK) {
    h.close(fd);
    if (typeof st === "number") throw osError(-st);
    throw fsError("ValidationError", "Validation error: argument is not a symlink");
  }
  return new SymlinkHandle(rt.fds.track(fd), name, dir);
}
