/**
 * The parameter contract (src/contract/parameters.ts): typos in rule data (a value, a rounding
 * point, a parameter name) fail when the rule set loads, with the parameter's name, the value and
 * the allowed values; the contract covers every parameter and rounding point the computations
 * read; and the computations' own lists of allowed values are the contract's (type tests, checked
 * by `npm run typecheck`).
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRegistry, loadRuleSet, RuleSetRegistry } from '../../src/versions/registry.js';
import {
  CONTRACT_ALLOCATION_KEYS,
  CONTRACT_ALLOCATION_METHODS,
  CONTRACT_ALLOCATION_MODES,
  CONTRACT_ROUNDING_MODES,
  COUNSELLING_PERIOD_COUNTINGS,
  PARAMETER_CONTRACT,
  PARAMETER_SPECS,
  ROUNDING_POINTS,
  type AllowedParameterValue,
  type ContractParameterName,
  type ContractParameterValue,
  type RoundingPoint,
} from '../../src/contract/parameters.js';
import { ParameterReader } from '../../src/domain/money-common.js';
import { ALLOCATION_KEYS, ALLOCATION_METHODS, ALLOCATION_MODES, type AllocationKey, type AllocationMethod, type AllocationMode } from '../../src/domain/allocation.js';
import type { CounsellingLimit } from '../../src/domain/eligibility.js';
import { checkEligibility } from '../../src/domain/eligibility.js';
import type { Accommodation, ResidenceStatus } from '../../src/contract/person.js';
import type { RoundingMode } from '../../src/money/decimal.js';
import type { RoundingEntry } from '../../src/ruleset/schema.js';
import { runCases } from '../../src/testing/cases.js';

const root = join(import.meta.dirname, '..', '..');
const scenario = JSON.parse(readFileSync(join(root, 'examples', 'scenario-ratio-60.json'), 'utf8')) as Record<string, unknown>;

function parameter(unit: string, value: unknown): Record<string, unknown> {
  return { unit, description: { de: 'Test', en: 'test' }, values: [{ from: '2026-01-01', value, source: 'Test', confidence: 'assumed' }] };
}

/** The shipped example scenario with one parameter replaced. */
function withParameter(name: string, unit: string, value: unknown): Record<string, unknown> {
  return { ...scenario, id: 'typo-scenario', parameters: { [name]: parameter(unit, value) } };
}

function issuesOf(doc: unknown, registry?: RuleSetRegistry) {
  const r = loadRuleSet(doc, registry === undefined ? {} : { registry });
  if (r.ok) throw new Error(`expected ${JSON.stringify(doc).slice(0, 80)} to be refused`);
  return r.issues;
}

describe('parameter values are checked against the contract at load', () => {
  it('refuses counsellingPeriodCounting "bgb-187-l" (a typo) in a scenario, naming the parameter, the value and the allowed values', () => {
    const issues = issuesOf(withParameter('counsellingPeriodCounting', 'text', 'bgb-187-l'));
    expect(issues).toEqual([
      {
        code: 'invalid-parameter-value',
        path: ['parameters', 'counsellingPeriodCounting', 'values', 0, 'value'],
        message: {
          de: 'Parameter counsellingPeriodCounting (eligibility) ist "bgb-187-l", muss aber einer der Werte "bgb-187-1", "bgb-187-2" sein.',
          en: 'Parameter counsellingPeriodCounting (eligibility) is "bgb-187-l", but must be one of "bgb-187-1", "bgb-187-2".',
        },
      },
    ]);
  });

  it('accepts both countings, and the result follows the one given', () => {
    const ends: string[] = [];
    for (const v of COUNSELLING_PERIOD_COUNTINGS) {
      const base = defaultRegistry().get('bw-im-2023');
      if (base === undefined) throw new Error('missing bw-im-2023');
      const r = loadRuleSet({ ...scenario, id: `counting-${v}`, extends: 'bw-im-2023', validFrom: '2023-06-06', parameters: { counsellingPeriodCounting: { ...parameter('text', v), values: [{ from: '2023-06-06', value: v, source: 'Test', confidence: 'assumed' }] } } });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const e = checkEligibility(
        { id: 'x', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
        { on: '2024-01-01', ruleSet: r.ruleSet.id, registry: defaultRegistry().with(r.ruleSet) },
      );
      if (!e.ok) throw new Error(JSON.stringify(e.issues));
      ends.push(String(e.counsellingEndsOn));
    }
    expect(new Set(ends).size).toBe(2);
  });

  it.each([
    ['staffingFteRoundingMode', 'text', 'half_up', 'one of "half-up", "down", "up", "half-even"'],
    ['allocationKey', 'text', 'populaton', 'one of "persons-counted", "population", "allocations-from-initial-reception"'],
    ['allocationMode', 'text', 'split', 'one of "per-unit-rate", "split-budget"'],
    ['allocationMethod', 'text', 'largest remainder', 'one of "proportional", "largest-remainder"'],
    ['staffingRatio', 'persons/FTE', 0, 'greater than zero'],
    ['staffingFteStep', 'FTE', '0', 'greater than zero'],
    ['allocationStatewideWeight', 'persons', 0, 'greater than zero'],
    ['staffingRatio', 'persons/FTE', 'eighty', 'a number (or a decimal string such as "0.25")'],
    ['staffingRateBaseYear', 'year', 2024.5, 'a whole number'],
    ['staffingRateBaseYear', 'year', 20240, 'a whole number from 1–9999'],
    ['allocationKeyFiguresAvailable', 'flag', 'no', 'true or false'],
    ['grantFundedUntil', 'date', '2024-02-30', 'a date YYYY-MM-DD'],
    ['grantExtensionReferenceDate', 'date', '31.12.2018', 'a date YYYY-MM-DD'],
    ['grantRateVocational', 'EUR/FTE/year', 51000, 'an amount of money as a decimal string ("1234.50")'],
    ['targetAccommodations', 'list', 'follow-up', 'a list'],
  ])('refuses %s = %j: must be %s', (name, unit, value, expected) => {
    const issues = issuesOf(withParameter(name, unit, value));
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'invalid-parameter-value',
        path: ['parameters', name, 'values', 0, 'value'],
        message: expect.objectContaining({ en: expect.stringContaining(`is ${JSON.stringify(value)}, but must be ${expected}.`) as unknown }) as unknown,
      }),
    );
  });

  it.each([
    ['allocationMode', 'text'],
    ['staffingRatio', 'persons/FTE'],
    ['targetAccommodations', 'list'],
  ])('refuses null for %s (no "none" in the contract)', (name, unit) => {
    expect(issuesOf(withParameter(name, unit, null))).toContainEqual(
      expect.objectContaining({ code: 'invalid-parameter-value', message: expect.objectContaining({ en: `Parameter ${name} (${PARAMETER_SPECS[name as ContractParameterName].computation}) is null, but must have a value.` }) as unknown }),
    );
  });

  it('refuses a list entry that is not one the rules compare with, pointing at the entry', () => {
    const issues = issuesOf(withParameter('targetAccommodations', 'list', ['follow-up', 'folow-up']));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'invalid-parameter-value',
        path: ['parameters', 'targetAccommodations', 'values', 0, 'value', 1],
        message: {
          de: 'Parameter targetAccommodations (eligibility): Eintrag 2 ist "folow-up", muss aber einer der Werte "initial-reception", "provisional", "follow-up", "private" sein.',
          en: 'Parameter targetAccommodations (eligibility): entry 2 is "folow-up", but must be one of "initial-reception", "provisional", "follow-up", "private".',
        },
      }),
    ]);
    expect(issuesOf(withParameter('allocationRecipients', 'list', ['08111', 8111]))[0]?.message.en).toBe(
      'Parameter allocationRecipients (allocation): entry 2 is 8111, but must be a five-digit district key ("08111").',
    );
    expect(issuesOf(withParameter('counsellingStartFacts', 'fact-list', ['counsellingSince', 'district']))[0]?.message.en).toBe(
      'Parameter counsellingStartFacts (eligibility): entry 2 is "district", but must be one of "followUpSince", "counsellingSince", "arrivalDate", "on".',
    );
    expect(issuesOf(withParameter('counsellingStartFacts', 'fact-list', ['counsellingSince', 'district']))[0]?.path).toEqual([
      'parameters',
      'counsellingStartFacts',
      'values',
      0,
      'value',
      1,
    ]);
  });

  it('refuses a parameter in another unit than its computation reads', () => {
    expect(issuesOf(withParameter('staffingRatePerFte', 'EUR/year', '60000.00'))).toEqual([
      {
        code: 'invalid-parameter-value',
        path: ['parameters', 'staffingRatePerFte', 'unit'],
        message: {
          de: 'Parameter staffingRatePerFte (staffing) hat die Einheit "EUR/year"; erlaubt: "EUR/FTE/year".',
          en: 'Parameter staffingRatePerFte (staffing) has unit "EUR/year"; allowed: "EUR/FTE/year".',
        },
      },
    ]);
  });

  it('refuses a rule set that defines some but not all required parameters of a computation', () => {
    const base = defaultRegistry().get('bw-soforthilfe-2022');
    if (base === undefined) throw new Error('missing bw-soforthilfe-2022');
    const doc = JSON.parse(JSON.stringify(base.document)) as { id: string; parameters: Record<string, unknown> };
    doc.id = 'soforthilfe-without-mode';
    delete doc.parameters.allocationMode;
    const issues = issuesOf(doc);
    expect(issues).toContainEqual(expect.objectContaining({ code: 'missing-field', path: ['parameters', 'allocationMode'] }));
    expect(issues.find((i) => i.code === 'missing-field')?.message.en).toBe('Parameter allocationMode is missing: allocation needs it, as the rule set defines allocationKey.');
  });
});

describe('rounding points are checked against the contract at load', () => {
  const rounding = (appliesTo: string) => ({ step: '0.01', mode: 'half-up', appliesTo, source: 'Test', confidence: 'assumed' });

  it('refuses "grant-totl" (a typo), suggesting "grant-total" and listing the known points', () => {
    const issues = issuesOf({ ...scenario, id: 'rounding-typo', rounding: [rounding('grant-totl')] });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('invalid-value');
    expect(issues[0]?.path).toEqual(['rounding', 0, 'appliesTo']);
    expect(issues[0]?.message.en).toBe(
      `Unknown rounding point "grant-totl". Did you mean "grant-total"? Allowed: ${ROUNDING_POINTS.map((p) => JSON.stringify(p)).join(', ')}.`,
    );
    expect(issues[0]?.message.de).toMatch(/^Unbekannter Rundungspunkt "grant-totl"\. Gemeint: "grant-total"\? Erlaubt: "grant-total", /);
  });

  it('refuses a single (non-list) rounding point with an unknown name, and a point stated twice', () => {
    expect(issuesOf({ ...scenario, id: 'rounding-single', rounding: rounding('total') })[0]?.path).toEqual(['rounding', 'appliesTo']);
    const twice = issuesOf({ ...scenario, id: 'rounding-twice', rounding: [rounding('grant-total'), { ...rounding('grant-total'), mode: 'down' }] });
    expect(twice.map((i) => [i.path, i.message.en])).toEqual([[['rounding', 1, 'appliesTo'], 'Rounding point "grant-total" is stated twice.']]);
  });

  it('accepts every known rounding point', () => {
    for (const p of ROUNDING_POINTS) expect(loadRuleSet({ ...scenario, id: `rounding-${p}`, rounding: [rounding(p)] }).ok).toBe(true);
  });
});

describe('parameter names are checked at load', () => {
  it('refuses a misspelt parameter name in a scenario (it would be ignored), suggesting the name meant', () => {
    const issues = issuesOf({ ...scenario, id: 'name-typo', parameters: { staffingRatoi: parameter('persons/FTE', 60) } });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('unknown-parameter');
    expect(issues[0]?.path).toEqual(['parameters', 'staffingRatoi']);
    expect(issues[0]?.message.en).toMatch(/^Parameter "staffingRatoi" is read by no computation and no rule\. Did you mean "staffingRatio"\? Known parameters: "counsellingLimitMonths", /);
    expect(issues[0]?.message.de).toMatch(/^Parameter "staffingRatoi" liest keine Berechnung und keine Regel\. Gemeint: "staffingRatio"\? Bekannte Parameter: /);
  });

  it('refuses a name that differs from a known one only in case', () => {
    expect(loadRuleSet({ ...scenario, id: 'name-typo-2', parameters: { staffingratio: parameter('persons/FTE', 60) } }).ok).toBe(false);
  });

  it('accepts a parameter of its own that the rule set\'s rules read, and a scenario overriding it', () => {
    const base = defaultRegistry().get('bw-im-2023');
    if (base === undefined) throw new Error('missing bw-im-2023');
    const text = JSON.stringify(base.document).replaceAll('"targetAccommodations"', '"ownTargetStages"');
    const own = JSON.parse(text) as Record<string, unknown>;
    own.id = 'own-programme-copy';
    delete own.cases;
    const loaded = loadRuleSet(own);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const registry = defaultRegistry().with(loaded.ruleSet);
    const over = loadRuleSet(
      { ...scenario, id: 'own-override', extends: 'own-programme-copy', validFrom: '2023-06-06', parameters: { ownTargetStages: { ...parameter('list', []), values: [{ from: '2023-06-06', value: ['follow-up', 'private'], source: 'Test', confidence: 'assumed' }] } } },
      { registry },
    );
    expect(over.ok).toBe(true);
  });

  it('a rule set of its own may carry data nothing in the library reads, unless the name is a near miss of a known one', () => {
    const base = defaultRegistry().get('bw-im-2023');
    if (base === undefined) throw new Error('missing bw-im-2023');
    const dated = (value: unknown) => ({ ...parameter('text', value), values: [{ from: '2023-06-06', value, source: 'Test', confidence: 'assumed' }] });
    const own = (id: string, extra: Record<string, unknown>) => ({ ...base.document, id, cases: [], parameters: { ...base.document.parameters, ...extra } });
    expect(loadRuleSet(own('own-with-data', { ownDataForMyCode: dated('x') })).ok).toBe(true);
    const near = issuesOf(own('own-with-typo', { grantFundedUntill: { ...dated('2024-12-31'), unit: 'date' } }));
    expect(near.map((i) => [i.code, i.path])).toEqual([['unknown-parameter', ['parameters', 'grantFundedUntill']]]);
    expect(near[0]?.message.en).toContain('Did you mean "grantFundedUntil"?');
    // In a scenario (it extends another) any parameter nothing reads is refused: the base value would be used.
    expect(issuesOf({ ...scenario, id: 'scenario-with-data', parameters: { ownDataForMyCode: parameter('text', 'x') } }).map((i) => i.code)).toEqual(['unknown-parameter']);
  });
});

describe('the shipped rule sets and the contract', () => {
  it('every shipped rule set loads under the contract and declares only parameters of the contract', () => {
    const sets = defaultRegistry().list();
    expect(sets.length).toBeGreaterThanOrEqual(11);
    const names = new Set(sets.flatMap((s) => Object.keys(s.document.parameters)));
    expect([...names].filter((n) => !Object.prototype.hasOwnProperty.call(PARAMETER_SPECS, n))).toEqual([]);
    // And each parameter of the contract is used by a shipped rule set (no dead entries).
    expect(Object.keys(PARAMETER_SPECS).filter((n) => !names.has(n))).toEqual([]);
    const points = new Set(sets.flatMap((s) => (s.document.rounding === undefined ? [] : Array.isArray(s.document.rounding) ? s.document.rounding : [s.document.rounding]).map((r) => r.appliesTo)));
    expect([...points].sort()).toEqual([...ROUNDING_POINTS].sort());
  });

  it('declares each parameter for one computation only', () => {
    const all = Object.values(PARAMETER_CONTRACT).flatMap((c) => Object.keys(c.parameters));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(Object.keys(PARAMETER_SPECS).length);
  });
});

describe('contract coverage: every parameter code reads is declared', () => {
  const read = new Set<string>();
  const rounded = new Set<string>();
  beforeAll(() => {
    /* eslint-disable @typescript-eslint/unbound-method -- the originals, called with the reader as `this` */
    const use = ParameterReader.prototype.use;
    const has = ParameterReader.prototype.has;
    const rounding = ParameterReader.prototype.rounding;
    /* eslint-enable @typescript-eslint/unbound-method */
    vi.spyOn(ParameterReader.prototype, 'use').mockImplementation(function (this: ParameterReader, name: string, date?: string) {
      read.add(name);
      return use.call(this, name, date);
    });
    vi.spyOn(ParameterReader.prototype, 'has').mockImplementation(function (this: ParameterReader, name: string, date?: string) {
      read.add(name);
      return has.call(this, name, date);
    });
    vi.spyOn(ParameterReader.prototype, 'rounding').mockImplementation(function (this: ParameterReader, appliesTo: string) {
      rounded.add(appliesTo);
      return rounding.call(this, appliesTo);
    });
    const registry = defaultRegistry();
    for (const s of registry.list()) runCases(s, registry);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('declares every parameter a money computation reads while running the golden cases', () => {
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((n) => !Object.prototype.hasOwnProperty.call(PARAMETER_SPECS, n))).toEqual([]);
  });

  it('declares every rounding point a computation applies while running the golden cases', () => {
    expect([...rounded].sort()).toEqual([...ROUNDING_POINTS].sort());
  });

  it('declares every parameter named in a direct read (parameterValueAt, reader calls) anywhere in src/', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.generated.ts') ? [join(dir, e.name)] : []));
    const named = new Set<string>();
    const calls = [/parameterValueAt\([^,()]+,\s*'([A-Za-z]+)'/g, /\.(?:use|useOptional|has|decimal|integer|text|get|optional)\(\s*'([A-Za-z]+)'/g];
    for (const f of files(join(root, 'src'))) {
      const source = readFileSync(f, 'utf8');
      for (const re of calls) for (const m of source.matchAll(re)) if (m[1] !== undefined) named.add(m[1]);
    }
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((n) => !Object.prototype.hasOwnProperty.call(PARAMETER_SPECS, n))).toEqual([]);
  });
});

describe('the computations read the types the contract declares', () => {
  it('their lists of allowed values are the contract\'s (values)', () => {
    expect(Object.keys(ALLOCATION_KEYS)).toEqual([...CONTRACT_ALLOCATION_KEYS]);
    expect([...ALLOCATION_MODES]).toEqual([...CONTRACT_ALLOCATION_MODES]);
    expect([...ALLOCATION_METHODS]).toEqual([...CONTRACT_ALLOCATION_METHODS]);
    expect([...CONTRACT_ROUNDING_MODES].sort()).toEqual(['down', 'half-even', 'half-up', 'up']);
  });

  it('their types are the contract\'s (checked by the type checker)', () => {
    expectTypeOf<AllowedParameterValue<'allocationKey'>>().toEqualTypeOf<AllocationKey>();
    expectTypeOf<AllowedParameterValue<'allocationMode'>>().toEqualTypeOf<AllocationMode>();
    expectTypeOf<AllowedParameterValue<'allocationMethod'>>().toEqualTypeOf<AllocationMethod>();
    expectTypeOf<AllowedParameterValue<'staffingFteRoundingMode'>>().toEqualTypeOf<RoundingMode>();
    expectTypeOf<AllowedParameterValue<'staffingFteRoundingMode'>>().toEqualTypeOf<RoundingEntry['mode']>();
    expectTypeOf<AllowedParameterValue<'counsellingPeriodCounting'>>().toEqualTypeOf<CounsellingLimit['counting']>();
    expectTypeOf<AllowedParameterValue<'targetAccommodations'>>().toEqualTypeOf<Accommodation>();
    expectTypeOf<AllowedParameterValue<'displacedFromUkraineExcludedStages'>>().toEqualTypeOf<Accommodation>();
    expectTypeOf<AllowedParameterValue<'statusesWithProspect'>>().toEqualTypeOf<ResidenceStatus>();
    expectTypeOf<ContractParameterValue<'grantMaxMonths'>>().toEqualTypeOf<number | null>();
    expectTypeOf<ContractParameterValue<'grantRateVocational'>>().toEqualTypeOf<string>();
    expectTypeOf<ContractParameterValue<'allocationKeyFiguresAvailable'>>().toEqualTypeOf<boolean>();
    expectTypeOf<ContractParameterValue<'allocationKey'>>().toEqualTypeOf<AllocationKey>();
    expectTypeOf<ContractParameterValue<'targetAccommodations'>>().toEqualTypeOf<readonly Accommodation[]>();
    expectTypeOf<ContractParameterValue<'grantFundedUntil'>>().toEqualTypeOf<string | null>();
    expectTypeOf<'grant-total'>().toExtend<RoundingPoint>();
    expectTypeOf<'grant-totl'>().not.toExtend<RoundingPoint>();
    expectTypeOf<'staffingRatoi'>().not.toExtend<ContractParameterName>();
    expect(ROUNDING_POINTS).toContain('grant-total');
  });
});
