// Audit mode, --audit-out and --explain through the CLI (runner.md §10, cedar.md §11), and
// REX's read-file sample in examples/read-file.
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT_DIR, files, rex } from "./helpers.ts";

setDefaultTimeout(60_000);

const t = realpathSync(mkdtempSync(join(tmpdir(), "rex-audit-")));
writeFileSync(join(t, "f.txt"), "data\n");
writeFileSync(join(t, "g.txt"), "more\n");
const OPEN_ONLY = `permit (principal, action == file_system::Action::"open", resource in file_system::Dir::"${t}");
permit (principal, action == file_system::Action::"open", resource == file_system::Dir::"${t}");`;

function run(src: string, extra: string[], policy?: string) {
  const d = files({ "s.rhai": src, ...(policy !== undefined ? { "p.cedar": policy } : {}) });
  return rex(["run", join(d, "s.rhai"), ...(policy !== undefined ? ["--policy", join(d, "p.cedar")] : []), ...extra]);
}

/** The principal name rex used, taken from a denial message. */
const userOf = (text: string): string => /Permission denied: (\S+) unauthorized/.exec(text)![1]!;

const block = (user: string, line: number, api: string, action: string, path: string, dir: string) =>
  `rex: denied at line ${line} (${api}): User::"${user}" file_system::Action::"${action}" file_system::File::"${path}"
rex: this statement allows exactly that request:
permit (
  principal == User::"${user}",
  action == file_system::Action::"${action}",
  resource == file_system::File::"${path}"
);
// or, for everything in that directory: resource in file_system::Dir::"${dir}"
`;

describe("--explain (runner.md §10.3)", () => {
  test("one block per distinct denial, in order, after the result; result and exit unchanged", () => {
    const src = `let a = "";\ntry { a = cat("${t}/f.txt"); } catch (e) { a = "caught"; }\ntry { cat("${t}/f.txt"); } catch (e) { }\nlet b = cat("${t}/g.txt");`;
    const plain = run(src, [], OPEN_ONLY);
    const r = run(src, ["--explain"], OPEN_ONLY);
    expect(r.code).toBe(4);
    expect(plain.code).toBe(4);
    expect(r.json.error).toEqual(plain.json.error);
    const user = userOf(r.json.error.message);
    // cat falls back to redacted_read when read is denied (sdk-fs.md §1.11): both are denials.
    expect(r.stderr).toBe(
      block(user, 2, "cat", "read", `${t}/f.txt`, t) +
        block(user, 2, "cat", "redacted_read", `${t}/f.txt`, t) +
        block(user, 4, "cat", "read", `${t}/g.txt`, t) +
        block(user, 4, "cat", "redacted_read", `${t}/g.txt`, t),
    );
    expect(plain.stderr).toBe("");
  });
  test("nothing is printed without a denial", () => {
    const r = run(`cat("${t}/f.txt")`, ["--explain"], `permit (principal, action, resource in file_system::Dir::"${t}");\npermit (principal, action, resource == file_system::Dir::"${t}");`);
    expect(r.code).toBe(0);
    expect(r.json.output).toBe("data\n");
    expect(r.stderr).toBe("");
  });
});

describe("--audit (runner.md §10.1)", () => {
  test("denials are recorded as WARN logs with line and SDK function, and allowed", () => {
    const r = run(`info("start");\nlet s = cat("${t}/f.txt");\ns`, ["--audit"], OPEN_ONLY);
    expect(r.code).toBe(0);
    expect(r.json.status).toBe("SUCCESS");
    expect(r.json.output).toBe("data\n");
    const logs = r.json.logs.map((l: any) => l.attributes);
    expect(logs[0]).toMatchObject({ level: "WARN", message: "AUDIT_MODE enabled: authorization denials are recorded and allowed", line_number: "0" });
    expect(logs[0].rhai_api_name).toBeUndefined();
    expect(logs.slice(1).map((l: any) => [l.level, l.line_number, l.rhai_api_name ?? null, l.message.replace(/User::"[^"]*"/, 'User::"U"')])).toEqual([
      ["INFO", "1", null, "start"],
      ["WARN", "2", "cat", `AUDIT_DENY principal: User::"U", action: file_system::Action::"read", resource: file_system::File::"${t}/f.txt", context: {}`],
    ]);
  });

  test("without --policy every request is recorded; operations really happen; --audit-out writes JSON Lines", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rex-audit-out-")), "run.audit");
    const target = join(t, "written.txt");
    const r = run(`write([write::replace], "${target}", "hi\\n");\ncat("${target}")`, ["--audit", "--audit-out", out]);
    expect(r.code).toBe(0);
    expect(r.json.output).toBe("hi\n");
    expect(readFileSync(target, "utf8")).toBe("hi\n");
    const lines = readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const rec of lines) {
      expect(Object.keys(rec)).toEqual(["principal", "action", "resource", "context", "count", "line", "api"]);
      expect(rec.principal.type).toBe("User");
      expect(["write", "cat"]).toContain(rec.api);
      expect(rec.line).toBe(rec.api === "write" ? 1 : 2);
    }
    const reads = lines.filter((l) => l.action.id === "read");
    expect(reads).toEqual([
      { principal: lines[0].principal, action: { type: "file_system::Action", id: "read" }, resource: { type: "file_system::File", id: target }, context: {}, count: 1, line: 2, api: "cat" },
    ]);
    const auditLogs = r.json.logs.filter((l: any) => l.attributes.message.startsWith("AUDIT_DENY"));
    expect(auditLogs.length).toBe(lines.length);
  });

  test("an unwritable --audit-out location is a COMMUNICATION_EXCEPTION and nothing runs", () => {
    const target = join(t, "never.txt");
    const r = run(`write([write::replace], "${target}", "x")`, ["--audit", "--audit-out", join(t, "missing-dir", "a.audit")]);
    expect(r.code).toBe(6);
    expect(existsSync(target)).toBe(false);
  });
});

describe("REX's read-file sample (examples/read-file)", () => {
  test("DirConfig → open → open_file(read) → read() with its arguments file", () => {
    writeFileSync("/tmp/rex-hello-world", "Hello from REX!\n");
    const dir = join(ROOT_DIR, "examples/read-file");
    const r = rex(["run", "script.rhai", "--policy", "policy.cedar", "--args", "args.json", "-o", "human"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Hello from REX!\n\n");
    const j = rex(["run", "script.rhai", "--policy", "policy.cedar", "--args", "args.json"], { cwd: dir });
    expect(j.json.output).toBe("Hello from REX!\n");
  });
  test("without the read permission it is ACCESS_DENIED naming the read of the file", () => {
    const dir = join(ROOT_DIR, "examples/read-file");
    const policy = readFileSync(join(dir, "policy.cedar"), "utf8").replace('[file_system::Action::"open", file_system::Action::"read"]', '[file_system::Action::"open"]');
    const d = files({ "p.cedar": policy });
    const r = rex(["run", "script.rhai", "--policy", join(d, "p.cedar"), "--args", "args.json"], { cwd: dir });
    expect(r.code).toBe(4);
    expect(r.json.error.message).toMatch(/^IoErrorKind: PermissionDenied: Permission denied: \S+ unauthorized to perform file_system::Action::"read" for file_system::File::\/tmp\/rex-hello-world \(line 4, position 6\)$/);
  });
});

// cedar.md §3: the principal is the user name of the effective uid, from the user database.
test("the principal is the effective user's name", () => {
  const who = Bun.spawnSync(["id", "-un"]).stdout.toString().trim();
  expect(who).not.toBe("");
  const d = files({ "s.rhai": 'cat("/etc/hostname")', "p.cedar": "" });
  const r = rex(["run", join(d, "s.rhai"), "--policy", join(d, "p.cedar")]);
  expect(r.json.error.error_type).toBe("ACCESS_DENIED_EXCEPTION");
  expect(r.json.error.message).toContain(`Permission denied: ${who} unauthorized to perform file_system::Action::`);
});
