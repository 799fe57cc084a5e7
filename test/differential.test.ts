/**
 * Differential test: the compiled evaluator against json-rules-engine (the reference).
 *
 * 1. Persons (≥ 10,000, fast-check) on dates 2017–2027 under every bundled rule set, chosen by
 *    date (with the overlays in force) or by name (with the rule sets they extend): both engines
 *    get the same facts (`eligibilityFacts` plus `counsellingEndsOn` as eligibility.ts derives
 *    it) and must agree on every rule's result, every leaf's result, fact value and compared
 *    value, and on the decision (eligible, basis) derived from either; the public
 *    `checkEligibility` must give that same decision and trace.
 * 2. Random rule trees (all/any/not nesting, every operator, literals of mixed types, fact
 *    references, prototype-named facts) against random fact objects.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultRegistry } from '../src/versions/registry.js';
import {
  checkEligibility,
  compiledEligibility,
  counsellingEnd,
  eligibilityFacts,
  selectRuleSet,
  type CompiledEligibility,
} from '../src/domain/eligibility.js';
import { ACCOMMODATIONS, RESIDENCE_STATUSES, type Person } from '../src/contract/person.js';
import { compileRules, leafResults, type ConditionTrace, type Facts } from '../src/engine/compile.js';
import { ReferenceEngine } from '../src/engine/reference.js';
import { OPERATOR_NAMES } from '../src/engine/operators.js';
import type { BoundCondition, BoundRule, BoundTop } from '../src/engine/bind.js';
import { addDays, addMonths, fromDayNumber, toDayNumber } from '../src/dates/calendar.js';

// ---------------------------------------------------------------------------------------------
// Reading json-rules-engine's result tree
// ---------------------------------------------------------------------------------------------

interface LeafOutcome {
  result: boolean;
  factValue: unknown;
  value: unknown;
}

function jreLeaves(node: unknown, out: LeafOutcome[] = []): LeafOutcome[] {
  if (node === null || typeof node !== 'object') return out;
  const n = node as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(n, 'fact')) {
    out.push({ result: n.result === true, factValue: n.factResult, value: n.valueResult });
    return out;
  }
  if (Array.isArray(n.all)) for (const x of n.all) jreLeaves(x, out);
  else if (Array.isArray(n.any)) for (const x of n.any) jreLeaves(x, out);
  else if (n.not !== undefined) jreLeaves(n.not, out);
  return out;
}

function compiledLeaves(t: ConditionTrace, out: LeafOutcome[] = []): LeafOutcome[] {
  if (t.kind === 'leaf') out.push({ result: t.result, factValue: t.factValue, value: t.value });
  else if (t.kind === 'not') compiledLeaves(t.condition, out);
  else for (const c of t.conditions) compiledLeaves(c, out);
  return out;
}

/** Runs json-rules-engine and returns, per rule name, its result and leaf outcomes. */
async function runReference(ref: ReferenceEngine, facts: Facts): Promise<Map<string, { result: boolean; leaves: LeafOutcome[] }>> {
  const { results, failureResults } = await ref.engine.run({ ...facts });
  const out = new Map<string, { result: boolean; leaves: LeafOutcome[] }>();
  for (const rr of [...results, ...failureResults]) {
    out.set(rr.name, { result: rr.result === true, leaves: jreLeaves(rr.conditions) });
  }
  return out;
}

/** The decision eligibility.ts makes, from per-rule results in evaluation order. */
function decide(rules: readonly BoundRule[], result: (id: string) => boolean): { eligible: boolean; basis: string; rule: string | null } {
  const admitted = rules.find((r) => r.event.type === 'target-group' && result(r.id));
  if (admitted === undefined) return { eligible: false, basis: 'not-in-target-group', rule: null };
  const excluded = rules.find((r) => r.event.type === 'exclusion' && result(r.id));
  const decider = excluded ?? admitted;
  return { eligible: excluded === undefined, basis: String(decider.event.params.basis), rule: decider.id };
}

// ---------------------------------------------------------------------------------------------
// 1. Persons across dates and rule sets
// ---------------------------------------------------------------------------------------------

const registry = defaultRegistry();
const ruleSetIds = registry
  .list()
  .filter((s) => s.document.programme === 'bw-integrationsmanagement')
  .map((s) => s.id);

/** Dates where something changes: validity bounds and parameter change points, ± 2 days. */
const boundaryDates: string[] = (() => {
  const set = new Set<string>();
  for (const s of registry.list()) {
    const d = s.document;
    const points = [d.validFrom, ...(d.validTo !== undefined ? [d.validTo] : [])];
    for (const p of Object.values(d.parameters)) for (const v of p.values) points.push(v.from);
    for (const p of points) for (let k = -2; k <= 2; k++) set.add(addDays(p, k));
  }
  return [...set].filter((d) => d >= '2017-01-01' && d <= '2027-12-31').sort();
})();

const DAY_2014 = toDayNumber('2014-01-01');
const DAY_2017 = toDayNumber('2017-01-01');
const DAY_2027 = toDayNumber('2027-12-31');

const dayArb = (from: number, to: number): fc.Arbitrary<string> => fc.integer({ min: from, max: to }).map(fromDayNumber);
const onArb = fc.oneof({ weight: 3, arbitrary: dayArb(DAY_2017, DAY_2027) }, { weight: 1, arbitrary: fc.constantFrom(...boundaryDates) });

interface Sample {
  person: Person;
  on: string;
  ruleSet: string | null;
}

const sampleArb: fc.Arbitrary<Sample> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    residenceStatus: fc.constantFrom(...RESIDENCE_STATUSES),
    accommodation: fc.constantFrom(...ACCOMMODATIONS),
    displacedFromUkraine: fc.boolean(),
    goodProspects: fc.option(fc.boolean(), { nil: undefined }),
    justifiedExtension: fc.option(fc.boolean(), { nil: undefined }),
    arrivalDate: fc.option(dayArb(DAY_2014, DAY_2027), { nil: undefined }),
    counsellingSince: fc.option(dayArb(DAY_2014, DAY_2027), { nil: undefined }),
    district: fc.option(fc.constantFrom('08111', '08115', '08436', '99999'), { nil: undefined }),
    on: onArb,
    // How followUpSince is drawn: absent, anywhere, or near the end of a 3/4-year period.
    followUp: fc.oneof(
      fc.constant({ kind: 'none' as const }),
      fc.record({ kind: fc.constant('any' as const), day: fc.integer({ min: DAY_2014, max: DAY_2027 }) }),
      fc.record({ kind: fc.constant('near' as const), months: fc.constantFrom(36, 48), delta: fc.integer({ min: -3, max: 3 }) }),
    ),
    personOn: fc.boolean(),
    ruleSet: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...ruleSetIds) }),
  })
  .map((r) => {
    const person: Person = { id: r.id, residenceStatus: r.residenceStatus, accommodation: r.accommodation, displacedFromUkraine: r.displacedFromUkraine };
    if (r.goodProspects !== undefined) person.goodProspects = r.goodProspects;
    if (r.justifiedExtension !== undefined) person.justifiedExtension = r.justifiedExtension;
    if (r.arrivalDate !== undefined) person.arrivalDate = r.arrivalDate;
    if (r.counsellingSince !== undefined) person.counsellingSince = r.counsellingSince;
    if (r.district !== undefined) person.district = r.district;
    if (r.followUp.kind === 'any') person.followUpSince = fromDayNumber(r.followUp.day);
    if (r.followUp.kind === 'near') person.followUpSince = addDays(addMonths(r.on, -r.followUp.months), r.followUp.delta);
    if (r.personOn) person.on = r.on;
    return { person, on: r.on, ruleSet: r.ruleSet };
  });

const referenceCache = new Map<CompiledEligibility, ReferenceEngine>();
function referenceFor(c: CompiledEligibility): ReferenceEngine {
  let r = referenceCache.get(c);
  if (r === undefined) {
    r = new ReferenceEngine(c.rules.map((x) => x.rule));
    referenceCache.set(c, r);
  }
  return r;
}

interface Stats {
  evaluated: number;
  noRuleSet: number;
  byRuleSet: Map<string, number>;
  eligible: number;
  excluded: number;
  withLimit: number;
}

async function checkSample(s: Sample, stats: Stats): Promise<void> {
  const options = s.ruleSet === null ? {} : { ruleSet: s.ruleSet };
  // The public API, with the date as option (and once more from the person, where it has one).
  const viaApi = checkEligibility(s.person, { ...options, on: s.on, trace: true });
  if (s.person.on !== undefined) {
    const viaPerson = checkEligibility(s.person, { ...options, trace: true });
    expect(viaPerson).toEqual(viaApi);
  }
  const sel = selectRuleSet(options, s.on);
  if (!sel.ok) {
    expect(viaApi.ok).toBe(false);
    if (!viaApi.ok) expect(viaApi.issues).toEqual(sel.issues);
    stats.noRuleSet++;
    return;
  }
  if (s.person.accommodation === 'follow-up' && s.person.followUpSince !== undefined && s.person.followUpSince > s.on) {
    // Allocated after the assessment date although already in follow-up accommodation: an input issue.
    expect(viaApi.ok).toBe(false);
    if (!viaApi.ok) expect(viaApi.issues.map((i) => i.code)).toEqual(['inconsistent-input']);
    return;
  }
  const compiled = compiledEligibility(sel.resolved, s.on);
  const facts = eligibilityFacts(s.person, s.on);
  if (compiled.limit !== null) {
    facts.counsellingEndsOn = counsellingEnd(compiled.limit, facts);
    stats.withLimit++;
  }
  const bound = compiled.rules.map((r) => r.rule);
  const reference = await runReference(referenceFor(compiled), facts);
  const compiledResults = new Map<string, boolean>();
  for (const r of compiled.rules) {
    const trace = r.explain(facts);
    const fast = r.test(facts);
    const ref = reference.get(r.rule.id);
    expect(ref, `rule ${r.rule.id} missing in json-rules-engine`).toBeDefined();
    if (ref === undefined) continue;
    expect(trace.result).toBe(fast);
    expect(fast, `rule ${r.rule.id}`).toBe(ref.result);
    expect(compiledLeaves(trace)).toEqual(ref.leaves);
    expect(leafResults(trace)).toEqual(ref.leaves.map((l) => l.result));
    compiledResults.set(r.rule.id, fast);
  }
  expect(reference.size).toBe(compiled.rules.length);
  const fromCompiled = decide(bound, (id) => compiledResults.get(id) === true);
  const fromReference = decide(bound, (id) => reference.get(id)?.result === true);
  expect(fromCompiled).toEqual(fromReference);
  expect(viaApi.ok).toBe(true);
  if (!viaApi.ok) return;
  expect({ eligible: viaApi.eligible, basis: viaApi.basis.code, rule: viaApi.basis.rule }).toEqual(fromReference);
  expect(viaApi.ruleSet.resolvedHash).toBe(sel.resolved.resolvedHash);
  expect(viaApi.trace?.map((t) => [t.rule, t.result])).toEqual(bound.map((r) => [r.id, reference.get(r.id)?.result]));
  const admitted = bound.some((r) => r.event.type === 'target-group' && reference.get(r.id)?.result === true);
  expect(viaApi.counsellingEndsOn).toBe(admitted && compiled.limit !== null ? facts.counsellingEndsOn : null);
  stats.evaluated++;
  const key = [viaApi.ruleSet.id, ...viaApi.ruleSet.overlays].join('+');
  stats.byRuleSet.set(key, (stats.byRuleSet.get(key) ?? 0) + 1);
  if (viaApi.eligible) stats.eligible++;
  if (fromReference.rule !== null && !fromReference.eligible) stats.excluded++;
}

describe('compiled evaluator vs json-rules-engine on persons', () => {
  it('agrees on ≥ 10,000 generated persons across dates 2017–2027 and every bundled rule set', async () => {
    const stats: Stats = { evaluated: 0, noRuleSet: 0, byRuleSet: new Map(), eligible: 0, excluded: 0, withLimit: 0 };
    const BATCH = 50;
    await fc.assert(
      fc.asyncProperty(fc.array(sampleArb, { minLength: BATCH, maxLength: BATCH }), async (samples) => {
        await Promise.all(samples.map((s) => checkSample(s, stats)));
      }),
      { numRuns: 250, seed: 20260101 },
    );
    // The property ran on every sample; make sure the run was as large and varied as claimed.
    expect(stats.evaluated).toBeGreaterThanOrEqual(10_000);
    expect(stats.eligible).toBeGreaterThan(1000);
    expect(stats.excluded).toBeGreaterThan(50);
    expect(stats.withLimit).toBeGreaterThan(1000);
    const keys = [...stats.byRuleSet.keys()];
    for (const id of ruleSetIds) expect(keys.some((k) => k.startsWith(id) || k.includes(`+${id}`)), id).toBe(true);
    expect(keys).toContain('bw-im-2022+bw-im-2022-ukraine');
    console.info(`differential: ${String(stats.evaluated)} persons evaluated by both engines (${String(stats.noRuleSet)} on dates without a rule set), by rule set: ${JSON.stringify(Object.fromEntries(stats.byRuleSet))}`);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// 2. Random rule trees against random facts
// ---------------------------------------------------------------------------------------------

const FACT_NAMES = ['a', 'b', 'c', 'on', 'amount', 'list', 'toString', 'constructor', 'valueOf'] as const;

const dateLike = fc.oneof(
  dayArb(DAY_2014, DAY_2027),
  fc.constantFrom('2023-02-29', '2024-02-29', '2023-13-01', '0000-01-01', '2023-1-01', '2024-02-30'),
);
const decimalLike = fc.oneof(
  fc.constantFrom('0.1', '0.2', '0.3', '0.30', '-0', '132149.00', '9007199254740993.00', '9007199254740992', '1e3', '.5', '5.'),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 99 })).map(([i, d]) => `${String(i)}.${String(d).padStart(2, '0')}`),
);
// A small pool of values, so that two facts (or a fact and a literal) are often equal.
const pooled = fc.constantFrom<string | number | boolean | null>('2024-01-15', '2024-01-16', '0.30', '0.3', 3, '3', true, null, 'a');
const scalar: fc.Arbitrary<string | number | boolean | null> = fc.oneof(
  { weight: 3, arbitrary: pooled },
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0.1, 0.2, 0.30000000000000004, 0.3, -0, 1e21, 9007199254740993, Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: false }),
  fc.constantFrom('a', 'b', '', '1', '2', '10', 'NaN', 'Infinity', ' 3', 'x1'),
  dateLike,
  decimalLike,
);
const literal = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) });

const leafArb: fc.Arbitrary<BoundCondition> = fc.record({
  fact: fc.constantFrom(...FACT_NAMES),
  operator: fc.constantFrom(...OPERATOR_NAMES),
  value: fc.oneof({ weight: 5, arbitrary: literal }, { weight: 1, arbitrary: fc.record({ fact: fc.constantFrom(...FACT_NAMES) }) }),
});

const { tree } = fc.letrec<{ tree: BoundCondition; node: BoundCondition }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafArb, tie('node')),
  node: fc.oneof(
    fc.record({ all: fc.array(tie('tree'), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('tree'), { maxLength: 4 }) }),
    fc.record({ not: tie('tree') }),
  ),
}));
const topArb: fc.Arbitrary<BoundTop> = fc.oneof(
  fc.record({ all: fc.array(tree, { maxLength: 5 }) }),
  fc.record({ any: fc.array(tree, { maxLength: 5 }) }),
  fc.record({ not: tree }),
);

const factValue = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) });
const factsArb: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(fc.constantFrom(...FACT_NAMES), factValue, { maxKeys: 8 });

const rulesArb: fc.Arbitrary<BoundRule[]> = fc
  .array(fc.record({ conditions: topArb, priority: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 })
  .map((rs) =>
    rs.map((r, i) => ({
      id: `r${String(i)}`,
      priority: r.priority,
      order: i,
      conditions: r.conditions,
      event: { type: 'target-group', params: { basis: `r${String(i)}` } },
      source: {} as BoundRule['source'],
    })),
  );

function countLeaves(c: BoundCondition): number {
  if ('fact' in c) return 1;
  if ('all' in c) return c.all.reduce((s, x) => s + countLeaves(x), 0);
  if ('any' in c) return c.any.reduce((s, x) => s + countLeaves(x), 0);
  return countLeaves(c.not);
}

describe('compiled evaluator vs json-rules-engine on random rule trees', () => {
  it('agrees on rule results and every leaf for random trees, operators, literals and facts', async () => {
    let leaves = 0;
    let trueRules = 0;
    let falseRules = 0;
    await fc.assert(
      fc.asyncProperty(rulesArb, fc.array(factsArb, { minLength: 1, maxLength: 6 }), async (rules, factSets) => {
        const compiled = compileRules(rules);
        const ref = new ReferenceEngine(rules);
        const outcomes = await Promise.all(factSets.map((f) => runReference(ref, f)));
        factSets.forEach((f, k) => {
          const reference = outcomes[k];
          if (reference === undefined) throw new Error('missing outcome');
          for (const c of compiled) {
            const r = reference.get(c.rule.id);
            if (r === undefined) throw new Error(`rule ${c.rule.id} missing`);
            const trace = c.explain(f);
            expect(c.test(f)).toBe(r.result);
            expect(trace.result).toBe(r.result);
            expect(compiledLeaves(trace)).toEqual(r.leaves);
            leaves += r.leaves.length;
            if (r.result) trueRules++;
            else falseRules++;
          }
        });
      }),
      { numRuns: 3000, seed: 424242 },
    );
    expect(leaves).toBeGreaterThan(10_000);
    console.info(`differential: random trees: ${String(trueRules + falseRules)} rule evaluations, ${String(leaves)} leaves compared`);
    expect(trueRules).toBeGreaterThan(500);
    expect(falseRules).toBeGreaterThan(500);
  }, 120_000);

  it('treats facts named like Object.prototype members as missing, as json-rules-engine does', async () => {
    const rules: BoundRule[] = [
      {
        id: 'proto',
        priority: 1,
        order: 0,
        conditions: { all: [{ fact: 'a', operator: 'equal', value: { fact: 'toString' } }, { fact: 'constructor', operator: 'notIn', value: [1] }] },
        event: { type: 'target-group', params: {} },
        source: {} as BoundRule['source'],
      },
    ];
    const [c] = compileRules(rules);
    const reference = await runReference(new ReferenceEngine(rules), {});
    expect(reference.get('proto')?.result).toBe(true);
    expect(c?.test({})).toBe(true);
    expect(countLeaves(rules[0]?.conditions as BoundCondition)).toBe(2);
  });
});
