// libc symbols through bun:ffi. Loaded lazily on first use (start-up stays cheap).

import { dlopen, read as ffiRead, type Pointer } from "bun:ffi";

const REQUIRED = {
  openat: { args: ["i32", "ptr", "i32", "u32"], returns: "i32" },
  close: { args: ["i32"], returns: "i32" },
  read: { args: ["i32", "ptr", "u64"], returns: "i64_fast" },
  pread: { args: ["i32", "ptr", "u64", "i64"], returns: "i64_fast" },
  write: { args: ["i32", "ptr", "u64"], returns: "i64_fast" },
  lseek: { args: ["i32", "i64", "i32"], returns: "i64_fast" },
  readlinkat: { args: ["i32", "ptr", "ptr", "u64"], returns: "i64_fast" },
  mkdirat: { args: ["i32", "ptr", "u32"], returns: "i32" },
  unlinkat: { args: ["i32", "ptr", "i32"], returns: "i32" },
  renameat: { args: ["i32", "ptr", "i32", "ptr"], returns: "i32" },
  ftruncate: { args: ["i32", "i64"], returns: "i32" },
  fsync: { args: ["i32"], returns: "i32" },
  fchmod: { args: ["i32", "u32"], returns: "i32" },
  fchown: { args: ["i32", "u32", "u32"], returns: "i32" },
  umask: { args: ["u32"], returns: "u32" },
  syscall: { args: ["i64", "i64", "ptr", "u64"], returns: "i64_fast" },
  __errno_location: { args: [], returns: "ptr" },
  strerror: { args: ["i32"], returns: "cstring" },
} as const;

/** Symbols that older C libraries lack; each is looked up on its own. */
const OPTIONAL = {
  statx: { args: ["i32", "ptr", "i32", "u32", "ptr"], returns: "i32" },
  fstatat: { args: ["i32", "ptr", "ptr", "i32"], returns: "i32" },
  getdents64: { args: ["i32", "ptr", "u64"], returns: "i64_fast" },
} as const;

const LIBC_NAMES = ["libc.so.6", "libc.so"];

function openLib<T extends Record<string, unknown>>(syms: T) {
  let lastErr: unknown;
  for (const name of LIBC_NAMES) {
    try {
      return dlopen(name, syms as never);
    } catch (e) {
      lastErr = e;
    }
  }
  throw lastErr;
}

type Buf = Uint8Array;

/** The typed face of the symbols above (buffers are passed as pointers). */
export interface Lib {
  openat(dirfd: number, path: Buf, flags: number, mode: number): number;
  close(fd: number): number;
  read(fd: number, buf: Buf, len: number): number;
  pread(fd: number, buf: Buf, len: number, off: number): number;
  write(fd: number, buf: Buf, len: number): number;
  lseek(fd: number, off: number, whence: number): number;
  readlinkat(dirfd: number, path: Buf, buf: Buf, len: number): number;
  mkdirat(dirfd: number, path: Buf, mode: number): number;
  unlinkat(dirfd: number, path: Buf, flags: number): number;
  renameat(olddirfd: number, oldPath: Buf, newdirfd: number, newPath: Buf): number;
  ftruncate(fd: number, len: number): number;
  fsync(fd: number): number;
  fchmod(fd: number, mode: number): number;
  fchown(fd: number, uid: number, gid: number): number;
  umask(mask: number): number;
  syscall(nr: number, a: number, b: Buf, c: number): number;
  __errno_location(): Pointer | null;
  strerror(e: number): { toString(): string } | null;
}

export interface OptLib {
  statx?(dirfd: number, path: Buf, flags: number, mask: number, buf: Buf): number;
  fstatat?(dirfd: number, path: Buf, buf: Buf, flags: number): number;
  getdents64?(fd: number, buf: Buf, len: number): number;
}

let lib: Lib | undefined;
let opt: OptLib | undefined;
let errnoPtr: Pointer | undefined;

export function libc(): Lib {
  if (!lib) {
    lib = openLib(REQUIRED).symbols as unknown as Lib;
    errnoPtr = lib.__errno_location() ?? undefined;
  }
  return lib;
}

export function libcOptional(): OptLib {
  if (!opt) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(OPTIONAL)) {
      try {
        o[k] = openLib({ [k]: v }).symbols[k];
      } catch {
        // not provided by this C library
      }
    }
    opt = o as OptLib;
  }
  return opt;
}

/** The calling thread's errno (the pointer of the main thread is stable). */
export function errno(): number {
  libc();
  return errnoPtr ? ffiRead.i32(errnoPtr, 0) : 0;
}
