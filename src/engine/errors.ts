// Rhai errors (rhai-language.md §12). A RhaiError is thrown through the evaluator as a
// plain object (no JS stack capture: scripts may throw and catch in loops).

import type { Value } from "./value.ts";

export interface Position {
  line: number;
  pos: number;
}

export const NO_POS: Position | undefined = undefined;

export type ErrorKind =
  | "ErrorArithmetic"
  | "ErrorRuntime"
  | "ErrorVariableNotFound"
  | "ErrorFunctionNotFound"
  | "ErrorInFunctionCall"
  | "ErrorInModule"
  | "ErrorModuleNotFound"
  | "ErrorUnboundThis"
  | "ErrorMismatchDataType"
  | "ErrorMismatchOutputType"
  | "ErrorArrayBounds"
  | "ErrorStringBounds"
  | "ErrorBitFieldBounds"
  | "ErrorIndexingType"
  | "ErrorFor"
  | "ErrorPropertyNotFound"
  | "ErrorIndexNotFound"
  | "ErrorVariableExists"
  | "ErrorForbiddenVariable"
  | "ErrorDataRace"
  | "ErrorNonPureMethodCallOnConstant"
  | "ErrorAssignmentToConstant"
  | "ErrorDotExpr"
  | "ErrorParsing"
  | "ErrorTooManyOperations"
  | "ErrorTooManyVariables"
  | "ErrorTooManyModules"
  | "ErrorStackOverflow"
  | "ErrorDataTooLarge"
  | "ErrorTerminated"
  | "ErrorSystem";

const UNCATCHABLE = new Set<ErrorKind>([
  "ErrorParsing",
  "ErrorTooManyOperations",
  "ErrorTooManyVariables",
  "ErrorTooManyModules",
  "ErrorStackOverflow",
  "ErrorDataTooLarge",
  "ErrorTerminated",
  "ErrorSystem",
]);

export class RhaiError {
  /** Kind-specific keys of the caught error map (§12.4), e.g. {function: "foo (i64)"}. */
  extra: Record<string, Value> | undefined;
  /**
   * "denied" when raised by a host function because of a Cedar Deny or an OS EACCES/EPERM
   * (runner.md §5.3). Set by the SDK; read by the runner through any wrapping.
   */
  origin: string | undefined;
  constructor(
    public readonly kind: ErrorKind,
    /** The message without position, e.g. "Division by zero: 1 / 0". */
    public message: string,
    public pos: Position | undefined = undefined,
    /** ErrorRuntime: the thrown value. */
    public readonly value: Value = undefined,
    /** ErrorInFunctionCall / ErrorInModule: the wrapped error. */
    public readonly inner: RhaiError | undefined = undefined,
  ) {}

  get catchable(): boolean {
    return !UNCATCHABLE.has(this.kind);
  }

  /** Display text: message plus ` (line L, position P)` when positioned (§12.1). */
  toString(): string {
    return this.pos ? `${this.message} (line ${this.pos.line}, position ${this.pos.pos})` : this.message;
  }

  /** Set the position if none is set yet; returns this. */
  at(pos: Position | undefined): this {
    if (!this.pos && pos) this.pos = pos;
    return this;
  }

  with(extra: Record<string, Value>): this {
    this.extra = { ...this.extra, ...extra };
    return this;
  }
}

/** A parse (or lex) error; surfaces as `Syntax error: <message> (line L, position P)`. */
export class ParseError extends RhaiError {
  constructor(
    public readonly parseMessage: string,
    pos: Position | undefined,
  ) {
    super("ErrorParsing", parseMessage, pos);
  }
  override toString(): string {
    return `Syntax error: ${super.toString()}`;
  }
}

/** `exit(v)`: ends the whole script; passes through try/catch. */
export class ExitSignal {
  constructor(public readonly value: Value) {}
}

export function isRhaiError(e: unknown): e is RhaiError {
  return e instanceof RhaiError;
}
