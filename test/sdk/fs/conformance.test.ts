// Conformance audit of the fs SDK against sdk-fs.md §1 and the implemented items: exact
// Cedar request sequences (§1.6), error kinds/messages (§1.7), offsets (§1.8), text (§1.9).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RMap, type Value } from "../../../src/engine/value.ts";
import { AuthorizationCheckFailed } from "../../../src/sdk/context.ts";
import { errOf, setup } from "./harness.ts";

let t = "";
beforeAll(() => {
  t = realpathSync(mkdtempSync(join(tmpdir(), "rex-conf-")));
  mkdirSync(join(t, "d/sub"), { recursive: true });
  writeFileSync(join(t, "d/f.txt"), "l1\nl2\nl3\nl4\nl5\n");
  writeFileSync(join(t, "d/crlf.txt"), "a\r\n\r\nb");
  writeFileSync(join(t, "d/nonl.txt"), "x\ny");
  writeFileSync(join(t, "d/empty.txt"), "");
  writeFileSync(join(t, "d/bad2.txt"), Buffer.from([0x6f, 0x6b, 0x0a, 0xff, 0x0a]));
  symlinkSync(join(t, "d/f.txt"), join(t, "d/flink"));
  symlinkSync(join(t, "d/sub"), join(t, "d/dlink"));
  try {
    execFileSync("mkfifo", [join(t, "d/fifo")]);
  } catch {}
});
afterAll(() => rmSync(t, { recursive: true, force: true }));

const ALL = () => setup([{ actions: "*", dir: t }]);
type S = ReturnType<typeof ALL>;
const dirOf = (s: S, p: string, opts: [string, Value][] = []) => s.call("open", s.build("DirConfig", [["path", p]]), s.build("OpenDirOptions", opts));
const fo = (s: S, opts: [string, Value][]) => s.build("OpenFileOptions", opts);
const rl = (s: S, opts: [string, Value][]) => s.build("ReadLinesOptions", opts);
/** Requests made by f, starting from a clean log. */
function reqs(s: S, f: () => unknown): string[] {
  s.az.requests.length = 0;
  try {
    f();
  } catch {}
  return [...s.az.requests];
}

describe.skipIf(process.platform !== "linux")("sdk-fs.md conformance", () => {
  test("§1.3/§3.1 DirConfig.open request sequences", () => {
    const s = ALL();
    const d = `${t}/d`;
    const cases: [[string, Value][], string, string[]][] = [
      [[], d, [`open Dir::"${d}"`]],
      [[], `${d}/`, [`open Dir::"${d}"`]],
      [[["follow_symlinks", true]], d, [`open Dir::"${d}"`, `open Dir::"${d}"`]],
      [[["follow_symlinks", true]], `${d}/dlink`, [`open Dir::"${d}/dlink"`, `open Dir::"${d}/sub"`]],
      [[["create", true]], `${t}/new1`, [`open Dir::"${t}/new1"`, `create Dir::"${t}/new1"`]],
      [[["create", true], ["follow_symlinks", true]], d, [`open Dir::"${d}"`, `create Dir::"${d}"`, `open Dir::"${d}"`]],
    ];
    for (const [opts, p, want] of cases) expect([p, reqs(s, () => dirOf(s, p, opts))]).toEqual([p, want]);
  });

  test("§1.3 directory open errors", () => {
    const s = ALL();
    const d = `${t}/d`;
    const cases: [() => unknown, string][] = [
      [() => dirOf(s, `${d}/dlink`), `DirectoryOpenError: Directory error: Not a directory, enable follow_symlinks to open the target directory: ${d}/dlink`],
      [() => dirOf(s, `${d}/f.txt`), `DirectoryOpenError: Directory error: Not a directory, enable follow_symlinks to open the target directory: ${d}/f.txt`],
      [() => dirOf(s, `${d}/missing`), "IoError: No such file or directory (os error 2)"],
      [() => dirOf(s, `${d}/missing`, [["follow_symlinks", true]]), "IoError: No such file or directory (os error 2)"],
      [() => dirOf(s, `${d}/f.txt`, [["follow_symlinks", true]]), "IoError: Not a directory (os error 20)"],
      [() => dirOf(s, `${d}`, [["create", true]]), "DirectoryOpenError: Directory error: failed to create directory: d"],
      [() => dirOf(s, `${t}/nope/x`, [["create", true]]), `DirectoryOpenError: Directory error: failed to open parent: ${t.slice(1)}/nope`],
      [() => dirOf(s, `${d}/dlink/x`, [["create", true], ["recursive", true]]), `DirectoryOpenError: Directory error: Not a directory, enable follow_symlinks to open the target directory: ${d}/dlink/x`],
      [() => dirOf(s, "rel"), "Other: Path is not absolute rel"],
      [() => dirOf(s, `${d}/../d`), `Other: Path traversal detected ${d}/../d`],
      [() => dirOf(s, `${d}/a|b`), `Other: Path contains invalid characters ${d}/a|b`],
      [() => s.call("build", s.call("DirConfig")), "string: Invalid arguments: Field not initialized: path"],
    ];
    for (const [f, want] of cases) expect(errOf(f)).toBe(want);
    // recursive create of an existing tree is fine
    expect(() => dirOf(s, `${d}/sub`, [["create", true], ["recursive", true]])).not.toThrow();
  });

  test("§1.4/§3.2 open_file request sequences and the basename rule after Cedar", () => {
    const s = setup([{ actions: "*", dir: t }, { actions: ["open"], file: "/etc/passwd" }]);
    const d = `${t}/d`;
    const dh = dirOf(s, d);
    const cases: [string, [string, Value][], string[], string | undefined][] = [
      ["f.txt", [["read", true]], [`open File::"${d}/f.txt"`], undefined],
      ["f.txt", [["read", true], ["create", true]], [`open File::"${d}/f.txt"`, `create File::"${d}/f.txt"`], undefined],
      ["f.txt", [["read", true], ["follow_symlinks", true]], [`open File::"${d}/f.txt"`], undefined],
      ["flink", [["read", true], ["follow_symlinks", true]], [`open File::"${d}/flink"`, `open File::"${d}/f.txt"`], undefined],
      ["flink", [["read", true]], [`open File::"${d}/flink"`], `FileError: File error: file is a symbolic link but follow_symlinks is not enabled: ${d}/flink`],
      ["/etc/passwd", [["read", true]], [`open File::"/etc/passwd"`], "InvalidPath: Invalid path: file path must contain only a filename"],
      ["a/b", [["read", true]], [`open File::"${d}/a/b"`], "InvalidPath: Invalid path: file path must contain only a filename"],
      ["./a", [["read", true]], [`open File::"${d}/./a"`], "InvalidPath: Invalid path: file path must contain only a filename"],
      ["sub/", [["read", true]], [`open File::"${d}/sub/"`], "ValidationError: Validation error: argument is not a file"],
      ["..", [["read", true]], [], `Other: Path traversal detected ${d}/..`],
      ["f.txt", [], [`open File::"${d}/f.txt"`], "InvalidArguments: Invalid arguments: Invalid open file options: at least one of read, write or create flags must be true"],
      ["missing", [["read", true]], [`open File::"${d}/missing"`], "IoError: No such file or directory (os error 2)"],
      ["sub", [["write", true]], [`open File::"${d}/sub"`], "IoError: Is a directory (os error 21)"],
      ["sub", [["read", true]], [`open File::"${d}/sub"`], "ValidationError: Validation error: argument is not a file"],
      ["", [["read", true]], [`open File::"${d}/"`], "IoError: No such file or directory (os error 2)"],
    ];
    for (const [name, opts, want, err] of cases) {
      const o = fo(s, opts);
      s.az.requests.length = 0;
      let got: string | undefined;
      try {
        s.call("open_file", dh, name, o);
      } catch {
        got = errOf(() => s.call("open_file", dh, name, o));
      }
      expect([name, got, s.az.requests.slice(0, want.length)]).toEqual([name, err, want]);
      if (err === undefined) expect(s.az.requests.length).toBe(want.length);
    }
  });

  test("§1.4 follow-mode OS errors are RustixError", () => {
    const s = ALL();
    const d = `${t}/d`;
    symlinkSync(`${t}/nowhere`, `${t}/d/dangling`);
    symlinkSync("loop", `${t}/d/loop`);
    const dh = dirOf(s, d);
    expect(errOf(() => s.call("open_file", dh, "dangling", fo(s, [["read", true], ["follow_symlinks", true]])))).toBe("RustixError: No such file or directory (os error 2)");
    expect(errOf(() => s.call("open_file", dh, "loop", fo(s, [["read", true], ["follow_symlinks", true]])))).toBe("RustixError: Too many levels of symbolic links (os error 40)");
    expect(errOf(() => s.call("open_file", dh, "dangling", fo(s, [["create", true], ["follow_symlinks", true]])))).toBe("RustixError: No such file or directory (os error 2)");
  });

  test("§1.4 creation modes: masked permissions; 0o666 no-follow, 0o644 follow (umask applies)", () => {
    const s = ALL();
    const dh = dirOf(s, `${t}/d`);
    const um = process.umask();
    s.call("open_file", dh, "m1", fo(s, [["create", true], ["permissions", -1]]));
    s.call("open_file", dh, "m2", fo(s, [["create", true]]));
    s.call("open_file", dh, "m3", fo(s, [["create", true], ["follow_symlinks", true]]));
    s.call("open_file", dh, "m4", fo(s, [["create", true], ["permissions", 0o1600]]));
    expect(statSync(`${t}/d/m1`).mode & 0o7777).toBe(0o777 & ~um);
    expect(statSync(`${t}/d/m2`).mode & 0o7777).toBe(0o666 & ~um);
    expect(statSync(`${t}/d/m3`).mode & 0o7777).toBe(0o644 & ~um);
    expect(statSync(`${t}/d/m4`).mode & 0o7777).toBe(0o600 & ~um);
  });

  test("§3.3/§3.4/§4.10 list_entries, metadata requests", () => {
    const s = ALL();
    const d = `${t}/d`;
    const dh = dirOf(s, d);
    expect(reqs(s, () => s.call("list_entries", dh))).toEqual([`read Dir::"${d}"`]);
    expect(reqs(s, () => s.call("metadata", dh))).toEqual([`stat Dir::"${d}"`]);
    const fh = s.call("open_file", dh, "flink", fo(s, [["read", true], ["follow_symlinks", true]]));
    expect(reqs(s, () => s.call("metadata", fh))).toEqual([`stat File::"${d}/f.txt"`]);
    expect(reqs(s, () => s.call("read", fh))).toEqual([`read File::"${d}/f.txt"`]);
    const m = s.call("list_entries", dh) as RMap;
    expect(m.get(".") ?? m.get("..")).toBe(undefined);
    const e = (n: string) => m.get(n) as Value;
    expect(reqs(s, () => s.call("metadata", e("f.txt")))).toEqual([`open File::"${d}/f.txt"`, `stat File::"${d}/f.txt"`]);
    expect(reqs(s, () => s.call("metadata", e("sub")))).toEqual([`open Dir::"${d}/sub"`, `stat Dir::"${d}/sub"`]);
    expect(reqs(s, () => s.call("metadata", e("flink")))).toEqual([`open File::"${d}/flink"`, `stat File::"${d}/flink"`, `read File::"${d}/flink"`]);
    if (m.has("fifo")) expect(reqs(s, () => s.call("metadata", e("fifo")))).toEqual([`stat File::"${d}/fifo"`]);
  });

  test("§1.11/§4.1 read: read check then redacted_read; denial of read when neither", () => {
    const s = setup([{ actions: ["open"], dir: t }]);
    const d = `${t}/d`;
    const fh = s.call("open_file", dirOf(s, d), "f.txt", fo(s, [["read", true]]));
    expect(reqs(s, () => s.call("read", fh))).toEqual([`read File::"${d}/f.txt"`, `redacted_read File::"${d}/f.txt"`]);
    expect(errOf(() => s.call("read", fh))).toBe(`PermissionDenied: Permission denied: tester unauthorized to perform file_system::Action::"read" for file_system::File::${d}/f.txt`);
    // read_lines has no redacted fallback
    expect(reqs(s, () => s.call("read_lines", fh, rl(s, [["count", 1]])))).toEqual([`read File::"${d}/f.txt"`]);
    // write-only handle: InvalidFileMode after the Cedar read check
    const s2 = setup([{ actions: ["open", "read", "write"], dir: t }]);
    const w = s2.call("open_file", dirOf(s2, d), "f.txt", fo(s2, [["write", true]]));
    expect(errOf(() => s2.call("read", w))).toBe(`InvalidFileMode: Invalid file mode: Attempted to read a file without opening it with the read option.: ${d}/f.txt`);
    const r = s2.call("open_file", dirOf(s2, d), "f.txt", fo(s2, [["read", true]]));
    expect(reqs(s2, () => s2.call("write_in_place", r, "zz"))).toEqual([`write File::"${d}/f.txt"`]);
    expect(errOf(() => s2.call("write_in_place", r, "zz"))).toBe(`InvalidFileMode: Invalid file mode: Attempted to write a file without opening it with the write option.: ${d}/f.txt`);
    expect(readFileSync(`${d}/f.txt`, "utf8")).toBe("l1\nl2\nl3\nl4\nl5\n");
  });

  test("§4.2/§1.9 read_lines modes", () => {
    const s = ALL();
    const dh = dirOf(s, `${t}/d`);
    const f = s.call("open_file", dh, "f.txt", fo(s, [["read", true]]));
    const cases: [[string, Value][], Value][] = [
      [[["count", 2]], ["l1", "l2"]],
      [[["count", 2], ["start", 2]], ["l2", "l3"]],
      [[["count", 2], ["start", 9]], []],
      [[["count", -2]], ["l4", "l5"]],
      [[["count", -2], ["start", 3]], ["l2", "l3"]],
      [[["count", -5], ["start", 2]], ["l1", "l2"]],
      [[["count", -2], ["start", 99]], ["l4", "l5"]],
      [[["start", 4]], ["l4", "l5"]],
      [[["count", 0]], []],
      [[["count", 99]], ["l1", "l2", "l3", "l4", "l5"]],
    ];
    for (const [o, want] of cases) expect([o, s.call("read_lines", f, rl(s, o))]).toEqual([o, want]);
    expect(errOf(() => s.call("read_lines", f, rl(s, [])))).toBe("InvalidArguments: Invalid arguments: No read line mode specified");
    const c = s.call("open_file", dh, "crlf.txt", fo(s, [["read", true]]));
    expect(s.call("read_lines", c, rl(s, [["count", 9]]))).toEqual(["a", "", "b"]);
    expect(s.call("read_lines", c, rl(s, [["count", -9]]))).toEqual(["a", "", "b"]);
    const e = s.call("open_file", dh, "empty.txt", fo(s, [["read", true]]));
    expect(s.call("read_lines", e, rl(s, [["count", 3]]))).toEqual([]);
    expect(s.call("read_lines", e, rl(s, [["count", -3]]))).toEqual([]);
    const b = s.call("open_file", dh, "bad2.txt", fo(s, [["read", true]]));
    expect(s.call("read_lines", b, rl(s, [["count", 1]]))).toEqual(["ok"]);
    expect(errOf(() => s.call("read_lines", b, rl(s, [["count", 2]])))).toBe("IoError: stream did not contain valid UTF-8");
    expect(errOf(() => s.call("read", b))).toBe("IoError: stream did not contain valid UTF-8");
  });

  test("§2 B4 ReadLinesOptions errors are plain strings", () => {
    const s = ALL();
    expect(errOf(() => rl(s, [["start", 0]]))).toBe("string: Invalid line to start reading from: must be a positive integer greater than 1 (>= 1): 0");
    expect(errOf(() => s.call("start", s.call("ReadLinesOptions"), -1))).toBe("string: Parameter conversion failed for start: out of range integral type conversion attempted");
  });

  test("§1.8 offsets: read and read_lines start at the offset and rewind; write_in_place rewinds", () => {
    const s = ALL();
    const dh = dirOf(s, `${t}/d`);
    writeFileSync(`${t}/d/off.txt`, "abc\ndef\n");
    const f = s.call("open_file", dh, "off.txt", fo(s, [["read", true], ["write", true]]));
    expect(s.call("read", f)).toBe("abc\ndef\n");
    expect(s.call("read", f)).toBe("abc\ndef\n");
    expect(s.call("read_lines", f, rl(s, [["count", 1]]))).toEqual(["abc"]);
    expect(s.call("read_lines", f, rl(s, [["count", 1]]))).toEqual(["abc"]);
    s.call("write_in_place", f, "XY");
    expect(readFileSync(`${t}/d/off.txt`, "utf8")).toBe("XY");
    expect(s.call("read", f)).toBe("XY");
    s.call("write_in_place", f, "héllo");
    expect(readFileSync(`${t}/d/off.txt`, "utf8")).toBe("héllo");
    expect(statSync(`${t}/d/off.txt`).size).toBe(6);
  });

  test("§4.4 write: returns a new handle; one-arg form; Cedar write check only", () => {
    const s = ALL();
    const d = `${t}/d`;
    writeFileSync(`${d}/w.txt`, "old");
    const f = s.call("open_file", dirOf(s, d), "w.txt", fo(s, [["read", true], ["write", true]]));
    const ino = statSync(`${d}/w.txt`).ino;
    let nf: Value;
    expect(reqs(s, () => (nf = s.call("write", f, "new")))).toEqual([`write File::"${d}/w.txt"`]);
    expect(readFileSync(`${d}/w.txt`, "utf8")).toBe("new");
    expect(statSync(`${d}/w.txt`).ino).not.toBe(ino);
    expect(s.registry.typeName(nf!)).toBe("FileHandle");
    expect(s.call("read", nf!)).toBe("new");
    expect(s.call("read", f)).toBe("old");
    const nf2 = s.call("write", nf!, "v3", s.build("WriteOptions", []));
    expect(s.call("read", nf2)).toBe("v3");
  });

  test("§6/§7 DirEntry and Metadata accessors", () => {
    const s = ALL();
    const d = `${t}/d`;
    const m = s.call("list_entries", dirOf(s, d)) as RMap;
    const fe = m.get("f.txt") as Value;
    expect(s.call("get$name", fe)).toBe("f.txt");
    expect(s.call("get$inode", fe)).toBe(statSync(`${d}/f.txt`).ino);
    expect(String(s.call("type", fe))).toBe("File");
    expect(String(s.call("type", m.get("flink") as Value))).toBe("Symlink");
    expect(String(s.call("type", m.get("sub") as Value))).toBe("Dir");
    const tm = s.call("to_map", fe) as RMap;
    expect([...tm.keys()].sort()).toEqual(["inode", "name", "type"]);
    expect(tm.get("type")).toBe("File");
    const [md, fe2] = s.callMut("metadata", fe);
    const st = statSync(`${d}/f.txt`);
    expect(s.call("permissions", md)).toBe(st.mode);
    expect(s.call("file_size", md)).toBe(st.size);
    expect(s.call("last_modified_time", md)).toBe(Math.floor(st.mtimeMs / 1000));
    expect(s.call("num_hardlinks", md)).toBe(1);
    expect(s.call("blocks", md)).toBe(st.blocks);
    expect(s.call("allocated_size", md)).toBe(st.blocks * 512);
    expect(s.call("symlink_target", md)).toBe(undefined);
    const mm = s.call("to_map", md) as RMap;
    expect([...mm.keys()].sort()).toEqual(["allocated_size", "file_size", "last_modified_time", "num_hardlinks", "owner_group", "owner_user", "permissions", "symlink_target", "type"]);
    expect(mm.get("symlink_target")).toBe(undefined);
    expect(mm.has("symlink_target")).toBe(true);
    const lm = s.call("metadata", m.get("flink") as Value);
    expect(s.call("symlink_target", lm)).toBe(`${d}/f.txt`);
    expect(String(s.call("type", lm))).toBe("Symlink");
    const dm = s.call("metadata", m.get("sub") as Value);
    expect((s.call("permissions", dm) as number) & 0o170000).toBe(0o040000);
    // mismatches after memo
    expect(errOf(() => s.call("open_as_dir", fe2, s.build("OpenDirOptions", [])))).toBe("EntryTypeMismatchError: Entry type mismatch: DirEntry does not represent a dir");
    const se = s.callMut("metadata", m.get("sub") as Value)[1];
    expect(errOf(() => s.call("open_as_file", se, fo(s, [["read", true]])))).toBe("EntryTypeMismatchError: Entry type mismatch: DirEntry does not represent a file");
  });

  test("§5.1 symlink metadata: read denied gives symlink_target ()", () => {
    const d = `${t}/d`;
    const s2 = setup([{ actions: ["open", "stat"], dir: t }]);
    // listing needs read Dir — use ls route: ls(<symlink>) gives a pre-memoised entry
    const m = s2.call("ls", `${d}/flink`) as RMap;
    const e = m.get("flink") as Value;
    expect(String(s2.call("type", e))).toBe("Symlink");
    const md = s2.call("metadata", e);
    expect(s2.call("symlink_target", md)).toBe(undefined);
    expect(errOf(() => s2.call("open_as_file", e, fo(s2, [["read", true]])))).toBe("EntryTypeMismatchError: Entry type mismatch: DirEntry does not represent a file");
    expect(errOf(() => s2.call("open_as_dir", e, s2.build("OpenDirOptions", [])))).toBe("EntryTypeMismatchError: Entry type mismatch: DirEntry does not represent a dir");
  });

  test("§9.3 ls request sequences", () => {
    const s = ALL();
    const d = `${t}/d`;
    expect(reqs(s, () => s.call("ls", d))).toEqual([`open Dir::"${d}"`, `open Dir::"${d}"`, `read Dir::"${d}"`]);
    // a symlink to a directory is described, not listed (the ambient probe comes first)
    expect(reqs(s, () => s.call("ls", `${d}/dlink`))).toEqual([`open Dir::"${d}"`, `open Dir::"${d}"`, `open File::"${d}/dlink"`]);
    expect([...(s.call("ls", `${d}/dlink`) as RMap).keys()]).toEqual(["dlink"]);
    expect(reqs(s, () => s.call("ls", `${d}/sub/`))).toEqual([`open Dir::"${d}/sub"`, `open Dir::"${d}/sub"`, `read Dir::"${d}/sub"`]);
    expect(reqs(s, () => s.call("ls", `${d}/flink`))).toEqual([`open Dir::"${d}"`, `open Dir::"${d}"`, `open File::"${d}/flink"`]);
  });

  test("§1.1 type names, §1.7 error map shape, AuthorizationError, §10.2 kind to_string", () => {
    const s = ALL();
    const d = dirOf(s, `${t}/d`);
    const fh = s.call("open_file", d, "f.txt", fo(s, [["read", true]]));
    const md = s.call("metadata", fh);
    const names = [d, fh, md, s.call("get$owner", md), s.call("type", md), s.mod("IoErrorKind", "Other"), s.call("ReadLinesOptions"), rl(s, [["count", 1]]), s.call("WriteOptions"), s.call("OpenDirOptions"), s.call("DirConfig"), s.call("OpenFileOptions")];
    expect(names.map((v) => s.registry.typeName(v))).toEqual(["DirHandle", "FileHandle", "Metadata", "Ownership", "EntryType", "RhaiSafeIoErrorKind", "ReadLinesOptionsBuilder", "ReadLinesOptions", "WriteOptionsBuilder", "OpenDirOptionsBuilder", "DirConfigBuilder", "OpenFileOptionsBuilder"]);
    let map: RMap | undefined;
    try {
      s.call("cat", `${t}/d/nope`);
    } catch (e) {
      map = (e as { value: RMap }).value;
    }
    expect([...map!.keys()].sort()).toEqual(["kind", "message", "source"]);
    expect(map!.get("source")).toBe("IoErrorKind");
    expect(String(s.call("to_string", map!.get("kind") as Value))).toBe("IoError");
    const s2 = ALL();
    s2.az.isAllowed = () => {
      throw new AuthorizationCheckFailed("test");
    };
    expect(errOf(() => s2.call("cat", `${t}/d/f.txt`))).toBe("AuthorizationError: Authorization check failed");
  });

  test("§9.2 ls/write path edge cases", () => {
    const s = ALL();
    const cases: [() => unknown, string][] = [
      [() => s.call("ls", ""), "Other: Path is not absolute "],
      [() => s.call("ls", "rel"), "Other: Path is not absolute rel"],
      [() => s.call("write", "/", "x"), "InvalidArguments: Invalid arguments: Invalid file path: /"],
      [() => s.call("write", "rel", "x"), "Other: Path is not absolute "],
    ];
    for (const [f, want] of cases) expect(errOf(f)).toBe(want);
  });

  test("§7.1 Metadata.to_map value types", () => {
    const s = ALL();
    const mm = s.call("to_map", s.call("metadata", dirOf(s, `${t}/d`))) as RMap;
    expect([...mm.entries()].map(([k, v]) => `${k}:${v === undefined ? "()" : typeof v}`).sort()).toEqual([
      "allocated_size:number", "file_size:number", "last_modified_time:number", "num_hardlinks:number", "owner_group:string", "owner_user:string", "permissions:number", "symlink_target:()", "type:string",
    ]);
    expect(mm.get("type")).toBe("Dir");
  });
});
