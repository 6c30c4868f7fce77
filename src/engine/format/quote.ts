// Quoted-string escaping (rhai-language.md §11.2) for the debug form of strings and map keys,
// and the single-quoted char form of the host rendering (§11.3).

// Code points written as \u{..}: control, format, surrogate, private-use, unassigned,
// separators other than the ASCII space, and grapheme extenders (combining marks).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]/u;
// Anything that may need escaping; strings without any are returned quoted as is.
const NEEDS_WORK = /["\\\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]/u;

function escapeCodePoint(cp: number, ch: string, quote: number): string {
  switch (cp) {
    case 0x5c:
      return "\\\\";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x00:
      return "\\0";
    case 0x20:
      return " ";
  }
  if (cp === quote) return "\\" + ch;
  if (NON_PRINTABLE.test(ch)) return "\\u{" + cp.toString(16) + "}";
  return ch;
}

/** `"..."` with §11.2 escapes. */
export function quoteString(s: string): string {
  if (!NEEDS_WORK.test(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) out += escapeCodePoint(ch.codePointAt(0)!, ch, 0x22);
  return out + '"';
}

/** `'c'` with the same escapes, `\'` for a quote and `"` as is (host rendering of chars). */
export function quoteChar(cp: number): string {
  return "'" + escapeCodePoint(cp, String.fromCodePoint(cp), 0x27) + "'";
}
