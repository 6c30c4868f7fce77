// macOS placeholder with the HostFs interface: every call fails with ENOSYS until the
// Darwin bindings (libSystem: openat, fstatat with Darwin's struct stat, getdirentries,
// fcntl(F_GETPATH) instead of /proc/self/fd) are written. Lets rex load on macOS.

import type { HostFs } from "../types.ts";

const ENOSYS = 78; // Darwin's ENOSYS

export const darwinFs: HostFs = {
  os: "darwin",
  c: {
    O_RDONLY: 0,
    O_WRONLY: 1,
    O_RDWR: 2,
    O_CREAT: 0x200,
    O_EXCL: 0x800,
    O_TRUNC: 0x400,
    O_APPEND: 0x8,
    O_DIRECTORY: 0x100000,
    O_NOFOLLOW: 0x100,
    O_CLOEXEC: 0x1000000,
    O_PATH: 0,
    AT_FDCWD: -2,
    AT_SYMLINK_NOFOLLOW: 0x20,
    AT_REMOVEDIR: 0x80,
    AT_EMPTY_PATH: 0,
  },
  openat: () => -ENOSYS,
  close: () => {},
  read: () => -ENOSYS,
  pread: () => -ENOSYS,
  write: () => -ENOSYS,
  lseek: () => -ENOSYS,
  fstat: () => -ENOSYS,
  fstatat: () => -ENOSYS,
  readDir: () => -ENOSYS,
  readlinkat: () => -ENOSYS,
  fdPath: () => -ENOSYS,
  mkdirat: () => -ENOSYS,
  unlinkat: () => -ENOSYS,
  renameat: () => -ENOSYS,
  ftruncate: () => -ENOSYS,
  fsync: () => -ENOSYS,
  fchmod: () => -ENOSYS,
  fchown: () => -ENOSYS,
  umask: () => 0o022,
};
