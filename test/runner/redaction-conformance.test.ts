// runner.md §9.3 template → pattern rules, checked against the fs SDK's converter.
import { expect, test } from "bun:test";
import { redactLines, templateToRegex } from "../../src/sdk/fs/redaction.ts";

const matches = (template: string, line: string): boolean | "ignored" => {
  const re = templateToRegex(template);
  return re === undefined ? "ignored" : re.test(line);
};

test.each([
  ["Accepted publickey for %s from %s port %d", "Accepted publickey for alice from 10.0.0.5 port 53122 ssh2: ED25519 SHA256:abc", true],
  ["Accepted publickey for %s from %s port %d", "Failed password for root from 203.0.113.9 port 22 ssh2", false],
  ["session opened for user %s", "pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)", true],
  ["a %lld b", "a -5 b", true],
  ["a %zd b", "a -5 b", true],
  ["a %llu b", "a 5 b", true],
  ["a %u b", "a -5 b", false],
  ["x %f", "x 1.0", "ignored"],
  ["x %% y", "x % y", "ignored"],
  ["x %i", "x 1", "ignored"],
  ["x %c", "x c", "ignored"],
  ["x %p", "x 0x1", "ignored"],
  ["a.c", "abc", true],
  ["(unclosed", "(unclosed", "ignored"],
] as [string, string, boolean | "ignored"][])("§9.3 %p on %p → %p", (template, line, want) => {
  expect(matches(template, line)).toBe(want);
});

test("§9.4 lines as str::lines, [REDACTED] for the rest, no final newline; no pattern redacts all", () => {
  const keep = [templateToRegex("keep")!];
  expect(redactLines("keep\r\nno\r\nkeep\n", keep)).toBe("keep\n[REDACTED]\nkeep");
  expect(redactLines("keep\r\r\n", keep)).toBe("keep\r");
  expect(redactLines("a\nb", [])).toBe("[REDACTED]\n[REDACTED]");
});

test("§9.3 a % at the end of the line (possibly after flags or modifiers) gives nothing", () => {
  expect(matches("end %", "the end ")).toBe(true);
  expect(matches("end %-5l", "the end ")).toBe(true);
});
test("§9.3 flags/width/precision are any run of 0-9 # - + space . * (in any order)", () => {
  expect(matches("x %#+ -*.5d", "x 5")).toBe(true);
  expect(matches("x %5-d", "x -5")).toBe(true);
});
test("§9.3 Rust regex semantics: Unicode-aware \\d (and \\S, \\w)", () => {
  expect(matches("n %d", "n \u0663")).toBe(true);
});
