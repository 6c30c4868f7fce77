// The validation shortcut (src/policy/quick-validate.ts) must be sound: every policy it
// accepts is one Cedar's strict validator, asked directly, finds nothing in; everything else
// is left to Cedar.
import { beforeAll, describe, expect, test } from "bun:test";
import { loadCedar, type Cedar } from "../../src/policy/cedar.ts";
import { provablyValid } from "../../src/policy/quick-validate.ts";
import { SCHEMA_TEXT } from "../../src/policy/schema.ts";

let cedar: Cedar;
beforeAll(async () => {
  cedar = await loadCedar();
});

/** Problems Cedar's strict validation reports (errors and warnings), or parse failure. */
function cedarProblems(text: string): number {
  const v = cedar.validate({ schema: SCHEMA_TEXT, policies: { staticPolicies: text }, validationSettings: { mode: "strict" } });
  if (v.type !== "success") return -1;
  return v.validationErrors.length + v.validationWarnings.length + v.otherWarnings.length;
}

const QUICKSTART = `permit (
  principal,
  action == file_system::Action::"open",
  resource == file_system::Dir::"/tmp"
);
permit (
  principal,
  action in [file_system::Action::"open", file_system::Action::"read", file_system::Action::"write", file_system::Action::"create"],
  resource == file_system::File::"/tmp/rex-hello-world"
);
`;

const accepted: [string, string][] = [
  ["the quick-start policy", QUICKSTART],
  [
    "cedar.md example 1 (principal ==, resource in Dir)",
    `permit (
  principal == User::"ops",
  action in [file_system::Action::"open", file_system::Action::"read", file_system::Action::"stat"],
  resource in file_system::Dir::"/var/log"
);`,
  ],
  ["forbid, comments, no resource constraint", `// deny deletes\nforbid (principal, action == file_system::Action::"delete", resource); // anywhere\n`],
  ["every file_system action in a Dir", `permit(principal, action in [file_system::Action::"write", file_system::Action::"unmount", file_system::Action::"move", file_system::Action::"execute", file_system::Action::"set_x_attr", file_system::Action::"redacted_read", file_system::Action::"network_namespace"], resource in file_system::Dir::"/");`],
  ["a process action on a process", `permit(principal, action == process_system::Action::"list", resource == process_system::Process::"1");`],
  ["network", `permit(principal, action in [network::Action::"GET", network::Action::"connect"], resource == network::url::"https://example.com/x");`],
  ["systemd services", `permit(principal, action in [systemd::Action::"start", systemd::Action::"status"], resource == systemd::Service::"nginx.service");`],
  ["sysinfo hostname", `permit(principal, action == sysinfo::Action::"resolve_hostname", resource == sysinfo::Hostname::"localhost");`],
  ["write on a File", `permit(principal, action == file_system::Action::"write", resource == file_system::File::"/tmp/x");`],
];

const rejected: [string, string, boolean][] = [
  // [name, text, does Cedar itself report a problem?]
  ["write on a Dir (not applicable)", `permit(principal, action == file_system::Action::"write", resource == file_system::Dir::"/tmp");`, true],
  ["one listed action not applicable", `permit(principal, action in [file_system::Action::"read", file_system::Action::"unmount"], resource == file_system::File::"/x");`, false],
  ["unknown action", `permit(principal, action == file_system::Action::"remove", resource);`, true],
  ["unknown entity type", `permit(principal, action == file_system::Action::"read", resource == file_system::Fil::"/x");`, true],
  ["a process in a Dir", `permit(principal, action == process_system::Action::"list", resource in file_system::Dir::"/");`, true],
  ["action group", `permit(principal, action in [file_system::Action::"SafeIO"], resource);`, false],
  ["unconstrained action", `permit(principal, action, resource == file_system::File::"/x");`, false],
  ["principal of another type", `permit(principal == file_system::File::"/x", action == file_system::Action::"read", resource);`, true],
  ["a condition", `permit(principal, action == file_system::Action::"read", resource) when { resource.path == "/x" };`, false],
  ["an annotation", `@id("p") permit(principal, action == file_system::Action::"read", resource);`, false],
  ["a template", `permit(principal == ?principal, action == file_system::Action::"read", resource);`, false],
  ["non-ASCII id", `permit(principal, action == file_system::Action::"read", resource == file_system::File::"/tmp/rеx");`, false],
  ["an escape", `permit(principal, action == file_system::Action::"read", resource == file_system::File::"/tmp/\\u{41}");`, false],
  ["resource in a File", `permit(principal, action == file_system::Action::"read", resource in file_system::File::"/x");`, false],
  ["action in a single action", `permit(principal, action in file_system::Action::"read", resource);`, false],
  ["empty action list", `permit(principal, action in [], resource);`, true],
  ["no policy", `// nothing\n`, false],
];

describe("accepted policies have no validation findings in Cedar either", () => {
  test.each(accepted)("%s", (_name, text) => {
    expect(provablyValid(text)).toBe(true);
    expect(cedarProblems(text)).toBe(0);
  });
});

describe("everything else is left to Cedar's validator", () => {
  test.each(rejected)("%s", (_name, text, cedarReports) => {
    expect(provablyValid(text)).toBe(false);
    if (cedarReports) expect(cedarProblems(text)).not.toBe(0);
  });
});

describe("every action against every entity type of the schema", () => {
  test("whenever the shortcut accepts, Cedar finds nothing; it accepts exactly the applicable pairs", async () => {
    const { ACTIONS } = await import("../../src/policy/schema.ts");
    const types = new Set<string>(["User", "file_system::Arguments", "file_system::Environment"]);
    for (const info of ACTIONS.values()) for (const r of info.resources) types.add(r);
    let accepted = 0;
    for (const [key, info] of ACTIONS) {
      const [type, id] = key.split("\u0000") as [string, string];
      for (const t of types) {
        const text = `permit(principal, action == ${type}::"${id}", resource == ${t}::"x");`;
        const quick = provablyValid(text);
        expect(quick).toBe(info.resources.includes(t));
        if (quick) {
          accepted++;
          expect(cedarProblems(text)).toBe(0);
        } else expect(cedarProblems(text)).not.toBe(0);
      }
      const inDir = `permit(principal, action == ${type}::"${id}", resource in file_system::Dir::"/x");`;
      if (provablyValid(inDir)) expect(cedarProblems(inDir)).toBe(0);
    }
    expect(accepted).toBeGreaterThan(30);
  }, 120_000); // ~650 validations by Cedar
});
