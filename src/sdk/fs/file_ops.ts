// FileHandle content and metadata operations (sdk-fs.md §4.1, 4.2, 4.4, 4.5, 4.10) and the
// metadata of directories and symlinks. Every one acts on the open descriptor.

import type { INT } from "../../engine/value.ts";
import { Errno } from "../../host/index.ts";
import { SEEK_END, SEEK_SET } from "../../host/types.ts";
import { allowed, authorize, buildRequest, deniedRequest, denial } from "./authz.ts";
import type { ReadLinesOptions, WriteOptions } from "./builders.ts";
import { fsError, osError } from "./errors.ts";
import { type DirHandle, FileHandle, type SymlinkHandle } from "./handles.ts";
import { Metadata, ownershipOf } from "./metadata.ts";
import { redactedRead } from "./redaction.ts";
import type { FsRuntime } from "./runtime.ts";
import { decodeLines, decodeUtf8, encodeUtf8, lineBounds, readToEnd, writeAll } from "./text.ts";

/** Read check (§4): Cedar `read File(F)`, then the handle's read flag. Returns the error. */
function readCheckError(rt: FsRuntime, fh: FileHandle) {
  const F = fh.fullPath;
  const denied = deniedRequest(rt.az, buildRequest("read", "File", F));
  if (denied) return denial(rt.az, denied);
  if (!fh.opts.read)
    return fsError("InvalidFileMode", `Invalid file mode: Attempted to read a file without opening it with the read option.: ${F}`);
  return undefined;
}

export function readCheck(rt: FsRuntime, fh: FileHandle): void {
  const e = readCheckError(rt, fh);
  if (e) throw e;
}

/** Write check (§4): Cedar `write File(F)`, then the handle's write flag. */
export function writeCheck(rt: FsRuntime, fh: FileHandle): void {
  const F = fh.fullPath;
  authorize(rt.az, "write", "File", F);
  if (!fh.opts.write)
    throw fsError("InvalidFileMode", `Invalid file mode: Attempted to write a file without opening it with the write option.: ${F}`);
}

function rewind(rt: FsRuntime, fh: FileHandle): void {
  rt.h.lseek(fh.fd, 0, SEEK_SET);
}

/** `fh.read()`: current offset to the end as strict UTF-8, then rewind (redacted fallback). */
export function readFile(rt: FsRuntime, fh: FileHandle): string {
  const failure = readCheckError(rt, fh);
  if (failure) {
    if (allowed(rt.az, buildRequest("redacted_read", "File", fh.fullPath))) return redactedRead(rt, fh, failure);
    throw failure;
  }
  return readRaw(rt, fh);
}

/** The content from the current offset, decoded strictly; rewinds afterwards. */
export function readRaw(rt: FsRuntime, fh: FileHandle): string {
  try {
    return decodeUtf8(readToEnd(rt.h, fh.fd));
  } finally {
    rewind(rt, fh);
  }
}

function num(v: INT): number {
  return typeof v === "bigint" ? (v > 0n ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER) : v;
}

/** `fh.read_lines(opts)` (§4.2). */
export function readLines(rt: FsRuntime, fh: FileHandle, o: ReadLinesOptions): string[] {
  readCheck(rt, fh);
  if (o.count === undefined && o.start === undefined) throw fsError("InvalidArguments", "Invalid arguments: No read line mode specified");
  try {
    const count = o.count === undefined ? undefined : num(o.count);
    const start = o.start === undefined ? undefined : num(o.start);
    if (count === 0) return [];
    if (count !== undefined && count < 0) {
      // The last |count| lines of the whole file (absolute positions), or those ending at `start`.
      rt.h.lseek(fh.fd, 0, SEEK_SET);
      const b = readToEnd(rt.h, fh.fd);
      const bounds = lineBounds(b);
      const total = bounds.length / 2;
      const last = start === undefined ? total : Math.min(start, total);
      const first = Math.max(0, last + count);
      return decodeLines(b, bounds, first, last);
    }
    const b = readToEnd(rt.h, fh.fd);
    const bounds = lineBounds(b);
    const total = bounds.length / 2;
    const first = start === undefined ? 0 : start - 1;
    const end = count === undefined ? total : Math.min(total, first + count);
    if (first >= total) return [];
    return decodeLines(b, bounds, first, end);
  } finally {
    rewind(rt, fh);
  }
}

let tmpCounter = 0;

function tmpName(): string {
  const r = Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, "0");
  return `.rex-tmp-${process.pid}-${(tmpCounter++).toString(36)}-${r}`;
}

const CHOWN_MSG = "Failed to change ownership. CAP_CHOWN capability is required when changing ownership to a different user.";

/**
 * `fh.write(content[, opts])` (§4.4): atomic replace through a temporary file in the same
 * directory, renamed over the original name. Returns a new handle on the new file.
 */
export function writeReplace(rt: FsRuntime, fh: FileHandle, content: string, opts: WriteOptions | undefined): FileHandle {
  writeCheck(rt, fh);
  const h = rt.h;
  const c = h.c;
  const st = h.fstat(fh.fd);
  if (typeof st === "number") throw osError(-st);
  const dfd = fh.dir.fd;
  let name = tmpName();
  let tfd = h.openat(dfd, name, c.O_RDWR | c.O_CREAT | c.O_EXCL | c.O_NOFOLLOW | c.O_CLOEXEC, 0o600);
  if (tfd === -Errno.EEXIST) {
    name = tmpName();
    tfd = h.openat(dfd, name, c.O_RDWR | c.O_CREAT | c.O_EXCL | c.O_NOFOLLOW | c.O_CLOEXEC, 0o600);
  }
  if (tfd < 0) throw osError(-tfd);
  let newFd = -1;
  try {
    let r = h.fchmod(tfd, st.mode & 0o7777);
    if (r < 0) throw osError(-r);
    if (opts?.preserveOwnership) {
      r = h.fchown(tfd, st.uid, st.gid);
      if (r === -Errno.EPERM) throw fsError("IoError", CHOWN_MSG, true);
      if (r < 0) throw osError(-r, "RustixError");
    }
    writeAll(h, tfd, encodeUtf8(content));
    r = h.fsync(tfd);
    if (r < 0) throw osError(-r);
    // The new handle: the same inode we wrote, opened with the handle's access mode.
    const access = fh.opts.read && fh.opts.write ? c.O_RDWR : fh.opts.write ? c.O_WRONLY : c.O_RDONLY;
    newFd = h.openat(dfd, name, access | c.O_NOFOLLOW | c.O_CLOEXEC, 0);
    if (newFd < 0) throw osError(-newFd);
    r = h.renameat(dfd, name, dfd, fh.name);
    if (r < 0) throw osError(-r);
  } catch (e) {
    h.unlinkat(dfd, name, 0);
    if (newFd >= 0) h.close(newFd);
    throw e;
  } finally {
    h.close(tfd);
  }
  return new FileHandle(rt.fds.track(newFd), fh.name, fh.dir, fh.opts, fh.resolved);
}

/** `fh.write_in_place(content)` (§4.5): write at the offset, truncate, fsync, rewind. */
export function writeInPlace(rt: FsRuntime, fh: FileHandle, content: string): void {
  writeCheck(rt, fh);
  const h = rt.h;
  const bytes = encodeUtf8(content);
  try {
    writeAll(h, fh.fd, bytes);
    let r = h.ftruncate(fh.fd, bytes.length);
    if (r < 0) throw osError(-r);
    r = h.fsync(fh.fd);
    if (r < 0) throw osError(-r);
  } finally {
    rewind(rt, fh);
  }
}

/** Append (the `write` command's default): write at the end, then fsync. */
export function appendContent(rt: FsRuntime, fh: FileHandle, content: string): void {
  writeCheck(rt, fh);
  const h = rt.h;
  const off = h.lseek(fh.fd, 0, SEEK_END);
  if (off < 0) throw osError(-off);
  writeAll(h, fh.fd, encodeUtf8(content));
  const r = h.fsync(fh.fd);
  if (r < 0) throw osError(-r);
}

/** `fh.metadata()`: `stat File(F)`, fstat, owner names. */
export function fileMetadata(rt: FsRuntime, fh: FileHandle): Metadata {
  authorize(rt.az, "stat", "File", fh.fullPath);
  const st = rt.h.fstat(fh.fd);
  if (typeof st === "number") throw osError(-st);
  return new Metadata(st, ownershipOf(rt.h, st), undefined);
}

/** `dir.metadata()`: `stat Dir(D)`, fstatat(dir_fd, "."). */
export function dirMetadata(rt: FsRuntime, dir: DirHandle): Metadata {
  authorize(rt.az, "stat", "Dir", dir.path);
  const st = rt.h.fstatat(dir.fd, ".", 0);
  if (typeof st === "number") throw osError(-st);
  return new Metadata(st, ownershipOf(rt.h, st), undefined);
}

/** `sl.metadata()`: `stat File(E)`; the target text only when `read File(E)` is allowed. */
export function symlinkMetadata(rt: FsRuntime, sl: SymlinkHandle): Metadata {
  authorize(rt.az, "stat", "File", sl.path);
  const st = rt.h.fstat(sl.ref.fd);
  if (typeof st === "number") throw osError(-st);
  let target: string | undefined;
  if (allowed(rt.az, buildRequest("read", "File", sl.path))) {
    const t = rt.h.readlinkat(sl.dir.fd, sl.name);
    if (typeof t === "string") target = t;
  }
  return new Metadata(st, ownershipOf(rt.h, st), target);
}
