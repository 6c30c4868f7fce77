// `rex policy validate P`, `rex policy schema` (cedar.md §10.4) and `rex policy suggest FILE...`
// (cedar.md §11.3).

import { loadCedar } from "../policy/cedar.ts";
import { PolicyParseError, loadPolicy, problemText } from "../policy/load.ts";
import { SCHEMA_TEXT } from "../policy/schema.ts";
import { AuditRecordError, parseAuditRecords, suggestPolicy } from "../policy/suggest.ts";
import type { DenialRecord } from "../policy/authorizer.ts";
import { InputError, readText } from "../runner/inputs.ts";

export function policySchema(): number {
  process.stdout.write(SCHEMA_TEXT.endsWith("\n") ? SCHEMA_TEXT : `${SCHEMA_TEXT}\n`);
  return 0;
}

export async function policyValidate(path: string, format: string, denyWarnings: boolean): Promise<number> {
  let text: string;
  try {
    text = readText(path);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`rex: cannot read policy file: ${path}: ${e.message}\n`);
    return 6;
  }
  const cedar = await loadCedar();
  try {
    const loaded = loadPolicy(cedar, text);
    const errors = loaded.problems.filter((p) => p.severity === "error").length;
    const warnings = loaded.problems.length - errors;
    const valid = errors === 0 && !(denyWarnings && warnings > 0);
    if (format === "json") {
      process.stdout.write(
        `${JSON.stringify({ valid, policies: loaded.count, problems: loaded.problems.map((p) => ({ severity: p.severity, policy: p.policy, line: p.line, column: p.column, message: p.message })) })}\n`,
      );
    } else {
      let out = "";
      for (const p of loaded.problems) out += `policy ${p.severity}: ${problemText(p)}\n`;
      out += `${loaded.count} policies, ${errors} errors, ${warnings} warnings\n`;
      process.stdout.write(out);
    }
    return valid ? 0 : 5;
  } catch (e) {
    if (!(e instanceof PolicyParseError)) throw e;
    if (format === "json")
      process.stdout.write(
        `${JSON.stringify({ valid: false, policies: 0, problems: [{ severity: "error", policy: "policy set", line: 0, column: 0, message: e.message }] })}\n`,
      );
    else process.stdout.write(`policy error: ${e.message}\n0 policies, 1 errors, 0 warnings\n`);
    return 5;
  }
}

/** Audit records of every file, in order → a least-privilege policy on stdout (exit 0, 5, 6). */
export function policySuggest(paths: string[]): number {
  const records: DenialRecord[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readText(path);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      process.stderr.write(`rex: cannot read audit file: ${path}: ${e.message}\n`);
      return 6;
    }
    try {
      for (const r of parseAuditRecords(text)) records.push(r);
    } catch (e) {
      if (!(e instanceof AuditRecordError)) throw e;
      process.stderr.write(`rex: ${path}: ${e.message}\n`);
      return 5;
    }
  }
  process.stdout.write(suggestPolicy(records));
  return 0;
}
