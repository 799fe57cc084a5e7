/**
 * Eligibility decisions written from the mutation-testing survivors (docs/quality.md): which rule
 * decides, exclusions, counselling limits (start facts in order, BGB § 187 (1) and (2) counting,
 * justified extension, no limit), notes and assumptions, traces, the option and date checks, and
 * the batch path giving exactly the single-check answers. Each test builds its own registry (the
 * resolver and compiler cache per registry).
 */
import { describe, expect, it } from 'vitest';
import { checkEligibilityMany, evaluateEligibilityBatch } from '../../src/domain/batch.js';
import {
  checkEligibility,
  checkEligibilityOrThrow,
  eligibilityFacts,
  selectRuleSet,
  type EligibilityOk,
  type EligibilityResult,
} from '../../src/domain/eligibility.js';
import { isValidPersonFast, readPersonFacts, type PersonFactSlots } from '../../src/domain/person-check.js';
import { personSchema } from '../../src/contract/person.js';
import { FoerderregelnError, forbiddenKeys } from '../../src/issues.js';
import { defaultRegistry, loadRuleSet, RuleSetRegistry } from '../../src/versions/registry.js';
import { ASSUMED, doc, param, registryOf, SRC, TP, type Doc } from '../fixtures/test-programme.js';

function leafRule(id: string, type: 'target-group' | 'exclusion', fact: string, value: unknown, citation: Doc = SRC): Doc {
  return {
    id,
    citation,
    description: { de: `de ${id}`, en: `en ${id}` },
    conditions: { all: [{ fact, operator: 'equal', value }] },
    event: { type, params: { basis: `basis-${id}` } },
  };
}

/** A limited programme: 12 months, counted from arrival or else follow-up accommodation. */
function limited(over: Doc = {}, params: Doc = {}): Doc {
  return doc('limited', {
    parameters: {
      counsellingLimitMonths: { ...param([['2020-01-01', 12]]), unit: 'months' },
      counsellingStartFacts: { ...param([['2020-01-01', ['arrivalDate', 'followUpSince']]], ASSUMED), unit: 'fact-list' },
      counsellingPeriodCounting: { ...param([['2020-01-01', 'bgb-187-1']]), unit: 'text' },
      ...params,
    },
    rules: {
      eligibility: [
        leafRule('tolerated', 'target-group', 'residenceStatus', 'tolerated'),
        leafRule('follow-up', 'target-group', 'accommodation', 'follow-up', ASSUMED),
        leafRule('ukraine-out', 'exclusion', 'displacedFromUkraine', true, { source: 'test', confidence: 'inferred', note: 'x' }),
      ],
    },
    ...over,
  });
}

const person = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'p',
  residenceStatus: 'asylum-seeker',
  accommodation: 'provisional',
  displacedFromUkraine: false,
  ...over,
});

function ok(r: EligibilityResult): EligibilityOk {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}
const check = (reg: RuleSetRegistry, p: unknown, on = '2021-06-01'): EligibilityOk => ok(checkEligibility(p, { registry: reg, programme: TP, on }));

describe('which rule decides', () => {
  it('the first target-group rule that applies, unless an exclusion applies', () => {
    const reg = registryOf(limited());
    const both = check(reg, person({ residenceStatus: 'tolerated', accommodation: 'follow-up', followUpSince: '2021-01-01' }));
    expect([both.eligible, both.basis.code, both.basis.rule]).toEqual([true, 'basis-tolerated', 'tolerated']);
    expect(both.basis.description.en).toBe('en tolerated');
    expect(both.basis.citation).toEqual(SRC);
    const second = check(reg, person({ accommodation: 'follow-up', followUpSince: '2021-01-01' }));
    expect([second.eligible, second.basis.rule]).toEqual([true, 'follow-up']);
    const excluded = check(reg, person({ residenceStatus: 'tolerated', displacedFromUkraine: true, arrivalDate: '2021-02-10' }));
    expect([excluded.eligible, excluded.basis.code, excluded.basis.rule]).toEqual([false, 'basis-ukraine-out', 'ukraine-out']);
    // the limit still runs from the admitting rule's start
    expect(excluded.counsellingEndsOn).toBe('2022-02-10');
    const none = check(reg, person({ displacedFromUkraine: true, arrivalDate: '2021-02-10' }));
    expect([none.eligible, none.basis.code, none.basis.rule, none.basis.citation, none.counsellingEndsOn]).toEqual([false, 'not-in-target-group', null, null, null]);
    expect(none.basis.description.en).toBe('No target-group rule applies.');
    expect(none.notes).toEqual([]);
  });

  it('assumptions: the deciding rules’ readings, and for a rejection those of every target-group rule', () => {
    const reg = registryOf(limited());
    const names = (r: EligibilityOk): string[] => r.assumptions.map((a) => `${a.kind}:${a.name}`);
    const admitted = check(reg, person({ accommodation: 'follow-up', followUpSince: '2021-01-01' }));
    expect(names(admitted)).toContain('rule:follow-up');
    expect(names(admitted)).toContain('parameter:counsellingStartFacts');
    expect(names(admitted)).not.toContain('rule:ukraine-out');
    const excluded = check(reg, person({ accommodation: 'follow-up', displacedFromUkraine: true }));
    expect(names(excluded)).toEqual(expect.arrayContaining(['rule:follow-up', 'rule:ukraine-out']));
    const firstRule = check(reg, person({ residenceStatus: 'tolerated', arrivalDate: '2021-01-01' }));
    expect(names(firstRule)).not.toContain('rule:follow-up');
    const rejected = check(reg, person());
    expect(names(rejected)).toContain('rule:follow-up');
    expect(names(rejected)).not.toContain('rule:ukraine-out');
    expect(names(rejected)).not.toContain('parameter:counsellingStartFacts');
  });

  it('assumptions are exactly: validity, the rule’s parameters and reading, the limit’s parameters', () => {
    const reg = registryOf(doc('refs', {
      validity: { from: ASSUMED },
      parameters: {
        statuses: { ...param([['2020-01-01', ['tolerated']]], ASSUMED), unit: 'list' },
        places: { ...param([['2020-01-01', ['private']]], ASSUMED), unit: 'list' },
        counsellingLimitMonths: { ...param([['2020-01-01', 12]], ASSUMED), unit: 'months' },
        counsellingLimitMonthsJustified: { ...param([['2020-01-01', null]], ASSUMED), unit: 'months' },
        counsellingStartFacts: { ...param([['2020-01-01', ['followUpSince']]], ASSUMED), unit: 'fact-list' },
        counsellingPeriodCounting: { ...param([['2020-01-01', 'bgb-187-2']], ASSUMED), unit: 'text' },
      },
      rules: {
        eligibility: [
          { ...leafRule('by-status', 'target-group', 'residenceStatus', null, ASSUMED), conditions: { all: [{ fact: 'residenceStatus', operator: 'in', value: { param: 'statuses' } }] } },
          { ...leafRule('by-place', 'target-group', 'accommodation', null), conditions: { all: [{ fact: 'accommodation', operator: 'in', value: { param: 'places' } }] } },
        ],
      },
    }));
    const names = (r: EligibilityOk): string[] => r.assumptions.map((a) => `${a.kind}:${a.name}`);
    const admitted = check(reg, person({ residenceStatus: 'tolerated', followUpSince: '2021-01-01' }));
    expect(names(admitted)).toEqual([
      'validity:validFrom',
      'parameter:statuses',
      'rule:by-status',
      'parameter:counsellingLimitMonths',
      'parameter:counsellingLimitMonthsJustified',
      'parameter:counsellingStartFacts',
      'parameter:counsellingPeriodCounting',
    ]);
    // a justified extension without a justified limit (null) keeps the plain limit
    expect(admitted.counsellingEndsOn).toBe('2021-12-31');
    expect(check(reg, person({ residenceStatus: 'tolerated', followUpSince: '2021-01-01', justifiedExtension: true })).counsellingEndsOn).toBe('2021-12-31');
    // the counting rule is assumed, so the result also gives the end under the other reading of § 187 BGB
    expect(admitted.notes.map((n) => n.en)).toEqual(['Period counted under BGB § 187(2) (assumed); under § 187(1) counselling would end on 2022-01-01.']);
    expect(names(check(reg, person({ accommodation: 'private' })))).toEqual(expect.arrayContaining(['parameter:places']));
    expect(names(check(reg, person({ accommodation: 'private' })))).not.toContain('parameter:statuses');
    expect(names(check(reg, person()))).toEqual(['validity:validFrom', 'parameter:statuses', 'rule:by-status', 'parameter:places']);
  });

  it('an exclusion or target rule at any position counts (first and second place)', () => {
    const reg = registryOf(doc('order', {
      rules: {
        eligibility: [
          leafRule('ukraine-out', 'exclusion', 'displacedFromUkraine', true),
          leafRule('private-out', 'exclusion', 'accommodation', 'private'),
          leafRule('tolerated', 'target-group', 'residenceStatus', 'tolerated'),
        ],
      },
    }));
    const excludedFirst = check(reg, person({ residenceStatus: 'tolerated', displacedFromUkraine: true }));
    expect([excludedFirst.eligible, excludedFirst.basis.rule]).toEqual([false, 'ukraine-out']);
    const excludedSecond = check(reg, person({ residenceStatus: 'tolerated', accommodation: 'private' }));
    expect([excludedSecond.eligible, excludedSecond.basis.rule]).toEqual([false, 'private-out']);
    const onlyExclusion = check(reg, person({ accommodation: 'private' }));
    expect([onlyExclusion.eligible, onlyExclusion.basis.code]).toEqual([false, 'not-in-target-group']);
    const admitted = check(reg, person({ residenceStatus: 'tolerated' }));
    expect([admitted.eligible, admitted.basis.rule]).toEqual([true, 'tolerated']);
    const rows = [person({ id: '1', residenceStatus: 'tolerated', displacedFromUkraine: true }), person({ id: '2', accommodation: 'private' }), person({ id: '3', residenceStatus: 'tolerated' })];
    const b = evaluateEligibilityBatch(rows, { registry: reg, programme: TP, on: '2021-06-01' });
    expect([...b.eligible]).toEqual([0, 0, 1]);
    expect([0, 1, 2].map((i) => b.bases[b.basis[i] ?? -1]?.code)).toEqual(['basis-ukraine-out', 'not-in-target-group', 'basis-tolerated']);
  });

  it('traces every rule with its result, or nothing when no trace is asked for', () => {
    const reg = registryOf(limited());
    const r = ok(checkEligibility(person({ accommodation: 'follow-up' }), { registry: reg, programme: TP, on: '2021-06-01' }));
    expect(r.trace?.map((t) => [t.rule, t.definedIn, t.type, t.basis, t.result, t.conditions.result])).toEqual([
      ['tolerated', 'limited', 'target-group', 'basis-tolerated', false, false],
      ['follow-up', 'limited', 'target-group', 'basis-follow-up', true, true],
      ['ukraine-out', 'limited', 'exclusion', 'basis-ukraine-out', false, false],
    ]);
    expect(r.trace?.[1]?.description.de).toBe('de follow-up');
    // A plain-text note of rule data is the note of both languages (noteText), and stays `note`.
    expect(r.trace?.[1]?.citation).toEqual({ ...ASSUMED, noteText: { de: 'n', en: 'n' } });
    const quiet = ok(checkEligibility(person({ accommodation: 'follow-up' }), { registry: reg, programme: TP, on: '2021-06-01', trace: false }));
    expect(quiet.trace).toBeNull();
    expect({ ...quiet, trace: r.trace }).toEqual(r);
  });
});

describe('counselling limits', () => {
  it('counts from the first start fact given, by BGB § 187 (1): the event day does not count', () => {
    const reg = registryOf(limited());
    const byArrival = check(reg, person({ residenceStatus: 'tolerated', arrivalDate: '2021-01-31', followUpSince: '2021-03-01' }));
    expect(byArrival.counsellingEndsOn).toBe('2022-01-31');
    expect(byArrival.notes).toEqual([]);
    const byFollowUp = check(reg, person({ residenceStatus: 'tolerated', followUpSince: '2021-03-01' }));
    expect(byFollowUp.counsellingEndsOn).toBe('2022-03-01');
    // no justified-extension parameter: the same limit
    expect(check(reg, person({ residenceStatus: 'tolerated', followUpSince: '2021-03-01', justifiedExtension: true })).counsellingEndsOn).toBe('2022-03-01');
  });

  it('counts by § 187 (2) (first day counts) and uses the justified limit when the extension is justified', () => {
    const reg = registryOf(
      limited({}, {
        counsellingPeriodCounting: { ...param([['2020-01-01', 'bgb-187-2']]), unit: 'text' },
        counsellingLimitMonthsJustified: { ...param([['2020-01-01', 18]]), unit: 'months' },
      }),
    );
    const p = person({ residenceStatus: 'tolerated', followUpSince: '2021-03-01' });
    expect(check(reg, p).counsellingEndsOn).toBe('2022-02-28');
    expect(check(reg, { ...p, justifiedExtension: true }).counsellingEndsOn).toBe('2022-08-31');
    expect(check(reg, { ...p, justifiedExtension: false }).counsellingEndsOn).toBe('2022-02-28');
    // the same start date twice (memoised), then the other flag
    expect(check(reg, { ...p, id: 'q' }).counsellingEndsOn).toBe('2022-02-28');
    expect(check(reg, { ...p, id: 'r', justifiedExtension: true }).counsellingEndsOn).toBe('2022-08-31');
  });

  it('without start facts: counted from followUpSince, by § 187 (2)', () => {
    const reg = registryOf(doc('plain-limit', {
      parameters: { counsellingLimitMonths: { ...param([['2020-01-01', 12]]), unit: 'months' } },
      rules: { eligibility: [leafRule('tolerated', 'target-group', 'residenceStatus', 'tolerated')] },
    }));
    const r = check(reg, person({ residenceStatus: 'tolerated', arrivalDate: '2020-05-01', followUpSince: '2021-03-01' }));
    expect(r.counsellingEndsOn).toBe('2022-02-28');
  });

  it('a limit without a known start gives a note; no limit gives neither end nor note', () => {
    const reg = registryOf(limited());
    const r = check(reg, person({ residenceStatus: 'tolerated' }));
    expect(r.eligible).toBe(true);
    expect(r.counsellingEndsOn).toBeNull();
    expect(r.notes.map((n) => n.en)).toEqual(['Counselling is limited in time, but no start is known (arrivalDate, followUpSince missing); the end is unknown.']);
    // never a silent open end: the unknown end is an assumption of the result
    expect(r.assumptions.filter((a) => a.kind === 'fact').map((a) => [a.name, a.value, a.confidence])).toEqual([['counsellingEndsOn', null, 'assumed']]);
    expect(r.notes[0]?.de).toContain('arrivalDate, followUpSince');
    const unlimited = registryOf(doc('unlimited', { rules: { eligibility: [leafRule('tolerated', 'target-group', 'residenceStatus', 'tolerated')] } }));
    const u = check(unlimited, person({ residenceStatus: 'tolerated', followUpSince: '2021-03-01' }));
    expect([u.eligible, u.counsellingEndsOn, u.notes]).toEqual([true, null, []]);
    const nullLimit = registryOf(doc('null-limit', {
      parameters: { counsellingLimitMonths: { ...param([['2020-01-01', null]]), unit: 'months' } },
      rules: { eligibility: [leafRule('tolerated', 'target-group', 'residenceStatus', 'tolerated')] },
    }));
    expect(check(nullLimit, person({ residenceStatus: 'tolerated', followUpSince: '2021-03-01' })).counsellingEndsOn).toBeNull();
  });

  it('rules can read the counselling end: a rule on counsellingEndsOn sees the computed date', () => {
    const reg = registryOf(limited({
      rules: {
        eligibility: [
          leafRule('tolerated', 'target-group', 'residenceStatus', 'tolerated'),
          {
            id: 'expired',
            citation: SRC,
            description: { de: 'abgelaufen', en: 'expired' },
            conditions: { all: [{ fact: 'counsellingEndsOn', operator: 'dateBefore', value: { fact: 'on' } }] },
            event: { type: 'exclusion', params: { basis: 'counselling-period-expired' } },
          },
        ],
      },
    }));
    const p = person({ residenceStatus: 'tolerated', arrivalDate: '2020-03-01' });
    expect(check(reg, p, '2021-03-01').eligible).toBe(true);
    const late = check(reg, p, '2021-03-02');
    expect([late.eligible, late.basis.code, late.counsellingEndsOn]).toEqual([false, 'counselling-period-expired', '2021-03-01']);
  });
});

describe('options, dates and rule-set selection', () => {
  const reg = (): RuleSetRegistry => registryOf(limited());

  it('reports each bad option with its path, and the person’s id', () => {
    const bad = checkEligibility({ id: 7 }, { ruleSet: 5, registry: {}, programme: 1, trace: 'yes' } as never);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.id).toBe('7');
    expect(bad.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toEqual([
      'invalid-type@options.ruleSet',
      'invalid-type@options.registry',
      'invalid-type@options.programme',
      'invalid-type@options.trace',
    ]);
    for (const i of bad.issues) {
      expect(i.message.en).toContain(i.path[1]);
      expect(i.message.de).toContain(i.path[1]);
    }
    for (const o of [null, 'x', []]) {
      const r = checkEligibility(person(), o as never);
      expect(r.ok ? [] : r.issues.map((i) => i.path.join('.'))).toEqual(['options']);
      expect(r.ok ? [] : [r.issues[0]?.message.de, r.issues[0]?.message.en]).toEqual(['Die Optionen müssen ein Objekt sein.', 'The options must be an object.']);
    }
    const fine = checkEligibility(person(), { registry: reg(), programme: TP, on: '2021-06-01', trace: false, ruleSet: 'limited' });
    expect(fine.ok).toBe(true);
  });

  it('date of the check: the option overrides the person’s; both invalid inputs are reported together', () => {
    const r = reg();
    expect(check(r, person({ on: '2019-01-01' })).on).toBe('2021-06-01');
    const own = ok(checkEligibility(person({ on: '2021-02-03' }), { registry: r, programme: TP }));
    expect(own.on).toBe('2021-02-03');
    const missing = checkEligibility(person(), { registry: r, programme: TP });
    expect(missing.ok ? [] : missing.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toEqual(['missing-field@on']);
    expect(missing.ok ? [] : [missing.issues[0]?.message.de, missing.issues[0]?.message.en]).toEqual(['Ein Prüfdatum (on) fehlt.', 'An assessment date (on) is missing.']);
    const badOn = checkEligibility(person(), { registry: r, programme: TP, on: '2021-02-30' });
    expect(badOn.ok ? [] : badOn.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toEqual(['invalid-date@options.on']);
    const both = checkEligibility({ id: 'b', residenceStatus: 'x' }, { registry: r, programme: TP, on: 'soon' });
    expect(both.ok).toBe(false);
    if (both.ok) return;
    expect(both.id).toBe('b');
    expect(both.issues.map((i) => i.path.join('.'))).toContain('residenceStatus');
    expect(both.issues.at(-1)?.path).toEqual(['options', 'on']);
    expect(both.issues.at(-1)?.message.de).toBe('on ist kein gültiges Datum JJJJ-MM-TT.');
    expect(both.issues.at(-1)?.message.en).toBe('on is not a valid date YYYY-MM-DD.');
    const polluted = JSON.parse('{"id":"evil","residenceStatus":"tolerated","accommodation":"private","displacedFromUkraine":false,"__proto__":{"x":1}}') as unknown;
    const evil = checkEligibility(polluted, { registry: r, programme: TP, on: '2021-06-01' });
    expect(evil.ok ? null : [evil.id, evil.issues.map((i) => i.code)]).toEqual(['evil', ['forbidden-key']]);
    for (const [input, id] of [[null, null], [{ id: true }, null], [{ id: 12 }, '12'], [[{ id: 'a' }], null]] as const) {
      const res = checkEligibility(input, { registry: r, programme: TP, on: '2021-06-01' });
      expect(res.ok ? 'ok' : res.id).toBe(id);
    }
  });

  it('no rule set in force, an unknown id, and a loaded rule set the registry does not hold', () => {
    const r = reg();
    const early = checkEligibility(person(), { registry: r, programme: TP, on: '2019-12-31' });
    expect(early.ok ? null : early.issues[0]).toMatchObject({ code: 'no-rule-set-in-force', path: ['on'], message: { en: `No rule set of programme ${TP} is in force on 2019-12-31.` } });
    expect(early.ok ? null : early.issues[0]?.message.de).toBe(`Am 2019-12-31 ist kein Regelwerk des Programms ${TP} in Kraft.`);
    const unknown = checkEligibility(person(), { registry: r, ruleSet: 'nope', on: '2021-01-01' });
    expect(unknown.ok ? null : unknown.issues[0]).toMatchObject({ code: 'unknown-rule-set', path: ['ruleSet'], message: { de: 'Regelwerk nope ist unbekannt.', en: 'Rule set nope is unknown.' } });
    const loaded = loadRuleSet(limited({ id: 'outside' }), { registry: new RuleSetRegistry([]) });
    if (!loaded.ok) throw new Error('fixture');
    const byObject = ok(checkEligibility(person({ residenceStatus: 'tolerated' }), { registry: r, ruleSet: loaded.ruleSet, on: '2021-06-01' }));
    expect(byObject.ruleSet.id).toBe('outside');
    expect(byObject.ruleSet.hash).toBe(loaded.ruleSet.hash);
    // a same-id rule set that differs from the registry's copy is the one used
    const other = loadRuleSet(limited({ rules: { eligibility: [leafRule('asylum', 'target-group', 'residenceStatus', 'asylum-seeker')] } }), { registry: new RuleSetRegistry([]) });
    if (!other.ok) throw new Error('fixture');
    const replaced = ok(checkEligibility(person(), { registry: r, ruleSet: other.ruleSet, on: '2021-06-01' }));
    expect([replaced.eligible, replaced.basis.rule, replaced.ruleSet.hash]).toEqual([true, 'asylum', other.ruleSet.hash]);
    const sel = selectRuleSet({ registry: r, ruleSet: r.get('limited')! }, '2021-01-01');
    expect(sel.ok && sel.resolved.id).toBe('limited');
  });

  it('selection by date is per programme and per date (the same registry asked twice)', () => {
    const r = registryOf(limited(), doc('later', { validFrom: '2022-01-01', rules: { eligibility: [leafRule('asylum', 'target-group', 'residenceStatus', 'asylum-seeker')] } }));
    expect(check(r, person(), '2021-12-31').ruleSet.id).toBe('limited');
    expect(check(r, person(), '2022-01-01').ruleSet.id).toBe('later');
    expect(check(r, person(), '2021-12-31').eligible).toBe(false);
    expect(check(r, person(), '2022-01-01').eligible).toBe(true);
    const other = checkEligibility(person(), { registry: r, programme: 'elsewhere', on: '2022-01-01' });
    expect(other.ok).toBe(false);
    expect(ok(checkEligibility(person({ residenceStatus: 'tolerated', accommodation: 'follow-up', followUpSince: '2023-07-01' }), { on: '2024-03-01' })).ruleSet.id).toBe('bw-im-2023');
  });

  it('checkEligibilityOrThrow throws the issues; checkEligibilityMany answers every row', () => {
    const r = reg();
    expect(checkEligibilityOrThrow(person({ residenceStatus: 'tolerated' }), { registry: r, programme: TP, on: '2021-06-01' }).eligible).toBe(true);
    let thrown: unknown;
    try {
      checkEligibilityOrThrow(person(), { registry: r, programme: TP });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FoerderregelnError);
    expect((thrown as FoerderregelnError).issues[0]?.code).toBe('missing-field');
    const rows = [person({ id: 'a', residenceStatus: 'tolerated' }), { id: 'b' }, 5, person({ id: 'c' })];
    const many = checkEligibilityMany(rows, { registry: r, programme: TP, on: '2021-06-01' });
    expect(many.map((m) => [m.ok, m.id, m.ok ? m.eligible : m.issues[0]?.code, m.ok ? m.trace : null])).toEqual([
      [true, 'a', true, null],
      [false, 'b', 'missing-field', null],
      [false, null, 'invalid-type', null],
      [true, 'c', false, null],
    ]);
    const traced = checkEligibilityMany([person()], { registry: r, programme: TP, on: '2021-06-01', trace: true });
    expect(traced[0]?.ok && traced[0].trace?.length).toBe(3);
    const badOptions = checkEligibilityMany([{ id: 'x' }, { id: 'y' }], { trace: 1 } as never);
    expect(badOptions.map((m) => [m.ok, m.id, m.ok ? null : m.issues[0]?.path.join('.')])).toEqual([
      [false, 'x', 'options.trace'],
      [false, 'y', 'options.trace'],
    ]);
    for (const notList of [null, 3, undefined]) {
      const res = checkEligibilityMany(notList as never);
      expect(res).toHaveLength(1);
      expect(res[0]).toMatchObject({ ok: false, id: null, issues: [{ code: 'invalid-type', path: ['persons'] }] });
    }
    expect(checkEligibilityMany([])).toEqual([]);
  });

  it('facts: absent optional facts are false or null, the date is the check’s', () => {
    expect(eligibilityFacts({ id: 'x', residenceStatus: 'tolerated', accommodation: 'private', displacedFromUkraine: true, on: '2020-01-01' }, '2021-01-01')).toEqual({
      residenceStatus: 'tolerated',
      accommodation: 'private',
      displacedFromUkraine: true,
      goodProspects: false,
      justifiedExtension: false,
      followUpSince: null,
      counsellingSince: null,
      arrivalDate: null,
      district: null,
      on: '2021-01-01',
      accommodationStage: 'private',
      counsellingEndsOn: null,
    });
  });
});

describe('the fast person check', () => {
  const valid = { id: 'x', residenceStatus: 'tolerated', accommodation: 'private', displacedFromUkraine: false };
  const zodValid = (x: unknown): boolean => forbiddenKeys(x).length === 0 && personSchema.safeParse(x).success;
  it.each([
    ['valid', valid],
    ['all optional facts', { ...valid, followUpSince: '2021-01-01', arrivalDate: '2020-12-01', goodProspects: true, justifiedExtension: false, district: '08111', on: '2021-02-01' }],
    ['id of 200', { ...valid, id: 'x'.repeat(200) }],
    ['id of 201', { ...valid, id: 'x'.repeat(201) }],
    ['empty id', { ...valid, id: '' }],
    ['numeric id', { ...valid, id: 5 }],
    ['unknown status', { ...valid, residenceStatus: 'tourist' }],
    ['unknown accommodation', { ...valid, accommodation: 'tent' }],
    ['displaced as text', { ...valid, displacedFromUkraine: 'false' }],
    ['bad followUpSince', { ...valid, followUpSince: '2021-02-30' }],
    ['bad arrivalDate', { ...valid, arrivalDate: '2021-13-01' }],
    ['bad on', { ...valid, on: '1.2.2021' }],
    ['goodProspects as text', { ...valid, goodProspects: 'yes' }],
    ['justifiedExtension as number', { ...valid, justifiedExtension: 1 }],
    ['district with a 9 and a 0', { ...valid, district: '09190' }],
    ['district of 4 digits', { ...valid, district: '0811' }],
    ['district of 6 digits', { ...valid, district: '081111' }],
    ['district with a letter', { ...valid, district: '0811a' }],
    ['district with a slash', { ...valid, district: '0811/' }],
    ['district with a colon', { ...valid, district: '0811:' }],
    ['district as number', { ...valid, district: 8111 }],
    ['unknown key', { ...valid, name: 'n' }],
    ['null prototype', Object.assign(Object.create(null) as object, valid)],
    ['class instance', Object.assign(new (class P {
      toString(): string {
        return 'p';
      }
    })(), valid)],
    ['array', [valid]],
    ['null', null],
  ] as const)('%s: accepted exactly when zod accepts it unchanged', (_name, input) => {
    const fast = isValidPersonFast(input);
    const plain = input !== null && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype;
    const unchanged = plain && typeof (input as { id?: unknown }).id === 'string';
    expect(fast).toBe(unchanged && zodValid(input));
  });
  it('writes the facts the eligibility rules see', () => {
    const out = {} as PersonFactSlots;
    expect(readPersonFacts({ ...valid, district: '08111', followUpSince: '2021-01-01', on: '2021-02-01', goodProspects: true }, out)).toBe(true);
    expect(out).toEqual({ residenceStatus: 'tolerated', accommodation: 'private', displacedFromUkraine: false, goodProspects: true, justifiedExtension: false, followUpSince: '2021-01-01', counsellingSince: null, arrivalDate: null, district: '08111', on: '2021-02-01', accommodationStage: 'private' });
    expect(readPersonFacts(valid, out)).toBe(true);
    expect(out).toMatchObject({ goodProspects: false, followUpSince: null, district: null, on: null });
  });
});

describe('the batch gives the single-check answers', () => {
  function expectSame(rows: readonly unknown[], options: Parameters<typeof evaluateEligibilityBatch>[1]): void {
    const b = evaluateEligibilityBatch(rows, options);
    const many = checkEligibilityMany(rows, options);
    expect(b.length).toBe(rows.length);
    let valid = 0;
    let eligible = 0;
    many.forEach((r, i) => {
      expect(b.result(i)).toEqual(r);
      if (r.ok) {
        valid++;
        if (r.eligible) eligible++;
        expect([b.ok[i], b.eligible[i], b.counsellingEndsOn[i], b.on[i]]).toEqual([1, r.eligible ? 1 : 0, r.counsellingEndsOn, r.on]);
        expect(b.bases[b.basis[i] ?? -1]).toEqual(r.basis);
        expect(b.ruleSets[b.ruleSet[i] ?? -1]).toEqual(r.ruleSet);
        expect(b.issues.has(i)).toBe(false);
      } else {
        expect([b.ok[i], b.eligible[i], b.basis[i], b.ruleSet[i], b.on[i]]).toEqual([0, 0, -1, -1, null]);
        expect(b.issues.get(i)).toEqual(r.issues);
      }
    });
    expect([b.validCount, b.eligibleCount]).toEqual([valid, eligible]);
    expect(b.issues.size).toBe(rows.length - valid);
    // the distinct bases: no basis twice
    expect(new Set(b.bases.map((x) => JSON.stringify(x))).size).toBe(b.bases.length);
  }
  const rows = (): unknown[] => [
    person({ id: 'a', residenceStatus: 'tolerated', arrivalDate: '2020-03-01', on: '2021-02-01', district: '08111' }),
    person({ id: 'b', residenceStatus: 'tolerated', arrivalDate: '2020-03-01', on: '2021-06-01', district: '08111' }),
    person({ id: 'c', accommodation: 'follow-up', followUpSince: '2020-06-01', justifiedExtension: true, on: '2021-01-01' }),
    person({ id: 'd', accommodation: 'follow-up', followUpSince: '2020-06-01', on: '2021-01-01' }),
    person({ id: 'd2', accommodation: 'follow-up', followUpSince: '2020-06-01', on: '2021-01-01' }),
    person({ id: 'e', accommodation: 'follow-up', displacedFromUkraine: true, followUpSince: '2020-06-01', on: '2021-01-01' }),
    person({ id: 'f', residenceStatus: 'tolerated', on: '2021-01-01' }),
    person({ id: 'g', on: '2021-01-01' }),
    person({ id: 'h', on: '2019-01-01' }),
    person({ id: 'i' }),
    person({ id: 'j', residenceStatus: 'tolerated', arrivalDate: '2020-03-01', on: '2021-02-01', extra: 1 }),
    Object.assign(Object.create(null) as object, person({ id: 'k', residenceStatus: 'tolerated', on: '2021-01-01' })),
    { id: 'l' },
    null,
    person({ id: 'm', residenceStatus: 'tolerated', arrivalDate: 'soon', on: '2021-01-01' }),
    person({ id: 'n', residenceStatus: 'tolerated', on: '2021-01-01', followUpSince: '2020-12-01' }),
  ];
  it('row by row, with dates from the rows, a fixed date, a named rule set and bad options', () => {
    const r = registryOf(limited(), doc('later', { validFrom: '2021-03-01', rules: { eligibility: [leafRule('asylum', 'target-group', 'residenceStatus', 'asylum-seeker')] } }));
    expectSame(rows(), { registry: r, programme: TP });
    expectSame(rows(), { registry: r, programme: TP, on: '2021-02-01' });
    expectSame(rows(), { registry: r, programme: TP, on: '2019-02-01' });
    expectSame(rows(), { registry: r, programme: TP, on: '2021-02-31' });
    expectSame(rows(), { registry: r, ruleSet: 'limited' });
    expectSame(rows(), { registry: r, ruleSet: 'nope' });
    expectSame(rows(), { registry: r, trace: 'x' } as never);
    expectSame(rows(), {});
  });
  it('counts and bases on a known batch', () => {
    const r = registryOf(limited());
    const b = evaluateEligibilityBatch(rows(), { registry: r, programme: TP });
    expect(b.validCount).toBe(10);
    expect(b.eligibleCount).toBe(8);
    expect(b.bases[0]?.code).toBe('not-in-target-group');
    expect(b.ruleSets.map((x) => x.id)).toEqual(['limited']);
    expect(b.counsellingEndsOn.slice(0, 4)).toEqual(['2021-03-01', '2021-03-01', '2021-06-01', '2021-06-01']);
    const extended = registryOf(limited({}, { counsellingLimitMonthsJustified: { ...param([['2020-01-01', 18]]), unit: 'months' } }));
    const e = evaluateEligibilityBatch(rows(), { registry: extended, programme: TP });
    expect(e.counsellingEndsOn.slice(2, 5)).toEqual(['2021-12-01', '2021-06-01', '2021-06-01']);
    expect(e.counsellingEndsOn[6]).toBeNull();
    expect(e.counsellingEndsOn[15]).toBe('2021-12-01');
    // another date fact as the start (a fact that is no date, such as district, is refused at load by the parameter contract)
    const byOn = registryOf(limited({}, { counsellingStartFacts: { ...param([['2020-01-01', ['on']]], ASSUMED), unit: 'fact-list' } }));
    expectSame(rows(), { registry: byOn, programme: TP });
    const byOnBatch = evaluateEligibilityBatch(rows(), { registry: byOn, programme: TP });
    expect(byOnBatch.counsellingEndsOn.slice(0, 2)).toEqual(['2022-02-01', '2022-06-01']);
  });
  it('two rules with the same basis code stay two bases', () => {
    const reg = registryOf(doc('shared', {
      rules: {
        eligibility: [
          { ...leafRule('first', 'target-group', 'residenceStatus', 'tolerated'), event: { type: 'target-group', params: { basis: 'same' } } },
          { ...leafRule('second', 'target-group', 'accommodation', 'follow-up'), event: { type: 'target-group', params: { basis: 'same' } } },
        ],
      },
    }));
    const rs = [person({ id: '1', residenceStatus: 'tolerated' }), person({ id: '2', accommodation: 'follow-up' })];
    expectSame(rs, { registry: reg, programme: TP, on: '2021-06-01' });
    const b = evaluateEligibilityBatch(rs, { registry: reg, programme: TP, on: '2021-06-01' });
    expect([0, 1].map((i) => b.bases[b.basis[i] ?? -1]?.rule)).toEqual(['first', 'second']);
  });
  it('bundled rule sets, across versions', () => {
    const ps = [
      { id: 'u', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true, on: '2022-03-14' },
      { id: 'v', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01', on: '2024-03-01' },
      { id: 'w', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2020-07-01', on: '2024-03-01' },
      { id: 'x', residenceStatus: 'asylum-seeker', accommodation: 'provisional', displacedFromUkraine: false, on: '2018-03-01' },
    ];
    expectSame(ps, {});
    expectSame(ps, { registry: new RuleSetRegistry(defaultRegistry().list()) });
  });
  it('non-list input and out-of-range rows', () => {
    for (const notList of [5, true, undefined]) {
      const nb = evaluateEligibilityBatch(notList as never);
      expect(nb.length).toBe(1);
      expect(nb.result(0)).toEqual(checkEligibilityMany(notList as never)[0]);
    }
    const b = evaluateEligibilityBatch(null as never);
    expect(b.length).toBe(1);
    expect(b.result(0)).toEqual(checkEligibilityMany(null as never)[0]);
    expect(b.issues.get(0)?.[0]?.path).toEqual(['persons']);
    const two = evaluateEligibilityBatch([person(), person()], { registry: registryOf(limited()), programme: TP, on: '2021-01-01' });
    for (const i of [-1, 2, 0.5, Number.NaN]) expect(() => two.result(i)).toThrow(`row ${String(i)} is out of range`);
    expect(two.result(1).ok).toBe(true);
  });
});
