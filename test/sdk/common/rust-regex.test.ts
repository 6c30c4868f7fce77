// Rust `regex` semantics on JavaScript's engine (runner.md §9.3: Unicode-aware \d \s \w, no
// look-around, no back-references).
import { expect, test } from "bun:test";
import { rustRegex } from "../../../src/sdk/common/rust-regex.ts";

const m = (pattern: string, text: string): boolean | "rejected" => {
  const re = rustRegex(pattern);
  return re === undefined ? "rejected" : re.test(text);
};

test.each([
  // Unicode-aware classes
  ["\\d+", "\u0663\u0664", true], // ARABIC-INDIC digits
  ["^\\d$", "x", false],
  ["^\\D$", "\u0663", false],
  ["^\\D$", "x", true],
  ["^\\w+$", "héllo_ß\u0663", true],
  ["^\\W$", "é", false],
  ["^\\W$", "-", true],
  ["^\\s$", "\u00a0", true], // no-break space is White_Space
  ["^\\S+$", "a\u00a0b", false],
  // inside character classes
  ["^[\\d]+$", "12\u0663", true],
  ["^[\\D]$", "7", false],
  ["^[\\S]$", " ", false],
  ["^[a\\w]$", "é", true],
  ["^[]a]+$", "]a", true],
  ["^[^]a]$", "b", true],
  // other syntax passes through
  ["a.c", "abc", true],
  ["\\.", "a", false],
  ["(ab)+", "abab", true],
  // what Rust's regex rejects
  ["a(?=b)", "ab", "rejected"],
  ["a(?!b)", "ac", "rejected"],
  ["(?<=a)b", "ab", "rejected"],
  ["(?<!a)b", "cb", "rejected"],
  ["(a)\\1", "aa", "rejected"],
  ["[\\W]", "-", "rejected"],
  ["(unclosed", "(unclosed", "rejected"],
  ["trailing\\", "trailing", "rejected"],
] as [string, string, boolean | "rejected"][])("%p on %p → %p", (pattern, text, want) => {
  expect(m(pattern, text)).toBe(want);
});
