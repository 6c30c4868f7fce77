// install.sh under dash against a release served on 127.0.0.1 (curl and wget),
// tampered and missing files, the offline path, platform detection overrides.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Served,
  baseEnv,
  fakeVersionLine,
  listTree,
  pathWithoutDownloaders,
  removeAll,
  runInstall,
  serveReleases,
  sha256,
  tempDir,
  which,
  writeRelease,
} from "./fixture.ts";

const HAVE_DASH = which("dash") !== undefined;
const work = tempDir("install-test");
const latest = join(work, "rel-latest");
const v010 = join(work, "rel-0.1.0");
const tampered = join(work, "rel-tampered");
const noRun = join(work, "rel-norun");
let server: Served;

beforeAll(() => {
  writeRelease(latest, "0.2.0");
  writeRelease(v010, "0.1.0");
  // A release whose .gz was replaced after SHA256SUMS was written.
  writeRelease(tampered, "0.3.0");
  writeFileSync(join(tampered, "rex-linux-x64.gz"), Bun.gzipSync(new TextEncoder().encode("#!/bin/sh\necho evil\n")));
  // A release whose executable does not run here (consistent checksums).
  mkdirSync(noRun, { recursive: true });
  const bad = Bun.gzipSync(new TextEncoder().encode("#!/bin/sh\nexit 3\n"));
  writeFileSync(join(noRun, "rex-linux-x64.gz"), bad);
  writeFileSync(join(noRun, "SHA256SUMS"), `${sha256(bad)}  rex-linux-x64.gz\n`);
  server = serveReleases({ latest, "0.1.0": v010, "0.3.0": tampered, "0.4.0": noRun });
});

afterAll(() => {
  server?.stop();
  removeAll(work);
});

/** A fresh HOME for one run, with the server as the release location. */
function setup(extra: Record<string, string> = {}) {
  const home = tempDir("home");
  const env: Record<string, string> = { ...baseEnv(home), REX_INSTALL_BASE_URL: server.url, ...extra };
  const prefix = join(home, "opt");
  return { home, env, prefix, rex: join(prefix, "bin", "rex") };
}

const dtest = HAVE_DASH ? test : test.skip;
if (!HAVE_DASH) console.warn("install tests skipped: dash is not installed (scripts/ci/deps.sh installs it)");

describe("install.sh downloads, verifies and installs", () => {
  for (const downloader of ["curl", "wget"]) {
    const t = which(downloader) !== undefined && HAVE_DASH ? test : test.skip;
    t(`latest release with ${downloader}`, async () => {
      const { env, prefix, rex, home } = setup({ REX_INSTALL_DOWNLOADER: downloader });
      const before = server.requests.length;
      const r = await runInstall(["--prefix", prefix], env);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(readFileSync(rex, "utf8")).toBe(readFileSync(join(latest, "rex-linux-x64"), "utf8"));
      expect(r.stdout).toContain(`installed ${rex}: ${fakeVersionLine("0.2.0", "linux-x64")}\n`);
      expect(r.stdout).toContain(`  export PATH="${prefix}/bin:$PATH"\n`);
      expect(server.requests.slice(before).sort()).toEqual(["/latest/download/SHA256SUMS", "/latest/download/rex-linux-x64.gz"]);
      expect(listTree(join(prefix, "bin"))).toEqual(["rex"]);
      expect(listTree(home).filter((f) => f.startsWith("rex-install."))).toEqual([]);
      removeAll(home);
    });

    t(`a failed download with ${downloader} is an error and installs nothing`, async () => {
      const { env, prefix, home } = setup({ REX_INSTALL_DOWNLOADER: downloader });
      const r = await runInstall(["--prefix", prefix, "--version", "9.9.9"], env);
      expect(r.code).toBe(1);
      // curl adds its own reason on the line before; wget -q says nothing.
      const reason = downloader === "curl" ? "curl: (22) The requested URL returned error: 404\n" : "";
      expect(r.stderr).toBe(`${reason}rex-install: error: download failed: ${server.url}/download/v9.9.9/SHA256SUMS\n`);
      expect(existsSync(prefix)).toBe(false);
      expect(listTree(home)).toEqual([]);
      removeAll(home);
    });
  }

  dtest("--version picks the release and accepts a leading v", async () => {
    for (const v of ["0.1.0", "v0.1.0", "--version=0.1.0"]) {
      const { env, prefix, rex, home } = setup();
      const before = server.requests.length;
      const args = v.startsWith("--") ? [v] : ["--version", v];
      const r = await runInstall(["--prefix", prefix, ...args], env);
      expect(r.code).toBe(0);
      expect(readFileSync(rex, "utf8")).toContain(fakeVersionLine("0.1.0", "linux-x64"));
      expect(server.requests.slice(before).sort()).toEqual(["/download/v0.1.0/SHA256SUMS", "/download/v0.1.0/rex-linux-x64.gz"]);
      removeAll(home);
    }
  });

  dtest("the default prefix is $HOME/.rex, and a relative --prefix is taken from the working directory", async () => {
    const { env, home } = setup();
    const r = await runInstall([], env);
    expect(r.code).toBe(0);
    expect(existsSync(join(home, ".rex", "bin", "rex"))).toBe(true);
    const r2 = await runInstall(["--prefix=rel"], env, home);
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain(`installed ${home}/rel/bin/rex: `);
    removeAll(home);
  });

  dtest("re-running is safe and replaces the executable; PATH advice depends on PATH", async () => {
    const { env, prefix, rex, home } = setup();
    expect((await runInstall(["--prefix", prefix, "--version", "0.1.0"], env)).code).toBe(0);
    const again = await runInstall(["--prefix", prefix], { ...env, PATH: `${prefix}/bin:${env.PATH}` });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("rex is on your PATH; run: rex --help\n");
    expect(again.stdout).not.toContain("export PATH");
    expect(readFileSync(rex, "utf8")).toContain(fakeVersionLine("0.2.0", "linux-x64"));
    expect(listTree(join(prefix, "bin"))).toEqual(["rex"]);
    removeAll(home);
  });

  dtest("the asset follows the detected platform", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ REX_INSTALL_OS: "Linux", REX_INSTALL_ARCH: "aarch64" }, "linux-arm64"],
      [{ REX_INSTALL_OS: "Linux", REX_INSTALL_ARCH: "amd64", REX_INSTALL_LIBC: "musl" }, "linux-x64-musl"],
      [{ REX_INSTALL_OS: "Darwin", REX_INSTALL_ARCH: "arm64" }, "darwin-arm64"],
      [{ REX_INSTALL_OS: "Darwin", REX_INSTALL_ARCH: "x86_64" }, "darwin-x64"],
    ];
    for (const [over, target] of cases) {
      const { env, prefix, rex, home } = setup(over);
      const r = await runInstall(["--prefix", prefix], env);
      expect(r.code).toBe(0);
      expect(readFileSync(rex, "utf8")).toContain(fakeVersionLine("0.2.0", target));
      expect(server.requests).toContain(`/latest/download/rex-${target}.gz`);
      removeAll(home);
    }
  });
});

describe("install.sh detects the platform with uname", () => {
  // A fake `uname` first on PATH stands in for the host; no REX_INSTALL_* overrides.
  const cases: Array<[string, string, string]> = [
    ["Linux", "x86_64", "linux-x64"],
    ["Linux", "aarch64", "linux-arm64"],
    ["Darwin", "x86_64", "darwin-x64"],
    ["Darwin", "arm64", "darwin-arm64"],
  ];
  for (const [s, m, target] of cases) {
    dtest(`uname ${s} ${m} → rex-${target}.gz`, async () => {
      const { env, prefix, rex, home } = setup();
      delete env.REX_INSTALL_OS;
      delete env.REX_INSTALL_ARCH;
      delete env.REX_INSTALL_LIBC;
      const bin = join(home, "fakebin");
      mkdirSync(bin);
      writeFileSync(join(bin, "uname"), `#!/bin/sh\ncase "$1" in -s) echo ${s} ;; -m) echo ${m} ;; *) exit 1 ;; esac\n`, { mode: 0o755 });
      // sysctl answers "not translated" so an x86-64 Darwin stays x64
      writeFileSync(join(bin, "sysctl"), "#!/bin/sh\necho 0\n", { mode: 0o755 });
      // ldd reports glibc (the test host may use either)
      writeFileSync(join(bin, "ldd"), "#!/bin/sh\necho 'ldd (GNU libc) 2.36'\n", { mode: 0o755 });
      const r = await runInstall(["--prefix", prefix], { ...env, PATH: `${bin}:${env.PATH}` });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(readFileSync(rex, "utf8")).toContain(fakeVersionLine("0.2.0", target));
      removeAll(home);
    });
  }

  dtest("an x86-64 shell under Rosetta on Apple silicon gets darwin-arm64; ldd saying musl gets linux-x64-musl", async () => {
    const cases: Array<[string, string, string, string]> = [
      ["Darwin", "x86_64", "echo 1", "darwin-arm64"],
      ["Linux", "x86_64", "echo 'musl libc (x86_64)'; exit 1", "linux-x64-musl"],
    ];
    for (const [s, m, extra, target] of cases) {
      const { env, prefix, rex, home } = setup();
      delete env.REX_INSTALL_OS;
      delete env.REX_INSTALL_ARCH;
      delete env.REX_INSTALL_LIBC;
      const bin = join(home, "fakebin");
      mkdirSync(bin);
      writeFileSync(join(bin, "uname"), `#!/bin/sh\ncase "$1" in -s) echo ${s} ;; -m) echo ${m} ;; esac\n`, { mode: 0o755 });
      writeFileSync(join(bin, s === "Darwin" ? "sysctl" : "ldd"), `#!/bin/sh\n${extra}\n`, { mode: 0o755 });
      const r = await runInstall(["--prefix", prefix], { ...env, PATH: `${bin}:${env.PATH}` });
      expect(r.code).toBe(0);
      expect(readFileSync(rex, "utf8")).toContain(fakeVersionLine("0.2.0", target));
      removeAll(home);
    }
  });
});

describe("install.sh refuses, with nothing installed", () => {
  dtest("a tampered download (checksum mismatch) leaves an existing install untouched", async () => {
    const { env, prefix, rex, home } = setup();
    mkdirSync(join(prefix, "bin"), { recursive: true });
    writeFileSync(rex, "previous rex\n");
    const gz = readFileSync(join(tampered, "rex-linux-x64.gz"));
    const want = readFileSync(join(tampered, "SHA256SUMS"), "utf8").split("\n").find((l) => l.endsWith("  rex-linux-x64.gz"))!.split(" ")[0];
    const r = await runInstall(["--prefix", prefix, "--version", "0.3.0"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `rex-install: error: checksum mismatch for rex-linux-x64.gz: expected ${want}, got ${sha256(gz)}; nothing was installed\n`,
    );
    expect(readFileSync(rex, "utf8")).toBe("previous rex\n");
    expect(listTree(join(prefix, "bin"))).toEqual(["rex"]);
    expect(listTree(home).filter((f) => f.startsWith("rex-install."))).toEqual([]);
    removeAll(home);
  });

  dtest("a tampered download into a fresh prefix creates nothing", async () => {
    const { env, prefix, home } = setup();
    const r = await runInstall(["--prefix", prefix, "--version", "0.3.0"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toStartWith("rex-install: error: checksum mismatch for rex-linux-x64.gz: expected ");
    expect(existsSync(prefix)).toBe(false);
    removeAll(home);
  });

  dtest("an executable that does not run on this host is not installed", async () => {
    const { env, prefix, home } = setup();
    const r = await runInstall(["--prefix", prefix, "--version", "0.4.0"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("rex-install: error: the rex-linux-x64 executable does not run on this host; nothing was installed\n");
    expect(existsSync(prefix)).toBe(false);
    removeAll(home);
  });

  dtest("no downloader", async () => {
    const { env, prefix, home } = setup();
    const bin = pathWithoutDownloaders(join(home, "tools"));
    const r = await runInstall(["--prefix", prefix], { ...env, PATH: bin });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "rex-install: error: neither curl nor wget found; install one of them, or download rex by hand and use --offline FILE\n",
    );
    expect(existsSync(prefix)).toBe(false);
    removeAll(home);
  });

  const unsupported: Array<[string, Record<string, string>, string]> = [
    ["OS", { REX_INSTALL_OS: "FreeBSD" }, "unsupported operating system: FreeBSD (rex is built for Linux and macOS)"],
    ["OS (Windows shell)", { REX_INSTALL_OS: "MINGW64_NT-10.0" }, "unsupported operating system: MINGW64_NT-10.0 (rex is built for Linux and macOS)"],
    ["architecture", { REX_INSTALL_ARCH: "riscv64" }, "unsupported architecture: riscv64 (rex is built for x86_64 and arm64)"],
    ["32-bit architecture", { REX_INSTALL_ARCH: "i686" }, "unsupported architecture: i686 (rex is built for x86_64 and arm64)"],
    [
      "musl on arm64",
      { REX_INSTALL_ARCH: "aarch64", REX_INSTALL_LIBC: "musl" },
      "unsupported platform: linux-arm64 with musl libc (rex has a musl build for linux-x64 only)",
    ],
  ];
  for (const [what, over, message] of unsupported) {
    dtest(`unsupported ${what}`, async () => {
      const { env, prefix, home } = setup(over);
      const before = server.requests.length;
      const r = await runInstall(["--prefix", prefix], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`rex-install: error: ${message}\n`);
      expect(server.requests.length).toBe(before);
      expect(existsSync(prefix)).toBe(false);
      removeAll(home);
    });
  }

  const usage: Array<[string[], string]> = [
    [["--bogus"], "unknown argument: --bogus"],
    [["--prefix"], "--prefix needs a directory"],
    [["--version", "latest"], "not a version: latest (expected e.g. 0.1.0)"],
    [["--version", "1.0;rm"], "not a version: 1.0;rm (expected e.g. 0.1.0)"],
    [["--offline", "x.gz", "--version", "0.1.0"], "--offline and --version cannot be used together"],
  ];
  for (const [args, message] of usage) {
    dtest(`usage error: ${args.join(" ")}`, async () => {
      const { env, home } = setup();
      const r = await runInstall(args, env);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`rex-install: error: ${message}\nusage: install.sh [--prefix DIR] [--version V] [--offline FILE]\n`);
      removeAll(home);
    });
  }

  dtest("--help", async () => {
    const { env, home } = setup();
    const r = await runInstall(["--help"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toStartWith("usage: install.sh [--prefix DIR] [--version V] [--offline FILE]\n");
    removeAll(home);
  });
});

describe("install.sh --offline (air-gapped)", () => {
  /** Copies files of the latest fixture release into a fresh directory. */
  function media(home: string, files: string[]): string {
    const dir = join(home, "usb");
    mkdirSync(dir, { recursive: true });
    for (const f of files) copyFileSync(join(latest, f), join(dir, f));
    return dir;
  }
  const expected = fakeVersionLine("0.2.0", "linux-x64");

  for (const file of ["rex-linux-x64.gz", "rex-linux-x64"]) {
    dtest(`${file} verified against the SHA256SUMS beside it`, async () => {
      const { env, prefix, rex, home } = setup({ REX_INSTALL_BASE_URL: "http://127.0.0.1:9/unreachable" });
      const dir = media(home, [file, "SHA256SUMS"]);
      const r = await runInstall(["--prefix", prefix, "--offline", join(dir, file)], env);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toStartWith(`verified ${file} against ${dir}/SHA256SUMS\n`);
      expect(r.stdout).toContain(`installed ${rex}: ${expected}\n`);
      expect(readFileSync(rex, "utf8")).toBe(readFileSync(join(latest, "rex-linux-x64"), "utf8"));
      removeAll(home);
    });

    dtest(`${file} without SHA256SUMS installs with a warning`, async () => {
      const { env, prefix, rex, home } = setup();
      const dir = media(home, [file]);
      const r = await runInstall(["--prefix", prefix, `--offline=${join(dir, file)}`], env);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(`rex-install: warning: no SHA256SUMS beside ${join(dir, file)}; installing it unverified\n`);
      expect(readFileSync(rex, "utf8")).toContain(expected);
      removeAll(home);
    });
  }

  dtest("a tampered offline file is rejected, nothing installed", async () => {
    const { env, prefix, home } = setup();
    const dir = media(home, ["SHA256SUMS"]);
    const evil = Bun.gzipSync(new TextEncoder().encode("#!/bin/sh\necho evil\n"));
    writeFileSync(join(dir, "rex-linux-x64.gz"), evil);
    const want = readFileSync(join(dir, "SHA256SUMS"), "utf8").split("\n").find((l) => l.endsWith("  rex-linux-x64.gz"))!.split(" ")[0];
    const r = await runInstall(["--prefix", prefix, "--offline", join(dir, "rex-linux-x64.gz")], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `rex-install: error: checksum mismatch for rex-linux-x64.gz: expected ${want}, got ${sha256(evil)}; nothing was installed\n`,
    );
    expect(existsSync(prefix)).toBe(false);
    removeAll(home);
  });

  dtest("a renamed offline file has no SHA256SUMS entry", async () => {
    const { env, prefix, home } = setup();
    const dir = media(home, ["SHA256SUMS"]);
    copyFileSync(join(latest, "rex-linux-x64.gz"), join(dir, "rex.gz"));
    const r = await runInstall(["--prefix", prefix, "--offline", join(dir, "rex.gz")], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("rex-install: error: SHA256SUMS has no entry for rex.gz\n");
    expect(existsSync(prefix)).toBe(false);
    removeAll(home);
  });

  dtest("a missing offline file", async () => {
    const { env, prefix, home } = setup();
    const r = await runInstall(["--prefix", prefix, "--offline", join(home, "nope.gz")], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`rex-install: error: offline file not found: ${join(home, "nope.gz")}\n`);
    expect(existsSync(prefix)).toBe(false);
    removeAll(home);
  });
});
