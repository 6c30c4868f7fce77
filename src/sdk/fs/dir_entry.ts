// DirEntry (sdk-fs.md §6): a listed entry with a memo of the handle it opened first. The
// value is immutable: methods that fill the memo write a new DirEntry back to the receiver.

import { hostFs } from "../../host/index.ts";
import type { DirEnt } from "../../host/types.ts";
import { authorize } from "./authz.ts";
import { OpenDirOptions, OpenFileOptions } from "./builders.ts";
import { openDir, openSubDir } from "./dir_open.ts";
import { fsError, osError } from "./errors.ts";
import { openFile, openSymlink } from "./file_open.ts";
import { dirMetadata, fileMetadata, symlinkMetadata } from "./file_ops.ts";
import { DirHandle, FileHandle, joinPath, SymlinkHandle } from "./handles.ts";
import { EntryType, Metadata, ownershipOf } from "./metadata.ts";
import type { FsRuntime } from "./runtime.ts";

export type Memo = FileHandle | DirHandle | SymlinkHandle | undefined;

export class DirEntry {
  constructor(
    readonly name: string,
    readonly type: EntryType,
    readonly ino: number,
    readonly parent: DirHandle,
    readonly memo: Memo,
  ) {}
  static fromDirent(e: DirEnt, parent: DirHandle): DirEntry {
    return new DirEntry(e.name, EntryType.fromDirentType(e.type), e.ino, parent, undefined);
  }
  withMemo(m: Memo): DirEntry {
    return new DirEntry(this.name, this.type, this.ino, this.parent, m);
  }
  get path(): string {
    return joinPath(this.parent.path, this.name);
  }
}

/** Result of a memo-filling method: the value and the entry to write back. */
export type WithEntry<T> = [T, DirEntry];

export function entryOpenAsFile(rt: FsRuntime, e: DirEntry, opts: OpenFileOptions): WithEntry<FileHandle> {
  if (e.memo instanceof FileHandle) return [e.memo, e];
  if (e.memo) throw fsError("EntryTypeMismatchError", "Entry type mismatch: DirEntry does not represent a file");
  const fh = openFile(rt, e.parent, e.name, opts);
  return [fh, e.withMemo(fh)];
}

export function entryOpenAsDir(rt: FsRuntime, e: DirEntry): WithEntry<DirHandle> {
  if (e.memo instanceof DirHandle) return [e.memo, e];
  if (e.memo) throw fsError("EntryTypeMismatchError", "Entry type mismatch: DirEntry does not represent a dir");
  let d: DirHandle;
  if (e.type === EntryType.SYMLINK) {
    // DirConfig(E).open(follow): open Dir(E), then the resolved directory.
    d = openDir(rt, e.path, new OpenDirOptions(false, false, true));
  } else {
    d = openSubDir(rt, e.parent, e.name);
  }
  return [d, e.withMemo(d)];
}

function memoMetadata(rt: FsRuntime, m: Exclude<Memo, undefined>): Metadata {
  if (m instanceof FileHandle) return fileMetadata(rt, m);
  if (m instanceof DirHandle) return dirMetadata(rt, m);
  return symlinkMetadata(rt, m);
}

export function entryMetadata(rt: FsRuntime, e: DirEntry): WithEntry<Metadata> {
  if (e.memo) return [memoMetadata(rt, e.memo), e];
  let m: Exclude<Memo, undefined>;
  switch (e.type) {
    case EntryType.FILE:
      m = openFile(rt, e.parent, e.name, new OpenFileOptions(true));
      break;
    case EntryType.DIR:
      m = openSubDir(rt, e.parent, e.name);
      break;
    case EntryType.SYMLINK:
      m = openSymlink(rt, e.parent, e.name);
      break;
    default: {
      authorize(rt.az, "stat", "File", e.path);
      const h = hostFs();
      const st = h.fstatat(e.parent.fd, e.name, h.c.AT_SYMLINK_NOFOLLOW);
      if (typeof st === "number") throw osError(-st);
      return [new Metadata(st, ownershipOf(h, st), undefined), e];
    }
  }
  const withMemo = e.withMemo(m);
  return [memoMetadata(rt, m), withMemo];
}
