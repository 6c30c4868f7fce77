// "May I?" for file-system operations: build the entity (validation errors are kind Other),
// ask the authorizer, and turn a Deny into a PermissionDenied error with origin "denied".

import { RhaiError } from "../../engine/errors.ts";
import { FsEntityError, fsRequest, type FsAction, type FsEntityKind } from "../../policy/entities/file_system.ts";
import type { AuthzRequest, Authorizer } from "../context.ts";
import { fsError } from "./errors.ts";

/** Build the request; entity validation failures become kind Other with the exact text. */
export function buildRequest(action: FsAction, kind: FsEntityKind, path: string): AuthzRequest {
  try {
    return fsRequest(action, kind, path);
  } catch (e) {
    if (e instanceof FsEntityError) throw fsError("Other", e.message);
    throw e;
  }
}

/** Ask without throwing on Deny (for fallbacks such as redacted reads). */
export function allowed(az: Authorizer, req: AuthzRequest): boolean {
  try {
    return az.isAllowed(req);
  } catch (e) {
    if (e instanceof RhaiError) throw e;
    throw fsError("AuthorizationError", "Authorization check failed");
  }
}

export function denial(az: Authorizer, req: AuthzRequest): RhaiError {
  return fsError("PermissionDenied", az.denialMessage(req), true);
}

/** Authorize `action` on File/Dir `path` or throw the SDK error. */
export function authorize(az: Authorizer, action: FsAction, kind: FsEntityKind, path: string): void {
  const req = buildRequest(action, kind, path);
  if (!allowed(az, req)) throw denial(az, req);
}
