// src/build-info.ts from a checkout (nothing baked in): package.json version, git commit, "dev".

import { expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildInfo, versionLine } from "../../src/build-info.ts";

const ROOT = resolve(import.meta.dir, "..", "..");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

function gitHead(): string {
  const r = Bun.spawnSync(["git", "rev-parse", "--short=12", "HEAD"], { cwd: ROOT, stdout: "pipe", stderr: "ignore" });
  return r.exitCode === 0 ? r.stdout.toString().trim() : "unknown";
}

test("from a checkout: package.json version, the git commit, target dev", () => {
  expect(buildInfo()).toEqual({ version: VERSION, commit: gitHead(), target: "dev" });
});

test("versionLine is `rex <version> (commit <commit>, target <target>)`", () => {
  // (buildInfo is computed once; others may commit meanwhile, so compare with its own commit)
  expect(buildInfo().commit).toMatch(/^[0-9a-f]{12}$/);
  expect(versionLine()).toBe(`rex ${VERSION} (commit ${buildInfo().commit}, target dev)`);
});

test("the build info is computed once and frozen", () => {
  const a = buildInfo();
  expect(buildInfo()).toBe(a);
  expect(Object.isFrozen(a)).toBe(true);
});

test("a checkout outside git reports commit unknown", () => {
  // A copy of src/build-info.ts beside a package.json, in a directory without git.
  const dir = mkdtempSync(join(tmpdir(), "rex-bi-"));
  mkdirSync(join(dir, "src"));
  copyFileSync(join(ROOT, "src", "build-info.ts"), join(dir, "src", "build-info.ts"));
  writeFileSync(join(dir, "package.json"), '{"version":"7.8.9"}');
  const r = Bun.spawnSync(
    [process.execPath, "-e", `import(${JSON.stringify(join(dir, "src", "build-info.ts"))}).then((m) => console.log(m.versionLine()))`],
    { cwd: dir, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", GIT_CEILING_DIRECTORIES: dir }, stdout: "pipe", stderr: "pipe" },
  );
  rmSync(dir, { recursive: true, force: true });
  expect(r.stderr.toString()).toBe("");
  expect(r.stdout.toString()).toBe("rex 7.8.9 (commit unknown, target dev)\n");
});
