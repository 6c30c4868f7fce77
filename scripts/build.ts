// `bun run build`: one self-contained rex executable per OS/arch.
//
//   dist/rex-<target>        the executable (bun build --compile)
//   dist/rex-<target>.gz     its gzip (what install.sh downloads)
//   dist/SHA256SUMS          `sha256sum` format, covering every file above
//
// Bun's runtimes for the targets come from the npm registry, like Bun itself:
// the @oven/bun-<os>-<arch> package of exactly the Bun version in
// node_modules/bun, fetched with `npm pack` into a cache directory and given
// to the compiler as its executable path. Nothing is downloaded any other way.
//
// Options:
//   --target NAME[,NAME]   build only these targets (repeatable; default: all)
//   --entry FILE           entry point (default: src/main.ts)
//   --outdir DIR           output directory (default: dist)
//   --no-bytecode          skip precompiled bytecode (for comparing or debugging)
// Environment:
//   REX_BUILD_VERSION      version to bake in (default: package.json version)
//   REX_BUILD_COMMIT       commit to bake in (default: git, "-dirty" if modified)
//   REX_BUN_RUNTIME_CACHE  cache of Bun runtimes (default: node_modules/.cache/rex-bun-runtimes)

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export interface Target {
  /** rex's name for the target: dist/rex-<name> */
  readonly name: string;
  /** Bun's compile target */
  readonly bun: Bun.Build.CompileTarget;
  /** npm package holding Bun's runtime for the target */
  readonly pkg: string;
}

export const TARGETS: readonly Target[] = [
  { name: "linux-x64", bun: "bun-linux-x64", pkg: "@oven/bun-linux-x64" },
  { name: "linux-arm64", bun: "bun-linux-arm64", pkg: "@oven/bun-linux-aarch64" },
  { name: "linux-x64-musl", bun: "bun-linux-x64-musl", pkg: "@oven/bun-linux-x64-musl" },
  { name: "darwin-x64", bun: "bun-darwin-x64", pkg: "@oven/bun-darwin-x64" },
  { name: "darwin-arm64", bun: "bun-darwin-arm64", pkg: "@oven/bun-darwin-aarch64" },
];

const ROOT = resolve(import.meta.dir, "..");

class BuildError extends Error {}

function fail(message: string): never {
  throw new BuildError(message);
}

interface Options {
  targets: Target[];
  entry: string;
  outdir: string;
  bytecode: boolean;
}

function parseArgs(argv: string[]): Options {
  const names: string[] = [];
  let entry = join(ROOT, "src", "main.ts");
  let outdir = join(ROOT, "dist");
  let bytecode = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) fail(`${flag} needs a value`);
      return next;
    };
    if (flag === "--target") names.push(...value().split(",").filter((s) => s !== ""));
    else if (flag === "--entry") entry = resolve(value());
    else if (flag === "--outdir") outdir = resolve(value());
    else if (arg === "--no-bytecode") bytecode = false;
    else fail(`unknown argument: ${arg} (known: --target, --entry, --outdir, --no-bytecode)`);
  }
  const targets: Target[] = [];
  for (const n of names) {
    const t = TARGETS.find((x) => x.name === n);
    if (t === undefined) fail(`unknown target "${n}" (known: ${TARGETS.map((x) => x.name).join(", ")})`);
    if (!targets.includes(t)) targets.push(t);
  }
  return { targets: targets.length > 0 ? targets : [...TARGETS], entry, outdir, bytecode };
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

/** The Bun version of node_modules/bun; the compiler running this script must be that same Bun. */
function bunVersion(): string {
  const v = readJson(join(ROOT, "node_modules", "bun", "package.json")).version;
  if (typeof v !== "string") fail("node_modules/bun/package.json has no version");
  if (v !== Bun.version) {
    fail(`this script runs under Bun ${Bun.version} but node_modules/bun is ${v}; run it with node_modules/.bin/bun`);
  }
  return v;
}

function run(cmd: string[], cwd: string): string {
  const r = Bun.spawnSync(cmd, { cwd, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) {
    fail(`${cmd.join(" ")} failed (exit ${r.exitCode}):\n${r.stderr.toString().trim()}`);
  }
  return r.stdout.toString();
}

/**
 * Path of Bun's runtime executable for `t`, fetched once with `npm pack` into
 * the cache. npm checks the tarball against the registry's integrity hash.
 */
function runtimeFor(t: Target, version: string, cacheRoot: string): string {
  const dir = join(cacheRoot, `${t.pkg.replace("@", "").replace("/", "-")}-${version}`);
  const exe = join(dir, "package", "bin", "bun");
  if (existsSync(exe) && statSync(exe).size > 1_000_000) return exe;

  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(join(cacheRoot, ".fetch-"));
  try {
    console.log(`  fetching ${t.pkg}@${version} from the npm registry`);
    const out = run(["npm", "pack", `${t.pkg}@${version}`, "--json", "--silent", "--pack-destination", work], work);
    const packed = JSON.parse(out) as Array<{ filename?: string; name?: string; version?: string }>;
    const info = packed[0];
    if (info?.filename === undefined || info.name !== t.pkg || info.version !== version) {
      fail(`npm pack ${t.pkg}@${version} returned an unexpected answer: ${out.slice(0, 300)}`);
    }
    const unpacked = join(work, "unpacked");
    mkdirSync(unpacked);
    run(["tar", "-xzf", join(work, info.filename), "-C", unpacked, "package/bin/bun", "package/package.json"], work);
    const meta = readJson(join(unpacked, "package", "package.json"));
    if (meta.name !== t.pkg || meta.version !== version) fail(`${info.filename} is not ${t.pkg}@${version}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(unpacked, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!existsSync(exe)) fail(`${t.pkg}@${version} has no package/bin/bun`);
  return exe;
}

function gitCommit(): string {
  const fromEnv = process.env.REX_BUILD_COMMIT;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const r = Bun.spawnSync(["git", "rev-parse", "--short=12", "HEAD"], { cwd: ROOT, stdout: "pipe", stderr: "ignore" });
  const commit = r.stdout.toString().trim();
  if (r.exitCode !== 0 || commit === "") return "unknown";
  const s = Bun.spawnSync(["git", "status", "--porcelain", "--untracked-files=no"], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "ignore",
  });
  return s.exitCode === 0 && s.stdout.toString().trim() !== "" ? `${commit}-dirty` : commit;
}

function buildVersion(): string {
  const fromEnv = process.env.REX_BUILD_VERSION;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv.replace(/^v/, "");
  const v = readJson(join(ROOT, "package.json")).version;
  if (typeof v !== "string") fail("package.json has no version");
  return v;
}

async function compile(t: Target, opts: Options, exe: string, outfile: string, version: string, commit: string) {
  const result = await Bun.build({
    entrypoints: [opts.entry],
    target: "bun",
    format: "esm",
    // Minified, pre-compiled bytecode: less to parse at start-up. Names are
    // kept because error messages may show function or class names.
    minify: { whitespace: true, syntax: true, identifiers: true, keepNames: true },
    bytecode: opts.bytecode,
    sourcemap: "none",
    // Nothing can be loaded from disk at run time: an import the bundler cannot
    // resolve is a build error, not a "Cannot find module" in the field.
    allowUnresolved: [],
    define: {
      __REX_BUILD_VERSION__: JSON.stringify(version),
      __REX_BUILD_COMMIT__: JSON.stringify(commit),
      __REX_BUILD_TARGET__: JSON.stringify(t.name),
      "process.env.NODE_ENV": JSON.stringify("production"),
    },
    compile: {
      target: t.bun,
      executablePath: exe,
      outfile,
      // rex must not pick up .env or bunfig.toml from whatever directory it runs in.
      autoloadDotenv: false,
      autoloadBunfig: false,
      autoloadTsconfig: false,
      autoloadPackageJson: false,
    },
    throw: false,
  });
  if (!result.success) {
    const logs = result.logs.map((l) => String(l)).join("\n");
    fail(`compiling ${t.name} failed:\n${logs}`);
  }
  if (!existsSync(outfile)) fail(`compiling ${t.name} produced no ${outfile}`);
}

function sha256(bytes: Uint8Array): string {
  return new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
}

function mib(n: number): string {
  return `${(n / 1048576).toFixed(1)} MiB`;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(opts.entry)) fail(`entry point not found: ${opts.entry}`);
  const version = bunVersion();
  const cacheRoot = resolve(process.env.REX_BUN_RUNTIME_CACHE ?? join(ROOT, "node_modules", ".cache", "rex-bun-runtimes"));
  const rexVersion = buildVersion();
  const commit = gitCommit();
  console.log(`rex ${rexVersion} (commit ${commit}) with Bun ${version}: ${opts.targets.map((t) => t.name).join(", ")}`);

  // Everything is produced in a staging directory first, so a failed build
  // never leaves a mix of old and new files in dist/.
  mkdirSync(opts.outdir, { recursive: true });
  const staging = mkdtempSync(join(opts.outdir, ".staging-"));
  try {
    const produced: string[] = [];
    for (const t of opts.targets) {
      const exe = runtimeFor(t, version, cacheRoot);
      const name = `rex-${t.name}`;
      const outfile = join(staging, name);
      const started = performance.now();
      await compile(t, opts, exe, outfile, rexVersion, commit);
      const bytes = new Uint8Array(await Bun.file(outfile).arrayBuffer());
      const gz = Bun.gzipSync(bytes, { level: 9 });
      await Bun.write(join(staging, `${name}.gz`), gz);
      produced.push(name, `${name}.gz`);
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`  ${name.padEnd(20)} ${mib(bytes.length).padStart(10)}  gz ${mib(gz.length).padStart(10)}  (${secs}s)`);
    }
    produced.sort();
    let sums = "";
    for (const f of produced) {
      sums += `${sha256(new Uint8Array(await Bun.file(join(staging, f)).arrayBuffer()))}  ${f}\n`;
    }
    await Bun.write(join(staging, "SHA256SUMS"), sums);

    // Replace the previous release files in dist/ by this build's.
    for (const old of readdirSync(opts.outdir)) {
      if (old === "SHA256SUMS" || /^rex-[a-z0-9-]+(\.gz)?$/.test(old)) rmSync(join(opts.outdir, old), { force: true });
    }
    for (const f of [...produced, "SHA256SUMS"]) renameSync(join(staging, f), join(opts.outdir, f));
    console.log(`wrote ${produced.length + 1} files to ${opts.outdir}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * dist/BUILD-FAILED records why the last build failed, so that the binary
 * tests report the failure instead of skipping (or testing stale files).
 */
export const FAILURE_MARKER = "BUILD-FAILED";

if (import.meta.main) {
  const outdir = (() => {
    try {
      return parseArgs(process.argv.slice(2)).outdir;
    } catch {
      return join(ROOT, "dist");
    }
  })();
  const marker = join(outdir, FAILURE_MARKER);
  try {
    await main();
    rmSync(marker, { force: true });
  } catch (e) {
    const message = e instanceof BuildError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`build: ${message}`);
    try {
      mkdirSync(outdir, { recursive: true });
      await Bun.write(marker, `${message}\n`);
    } catch {
      // nowhere to record it; the exit status still says it
    }
    process.exit(1);
  }
}
