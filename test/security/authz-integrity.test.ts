// Adversarial: the decision itself. The entity checked is the resolved target, denials are
// not reused for different requests, audit mode never leaks into a normal run, and blocking
// host calls (FIFO open, sleep) are ended by the runner's timeout.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runScript as runCli } from "../cli/helpers.ts";
import { authz, denied, Recording, runScript, tempDir } from "./harness.ts";

let t = "";
beforeAll(() => {
  t = tempDir("rex-sec-authz-");
  mkdirSync(`${t}/allowed`);
  mkdirSync(`${t}/secret`);
  writeFileSync(`${t}/allowed/ok.txt`, "fine\n");
  writeFileSync(`${t}/secret/key`, "TOP SECRET\n");
  symlinkSync(`${t}/allowed`, `${t}/alias`); // outside name, allowed target
  symlinkSync(`${t}/secret`, `${t}/allowed/dlink`); // allowed name, outside target
  execFileSync("mkfifo", [`${t}/allowed/fifo`]);
});
afterAll(() => rmSync(t, { recursive: true, force: true }));

const POLICY = () => `permit(principal, action, resource in file_system::Dir::"${t}/allowed");`;
const isLinux = process.platform === "linux";

describe.skipIf(!isLinux)("the entity checked is the resolved target", () => {
  test("follow-mode directory open asks for the name and for the resolved directory", async () => {
    const rec = new Recording(await authz(POLICY()));
    const o = runScript('DirConfig().path(t + "/allowed/dlink").build().open(OpenDirOptions().follow_symlinks(true).build())', { az: rec, vars: { t } });
    expect(o.text).toBe(denied("open", "Dir", `${t}/secret`));
    expect(rec.log).toEqual([`open Dir::"${t}/allowed/dlink"`, `open Dir::"${t}/secret"`]);
  });

  test("an allowed target does not make an unallowed name acceptable (both are checked)", async () => {
    const rec = new Recording(await authz(POLICY()));
    const o = runScript('cat(t + "/alias/ok.txt")', { az: rec, vars: { t } });
    expect(o.text).toBe(denied("open", "Dir", `${t}/alias`));
    expect(rec.log).toEqual([`open Dir::"${t}/alias"`]);
  });

  test("cat authorizes the file inside the resolved parent, not the name as typed", async () => {
    const rec = new Recording(await authz(`${POLICY()} permit(principal, action, resource == file_system::Dir::"${t}/alias");`));
    const o = runScript('cat(t + "/alias/ok.txt")', { az: rec, vars: { t } });
    expect(o.text).toBe('ok: "fine\\n"');
    expect(rec.log).toEqual([`open Dir::"${t}/alias"`, `open Dir::"${t}/allowed"`, `open File::"${t}/allowed/ok.txt"`, `read File::"${t}/allowed/ok.txt"`]);
  });
});

describe.skipIf(!isLinux)("decisions are per request", () => {
  test("a denial is not reused for a different request, and an allow is not reused for a denied one", async () => {
    const az = await authz(POLICY());
    const src = `let r = []; for p in [t + "/secret/key", t + "/allowed/ok.txt", t + "/secret/key", t + "/allowed/ok.txt"] {
      try { r.push(cat(p)); } catch (e) { r.push(e.kind.to_string()); } } r`;
    expect(runScript(src, { az, vars: { t } }).text).toBe('ok: ["PermissionDenied", "fine\\n", "PermissionDenied", "fine\\n"]');
  });

  test("repeated identical requests are answered from the cache with the same decision", async () => {
    const az = await authz(POLICY());
    runScript('cat(t + "/allowed/ok.txt")', { az, vars: { t } });
    const calls = az.cedarCalls;
    expect(runScript('cat(t + "/allowed/ok.txt")', { az, vars: { t } }).text).toBe('ok: "fine\\n"');
    expect(az.cedarCalls).toBe(calls);
    expect(runScript('cat(t + "/secret/key")', { az, vars: { t } }).text).toBe(denied("open", "Dir", `${t}/secret`));
    expect(runScript('cat(t + "/secret/key")', { az, vars: { t } }).text).toBe(denied("open", "Dir", `${t}/secret`));
  });
});

describe.skipIf(!isLinux)("audit mode never leaks into a normal run", () => {
  test("an audit authorizer allows and records; a normal one built from the same policy still denies", async () => {
    const seen: string[] = [];
    const audit = await authz(POLICY(), { audit: true, onAuditDeny: (_r, text) => seen.push(text) });
    expect(runScript('cat(t + "/secret/key")', { az: audit, vars: { t } }).text).toBe('ok: "TOP SECRET\\n"');
    expect(audit.denials.map((d) => `${d.action.id} ${d.resource.id}`)).toEqual([`open ${t}/secret`, `open ${t}/secret/key`, `read ${t}/secret/key`]);
    expect(seen.length).toBe(3);
    const normal = await authz(POLICY());
    expect(runScript('cat(t + "/secret/key")', { az: normal, vars: { t } }).text).toBe(denied("open", "Dir", `${t}/secret`));
    expect(runScript('cat(t + "/secret/key")', { az: audit, vars: { t } }).text).toBe('ok: "TOP SECRET\\n"');
  });

  test("rex run without --audit denies after a run with --audit", () => {
    const policy = POLICY();
    const a = runCli(`cat("${t}/secret/key")`, ["--audit"], { policy });
    expect(a.json?.status).toBe("SUCCESS");
    const b = runCli(`cat("${t}/secret/key")`, [], { policy });
    expect(b.json?.error?.error_type).toBe("ACCESS_DENIED_EXCEPTION");
  });
});

describe.skipIf(!isLinux)("blocking host calls are ended by the runner's timeout", () => {
  test("cat of a FIFO with no writer (blocks in open, as in REX) ends with the timeout error", () => {
    const t0 = performance.now();
    const r = runCli(`cat("${join(t, "allowed/fifo")}")`, ["--timeout", "1"], { timeoutMs: 20_000 });
    expect(r.json?.error).toEqual({ error_type: "SCRIPT_EXCEPTION", message: "Script terminated: Timeout of 1 seconds exceeded [limit: --timeout=1]" });
    expect(performance.now() - t0).toBeLessThan(15_000);
  }, 25_000);

  test("sleep(100000) ends with the timeout error", () => {
    const t0 = performance.now();
    const r = runCli("sleep(100000)", ["--timeout", "1"], { timeoutMs: 20_000 });
    // sleep consults the progress hook between slices, so the engine itself stops it, at the call.
    expect(r.json?.error).toEqual({ error_type: "SCRIPT_EXCEPTION", message: "Script terminated: Timeout of 1 seconds exceeded [limit: --timeout=1] (line 1, position 1)" });
    expect(performance.now() - t0).toBeLessThan(15_000);
  }, 25_000);
});
