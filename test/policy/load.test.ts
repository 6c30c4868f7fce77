import { beforeAll, describe, expect, test } from "bun:test";
import { loadCedar, type Cedar } from "../../src/policy/cedar.ts";
import { PolicyParseError, loadPolicy, problemText } from "../../src/policy/load.ts";
import { SCHEMA_TEXT } from "../../src/policy/schema.ts";

let cedar: Cedar;
beforeAll(async () => {
  cedar = await loadCedar();
});

const lines = (p: string) => loadPolicy(cedar, p).problems.map((x) => `${x.severity}: ${problemText(x)}`);

describe("policy loading (cedar.md §10)", () => {
  test("empty and comment-only policies are valid empty sets", () => {
    expect(loadPolicy(cedar, "").count).toBe(0);
    expect(loadPolicy(cedar, "// nothing here\n").problems).toEqual([]);
  });
  test("parse error details with line and column", () => {
    let err: unknown;
    try {
      loadPolicy(cedar, "permit(principal, action, resource)\n  forbid(x);");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyParseError);
    expect((err as Error).message).toMatch(/^Failed to parse Cedar policy - check syntax and structure: .* at line 2, column 9$/);
  });
  test("validation errors name the policy (by @id when present) and the position", () => {
    expect(lines('permit(principal, action == file_system::Action::"raed", resource);')).toContain(
      'error: policy0 at line 1, column 29: unrecognized action `file_system::Action::"raed"`',
    );
    expect(lines('@id("mine")\npermit(principal, action == process_system::Action::"kill", resource) when { resource.name == "x" && resource.bogus == "1" };').join("\n")).toMatch(
      /error: mine at line 2, column \d+: attribute `bogus` on entity type `process_system::Process` not found/,
    );
  });
  test("the quick-start policy has no problems", async () => {
    const text = await Bun.file(new URL("../../examples/quickstart/policy.cedar", import.meta.url)).text();
    expect(loadPolicy(cedar, text).problems).toEqual([]);
  });
});

describe("rex lints (cedar.md §10.3)", () => {
  test.each([
    ['permit(principal, action in file_system::Action::"SafeIO", resource);', 'action group SafeIO matches only file_system::Action::"execute" requests (REX-compatible behaviour); list the actions instead'],
    ['permit(principal, action in [systemd::Action::"SystemdAction"], resource);', "action group SystemdAction never matches any request (REX-compatible behaviour); list the actions instead"],
    ['permit(principal, action == process_system::Action::"kill", resource) when { resource.pid == "1" };', 'process_system::Process has a run-time attribute pid that the schema does not declare; it works, but strict validation rejects it; resource == process_system::Process::"<pid>" is equivalent'],
    ['permit(principal, action == sysinfo::Action::"list", resource == sysinfo::Sysinfo::"x");', "ids of sysinfo::Sysinfo are random for every request; use resource is sysinfo::Sysinfo"],
    ["permit(principal == ?principal, action, resource);", "templates are never linked by rex and never match"],
  ])("%s", (policy, message) => {
    const ps = loadPolicy(cedar, policy).problems;
    expect(ps.some((p) => p.severity === "warning" && p.message === message)).toBe(true);
  });
});

test("embedded schema is cedar.md §2.1 and parses", async () => {
  const spec = await Bun.file("/work/shared/spec/cedar.md").text().catch(() => "");
  if (spec) {
    const m = /```cedarschema\n([\s\S]*?)```/.exec(spec);
    expect(SCHEMA_TEXT).toBe(m![1]!);
  }
  expect(cedar.checkParseSchema(SCHEMA_TEXT).type).toBe("success");
});
