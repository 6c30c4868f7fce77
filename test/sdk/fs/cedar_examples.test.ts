// cedar.md §12 examples that concern files, reproduced through the real authorizer (cedar-wasm)
// and the fs SDK. Paths are moved under a temporary root R: "/var/log" becomes "R/var/log".
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RexAuthorizer } from "../../../src/policy/authorizer.ts";
import { loadCedar, type Cedar } from "../../../src/policy/cedar.ts";
import { fsRequest, type FsAction, type FsEntityKind } from "../../../src/policy/entities/file_system.ts";
import { loadPolicy } from "../../../src/policy/load.ts";
import { Registry } from "../../../src/engine/registry.ts";
import type { Value } from "../../../src/engine/value.ts";
import type { AuthzRequest } from "../../../src/sdk/context.ts";
import { registerFsSdk } from "../../../src/sdk/fs/index.ts";
import { errOf } from "./harness.ts";

let cedar: Cedar;
let R = "";
beforeAll(async () => {
  cedar = await loadCedar();
  R = realpathSync(mkdtempSync(join(tmpdir(), "rex-cedar-ex-")));
  for (const d of ["var/log/nginx", "var/logs", "etc/ssl/private", "srv/app/conf", "srv/app/tmp", "opt/tools"]) mkdirSync(join(R, d), { recursive: true });
  writeFileSync(join(R, "var/log/syslog"), "sys\n");
  writeFileSync(join(R, "var/log/auth.log"), "auth\n");
  writeFileSync(join(R, "var/log/nginx/access.log"), "GET /\n");
  writeFileSync(join(R, "var/logs/old.log"), "old\n");
  writeFileSync(join(R, "etc/passwd"), "root:x:0:0\n");
  writeFileSync(join(R, "etc/hosts"), "127.0.0.1 localhost\n");
  writeFileSync(join(R, "etc/shadow"), "root:*\n");
  writeFileSync(join(R, "etc/ssl/private/server.key"), "KEY\n");
  writeFileSync(join(R, "srv/app/conf/app.yaml"), "a: 1\n");
  writeFileSync(join(R, "opt/tools/check"), "#!/bin/sh\n");
  symlinkSync(join(R, "etc/passwd"), join(R, "var/log/pw"));
});
afterAll(() => rmSync(R, { recursive: true, force: true }));

/** The real authorizer, recording "<action> <Type>::"<id>" → Allow/Deny" for every request. */
function sdk(policy: string, user = "ops") {
  const az = new RexAuthorizer(cedar, loadPolicy(cedar, policy.replaceAll('::"/', `::"${R}/`)).setId, user);
  const log: string[] = [];
  const rec = {
    user,
    isAllowed(req: AuthzRequest): boolean {
      const ok = az.isAllowed(req);
      log.push(`${req.action.id} ${req.resource.type.replace("file_system::", "")}::"${req.resource.id.replace(R, "")}" ${ok ? "Allow" : "Deny"}`);
      return ok;
    },
    denialMessage: (req: AuthzRequest) => az.denialMessage(req),
  };
  const registry = new Registry();
  registerFsSdk({ registry, authorizer: rec, log: () => {} });
  const call = (name: string, ...args: Value[]): Value => {
    const f = registry.functions.resolve(name, args.map((a) => registry.typeSpecOf(a)));
    if (!f) throw new Error(`no ${name}`);
    return f.fn({ pos: undefined, fnName: name, call: () => undefined, checkSize: () => {}, tick: () => {} } as never, [...args]);
  };
  const build = (ctor: string, setters: [string, Value][]): Value => {
    let b = call(ctor);
    for (const [k, v] of setters) b = call(k, b, v);
    return call("build", b);
  };
  const decide = (action: FsAction, kind: FsEntityKind, path: string, context?: Record<string, unknown>) => az.isAllowed(fsRequest(action, kind, R + path, context));
  /** An execute request (§6.4 context with empty arguments/environment); the SDK's execute is not implemented yet. */
  const decideExecute = (path: string) => {
    const req = fsRequest("execute", "File", R + path, {
      arguments: { __entity: { type: "file_system::Arguments", id: "a1" } },
      environment: { __entity: { type: "file_system::Environment", id: "e1" } },
      user: { username: user, uid: 1000 },
      group: { groupname: user, gid: 1000 },
    });
    req.entities.push(
      { uid: { type: "file_system::Arguments", id: "a1" }, attrs: { keys: [], flags: [], positional_values: [] }, parents: [] },
      { uid: { type: "file_system::Environment", id: "e1" }, attrs: { names: [] }, parents: [] },
    );
    return az.isAllowed(req);
  };
  return { az, log, call, build, decide, decideExecute };
}

const EX1 = `permit (
  principal == User::"ops",
  action in [file_system::Action::"open", file_system::Action::"read", file_system::Action::"stat"],
  resource in file_system::Dir::"/var/log"
);`;

describe.skipIf(process.platform !== "linux")("cedar.md §12 file examples through the SDK", () => {
  test("Example 1 — read-only access to a directory tree", () => {
    const s = sdk(EX1);
    expect(s.call("cat", `${R}/var/log/syslog`)).toBe("sys\n");
    expect(s.log).toEqual(['open Dir::"/var/log" Allow', 'open Dir::"/var/log" Allow', 'open File::"/var/log/syslog" Allow', 'read File::"/var/log/syslog" Allow']);
    expect(s.call("cat", `${R}/var/log/nginx/access.log`)).toBe("GET /\n");
    // write is not listed
    expect(errOf(() => s.call("write", `${R}/var/log/syslog`, "x"))).toBe(`PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"create" for file_system::File::${R}/var/log/syslog`);
    const fh = s.call("open_file", s.call("open", s.build("DirConfig", [["path", `${R}/var/log`]]), s.build("OpenDirOptions", [])), "syslog", s.build("OpenFileOptions", [["read", true]]));
    expect(errOf(() => s.call("write_in_place", fh, "x"))).toBe(`PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"write" for file_system::File::${R}/var/log/syslog`);
    // a parent, not a descendant
    expect(errOf(() => s.call("ls", `${R}/var`))).toBe(`PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"open" for file_system::Dir::${R}/var`);
    // another directory with a common prefix
    expect(errOf(() => s.call("cat", `${R}/var/logs/old.log`))).toBe(`PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"open" for file_system::Dir::${R}/var/logs`);
    // the resolved target of a symlink is outside the tree
    s.log.length = 0;
    const d = s.call("open", s.build("DirConfig", [["path", `${R}/var/log`]]), s.build("OpenDirOptions", []));
    expect(errOf(() => s.call("open_file", d, "pw", s.build("OpenFileOptions", [["read", true], ["follow_symlinks", true]])))).toBe(
      `PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"open" for file_system::File::${R}/etc/passwd`,
    );
    expect(s.log).toEqual(['open Dir::"/var/log" Allow', 'open File::"/var/log/pw" Allow', 'open File::"/etc/passwd" Deny']);
    // another principal
    const alice = sdk(EX1, "alice");
    expect(errOf(() => alice.call("cat", `${R}/var/log/syslog`))).toBe(`PermissionDenied: Permission denied: alice unauthorized to perform file_system::Action::"open" for file_system::Dir::${R}/var/log`);
  });

  test("Example 2 — everything in a directory except some actions", () => {
    const s = sdk(`permit (principal, action, resource in file_system::Dir::"/srv/app")
      unless { action in [file_system::Action::"execute", file_system::Action::"delete"] };`);
    s.call("write", [], `${R}/srv/app/conf/app.yaml`, "b: 2\n");
    expect(s.call("cat", `${R}/srv/app/conf/app.yaml`)).toBe("a: 1\nb: 2\n");
    s.call("write", `${R}/srv/app/tmp/upload`, "u");
    expect(s.log).toContain('create File::"/srv/app/tmp/upload" Allow');
    const dest = `${R}/srv/app/b`;
    expect(s.decide("move", "File", "/srv/app/a", { destination: { path: dest, name: "b", parent_path: `${R}/srv/app` } })).toBe(true);
    expect(s.decide("delete", "File", "/srv/app/data.db")).toBe(false);
    expect(s.decideExecute("/srv/app/bin/run.sh")).toBe(false);
    expect(s.decideExecute("/srv/app/conf/app.yaml")).toBe(false);
    expect(errOf(() => s.call("cat", `${R}/etc/hosts`))).toBe(`PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"open" for file_system::Dir::${R}/etc`);
  });

  test("Example 8 — redacted reading: read denied → redacted_read → dictionary load; neither → the read denial", () => {
    const s = sdk(`permit (principal, action == file_system::Action::"open", resource in file_system::Dir::"/var/log");
      permit (principal, action == file_system::Action::"redacted_read", resource == file_system::File::"/var/log/auth.log");`);
    // the dictionary lives at the fixed path /etc/opt/rex (not moved under R): with no permit for it the
    // load fails with the wrapped open denial, after the fallback decision
    const e = errOf(() => s.call("cat", `${R}/var/log/auth.log`));
    expect(e).toBe(
      'DirectoryOpenError: Directory error: Failed to open redaction dictionary directory: Permission denied: ops unauthorized to perform file_system::Action::"open" for file_system::Dir::/etc/opt/rex: /etc/opt/rex',
    );
    expect(s.log).toEqual([
      'open Dir::"/var/log" Allow',
      'open Dir::"/var/log" Allow',
      'open File::"/var/log/auth.log" Allow',
      'read File::"/var/log/auth.log" Deny',
      'redacted_read File::"/var/log/auth.log" Allow',
      'open Dir::"/etc/opt/rex" Deny',
    ]);
    s.log.length = 0;
    expect(errOf(() => s.call("cat", `${R}/var/log/syslog`))).toBe(`PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"read" for file_system::File::${R}/var/log/syslog`);
    expect(s.log.slice(-2)).toEqual(['read File::"/var/log/syslog" Deny', 'redacted_read File::"/var/log/syslog" Deny']);
  });

  test("Example 9 — action groups are invisible to file requests", () => {
    const s = sdk(`permit (principal, action in file_system::Action::"SafeIO", resource in file_system::Dir::"/opt/tools");`);
    expect(errOf(() => s.call("cat", `${R}/opt/tools/check`))).toBe(`PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"open" for file_system::Dir::${R}/opt/tools`);
    expect(s.decideExecute("/opt/tools/check")).toBe(true);
    expect(s.decide("read", "File", "/opt/tools/check")).toBe(false);
    expect(s.decide("open", "Dir", "/opt/tools")).toBe(false);
  });

  test("Example 10 — a broad permit with a forbidden subset", () => {
    const s = sdk(`permit (principal, action in [file_system::Action::"open", file_system::Action::"read", file_system::Action::"stat"], resource in file_system::Dir::"/etc");
      forbid (principal, action == file_system::Action::"read", resource) when { resource == file_system::File::"/etc/shadow" || resource in file_system::Dir::"/etc/ssl/private" };`);
    expect(s.call("cat", `${R}/etc/hosts`)).toBe("127.0.0.1 localhost\n");
    expect(errOf(() => s.call("cat", `${R}/etc/shadow`))).toBe(`PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"read" for file_system::File::${R}/etc/shadow`);
    expect(s.log.slice(-2)).toEqual(['read File::"/etc/shadow" Deny', 'redacted_read File::"/etc/shadow" Deny']);
    expect(errOf(() => s.call("cat", `${R}/etc/ssl/private/server.key`))).toBe(
      `PermissionDenied: Permission denied: ops unauthorized to perform file_system::Action::"read" for file_system::File::${R}/etc/ssl/private/server.key`,
    );
    const d = s.call("open", s.build("DirConfig", [["path", `${R}/etc/ssl/private`]]), s.build("OpenDirOptions", []));
    const fh = s.call("open_file", d, "server.key", s.build("OpenFileOptions", [["read", true]]));
    expect(s.call("file_size", s.call("metadata", fh))).toBe(4);
  });
});
