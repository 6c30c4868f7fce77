// Fixtures for install.sh tests: a dist-like release directory of fake rex
// executables (tiny shell scripts), served over HTTP on 127.0.0.1 with the
// GitHub-releases layout install.sh expects, and a runner for install.sh under dash.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dir, "..", "..");
export const INSTALL_SH = join(ROOT, "install.sh");
export const TARGETS = ["linux-x64", "linux-arm64", "linux-x64-musl", "darwin-x64", "darwin-arm64"];

export function which(cmd: string): string | undefined {
  return Bun.which(cmd) ?? undefined;
}

export function sha256(bytes: Uint8Array | string): string {
  return new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `rex-${label}-`));
}

/** What the fake rex for `target` of release `version` prints for --version. */
export function fakeVersionLine(version: string, target: string): string {
  return `rex ${version} (commit fake, target ${target})`;
}

export function fakeBinary(version: string, target: string): string {
  return `#!/bin/sh\necho "${fakeVersionLine(version, target)}"\n`;
}

/**
 * Writes a release directory like dist/: rex-<target>, rex-<target>.gz for
 * every target and SHA256SUMS over all of them. Returns the file contents.
 */
export function writeRelease(dir: string, version: string): Map<string, Uint8Array> {
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, Uint8Array>();
  for (const t of TARGETS) {
    const raw = new TextEncoder().encode(fakeBinary(version, t));
    files.set(`rex-${t}`, raw);
    files.set(`rex-${t}.gz`, Bun.gzipSync(raw));
  }
  let sums = "";
  for (const name of [...files.keys()].sort()) sums += `${sha256(files.get(name)!)}  ${name}\n`;
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes, { mode: 0o755 });
  writeFileSync(join(dir, "SHA256SUMS"), sums);
  return files;
}

export interface Served {
  url: string;
  requests: string[];
  stop(): void;
}

/**
 * Serves `releases` (version → directory; "latest" for the latest release) as
 * <url>/latest/download/<file> and <url>/download/v<version>/<file>.
 */
export function serveReleases(releases: Record<string, string>): Served {
  const requests: string[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      requests.push(path);
      const m = /^\/(?:latest\/download|download\/v([^/]+))\/([A-Za-z0-9._-]+)$/.exec(path);
      if (m === null) return new Response("not found", { status: 404 });
      const key = path.startsWith("/latest/") ? "latest" : m[1]!;
      const dir = Object.hasOwn(releases, key) ? releases[key] : undefined;
      if (dir === undefined) return new Response("not found", { status: 404 });
      const file = Bun.file(join(dir, m[2]!));
      if (!(await file.exists())) return new Response("not found", { status: 404 });
      return new Response(file);
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, requests, stop: () => server.stop(true) };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Base environment: nothing inherited (no proxies), a platform fixed to linux-x64 glibc. */
export function baseEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    TMPDIR: home,
    REX_INSTALL_OS: "Linux",
    REX_INSTALL_ARCH: "x86_64",
    REX_INSTALL_LIBC: "glibc",
    no_proxy: "127.0.0.1,localhost",
    NO_PROXY: "127.0.0.1,localhost",
  };
}

/** Runs install.sh under dash (asynchronously, so an in-process server can answer). */
export async function runInstall(args: string[], env: Record<string, string>, cwd?: string): Promise<RunResult> {
  const proc = Bun.spawn([which("dash") ?? "/bin/dash", INSTALL_SH, ...args], {
    env,
    cwd: cwd ?? env.HOME,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { code, stdout, stderr };
}

/** A directory of links to the tools install.sh needs, without curl and wget. */
export function pathWithoutDownloaders(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const tools = ["sh", "uname", "mktemp", "rm", "mkdir", "cp", "mv", "chmod", "gzip", "sha256sum", "cut", "awk", "head", "od", "tr", "basename", "dirname", "sed", "cat"];
  for (const t of tools) {
    const p = which(t);
    if (p !== undefined) symlinkSync(p, join(dir, t));
  }
  return dir;
}

/** Files left in a directory (recursively), as relative paths; [] when it does not exist. */
export function listTree(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String).sort();
  } catch {
    return [];
  }
}

export function removeAll(...dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
