// Patterns with the Rust `regex` crate's meaning on JavaScript's engine (runner.md §9.3,
// sdk-fs.md §1.9): Unicode-aware \d \s \w and their negations, and no look-around or
// back-references (Rust rejects them, so such a pattern does not compile here either).
// Every SDK function that takes a regex goes through this, so they all agree.

const ITEMS: Record<string, string> = {
  d: "\\p{Nd}",
  s: "\\p{White_Space}",
  w: "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}",
};

/** Compile a Rust-syntax pattern; undefined when Rust's regex would not accept it. */
export function rustRegex(src: string): RegExp | undefined {
  let out = "";
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === "\\") {
      const n = src[i + 1];
      if (n === undefined) return undefined;
      i++;
      const items = ITEMS[n.toLowerCase()];
      if (items !== undefined) {
        const negated = n !== n.toLowerCase();
        if (!negated) out += inClass ? items : `[${items}]`;
        else if (!inClass) out += `[^${items}]`;
        else if (n === "D" || n === "S") out += n === "D" ? "\\P{Nd}" : "\\P{White_Space}";
        else return undefined; // \W inside a class has no single-escape form here
        continue;
      }
      if (!inClass && n >= "1" && n <= "9") return undefined; // back-reference
      out += c + n;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (src[i + 1] === "^") out += src[++i];
      if (src[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (c === "(" && src[i + 1] === "?" && (src[i + 2] === "=" || src[i + 2] === "!" || (src[i + 2] === "<" && (src[i + 3] === "=" || src[i + 3] === "!")))) {
      return undefined; // look-around
    }
    out += c;
  }
  try {
    return new RegExp(out, "u");
  } catch {
    return undefined;
  }
}
