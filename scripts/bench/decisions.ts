// Authorization decisions through rex's Authorizer (policy/authorizer.ts): the cost of one
// decision that reaches Cedar (cache miss) against one answered by the per-run decision
// cache (cedar.md §9), on a realistic policy: the quick-start's plus cedar.md §12 examples
// 1, 2 and 10. Requests are file-system requests with their full Dir chains, as the fs SDK
// builds them. Goal: a cached decision costs at most a tenth of an uncached one.
import { join } from "node:path";
import { RexAuthorizer } from "../../src/policy/authorizer.ts";
import { loadCedar } from "../../src/policy/cedar.ts";
import { fsRequest, type FsAction } from "../../src/policy/entities/file_system.ts";
import { loadPolicy } from "../../src/policy/load.ts";
import type { AuthzRequest } from "../../src/sdk/context.ts";
import { ROOT, median } from "./common.ts";

const GOAL = 0.1;
const N = Number(process.env.REX_BENCH_DECISIONS ?? 2000);
const ROUNDS = 5;

const EXTRA_POLICY = `
permit (
  principal == User::"ops",
  action in [file_system::Action::"open", file_system::Action::"read", file_system::Action::"stat"],
  resource in file_system::Dir::"/var/log"
);
permit (
  principal,
  action,
  resource in file_system::Dir::"/srv/app"
) unless {
  action in [file_system::Action::"execute", file_system::Action::"delete"]
};
permit (
  principal,
  action in [file_system::Action::"open", file_system::Action::"read", file_system::Action::"stat"],
  resource in file_system::Dir::"/etc"
);
forbid (
  principal,
  action == file_system::Action::"read",
  resource
) when {
  resource == file_system::File::"/etc/shadow" ||
  resource in file_system::Dir::"/etc/ssl/private"
};
`;

/** N distinct requests (every one a cache miss the first time), allowed and denied mixed. */
function requests(round: number): AuthzRequest[] {
  const shapes: [FsAction, "File" | "Dir", (i: number) => string][] = [
    ["read", "File", (i) => `/var/log/nginx/r${round}/access-${i}.log`],
    ["open", "Dir", (i) => `/var/log/app/r${round}/d${i}`],
    ["write", "File", (i) => `/srv/app/r${round}/conf/app-${i}.yaml`],
    ["delete", "File", (i) => `/srv/app/r${round}/data-${i}.db`],
    ["read", "File", (i) => `/etc/ssl/private/r${round}/k${i}.key`],
    ["stat", "File", (i) => `/etc/r${round}/hosts-${i}`],
    ["write", "File", (i) => `/tmp/r${round}/rex-hello-world-${i}`],
  ];
  const out: AuthzRequest[] = [];
  for (let i = 0; i < N; i++) {
    const [action, kind, path] = shapes[i % shapes.length]!;
    out.push(fsRequest(action, kind, path(i)));
  }
  return out;
}

function timeAll(auth: RexAuthorizer, reqs: AuthzRequest[]): { us: number; allowed: number } {
  let allowed = 0;
  const t0 = performance.now();
  for (const r of reqs) if (auth.isAllowed(r)) allowed++;
  return { us: ((performance.now() - t0) * 1000) / reqs.length, allowed };
}

export async function benchDecisions(): Promise<boolean> {
  const cedar = await loadCedar();
  const quickstart = await Bun.file(join(ROOT, "examples/quickstart/policy.cedar")).text();
  const loaded = loadPolicy(cedar, quickstart + EXTRA_POLICY);
  const errors = loaded.problems.filter((p) => p.severity === "error");
  if (errors.length) {
    console.log(`${"decisions".padEnd(26)} FAILED: the benchmark policy does not validate: ${errors[0]!.message}`);
    return false;
  }
  // Warm up Cedar's code paths (the first calls run in the wasm interpreter).
  const warm = new RexAuthorizer(cedar, loaded.setId, "ops");
  timeAll(warm, requests(-1));

  const uncached: number[] = [];
  const cached: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const auth = new RexAuthorizer(cedar, loaded.setId, "ops");
    const reqs = requests(round);
    const miss = timeAll(auth, reqs);
    const calls = auth.cedarCalls;
    // The same requests again, rebuilt as the SDK would (new objects, equal content).
    const again = requests(round);
    const hit = timeAll(auth, again);
    if (calls !== reqs.length || auth.cedarCalls !== calls || hit.allowed !== miss.allowed) {
      console.log(`${"decisions".padEnd(26)} FAILED: cache misbehaved (cedar calls ${calls} then ${auth.cedarCalls}, allowed ${miss.allowed} vs ${hit.allowed})`);
      return false;
    }
    uncached.push(miss.us);
    cached.push(hit.us);
  }
  const u = median(uncached);
  const c = median(cached);
  const ratio = c / u;
  const ok = ratio <= GOAL;
  console.log(`${"uncached decision".padEnd(26)} ${u.toFixed(1).padStart(8)} µs   (reaches Cedar; ${N} distinct requests)`);
  console.log(`${"cached decision".padEnd(26)} ${c.toFixed(1).padStart(8)} µs   (decision cache hit)`);
  console.log(`${"cached / uncached".padEnd(26)} ${ratio.toFixed(3).padStart(8)}x   goal <= ${GOAL}x ${ok ? "ok" : "MISSED"}`);
  return ok;
}

if (import.meta.main) process.exit((await benchDecisions()) ? 0 : 1);
