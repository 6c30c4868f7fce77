// A sound shortcut for schema validation (cedar.md §10.2) of the commonest policies: scope-only
// statements over the embedded schema's actions. Cedar's validator costs ~60 ms of CPU at cold
// start (its code runs for the first time); for a policy made only of statements of the form
//
//   permit|forbid (
//     principal [== User::"…"],
//     action == NS::Action::"a" | action in [NS::Action::"a", …],
//     resource [== NS::Type::"…" | in file_system::Dir::"…"]
//   );
//
// with known leaf actions, a resource type every listed action applies to (a Dir is the
// ancestor of every File and Dir, so `in Dir` fits every file_system action), and plain ASCII
// strings, strict validation has nothing to report, so Cedar need not be asked. Anything else
// (conditions, annotations, templates, groups, other operators, escapes, non-ASCII) returns
// false and the caller runs Cedar's validator. test/policy/quick-validate.test.ts checks the
// claim against Cedar for every shape accepted here.

import { actionInfo } from "./schema.ts";

type Tok = string;

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Tokens: identifiers, `"string"` (kept with its quotes), `::`, `==`, and ( ) [ ] , ; */
function tokenize(text: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === 0x22) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x22) break;
        if (d < 0x20 || d > 0x7e || d === 0x5c) return undefined;
      }
      if (j >= n) return undefined;
      out.push(text.slice(i, j + 1));
      i = j + 1;
    } else if ((c === 0x3a && text.charCodeAt(i + 1) === 0x3a) || (c === 0x3d && text.charCodeAt(i + 1) === 0x3d)) {
      out.push(text.slice(i, i + 2));
      i += 2;
    } else if (c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0x2c || c === 0x3b) {
      out.push(text[i]!);
      i++;
    } else {
      IDENT.lastIndex = i;
      const m = IDENT.exec(text);
      if (!m) return undefined;
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}

const isStr = (t: Tok | undefined): boolean => t !== undefined && t.length >= 2 && t[0] === '"';
const isIdent = (t: Tok | undefined): boolean => t !== undefined && /^[A-Za-z_]/.test(t);

/** True when strict validation of `text` against the embedded schema surely reports nothing. */
export function provablyValid(text: string): boolean {
  const t = tokenize(text);
  if (!t) return false;
  let i = 0;
  const eat = (s: string): boolean => (t[i] === s ? (i++, true) : false);
  let policies = 0;
  while (i < t.length) {
    if (!eat("permit") && !eat("forbid")) return false;
    if (!eat("(") || !eat("principal")) return false;
    if (eat("==")) {
      if (!eat("User") || !eat("::") || !isStr(t[i])) return false;
      i++;
    }
    if (!eat(",") || !eat("action")) return false;
    // actions: [namespace, info]
    const actions: [string, readonly string[]][] = [];
    const actionRef = (): boolean => {
      const ns = t[i];
      if (!isIdent(ns) || t[i + 1] !== "::" || t[i + 2] !== "Action" || t[i + 3] !== "::" || !isStr(t[i + 4])) return false;
      const name = t[i + 4]!.slice(1, -1);
      const info = actionInfo(`${ns}::Action`, name);
      if (!info) return false;
      actions.push([ns!, info.resources]);
      i += 5;
      return true;
    };
    if (eat("==")) {
      if (!actionRef()) return false;
    } else if (eat("in")) {
      if (!eat("[")) return false;
      do if (!actionRef()) return false;
      while (eat(","));
      if (!eat("]")) return false;
    } else return false;
    if (!eat(",") || !eat("resource")) return false;
    if (eat("==")) {
      const ns = t[i];
      const type = t[i + 2];
      if (!isIdent(ns) || t[i + 1] !== "::" || !isIdent(type) || t[i + 3] !== "::" || !isStr(t[i + 4])) return false;
      const full = `${ns}::${type}`;
      if (!actions.every(([, resources]) => resources.includes(full))) return false;
      i += 5;
    } else if (eat("in")) {
      if (!eat("file_system") || !eat("::") || !eat("Dir") || !eat("::") || !isStr(t[i])) return false;
      i++;
      if (!actions.every(([ns]) => ns === "file_system")) return false;
    }
    if (!eat(")") || !eat(";")) return false;
    policies++;
  }
  return policies > 0;
}
