// The principal (cedar.md §3): the user name of the effective uid, or "unknown".
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";

let cached: string | undefined;

export function effectiveUserName(): string {
  if (cached !== undefined) return cached;
  cached = lookUpUserName();
  return cached;
}

/** The user database entry for the effective uid, else os.userInfo(), else "unknown". */
function lookUpUserName(): string {
  const euid = process.geteuid?.() ?? -1;
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const f = line.split(":");
      if (f.length > 2 && f[0] && Number(f[2]) === euid) return f[0];
    }
  } catch {
    // no readable /etc/passwd: fall through
  }
  try {
    // Bun reports "unknown" when it cannot name the user itself (seen for uid 0).
    const info = userInfo();
    if ((info.uid === euid || euid < 0) && info.username) return info.username;
  } catch {
    // no entry for this uid
  }
  return "unknown";
}
