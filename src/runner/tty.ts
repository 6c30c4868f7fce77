// Is standard output a terminal? `process.stdout.isTTY` (and node:tty) make Bun build its
// stdout stream machinery, 20–60 ms at cold start; isatty(3) through bun:ffi costs < 1 ms.

import { dlopen } from "bun:ffi";

const LIBS = process.platform === "darwin" ? ["libSystem.B.dylib", "/usr/lib/libSystem.B.dylib"] : ["libc.so.6", "libc.so"];

export function isTty(fd: number): boolean {
  for (const name of LIBS) {
    try {
      const lib = dlopen(name, { isatty: { args: ["i32"], returns: "i32" } });
      const r = lib.symbols.isatty(fd) === 1;
      lib.close();
      return r;
    } catch {
      // try the next name
    }
  }
  return fd === 1 ? process.stdout.isTTY === true : fd === 2 ? process.stderr.isTTY === true : false;
}
