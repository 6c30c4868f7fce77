// The engine's outward face: options, limits and the Engine/Program contract that the
// runner and the SDKs use. Implemented by engine.ts.

import type { Position } from "./errors.ts";
import type { Registry } from "./registry.ts";
import type { Value } from "./value.ts";

export interface Limits {
  /** 0 = unlimited. */
  maxOperations: number;
  /** Script-function call depth (default 64). */
  maxCallLevels: number;
  /** Expression nesting at top level (default 64) and inside functions (default 32). */
  maxExprDepth: number;
  maxFunctionExprDepth: number;
  /** UTF-8 bytes; 0 = unlimited. */
  maxStringSize: number;
  /** Elements, counted recursively; 0 = unlimited. */
  maxArraySize: number;
  maxMapSize: number;
  /** 0 = unlimited. */
  maxVariables: number;
  maxFunctions: number;
  maxModules: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxOperations: 0,
  maxCallLevels: 64,
  maxExprDepth: 64,
  maxFunctionExprDepth: 32,
  maxStringSize: 0,
  maxArraySize: 0,
  maxMapSize: 0,
  maxVariables: 0,
  maxFunctions: 0,
  maxModules: 0,
};

export interface EngineOptions {
  /** Strict variables (§14). Default true (the rex profile). */
  strictVariables?: boolean;
  /** Words/symbols that are lex errors (`reserved keyword 'eval' is disabled`). Default ["eval"]. */
  disabledSymbols?: string[];
  limits?: Partial<Limits>;
  /** `print(x)`: the to_string text. Default: ignore. */
  onPrint?: (text: string, pos: Position | undefined) => void;
  /** `debug(x)`: the debug text. Default: ignore. */
  onDebug?: (text: string, pos: Position | undefined) => void;
  /**
   * Called every few thousand operations (and at every loop iteration's check point);
   * returning a string stops the script with ErrorTerminated (`Script terminated` + reason).
   */
  progress?: () => string | undefined;
  /**
   * The identity of `import "path"` written in the module `importer` (its own id; undefined
   * for the main script), e.g. an absolute file path resolved against the importer's
   * directory. A module is compiled and run at most once per run per id; an import of an id
   * still loading fails with `Cyclic module import: <id>`. Default: the path as written.
   */
  moduleId?: (path: string, importer: string | undefined) => string;
  /**
   * Resolves `import "path"` (`id` as given by moduleId): returns the module's source text,
   * or undefined when there is no such module (`Module not found: <path>`). A RhaiError it
   * throws fails the import statement (positioned at the path when it has no position).
   */
  resolveModule?: (path: string, pos: Position | undefined, id: string) => string | undefined;
}

/** A compiled script: parse once, run many times. */
export interface Program {
  readonly source: string;
}

export interface EngineLike {
  readonly registry: Registry;
  /** Parse (and check) a script. Throws ParseError. `declared` are host variable names. */
  compile(source: string, declared?: readonly string[]): Program;
  /**
   * Run a compiled program with host variables (top-level, mutable). Returns the script's
   * value (or the `exit(v)` value). Throws RhaiError for uncaught errors.
   */
  run(program: Program, scope?: ReadonlyMap<string, Value>): Value;
}
