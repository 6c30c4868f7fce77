import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync, statSync, lstatSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Errno, errnoName, hostFs, osErrorText } from "../../src/host/index.ts";
import { DT_DIR, DT_LNK, DT_REG, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, SEEK_SET, type Stat } from "../../src/host/types.ts";

const h = hostFs();
const c = h.c;
let t = "";
const enc = new TextEncoder();

beforeAll(() => {
  t = mkdtempSync(join(tmpdir(), "rex-host-"));
  writeFileSync(join(t, "a.txt"), "hello\n");
  mkdirSync(join(t, "sub"));
  symlinkSync(join(t, "a.txt"), join(t, "link"));
});
afterAll(() => rmSync(t, { recursive: true, force: true }));

function openDir(p: string): number {
  const fd = h.openat(c.AT_FDCWD, p, c.O_RDONLY | c.O_DIRECTORY | c.O_CLOEXEC, 0);
  expect(fd).toBeGreaterThanOrEqual(0);
  return fd;
}

describe.skipIf(process.platform !== "linux")("linux host", () => {
  test("os error texts", () => {
    const cases: [number, string][] = [
      [1, "Operation not permitted (os error 1)"],
      [2, "No such file or directory (os error 2)"],
      [9, "Bad file descriptor (os error 9)"],
      [13, "Permission denied (os error 13)"],
      [17, "File exists (os error 17)"],
      [18, "Invalid cross-device link (os error 18)"],
      [20, "Not a directory (os error 20)"],
      [21, "Is a directory (os error 21)"],
      [22, "Invalid argument (os error 22)"],
      [27, "File too large (os error 27)"],
      [28, "No space left on device (os error 28)"],
      [39, "Directory not empty (os error 39)"],
      [40, "Too many levels of symbolic links (os error 40)"],
      [61, "No data available (os error 61)"],
    ];
    for (const [e, text] of cases) expect(osErrorText(e)).toBe(text);
    expect(errnoName(2)).toBe("ENOENT");
    expect(errnoName(40)).toBe("ELOOP");
  });

  test("openat/read/lseek/fstat on a file", () => {
    const d = openDir(t);
    const fd = h.openat(d, "a.txt", c.O_RDONLY | c.O_CLOEXEC | c.O_NOFOLLOW, 0);
    expect(fd).toBeGreaterThanOrEqual(0);
    const buf = new Uint8Array(64);
    expect(h.read(fd, buf, 64)).toBe(6);
    expect(new TextDecoder().decode(buf.subarray(0, 6))).toBe("hello\n");
    expect(h.read(fd, buf, 64)).toBe(0);
    expect(h.lseek(fd, 0, SEEK_SET)).toBe(0);
    expect(h.pread(fd, buf, 3, 1)).toBe(3);
    expect(new TextDecoder().decode(buf.subarray(0, 3))).toBe("ell");
    const st = h.fstat(fd) as Stat;
    const ns = statSync(join(t, "a.txt"));
    expect(st.mode & S_IFMT).toBe(S_IFREG);
    expect(st.mode).toBe(ns.mode);
    expect(st.size).toBe(6);
    expect(st.ino).toBe(ns.ino);
    expect(st.nlink).toBe(1);
    expect(st.uid).toBe(ns.uid);
    expect(st.gid).toBe(ns.gid);
    expect(st.mtimeSec).toBe(Math.floor(ns.mtimeMs / 1000));
    expect(st.blocks).toBe(ns.blocks);
    h.close(fd);
    h.close(d);
  });

  test("errors come back as -errno", () => {
    const d = openDir(t);
    expect(h.openat(d, "missing", c.O_RDONLY, 0)).toBe(-Errno.ENOENT);
    expect(h.openat(d, "link", c.O_RDONLY | c.O_NOFOLLOW, 0)).toBe(-Errno.ELOOP);
    expect(h.openat(d, "a.txt", c.O_RDONLY | c.O_DIRECTORY, 0)).toBe(-Errno.ENOTDIR);
    expect(h.openat(d, "sub", c.O_WRONLY, 0)).toBe(-Errno.EISDIR);
    expect(h.openat(d, "a\0b", c.O_RDONLY, 0)).toBe(-Errno.EINVAL);
    expect(h.read(987654, new Uint8Array(4), 4)).toBe(-Errno.EBADF);
    expect(h.fstat(987654)).toBe(-Errno.EBADF);
    expect(h.mkdirat(d, "sub", 0o777)).toBe(-Errno.EEXIST);
    h.close(d);
  });

  test("fstatat with and without following", () => {
    const d = openDir(t);
    const l = h.fstatat(d, "link", c.AT_SYMLINK_NOFOLLOW) as Stat;
    expect(l.mode & S_IFMT).toBe(S_IFLNK);
    expect(l.ino).toBe(lstatSync(join(t, "link")).ino);
    const f = h.fstatat(d, "link", 0) as Stat;
    expect(f.mode & S_IFMT).toBe(S_IFREG);
    const s = h.fstatat(d, ".", 0) as Stat;
    expect(s.mode & S_IFMT).toBe(S_IFDIR);
    expect(h.fstatat(d, "nope", 0)).toBe(-Errno.ENOENT);
    h.close(d);
  });

  test("readDir lists names, types and inodes, without . and ..", () => {
    const d = openDir(t);
    const ents = h.readDir(d);
    if (typeof ents === "number") throw new Error(`readDir failed ${ents}`);
    const byName = new Map(ents.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(["a.txt", "link", "sub"]);
    expect(byName.get("a.txt")!.type).toBe(DT_REG);
    expect(byName.get("sub")!.type).toBe(DT_DIR);
    expect(byName.get("link")!.type).toBe(DT_LNK);
    expect(byName.get("a.txt")!.ino).toBe(statSync(join(t, "a.txt")).ino);
    // the handle's own descriptor is not disturbed: listing twice gives the same result
    expect((h.readDir(d) as unknown[]).length).toBe(3);
    h.close(d);
    expect(h.readDir(987654)).toBe(-Errno.EBADF);
  });

  test("readlinkat and fdPath resolve what was opened", () => {
    const d = openDir(t);
    expect(h.readlinkat(d, "link")).toBe(join(t, "a.txt"));
    expect(h.readlinkat(d, "a.txt")).toBe(-Errno.EINVAL);
    const fd = h.openat(d, "link", c.O_RDONLY | c.O_CLOEXEC, 0);
    expect(h.fdPath(fd)).toBe(join(t, "a.txt"));
    expect(h.fdPath(d)).toBe(t);
    h.close(fd);
    h.close(d);
  });

  test("write, ftruncate, fsync, renameat, unlinkat, mkdirat, fchmod", () => {
    const d = openDir(t);
    const fd = h.openat(d, "w.txt", c.O_WRONLY | c.O_CREAT | c.O_EXCL | c.O_CLOEXEC, 0o600);
    expect(fd).toBeGreaterThanOrEqual(0);
    const bytes = enc.encode("héllo");
    expect(h.write(fd, bytes, bytes.length)).toBe(6);
    expect(h.ftruncate(fd, 2)).toBe(0);
    expect(h.fsync(fd)).toBe(0);
    expect(h.fchmod(fd, 0o640)).toBe(0);
    expect((h.fstat(fd) as Stat).size).toBe(2);
    expect((h.fstat(fd) as Stat).mode & 0o777).toBe(0o640);
    h.close(fd);
    expect(h.renameat(d, "w.txt", d, "w2.txt")).toBe(0);
    expect(h.fstatat(d, "w.txt", 0)).toBe(-Errno.ENOENT);
    expect(h.unlinkat(d, "w2.txt", 0)).toBe(0);
    expect(h.mkdirat(d, "newdir", 0o777)).toBe(0);
    expect(h.unlinkat(d, "newdir", 0)).toBe(-Errno.EISDIR);
    expect(h.unlinkat(d, "newdir", c.AT_REMOVEDIR)).toBe(0);
    expect(h.unlinkat(d, "sub2", c.AT_REMOVEDIR)).toBe(-Errno.ENOENT);
    h.close(d);
  });
});
