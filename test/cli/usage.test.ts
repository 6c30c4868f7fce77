// Usage errors, --help, --version, policy subcommands, early aborts that need no engine.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { ROOT_DIR, files, rex } from "./helpers.ts";

const d = files({ "s.rhai": "40 + 2", "p.cedar": "", "bad.cedar": "permit(principal, action, resource)\n forbid(x);" });
const S = join(d, "s.rhai");
const P = join(d, "p.cedar");

describe("usage errors exit 2 with nothing on stdout (runner.md §1.4)", () => {
  test.each([
    [["run", S]],
    [["run", "--policy", P]],
    [["run", S, "--policy", P, "-o", "xml"]],
    [["run", S, "--policy", P, "--timeout", "-1"]],
    [["run", S, "--policy", P, "--max-call-depth", "0"]],
    [["run", S, "--policy", P, "--arg", "novalue"]],
    [["run", S, "--policy", P, "--policy", P]],
    [["run", S, "-s", S, "--policy", P]],
    [["run", S, "extra", "--policy", P]],
    [["run", S, "--policy", P, "--print-functions"]],
    [["run", S, "--policy", P, "--bogus"]],
    [["run", S, "--policy", P, "--audit-out", "/tmp/x.audit"]],
    [["frobnicate"]],
  ])("%p", (args) => {
    const r = rex(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("rex: ");
  });
});

describe("help, version, schema", () => {
  test("--help lists commands and examples", () => {
    const r = rex(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("run");
    expect(r.stdout).toContain("rex run script.rhai --policy policy.cedar --args args.json -o human");
  });
  test("--version", () => {
    const r = rex(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rex \d+\.\d+\.\d+/);
  });
  test("policy schema prints cedar.md §2.1", async () => {
    const r = rex(["policy", "schema"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(await Bun.file(join(ROOT_DIR, "policies/schema.cedarschema")).text());
  });
});

describe("rex policy validate (cedar.md §10.4)", () => {
  test("valid policy", () => {
    const r = rex(["policy", "validate", join(ROOT_DIR, "examples/quickstart/policy.cedar")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("2 policies, 0 errors, 0 warnings\n");
  });
  test("parse error exits 5", () => {
    expect(rex(["policy", "validate", join(d, "bad.cedar")]).code).toBe(5);
  });
  test("unreadable file exits 6", () => {
    expect(rex(["policy", "validate", join(d, "missing.cedar")]).code).toBe(6);
  });
  test("a usage error exits 2 with only the usage message", () => {
    const r = rex(["policy", "validate", "--bogus", join(ROOT_DIR, "examples/quickstart/policy.cedar")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("rex: Unknown argument: bogus\nTry 'rex --help' for more information.\n");
  });
  test("validation error, json format", () => {
    const f = files({ "v.cedar": 'permit(principal, action == file_system::Action::"raed", resource);' });
    const r = rex(["policy", "validate", join(f, "v.cedar"), "-o", "json"]);
    expect(r.code).toBe(5);
    expect(r.json.valid).toBe(false);
    expect(r.json.policies).toBe(1);
    expect(r.json.problems[0]).toEqual({ severity: "error", policy: "policy0", line: 1, column: 29, message: 'unrecognized action `file_system::Action::"raed"`' });
  });
});

describe("input failures are COMMUNICATION_EXCEPTION early aborts, exit 6 (runner.md §5.3)", () => {
  const bad = files({ "latin1.rhai": new Uint8Array([0x22, 0xe9, 0x22]), "args.json": "{", "deep.json": "[]" });
  test.each([
    [["run", join(d, "nope.rhai"), "--policy", P], `Failed to load input files: Failed to read script file: ${join(d, "nope.rhai")}: No such file or directory (os error 2)`],
    [["run", join(bad, "latin1.rhai"), "--policy", P], `Failed to load input files: Failed to read script file: ${join(bad, "latin1.rhai")}: stream did not contain valid UTF-8`],
    [["run", S, "--policy", join(d, "nope.cedar")], `Failed to load input files: Failed to read policy file: ${join(d, "nope.cedar")}: No such file or directory (os error 2)`],
    [["run", S, "--policy", d], `Failed to load input files: Failed to read policy file: ${d}: Is a directory (os error 21)`],
    [["run", S, "--policy", P, "--args", join(d, "nope.json")], `Failed to load input files: Failed to read script arguments file: ${join(d, "nope.json")}: No such file or directory (os error 2)`],
    [["run", S, "--policy", P, "-a", join(bad, "deep.json")], `Failed to load input files: Failed to parse script arguments JSON: ${join(bad, "deep.json")}: the top level must be an object`],
  ])("%p", (args, message) => {
    const r = rex(args);
    expect(r.code).toBe(6);
    expect(r.json.status).toBe("ERROR");
    expect(r.json.error).toEqual({ error_type: "COMMUNICATION_EXCEPTION", message });
    expect(r.json.logs).toBeUndefined();
    expect(r.json.metrics.map((m: any) => m.metric_name)).toEqual(["RexRunnerTotalExecutionTime"]);
  });
  test("human format prints error: on stderr", () => {
    const r = rex(["run", join(d, "nope.rhai"), "--policy", P, "-o", "human"]);
    expect(r.code).toBe(6);
    expect(r.stdout).toBe("");
    expect(r.stderr).toStartWith("error: Failed to load input files: Failed to read script file: ");
  });
});
