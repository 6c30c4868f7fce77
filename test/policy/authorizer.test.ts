import { beforeAll, describe, expect, test } from "bun:test";
import { RexAuthorizer, auditDenyText, auditRecordJson, denialMessage } from "../../src/policy/authorizer.ts";
import { loadCedar, type Cedar } from "../../src/policy/cedar.ts";
import { explainBlock, permitStatement } from "../../src/policy/explain.ts";
import { parentPath } from "../../src/policy/entities/file_system.ts";
import { chain } from "./entity-chain.ts";
import { loadPolicy } from "../../src/policy/load.ts";
import { AuthorizationCheckFailed, type AuthzRequest, type CedarEntity } from "../../src/sdk/context.ts";

let cedar: Cedar;
beforeAll(async () => {
  cedar = await loadCedar();
});


function fs(action: string, type: "File" | "Dir", path: string): AuthzRequest {
  return { action: { type: "file_system::Action", id: action }, resource: { type: `file_system::${type}`, id: path }, entities: chain(path, type) };
}

function authz(policy: string, opts = {}): RexAuthorizer {
  return new RexAuthorizer(cedar, loadPolicy(cedar, policy).setId, "ops", opts);
}

const EX1 = `permit (
  principal == User::"ops",
  action in [file_system::Action::"open", file_system::Action::"read", file_system::Action::"stat"],
  resource in file_system::Dir::"/var/log"
);`;

describe("cedar.md example 1", () => {
  test.each([
    [fs("open", "Dir", "/var/log"), true],
    [fs("open", "File", "/var/log/nginx/access.log"), true],
    [fs("read", "File", "/var/log/syslog"), true],
    [fs("write", "File", "/var/log/syslog"), false],
    [fs("open", "Dir", "/var"), false],
    [fs("read", "File", "/var/logs/old.log"), false],
    [fs("open", "File", "/etc/passwd"), false],
  ])("%#", (req, allowed) => {
    expect(authz(EX1).isAllowed(req)).toBe(allowed);
  });
  test("another principal is denied", () => {
    const a = new RexAuthorizer(cedar, loadPolicy(cedar, EX1).setId, "alice");
    expect(a.isAllowed(fs("read", "File", "/var/log/syslog"))).toBe(false);
  });
});

describe("cedar.md examples 9 and 10", () => {
  test("action groups match only execute requests", () => {
    const a = authz(`permit (principal, action in file_system::Action::"SafeIO", resource in file_system::Dir::"/opt/tools");`);
    expect(a.isAllowed(fs("read", "File", "/opt/tools/check"))).toBe(false);
    expect(a.isAllowed(fs("open", "Dir", "/opt/tools"))).toBe(false);
    const exec: AuthzRequest = {
      ...fs("execute", "File", "/opt/tools/check"),
      context: {
        arguments: { __entity: { type: "file_system::Arguments", id: "a1" } },
        environment: { __entity: { type: "file_system::Environment", id: "e1" } },
        user: { username: "ops", uid: 1000 },
        group: { groupname: "ops", gid: 1000 },
      },
    };
    exec.entities = [
      ...exec.entities,
      { uid: { type: "file_system::Arguments", id: "a1" }, attrs: { keys: [], flags: [], positional_values: [] }, parents: [], tags: {} } as CedarEntity,
      { uid: { type: "file_system::Environment", id: "e1" }, attrs: { names: [] }, parents: [], tags: {} } as CedarEntity,
    ];
    expect(a.isAllowed(exec)).toBe(true);
  });
  test("forbid overrides permit", () => {
    const a = authz(`permit (principal, action in [file_system::Action::"open", file_system::Action::"read", file_system::Action::"stat"], resource in file_system::Dir::"/etc");
forbid (principal, action == file_system::Action::"read", resource) when { resource == file_system::File::"/etc/shadow" || resource in file_system::Dir::"/etc/ssl/private" };`);
    expect(a.isAllowed(fs("read", "File", "/etc/hosts"))).toBe(true);
    expect(a.isAllowed(fs("read", "File", "/etc/shadow"))).toBe(false);
    expect(a.isAllowed(fs("read", "File", "/etc/ssl/private/server.key"))).toBe(false);
    expect(a.isAllowed(fs("stat", "File", "/etc/ssl/private/server.key"))).toBe(true);
  });
  test("process pid attribute works at run time (example 3 style)", () => {
    const a = authz(`permit (principal, action == process_system::Action::"kill", resource is process_system::Process) when { resource.pid == "4242" };`);
    const p = (pid: string): AuthzRequest => ({
      action: { type: "process_system::Action", id: "kill" },
      resource: { type: "process_system::Process", id: pid },
      entities: [{ uid: { type: "process_system::Process", id: pid }, attrs: { name: "w", username: "app", command: "w", pid }, parents: [] }],
    });
    expect(a.isAllowed(p("4242"))).toBe(true);
    expect(a.isAllowed(p("1"))).toBe(false);
  });
});

describe("request construction errors (cedar.md §7)", () => {
  const a = () => authz(EX1);
  test.each([
    [{ ...fs("read", "File", "/x"), action: { type: "file_system::Action", id: "raed" } }],
    [{ ...fs("write", "Dir", "/x") }],
    [{ ...fs("read", "File", "/x"), context: { extra: 1 } }],
    [{ ...fs("move", "File", "/x"), context: { destination: { path: "/y" } } }],
    [{ action: { type: "network::Action", id: "GET" }, resource: { type: "network::url", id: 'http://x/"' }, entities: [] }],
  ])("%#", (req) => {
    expect(() => a().isAllowed(req as AuthzRequest)).toThrow(AuthorizationCheckFailed);
    try {
      a().isAllowed(req as AuthzRequest);
    } catch (e) {
      expect((e as Error).message).toBe("Authorization check failed");
    }
  });
});

describe("decision cache (cedar.md §9)", () => {
  test("same request answered from the cache", () => {
    const a = authz(EX1);
    for (let i = 0; i < 5; i++) expect(a.isAllowed(fs("read", "File", "/var/log/syslog"))).toBe(true);
    expect(a.cedarCalls).toBe(1);
    a.isAllowed(fs("read", "File", "/var/log/other"));
    expect(a.cedarCalls).toBe(2);
  });
  test("different entity data is a different entry", () => {
    const a = authz(EX1);
    const r1 = fs("read", "File", "/var/log/syslog");
    const r2 = fs("read", "File", "/var/log/syslog");
    r2.entities[0]!.attrs = { path: "/other" };
    a.isAllowed(r1);
    a.isAllowed(r2);
    expect(a.cedarCalls).toBe(2);
  });
  test("LRU eviction", () => {
    const a = authz(EX1, { cacheCapacity: 2 });
    a.isAllowed(fs("read", "File", "/var/log/a"));
    a.isAllowed(fs("read", "File", "/var/log/b"));
    a.isAllowed(fs("read", "File", "/var/log/a"));
    a.isAllowed(fs("read", "File", "/var/log/c")); // evicts b
    a.isAllowed(fs("read", "File", "/var/log/a"));
    expect(a.cedarCalls).toBe(3);
    a.isAllowed(fs("read", "File", "/var/log/b"));
    expect(a.cedarCalls).toBe(4);
  });
});

describe("denials, audit and explain (cedar.md §8, §11)", () => {
  test.each([
    ["file_system::Action", "read", "file_system::File", "/var/log/secure", 'Permission denied: ops unauthorized to perform file_system::Action::"read" for file_system::File::/var/log/secure'],
    ["process_system::Action", "kill", "process_system::Process", "4242", 'Permission denied: ops unauthorized to perform process_system::Action::"kill" for process_system::Process::4242'],
    ["systemd::Action", "restart", "systemd::Service", "nginx.service", 'Permission denied: ops unauthorized to perform systemd::Action::"restart" for systemd::Service::nginx.service'],
    ["network::Action", "GET", "network::url", "https://example.com/health", 'Permission denied: ops unauthorized to perform network::Action::"GET" for network::url::"https://example.com/health"'],
  ])("%s %s", (at, a, rt, r, msg) => {
    expect(denialMessage("ops", { type: at, id: a }, { type: rt, id: r })).toBe(msg);
  });

  test("audit mode allows, records once, counts", () => {
    const seen: string[] = [];
    const a = authz("", { audit: true, onAuditDeny: (_r: unknown, t: string) => seen.push(t) });
    const req = { ...fs("read", "File", "/etc/shadow"), site: { line: 2, api: "cat" } };
    expect(a.isAllowed(req)).toBe(true);
    expect(a.isAllowed(req)).toBe(true);
    expect(a.isAllowed(req)).toBe(true);
    expect(seen).toEqual(['AUDIT_DENY principal: User::"ops", action: file_system::Action::"read", resource: file_system::File::"/etc/shadow", context: {}']);
    expect(a.denials.length).toBe(1);
    expect(auditRecordJson(a.denials[0]!)).toBe(
      '{"principal":{"type":"User","id":"ops"},"action":{"type":"file_system::Action","id":"read"},"resource":{"type":"file_system::File","id":"/etc/shadow"},"context":{},"count":3,"line":2,"api":"cat"}',
    );
    expect(auditDenyText(a.denials[0]!)).toBe(seen[0]!);
  });

  test("explain block", () => {
    const a = authz(EX1);
    expect(a.isAllowed({ ...fs("read", "File", "/etc/shadow"), site: { line: 2, api: "cat" } })).toBe(false);
    expect(explainBlock(a.denials[0]!)).toBe(
      'rex: denied at line 2 (cat): User::"ops" file_system::Action::"read" file_system::File::"/etc/shadow"\n' +
        "rex: this statement allows exactly that request:\n" +
        'permit (\n  principal == User::"ops",\n  action == file_system::Action::"read",\n  resource == file_system::File::"/etc/shadow"\n);\n' +
        '// or, for everything in that directory: resource in file_system::Dir::"/etc"\n',
    );
  });

  test("generated statements allow exactly the request and pass strict validation", () => {
    const a = authz(EX1);
    const req = fs("write", "File", "/srv/a\"b.txt");
    a.isAllowed(req);
    const stmt = permitStatement(a.denials[0]!);
    const loaded = loadPolicy(cedar, stmt);
    expect(loaded.problems).toEqual([]);
    const b = new RexAuthorizer(cedar, loaded.setId, "ops");
    expect(b.isAllowed(req)).toBe(true);
    expect(b.isAllowed(fs("write", "File", "/srv/other"))).toBe(false);
  });

  test("is-constraint for random-id types", () => {
    const a = authz("");
    a.isAllowed({ action: { type: "sysinfo::Action", id: "list" }, resource: { type: "sysinfo::Sysinfo", id: "0b6d" }, entities: [] });
    expect(permitStatement(a.denials[0]!)).toBe('permit (\n  principal == User::"ops",\n  action == sysinfo::Action::"list",\n  resource is sysinfo::Sysinfo\n);');
  });

  test.each([
    ["/var/log/app/x.log", "/var/log/app"],
    ["/var/log/", "/var"],
    ["/", undefined],
    ["/a//b", "/a"],
    ["/tmp/./x", "/tmp"],
    ["/srv/app/", "/srv"],
  ])("parent of %s", (p, parent) => {
    expect(parentPath(p)).toBe(parent as string);
  });
});
