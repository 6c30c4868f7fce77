// Linux constants that differ between architectures (asm-generic vs x86).

import type { HostConstants } from "../types.ts";

const arm = process.arch === "arm64" || process.arch === "arm";

export const LINUX: HostConstants = {
  O_RDONLY: 0,
  O_WRONLY: 1,
  O_RDWR: 2,
  O_CREAT: 0o100,
  O_EXCL: 0o200,
  O_TRUNC: 0o1000,
  O_APPEND: 0o2000,
  O_DIRECTORY: arm ? 0o40000 : 0o200000,
  O_NOFOLLOW: arm ? 0o100000 : 0o400000,
  O_CLOEXEC: 0o2000000,
  O_PATH: 0o10000000,
  AT_FDCWD: -100,
  AT_SYMLINK_NOFOLLOW: 0x100,
  AT_REMOVEDIR: 0x200,
  AT_EMPTY_PATH: 0x1000,
};

/** getdents64 system call number, for C libraries without the wrapper. */
export const SYS_getdents64 = process.arch === "x64" ? 217 : 61;

export const STATX_BASIC_STATS = 0x7ff;
