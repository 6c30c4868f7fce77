// The Linux HostFs: libc calls through bun:ffi, errno read right after each failing call.

import { setStrerror } from "../errno.ts";
import type { DirEnt, HostFs, Stat } from "../types.ts";
import { LINUX, STATX_BASIC_STATS, SYS_getdents64 } from "./constants.ts";
import { errno, libc, libcOptional } from "./libc.ts";
import { decodeStat, decodeStatx, STAT_SIZE, STATX_SIZE } from "./stat.ts";

const EINVAL = 22;
const ENOSYS = 38;
const ERANGE = 34;

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: false });

// Scratch buffers for NUL-terminated names (two: renameat needs both at once).
let nameA = new Uint8Array(4096 * 3 + 1);
let nameB = new Uint8Array(4096 * 3 + 1);

/** Encode `s` NUL-terminated into a scratch buffer; undefined if `s` contains NUL. */
function cstr(s: string, second = false): Uint8Array | undefined {
  if (s.includes("\0")) return undefined;
  let buf = second ? nameB : nameA;
  if (s.length * 3 + 1 > buf.length) {
    buf = new Uint8Array(s.length * 3 + 1);
    if (second) nameB = buf;
    else nameA = buf;
  }
  const { written } = enc.encodeInto(s, buf);
  buf[written] = 0;
  return buf;
}

const EMPTY = new Uint8Array(1);
const statBuf = new Uint8Array(Math.max(STATX_SIZE, STAT_SIZE));
const statView = new DataView(statBuf.buffer);
const linkBuf = new Uint8Array(4097);
const dentBuf = new Uint8Array(65536);
const dentView = new DataView(dentBuf.buffer);

let statxMissing = false;

function ret(r: number): number {
  return r < 0 ? -errno() : r;
}

function statAt(dirfd: number, name: Uint8Array, flags: number): Stat | number {
  const o = libcOptional();
  if (o.statx && !statxMissing) {
    const r = o.statx(dirfd, name, flags, STATX_BASIC_STATS, statBuf);
    if (r === 0) return decodeStatx(statView);
    const e = errno();
    if (e !== ENOSYS) return -e;
    statxMissing = true; // e.g. an old kernel or a seccomp filter
  }
  if (!o.fstatat) return -ENOSYS;
  const r = o.fstatat(dirfd, name, statBuf, flags);
  return r === 0 ? decodeStat(statView) : -errno();
}

export const linuxFs: HostFs = {
  os: "linux",
  c: LINUX,

  openat(dirfd, name, flags, mode) {
    const p = cstr(name);
    if (!p) return -EINVAL;
    return ret(libc().openat(dirfd, p, flags, mode));
  },

  close(fd) {
    if (fd >= 0) libc().close(fd);
  },

  read(fd, buf, len) {
    return ret(libc().read(fd, buf, len));
  },

  pread(fd, buf, len, offset) {
    return ret(libc().pread(fd, buf, len, offset));
  },

  write(fd, buf, len) {
    return ret(libc().write(fd, buf, len));
  },

  lseek(fd, offset, whence) {
    return ret(libc().lseek(fd, offset, whence));
  },

  fstat(fd) {
    return statAt(fd, EMPTY, LINUX.AT_EMPTY_PATH);
  },

  fstatat(dirfd, name, flags) {
    const p = cstr(name);
    if (!p) return -EINVAL;
    return statAt(dirfd, p, flags);
  },

  readDir(dirfd) {
    const L = libc();
    const fd = L.openat(dirfd, cstr(".")!, LINUX.O_RDONLY | LINUX.O_DIRECTORY | LINUX.O_CLOEXEC, 0);
    if (fd < 0) return -errno();
    const out: DirEnt[] = [];
    const g = libcOptional().getdents64;
    try {
      for (;;) {
        const n = g ? g(fd, dentBuf, dentBuf.length) : L.syscall(SYS_getdents64, fd, dentBuf, dentBuf.length);
        if (n < 0) return -errno();
        if (n === 0) break;
        let off = 0;
        while (off < n) {
          const ino = Number(dentView.getBigUint64(off, true));
          const reclen = dentView.getUint16(off + 16, true);
          const type = dentBuf[off + 18]!;
          let end = off + 19;
          while (end < off + reclen && dentBuf[end] !== 0) end++;
          const len = end - off - 19;
          const isDot = (len === 1 && dentBuf[off + 19] === 0x2e) || (len === 2 && dentBuf[off + 19] === 0x2e && dentBuf[off + 20] === 0x2e);
          if (!isDot) out.push({ name: dec.decode(dentBuf.subarray(off + 19, end)), type, ino });
          off += reclen;
        }
      }
    } finally {
      L.close(fd);
    }
    return out;
  },

  readlinkat(dirfd, name) {
    const p = cstr(name);
    if (!p) return -EINVAL;
    const n = libc().readlinkat(dirfd, p, linkBuf, linkBuf.length);
    if (n < 0) return -errno();
    if (n >= linkBuf.length) return -ERANGE;
    return dec.decode(linkBuf.subarray(0, n));
  },

  fdPath(fd) {
    return linuxFs.readlinkat(LINUX.AT_FDCWD, `/proc/self/fd/${fd}`);
  },

  mkdirat(dirfd, name, mode) {
    const p = cstr(name);
    if (!p) return -EINVAL;
    return ret(libc().mkdirat(dirfd, p, mode));
  },

  unlinkat(dirfd, name, flags) {
    const p = cstr(name);
    if (!p) return -EINVAL;
    return ret(libc().unlinkat(dirfd, p, flags));
  },

  renameat(olddirfd, oldName, newdirfd, newName) {
    const a = cstr(oldName);
    const b = cstr(newName, true);
    if (!a || !b) return -EINVAL;
    return ret(libc().renameat(olddirfd, a, newdirfd, b));
  },

  ftruncate(fd, len) {
    return ret(libc().ftruncate(fd, len));
  },

  fsync(fd) {
    return ret(libc().fsync(fd));
  },

  fchmod(fd, mode) {
    return ret(libc().fchmod(fd, mode));
  },

  fchown(fd, uid, gid) {
    return ret(libc().fchown(fd, uid >>> 0, gid >>> 0));
  },

  umask(mask) {
    return libc().umask(mask);
  },
};

setStrerror((e) => {
  try {
    const s = libc().strerror(e);
    return s === null ? undefined : String(s);
  } catch {
    return undefined;
  }
});
