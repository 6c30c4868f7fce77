// The attack of issue 3: a policy allowing Dir "<t>/allowed" must not let a script read
// "<t>/secret/key" through a symlink, `..` or /proc/self/root.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errOf, origin, setup } from "./harness.ts";

let t = "";
beforeAll(() => {
  t = realpathSync(mkdtempSync(join(tmpdir(), "rex-sec-")));
  mkdirSync(join(t, "allowed"));
  mkdirSync(join(t, "secret"));
  writeFileSync(join(t, "secret/key"), "TOP SECRET\n");
  writeFileSync(join(t, "allowed/ok.txt"), "fine\n");
  symlinkSync(join(t, "secret/key"), join(t, "allowed/link"));
  symlinkSync(join(t, "secret"), join(t, "allowed/dlink"));
  symlinkSync("../secret/key", join(t, "allowed/rel"));
});
afterAll(() => rmSync(t, { recursive: true, force: true }));

const deny = (action: string, type: string, id: string) =>
  `PermissionDenied: Permission denied: tester unauthorized to perform file_system::Action::"${action}" for file_system::${type}::${id}`;

describe.skipIf(process.platform !== "linux")("no escape from Dir <t>/allowed", () => {
  const S = () => setup([{ actions: "*", dir: `${t}/allowed` }]);
  const dirOf = (s: ReturnType<typeof S>, p: string, follow = false) =>
    s.call("open", s.build("DirConfig", [["path", p]]), s.build("OpenDirOptions", [["follow_symlinks", follow]]));

  test("control: the allowed file is readable", () => {
    const s = S();
    expect(s.call("cat", `${t}/allowed/ok.txt`)).toBe("fine\n");
  });

  const cases: [string, (s: ReturnType<typeof S>) => unknown, () => string][] = [
    ["cat through a file symlink", (s) => s.call("cat", `${t}/allowed/link`), () => `FileError: File error: file is a symbolic link but follow_symlinks is not enabled: ${t}/allowed/link`],
    ["cat through a relative file symlink", (s) => s.call("cat", `${t}/allowed/rel`), () => `FileError: File error: file is a symbolic link but follow_symlinks is not enabled: ${t}/allowed/rel`],
    [
      "open_file with follow_symlinks on a file symlink",
      (s) => s.call("read", s.call("open_file", dirOf(s, `${t}/allowed`), "link", s.build("OpenFileOptions", [["read", true], ["follow_symlinks", true]]))),
      () => deny("open", "File", `${t}/secret/key`),
    ],
    [
      "open_file with follow_symlinks on a relative symlink",
      (s) => s.call("open_file", dirOf(s, `${t}/allowed`), "rel", s.build("OpenFileOptions", [["read", true], ["follow_symlinks", true]])),
      () => deny("open", "File", `${t}/secret/key`),
    ],
    ["cat through a directory symlink", (s) => s.call("cat", `${t}/allowed/dlink/key`), () => deny("open", "Dir", `${t}/secret`)],
    ["DirConfig on a directory symlink (no follow)", (s) => dirOf(s, `${t}/allowed/dlink`), () => `DirectoryOpenError: Directory error: Not a directory, enable follow_symlinks to open the target directory: ${t}/allowed/dlink`],
    ["DirConfig on a directory symlink (follow)", (s) => dirOf(s, `${t}/allowed/dlink`, true), () => deny("open", "Dir", `${t}/secret`)],
    ["ls through a directory symlink's contents", (s) => s.call("ls", `${t}/allowed/dlink/`), () => deny("open", "Dir", `${t}/secret`)],
    ["cat with ..", (s) => s.call("cat", `${t}/allowed/../secret/key`), () => `Other: Path traversal detected ${t}/allowed/../secret`],
    ["open_file with a .. name", (s) => s.call("open_file", dirOf(s, `${t}/allowed`), "..", s.build("OpenFileOptions", [["read", true]])), () => `Other: Path traversal detected ${t}/allowed/..`],
    ["open_file with ../secret/key", (s) => s.call("open_file", dirOf(s, `${t}/allowed`), "../secret/key", s.build("OpenFileOptions", [["read", true]])), () => `Other: Path traversal detected ${t}/allowed/../secret/key`],
    ["open_file with an absolute name", (s) => s.call("open_file", dirOf(s, `${t}/allowed`), `${t}/secret/key`, s.build("OpenFileOptions", [["read", true]])), () => deny("open", "File", `${t}/secret/key`)],
    ["cat via /proc/self/root", (s) => s.call("cat", `/proc/self/root${t}/secret/key`), () => deny("open", "Dir", `/proc/self/root${t}/secret`)],
    ["write through a file symlink", (s) => s.call("write", `${t}/allowed/link`, "pwned"), () => `FileError: File error: file is a symbolic link but follow_symlinks is not enabled: ${t}/allowed/link`],
    ["write through a directory symlink", (s) => s.call("write", `${t}/allowed/dlink/key`, "pwned"), () => deny("open", "Dir", `${t}/secret`)],
  ];
  for (const [name, f, want] of cases)
    test(name, () => {
      const s = S();
      expect(errOf(() => f(s))).toBe(want());
      expect(readFileSync(join(t, "secret/key"), "utf8")).toBe("TOP SECRET\n");
    });

  test("/proc/self/root: even when /proc is allowed, the resolved directory is checked", () => {
    const s = setup([
      { actions: "*", dir: `${t}/allowed` },
      { actions: "*", dir: "/proc" },
    ]);
    expect(errOf(() => s.call("cat", `/proc/self/root${t}/secret/key`))).toBe(deny("open", "Dir", `${t}/secret`));
    expect(s.az.requests).toEqual([`open Dir::"/proc/self/root${t}/secret"`, `open Dir::"${t}/secret"`]);
  });

  test("/proc/self/root through the handle API in no-follow mode is refused", () => {
    const s = setup([{ actions: "*", dir: "/proc" }]);
    expect(errOf(() => dirOf(s, `/proc/self/root${t}/secret`))).toBe(
      `DirectoryOpenError: Directory error: Not a directory, enable follow_symlinks to open the target directory: /proc/self/root${t}/secret`,
    );
  });

  test("follow-mode file open asks for the resolved target and never reads it", () => {
    const s = S();
    const d = dirOf(s, `${t}/allowed`);
    s.az.requests.length = 0;
    expect(errOf(() => s.call("open_file", d, "link", s.build("OpenFileOptions", [["read", true], ["follow_symlinks", true]])))).toBe(deny("open", "File", `${t}/secret/key`));
    expect(s.az.requests).toEqual([`open File::"${t}/allowed/link"`, `open File::"${t}/secret/key"`]);
  });

  test("denials carry origin denied on the error and the map", () => {
    const s = S();
    expect(origin(() => s.call("cat", `${t}/allowed/dlink/key`))).toEqual(["denied", "denied"]);
    expect(origin(() => s.call("cat", `${t}/allowed/link`))).toEqual([undefined, undefined]);
  });

  test("follow create never creates the target of a dangling symlink", () => {
    symlinkSync(join(t, "secret/new"), join(t, "allowed/dangling"));
    const s = S();
    const d = dirOf(s, `${t}/allowed`);
    expect(errOf(() => s.call("open_file", d, "dangling", s.build("OpenFileOptions", [["create", true], ["follow_symlinks", true]])))).toBe(
      "RustixError: No such file or directory (os error 2)",
    );
    expect(() => readFileSync(join(t, "secret/new"))).toThrow();
  });
});
