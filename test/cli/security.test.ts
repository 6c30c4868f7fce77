// The escape attempts of issue 3 through the CLI with a real Cedar policy: a policy allowing
// Dir::"<t>/allowed" and its contents must not let a script read <t>/secret/key through a
// pre-existing symlink, `..`, or /proc/self/root. The secret never appears in any output.
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { files, rex } from "./helpers.ts";

setDefaultTimeout(60_000);

const SECRET = "TOPSECRET-7f3a9c";
const t = realpathSync(mkdtempSync(join(tmpdir(), "rex-sec-")));
mkdirSync(join(t, "allowed"));
mkdirSync(join(t, "secret"));
writeFileSync(join(t, "secret", "key"), `${SECRET}\n`);
writeFileSync(join(t, "allowed", "ok.txt"), "fine\n");
symlinkSync(join(t, "secret"), join(t, "allowed", "link"));
symlinkSync(join(t, "secret", "key"), join(t, "allowed", "keylink"));
symlinkSync("../secret/key", join(t, "allowed", "rel"));
const POLICY = `permit (principal, action, resource in file_system::Dir::"${t}/allowed");
permit (principal, action, resource == file_system::Dir::"${t}/allowed");`;
const policyDir = files({ "p.cedar": POLICY });

function attempt(src: string) {
  const d = files({ "s.rhai": src });
  const r = rex(["run", join(d, "s.rhai"), "--policy", join(policyDir, "p.cedar")]);
  expect(r.stdout).not.toContain(SECRET);
  expect(r.stderr).not.toContain(SECRET);
  return r;
}

const open = (opts = "") => `DirConfig().path("${t}/allowed").build().open(OpenDirOptions()${opts}.build())`;
const read = (name: string, opts = "") => `${open()}.open_file("${name}", OpenFileOptions().read(true)${opts}.build()).read()`;

describe("the policy works for what it allows", () => {
  test("cat of a file inside the allowed directory", () => {
    const r = attempt(`cat("${t}/allowed/ok.txt")`);
    expect(r.code).toBe(0);
    expect(r.json.output).toBe("fine\n");
  });
  test("handle API inside the allowed directory", () => {
    const r = attempt(read("ok.txt"));
    expect(r.code).toBe(0);
    expect(r.json.output).toBe("fine\n");
  });
});

describe("escape attempts are denied and the secret never leaks", () => {
  test.each([
    // [description, script, error type, message pattern]
    ["symlinked directory in a cat path", `cat("${t}/allowed/link/key")`, "ACCESS_DENIED_EXCEPTION", `Permission denied: \\S+ unauthorized to perform file_system::Action::"open" for file_system::Dir::${t}/secret `],
    ["symlinked directory opened with follow_symlinks", `${open(".follow_symlinks(true)").replace("/allowed", "/allowed/link")}.open_file("key", OpenFileOptions().read(true).build()).read()`, "ACCESS_DENIED_EXCEPTION", `for file_system::Dir::${t}/secret `],
    ["symlink to the file, followed", read("keylink", ".follow_symlinks(true)"), "ACCESS_DENIED_EXCEPTION", `for file_system::File::${t}/secret/key `],
    ["relative symlink to the file, followed", read("rel", ".follow_symlinks(true)"), "ACCESS_DENIED_EXCEPTION", `for file_system::File::${t}/secret/key `],
    ["/proc/self/root prefix", `cat("/proc/self/root${t}/secret/key")`, "ACCESS_DENIED_EXCEPTION", "unauthorized to perform file_system::Action::\"open\" for file_system::Dir::/proc/self/root"],
    ["/proc/self/root through the allowed directory's link", `cat("/proc/self/root${t}/allowed/link/key")`, "ACCESS_DENIED_EXCEPTION", "unauthorized to perform"],
    ["symlink to the file, not followed", read("keylink"), "SCRIPT_EXCEPTION", "file is a symbolic link but follow_symlinks is not enabled"],
    ["symlinked directory, not followed", `${open().replace("/allowed", "/allowed/link")}.open_file("key", OpenFileOptions().read(true).build()).read()`, "SCRIPT_EXCEPTION", "Not a directory, enable follow_symlinks to open the target directory"],
    [".. in a cat path", `cat("${t}/allowed/../secret/key")`, "SCRIPT_EXCEPTION", "^IoErrorKind: Other: Path traversal detected "],
    [".. in a file name", read("../secret/key"), "SCRIPT_EXCEPTION", "^IoErrorKind: (Other: Path traversal detected|InvalidPath: Invalid path)"],
    ["a path in a file name", read("link/key"), "SCRIPT_EXCEPTION", "InvalidPath: Invalid path: file path must contain only a filename"],
  ])("%s", (_what, src, type, pattern) => {
    const r = attempt(src);
    expect(r.json.status).toBe("ERROR");
    expect(r.json.output).toBe("");
    expect(r.json.error.error_type).toBe(type);
    expect(r.json.error.message).toMatch(new RegExp(pattern));
    expect(r.code).toBe(type === "ACCESS_DENIED_EXCEPTION" ? 4 : 3);
  });

  test("a caught denial does not leak either", () => {
    const r = attempt(`let out = []; for p in ["${t}/allowed/link/key", "/proc/self/root${t}/secret/key"] { try { out.push(cat(p)); } catch (e) { out.push(e.kind.to_string()); } } out`);
    expect(r.code).toBe(0);
    expect(r.json.output).toBe('["PermissionDenied", "PermissionDenied"]');
  });
});
