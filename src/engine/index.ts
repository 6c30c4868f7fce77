// The engine's public face for the runner and the SDKs.
export { Engine } from "./engine.ts";
export { DEFAULT_LIMITS } from "./api.ts";
export type { EngineLike, EngineOptions, Limits, Program } from "./api.ts";
export { ExitSignal, ParseError, RhaiError, isRhaiError } from "./errors.ts";
export type { ErrorKind, Position } from "./errors.ts";
export { Registry, StaticModule } from "./registry.ts";
export type { FnOptions, NativeContext, NativeFn, TypeSpec } from "./registry.ts";
export * from "./value.ts";
export { hostDisplay, toDebug, toDisplay } from "./format.ts";
