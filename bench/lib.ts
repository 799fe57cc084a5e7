/**
 * Small helpers shared by the benchmarks in bench/: timing (wall and CPU), alternating
 * rounds, medians, machine description and a results table. Each benchmark is a module that
 * exports a `Benchmark` and is listed in bench/run.ts.
 */
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** One measured figure of a benchmark. */
export interface Measurement {
  /** What was measured, e.g. `compiled rules (raw)`. */
  name: string;
  /** Items (persons, rows) per second of wall-clock time (median over rounds). */
  perSecond: number;
  /** Items per second of process CPU time (user + system), robust when the machine is busy. */
  perCpuSecond: number;
  /** Items per measured run. */
  items: number;
  /** Median wall time of one run over all items, ms. */
  ms: number;
  /** Extra figures (ratios, RSS, targets) for the report. */
  notes?: string[];
}

/** A result of one benchmark. */
export interface BenchResult {
  title: string;
  measurements: Measurement[];
  /** Lines to print below the table (ratios, targets met or not). */
  summary: string[];
  /** False when a correctness check (identical decisions) failed: the process exits non-zero. */
  ok: boolean;
}

/** Options every benchmark gets from the command line. */
export interface BenchOptions {
  /** Number of persons / rows (scaled down for a quick run). */
  size: number;
  /** Number of measured rounds after warm-up. */
  rounds: number;
}

export interface Benchmark {
  name: string;
  description: string;
  /** Why it cannot run here, or null when it can. */
  unavailable?: () => string | null;
  run: (options: BenchOptions) => Promise<BenchResult>;
}

/** Wall and CPU time of one call. */
export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Synchronous variant of {@link timeIt} (no promise in the timed path). */
export function timeSync<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  if (s.length === 0) return Number.NaN;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Collects per-round timings of one contender and turns them into a measurement. */
export class Series {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];
  constructor(
    readonly name: string,
    readonly items: number,
  ) {}
  add(t: { wallMs: number; cpuMs: number }, repeats = 1): void {
    this.wall.push(t.wallMs / repeats);
    this.cpu.push(t.cpuMs / repeats);
  }
  measurement(notes?: string[]): Measurement {
    const ms = median(this.wall);
    const cpuMs = median(this.cpu);
    return {
      name: this.name,
      items: this.items,
      ms,
      perSecond: (this.items / ms) * 1000,
      perCpuSecond: cpuMs > 0 ? (this.items / cpuMs) * 1000 : Number.NaN,
      ...(notes !== undefined ? { notes } : {}),
    };
  }
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return 'n/a';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

export function formatTable(r: BenchResult): string {
  const rows = r.measurements.map((m) => [m.name, String(m.items), m.ms.toFixed(1), formatRate(m.perSecond), formatRate(m.perCpuSecond), (m.notes ?? []).join('; ')]);
  const head = ['contender', 'items', 'ms/run (median)', 'wall rate', 'CPU rate', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** CPU model, core count, Node version and load: printed with every run and kept in the docs. */
export function machine(): Record<string, string> {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const m = /^model name\s*:\s*(.+)$/m.exec(info);
    if (m?.[1] !== undefined) model = m[1].trim();
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    cpu: model,
    cores: String(availableParallelism()),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load: loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };
}
