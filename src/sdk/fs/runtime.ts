// What every fs operation needs: the authorizer, the run's descriptor table and the host.
// The authorizer given to operations stamps each request with the current call site (the
// script line and SDK function set by `enter`), for --explain and audit records.

import { hostFs, type HostFs } from "../../host/index.ts";
import type { AuthzRequest, Authorizer, SdkContext } from "../context.ts";
import { FdTable } from "./handles.ts";

export interface FsRuntime {
  readonly az: Authorizer;
  readonly fds: FdTable;
  readonly h: HostFs;
  readonly ctx: SdkContext;
  /** The SDK call in progress: script line (0 when unknown) and function name. */
  line: number;
  api: string;
}

export function makeRuntime(ctx: SdkContext): FsRuntime {
  const inner = ctx.authorizer;
  const rt: FsRuntime = {
    az: {
      get user() {
        return inner.user;
      },
      isAllowed(req: AuthzRequest): boolean {
        if (req.site === undefined && rt.api !== "") req.site = { line: rt.line, api: rt.api };
        return inner.isAllowed(req);
      },
      denialMessage: (req: AuthzRequest) => inner.denialMessage(req),
    },
    fds: new FdTable(),
    h: hostFs(),
    ctx,
    line: 0,
    api: "",
  };
  return rt;
}
