// Normal P1 behaviour of the fs SDK, called through the registry.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RMap, type Value } from "../../../src/engine/value.ts";
import { closeFsResources, openFsDescriptors } from "../../../src/sdk/fs/index.ts";
import { errOf, setup } from "./harness.ts";

let t = "";
beforeAll(() => {
  t = realpathSync(mkdtempSync(join(tmpdir(), "rex-p1-")));
  mkdirSync(join(t, "d"));
  writeFileSync(join(t, "d/lines.txt"), "one\ntwo\r\n\nfour\nfive\n");
  writeFileSync(join(t, "d/.hidden"), "h");
  writeFileSync(join(t, "d/bad.txt"), Buffer.from([0x61, 0xff, 0x0a]));
  mkdirSync(join(t, "d/sub"));
});
afterAll(() => rmSync(t, { recursive: true, force: true }));

const ALL = () => setup([{ actions: "*", dir: t }]);
type S = ReturnType<typeof ALL>;
const dir = (s: S, p: string, opts: [string, Value][] = []) => s.call("open", s.build("DirConfig", [["path", p]]), s.build("OpenDirOptions", opts));
const fopts = (s: S, opts: [string, Value][]) => s.build("OpenFileOptions", opts);
const file = (s: S, p: string, name: string, opts: [string, Value][]) => s.call("open_file", dir(s, p), name, fopts(s, opts));

describe.skipIf(process.platform !== "linux")("fs SDK P1", () => {
  test("quick start: write([write::replace]) then cat; Cedar requests in order", () => {
    const s = ALL();
    const p = `${t}/hello`;
    expect(s.call("write", [s.mod("write", "replace")], p, "Hello from REX!\n")).toBe(undefined);
    expect(s.az.requests).toEqual([`open Dir::"${t}"`, `open Dir::"${t}"`, `open File::"${p}"`, `create File::"${p}"`, `write File::"${p}"`]);
    s.az.requests.length = 0;
    expect(s.call("cat", p)).toBe("Hello from REX!\n");
    expect(s.az.requests).toEqual([`open Dir::"${t}"`, `open Dir::"${t}"`, `open File::"${p}"`, `read File::"${p}"`]);
    // replace again: same inode, truncated
    const ino = statSync(p).ino;
    s.call("write", [s.mod("write", "r")], p, "x");
    expect(readFileSync(p, "utf8")).toBe("x");
    expect(statSync(p).ino).toBe(ino);
    // default and write::append append
    s.call("write", p, "y");
    s.call("write", [s.mod("write", "append")], p, "z");
    expect(readFileSync(p, "utf8")).toBe("xyz");
    // replace wins over append
    s.call("write", [s.mod("write", "a"), s.mod("write", "replace")], p, "R");
    expect(readFileSync(p, "utf8")).toBe("R");
  });

  test("quick start denied without the file permit", () => {
    const s = setup([{ actions: ["open"], dir: t }]);
    expect(errOf(() => s.call("write", [s.mod("write", "replace")], `${t}/hello2`, "x"))).toBe(
      `PermissionDenied: Permission denied: tester unauthorized to perform file_system::Action::"create" for file_system::File::${t}/hello2`,
    );
    expect(existsSync(`${t}/hello2`)).toBe(false);
  });

  test("the read-file sample: DirConfig → open → open_file(read) → read()", () => {
    const s = ALL();
    expect(s.call("read", file(s, `${t}/d`, "lines.txt", [["read", true]]))).toBe("one\ntwo\r\n\nfour\nfive\n");
  });

  test("command errors", () => {
    const s = ALL();
    const cases: [() => unknown, string][] = [
      [() => s.call("cat", "/"), "InvalidArguments: Invalid arguments: Invalid file path: /"],
      [() => s.call("cat", `${t}/d/..`), `InvalidArguments: Invalid arguments: Invalid file path: ${t}/d/..`],
      [() => s.call("cat", "rel.txt"), "Other: Path is not absolute "],
      [() => s.call("cat", `${t}/d/missing`), "IoError: No such file or directory (os error 2)"],
      [() => s.call("cat", `${t}/d/bad.txt`), "IoError: stream did not contain valid UTF-8"],
      [() => s.call("cat", `${t}/d/sub`), "ValidationError: Validation error: argument is not a file"],
      [() => s.call("cat", ["x"], `${t}/d/lines.txt`), "Other: cat: expected CatFlag flag, got string"],
      [() => s.call("cat", [1], `${t}/d/lines.txt`), "Other: cat: expected CatFlag flag, got i64"],
      [() => s.call("cat", [s.mod("ls", "a")], `${t}/d/lines.txt`), "Other: cat: expected CatFlag flag, got LsFlag"],
      [() => s.call("write", [s.mod("cat", "n")], `${t}/w`, "x"), "Other: write: expected WriteFlag flag, got CatFlag"],
      [() => s.call("ls", [true], t), "Other: ls: expected LsFlag flag, got bool"],
      [() => s.call("ls", `${t}/d/lines.txt`), `InvalidArguments: Invalid arguments: ls: ${t}/d/lines.txt: Not a directory or symlink`],
      [() => s.call("write", `${t}/nodir/x`, "x"), "IoError: No such file or directory (os error 2)"],
      [() => s.call("cat", `${t}/d/a*b`), `Other: Path contains invalid characters ${t}/d/a*b`],
    ];
    for (const [f, want] of cases) expect(errOf(f)).toBe(want);
  });

  test("cat::number", () => {
    const s = ALL();
    expect(s.call("cat", [s.mod("cat", "n")], `${t}/d/lines.txt`)).toBe("     1\tone\n     2\ttwo\n     3\t\n     4\tfour\n     5\tfive");
    expect(s.call("cat", [s.mod("cat", "number")], `${t}/d/lines.txt`)).toBe(s.call("cat", [s.mod("cat", "n")], `${t}/d/lines.txt`));
    expect(s.call("cat", [], `${t}/d/lines.txt`)).toBe("one\ntwo\r\n\nfour\nfive\n");
  });

  test("ls: hidden names only with ls::all; long/recursive accepted; entries", () => {
    const s = ALL();
    const m = s.call("ls", `${t}/d`) as RMap;
    expect(m.sortedKeys()).toEqual(["bad.txt", "lines.txt", "sub"]);
    const all = s.call("ls", [s.mod("ls", "a"), s.mod("ls", "l"), s.mod("ls", "R")], `${t}/d`) as RMap;
    expect(all.sortedKeys()).toEqual([".hidden", "bad.txt", "lines.txt", "sub"]);
    const e = m.get("sub")!;
    expect(s.call("get$name", e)).toBe("sub");
    expect(s.call("type", e)).toBe(s.mod("EntryType", "DIR"));
    expect(s.call("to_string", s.call("type", m.get("lines.txt")!))).toBe("File");
    expect(s.call("get$inode", e)).toBe(statSync(`${t}/d/sub`).ino);
  });

  test("list_entries: read Dir(D); DirEntry memo", () => {
    const s = ALL();
    const d = dir(s, `${t}/d/`);
    s.az.requests.length = 0;
    const m = s.call("list_entries", d) as RMap;
    expect(s.az.requests).toEqual([`read Dir::"${t}/d"`]);
    expect(m.sortedKeys()).toEqual([".hidden", "bad.txt", "lines.txt", "sub"]);
    // metadata first memoises a read-only handle; a later open_as_file(write) returns it (kept from REX)
    const [md, e2] = s.callMut("metadata", m.get("lines.txt")!);
    expect(s.call("file_size", md)).toBe(20);
    const [fh] = s.callMut("open_as_file", e2, fopts(s, [["write", true]]));
    expect(s.call("read", fh)).toBe("one\ntwo\r\n\nfour\nfive\n");
    expect(errOf(() => s.callMut("open_as_dir", e2, s.build("OpenDirOptions", [])))).toBe("EntryTypeMismatchError: Entry type mismatch: DirEntry does not represent a dir");
    const [sub] = s.callMut("open_as_dir", m.get("sub")!, s.build("OpenDirOptions", []));
    expect((s.call("list_entries", sub) as RMap).size).toBe(0);
    expect(errOf(() => s.callMut("open_as_file", m.get("sub")!, fopts(s, [["read", true]])))).toBe("ValidationError: Validation error: argument is not a file");
    const [, subE] = s.callMut("open_as_dir", m.get("sub")!, s.build("OpenDirOptions", []));
    expect(errOf(() => s.callMut("open_as_file", subE, fopts(s, [["read", true]])))).toBe("EntryTypeMismatchError: Entry type mismatch: DirEntry does not represent a file");
  });

  test("paths: a trailing / on the dir is kept in the handle and stripped from Dir ids", () => {
    const s = ALL();
    const d = dir(s, `${t}/d/`);
    expect(s.az.requests).toEqual([`open Dir::"${t}/d"`]);
    s.az.requests.length = 0;
    s.call("open_file", d, "lines.txt", fopts(s, [["read", true]]));
    expect(s.az.requests).toEqual([`open File::"${t}/d/lines.txt"`]);
  });

  test("open_file errors", () => {
    const s = ALL();
    const d = dir(s, `${t}/d`);
    const cases: [string, [string, Value][], string][] = [
      ["lines.txt", [], "InvalidArguments: Invalid arguments: Invalid open file options: at least one of read, write or create flags must be true"],
      ["a/b", [["read", true]], "InvalidPath: Invalid path: file path must contain only a filename"],
      ["./a", [["read", true]], "InvalidPath: Invalid path: file path must contain only a filename"],
      ["missing", [["read", true]], "IoError: No such file or directory (os error 2)"],
      ["", [["read", true]], "IoError: No such file or directory (os error 2)"],
      ["sub", [["read", true]], "ValidationError: Validation error: argument is not a file"],
      ["sub", [["write", true]], "IoError: Is a directory (os error 21)"],
      [".", [["read", true]], "ValidationError: Validation error: argument is not a file"],
    ];
    for (const [name, o, want] of cases) expect(errOf(() => s.call("open_file", d, name, fopts(s, o)))).toBe(want);
    const deny = setup([{ actions: ["open"], dir: `${t}/d` }]);
    expect(errOf(() => deny.call("open_file", dir(deny, `${t}/d`), "/etc/passwd", fopts(deny, [["read", true]])))).toBe(
      'PermissionDenied: Permission denied: tester unauthorized to perform file_system::Action::"open" for file_system::File::/etc/passwd',
    );
  });

  test("read/write mode checks", () => {
    const s = setup([{ actions: ["open", "read", "write"], dir: t }]);
    const p = `${t}/d/lines.txt`;
    const w = file(s, `${t}/d`, "lines.txt", [["write", true]]);
    expect(errOf(() => s.call("read", w))).toBe(`InvalidFileMode: Invalid file mode: Attempted to read a file without opening it with the read option.: ${p}`);
    const r = file(s, `${t}/d`, "lines.txt", [["read", true]]);
    expect(errOf(() => s.call("write", r, "x"))).toBe(`InvalidFileMode: Invalid file mode: Attempted to write a file without opening it with the write option.: ${p}`);
    expect(errOf(() => s.call("write_in_place", r, "x"))).toBe(`InvalidFileMode: Invalid file mode: Attempted to write a file without opening it with the write option.: ${p}`);
    const ro = setup([{ actions: ["open"], dir: t }]);
    expect(errOf(() => ro.call("read", file(ro, `${t}/d`, "lines.txt", [["read", true]])))).toBe(
      `PermissionDenied: Permission denied: tester unauthorized to perform file_system::Action::"read" for file_system::File::${p}`,
    );
  });

  test("read_lines", () => {
    const s = ALL();
    const fh = file(s, `${t}/d`, "lines.txt", [["read", true]]);
    const rl = (o: [string, Value][]) => s.call("read_lines", fh, s.build("ReadLinesOptions", o));
    const cases: [[string, Value][], string[]][] = [
      [[["count", 2]], ["one", "two"]],
      [[["count", 100]], ["one", "two", "", "four", "five"]],
      [[["count", -2]], ["four", "five"]],
      [[["count", -100]], ["one", "two", "", "four", "five"]],
      [[["count", 2], ["start", 2]], ["two", ""]],
      [[["count", 2], ["start", 9]], []],
      [[["count", -2], ["start", 2]], ["one", "two"]],
      [[["count", -3], ["start", 1]], ["one"]],
      [[["count", -2], ["start", 99]], ["four", "five"]],
      [[["start", 4]], ["four", "five"]],
      [[["count", 0]], []],
    ];
    for (const [o, want] of cases) expect(rl(o)).toEqual(want);
    expect(errOf(() => rl([]))).toBe("InvalidArguments: Invalid arguments: No read line mode specified");
    expect(errOf(() => s.build("ReadLinesOptions", [["start", 0]]))).toBe(
      "string: Invalid line to start reading from: must be a positive integer greater than 1 (>= 1): 0",
    );
    expect(errOf(() => s.build("ReadLinesOptions", [["start", -1]]))).toBe(
      "string: Parameter conversion failed for start: out of range integral type conversion attempted",
    );
    // rewinds: read() after read_lines sees the whole file
    expect(s.call("read", fh)).toBe("one\ntwo\r\n\nfour\nfive\n");
  });

  test("FileHandle.write: atomic replace, new handle, permissions kept", () => {
    const s = ALL();
    const p = `${t}/d/atomic.txt`;
    writeFileSync(p, "old");
    chmodSync(p, 0o640);
    const ino = statSync(p).ino;
    const fh = file(s, `${t}/d`, "atomic.txt", [["read", true], ["write", true]]);
    const nh = s.call("write", fh, "new content");
    expect(readFileSync(p, "utf8")).toBe("new content");
    expect(statSync(p).ino).not.toBe(ino);
    expect(statSync(p).mode & 0o777).toBe(0o640);
    expect(s.call("read", nh)).toBe("new content");
    expect(s.call("read", fh)).toBe("old");
    const nh2 = s.call("write", nh, "third", s.build("WriteOptions", []));
    expect(s.call("read", nh2)).toBe("third");
    expect(s.call("write_in_place", nh2, "4")).toBe(undefined);
    expect(readFileSync(p, "utf8")).toBe("4");
    // no temporary files left behind
    expect(s.call("ls", [s.mod("ls", "a")], `${t}/d`) as RMap).not.toContainKey(".rex-tmp");
  });

  test("metadata of files and directories", () => {
    const s = ALL();
    const fh = file(s, `${t}/d`, "lines.txt", [["read", true]]);
    s.az.requests.length = 0;
    const m = s.call("metadata", fh);
    expect(s.az.requests).toEqual([`stat File::"${t}/d/lines.txt"`]);
    const ns = statSync(`${t}/d/lines.txt`);
    expect(s.call("type", m)).toBe(s.mod("EntryType", "FILE"));
    expect(s.call("file_size", m)).toBe(20);
    expect(s.call("permissions", m)).toBe(ns.mode);
    expect(s.call("last_modified_time", m)).toBe(Math.floor(ns.mtimeMs / 1000));
    const owner = s.call("get$owner", m);
    const passwdName = readFileSync("/etc/passwd", "utf8").split("\n").map((l) => l.split(":")).find((f) => f[2] === String(ns.uid))?.[0];
    expect(s.call("get$user", owner)).toBe(passwdName!);
    const dm = s.call("metadata", dir(s, `${t}/d`));
    expect(s.call("type", dm)).toBe(s.mod("EntryType", "DIR"));
    expect(((s.call("permissions", dm) as number) & 0o170000) === 0o040000).toBe(true);
    const map = s.call("to_map", m) as RMap;
    expect(map.sortedKeys()).toEqual(["allocated_size", "file_size", "last_modified_time", "num_hardlinks", "owner_group", "owner_user", "permissions", "symlink_target", "type"]);
    expect(map.get("type")).toBe("File");
  });

  test("DirConfig.open create modes", () => {
    const s = ALL();
    const o = (c: [string, Value][]) => s.build("OpenDirOptions", c);
    const open = (p: string, c: [string, Value][]) => s.call("open", s.build("DirConfig", [["path", p]]), o(c));
    open(`${t}/made`, [["create", true]]);
    expect(statSync(`${t}/made`).isDirectory()).toBe(true);
    expect(errOf(() => open(`${t}/made`, [["create", true]]))).toBe("DirectoryOpenError: Directory error: failed to create directory: made");
    expect(errOf(() => open(`${t}/nope/x`, [["create", true]]))).toBe(`DirectoryOpenError: Directory error: failed to open parent: ${t.slice(1)}/nope`);
    open(`${t}/deep/a/b`, [["create", true], ["recursive", true]]);
    open(`${t}/deep/a/b`, [["create", true], ["recursive", true]]);
    expect(statSync(`${t}/deep/a/b`).isDirectory()).toBe(true);
    expect(errOf(() => open(`${t}/missing`, []))).toBe("IoError: No such file or directory (os error 2)");
    expect(errOf(() => open(`${t}/missing`, [["follow_symlinks", true]]))).toBe("IoError: No such file or directory (os error 2)");
    expect(errOf(() => open(`${t}/d/lines.txt`, [["follow_symlinks", true]]))).toBe("IoError: Not a directory (os error 20)");
    expect(errOf(() => open(`${t}/d/lines.txt`, []))).toBe(`DirectoryOpenError: Directory error: Not a directory, enable follow_symlinks to open the target directory: ${t}/d/lines.txt`);
    expect(errOf(() => s.call("build", s.call("DirConfig")))).toBe("string: Invalid arguments: Field not initialized: path");
  });

  test("redacted fallback: dictionary errors are wrapped and keep the denial origin", () => {
    const s = setup([
      { actions: ["open", "redacted_read"], dir: t },
    ]);
    const fh = file(s, `${t}/d`, "lines.txt", [["read", true]]);
    expect(errOf(() => s.call("read", fh))).toBe(
      'DirectoryOpenError: Directory error: Failed to open redaction dictionary directory: Permission denied: tester unauthorized to perform file_system::Action::"open" for file_system::Dir::/etc/opt/rex: /etc/opt/rex',
    );
    expect(s.az.requests.slice(-3)).toEqual([`read File::"${t}/d/lines.txt"`, `redacted_read File::"${t}/d/lines.txt"`, 'open Dir::"/etc/opt/rex"']);
  });

  test("builders: type names, create sets write, setters are copies", () => {
    const s = ALL();
    const b = s.call("OpenFileOptions");
    expect(s.registry.typeName(b)).toBe("OpenFileOptionsBuilder");
    const [r1, b1] = s.callMut("create", b, true);
    expect(b1).toBe(r1);
    const opts = s.call("build", b1) as { write: boolean; create: boolean };
    expect(s.registry.typeName(opts)).toBe("OpenFileOptions");
    expect([opts.write, opts.create]).toEqual([true, true]);
    // the original builder is unchanged (value semantics)
    expect((s.call("build", b) as { write: boolean }).write).toBe(false);
    const perms = s.build("OpenFileOptions", [["permissions", -1]]) as { permissions: number };
    expect(perms.permissions).toBe(0o777);
  });

  test("IoErrorKind constants and equality", () => {
    const s = ALL();
    const names = [...s.registry.modules.get("IoErrorKind")!.constants.keys()];
    expect(names.length).toBe(23);
    expect(names).not.toContain("CallbackError");
    const k = s.mod("IoErrorKind", "PermissionDenied");
    expect(s.call("==", k, s.mod("IoErrorKind", "PermissionDenied"))).toBe(true);
    expect(s.call("!=", k, s.mod("IoErrorKind", "NotFound"))).toBe(true);
    expect(s.call("to_string", k)).toBe("PermissionDenied");
    expect(s.registry.typeName(k)).toBe("RhaiSafeIoErrorKind");
    expect([...s.registry.modules.get("EntryType")!.constants.keys()]).toEqual(["FILE", "DIR", "SYMLINK", "UNKNOWN", "FIFO", "SOCKET", "CHAR_DEVICE", "BLOCK_DEVICE"]);
  });

  test("OS EACCES is a denial; descriptors are closed at run end", () => {
    const s = ALL();
    const p = `${t}/d/noperm.txt`;
    writeFileSync(p, "x");
    chmodSync(p, 0);
    if (process.getuid?.() !== 0) {
      expect(errOf(() => s.call("cat", p))).toBe("IoError: Permission denied (os error 13)");
    }
    dir(s, `${t}/d`);
    expect(openFsDescriptors(s.ctx)).toBeGreaterThan(0);
    closeFsResources(s.ctx);
    expect(openFsDescriptors(s.ctx)).toBe(0);
  });
});
