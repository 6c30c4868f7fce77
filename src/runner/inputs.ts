// Reading the run's input files (runner.md §2 step 3, §5.3): UTF-8 or an error reason in
// REX's form (`No such file or directory (os error 2)`, `stream did not contain valid UTF-8`).

import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { Errno, osErrorText } from "../host/errno.ts";

export class InputError extends Error {}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function osReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  const n = code && code in Errno ? Errno[code as keyof typeof Errno] : undefined;
  return n !== undefined ? osErrorText(n) : String((e as Error).message ?? e);
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new InputError("stream did not contain valid UTF-8");
  }
}

/** Read a file as UTF-8; throws InputError with the reason. */
export function readText(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(osReason(e));
  }
  return decodeUtf8(bytes);
}

/** Check that the audit file's directory exists and is writable. */
export function checkWritableDir(path: string): void {
  const dir = dirname(path);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new InputError(osReason(e));
  }
}
