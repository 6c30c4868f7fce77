// The P1 commands built on the handle API (sdk-fs.md §9.2, §9.3): cat, ls, write, and
// their flag modules.

import { RMap, type Value } from "../../engine/value.ts";
import type { Registry } from "../../engine/registry.ts";
import type { RhaiError } from "../../engine/errors.ts";
import { Errno, osErrorText } from "../../host/index.ts";
import { S_IFLNK, S_IFMT } from "../../host/types.ts";
import { leafName, parentPath } from "../../policy/entities/file_system.ts";
import { OpenDirOptions, OpenFileOptions } from "./builders.ts";
import { DirEntry } from "./dir_entry.ts";
import { listDir, openDir } from "./dir_open.ts";
import { errorKindOf, fsError } from "./errors.ts";
import { openFile, openSymlink } from "./file_open.ts";
import { appendContent, readCheck, readFile, readRaw, writeInPlace } from "./file_ops.ts";
import type { DirHandle, FileHandle } from "./handles.ts";
import { EntryType } from "./metadata.ts";
import type { FsRuntime } from "./runtime.ts";

/** A flag value; one subclass per command so that type_of tells them apart. */
export abstract class Flag {
  constructor(readonly name: string) {}
}
export class CatFlag extends Flag {}
export class LsFlag extends Flag {}
export class WriteFlag extends Flag {}

export const CAT_FLAGS = { number: new CatFlag("number") };
export const LS_FLAGS = { all: new LsFlag("all"), long: new LsFlag("long"), recursive: new LsFlag("recursive") };
export const WRITE_FLAGS = { append: new WriteFlag("append"), replace: new WriteFlag("replace") };

/** The set of flag names in `flags`; other values fail with `<cmd>: expected <T> flag, got <type>`. */
function flagNames(reg: Registry, cmd: string, cls: Function, typeName: string, flags: Value[]): Set<string> {
  const out = new Set<string>();
  for (const f of flags) {
    if (!(f instanceof cls)) throw fsError("Other", `${cmd}: expected ${typeName} flag, got ${reg.typeName(f)}`);
    out.add((f as Flag).name);
  }
  return out;
}

const FOLLOW = new OpenDirOptions(false, false, true);
const READ = new OpenFileOptions(true);
const WRITE_CREATE = new OpenFileOptions(false, true, true);

/** Split a command path (§1.2): parent (possibly "") and leaf; no leaf → the given error. */
function split(path: string, noLeaf: string): [string, string] {
  const leaf = leafName(path);
  if (leaf === undefined) throw fsError("InvalidArguments", `Invalid arguments: ${noLeaf}: ${path}`);
  return [parentPath(path) ?? ".", leaf];
}

function closeDir(d: DirHandle): void {
  d.ref.close();
}

/** Open `path` as `cat` does (§9.3: parent directory in follow mode, then the file) and read it with `read`. */
function withFileAt<T>(rt: FsRuntime, path: string, read: (fh: FileHandle) => T): T {
  const [parent, leaf] = split(path, "Invalid file path");
  const dir = openDir(rt, parent, FOLLOW);
  try {
    const fh = openFile(rt, dir, leaf, READ);
    try {
      return read(fh);
    } finally {
      fh.ref.close();
    }
  } finally {
    closeDir(dir);
  }
}

export function cat(rt: FsRuntime, reg: Registry, flags: Value[], path: string): string {
  const f = flagNames(reg, "cat", CatFlag, "CatFlag", flags);
  const text = withFileAt(rt, path, (fh) => readFile(rt, fh));
  if (!f.has("number")) return text;
  const lines = text === "" ? [] : text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines.map((l, i) => `${String(i + 1).padStart(6)}\t${l.endsWith("\r") ? l.slice(0, -1) : l}`).join("\n");
}

/**
 * The text of a script module (runner.md §4.3): read exactly as `cat(path)` reads it, with the
 * same checks, except that `redacted_read` never substitutes for `read`. Undefined when the
 * file or a directory on its path does not exist; other failures throw the SDK error.
 */
export function readModuleText(rt: FsRuntime, path: string): string | undefined {
  try {
    return withFileAt(rt, path, (fh) => {
      readCheck(rt, fh);
      return readRaw(rt, fh);
    });
  } catch (e) {
    const kind = errorKindOf(e);
    if ((kind === "IoError" || kind === "RustixError") && ((e as RhaiError).value as RMap).get("message") === osErrorText(Errno.ENOENT))
      return undefined;
    throw e;
  }
}

function lsSymlink(rt: FsRuntime, path: string): RMap {
  const [parent, leaf] = split(path, "Invalid path");
  const dir = openDir(rt, parent, FOLLOW);
  const sl = openSymlink(rt, dir, leaf);
  const st = rt.h.fstat(sl.ref.fd);
  const ino = typeof st === "number" ? 0 : st.ino;
  const m = new RMap();
  m.set(leaf, new DirEntry(leaf, EntryType.SYMLINK, ino, dir, sl));
  return m;
}

export function ls(rt: FsRuntime, reg: Registry, flags: Value[], path: string): RMap {
  const f = flagNames(reg, "ls", LsFlag, "LsFlag", flags);
  const h = rt.h;
  // Ambient no-follow probe (documented as not TOCTOU-safe, §1.13).
  const probe = path.startsWith("/") ? h.fstatat(h.c.AT_FDCWD, path, h.c.AT_SYMLINK_NOFOLLOW) : -Errno.ENOENT;
  if (typeof probe !== "number" && (probe.mode & S_IFMT) === S_IFLNK) return lsSymlink(rt, path);
  let dir: DirHandle;
  try {
    dir = openDir(rt, path, FOLLOW);
  } catch (e) {
    if (errorKindOf(e) === "IoError" && String((e as { value: RMap }).value.get("message")).includes("(os error 20)"))
      throw fsError("InvalidArguments", `Invalid arguments: ls: ${path}: Not a directory or symlink`);
    throw e;
  }
  const out = new RMap();
  for (const e of listDir(rt, dir)) {
    if (!f.has("all") && e.name.startsWith(".")) continue;
    out.set(e.name, DirEntry.fromDirent(e, dir));
  }
  return out;
}

export function write(rt: FsRuntime, reg: Registry, flags: Value[], path: string, content: string): void {
  const f = flagNames(reg, "write", WriteFlag, "WriteFlag", flags);
  const [parent, leaf] = split(path, "Invalid file path");
  const dir = openDir(rt, parent, FOLLOW);
  try {
    const fh = openFile(rt, dir, leaf, WRITE_CREATE);
    try {
      if (f.has("replace")) writeInPlace(rt, fh, content);
      else appendContent(rt, fh, content);
    } finally {
      fh.ref.close();
    }
  } finally {
    closeDir(dir);
  }
}
