// The result of one run (runner.md §5.1) and the run's collectors: logs (§6), metrics and
// alarms (§7). Plain data, so it can cross from the worker to the main thread.

import type { LogLevel } from "../sdk/context.ts";
import { logTimestamp, now, rfc3339, type Instant } from "./numbers.ts";

export type ErrorType =
  | "VALIDATION_EXCEPTION"
  | "ACCESS_DENIED_EXCEPTION"
  | "INTERNAL_EXCEPTION"
  | "SCRIPT_EXCEPTION"
  | "COMMUNICATION_EXCEPTION";

export type MetricUnit = "UNDEFINED" | "COUNT" | "TIME" | "MEGABYTES" | "PERCENT";

export interface Metric {
  metric_name: string;
  metric_value: number;
  metric_unit: MetricUnit;
  /** [key, value] pairs in insertion order. */
  metric_dimension: [string, string][];
  metric_timestamp: string;
}

export interface Alarm {
  alarm_type: string;
  alarm_details?: string;
}

export interface LogEntry {
  timestamp: string;
  level: LogLevel;
  message: string;
  line_number: string;
  rhai_api_name?: string;
}

export interface RunResult {
  output: string;
  status: "SUCCESS" | "ERROR";
  error?: { error_type: ErrorType; message: string };
  alarms: Alarm[];
  metrics: Metric[];
  /** undefined on early aborts */
  logs?: LogEntry[];
  /** rex diagnostics for stderr (policy warnings, argument warnings), written after the result */
  diagnostics: string[];
  /** --explain blocks */
  explain: string[];
  /** --audit-out JSON lines (without trailing newline) */
  audit?: string[];
}

const SEVERITY: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

export function parseLevel(s: string | undefined): LogLevel | undefined {
  switch ((s ?? "").toUpperCase()) {
    case "TRACE":
      return "TRACE";
    case "DEBUG":
      return "DEBUG";
    case "INFO":
      return "INFO";
    case "WARN":
      return "WARN";
    case "ERROR":
      return "ERROR";
  }
  return undefined;
}

const MAX_ENTRIES = 1000;
const MAX_MESSAGE = 2048;

/** Cut a message longer than 2048 UTF-8 bytes at a character boundary ≤ 2035 bytes + `...[truncate]`. */
export function capLogMessage(m: string): string {
  if (m.length * 3 <= MAX_MESSAGE || Buffer.byteLength(m) <= MAX_MESSAGE) return m;
  let bytes = 0;
  let i = 0;
  for (const ch of m) {
    const c = ch.codePointAt(0)!;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes + n > 2035) break;
    bytes += n;
    i += ch.length;
  }
  return `${m.slice(0, i)}...[truncate]`;
}

export class LogBuffer {
  private entries: LogEntry[] = [];
  private dropped = false;
  constructor(private readonly level: LogLevel) {}

  add(level: LogLevel, message: string, line: number, api?: string, force = false): void {
    if (!force && SEVERITY[level] < SEVERITY[this.level]) return;
    const e: LogEntry = { timestamp: logTimestamp(now()), level, message: capLogMessage(message), line_number: String(line) };
    if (api !== undefined) e.rhai_api_name = api;
    this.entries.push(e);
    if (this.entries.length > MAX_ENTRIES * 2) this.trim();
  }

  private trim(): void {
    if (this.entries.length > MAX_ENTRIES) {
      this.entries = this.entries.slice(this.entries.length - MAX_ENTRIES);
      this.dropped = true;
    }
  }

  list(): LogEntry[] {
    this.trim();
    if (!this.dropped) return this.entries.slice();
    const first = this.entries[0]!;
    return [
      {
        timestamp: first.timestamp,
        level: "WARN",
        message: "Warning: Log buffer capacity exceeded. Some earlier log entries were removed to fit new logs.",
        line_number: "0",
      },
      ...this.entries,
    ];
  }
}

export class MetricStore {
  private readonly metrics: Metric[] = [];
  readonly alarms: Alarm[] = [];

  /** `at`: when the metric was taken (a script metric: when it was published); default now. */
  metric(name: string, value: number, unit: MetricUnit, dims: [string, string][], at: Instant = now()): void {
    const m: Metric = { metric_name: name, metric_value: value, metric_unit: unit, metric_dimension: dims, metric_timestamp: rfc3339(at) };
    const i = this.metrics.findIndex((x) => x.metric_name === name);
    if (i >= 0) this.metrics[i] = m;
    else this.metrics.push(m);
  }

  count(name: string, info: string): void {
    this.metric(name, 1, "COUNT", [["MetricInfo", info]]);
  }

  duration(name: string, ns: number): void {
    this.metric(name, ns, "TIME", [["MetricInfo", "Duration"]]);
  }

  alarm(type: string, details?: string): void {
    this.alarms.push(details === undefined ? { alarm_type: type } : { alarm_type: type, alarm_details: details });
  }

  list(): Metric[] {
    return this.metrics.slice();
  }
}

/** runner.md §5.5: more than 1024 UTF-8 bytes → first 1021 characters + `...`. */
export function truncateMessage(m: string): string {
  if (m.length <= 341 || Buffer.byteLength(m) <= 1024) return m;
  const chars = Array.from(m);
  return `${chars.slice(0, 1021).join("")}...`;
}

export const EXIT_CODES: Record<ErrorType | "SUCCESS", number> = {
  SUCCESS: 0,
  SCRIPT_EXCEPTION: 3,
  ACCESS_DENIED_EXCEPTION: 4,
  VALIDATION_EXCEPTION: 5,
  COMMUNICATION_EXCEPTION: 6,
  INTERNAL_EXCEPTION: 7,
};

export function exitCode(r: RunResult, legacy: boolean): number {
  if (!legacy) return EXIT_CODES[r.status === "SUCCESS" ? "SUCCESS" : r.error!.error_type];
  return r.logs === undefined && r.status === "ERROR" ? 1 : 0;
}
