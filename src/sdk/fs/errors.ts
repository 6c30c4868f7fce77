// The file-system SDK's error model (sdk-fs.md §1.7): a Rhai runtime error whose value is
// `#{kind: <RhaiSafeIoErrorKind>, message, source: "IoErrorKind"}`. Denials (Cedar Deny, OS
// EACCES/EPERM) carry origin "denied" on both the map and the error (runner.md §5.3).

import { RhaiError } from "../../engine/errors.ts";
import { RMap } from "../../engine/value.ts";
import { Errno, osErrorText } from "../../host/index.ts";

/** The 25 kinds a script can see; the first 23 have `IoErrorKind::…` constants. */
export const KIND_NAMES = [
  "InvalidPath",
  "InvalidArguments",
  "InvalidFileMode",
  "ValidationError",
  "DirectoryOpenError",
  "DirectoryError",
  "FileError",
  "DestinationFileNotEmptyError",
  "NotFound",
  "DirectoryNotEmpty",
  "PermissionDenied",
  "AuthorizationError",
  "IdentityResolutionError",
  "UnsupportedOperationError",
  "FileContentTooLargeError",
  "FileCopyError",
  "FileReadError",
  "EntryTypeMismatchError",
  "IoError",
  "TryFromIntError",
  "RustixError",
  "Utf8Error",
  "Other",
  "CallbackError",
  "ProcessNamespaceFatalError",
] as const;

export type KindName = (typeof KIND_NAMES)[number];

/** Number of kinds that have a constant in the `IoErrorKind` module. */
export const KIND_CONSTANT_COUNT = 23;

/** A kind value (type_of `RhaiSafeIoErrorKind`); one interned instance per kind. */
export class RhaiSafeIoErrorKind {
  private constructor(readonly name: KindName) {}
  private static readonly all = new Map<string, RhaiSafeIoErrorKind>();
  static of(name: KindName): RhaiSafeIoErrorKind {
    let k = RhaiSafeIoErrorKind.all.get(name);
    if (!k) RhaiSafeIoErrorKind.all.set(name, (k = new RhaiSafeIoErrorKind(name)));
    return k;
  }
  toString(): string {
    return this.name;
  }
}

export const SOURCE = "IoErrorKind";

function quote(s: string): string {
  return JSON.stringify(s);
}

/** An SDK error: throw the result. */
export function fsError(kind: KindName, message: string, denied = false): RhaiError {
  const map = new RMap();
  map.set("kind", RhaiSafeIoErrorKind.of(kind));
  map.set("message", message);
  map.set("source", SOURCE);
  const display = `Runtime error: #{"kind": ${kind}, "message": ${quote(message)}, "source": ${quote(SOURCE)}}`;
  const err = new RhaiError("ErrorRuntime", display, undefined, map);
  if (denied) {
    map.origin = "denied";
    err.origin = "denied";
  }
  return err;
}

/** An OS failure: `<strerror> (os error N)`; EACCES/EPERM are denials. */
export function osError(errno: number, kind: KindName = "IoError"): RhaiError {
  return fsError(kind, osErrorText(errno), errno === Errno.EACCES || errno === Errno.EPERM);
}

/** A plain-string runtime error (builder errors, §1.7). */
export function stringError(message: string): RhaiError {
  return new RhaiError("ErrorRuntime", `Runtime error: ${message}`, undefined, message);
}

/** Is this thrown value an SDK error map of the given kind? (for tests and internal retries) */
export function errorKindOf(e: unknown): KindName | undefined {
  if (e instanceof RhaiError && e.value instanceof RMap) {
    const k = e.value.get("kind");
    if (k instanceof RhaiSafeIoErrorKind) return k.name;
  }
  return undefined;
}
