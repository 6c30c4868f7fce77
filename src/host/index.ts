// Picks the HostFs for the running OS. Import `hostFs()` and call it where needed (the
// bindings load lazily, on the first call that needs them).

import { darwinFs } from "./darwin/fs.ts";
import { linuxFs } from "./linux/fs.ts";
import type { HostFs } from "./types.ts";

export type { DirEnt, HostConstants, HostFs, Stat } from "./types.ts";
export { errnoName, Errno, osErrorText, strerror } from "./errno.ts";

const current: HostFs = process.platform === "darwin" ? darwinFs : linuxFs;

export function hostFs(): HostFs {
  return current;
}
