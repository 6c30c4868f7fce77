// The principal (cedar.md §3): the user name of the effective uid, or "unknown".
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";

let cached: string | undefined;

export function effectiveUserName(): string {
  if (cached !== undefined) return cached;
  let name = "unknown";
  try {
    const euid = process.geteuid?.() ?? -1;
    const info = userInfo();
    if (info.uid === euid || euid < 0) name = info.username;
    else {
      for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
        const f = line.split(":");
        if (f.length > 2 && Number(f[2]) === euid) {
          name = f[0]!;
          break;
        }
      }
    }
  } catch {
    name = "unknown";
  }
  cached = name;
  return name;
}
