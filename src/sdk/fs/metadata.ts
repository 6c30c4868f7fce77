// Metadata, Ownership and EntryType (sdk-fs.md §7, §10.1) and identity lookups (§1.10).

import type { HostFs, Stat } from "../../host/index.ts";
import {
  DT_BLK,
  DT_CHR,
  DT_DIR,
  DT_FIFO,
  DT_LNK,
  DT_REG,
  DT_SOCK,
  S_IFBLK,
  S_IFCHR,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  S_IFSOCK,
} from "../../host/types.ts";
import { fsError } from "./errors.ts";
import { readToEnd } from "./text.ts";

export class EntryType {
  private constructor(
    readonly constant: string,
    readonly name: string,
  ) {}
  static readonly FILE = new EntryType("FILE", "File");
  static readonly DIR = new EntryType("DIR", "Dir");
  static readonly SYMLINK = new EntryType("SYMLINK", "Symlink");
  static readonly UNKNOWN = new EntryType("UNKNOWN", "Unknown");
  static readonly FIFO = new EntryType("FIFO", "Fifo");
  static readonly SOCKET = new EntryType("SOCKET", "Socket");
  static readonly CHAR_DEVICE = new EntryType("CHAR_DEVICE", "CharDevice");
  static readonly BLOCK_DEVICE = new EntryType("BLOCK_DEVICE", "BlockDevice");
  static readonly ALL: readonly EntryType[] = [
    EntryType.FILE,
    EntryType.DIR,
    EntryType.SYMLINK,
    EntryType.UNKNOWN,
    EntryType.FIFO,
    EntryType.SOCKET,
    EntryType.CHAR_DEVICE,
    EntryType.BLOCK_DEVICE,
  ];
  toString(): string {
    return this.name;
  }
  static fromMode(mode: number): EntryType {
    switch (mode & S_IFMT) {
      case S_IFREG:
        return EntryType.FILE;
      case S_IFDIR:
        return EntryType.DIR;
      case S_IFLNK:
        return EntryType.SYMLINK;
      case S_IFIFO:
        return EntryType.FIFO;
      case S_IFSOCK:
        return EntryType.SOCKET;
      case S_IFCHR:
        return EntryType.CHAR_DEVICE;
      case S_IFBLK:
        return EntryType.BLOCK_DEVICE;
      default:
        return EntryType.UNKNOWN;
    }
  }
  static fromDirentType(t: number): EntryType {
    switch (t) {
      case DT_REG:
        return EntryType.FILE;
      case DT_DIR:
        return EntryType.DIR;
      case DT_LNK:
        return EntryType.SYMLINK;
      case DT_FIFO:
        return EntryType.FIFO;
      case DT_SOCK:
        return EntryType.SOCKET;
      case DT_CHR:
        return EntryType.CHAR_DEVICE;
      case DT_BLK:
        return EntryType.BLOCK_DEVICE;
      default:
        return EntryType.UNKNOWN;
    }
  }
}

export class Ownership {
  constructor(
    readonly user: string,
    readonly group: string,
  ) {}
}

export class Metadata {
  constructor(
    readonly st: Stat,
    readonly owner: Ownership,
    readonly symlinkTarget: string | undefined,
  ) {}
  get type(): EntryType {
    return EntryType.fromMode(this.st.mode);
  }
}

const dec = new TextDecoder();

function readDb(h: HostFs, path: string): string {
  const fd = h.openat(h.c.AT_FDCWD, path, h.c.O_RDONLY | h.c.O_CLOEXEC, 0);
  if (fd < 0) return "";
  try {
    return dec.decode(readToEnd(h, fd));
  } catch {
    return "";
  } finally {
    h.close(fd);
  }
}

/** Name for an id in a passwd/group style file: first match wins. */
function lookupName(db: string, id: number): string | undefined {
  for (const line of db.split("\n")) {
    const f = line.split(":");
    if (f.length >= 3 && f[2] === String(id) && f[0] !== "") return f[0];
  }
  return undefined;
}

export function ownershipOf(h: HostFs, st: Stat): Ownership {
  const user = lookupName(readDb(h, "/etc/passwd"), st.uid);
  if (user === undefined) throw fsError("IdentityResolutionError", `Identity resolution error: No user mapping found for uid: ${st.uid}`);
  const group = lookupName(readDb(h, "/etc/group"), st.gid);
  if (group === undefined) throw fsError("IdentityResolutionError", `Identity resolution error: No group mapping found for gid: ${st.gid}`);
  return new Ownership(user, group);
}
