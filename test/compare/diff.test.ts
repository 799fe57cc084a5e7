import { describe, expect, it } from 'vitest';
import { diffRuleSets, impactedPeriods } from '../../src/compare/diff.js';
import { defaultRegistry, loadRuleSet } from '../../src/versions/registry.js';

function diff(a: string, b: string) {
  const r = diffRuleSets(a, b);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.diff;
}

describe('diffRuleSets', () => {
  it('shows the Ukraine decree as one added target-group rule on bw-im-2022', () => {
    const d = diff('bw-im-2022', 'bw-im-2022-ukraine');
    expect(d.rules.added.map((r) => r.id)).toEqual(['displaced-from-ukraine']);
    expect(d.rules.removed).toEqual([]);
    expect(d.rules.changed).toEqual([]);
    expect(d.parameters.added.map((p) => p.name)).toEqual(['displacedFromUkraineExcludedStages']);
    expect([d.parameters.removed, d.parameters.changed]).toEqual([[], []]);
    expect(d.b.overlays).toEqual(['bw-im-2022-ukraine']);
    expect(d.summary.map((s) => s.en)).toContain(
      'target group: + People displaced from Ukraine in municipal or private housing (not in state initial reception) (displacedFromUkraine = true and accommodationStage is none of [displacedFromUkraineExcludedStages]) [displaced-from-ukraine]',
    );
    expect(d.summary.map((s) => s.de)).toContain(
      'Zielgruppe: + Vertriebene aus der Ukraine in kommunaler Unterbringung oder privat (nicht in der Landeserstaufnahme) (displacedFromUkraine = true und accommodationStage ist keines von [displacedFromUkraineExcludedStages]) [displaced-from-ukraine]',
    );
    expect(d.identical).toBe(false);
  });

  it('shows the counselling limit of the VwV 2023 as added parameters and an exclusion rule', () => {
    const d = diff('bw-im-2022-ukraine', 'bw-im-2023');
    expect(d.parameters.added.map((p) => p.name)).toEqual([
      'counsellingLimitFrom',
      'counsellingLimitMonths',
      'counsellingLimitMonthsJustified',
      'counsellingPeriodCounting',
      'counsellingStartFacts',
      'grantExistingPostsApprovedBy',
    ]);
    expect(d.parameters.removed.map((p) => p.name)).toEqual([
      'grantExtensionMonths',
      'grantExtensionReferenceDate',
      'grantFollowOnMonths',
      'grantSalaryInterruptionExtensionMonths',
      'statusesWithProspect',
    ]);
    expect(d.rules.added.map((r) => r.id)).toEqual(['follow-up-accommodation', 'counselling-period-expired']);
    expect(d.summary.map((s) => s.en)).toContain('Maximum counselling period per person [counsellingLimitMonths]: none → 36 months');
    const ukr = d.rules.changed.find((r) => r.id === 'displaced-from-ukraine');
    expect(ukr?.citationChanged?.b.confidence).toBe('sourced');
    expect(ukr?.addedConditions).toEqual([]);
  });

  it('reports the proposal dropping the time limit', () => {
    const d = diff('bw-im-2025', 'bw-im-proposal');
    expect(d.rules.removed.map((r) => r.id)).toEqual(['counselling-period-expired']);
    expect(d.metadata).toContainEqual({ field: 'status', a: 'in-force', b: 'proposed' });
  });

  it('is empty for a rule set compared with itself', () => {
    const d = diff('bw-im-2023', 'bw-im-2023');
    expect(d.identical).toBe(true);
    expect(d.summary).toEqual([]);
  });

  it('shows condition-level changes of a scenario rule', () => {
    const base = defaultRegistry().get('bw-im-2023');
    const rule = base?.document.rules.eligibility?.find((r) => r.id === 'follow-up-accommodation');
    const scenario = loadRuleSet({
      id: 'scenario-provisional-too',
      programme: 'bw-integrationsmanagement',
      title: { de: 'Szenario', en: 'Scenario' },
      kind: 'scenario',
      status: 'proposed',
      validFrom: '2023-06-06',
      validity: { from: { source: 'test', confidence: 'assumed' } },
      extends: 'bw-im-2023',
      citations: [{ id: 'test', title: 'test' }],
      parameters: {
        targetAccommodations: {
          unit: 'list',
          description: { de: 'Unterbringung', en: 'Accommodation' },
          values: [{ from: '2023-06-06', value: ['follow-up', 'provisional'], source: 'test', confidence: 'assumed' }],
        },
      },
      rules: {
        eligibility: [
          { ...rule, conditions: { all: [{ fact: 'accommodationStage', operator: 'in', value: { param: 'targetAccommodations' } }, { fact: 'residenceStatus', operator: 'notEqual', value: 'obliged-to-leave' }] } },
        ],
      },
    });
    if (!scenario.ok) throw new Error(JSON.stringify(scenario.issues));
    const r = diffRuleSets('bw-im-2023', scenario.ruleSet);
    if (!r.ok) throw new Error('diff failed');
    const changed = r.diff.rules.changed.find((x) => x.id === 'follow-up-accommodation');
    expect(changed?.addedConditions.map((c) => c.en)).toEqual(['residenceStatus ≠ obliged-to-leave']);
    expect(changed?.removedConditions).toEqual([]);
    const p = r.diff.parameters.changed.find((x) => x.name === 'targetAccommodations');
    expect(p?.latest).toEqual({ a: ['follow-up'], b: ['follow-up', 'provisional'] });
    expect(p?.impactedPeriods).toEqual([{ from: '2023-06-06', to: '2024-12-31' }]);
  });

  it('rejects unknown rule sets with a coded issue', () => {
    const r = diffRuleSets('bw-im-2023', 'nope');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('unknown-rule-set');
  });
});

describe('impactedPeriods', () => {
  const v = (from: string, value: number) => ({ from, value, source: 's', confidence: 'sourced' as const });
  it('finds the periods where the value in force differs', () => {
    expect(impactedPeriods([v('2020-01-01', 1), v('2022-01-01', 2)], [v('2020-01-01', 1), v('2021-01-01', 3), v('2022-01-01', 2)])).toEqual([
      { from: '2021-01-01', to: '2021-12-31' },
    ]);
    expect(impactedPeriods([v('2020-01-01', 1)], [v('2020-01-01', 1)])).toEqual([]);
  });
});
