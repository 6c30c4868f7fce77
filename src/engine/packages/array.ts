// Standard library package: see rhai-stdlib.md. (Being written.)
import type { Registry } from "../registry.ts";

export function register(_reg: Registry): void {}
