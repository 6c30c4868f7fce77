// Decoding file status: `statx` (one layout on every architecture) and, when the kernel
// or C library lacks it, `fstatat` with the `struct stat` layout of x86_64 or aarch64.

import type { Stat } from "../types.ts";

function u64(dv: DataView, off: number): number {
  // Values beyond 2^53 (never seen for sizes; possible for device ids) lose precision only.
  return Number(dv.getBigUint64(off, true));
}

function i64(dv: DataView, off: number): number {
  return Number(dv.getBigInt64(off, true));
}

/** struct statx (linux/stat.h), 256 bytes. */
export const STATX_SIZE = 256;

export function decodeStatx(dv: DataView): Stat {
  const devMajor = dv.getUint32(136, true);
  const devMinor = dv.getUint32(140, true);
  return {
    // glibc's makedev encoding, so statx and fstatat agree
    dev: (devMajor & 0xfff) * 256 + (devMinor & 0xff) + (devMinor >>> 8) * 0x100000 + (devMajor >>> 12) * 2 ** 32,
    ino: u64(dv, 32),
    mode: dv.getUint16(28, true),
    nlink: dv.getUint32(16, true),
    uid: dv.getUint32(20, true),
    gid: dv.getUint32(24, true),
    size: u64(dv, 40),
    blocks: u64(dv, 48),
    mtimeSec: i64(dv, 112),
    mtimeNsec: dv.getUint32(120, true),
  };
}

/** struct stat size for this architecture (x86_64: 144; aarch64/generic: 128). */
export const STAT_SIZE = process.arch === "x64" ? 144 : 128;

export function decodeStat(dv: DataView): Stat {
  if (process.arch === "x64") {
    return {
      dev: u64(dv, 0),
      ino: u64(dv, 8),
      nlink: u64(dv, 16),
      mode: dv.getUint32(24, true),
      uid: dv.getUint32(28, true),
      gid: dv.getUint32(32, true),
      size: i64(dv, 48),
      blocks: i64(dv, 64),
      mtimeSec: i64(dv, 88),
      mtimeNsec: i64(dv, 96),
    };
  }
  // asm-generic layout (aarch64, riscv64, loongarch64)
  return {
    dev: u64(dv, 0),
    ino: u64(dv, 8),
    mode: dv.getUint32(16, true),
    nlink: dv.getUint32(20, true),
    uid: dv.getUint32(24, true),
    gid: dv.getUint32(28, true),
    size: i64(dv, 48),
    blocks: i64(dv, 64),
    mtimeSec: i64(dv, 88),
    mtimeNsec: i64(dv, 96),
  };
}
