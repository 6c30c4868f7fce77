// Policy loading (cedar.md §10): parse with cedar-wasm (pre-parsed, stateful API), validate
// against the embedded schema in strict mode, and add rex's lints (§10.3). Parsing and
// validation are separate steps so that `rex run` can validate on another thread while the
// script runs (validation only produces warnings unless --strict-policy).

import type { Cedar } from "./cedar.ts";
import { lintPolicy } from "./lints.ts";
import { provablyValid } from "./quick-validate.ts";
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

/** Texts that may need a lint (cedar.md §10.3); the precise check runs only then. */
const LINT_TRIGGER = /Action::"(SafeIO|SysinfoAction|NetworkAction|ProcessAction|SystemdAction|SysctlAction)"|\.\s*pid\b|(Sysinfo|Systemd|Sysctl|Uname)::"|\?(principal|resource)/;

/** Number of policies: statements start with permit/forbid outside strings and comments. */
function countPolicies(text: string): number {
  const stripped = text.replace(/"(?:[^"\\]|\\.)*"|\/\/[^\n]*/g, "");
  return (stripped.match(/\b(permit|forbid)\s*\(/g) ?? []).length;
}

function stripPolicyPrefix(msg: string): string {
  return msg.replace(/^for policy `[^`]*`, /, "");
}

/** A policy text parsed by one Cedar instance (pre-parsed as `setId`), not yet validated. */
export interface ParsedPolicy {
  readonly setId: string;
  readonly count: number;
  readonly text: string;
  /** Validate against the schema and lint (cedar.md §10.2–10.3); the costly part of loading. */
  validate(): PolicyProblem[];
}

/** Parse (pre-parse) a policy text without validating it. Throws PolicyParseError. */
export function parsePolicy(cedar: Cedar, text: string): ParsedPolicy {
  const map = new SourceMap(text);
  const setId = `rex${setCounter++}`;
  // Fast path: one pre-parse of the whole text. Policy texts and templates are split out
  // (a second wasm code path, costly at cold start) only when a template is present.
  const split = (): { policies: string[]; policy_templates: string[] } => {
    const parts = cedar.policySetTextToParts(text);
    if (parts.type === "failure") throw new PolicyParseError(details(parts.errors));
    return parts;
  };
  const details = (errs: { message: string; sourceLocations?: { start: number; label: string | null }[] }[]) =>
    errs
      .map((e) => {
        const loc = e.sourceLocations?.[0];
        let msg = e.message.replace(/^failed to parse policies from string: /, "");
        if (loc?.label) msg += ` (${loc.label})`;
        if (!loc) return msg;
        const p = map.at(loc.start);
        return `${msg} at line ${p.line}, column ${p.column}`;
      })
      .join("; ");
  let pset: { staticPolicies: string | Record<string, string>; templates?: Record<string, string> } = { staticPolicies: text };
  let pre = cedar.preparsePolicySet(setId, pset);
  let entries: { text: string; offset: number; template: boolean }[] | undefined;
  if (pre.type === "failure" && !/template/.test(pre.errors.map((e) => e.message).join(" "))) throw new PolicyParseError(details(pre.errors));
  const locate = () => {
    if (entries) return entries;
    const parts = split();
    let from = 0;
    const all = [
      ...parts.policies.map((t) => ({ t, template: false })),
      ...parts.policy_templates.map((t) => ({ t, template: true })),
    ];
    entries = all
      .map((p) => {
        const at = text.indexOf(p.t);
        return { text: p.t, offset: at < 0 ? from++ : at, template: p.template };
      })
      .sort((a, b) => a.offset - b.offset);
    return entries;
  };
  if (pre.type === "failure") {
    const staticPolicies: Record<string, string> = Object.create(null);
    const templates: Record<string, string> = Object.create(null);
    locate().forEach((e, i) => {
      (e.template ? templates : staticPolicies)[`policy${i}`] = e.text;
    });
    pset = { staticPolicies, templates };
    pre = cedar.preparsePolicySet(setId, pset);
    if (pre.type === "failure") throw new PolicyParseError(details(pre.errors));
  }
  const separate = typeof pset.staticPolicies !== "string";
  const count = separate ? locate().length : countPolicies(text);
  const validate = (): PolicyProblem[] => {
    let byteOffsets: number[] = [];
    let names: string[] = [];
    const prepareNames = () => {
      if (names.length) return;
      const es = locate();
      byteOffsets = es.map((e) => Buffer.byteLength(text.slice(0, e.offset)));
      names = es.map((e, i) => {
        const m = /^\s*(?:@\w+\s*\([^)]*\)\s*)*?@id\s*\(\s*"((?:[^"\\]|\\.)*)"\s*\)/.exec(e.text);
        return m ? m[1]! : `policy${i}`;
      });
    };
    const indexOf = (cedarId: string): number => {
      prepareNames();
      const m = /^policy(\d+)$/.exec(cedarId);
      const i = m ? Number(m[1]) : -1;
      return i >= 0 && i < names.length ? i : -1;
    };
    const problems: PolicyProblem[] = [];
    const push = (severity: "error" | "warning", index: number, loc: Located | undefined, message: string, relative = separate) => {
      prepareNames();
      const base = index >= 0 && relative ? byteOffsets[index]! : 0;
      const p = map.at(base + (loc ? loc.start : 0));
      problems.push({ severity, policy: index >= 0 ? names[index]! : "policy set", line: p.line, column: p.column, message });
    };
    if (count > 0 && !provablyValid(text)) {
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
    }
    if (count > 0 && LINT_TRIGGER.test(text))
      locate().forEach((e, i) => {
        for (const lint of lintPolicy(cedar, e.text, e.template)) push("warning", i, { start: lint.offset }, lint.message, true);
      });
    // Deduplicate identical lines (the validator reports one problem per applicable type).
    const seen = new Set<string>();
    return problems.filter((p) => {
      const k = `${p.severity}|${p.policy}|${p.line}|${p.column}|${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };
  return { setId, count, text, validate };
}

/** Would validating `text` (once it parses) need Cedar? False: it surely has no problems. */
export function needsCedarValidation(text: string): boolean {
  return !provablyValid(text) || LINT_TRIGGER.test(text);
}

/** Load a policy text: parse, validate, lint. Throws PolicyParseError on a syntax error. */
export function loadPolicy(cedar: Cedar, text: string): LoadedPolicy {
  const parsed = parsePolicy(cedar, text);
  return { setId: parsed.setId, count: parsed.count, problems: parsed.validate() };
}

/** `<policy id> at line L, column C: <message>` */
export function problemText(p: PolicyProblem): string {
  return `${p.policy} at line ${p.line}, column ${p.column}: ${p.message}`;
}
