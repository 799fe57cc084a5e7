/**
 * `foerderregeln check` over a large CSV (default 1,000,000 rows), streamed: wall time and peak
 * RSS of the CLI as a child process (GNU `time -v` when present, and `process.resourceUsage()`
 * inside the child in any case). The CLI is bundled from src/ with esbuild first (as tsup does
 * for dist/cli.js), so the measurement does not depend on a stale build. The output is checked:
 * one row per input row, and the eligible count equals evaluateEligibilityBatch on the same
 * persons. Targets (issue 7 / DESIGN.md): < 10 s wall, < 300 MB peak RSS.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { evaluateEligibilityBatch } from '../src/domain/batch.js';
import { streamPersons } from '../src/synthetic/persons.js';
import type { Person } from '../src/contract/person.js';
import type { BenchOptions, BenchResult, Benchmark, Measurement } from './lib.js';

/** The package root: the nearest directory upwards holding src/cli (works from bench/ and from the bundle). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}
const ROOT = findRoot();
const ON = '2024-01-15';
const SEED = 2;
const COLUMNS = ['id', 'residenceStatus', 'accommodation', 'displacedFromUkraine', 'followUpSince', 'arrivalDate', 'goodProspects', 'justifiedExtension', 'district'] as const;

async function writeCsv(file: string, count: number): Promise<number> {
  const out = createWriteStream(file);
  out.write(`${COLUMNS.join(';')}\n`);
  let buf: string[] = [];
  let eligible = 0;
  let chunk: Person[] = [];
  const flushEval = (): void => {
    eligible += evaluateEligibilityBatch(chunk, { on: ON }).eligibleCount;
    chunk = [];
  };
  for (const p of streamPersons({ count, seed: SEED })) {
    chunk.push(p);
    if (chunk.length === 100_000) flushEval();
    buf.push(COLUMNS.map((c) => (p[c] === undefined ? '' : String(p[c]))).join(';'));
    if (buf.length === 10_000) {
      if (!out.write(`${buf.join('\n')}\n`)) await once(out, 'drain');
      buf = [];
    }
  }
  flushEval();
  if (buf.length > 0) out.write(`${buf.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return eligible;
}

async function bundleCli(): Promise<string> {
  // Bundled next to node_modules so that external packages resolve as from dist/.
  const outDir = join(ROOT, 'node_modules', '.cache', 'foerderregeln-bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'cli.mjs');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, 'src/cli/bin.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

interface ChildRun {
  code: number | null;
  wallMs: number;
  maxRssKb: number | null;
  timeRssKb: number | null;
  /** User + system CPU seconds of the child (GNU time), or null. */
  cpuSeconds: number | null;
  stderr: string;
}

async function runChild(cli: string, input: string, output: string, dir: string): Promise<ChildRun> {
  const rssFile = join(dir, 'rss.txt');
  const preload = join(dir, 'rss-preload.cjs');
  writeFileSync(preload, `process.on('exit', () => { require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)); });\n`);
  const nodeArgs = ['--require', preload, cli, 'check', input, '--on', ON, '--format', 'csv', '--out', output];
  const useTime = existsSync('/usr/bin/time');
  const cmd = useTime ? '/usr/bin/time' : process.execPath;
  const args = useTime ? ['-v', process.execPath, ...nodeArgs] : nodeArgs;
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr += d;
  });
  const [code] = (await once(child, 'close')) as [number | null];
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  let maxRssKb: number | null = null;
  if (existsSync(rssFile)) maxRssKb = Number(readFileSync(rssFile, 'utf8'));
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
  const cpuSeconds = user !== undefined && sys !== undefined ? Number(user) + Number(sys) : null;
  return { code, wallMs, maxRssKb, timeRssKb: timeRss?.[1] !== undefined ? Number(timeRss[1]) : null, cpuSeconds, stderr };
}

/** Counts output rows and eligible rows of the CLI's CSV output. */
async function readOutput(file: string): Promise<{ rows: number; eligible: number; header: string[] }> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: string[] | null = null;
  let sep = ',';
  let col = -1;
  let rows = 0;
  let eligible = 0;
  for await (const rawLine of rl) {
    const line: string = header === null ? rawLine.replace(/^\uFEFF/, '') : rawLine;
    if (header === null) {
      sep = line.includes(';') ? ';' : ',';
      const names = line.split(sep);
      header = names;
      col = names.findIndex((h) => h === 'eligible' || h === 'berechtigt');
      continue;
    }
    if (line === '') continue;
    rows++;
    // The first columns are simple values (row, id, ok, on, eligible…); ids here have no separators.
    const cell = line.split(sep)[col];
    if (cell !== undefined && ['true', 'yes', 'ja', '1'].includes(cell)) eligible++;
  }
  return { rows, eligible, header: header ?? [] };
}

export const cliCheckBenchmark: Benchmark = {
  name: 'cli-check',
  description: '`foerderregeln check` over a synthetic CSV, as a child process (wall time, peak RSS)',
  unavailable() {
    if (!existsSync(join(ROOT, 'src/cli/bin.ts')) || !existsSync(join(ROOT, 'src/cli/commands/check.ts'))) return 'the CLI (src/cli/bin.ts, check command) does not exist yet';
    return null;
  },
  async run({ size, rounds }: BenchOptions): Promise<BenchResult> {
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-bench-'));
    try {
      const input = join(dir, 'persons.csv');
      const output = join(dir, 'out.csv');
      const expectedEligible = await writeCsv(input, size);
      const cli = await bundleCli();
      const runs: ChildRun[] = [];
      let ok = true;
      const summary: string[] = [];
      for (let r = 0; r < Math.min(rounds, 1); r++) {
        const run = await runChild(cli, input, output, dir);
        runs.push(run);
        // Exit 1: some rows are invalid (e.g. allocated to follow-up accommodation after the date); all are still written.
        if (run.code !== 0 && run.code !== 1) {
          ok = false;
          summary.push(`CLI exited with ${String(run.code)}: ${run.stderr.split('\n').slice(-15).join('\n')}`);
          break;
        }
        const got = await readOutput(output);
        if (got.rows !== size) {
          ok = false;
          summary.push(`OUTPUT ROWS ${String(got.rows)} != input rows ${String(size)}`);
        }
        if (got.eligible !== expectedEligible) {
          ok = false;
          summary.push(`ELIGIBLE ${String(got.eligible)} in CLI output != ${String(expectedEligible)} from evaluateEligibilityBatch (eligible column: ${got.header.join(',')})`);
        }
      }
      const best = runs.filter((x) => x.code === 0 || x.code === 1).sort((a, b) => a.wallMs - b.wallMs)[0];
      const measurements: Measurement[] = [];
      if (best !== undefined) {
        const rssKb = best.timeRssKb ?? best.maxRssKb ?? Number.NaN;
        const rssMb = rssKb / 1024;
        measurements.push({
          name: 'foerderregeln check (CSV → CSV, child process)',
          items: size,
          ms: best.wallMs,
          perSecond: (size / best.wallMs) * 1000,
          perCpuSecond: best.cpuSeconds !== null && best.cpuSeconds > 0 ? size / best.cpuSeconds : Number.NaN,
          notes: [`peak RSS ${rssMb.toFixed(0)} MB (${best.timeRssKb !== null ? 'GNU time -v' : 'process.resourceUsage'})`, `input ${(statSync(input).size / 1e6).toFixed(0)} MB`],
        });
        summary.unshift(
          `${String(size)} rows, on ${ON}, seed ${String(SEED)}; ${String(runs.length)} run(s); ${String(expectedEligible)} eligible; output rows and eligible count checked: ${ok ? 'yes' : 'NO'}`,
          `${best.wallMs < 10_000 ? 'MET    ' : 'NOT MET'} < 10 s wall (${(best.wallMs / 1000).toFixed(2)} s wall${best.cpuSeconds !== null ? `, ${best.cpuSeconds.toFixed(2)} s CPU` : ''})`,
          `${rssMb < 300 ? 'MET    ' : 'NOT MET'} < 300 MB peak RSS (${rssMb.toFixed(0)} MB)`,
        );
      }
      return { title: 'CLI check over a large CSV', measurements, summary, ok };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
