// The engine's progress hook (runner.md §4.4): signals (through a shared flag set by the
// main thread), the critical-error flag, the timeout, the memory limit, and monitoring
// samples (§7.1). Called every ~1000 operations; cheap on the common path.

import { readFileSync } from "node:fs";

export const FLAG_NONE = 0;
export const FLAG_SIGTERM = 1;
export const FLAG_SIGINT = 2;

export class Monitor {
  private deadline = Infinity;
  private nextMemCheck = 0;
  private nextSample = 0;
  private rss: number[] = [];
  private vsz: number[] = [];
  critical: string | undefined;
  private cpuBase = process.cpuUsage();
  private wallBase = performance.now();

  constructor(
    private readonly flags: Int32Array | undefined,
    private readonly timeoutSec: number,
    private readonly maxMemoryMiB: number,
    readonly monitoring: boolean,
  ) {}

  /** Start the clocks (compilation start). */
  start(): void {
    if (this.timeoutSec > 0) this.deadline = performance.now() + this.timeoutSec * 1000;
  }

  baseline(): void {
    this.cpuBase = process.cpuUsage();
    this.wallBase = performance.now();
  }

  readonly progress = (): string | undefined => {
    const f = this.flags ? Atomics.load(this.flags, 0) : 0;
    if (f === FLAG_SIGTERM) return "SIGTERM timeout exceeded";
    if (f === FLAG_SIGINT) return "Interrupted by SIGINT";
    if (this.critical !== undefined) return this.critical || "Script terminated due to critical error";
    const t = performance.now();
    if (t > this.deadline) return `Timeout of ${this.timeoutSec} seconds exceeded [limit: --timeout=${this.timeoutSec}]`;
    if (t >= this.nextMemCheck) {
      this.nextMemCheck = t + 100;
      if (this.maxMemoryMiB > 0) {
        const rss = process.memoryUsage.rss();
        if (rss > this.maxMemoryMiB * 1048576)
          return `Memory limit of ${this.maxMemoryMiB} MiB exceeded [limit: --max-memory=${this.maxMemoryMiB}]`;
      }
      if (this.monitoring && t >= this.nextSample) this.sample(t);
    }
    return undefined;
  };

  sample(t = performance.now()): void {
    if (!this.monitoring) return;
    this.nextSample = t + 1000;
    this.rss.push(process.memoryUsage.rss() / 1048576);
    try {
      const pages = Number(readFileSync("/proc/self/statm", "latin1").split(" ")[0]);
      if (Number.isFinite(pages)) this.vsz.push((pages * 4096) / 1048576);
    } catch {
      // no /proc: no virtual size
    }
  }

  /** [cpu percent, rss average, vsz average] (the averages undefined without samples). */
  usage(): [number, number | undefined, number | undefined] {
    const cpu = process.cpuUsage(this.cpuBase);
    const wall = (performance.now() - this.wallBase) * 1000;
    const pct = wall > 0 ? (100 * (cpu.user + cpu.system)) / wall : 0;
    const avg = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : undefined);
    return [pct, avg(this.rss), avg(this.vsz)];
  }
}
