/**
 * Eligibility as a declared computation: the declaration runs the compiled path unchanged, its
 * columns and golden-case fields are those the CLI `check` and cases.json name, and `supports`
 * answers per rule set from its rules.
 */
import { describe, expect, it } from 'vitest';
import { ELIGIBILITY } from '../../src/domain/eligibility-computation.js';
import { checkEligibility } from '../../src/domain/eligibility.js';
import { declaredComputation } from '../../src/programmes/index.js';
import { generatePersons } from '../../src/synthetic/persons.js';
import { defaultRegistry } from '../../src/versions/registry.js';
import { resolveNamed } from '../../src/versions/resolve.js';

const person = { id: 'v1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' } as const;

describe('ELIGIBILITY', () => {
  it('is the programme-listed declaration golden cases find by name', () => {
    expect(declaredComputation('eligibility')).toBe(ELIGIBILITY);
    expect(ELIGIBILITY.programme).toBe('bw-integrationsmanagement');
    expect(Object.keys(ELIGIBILITY.contract.parameters)).toContain('counsellingLimitMonths');
  });

  it('evaluates exactly as checkEligibility does (results and issues, by id and by date)', () => {
    const persons: unknown[] = [...generatePersons({ count: 60, seed: 11, on: { from: '2017-01-01', to: '2026-12-31' } }), { id: 'x', residenceStatus: 'tourist' }, null, { ...person }];
    for (const options of [{}, { on: '2024-03-01' }, { ruleSet: 'bw-im-2022' }, { trace: false }, { ruleSet: 'bw-fluag-2014', on: '2020-01-01' }]) {
      for (const p of persons) expect(JSON.stringify(ELIGIBILITY.evaluate(p, options))).toBe(JSON.stringify(checkEligibility(p, options)));
    }
  });

  it('projects the decision to flat columns and gives a golden case its fields', () => {
    const r = ELIGIBILITY.evaluate(person, { on: '2024-03-01', trace: false });
    if (!r.ok) throw new Error('valid');
    expect(ELIGIBILITY.project(r)).toEqual({ eligible: true, basis: 'follow-up-accommodation', rule: r.basis.rule, counsellingEndsOn: '2026-06-30' });
    expect(Object.keys(ELIGIBILITY.columns)).toEqual(['eligible', 'basis', 'rule', 'counsellingEndsOn']);
    const fields = ELIGIBILITY.caseFields(r);
    expect(Object.keys(fields)).toEqual(['eligible', 'basis', 'rule', 'counsellingEndsOn', 'ruleSet', 'overlays', 'hash', 'assumptions']);
    expect(fields).toMatchObject({ ruleSet: 'bw-im-2023', overlays: [], hash: r.ruleSet.hash });
    expect(fields.assumptions).toEqual(r.assumptions.map((a) => `${a.kind}:${a.ruleSet}/${a.name}`));
    expect(ELIGIBILITY.caseInput({ a: 1 })).toEqual({ input: { a: 1 }, options: { trace: false } });
  });

  it('supports a rule set only with target-group rules whose parameters are defined', () => {
    const registry = defaultRegistry();
    const resolved = (id: string) => {
      const r = resolveNamed(registry, id);
      if (r === undefined) throw new Error(id);
      return r;
    };
    expect(ELIGIBILITY.supports(resolved('bw-im-2023'), '2024-03-01')).toBe(true);
    expect(ELIGIBILITY.supports(resolved('bw-soforthilfe-2022'), '2022-06-01')).toBe(false);
    expect(ELIGIBILITY.supports(resolved('bw-fluag-2014'), '2020-01-01')).toBe(false);
  });
});
