// Build identity: version, commit and target of this rex.
//
// scripts/build.ts bakes the three values into compiled binaries through the
// bundler's `define` (the identifiers below are replaced by string literals).
// Run from a checkout (`bun src/main.ts`), nothing is defined: the version is
// read from package.json, the commit from git when available, and the target
// is "dev". Everything is computed lazily, so only `rex --version` pays.

import { readFileSync } from "node:fs";

declare const __REX_BUILD_VERSION__: string;
declare const __REX_BUILD_COMMIT__: string;
declare const __REX_BUILD_TARGET__: string;

export interface BuildInfo {
  /** semver of the release, e.g. "0.1.0" */
  readonly version: string;
  /** abbreviated git commit (12 hex digits, "-dirty" when built from a modified tree), or "unknown" */
  readonly commit: string;
  /** "linux-x64", "linux-arm64", "linux-x64-musl", "darwin-x64", "darwin-arm64", or "dev" */
  readonly target: string;
}

let cached: BuildInfo | undefined;

export function buildInfo(): BuildInfo {
  if (cached !== undefined) return cached;
  if (typeof __REX_BUILD_VERSION__ === "string") {
    cached = Object.freeze({
      version: __REX_BUILD_VERSION__,
      commit: __REX_BUILD_COMMIT__,
      target: __REX_BUILD_TARGET__,
    });
  } else {
    cached = Object.freeze({ version: checkoutVersion(), commit: checkoutCommit(), target: "dev" });
  }
  return cached;
}

/** The line `rex --version` prints: `rex <version> (commit <commit>, target <target>)`. */
export function versionLine(): string {
  const info = buildInfo();
  return `rex ${info.version} (commit ${info.commit}, target ${info.target})`;
}

function checkoutVersion(): string {
  try {
    const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && "version" in parsed) {
      const v = (parsed as { version: unknown }).version;
      if (typeof v === "string" && v !== "") return v;
    }
  } catch {
    // fall through: no readable package.json next to src/
  }
  return "0.0.0";
}

function checkoutCommit(): string {
  try {
    const dir = new URL("..", import.meta.url).pathname;
    const r = Bun.spawnSync(["git", "rev-parse", "--short=12", "HEAD"], {
      cwd: dir,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "ignore",
    });
    const out = r.stdout.toString().trim();
    if (r.exitCode === 0 && /^[0-9a-f]{7,40}$/.test(out)) return out;
  } catch {
    // git missing or not a checkout
  }
  return "unknown";
}
