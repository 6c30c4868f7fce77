// Policy validation on the main thread (src/runner/policy-check.ts) gives the same warning
// lines as validating in the worker did (runner.md §2 step 4, cedar.md §10.2).
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCedar } from "../../src/policy/cedar.ts";
import { loadPolicy, problemText } from "../../src/policy/load.ts";
import { PolicyCheck } from "../../src/runner/policy-check.ts";

const dir = mkdtempSync(join(tmpdir(), "rex-policy-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLEAN = `permit (principal, action == file_system::Action::"open", resource == file_system::Dir::"/tmp");`;
const WRONG_TYPE = `permit (principal, action == file_system::Action::"read", resource == process_system::Process::"1");`;
const TWO = `${CLEAN}\n${WRONG_TYPE}\n`;
const BROKEN = `permit (principal, action, resource`;

async function expected(text: string): Promise<string[]> {
  return loadPolicy(await loadCedar(), text).problems.map((p) => `rex: policy warning: ${problemText(p)}`);
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("PolicyCheck", () => {
  test.each([
    ["no problems", CLEAN],
    ["a validation error becomes a warning line", WRONG_TYPE],
    ["problems located in a multi-policy file", TWO],
  ])("%s", async (_name, text) => {
    const lines = await new PolicyCheck(file(`${_name}.cedar`, text)).linesFor(text);
    expect(lines).toEqual(await expected(text));
    if (text !== CLEAN) {
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(l.startsWith("rex: policy warning: ")).toBe(true);
    }
  });

  test("the text the worker parsed wins when the file changed in between", async () => {
    const check = new PolicyCheck(file("changed.cedar", CLEAN));
    expect(await check.linesFor(WRONG_TYPE)).toEqual(await expected(WRONG_TYPE));
  });

  test("an unreadable file: the worker's text is validated", async () => {
    expect(await new PolicyCheck(join(dir, "missing.cedar")).linesFor(TWO)).toEqual(await expected(TWO));
  });

  test("no policy (audit mode) and a policy that does not parse give no lines", async () => {
    expect(await new PolicyCheck(undefined).linesFor("")).toEqual([]);
    expect(await new PolicyCheck(file("broken.cedar", BROKEN)).linesFor(BROKEN)).toEqual([]);
  });
});
