// Shared helpers for benchmarks: run a command, time it, summarise repeated measurements.
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "..", "..");
export const BIN = join(ROOT, "node_modules", ".bin");
export const BUN = join(BIN, "bun");
export const DENO = join(BIN, "deno");

export interface Sample {
  ms: number;
  result: string;
}

/** Run a command that prints one JSON line {ms, result}. */
export function runJson(cmd: string[], cwd = ROOT): Sample {
  const p = Bun.spawnSync(cmd, { cwd, stdout: "pipe", stderr: "pipe" });
  const out = p.stdout.toString().trim().split("\n").pop() ?? "";
  if (p.exitCode !== 0) throw new Error(`${cmd.join(" ")} failed (${p.exitCode}): ${p.stderr.toString()}`);
  return JSON.parse(out) as Sample;
}

/** Wall time of a whole process, in ms. */
export function wallMs(cmd: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): { ms: number; stdout: string; code: number } {
  const t0 = performance.now();
  const p = Bun.spawnSync(cmd, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdout: "pipe", stderr: "pipe" });
  const ms = performance.now() - t0;
  return { ms, stdout: p.stdout.toString(), code: p.exitCode ?? -1 };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

export function ratioLine(name: string, rex: number, peer: number, goal: number, peerName = "deno"): { line: string; ok: boolean } {
  const ratio = rex / peer;
  const ok = ratio <= goal;
  return {
    line: `${name.padEnd(26)} rex ${fmt(rex).padStart(8)} ms   ${peerName} ${fmt(peer).padStart(8)} ms   ratio ${ratio.toFixed(2).padStart(6)}x   goal <= ${goal}x ${ok ? "ok" : "MISSED"}`,
    ok,
  };
}
