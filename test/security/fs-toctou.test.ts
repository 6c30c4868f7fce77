// Adversarial: the file system changes between "may I?" and "do it" (sdk-fs.md §1.13). A
// native hook `swap()` registered for the test performs the change in the middle of the
// script, after a handle was opened and authorized. The handle-based design must keep
// acting on the object that was authorized.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, lstatSync } from "node:fs";
import type { Engine } from "../../src/engine/engine.ts";
import { authz, Recording, runScript, tempDir } from "./harness.ts";

let t = "";
beforeEach(() => {
  t = tempDir("rex-sec-toctou-");
  mkdirSync(`${t}/allowed/sub`, { recursive: true });
  mkdirSync(`${t}/secret`);
  writeFileSync(`${t}/secret/key`, "TOP SECRET\n");
  writeFileSync(`${t}/allowed/sub/key`, "public\n");
  writeFileSync(`${t}/allowed/f.txt`, "original\n");
});
afterEach(() => rmSync(t, { recursive: true, force: true }));

const hook = (f: () => void) => (e: Engine) =>
  e.registry.fn("swap", [], () => {
    f();
    return undefined;
  });

async function attempt(src: string, swap: () => void) {
  const rec = new Recording(await authz(`permit(principal, action, resource in file_system::Dir::"${t}/allowed");`));
  const o = runScript(src, { az: rec, vars: { d: `${t}/allowed` }, setup: hook(swap) });
  return { text: o.text.replaceAll(t, "<t>"), log: rec.log.map((l) => l.replaceAll(t, "<t>")) };
}

const READ = "OpenFileOptions().read(true).build()";

describe.skipIf(process.platform !== "linux")("TOCTOU: handles keep pointing at what was authorized", () => {
  test("a directory replaced by a symlink to a secret directory after open: the handle still reads the old directory", async () => {
    const r = await attempt(
      `let h = DirConfig().path(d + "/sub").build().open(OpenDirOptions().build()); swap(); h.open_file("key", ${READ}).read()`,
      () => {
        renameSync(`${t}/allowed/sub`, `${t}/old-sub`);
        symlinkSync(`${t}/secret`, `${t}/allowed/sub`);
      },
    );
    expect(r.text).toBe('ok: "public\\n"');
  });

  test("a directory replaced after open: listing shows the old directory's entries", async () => {
    const r = await attempt(`let h = DirConfig().path(d + "/sub").build().open(OpenDirOptions().build()); swap(); h.list_entries().keys()`, () => {
      renameSync(`${t}/allowed/sub`, `${t}/old-sub`);
      symlinkSync(`${t}/secret`, `${t}/allowed/sub`);
      writeFileSync(`${t}/secret/other`, "x");
    });
    expect(r.text).toBe('ok: ["key"]');
  });

  test("a file replaced by a symlink after open: read returns the opened file's content", async () => {
    const r = await attempt(`let f = DirConfig().path(d).build().open(OpenDirOptions().build()).open_file("f.txt", ${READ}); swap(); f.read()`, () => {
      unlinkSync(`${t}/allowed/f.txt`);
      symlinkSync(`${t}/secret/key`, `${t}/allowed/f.txt`);
    });
    expect(r.text).toBe('ok: "original\\n"');
  });

  test("write_in_place after the name became a symlink writes the opened inode, never the secret", async () => {
    const r = await attempt(
      `let f = DirConfig().path(d).build().open(OpenDirOptions().build()).open_file("f.txt", OpenFileOptions().read(true).write(true).build()); swap(); f.write_in_place("changed"); f.read()`,
      () => {
        renameSync(`${t}/allowed/f.txt`, `${t}/moved.txt`);
        symlinkSync(`${t}/secret/key`, `${t}/allowed/f.txt`);
      },
    );
    expect(r.text).toBe('ok: "changed"');
    expect(readFileSync(`${t}/secret/key`, "utf8")).toBe("TOP SECRET\n");
    expect(readFileSync(`${t}/moved.txt`, "utf8")).toBe("changed");
  });

  test("FileHandle.write (atomic replace) after the name became a symlink replaces the link, never its target", async () => {
    const r = await attempt(
      `let f = DirConfig().path(d).build().open(OpenDirOptions().build()).open_file("f.txt", OpenFileOptions().read(true).write(true).build()); swap(); f = f.write("new"); f.read()`,
      () => {
        unlinkSync(`${t}/allowed/f.txt`);
        symlinkSync(`${t}/secret/key`, `${t}/allowed/f.txt`);
      },
    );
    expect(r.text).toBe('ok: "new"');
    expect(readFileSync(`${t}/secret/key`, "utf8")).toBe("TOP SECRET\n");
    expect(lstatSync(`${t}/allowed/f.txt`).isSymbolicLink()).toBe(false);
  });

  test("write::replace through a symlinked target is refused (no-follow open), the target is untouched", async () => {
    const r = await attempt(`swap(); write([write::replace], d + "/f.txt", "pwned")`, () => {
      unlinkSync(`${t}/allowed/f.txt`);
      symlinkSync(`${t}/secret/key`, `${t}/allowed/f.txt`);
    });
    expect(r.text).toBe("sdk: FileError: File error: file is a symbolic link but follow_symlinks is not enabled: <t>/allowed/f.txt");
    expect(readFileSync(`${t}/secret/key`, "utf8")).toBe("TOP SECRET\n");
  });

  test("a DirEntry listed before its directory entry became a symlink does not open the new target", async () => {
    const r = await attempt(`let e = ls(d)["sub"]; swap(); e.open_as_dir(OpenDirOptions().build()).list_entries().keys()`, () => {
      renameSync(`${t}/allowed/sub`, `${t}/old-sub`);
      symlinkSync(`${t}/secret`, `${t}/allowed/sub`);
    });
    expect(r.text).toBe("sdk: DirectoryOpenError: Directory error: Not a directory, enable follow_symlinks to open the target directory: <t>/allowed/sub");
  });
});
