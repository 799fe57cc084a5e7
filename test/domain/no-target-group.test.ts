/**
 * A rule set without target-group rules (FlüAG lump sums, Soforthilfe Ukraine) cannot decide
 * eligibility: every path refuses with `parameter-unavailable` instead of answering "not in the
 * target group" (which would be a confident wrong answer), and compare refuses to count persons
 * under it while district rows still compare.
 */
import { describe, expect, it } from 'vitest';
import { checkEligibility, checkEligibilityMany, compareImpact, evaluateEligibilityBatch } from '../../src/index.js';

const person = { id: 'p1', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', followUpSince: '2023-01-01', displacedFromUkraine: false } as const;

describe('eligibility under a rule set without target-group rules', () => {
  it.each(['bw-fluag-2014', 'bw-soforthilfe-2022', 'bw-soforthilfe-2023'])('%s: checkEligibility, the list and the batch refuse', (ruleSet) => {
    const one = checkEligibility(person, { on: '2023-06-01', ruleSet });
    expect(one.ok).toBe(false);
    if (one.ok) return;
    expect(one.issues).toHaveLength(1);
    expect(one.issues[0]).toMatchObject({ code: 'parameter-unavailable', path: ['ruleSet'] });
    expect(one.issues[0]?.message.en).toContain(`Rule set ${ruleSet} defines no target group`);
    expect(one.issues[0]?.message.de).toContain(`Regelwerk ${ruleSet} kennt keine Zielgruppe`);
    expect(checkEligibilityMany([person, person], { on: '2023-06-01', ruleSet })).toEqual([one, one]);
    const batch = evaluateEligibilityBatch([person], { on: '2023-06-01', ruleSet });
    expect([...batch.ok]).toEqual([0]);
    expect(batch.result(0)).toEqual(one);
  });

  it('selected by date within a programme without target-group rules: refused too', () => {
    const r = checkEligibility(person, { on: '2023-06-01', programme: 'bw-fluag' });
    expect(r.ok ? null : r.issues.map((i) => i.code)).toEqual(['parameter-unavailable']);
  });

  it('a rule set with target-group rules still decides (the same person)', () => {
    const r = checkEligibility(person, { on: '2023-06-01', ruleSet: 'bw-im-2022' });
    expect(r.ok && r.eligible).toBe(true);
  });
});

describe('compareImpact with a side without target-group rules', () => {
  it('refuses a caseload of persons, naming the rule set', () => {
    const r = compareImpact('bw-im-2022', 'bw-fluag-2014', { persons: [person] }, { on: '2023-06-01' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['parameter-unavailable', 'caseload.persons']]);
    expect(r.issues[0]?.message.en).toContain('bw-fluag-2014');
  });

  it('names both sides when neither has target-group rules', () => {
    const r = compareImpact('bw-soforthilfe-2022', 'bw-soforthilfe-2023', { persons: [person] }, { on: '2023-06-01' });
    expect(r.ok ? [] : r.issues.map((i) => i.message.en.split(' ')[2])).toEqual(['bw-soforthilfe-2022', 'bw-soforthilfe-2023']);
  });

  it('still compares district rows, whose persons are given', () => {
    const r = compareImpact('bw-im-2022', 'bw-soforthilfe-2022', { districts: [{ district: '08111', persons: 100, population: 630000 }] }, { on: '2023-06-01' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.totals.persons).toBe(100);
    expect(r.report.totals.fundingB).not.toBeNull();
  });
});
