/** Money outcomes are pinnable too (issue 11): outcome snapshots of declared computations. */
import { describe, expect, it } from 'vitest';
import { checkOutcomes, formatOutcomeChanges, snapshotOutcomes } from '../../src/pin/snapshot.js';
import { defaultRegistry, RuleSetRegistry } from '../../src/versions/registry.js';
import { FoerderregelnError } from '../../src/issues.js';
import type { RuleSetDocument } from '../../src/ruleset/schema.js';

/** A registry in which bw-im-2023's grant rate for vocational qualifications changes from 2024: a simulated new release. */
function registryWithRate(rate: string): RuleSetRegistry {
  const base = defaultRegistry();
  const original = base.get('bw-im-2023');
  if (original === undefined) throw new Error('missing');
  const doc = JSON.parse(JSON.stringify(original.document)) as RuleSetDocument;
  const p = doc.parameters.grantRateVocational;
  const v = p?.values.find((x) => x.from === '2024-01-01');
  if (v === undefined) throw new Error('missing value');
  v.value = rate;
  const added = new RuleSetRegistry(base.list().filter((s) => s.id !== 'bw-im-2023')).add(doc, 'bundled');
  if (!added.ok) throw new Error(JSON.stringify(added.issues));
  return added.registry;
}

const posts = [
  { id: 'post-1', qualification: 'vocational', fte: 0.5, startDate: '2024-01-01' },
  { id: 'post-2', qualification: 'social-work-degree', fte: 1, startDate: '2024-04-01' },
  { id: 'bad', qualification: 'phd' },
];

describe('snapshotOutcomes / checkOutcomes for money computations', () => {
  it('records the flat columns of a grant with the rule set, and coded issues for a bad post', () => {
    const snap = snapshotOutcomes(posts, { computation: 'grant' });
    expect(snap.computation).toBe('grant');
    expect(snap.cases.map((c) => c.id)).toEqual(['post-1', 'post-2', 'bad']);
    const first = snap.cases[0]?.outcome;
    expect(first).toMatchObject({ ok: true, qualification: 'vocational', fte: '0.5', ratePerFteYear: '60000.00', ruleSet: 'bw-im-2023' });
    expect(typeof first?.total).toBe('string');
    expect(snap.cases[2]?.outcome).toEqual({ ok: false, issues: expect.arrayContaining([expect.stringMatching(/^invalid-value@qualification$/)]) as unknown });
  });

  it('finds no change with the same package, and each changed amount to the cent when a rate changes', () => {
    const snap = JSON.parse(JSON.stringify(snapshotOutcomes(posts, { computation: 'grant' }))) as unknown;
    const same = checkOutcomes(snap);
    expect(same.ok && same.changes).toEqual([]);
    const changed = checkOutcomes(snap, { registry: registryWithRate('61000.00') });
    if (!changed.ok) throw new Error(JSON.stringify(changed.issues));
    expect(changed.checked).toBe(3);
    expect(changed.changes.map((c) => c.id)).toEqual(['post-1']);
    const c = changed.changes[0];
    expect(c?.fields).toEqual(expect.arrayContaining(['ratePerFteYear', 'yearlyAmount', 'total']));
    expect(c?.before.ratePerFteYear).toBe('60000.00');
    expect(c?.after.ratePerFteYear).toBe('61000.00');
    const text = formatOutcomeChanges(changed.changes, 'en');
    expect(text).toContain('ratePerFteYear: "60000.00" → "61000.00"');
    expect(text).not.toContain('deciding rule');
  });

  it('pins FlüAG lump sums', () => {
    const snap = snapshotOutcomes([{ kind: 'asylum-seeker', year: 2023 }, { kind: 'municipality', year: 2024 }], { computation: 'lump-sum' });
    expect(snap.cases.map((c) => c.outcome.amount)).toEqual(['15506.00', '152.00']);
    const check = checkOutcomes(JSON.parse(JSON.stringify(snap)));
    expect(check.ok && check.changes).toEqual([]);
    const tampered = JSON.parse(JSON.stringify(snap)) as { cases: { outcome: Record<string, unknown> }[] };
    if (tampered.cases[0]) tampered.cases[0].outcome.amount = '15505.00';
    const found = checkOutcomes(tampered);
    expect(found.ok && found.changes.map((x) => x.fields)).toEqual([['amount']]);
  });

  it('refuses a computation it does not know, naming the possible ones', () => {
    expect(() => snapshotOutcomes(posts, { computation: 'grants' })).toThrow(FoerderregelnError);
    try {
      snapshotOutcomes(posts, { computation: 'grants' });
    } catch (e) {
      const issue = (e as FoerderregelnError).issues[0];
      expect(issue?.code).toBe('invalid-value');
      expect(issue?.message.en).toContain('grants');
      expect(issue?.message.en).toContain('eligibility, grant, staffing, allocation, lump-sum');
      expect(issue?.message.de).toContain('lump-sum');
    }
    const snap = JSON.parse(JSON.stringify(snapshotOutcomes(posts, { computation: 'grant' }))) as { computation: string };
    snap.computation = 'wages';
    const r = checkOutcomes(snap);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['computation']);
  });

  it('keeps eligibility snapshots as they were (computation eligibility by default)', () => {
    const snap = snapshotOutcomes([{ id: 'p', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' }], { on: '2024-03-01' });
    expect(snap.computation).toBe('eligibility');
    expect(Object.keys(snap.cases[0]?.outcome ?? {})).toEqual(['ok', 'eligible', 'basis', 'decidingRule', 'counsellingEndsOn', 'ruleSet', 'overlays']);
  });

  it('pins list computations case by case, a case being the list with its options (as in golden cases)', () => {
    const snap = snapshotOutcomes(
      [{ districts: [{ id: 'biberach', persons: 1998 }, { id: 'x', persons: -1 }] }, [{ id: 'a', persons: 1 }]],
      { computation: 'staffing', ruleSet: 'bw-im-proposal' },
    );
    const [first, second] = snap.cases.map((c) => c.outcome);
    expect(first).toMatchObject({ ok: true, rows: { biberach: { fte: '25', funding: '1545337.50' } }, ruleSet: 'bw-im-proposal' });
    expect((first?.rows as Record<string, unknown>)['row 2']).toEqual(['invalid-input']);
    // A bare list is not read as an empty caseload.
    expect(second).toEqual({ ok: false, issues: ['invalid-type@districts'] });
    const allocation = snapshotOutcomes([{ recipients: [{ id: 'Tettnang', persons: 166 }, { id: 'Neukirch', persons: 13 }] }], { computation: 'allocation', ruleSet: 'bw-im-2017' });
    expect(allocation.cases[0]?.outcome).toMatchObject({ ok: true, amounts: { Tettnang: '132149.00', Neukirch: '10349.00' }, residual: '0.32' });
    const check = checkOutcomes(JSON.parse(JSON.stringify(allocation)));
    expect(check.ok && check.changes).toEqual([]);
  });
});

