// The compiled executables in dist/ (built by `bun run build`, which .ci/run does
// before the tests): the release set and its checksums, the format of each file,
// and the linux binaries running with nothing beside them — linux-x64 natively,
// linux-arm64 under qemu-user when available.

import { describe, expect, test } from "bun:test";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync, writeFileSync } from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..", "..");
// REX_DIST points the tests at another build (default: dist/).
const DIST = resolve(process.env.REX_DIST ?? join(ROOT, "dist"));
const TARGETS = ["linux-x64", "linux-arm64", "linux-x64-musl", "darwin-x64", "darwin-arm64"];
const RELEASE_FILES = [...TARGETS.flatMap((t) => [`rex-${t}`, `rex-${t}.gz`])].sort();
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const QUICKSTART = join(ROOT, "examples", "quickstart");
const HAVE_QUICKSTART = ["script.rhai", "policy.cedar", "args.json"].every((f) => existsSync(join(QUICKSTART, f)));

const BUILT = existsSync(join(DIST, "SHA256SUMS")) && existsSync(join(DIST, "rex-linux-x64")) && !existsSync(join(DIST, "BUILD-FAILED"));
const ON_LINUX_X64 = platform() === "linux" && arch() === "x64";
const QEMU = Bun.which("qemu-aarch64-static") ?? Bun.which("qemu-aarch64");
const ARM64_SYSROOT = "/usr/aarch64-linux-gnu";
const CAN_RUN_ARM64 =
  platform() === "linux" && (arch() === "arm64" || (QEMU !== null && existsSync(join(ARM64_SYSROOT, "lib", "ld-linux-aarch64.so.1"))));

// A failed `bun run build` leaves dist/BUILD-FAILED: report it rather than skip.
const FAILED = existsSync(join(DIST, "BUILD-FAILED"));
test.if(FAILED || existsSync(join(DIST, "SHA256SUMS")))("the last `bun run build` succeeded", () => {
  const why = FAILED ? readFileSync(join(DIST, "BUILD-FAILED"), "utf8").trim() : "";
  expect(why === "" ? "no dist/BUILD-FAILED" : `build failed: ${why}`).toBe("no dist/BUILD-FAILED");
});

if (!BUILT && !FAILED) {
  console.warn("test/build: SKIPPED — dist/ has not been built; run `bun run build` (.ci/run does) to test the executables");
} else if (!ON_LINUX_X64) {
  console.warn(`test/build: running dist/rex-linux-x64 SKIPPED — this host is ${platform()}-${arch()}`);
}
if (BUILT && !CAN_RUN_ARM64) {
  console.warn("test/build: linux-arm64 under qemu SKIPPED — install qemu-user-static and libc6-arm64-cross (scripts/ci/deps.sh)");
}

// Generous: the files are ~100 MiB, and qemu-user emulates a whole JavaScript engine.
const SLOW = 120_000;
const built = BUILT ? test : test.skip;
const runX64 = BUILT && ON_LINUX_X64 ? test : test.skip;
const runArm64 = BUILT && CAN_RUN_ARM64 ? test : test.skip;
const VERSION_LINE = (target: string) =>
  new RegExp(`^rex ${VERSION.replace(/\./g, "\\.")} \\(commit ([0-9a-f]{7,40}(-dirty)?|unknown), target ${target}\\)\\n$`);

function sha256File(path: string): string {
  return new Bun.CryptoHasher("sha256").update(readFileSync(path)).digest("hex");
}

function head(path: string, n: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buf = new Uint8Array(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

function run(cmd: string[], cwd: string, env: Record<string, string> = {}) {
  const p = Bun.spawnSync(cmd, {
    cwd,
    env: { PATH: "/usr/bin:/bin", HOME: cwd, ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: p.exitCode, stdout: p.stdout.toString(), stderr: p.stderr.toString() };
}

/** A fresh directory holding only a copy of `binary` (as `rex`), and an empty working directory. */
function isolated(binary: string): { dir: string; rex: string; cwd: string } {
  const dir = mkdtempSync(join(tmpdir(), "rex-bin-"));
  mkdirSync(join(dir, "bin"));
  mkdirSync(join(dir, "cwd"));
  const rex = join(dir, "bin", "rex");
  copyFileSync(binary, rex);
  chmodSync(rex, 0o755);
  return { dir, rex, cwd: join(dir, "cwd") };
}

function quickstartArgs(): string[] {
  return ["run", join(QUICKSTART, "script.rhai"), "--policy", join(QUICKSTART, "policy.cedar"), "--args", join(QUICKSTART, "args.json"), "--output-format", "human"];
}

describe("dist/ release set", () => {
  built("has the ten release files and SHA256SUMS covering exactly them", () => {
    const lines = readFileSync(join(DIST, "SHA256SUMS"), "utf8").trimEnd().split("\n");
    const listed = lines.map((l) => {
      const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(l);
      expect(m).not.toBeNull();
      return [m![2]!, m![1]!] as const;
    });
    expect(listed.map(([name]) => name)).toEqual(RELEASE_FILES);
    for (const [name, sum] of listed) expect(`${name} ${sha256File(join(DIST, name))}`).toBe(`${name} ${sum}`);
  }, SLOW);

  built("rex-linux-x64.gz is the gzip of rex-linux-x64", () => {
    const gz = readFileSync(join(DIST, "rex-linux-x64.gz"));
    const raw = readFileSync(join(DIST, "rex-linux-x64"));
    const un = Bun.gunzipSync(gz);
    expect(un.length).toBe(raw.length);
    expect(Buffer.from(un).equals(raw)).toBe(true);
  }, SLOW);

  // ELF e_machine: 62 = x86-64, 183 = AArch64; Mach-O 64: magic cffaedfe, cputype x86_64 / arm64.
  const formats: Array<[string, number[], number, number]> = [
    ["linux-x64", [0x7f, 0x45, 0x4c, 0x46], 18, 62],
    ["linux-x64-musl", [0x7f, 0x45, 0x4c, 0x46], 18, 62],
    ["linux-arm64", [0x7f, 0x45, 0x4c, 0x46], 18, 183],
    ["darwin-x64", [0xcf, 0xfa, 0xed, 0xfe], 4, 0x07],
    ["darwin-arm64", [0xcf, 0xfa, 0xed, 0xfe], 4, 0x0c],
  ];
  for (const [target, magic, at, machine] of formats) {
    built(`rex-${target} is an executable for ${target}`, () => {
      const path = join(DIST, `rex-${target}`);
      const h = head(path, 4096);
      expect([...h.subarray(0, 4)]).toEqual(magic);
      expect(h[at]).toBe(machine);
      const text = new TextDecoder("latin1").decode(h);
      if (target === "linux-x64-musl") expect(text).toContain("/lib/ld-musl-x86_64.so.1");
      if (target === "linux-x64") expect(text).toContain("/lib64/ld-linux-x86-64.so.2");
      if (target === "linux-arm64") expect(text).toContain("/lib/ld-linux-aarch64.so.1");
    }, SLOW);
  }
});

describe("dist/rex-linux-x64 runs on its own", () => {
  runX64("--version prints the version, the commit and the target, from another directory with nothing beside it", () => {
    const { dir, rex, cwd } = isolated(join(DIST, "rex-linux-x64"));
    try {
      const r = run([rex, "--version"], cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(VERSION_LINE("linux-x64"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, SLOW);

  runX64("embeds the schema: `rex policy schema` prints policies/schema.cedarschema with nothing beside it", () => {
    const { dir, rex, cwd } = isolated(join(DIST, "rex-linux-x64"));
    try {
      const r = run([rex, "policy", "schema"], cwd);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(ROOT, "policies", "schema.cedarschema"), "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, SLOW);

  runX64("ignores bunfig.toml and .env in its working directory", () => {
    const { dir, rex, cwd } = isolated(join(DIST, "rex-linux-x64"));
    try {
      writeFileSync(join(cwd, "evil.ts"), 'console.log("PRELOADED");\n');
      writeFileSync(join(cwd, "bunfig.toml"), 'preload = ["./evil.ts"]\n');
      writeFileSync(join(cwd, ".env"), "NODE_OPTIONS=--bogus\n");
      const r = run([rex, "--version"], cwd);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(VERSION_LINE("linux-x64"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, SLOW);

  const withQuickstart = BUILT && ON_LINUX_X64 && HAVE_QUICKSTART ? test : test.skip;
  withQuickstart("runs the quick-start (write + read a file under the example policy)", () => {
    const { dir, rex, cwd } = isolated(join(DIST, "rex-linux-x64"));
    try {
      const r = run([rex, ...quickstartArgs()], cwd);
      // the script returns "Hello from REX!\n"; human output adds a newline
      expect(r.stdout).toBe("Hello from REX!\n\n");
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, SLOW);

  runX64("installs with install.sh --offline from dist/ and the installed rex runs", () => {
    const home = mkdtempSync(join(tmpdir(), "rex-inst-"));
    try {
      const dash = Bun.which("dash") ?? "/bin/sh";
      const prefix = join(home, "p");
      const r = run([dash, join(ROOT, "install.sh"), "--prefix", prefix, "--offline", join(DIST, "rex-linux-x64.gz")], home, {
        TMPDIR: home,
      });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toStartWith(`verified rex-linux-x64.gz against ${DIST}/SHA256SUMS\n`);
      const v = run([join(prefix, "bin", "rex"), "--version"], home);
      expect(v.code).toBe(0);
      expect(v.stdout).toMatch(VERSION_LINE("linux-x64"));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, SLOW);
});

describe("the runner's end-to-end tests (test/cli) against the installed binary", () => {
  const withCliTests = BUILT && ON_LINUX_X64 && existsSync(join(ROOT, "test", "cli", "helpers.ts")) ? test : test.skip;
  withCliTests("pass with REX_CLI pointing at rex installed from dist/ by install.sh", () => {
    const home = mkdtempSync(join(tmpdir(), "rex-e2e-"));
    try {
      const prefix = join(home, "p");
      const inst = run([Bun.which("dash") ?? "/bin/sh", join(ROOT, "install.sh"), "--prefix", prefix, "--offline", join(DIST, "rex-linux-x64.gz")], home, {
        TMPDIR: home,
      });
      expect(inst.code).toBe(0);
      const p = Bun.spawnSync([process.execPath, "test", "test/cli"], {
        cwd: ROOT,
        env: { ...process.env, REX_CLI: join(prefix, "bin", "rex") },
        stdin: "ignore",
        stdout: "pipe",
        stderr: "pipe",
      });
      const out = p.stdout.toString() + p.stderr.toString();
      const failed = out.split("\n").filter((l) => l.startsWith("(fail)"));
      const passed = Number(/^ *(\d+) pass$/m.exec(out)?.[1] ?? 0);
      expect(failed).toEqual([]);
      expect(passed).toBeGreaterThan(0);
      expect(p.exitCode).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 600_000);
});

describe("dist/rex-linux-arm64 under qemu-user", () => {
  const arm64 = (args: string[]) => (arch() === "arm64" ? args : [QEMU!, "-L", ARM64_SYSROOT, ...args]);

  runArm64("--version prints the linux-arm64 target", () => {
    const { dir, rex, cwd } = isolated(join(DIST, "rex-linux-arm64"));
    try {
      const r = run(arm64([rex, "--version"]), cwd);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(VERSION_LINE("linux-arm64"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, SLOW);

  const withQuickstart = BUILT && CAN_RUN_ARM64 && HAVE_QUICKSTART ? test : test.skip;
  withQuickstart("runs the quick-start", () => {
    const { dir, rex, cwd } = isolated(join(DIST, "rex-linux-arm64"));
    try {
      const r = run(arm64([rex, ...quickstartArgs()]), cwd);
      // the script returns "Hello from REX!\n"; human output adds a newline
      expect(r.stdout).toBe("Hello from REX!\n\n");
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, SLOW);
});
