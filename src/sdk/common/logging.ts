// Script log functions (runner.md §4.2, §6): info/warn/error/trace take a string only and
// append one entry at their level with the line of the call. (`print` and `debug` are the
// language's built-ins; the runner routes them through the engine's onPrint/onDebug hooks.)

import type { Registry } from "../../engine/registry.ts";
import type { LogLevel } from "../context.ts";

export type ScriptLog = (level: LogLevel, message: string, line: number) => void;

export function registerLogFunctions(reg: Registry, log: ScriptLog): void {
  const levels: [string, LogLevel][] = [
    ["info", "INFO"],
    ["warn", "WARN"],
    ["error", "ERROR"],
    ["trace", "TRACE"],
  ];
  for (const [name, level] of levels)
    reg.fn(name, ["string"], (ctx, a) => {
      log(level, a[0] as string, ctx.pos?.line ?? 0);
      return undefined;
    });
}
