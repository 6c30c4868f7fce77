// REX_TRACE_STARTUP=1 (src/runner/startup-trace.ts): a phase breakdown on stderr from both
// threads, in order of the run, without changing the output; nothing without it.
import { describe, expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { rex } from "./helpers.ts";

const QS = resolve(import.meta.dir, "../../examples/quickstart");
const ARGS = ["run", join(QS, "script.rhai"), "--policy", join(QS, "policy.cedar"), "--args", join(QS, "args.json"), "-o", "human"];

describe("REX_TRACE_STARTUP", () => {
  test("prints every phase of both threads, the output is unchanged", () => {
    const r = rex(ARGS, { env: { REX_TRACE_STARTUP: "1" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Hello from REX!\n\n");
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    for (const l of lines) expect(l).toMatch(/^\[startup\] +\d+\.\d ms {2}(main  |worker) {2}[a-z ]+( {2}\(thread cpu \d+\.\d ms\))?$/);
    const labels = lines.map((l) => l.replace(/^\[startup\] +\d+\.\d ms {2}/, "").replace(/ {2}\(.*$/, ""));
    for (const want of [
      "main    entry",
      "main    worker started",
      "main    request posted",
      "main    cedar compiled",
      "worker  request received",
      "worker  script compiled",
      "worker  cedar ready",
      "worker  policy parsed",
      "worker  script evaluated",
      "worker  result ready",
      "main    result received",
      "main    output written",
    ])
      expect(labels).toContain(want);
    const at = (label: string) => Number(/^\[startup\] +(\d+\.\d)/.exec(lines[labels.indexOf(label)]!)![1]);
    expect(at("main    request posted")).toBeLessThanOrEqual(at("worker  request received"));
    expect(at("worker  result ready")).toBeLessThanOrEqual(at("main    result received"));
  });

  test("silent without it", () => {
    const r = rex(ARGS, { env: { REX_TRACE_STARTUP: "" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Hello from REX!\n\n");
    expect(r.stderr).toBe("");
  });
});
