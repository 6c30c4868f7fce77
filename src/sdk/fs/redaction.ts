// Redacted reads (sdk-fs.md §1.11): when `read` fails but `redacted_read` is allowed, lines
// that match no pattern of the redaction dictionary become `[REDACTED]`.

import { rustRegex } from "../common/rust-regex.ts";
import type { RhaiError } from "../../engine/errors.ts";
import { OpenDirOptions, OpenFileOptions } from "./builders.ts";
import { openDir } from "./dir_open.ts";
import { fsError, errorKindOf } from "./errors.ts";
import { openFile } from "./file_open.ts";
import { readFile } from "./file_ops.ts";
import type { FileHandle } from "./handles.ts";
import type { FsRuntime } from "./runtime.ts";
import { decodeUtf8, readToEnd } from "./text.ts";
import { SEEK_SET } from "../../host/types.ts";

export const DICT_DIR = "/etc/opt/rex";
export const DICT_FILE = "/etc/opt/rex/rex_redaction.config";

const dictionaries = new WeakMap<FsRuntime, RegExp[]>();

function escapeMessage(e: unknown): string {
  const err = e as RhaiError;
  const v = err.value;
  if (v instanceof Map) return String(v.get("message"));
  return String(err.message);
}

function wrapped(kind: "DirectoryOpenError" | "FileError", text: string, inner: unknown): RhaiError {
  return fsError(kind, text, (inner as RhaiError).origin === "denied");
}

/** Characters allowed between `%` and the conversion: flags, width, precision (§9.3). */
const SPEC_CHARS = "0123456789#-+ .*";

/**
 * One printf-style template → a regex (runner.md §9.3); undefined when the line uses an
 * unsupported conversion or the pattern does not compile. Text outside conversions is
 * regex syntax, copied unchanged.
 */
export function templateToRegex(line: string): RegExp | undefined {
  let src = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch !== "%") {
      src += ch;
      continue;
    }
    let j = i + 1;
    while (j < line.length && SPEC_CHARS.includes(line[j]!)) j++;
    while (j < line.length && (line[j] === "l" || line[j] === "z")) j++;
    if (j >= line.length) break; // `%` at the end of the line gives nothing
    const conv = line[j];
    if (conv === "s") src += "(\\S+)";
    else if (conv === "d") src += "(-?\\d+)";
    else if (conv === "u") src += "(\\d+)";
    else if (conv === "m") src += ".*?";
    else return undefined;
    i = j;
  }
  return rustRegex(src);
}

function loadDictionary(rt: FsRuntime): RegExp[] {
  const cached = dictionaries.get(rt);
  if (cached) return cached;
  let dir;
  try {
    dir = openDir(rt, DICT_DIR, new OpenDirOptions(false, false, true));
  } catch (e) {
    if (errorKindOf(e) === undefined) throw e;
    throw wrapped("DirectoryOpenError", `Directory error: Failed to open redaction dictionary directory: ${escapeMessage(e)}: ${DICT_DIR}`, e);
  }
  let text: string;
  try {
    const fh = openFile(rt, dir, "rex_redaction.config", new OpenFileOptions(true));
    text = readFile(rt, fh);
    fh.ref.close();
  } catch (e) {
    if (errorKindOf(e) === undefined) throw e;
    throw wrapped("FileError", `File error: Failed to open redaction dictionary file: ${escapeMessage(e)}: ${DICT_FILE}`, e);
  } finally {
    dir.ref.close();
  }
  const patterns: RegExp[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const re = templateToRegex(line);
    if (re) patterns.push(re);
  }
  dictionaries.set(rt, patterns);
  return patterns;
}

export function redactLines(content: string, patterns: readonly RegExp[]): string {
  if (content === "") return "";
  const lines = content.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "" && content.endsWith("\n")) lines.pop();
  return lines
    .map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l))
    .map((l) => (patterns.some((p) => p.test(l)) ? l : "[REDACTED]"))
    .join("\n");
}

/** The redacted content of `fh` (the read check failed with `failure`; redacted_read is allowed). */
export function redactedRead(rt: FsRuntime, fh: FileHandle, _failure: RhaiError): string {
  if (fh.fullPath === DICT_FILE)
    throw fsError("UnsupportedOperationError", "Unsupported Operation error: Trying to redacted_read the redaction dictionary is not supported/allowed");
  const patterns = loadDictionary(rt);
  let content: string;
  try {
    const b = readToEnd(rt.h, fh.fd);
    content = decodeUtf8(b);
  } finally {
    rt.h.lseek(fh.fd, 0, SEEK_SET);
  }
  return redactLines(content, patterns);
}
