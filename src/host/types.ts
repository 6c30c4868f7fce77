// The host interface: thin typed wrappers over the OS file-system calls. Every call that
// can fail returns a negative errno (-ENOENT …) instead of throwing, so callers in loops pay
// no exception cost. host/ imports nothing of rex.

/** File status, as much of it as rex uses (sdk-fs.md §7.1). */
export interface Stat {
  dev: number;
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  size: number;
  blocks: number;
  mtimeSec: number;
  mtimeNsec: number;
}

/** One directory entry from a listing. `type` is a DT_* value. */
export interface DirEnt {
  name: string;
  type: number;
  ino: number;
}

/** Open flags and other constants whose values depend on the OS/architecture. */
export interface HostConstants {
  readonly O_RDONLY: number;
  readonly O_WRONLY: number;
  readonly O_RDWR: number;
  readonly O_CREAT: number;
  readonly O_EXCL: number;
  readonly O_TRUNC: number;
  readonly O_APPEND: number;
  readonly O_DIRECTORY: number;
  readonly O_NOFOLLOW: number;
  readonly O_CLOEXEC: number;
  readonly O_PATH: number;
  readonly AT_FDCWD: number;
  readonly AT_SYMLINK_NOFOLLOW: number;
  readonly AT_REMOVEDIR: number;
  readonly AT_EMPTY_PATH: number;
}

export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;
export const S_IFIFO = 0o010000;
export const S_IFSOCK = 0o140000;
export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;

export const DT_UNKNOWN = 0;
export const DT_FIFO = 1;
export const DT_CHR = 2;
export const DT_DIR = 4;
export const DT_BLK = 6;
export const DT_REG = 8;
export const DT_LNK = 10;
export const DT_SOCK = 12;

export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;

/**
 * The file-system calls. Names are JS strings (encoded as UTF-8; a string containing NUL
 * is rejected with -EINVAL before any call). Results: >= 0 success, < 0 = -errno.
 */
export interface HostFs {
  readonly os: "linux" | "darwin";
  readonly c: HostConstants;
  openat(dirfd: number, name: string, flags: number, mode: number): number;
  close(fd: number): void;
  read(fd: number, buf: Uint8Array, len: number): number;
  pread(fd: number, buf: Uint8Array, len: number, offset: number): number;
  write(fd: number, buf: Uint8Array, len: number): number;
  lseek(fd: number, offset: number, whence: number): number;
  fstat(fd: number): Stat | number;
  fstatat(dirfd: number, name: string, flags: number): Stat | number;
  /** All entries of the directory `dirfd` (read through a new descriptor; `.`/`..` skipped). */
  readDir(dirfd: number): DirEnt[] | number;
  readlinkat(dirfd: number, name: string): string | number;
  /** The absolute path of what the descriptor refers to (Linux: /proc/self/fd/N). */
  fdPath(fd: number): string | number;
  mkdirat(dirfd: number, name: string, mode: number): number;
  unlinkat(dirfd: number, name: string, flags: number): number;
  renameat(olddirfd: number, oldName: string, newdirfd: number, newName: string): number;
  ftruncate(fd: number, len: number): number;
  fsync(fd: number): number;
  fchmod(fd: number, mode: number): number;
  fchown(fd: number, uid: number, gid: number): number;
  umask(mask: number): number;
}
