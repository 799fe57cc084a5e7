/**
 * `npm run bench` — runs the benchmarks in bench/ one after the other and prints a table per
 * benchmark, the machine, and whether the targets are met. Exits 1 when a correctness check
 * inside a benchmark failed (e.g. decisions differ between the engines).
 *
 * Options: `--only <name>[,<name>]`, `--size <n>` (persons/rows, default per benchmark),
 * `--rounds <n>` (default 3), `--json <file>` (also write the results as JSON).
 * Add a benchmark: write bench/<name>.ts exporting a `Benchmark` and list it below.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eligibilityBenchmark } from './eligibility.js';
import { cliCheckBenchmark } from './cli-check.js';
import { impactBenchmark } from './impact.js';
import { formatTable, machine, type BenchResult, type Benchmark } from './lib.js';

const BENCHMARKS: { bench: Benchmark; defaultSize: number }[] = [
  { bench: eligibilityBenchmark, defaultSize: 100_000 },
  { bench: impactBenchmark, defaultSize: 1_000_000 },
  { bench: cliCheckBenchmark, defaultSize: 1_000_000 },
];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      size: { type: 'string' },
      rounds: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const only = values.only?.split(',').map((s) => s.trim());
  const rounds = values.rounds !== undefined ? Number(values.rounds) : 3;
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error('--rounds must be a positive integer');
    return 2;
  }
  const m = machine();
  console.log(`machine: ${m.cpu}; ${m.cores} cores; node ${m.node}; ${m.platform}; load average ${m.load}`);
  const results: (BenchResult & { name: string })[] = [];
  let ok = true;
  for (const { bench, defaultSize } of BENCHMARKS) {
    if (only !== undefined && !only.includes(bench.name)) continue;
    const why = bench.unavailable?.() ?? null;
    if (why !== null) {
      console.log(`\n## ${bench.name}: skipped — ${why}`);
      continue;
    }
    const size = values.size !== undefined ? Number(values.size) : defaultSize;
    if (!Number.isInteger(size) || size < 1) {
      console.error('--size must be a positive integer');
      return 2;
    }
    console.log(`\n## ${bench.name}: ${bench.description} (size ${String(size)})`);
    const r = await bench.run({ size, rounds });
    console.log(formatTable(r));
    for (const line of r.summary) console.log(line);
    if (!r.ok) ok = false;
    results.push({ name: bench.name, ...r });
  }
  console.log(`\nload average after: ${machine().load}`);
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify({ machine: m, results }, null, 2)}\n`);
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
