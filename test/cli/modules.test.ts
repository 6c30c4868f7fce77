// `import` end to end (runner.md §4.3): module files resolved against the importing file's
// directory, read only through Cedar-authorized reads (as `cat` reads them, never redacted),
// loaded once per run, cycles and missing files reported with their positions.
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Ran, rex } from "./helpers.ts";

/** A temp tree: relative path → content (directories are created as needed). */
function tree(spec: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "rex-mod-"));
  for (const [p, text] of Object.entries(spec)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

/** Everything under `dir` (and `dir` itself). */
const allowUnder = (dir: string) =>
  `permit (principal, action, resource in file_system::Dir::"${dir}");\npermit (principal, action, resource == file_system::Dir::"${dir}");\n`;

function runIn(root: string, script: string, policy: string, extra: string[] = []): Ran {
  const p = join(mkdtempSync(join(tmpdir(), "rex-pol-")), "p.cedar");
  writeFileSync(p, policy);
  return rex(["run", join(root, script), "--policy", p, ...extra]);
}

const LIB = {
  "app/s.rhai": 'import "lib/a" as a;\nimport "lib/b.txt" as b;\nimport "./lib/../lib/b" as b2;\n[a::X, a::twice(4), b::Y, b2::Y]',
  "app/lib/a.rhai": 'import "b" as b;\nimport "../shared/c" as c;\nexport const X = b::Y + c::Z;\nfn twice(n) { n * 2 }',
  "app/lib/b.rhai": 'print("b loaded");\nexport const Y = 10;',
  "app/shared/c.rhai": 'print("c loaded");\nexport const Z = 5;',
};

const messages = (r: Ran): string[] => (r.json?.logs ?? []).map((l: { attributes: { message: string } }) => l.attributes.message);

describe("allowed imports", () => {
  test("nested relative imports; extension forced to .rhai; each file loaded once per run", () => {
    const root = tree(LIB);
    const r = runIn(root, "app/s.rhai", allowUnder(join(root, "app")));
    expect(r.json.error).toBeUndefined();
    expect(r.json.output).toBe("[15, 8, 10, 10]");
    expect(messages(r)).toEqual(["b loaded", "c loaded"]);
    expect(r.code).toBe(0);
  });

  test("an absolute module path is used as is", () => {
    const root = tree({ "s.rhai": "", "m/abs.rhai": "export const A = 7;" });
    writeFileSync(join(root, "s.rhai"), `import "${root}/m/abs" as m; m::A`);
    const r = runIn(root, "s.rhai", allowUnder(join(root, "m")));
    expect(r.json.output).toBe("7");
  });

  test("a script from stdin resolves against the current directory", () => {
    const root = tree(LIB);
    const p = join(root, "p.cedar");
    writeFileSync(p, allowUnder(join(root, "app")));
    const r = rex(["run", "-", "--policy", p], { cwd: join(root, "app"), stdin: 'import "lib/a" as a;\na::X' });
    expect(r.json.error).toBeUndefined();
    expect(r.json.output).toBe("15");
  });

  test("modules run under the script's limits", () => {
    const root = tree({ "s.rhai": 'import "spin" as s;', "spin.rhai": "let x = 0;\nloop { x += 1; }" });
    const r = runIn(root, "s.rhai", allowUnder(root), ["--max-operations", "1000"]);
    expect(r.json.error).toEqual({
      error_type: "SCRIPT_EXCEPTION",
      message: "Too many operations [limit: --max-operations=1000] (line 2, position 8)",
    });
  });
});

describe("authorization", () => {
  const DENIAL = (action: string, type: string, path: string) =>
    new RegExp(`^IoErrorKind: PermissionDenied: Permission denied: \\S+ unauthorized to perform file_system::Action::"${action}" for file_system::${type}::${path.replace(/[.]/g, "\\.")} \\(line 1, position 8\\)`);

  test("nothing allowed: the import fails with the denial, ACCESS_DENIED_EXCEPTION", () => {
    const root = tree(LIB);
    const r = runIn(root, "app/s.rhai", "");
    expect(r.code).toBe(4);
    expect(r.json.error.error_type).toBe("ACCESS_DENIED_EXCEPTION");
    expect(r.json.error.message).toMatch(DENIAL("open", "Dir", join(root, "app/lib")));
    expect(r.json.error.message).not.toContain("\n");
  });

  test("read denied on a nested module file (redacted_read allowed does not substitute)", () => {
    const root = tree(LIB);
    const b = join(root, "app/lib/b.rhai");
    const policy = `${allowUnder(join(root, "app"))}forbid (principal, action == file_system::Action::"read", resource == file_system::File::"${b}");\n`;
    const r = runIn(root, "app/s.rhai", policy);
    expect(r.code).toBe(4);
    expect(r.json.error.error_type).toBe("ACCESS_DENIED_EXCEPTION");
    const [first, second] = r.json.error.message.split("\n");
    expect(first).toMatch(DENIAL("read", "File", b));
    expect(second).toBe("in module 'lib/a' (line 1, position 8)");
  });

  test("a caught denial is the SDK error map", () => {
    const root = tree({ "s.rhai": 'let r; try { import "m" as m; } catch (e) { r = e } [type_of(r.kind), r.source]', "m.rhai": "1" });
    const r = runIn(root, "s.rhai", `forbid (principal, action, resource);`);
    expect(r.json.output).toBe('["RhaiSafeIoErrorKind", "IoErrorKind"]');
  });

  test("a symlinked module file is refused as cat refuses it (no follow), whatever the policy", () => {
    const root = tree({ "app/s.rhai": 'import "l" as l; l::S', "secret/x.rhai": 'export const S = "top";' });
    symlinkSync(join(root, "secret/x.rhai"), join(root, "app/l.rhai"));
    const r = runIn(root, "app/s.rhai", "permit (principal, action, resource);");
    expect(r.json.error).toEqual({
      error_type: "SCRIPT_EXCEPTION",
      message: `IoErrorKind: FileError: File error: file is a symbolic link but follow_symlinks is not enabled: ${root}/app/l.rhai (line 1, position 8)`,
    });
  });

  test("a module in a symlinked directory needs open on the directory's resolved path", () => {
    const root = tree({ "app/s.rhai": 'import "lib/x" as x; x::S', "secret/x.rhai": 'export const S = "top";' });
    symlinkSync(join(root, "secret"), join(root, "app/lib"));
    const r = runIn(root, "app/s.rhai", allowUnder(join(root, "app")));
    expect(r.json.error.error_type).toBe("ACCESS_DENIED_EXCEPTION");
    expect(r.json.error.message).toMatch(DENIAL("open", "Dir", join(root, "secret")));
    const ok = runIn(root, "app/s.rhai", allowUnder(join(root, "app")) + allowUnder(join(root, "secret")));
    expect(ok.json.output).toBe("top");
  });

  test('"../secret/x" needs the policy to allow the normalised path', () => {
    const spec = {
      "app/s.rhai": 'import "sub/../../secret/x" as x; x::S',
      "secret/x.rhai": 'export const S = "top";',
    };
    const root = tree(spec);
    const denied = runIn(root, "app/s.rhai", allowUnder(join(root, "app")));
    expect(denied.json.error.error_type).toBe("ACCESS_DENIED_EXCEPTION");
    expect(denied.json.error.message).toMatch(DENIAL("open", "Dir", join(root, "secret")));
    const allowed = runIn(root, "app/s.rhai", allowUnder(join(root, "secret")));
    expect(allowed.json.output).toBe("top");
  });
});

describe("failures", () => {
  test.each([
    ["missing file", 'let a = 1;\nimport "lib/zz" as z;', "Module not found: lib/zz (line 2, position 8)"],
    ["missing directory", 'import "nodir/x";', "Module not found: nodir/x (line 1, position 8)"],
    [
      "missing nested module",
      'import "lib/n" as n;',
      "Module not found: gone (line 1, position 8)\nin module 'lib/n' (line 1, position 8)",
    ],
  ])("%s: SCRIPT_EXCEPTION Module not found", (_name, src, message) => {
    const root = tree({ "s.rhai": src, "lib/n.rhai": 'import "gone";' });
    const r = runIn(root, "s.rhai", allowUnder(root));
    expect(r.code).toBe(3);
    expect(r.json.error).toEqual({ error_type: "SCRIPT_EXCEPTION", message });
  });

  test.each(["__proto__", "constructor", "toString"])("a JavaScript member name is an ordinary file name: %s", (name) => {
    const root = tree({ "s.rhai": `import "${name}" as m; m::x`, "toString.rhai": "export const x = 1;" });
    const r = runIn(root, "s.rhai", allowUnder(root));
    if (name === "toString") expect(r.json.output).toBe("1");
    else expect(r.json.error).toEqual({ error_type: "SCRIPT_EXCEPTION", message: `Module not found: ${name} (line 1, position 8)` });
  });

  test("a cycle through other modules", () => {
    const root = tree({ "s.rhai": 'import "a";', "a.rhai": 'import "sub/b";', "sub/b.rhai": 'import "../a";' });
    const r = runIn(root, "s.rhai", allowUnder(root));
    expect(r.json.error).toEqual({
      error_type: "SCRIPT_EXCEPTION",
      message: `Cyclic module import: ${root}/a.rhai (line 1, position 8)\nin module 'sub/b' (line 1, position 8)\nin module 'a' (line 1, position 8)`,
    });
  });

  test("a module importing itself", () => {
    const root = tree({ "s.rhai": 'import "me";', "me.rhai": 'import "./me.rhai";' });
    const r = runIn(root, "s.rhai", allowUnder(root));
    expect(r.json.error).toEqual({
      error_type: "SCRIPT_EXCEPTION",
      message: `Cyclic module import: ${root}/me.rhai (line 1, position 8)\nin module 'me' (line 1, position 8)`,
    });
  });

  test("other I/O failures are the SDK error (a directory named like the module)", () => {
    const root = tree({ "s.rhai": 'import "d";', "d.rhai/x": "" });
    const r = runIn(root, "s.rhai", allowUnder(root));
    expect(r.json.error).toEqual({
      error_type: "SCRIPT_EXCEPTION",
      message: "IoErrorKind: ValidationError: Validation error: argument is not a file (line 1, position 8)",
    });
  });
});
