import { describe, expect, it } from 'vitest';
import { defaultRegistry, loadRuleSet, RuleSetRegistry } from '../../src/versions/registry.js';
import { checkEligibility } from '../../src/domain/eligibility.js';

function withLimit(value: unknown) {
  const base = defaultRegistry().get('bw-im-2023');
  if (base === undefined) throw new Error('missing');
  const doc = JSON.parse(JSON.stringify(base.document)) as { id: string; parameters: Record<string, { values: { value: unknown }[] }> };
  doc.id = 'bw-im-2023-copy';
  const v = doc.parameters.counsellingLimitMonths?.values[0];
  if (v === undefined) throw new Error('missing parameter');
  v.value = value;
  return loadRuleSet(doc, { registry: new RuleSetRegistry(defaultRegistry().list()) });
}

describe('parameter values must fit their unit', () => {
  it.each(['36', 'abc', -1, 1.5, 10000, true])('rejects months = %j with invalid-parameter-value', (value) => {
    const r = withLimit(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ code: 'invalid-parameter-value', path: ['parameters', 'counsellingLimitMonths', 'values', 0, 'value'] }));
  });
  it('accepts a whole number of months, and the result uses it', () => {
    const r = withLimit(24);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const e = checkEligibility(
      { id: 'x', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
      { on: '2024-01-01', ruleSet: r.ruleSet },
    );
    expect(e.ok && e.counsellingEndsOn).toBe('2025-06-30');
  });
});
