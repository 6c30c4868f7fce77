// "May I?" for file-system operations: build the entity (validation errors are kind Other),
// ask the authorizer, and turn a Deny into a PermissionDenied error with origin "denied".
//
// Two hardening rules (docs/security.md): a path longer than PATH_MAX fails like the kernel
// would (ENAMETOOLONG) before any Cedar call, because the entity chain of a very deep path
// makes one Cedar evaluation take minutes; and a path that is not in lexical normal form
// (`//`, `/./`, trailing `/`) is checked verbatim (cedar.md §4.1) *and* in normal form, so
// that `/pub/./secret/key` cannot step around `forbid ... in Dir::"/pub/secret"`.

import { RhaiError } from "../../engine/errors.ts";
import { Errno } from "../../host/index.ts";
import {
  FsEntityError,
  fsRequest,
  lexicalNormal,
  type FsAction,
  type FsEntityKind,
  DIR_TYPE,
  FILE_TYPE,
} from "../../policy/entities/file_system.ts";
import type { AuthzRequest, Authorizer } from "../context.ts";
import { fsError, osError } from "./errors.ts";

/** Linux PATH_MAX, counting the terminating NUL. */
const PATH_MAX = 4096;

/** Build the request; entity validation failures become kind Other with the exact text. */
export function buildRequest(action: FsAction, kind: FsEntityKind, path: string): AuthzRequest {
  if (path.length * 3 >= PATH_MAX && Buffer.byteLength(path) >= PATH_MAX) throw osError(Errno.ENAMETOOLONG);
  try {
    return fsRequest(action, kind, path);
  } catch (e) {
    if (e instanceof FsEntityError) throw fsError("Other", e.message);
    throw e;
  }
}

/** The same request for the lexically normal form of its path; undefined when already normal. */
function normalTwin(req: AuthzRequest): AuthzRequest | undefined {
  const t = req.resource.type;
  if (t !== FILE_TYPE && t !== DIR_TYPE) return undefined;
  const id = req.resource.id;
  const n = lexicalNormal(id);
  if (n === id) return undefined;
  try {
    return fsRequest(req.action.id as FsAction, t === FILE_TYPE ? "File" : "Dir", n, req.context);
  } catch (e) {
    if (e instanceof FsEntityError) return undefined; // e.g. File "/." -> "/": the verbatim check decided
    throw e;
  }
}

function ask(az: Authorizer, req: AuthzRequest): boolean {
  try {
    return az.isAllowed(req);
  } catch (e) {
    if (e instanceof RhaiError) throw e;
    throw fsError("AuthorizationError", "Authorization check failed");
  }
}

/** The request Cedar denies (the verbatim one first, then its normal twin), or undefined. */
export function deniedRequest(az: Authorizer, req: AuthzRequest): AuthzRequest | undefined {
  if (!ask(az, req)) return req;
  const twin = normalTwin(req);
  if (twin !== undefined && !ask(az, twin)) return twin;
  return undefined;
}

/** Ask without throwing on Deny (for fallbacks such as redacted reads). */
export function allowed(az: Authorizer, req: AuthzRequest): boolean {
  return deniedRequest(az, req) === undefined;
}

export function denial(az: Authorizer, req: AuthzRequest): RhaiError {
  return fsError("PermissionDenied", az.denialMessage(req), true);
}

/** Authorize `action` on File/Dir `path` or throw the SDK error. */
export function authorize(az: Authorizer, action: FsAction, kind: FsEntityKind, path: string): void {
  const denied = deniedRequest(az, buildRequest(action, kind, path));
  if (denied) throw denial(az, denied);
}
