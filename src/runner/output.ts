// Writing the result (runner.md §5.1, §5.6): compact JSON, pretty JSON (serde_json's
// formats, byte for byte) and the human format.

import { rustFloatDisplay, serdeFloat } from "./numbers.ts";
import type { RunResult } from "./result.ts";

/** A float that must be written the serde way. */
class F {
  constructor(readonly v: number) {}
}

/** An object whose members keep the given order (script-chosen keys such as "10" or "__proto__"). */
class O {
  constructor(readonly entries: readonly (readonly [string, J])[]) {}
}

type J = string | boolean | F | O | J[] | { [k: string]: J };

function toJ(r: RunResult): J {
  const o: { [k: string]: J } = { output: r.output, status: r.status };
  if (r.error) o.error = { error_type: r.error.error_type, message: r.error.message };
  if (r.alarms.length)
    o.alarms = r.alarms.map((a) => {
      const x: { [k: string]: J } = { alarm_type: a.alarm_type };
      if (a.alarm_details !== undefined) x.alarm_details = a.alarm_details;
      return x;
    });
  if (r.metrics.length)
    o.metrics = r.metrics.map((m) => {
      return {
        metric_name: m.metric_name,
        metric_value: new F(m.metric_value),
        metric_unit: m.metric_unit,
        metric_dimension: new O(m.metric_dimension),
        metric_timestamp: m.metric_timestamp,
      };
    });
  if (r.logs)
    o.logs = r.logs.map((l) => {
      const a: { [k: string]: J } = { timestamp: l.timestamp, level: l.level, message: l.message, line_number: l.line_number };
      if (l.rhai_api_name !== undefined) a.rhai_api_name = l.rhai_api_name;
      return { attributes: a };
    });
  return o;
}

function write(v: J, pretty: boolean, indent: string, out: string[]): void {
  if (typeof v === "string") out.push(JSON.stringify(v));
  else if (typeof v === "boolean") out.push(v ? "true" : "false");
  else if (v instanceof F) out.push(serdeFloat(v.v));
  else if (v instanceof O) writeMembers(v.entries, pretty, indent, out);
  else if (Array.isArray(v)) {
    if (v.length === 0) return void out.push("[]");
    const inner = indent + "  ";
    out.push("[");
    v.forEach((x, i) => {
      if (i) out.push(",");
      if (pretty) out.push("\n", inner);
      write(x, pretty, inner, out);
    });
    if (pretty) out.push("\n", indent);
    out.push("]");
  } else writeMembers(Object.entries(v), pretty, indent, out);
}

function writeMembers(entries: readonly (readonly [string, J])[], pretty: boolean, indent: string, out: string[]): void {
  if (entries.length === 0) return void out.push("{}");
  const inner = indent + "  ";
  out.push("{");
  entries.forEach(([k, x], i) => {
    if (i) out.push(",");
    if (pretty) out.push("\n", inner);
    out.push(JSON.stringify(k), pretty ? ": " : ":");
    write(x, pretty, inner, out);
  });
  if (pretty) out.push("\n", indent);
  out.push("}");
}

export function toJson(r: RunResult, pretty: boolean): string {
  const out: string[] = [];
  write(toJ(r), pretty, "", out);
  return out.join("");
}

export type OutputFormat = "json" | "pretty-json" | "human";

export interface Rendered {
  stdout: string;
  stderr: string;
}

/**
 * `tty`: stdout is a terminal (JSON gains a trailing newline). `color` / `colorErr`: the
 * human format may colour what goes to stdout (level tags) / stderr (`error:`); each stream
 * is coloured only when it is a terminal itself and NO_COLOR is not set (runner.md §5.6).
 */
export function render(
  r: RunResult,
  format: OutputFormat,
  opts: { verbose?: boolean; tty?: boolean; color?: boolean; colorErr?: boolean } = {},
): Rendered {
  if (format !== "human") {
    const s = toJson(r, format === "pretty-json");
    return { stdout: opts.tty ? `${s}\n` : s, stderr: "" };
  }
  const c = opts.color;
  let stdout = "";
  let stderr = "";
  if (opts.verbose && r.logs)
    for (const l of r.logs) {
      const tag = c ? `${levelColor(l.level)}[${l.level}]\x1b[0m` : `[${l.level}]`;
      stdout += `${tag} ${l.message}\n`;
    }
  if (r.status === "ERROR") stderr += `${opts.colorErr ? "\x1b[31merror:\x1b[0m" : "error:"} ${r.error!.message}\n`;
  else if (r.output !== "") stdout += `${r.output}\n`;
  if (opts.verbose && r.metrics.length) {
    stdout += "--- metrics ---\n";
    for (const m of r.metrics) stdout += `${m.metric_name}: ${rustFloatDisplay(m.metric_value)}\n`;
  }
  return { stdout, stderr };
}

function levelColor(l: string): string {
  switch (l) {
    case "ERROR":
      return "\x1b[31m";
    case "WARN":
      return "\x1b[33m";
    case "INFO":
      return "\x1b[32m";
    default:
      return "\x1b[2m";
  }
}
