// Script-level tests: the fs SDK registered on a real Engine.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../../src/engine/engine.ts";
import { RhaiError } from "../../../src/engine/errors.ts";
import { RMap, type Value } from "../../../src/engine/value.ts";
import { registerFsSdk } from "../../../src/sdk/fs/index.ts";
import { FakeAuthorizer, type Rule } from "./harness.ts";

let t = "";
beforeAll(() => {
  t = realpathSync(mkdtempSync(join(tmpdir(), "rex-script-")));
  mkdirSync(join(t, "allowed"));
  mkdirSync(join(t, "secret"));
  writeFileSync(join(t, "secret/key"), "TOP SECRET\n");
  writeFileSync(join(t, "allowed/a.txt"), "alpha\nbeta\n");
  symlinkSync(join(t, "secret/key"), join(t, "allowed/link"));
  symlinkSync(join(t, "secret"), join(t, "allowed/dlink"));
});
afterAll(() => rmSync(t, { recursive: true, force: true }));

function runScript(src: string, rules: Rule[], vars: Record<string, Value> = {}): Value {
  const e = new Engine();
  registerFsSdk({ registry: e.registry, authorizer: new FakeAuthorizer(rules), log: () => {} });
  const scope = new Map(Object.entries(vars));
  return e.run(e.compile(src, [...scope.keys()]), scope);
}

function scriptError(src: string, rules: Rule[], vars: Record<string, Value> = {}): string {
  try {
    runScript(src, rules, vars);
  } catch (e) {
    if (e instanceof RhaiError && e.value instanceof RMap) return `${String(e.value.get("source"))}: ${String(e.value.get("kind"))}: ${String(e.value.get("message"))}`;
    if (e instanceof RhaiError) return e.toString();
    throw e;
  }
  throw new Error("expected an error");
}

const ALLOWED = (): Rule[] => [{ actions: "*", dir: `${t}/allowed` }];

describe.skipIf(process.platform !== "linux")("fs SDK from scripts", () => {
  test("quick start", () => {
    const src = 'let path = dir + "/" + file_name; write([write::replace], path, "Hello from REX!\\n"); let contents = cat(path); contents';
    expect(runScript(src, ALLOWED(), { dir: `${t}/allowed`, file_name: "hello" })).toBe("Hello from REX!\n");
  });

  test("read-file sample", () => {
    const src = `DirConfig().path(dir).build().open(OpenDirOptions().build()).open_file("a.txt", OpenFileOptions().read(true).build()).read()`;
    expect(runScript(src, ALLOWED(), { dir: `${t}/allowed` })).toBe("alpha\nbeta\n");
  });

  test("builders chain and update in place", () => {
    const src = `let b = OpenFileOptions(); b.read(true); let h = DirConfig().path(dir).build().open(OpenDirOptions().build()).open_file("a.txt", b.build()); [type_of(b), type_of(b.build()), type_of(h), h.read_lines(ReadLinesOptions().count(-1).build())]`;
    expect(runScript(src, ALLOWED(), { dir: `${t}/allowed` })).toEqual(["OpenFileOptionsBuilder", "OpenFileOptions", "FileHandle", ["beta"]]);
  });

  test("try/catch on kind constants", () => {
    const src = `let r = "read it"; try { cat(dir + "/dlink/key"); } catch (e) { r = [e.kind == IoErrorKind::PermissionDenied, e.kind.to_string(), e.source, type_of(e.kind)]; } r`;
    expect(runScript(src, ALLOWED(), { dir: `${t}/allowed` })).toEqual([true, "PermissionDenied", "IoErrorKind", "RhaiSafeIoErrorKind"]);
  });

  test("ls and DirEntry from a script", () => {
    const src = `let out = []; for name in ls(dir).keys() { out.push(name); } let e = ls(dir)["a.txt"]; out.push(e.name); out.push(e.type() == EntryType::FILE); out.push(e.metadata().file_size()); out`;
    expect(runScript(src, ALLOWED(), { dir: `${t}/allowed` })).toEqual(["a.txt", "dlink", "hello", "link", "a.txt", true, 11]);
  });

  const escapes: [string, string][] = [
    [`cat(dir + "/link")`, `IoErrorKind: FileError: File error: file is a symbolic link but follow_symlinks is not enabled: ${"<t>"}/allowed/link`],
    [
      `DirConfig().path(dir).build().open(OpenDirOptions().build()).open_file("link", OpenFileOptions().read(true).follow_symlinks(true).build()).read()`,
      `IoErrorKind: PermissionDenied: Permission denied: tester unauthorized to perform file_system::Action::"open" for file_system::File::<t>/secret/key`,
    ],
    [`cat(dir + "/../secret/key")`, `IoErrorKind: Other: Path traversal detected <t>/allowed/../secret`],
    [`cat("/proc/self/root" + dir + "/../secret/key")`, `IoErrorKind: Other: Path traversal detected /proc/self/root<t>/allowed/../secret`],
    [`cat("/proc/self/root" + secret + "/key")`, `IoErrorKind: PermissionDenied: Permission denied: tester unauthorized to perform file_system::Action::"open" for file_system::Dir::/proc/self/root<t>/secret`],
    [`cat(dir + "/dlink/key")`, `IoErrorKind: PermissionDenied: Permission denied: tester unauthorized to perform file_system::Action::"open" for file_system::Dir::<t>/secret`],
  ];
  for (const [src, want] of escapes)
    test(`escape attempt: ${src}`, () => {
      expect(scriptError(src, ALLOWED(), { dir: `${t}/allowed`, secret: `${t}/secret` })).toBe(want.replaceAll("<t>", t));
      expect(readFileSync(join(t, "secret/key"), "utf8")).toBe("TOP SECRET\n");
    });
});
