// What every fs operation needs: the authorizer, the run's descriptor table and the host.

import { hostFs, type HostFs } from "../../host/index.ts";
import type { Authorizer, SdkContext } from "../context.ts";
import { FdTable } from "./handles.ts";

export interface FsRuntime {
  readonly az: Authorizer;
  readonly fds: FdTable;
  readonly h: HostFs;
  readonly ctx: SdkContext;
}

export function makeRuntime(ctx: SdkContext): FsRuntime {
  return { az: ctx.authorizer, fds: new FdTable(), h: hostFs(), ctx };
}
