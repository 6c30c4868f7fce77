// Policy loading (cedar.md §10): parse with cedar-wasm (pre-parsed, stateful API), validate
// against the embedded schema in strict mode, and add rex's lints (§10.3).

import type { Cedar } from "./cedar.ts";
import { lintPolicy } from "./lints.ts";
import { SCHEMA_TEXT } from "./schema.ts";

export interface PolicyProblem {
  severity: "error" | "warning";
  policy: string;
  line: number;
  column: number;
  message: string;
}

export interface LoadedPolicy {
  /** The pre-parsed policy set id for statefulIsAuthorized. */
  readonly setId: string;
  readonly count: number;
  readonly problems: PolicyProblem[];
}

export class PolicyParseError extends Error {
  constructor(public readonly details: string) {
    super(`Failed to parse Cedar policy - check syntax and structure: ${details}`);
  }
}

interface Located {
  start: number;
}

/** Byte offset → 1-based line and column (columns count characters). */
export class SourceMap {
  private readonly bytes: Uint8Array;
  constructor(text: string) {
    this.bytes = new TextEncoder().encode(text);
  }
  at(offset: number): { line: number; column: number } {
    let line = 1;
    let col = 1;
    const end = Math.min(offset, this.bytes.length);
    for (let i = 0; i < end; i++) {
      const b = this.bytes[i]!;
      if (b === 0x0a) {
        line++;
        col = 1;
      } else if ((b & 0xc0) !== 0x80) col++;
    }
    return { line, column: col };
  }
}

let setCounter = 0;

function stripPolicyPrefix(msg: string): string {
  return msg.replace(/^for policy `[^`]*`, /, "");
}

/** Load a policy text. Throws PolicyParseError on a syntax error. */
export function loadPolicy(cedar: Cedar, text: string): LoadedPolicy {
  const map = new SourceMap(text);
  const setId = `rex${setCounter++}`;
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === "failure") {
    const details = parts.errors
      .map((e) => {
        const loc = e.sourceLocations?.[0];
        let msg = e.message.replace(/^failed to parse policies from string: /, "");
        if (loc?.label) msg += ` (${loc.label})`;
        if (!loc) return msg;
        const p = map.at(loc.start);
        return `${msg} at line ${p.line}, column ${p.column}`;
      })
      .join("; ");
    throw new PolicyParseError(details);
  }
  // Policies and templates in file order; ids policy0, policy1, ... as Cedar numbers them.
  let from = 0;
  const all = [
    ...parts.policies.map((t) => ({ t, template: false })),
    ...parts.policy_templates.map((t) => ({ t, template: true })),
  ];
  const entries = all
    .map((p) => {
      const at = text.indexOf(p.t);
      return { text: p.t, offset: at < 0 ? from++ : at, template: p.template };
    })
    .sort((a, b) => a.offset - b.offset);
  const byteOffsets = entries.map((e) => Buffer.byteLength(text.slice(0, e.offset)));
  const names = entries.map((e, i) => {
    const m = /^\s*(?:@\w+\s*\([^)]*\)\s*)*?@id\s*\(\s*"((?:[^"\\]|\\.)*)"\s*\)/.exec(e.text);
    return m ? m[1]! : `policy${i}`;
  });
  const staticPolicies: Record<string, string> = Object.create(null);
  const templates: Record<string, string> = Object.create(null);
  entries.forEach((e, i) => {
    (e.template ? templates : staticPolicies)[`policy${i}`] = e.text;
  });
  const pset = { staticPolicies, templates };
  const pre = cedar.preparsePolicySet(setId, pset);
  if (pre.type === "failure") throw new PolicyParseError(pre.errors.map((e) => e.message).join("; "));
  const indexOf = (cedarId: string): number => {
    const m = /^policy(\d+)$/.exec(cedarId);
    const i = m ? Number(m[1]) : -1;
    return i >= 0 && i < names.length ? i : -1;
  };
  const problems: PolicyProblem[] = [];
  const push = (severity: "error" | "warning", index: number, loc: Located | undefined, message: string) => {
    const base = index >= 0 ? byteOffsets[index]! : 0;
    const p = map.at(base + (loc ? loc.start : 0));
    problems.push({ severity, policy: index >= 0 ? names[index]! : "policy set", line: p.line, column: p.column, message });
  };
  if (entries.length > 0) {
    const v = cedar.validate({ schema: SCHEMA_TEXT, policies: pset, validationSettings: { mode: "strict" } });
    if (v.type === "success") {
      for (const e of v.validationErrors)
        push("error", indexOf(e.policyId), e.error.sourceLocations?.[0], stripPolicyPrefix(e.error.message));
      for (const e of v.validationWarnings)
        push("warning", indexOf(e.policyId), e.error.sourceLocations?.[0], stripPolicyPrefix(e.error.message));
      for (const e of v.otherWarnings) push("warning", -1, undefined, e.message);
    } else {
      for (const e of v.errors) push("error", -1, undefined, e.message);
    }
    entries.forEach((e, i) => {
      for (const lint of lintPolicy(cedar, e.text, e.template)) push("warning", i, { start: lint.offset }, lint.message);
    });
  }
  // Deduplicate identical lines (the validator reports one problem per applicable type).
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const k = `${p.severity}|${p.policy}|${p.line}|${p.column}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { setId, count: entries.length, problems: unique };
}

/** `<policy id> at line L, column C: <message>` */
export function problemText(p: PolicyProblem): string {
  return `${p.policy} at line ${p.line}, column ${p.column}: ${p.message}`;
}
