/**
 * Eligibility of the same synthetic persons under the same rules:
 * json-rules-engine (one Engine with the rules added once, `await engine.run(facts)` per person,
 * as its README uses it) against the compiled evaluator — raw compiled rules, the public
 * `checkEligibilityMany`, and `evaluateEligibilityBatch` — in one process, alternating rounds
 * after warm-up; with and without trace. Exits non-zero (ok: false) when any decision differs.
 */
import { compiledEligibility, counsellingEnd, eligibilityFacts, selectRuleSet, type EligibilityResult } from '../src/domain/eligibility.js';
import { checkEligibilityMany, evaluateEligibilityBatch, type EligibilityBatch } from '../src/domain/batch.js';
import { ReferenceEngine } from '../src/engine/reference.js';
import type { CompiledRule, ConditionTrace, Facts } from '../src/engine/compile.js';
import { generatePersons } from '../src/synthetic/persons.js';
import { eligibilityTargets, formatTarget } from './targets.js';
import { Series, timeIt, timeSync, type BenchOptions, type BenchResult, type Benchmark } from './lib.js';

/** The assessment date: VwV 2023 with its counselling limit (the rule set with the most work). */
export const BENCH_ON = '2024-01-15';
export const BENCH_SEED = 1;

/** Decision code per person: -1 not in target group, else index of deciding rule; + 1000 when eligible. */
type Decisions = Int32Array;

function decideRaw(rules: readonly CompiledRule[], targetIdx: readonly number[], exclusionIdx: readonly number[], f: Facts): number {
  let admitted = -1;
  for (let t = 0; t < targetIdx.length; t++) {
    const i = targetIdx[t] as number;
    if ((rules[i] as CompiledRule).test(f)) {
      admitted = i;
      break;
    }
  }
  if (admitted < 0) return -1;
  for (let t = 0; t < exclusionIdx.length; t++) {
    const i = exclusionIdx[t] as number;
    if ((rules[i] as CompiledRule).test(f)) return i;
  }
  return 1000 + admitted;
}

function firstDiff(a: Decisions, b: Decisions): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

export const eligibilityBenchmark: Benchmark = {
  name: 'eligibility',
  description: 'eligibility of N synthetic persons: json-rules-engine vs the compiled evaluator',
  async run({ size, rounds }: BenchOptions): Promise<BenchResult> {
    const persons = generatePersons({ count: size, seed: BENCH_SEED, on: BENCH_ON });
    const sel = selectRuleSet({}, BENCH_ON);
    if (!sel.ok) throw new Error(`no rule set on ${BENCH_ON}`);
    const compiled = compiledEligibility(sel.resolved, BENCH_ON);
    const { rules, targetIdx, exclusionIdx, limit } = compiled;
    const bound = rules.map((r) => r.rule);
    const ruleIndex = new Map(bound.map((r, i) => [r.id, i]));
    // The same facts objects for both engines (built once, outside the timed loops).
    const facts: Facts[] = persons.map((p) => {
      const f = eligibilityFacts(p, BENCH_ON);
      if (limit !== null) f.counsellingEndsOn = counsellingEnd(limit, f);
      return f;
    });
    const engine = new ReferenceEngine(bound).engine;
    const n = persons.length;

    const jre = new Int32Array(n);
    const raw = new Int32Array(n);
    const rawTrace = new Int32Array(n);
    const many = new Int32Array(n);
    const batchD = new Int32Array(n);

    const runJre = async (count = n): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const { results } = await engine.run(facts[i] as Facts);
        const fired = new Set(results.map((r) => r.name));
        let admitted = -1;
        for (const t of targetIdx) if (fired.has((bound[t] as (typeof bound)[number]).id)) { admitted = t; break; }
        let d = -1;
        if (admitted >= 0) {
          d = 1000 + admitted;
          for (const x of exclusionIdx) if (fired.has((bound[x] as (typeof bound)[number]).id)) { d = x; break; }
        }
        jre[i] = d;
      }
    };
    const runRaw = (): void => {
      for (let i = 0; i < n; i++) raw[i] = decideRaw(rules, targetIdx, exclusionIdx, facts[i] as Facts);
    };
    const runRawTrace = (): void => {
      for (let i = 0; i < n; i++) {
        const f = facts[i] as Facts;
        const traces: ConditionTrace[] = rules.map((r) => r.explain(f));
        let admitted = -1;
        for (const t of targetIdx) if (traces[t]?.result === true) { admitted = t; break; }
        let d = -1;
        if (admitted >= 0) {
          d = 1000 + admitted;
          for (const x of exclusionIdx) if (traces[x]?.result === true) { d = x; break; }
        }
        rawTrace[i] = d;
      }
    };
    const fromResults = (out: Int32Array, rs: EligibilityResult[]): void => {
      rs.forEach((r, i) => {
        if (!r.ok) throw new Error(`row ${String(i)} invalid`);
        const idx = r.basis.rule === null ? -1 : (ruleIndex.get(r.basis.rule) ?? -2);
        out[i] = idx < 0 ? -1 : r.eligible ? 1000 + idx : idx;
      });
    };
    const fromBatch = (out: Int32Array, b: EligibilityBatch): void => {
      for (let i = 0; i < n; i++) {
        const basis = b.bases[b.basis[i] as number];
        const idx = basis?.rule == null ? -1 : (ruleIndex.get(basis.rule) ?? -2);
        out[i] = idx < 0 ? -1 : b.eligible[i] === 1 ? 1000 + idx : idx;
      }
    };

    // Compiled paths are fast: repeat them within a round so one run takes ≥ ~300 ms.
    const repeatsFor = (msPerRun: number): number => Math.max(1, Math.ceil(300 / Math.max(msPerRun, 0.01)));

    // Warm-up (JIT): every contender once, JRE on a tenth.
    await runJre(Math.max(1, Math.floor(n / 10)));
    const wRaw = timeSync(runRaw);
    const wBatch = timeSync(() => evaluateEligibilityBatch(persons, { on: BENCH_ON }));
    const wMany = timeSync(() => checkEligibilityMany(persons, { on: BENCH_ON }));
    timeSync(runRawTrace);
    timeSync(() => checkEligibilityMany(persons, { on: BENCH_ON, trace: true }));
    const repRaw = repeatsFor(wRaw.wallMs);
    const repBatch = repeatsFor(wBatch.wallMs);
    const repMany = Math.min(5, repeatsFor(wMany.wallMs));

    const sJre = new Series('json-rules-engine (Engine.run per person)', n);
    const sRaw = new Series('compiled rules (raw, no trace)', n);
    const sBatch = new Series('evaluateEligibilityBatch (validated, no trace)', n);
    const sMany = new Series('checkEligibilityMany (validated, no trace)', n);
    const sRawTrace = new Series('compiled rules (raw, with trace)', n);
    const sManyTrace = new Series('checkEligibilityMany (trace: true)', n);

    let ok = true;
    const problems: string[] = [];
    for (let round = 0; round < rounds; round++) {
      sJre.add(await timeIt(() => runJre()));
      sRaw.add(timeSync(() => { for (let k = 0; k < repRaw; k++) runRaw(); }), repRaw);
      let lastBatch: EligibilityBatch | undefined;
      sBatch.add(timeSync(() => { for (let k = 0; k < repBatch; k++) lastBatch = evaluateEligibilityBatch(persons, { on: BENCH_ON }); }), repBatch);
      let lastMany: EligibilityResult[] = [];
      sMany.add(timeSync(() => { for (let k = 0; k < repMany; k++) lastMany = checkEligibilityMany(persons, { on: BENCH_ON }); }), repMany);
      sRawTrace.add(timeSync(runRawTrace));
      let lastTrace: EligibilityResult[] = [];
      sManyTrace.add(timeSync(() => { lastTrace = checkEligibilityMany(persons, { on: BENCH_ON, trace: true }); }));
      // Identical decisions, every round.
      if (lastBatch === undefined) throw new Error('no batch');
      fromBatch(batchD, lastBatch);
      fromResults(many, lastMany);
      const traced = new Int32Array(n);
      fromResults(traced, lastTrace);
      for (const [name, d] of [['raw', raw], ['raw+trace', rawTrace], ['batch', batchD], ['many', many], ['many+trace', traced]] as const) {
        const at = firstDiff(jre, d);
        if (at >= 0) {
          ok = false;
          problems.push(`DECISIONS DIFFER (${name}) at person ${String(at)} (${persons[at]?.id ?? '?'}): json-rules-engine ${String(jre[at])}, compiled ${String(d[at])}`);
        }
      }
    }

    let eligible = 0;
    for (let i = 0; i < n; i++) if ((jre[i] as number) >= 1000) eligible++;
    const mJre = sJre.measurement();
    const ratio = (m: { perSecond: number }): string => `${(m.perSecond / mJre.perSecond).toFixed(0)}× JRE`;
    const ratioCpu = (m: { perCpuSecond: number }): string => `${(m.perCpuSecond / mJre.perCpuSecond).toFixed(0)}× JRE (CPU)`;
    const mRaw = sRaw.measurement();
    const mBatch = sBatch.measurement();
    const mMany = sMany.measurement();
    const mRawTrace = sRawTrace.measurement();
    const mManyTrace = sManyTrace.measurement();
    const measurements = [
      mJre,
      { ...mRaw, notes: [ratio(mRaw), ratioCpu(mRaw)] },
      { ...mBatch, notes: [ratio(mBatch), ratioCpu(mBatch)] },
      { ...mMany, notes: [ratio(mMany), ratioCpu(mMany)] },
      { ...mRawTrace, notes: [ratio(mRawTrace), `trace costs ${(mRaw.perSecond / mRawTrace.perSecond).toFixed(1)}× raw`] },
      { ...mManyTrace, notes: [ratio(mManyTrace), `trace costs ${(mMany.perSecond / mManyTrace.perSecond).toFixed(1)}× no trace`] },
    ];
    const targets = eligibilityTargets({ jre: mJre, raw: mRaw, batch: mBatch, many: mMany, identical: ok, rounds });
    const summary = [
      `${String(n)} persons on ${BENCH_ON} under ${compiled.ref.id} (${String(rules.length)} rules), seed ${String(BENCH_SEED)}; ${String(eligible)} eligible; ${String(rounds)} alternating rounds after warm-up; medians.`,
      ...targets.map(formatTarget),
      ...problems,
    ];
    return { title: 'Eligibility: json-rules-engine vs compiled', measurements, summary, ok };
  },
};
