/**
 * The ruleset layer sits below the programmes and cannot import their declarations: the names it
 * knows are checked against the declared computations here, and a golden case naming no declared
 * computation fails with a coded issue naming the known ones.
 */
import { describe, expect, it } from 'vitest';
import { RULE_FILE_COMPUTATIONS } from '../../src/ruleset/fs.js';
import { caseSchema } from '../../src/ruleset/schema.js';
import { BUNDLED_PROGRAMMES, declaredComputation, declaredComputationNames } from '../../src/programmes/index.js';
import { runCase } from '../../src/testing/cases.js';
import { defaultRegistry } from '../../src/versions/registry.js';
import { resolveNamed } from '../../src/versions/resolve.js';

describe('computation names below the programmes', () => {
  it('rule-set directories may hold a rules file for each declared computation', () => {
    expect([...RULE_FILE_COMPUTATIONS].sort()).toEqual(declaredComputationNames().sort());
  });

  it('every computation is declared, eligibility, staffing and allocation in the programmes whose rule sets carry their rules and parameters', () => {
    expect(declaredComputationNames()).toEqual(['eligibility', 'grant', 'staffing', 'allocation', 'lump-sum']);
    const names = Object.fromEntries(BUNDLED_PROGRAMMES.map((p) => [p.id, p.computations.map((c) => c.name)]));
    expect(names).toEqual({
      'bw-integrationsmanagement': ['eligibility', 'grant', 'staffing', 'allocation'],
      'bw-soforthilfe-ukraine': ['allocation'],
      'bw-fluag': ['lump-sum'],
    });
  });

  it('a case takes any computation name; the case runner refuses one that is not declared, naming the known ones', () => {
    const c = { name: 'typo', computation: 'stafing', on: '2027-01-01', facts: { districts: [] }, expected: { ok: true } };
    expect(caseSchema.safeParse(c).success).toBe(true);
    expect(caseSchema.safeParse({ ...c, computation: 'Staffing!' }).success).toBe(false);
    const registry = defaultRegistry();
    const ruleSet = registry.get('bw-im-proposal');
    if (ruleSet === undefined) throw new Error('bundled');
    const o = runCase(c, ruleSet, registry);
    expect(o.passed).toBe(false);
    expect(o.mismatches).toEqual([{ field: 'computation', expected: ['eligibility', 'grant', 'staffing', 'allocation', 'lump-sum'], actual: 'stafing' }]);
    expect(o.issues?.[0]?.code).toBe('invalid-value');
    expect(o.issues?.[0]?.message.en).toBe('The case names the computation stafing; known are: eligibility, grant, staffing, allocation, lump-sum.');
    expect(o.issues?.[0]?.message.de).toMatch(/^Der Fall nennt die Berechnung stafing/);
  });

  it('which bundled rule sets support eligibility, staffing and allocation (from their rules and contracts)', () => {
    const registry = defaultRegistry();
    const supported = (name: string): string[] => {
      const c = declaredComputation(name);
      if (c === undefined) throw new Error(name);
      return registry
        .list()
        .filter((r) => {
          const resolved = resolveNamed(registry, r.id);
          return resolved !== undefined && c.supports(resolved, resolved.validFrom);
        })
        .map((r) => r.id);
    };
    expect(supported('eligibility')).toEqual(['bw-im-2017', 'bw-im-2019', 'bw-im-2020', 'bw-im-2022', 'bw-im-2022-ukraine', 'bw-im-2023', 'bw-im-2025', 'bw-im-proposal']);
    expect(supported('staffing')).toEqual(['bw-im-proposal']);
    expect(supported('allocation')).toEqual(['bw-im-2017', 'bw-im-2025', 'bw-soforthilfe-2022', 'bw-soforthilfe-2023']);
  });
});
