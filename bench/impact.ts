/**
 * Impact: a synthetic caseload (default 1,000,000 persons) compared under two rule sets with
 * per-district funding, in process, through the public `compareImpact` (which evaluates the
 * persons in chunks with evaluateEligibilityBatch and aggregates per district). Persons are
 * generated before timing. Target (issue 7): < 1 s.
 */
import { compareImpact } from '../src/compare/impact.js';
import { generatePersons } from '../src/synthetic/persons.js';
import { formatTarget, impactTarget } from './targets.js';
import { Series, timeSync, type BenchOptions, type BenchResult, type Benchmark } from './lib.js';

const A = 'bw-im-2025';
const B = 'bw-im-proposal';
const ON = '2026-01-01';
const SEED = 3;

export const impactBenchmark: Benchmark = {
  name: 'impact',
  description: `compareImpact(${A} → ${B}) over a synthetic caseload with per-district funding`,
  unavailable() {
    return typeof compareImpact === 'function' ? null : 'compareImpact does not exist yet';
  },
  async run({ size, rounds }: BenchOptions): Promise<BenchResult> {
    const persons = generatePersons({ count: size, seed: SEED, on: ON });
    const run = (rows: readonly unknown[]) => compareImpact(A, B, { persons: rows, synthetic: true }, { on: ON });
    // Warm-up on a tenth.
    run(persons.slice(0, Math.max(1, Math.floor(size / 10))));
    const s = new Series(`compareImpact ${A} → ${B} (${String(size)} persons)`, size);
    let last: ReturnType<typeof run> | undefined;
    for (let r = 0; r < rounds; r++) {
      s.add(
        timeSync(() => {
          last = run(persons);
        }),
      );
    }
    await Promise.resolve();
    const m = s.measurement();
    const summary: string[] = [];
    let ok = true;
    if (last === undefined) {
      ok = false;
      summary.push('compareImpact gave no result');
    } else if (!last.ok) {
      ok = false;
      summary.push(`compareImpact failed: ${JSON.stringify(last.issues.slice(0, 3))}`);
    } else {
      const t = last.report.totals;
      summary.push(
        `${String(size)} persons on ${ON}, seed ${String(SEED)}; ${String(rounds)} rounds after warm-up; median ${m.ms.toFixed(0)} ms; totals: eligible A ${String(t.eligibleA)}, B ${String(t.eligibleB)}, funding A ${t.fundingA ?? '—'} €, B ${t.fundingB ?? '—'} €`,
        formatTarget(impactTarget({ persons: size, ms: m.ms, cpuRate: m.perCpuSecond })),
      );
      if (t.persons !== size) {
        ok = false;
        summary.push(`PERSONS ${String(t.persons)} in totals != ${String(size)}`);
      }
    }
    return { title: 'Impact compare', measurements: [m], summary, ok };
  },
};
