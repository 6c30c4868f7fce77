import { expect, test } from "bun:test";
import { redactLines, templateToRegex } from "../../../src/sdk/fs/redaction.ts";

test("dictionary templates (sdk-fs.md §1.11)", () => {
  const cases: [string, string, boolean][] = [
    ["user %s logged in", "user bob logged in", true],
    ["user %s logged in", "user  logged in", false],
    ["pid %d exited", "pid -12 exited", true],
    ["pid %u exited", "pid -12 exited", false],
    ["count %lu items", "count 7 items", true],
    ["count %zu items", "count 7 items", true],
    ["width %5.2d", "width 42", true],
    ["error: %m", "error: anything at all", true],
  ];
  for (const [tpl, line, want] of cases) expect([tpl, line, templateToRegex(tpl)!.test(line)]).toEqual([tpl, line, want]);
  expect(templateToRegex("100%% done")).toBeUndefined();
  expect(templateToRegex("bad %x")).toBeUndefined();
});

test("redaction keeps matching lines and joins with \\n (final newline lost)", () => {
  const pats = [templateToRegex("user %s")!];
  expect(redactLines("user a\nsecret\r\nuser b\n", pats)).toBe("user a\n[REDACTED]\nuser b");
  expect(redactLines("", pats)).toBe("");
  expect(redactLines("\n", pats)).toBe("[REDACTED]");
});
