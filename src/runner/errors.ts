// Turning the error that ended a script into the result's message and error type
// (runner.md §5.3–5.4, limit hints of §1.3).

import { RhaiError } from "../engine/errors.ts";
import { toDisplay } from "../engine/format.ts";
import type { Registry } from "../engine/registry.ts";
import { RMap } from "../engine/value.ts";
import type { RunnerLimits } from "./request.ts";

const KIND_SOURCES = new Set([
  "IoErrorKind",
  "ProcessErrorKind",
  "DiskinfoErrorKind",
  "SysteminfoErrorKind",
  "NetworkErrorKind",
  "CommonUtilsErrorKind",
]);

function posText(e: RhaiError): string {
  return e.pos ? ` (line ${e.pos.line}, position ${e.pos.pos})` : "";
}

/** The `[limit: --option=value]` hint for a limit error, or "". */
export function limitHint(e: RhaiError, limits: RunnerLimits): string {
  switch (e.kind) {
    case "ErrorTooManyOperations":
      return ` [limit: --max-operations=${limits.maxOperations}]`;
    case "ErrorStackOverflow":
      return ` [limit: --max-call-depth=${limits.maxCallDepth}]`;
    case "ErrorDataTooLarge":
      if (e.message.startsWith("Length of string")) return ` [limit: --max-string-size=${limits.maxStringSize}]`;
      if (e.message.startsWith("Size of object map")) return ` [limit: --max-map-size=${limits.maxMapSize}]`;
      return ` [limit: --max-array-size=${limits.maxArraySize}]`;
    case "ErrorParsing":
      if (e.message.includes("Expression exceeds maximum complexity"))
        return ` [limit: --max-expr-depth=${limits.maxExprDepth}, --max-function-expr-depth=${limits.maxFunctionExprDepth}]`;
      if (e.message.includes("Length of string exceeds the maximum limit"))
        return ` [limit: --max-string-size=${limits.maxStringSize}]`;
      return "";
  }
  return "";
}

/** Display of an error map (rule 1): `<source>: <kind>: <message>`. */
function mapText(m: RMap, reg: Registry): string {
  const source = m.has("source") ? toDisplay(m.get("source")) : "Unknown";
  const kind = m.get("kind");
  let kindText = "Unknown";
  if (kind !== null && typeof kind === "object" && !(kind instanceof RMap) && !Array.isArray(kind)) {
    const info = reg.hostTypeOf(kind);
    if (info && (KIND_SOURCES.has(info.name) || /ErrorKind$/.test(info.name))) kindText = toDisplay(kind);
  }
  const message = m.has("message") ? toDisplay(m.get("message")) : "No message available";
  return `${source}: ${kindText}: ${message}`;
}

/** The message of runner.md §5.4 for an uncaught error. */
export function errorMessage(e: RhaiError, reg: Registry, limits: RunnerLimits): string {
  if ((e.kind === "ErrorInFunctionCall" || e.kind === "ErrorInModule") && e.inner) {
    const tail = e.message.slice(e.message.lastIndexOf("\n") + 1);
    return `${errorMessage(e.inner, reg, limits)}\n${tail}${posText(e)}`;
  }
  if (e.kind === "ErrorRuntime" && e.value instanceof RMap) return mapText(e.value, reg) + posText(e);
  const hint = limitHint(e, limits);
  if (hint) {
    const prefix = e.kind === "ErrorParsing" ? "Syntax error: " : "";
    return `${prefix}${e.message}${hint}${posText(e)}`;
  }
  return e.toString();
}

/** Does the error that ended the script carry the *denied* origin (through wrappers)? */
export function isDenied(e: RhaiError, denialTexts: ReadonlySet<string>): boolean {
  let cur: RhaiError | undefined = e;
  while (cur) {
    if (cur.origin === "denied") return true;
    if (cur.value instanceof RMap && cur.value.origin === "denied") return true;
    if (cur.kind === "ErrorRuntime" && typeof cur.value === "string" && denialTexts.has(cur.value)) return true;
    if (cur.kind !== "ErrorInFunctionCall" && cur.kind !== "ErrorInModule") break;
    cur = cur.inner;
  }
  return false;
}

/** Is this a termination or limit (SCRIPT_EXCEPTION regardless of origin)? */
export function isLimitOrTermination(e: RhaiError): boolean {
  return !e.catchable && e.kind !== "ErrorParsing";
}
