// How the runner renders values of SDK and runner types (runner.md §5.2, sdk-system.md §1.6):
// by their readable type name as `type_of()` returns it (`DirHandle`, `MetricBuilder`), at top
// level and inside arrays and maps, unless the type registers its own display form.

import type { HostFormatter } from "../engine/format.ts";
import type { Registry } from "../engine/registry.ts";

export function typeNameFormatter(reg: Registry): HostFormatter {
  return (v) => {
    const info = reg.hostTypeOf(v);
    if (!info) return undefined;
    const display = info.display ? info.display(v) : info.name;
    return { display, debug: info.debug ? info.debug(v) : display };
  };
}
