// What `rex run` asks the runner to do (built by src/cli/run.ts) and the limit defaults
// (runner.md §1.2–1.3).

import type { OutputFormat } from "./output.ts";

export interface RunnerLimits {
  maxOperations: number;
  maxCallDepth: number;
  maxExprDepth: number;
  maxFunctionExprDepth: number;
  maxStringSize: number;
  maxArraySize: number;
  maxMapSize: number;
  /** seconds; 0 = none */
  timeout: number;
  /** MiB; 0 = unlimited */
  maxMemory: number;
}

export const DEFAULT_RUNNER_LIMITS: RunnerLimits = {
  maxOperations: 500_000_000,
  maxCallDepth: 64,
  maxExprDepth: 64,
  maxFunctionExprDepth: 32,
  maxStringSize: 134_217_728,
  maxArraySize: 10_000_000,
  maxMapSize: 1_000_000,
  timeout: 600,
  maxMemory: 2048,
};

/** Limit option name → [field, min, max] (0 allowed where it means unlimited). */
export const LIMIT_OPTIONS: Record<string, [keyof RunnerLimits, number, number]> = {
  "max-operations": ["maxOperations", 0, Number.MAX_SAFE_INTEGER],
  "max-call-depth": ["maxCallDepth", 1, 10_000],
  "max-expr-depth": ["maxExprDepth", 1, 10_000],
  "max-function-expr-depth": ["maxFunctionExprDepth", 1, 10_000],
  "max-string-size": ["maxStringSize", 0, Number.MAX_SAFE_INTEGER],
  "max-array-size": ["maxArraySize", 0, Number.MAX_SAFE_INTEGER],
  "max-map-size": ["maxMapSize", 0, Number.MAX_SAFE_INTEGER],
  timeout: ["timeout", 0, 31_536_000],
  "max-memory": ["maxMemory", 0, 1_048_576],
};

export interface RunRequest {
  /** Path as given, or "-" for stdin. */
  script: string;
  /** The script text when read from stdin by the CLI. */
  stdinText?: Uint8Array;
  policy?: string;
  args?: string;
  argsJson?: string;
  argList: [string, string][];
  format: OutputFormat;
  verbose: boolean;
  logLevel?: string;
  strictPolicy: boolean;
  explain: boolean;
  audit: boolean;
  auditOut?: string;
  legacyExitCodes: boolean;
  limits: RunnerLimits;
  /** epoch milliseconds (fractional) when the run started (§2 step 1) */
  startedAt: number;
}
