import { expect, test } from "bun:test";
import { statSync } from "node:fs";
import { libcOptional } from "../../src/host/linux/libc.ts";
import { decodeStat, STAT_SIZE } from "../../src/host/linux/stat.ts";

// The fstatat fallback (used when statx is unavailable) must decode this architecture's
// struct stat correctly.
test.skipIf(process.platform !== "linux" || !libcOptional().fstatat)("struct stat layout matches node's stat", () => {
  for (const p of ["/etc/passwd", "/tmp", "/proc/self/status"]) {
    const buf = new Uint8Array(STAT_SIZE + 64);
    const path = new TextEncoder().encode(p + "\0");
    expect(libcOptional().fstatat!(-100, path, buf, 0)).toBe(0);
    const st = decodeStat(new DataView(buf.buffer));
    const ns = statSync(p);
    expect([st.mode, st.ino, st.nlink, st.uid, st.gid, st.size, st.blocks, st.dev]).toEqual([
      ns.mode, ns.ino, ns.nlink, ns.uid, ns.gid, ns.size, ns.blocks, ns.dev,
    ]);
    expect(st.mtimeSec).toBe(Math.floor(ns.mtimeMs / 1000));
  }
});

test.skipIf(process.platform !== "linux")("statx device ids use the same encoding as stat", async () => {
  const { hostFs } = await import("../../src/host/index.ts");
  const h = hostFs();
  const st = h.fstatat(h.c.AT_FDCWD, "/tmp", 0);
  if (typeof st === "number") throw new Error("fstatat failed");
  expect(st.dev).toBe(statSync("/tmp").dev);
});
