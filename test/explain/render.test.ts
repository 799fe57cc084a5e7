/**
 * One condition renderer (src/explain/render.ts): the one-line text (`conditionText`, compare),
 * the indented lines of `show` (cli/readable.ts) and the trace of `explainEligibility` agree on
 * every condition tree, and what they say about an empty group is what both engines decide.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conditionText, EMPTY_GROUP, renderConditionTree } from '../../src/explain/render.js';
import { explainEligibility } from '../../src/explain/text.js';
import { renderCondition } from '../../src/cli/readable.js';
import { checkEligibility } from '../../src/domain/eligibility.js';
import { defaultRegistry, loadRuleSet } from '../../src/versions/registry.js';
import { checkEligibilityWithReference } from '../../src/testing/reference.js';
import type { Condition, LeafCondition } from '../../src/ruleset/schema.js';

const person = { id: 'p', residenceStatus: 'asylum-seeker', accommodation: 'initial-reception', displacedFromUkraine: false } as const;

/** bw-im-2023 with one more target-group rule in front whose conditions are `conditions`. */
function withRule(id: string, conditions: unknown) {
  const base = defaultRegistry().get('bw-im-2023');
  if (base === undefined) throw new Error('missing bw-im-2023');
  const doc = JSON.parse(JSON.stringify(base.document)) as { id: string; cases?: unknown; rules: { eligibility: Record<string, unknown>[] } };
  const first = doc.rules.eligibility[0];
  if (first === undefined) throw new Error('no rule');
  doc.id = id;
  delete doc.cases;
  doc.rules.eligibility.unshift({ ...first, id: 'empty-group', conditions, event: { type: 'target-group', params: { basis: 'empty-group' } } });
  const r = loadRuleSet(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.ruleSet;
}

describe('an empty group', () => {
  it.each([
    ['any', { any: [] }],
    ['all', { all: [] }],
    ['any in all', { all: [{ any: [] }] }],
  ])('%s: both engines decide true, and every renderer says "always"', async (_name, conditions) => {
    const set = withRule(`empty-${_name.replaceAll(' ', '-')}`, conditions);
    const registry = defaultRegistry().with(set);
    // The engines: the compiled one and json-rules-engine (the reference) both decide by the empty group.
    const r = checkEligibility(person, { on: '2024-01-15', ruleSet: set.id, registry, trace: true });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.eligible).toBe(true);
    expect(r.basis.code).toBe('empty-group');
    const ref = await checkEligibilityWithReference(person, { on: '2024-01-15', ruleSet: set.id, registry });
    if (!ref.ok) throw new Error(JSON.stringify(ref.issues));
    expect(ref.agrees).toBe(true);
    expect(ref.reference.eligible).toBe(true);
    // The renderers.
    const c = conditions as Condition;
    for (const lang of ['de', 'en'] as const) {
      expect(conditionText(c, lang)).toBe(`(${EMPTY_GROUP[lang]})`);
      expect(renderCondition(c as never, lang, {})).toEqual([EMPTY_GROUP[lang]]);
      const text = explainEligibility(r, lang);
      expect(text).toContain(`✓ ${EMPTY_GROUP[lang]}`);
      expect(text).not.toMatch(/\b(nie|never)\b/);
    }
  });
});

describe('the one-line and the indented rendering agree on every tree', () => {
  const leaf: fc.Arbitrary<Condition> = fc.constantFrom('a', 'b', 'c', 'd').map((fact) => ({ fact, operator: 'equal', value: true }));
  const { tree } = fc.letrec<{ tree: Condition }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('tree'), { maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('tree'), { maxLength: 3 }).map((any) => ({ any })),
      tie('tree').map((not) => ({ not })),
    ),
  }));
  const token = (l: LeafCondition) => `<${l.fact}>`;
  const leaves = (c: Condition): string[] => ('fact' in c ? [token(c)] : 'not' in c ? leaves(c.not) : ('all' in c ? c.all : c.any).flatMap(leaves));
  const empties = (c: Condition): number =>
    'fact' in c ? 0 : 'not' in c ? empties(c.not) : ('all' in c ? c.all : c.any).length === 0 ? 1 : ('all' in c ? c.all : c.any).reduce((n, x) => n + empties(x), 0);
  const nots = (c: Condition): number => ('fact' in c ? 0 : 'not' in c ? 1 + nots(c.not) : ('all' in c ? c.all : c.any).reduce((n, x) => n + nots(x), 0));

  it('same leaves in the same order, the same empty groups and negations', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom('de' as const, 'en' as const), (c, lang) => {
        const line = renderConditionTree(c, lang, token, 'line');
        const lines = renderConditionTree(c, lang, token, 'tree').join('\n');
        expect(line.match(/<[a-d]>/g) ?? []).toEqual(leaves(c));
        expect(lines.match(/<[a-d]>/g) ?? []).toEqual(leaves(c));
        const always = new RegExp(`\\b${EMPTY_GROUP[lang]}\\b`, 'g');
        expect((line.match(always) ?? []).length).toBe(empties(c));
        expect((lines.match(always) ?? []).length).toBe(empties(c));
        const not = lang === 'de' ? /\bnicht\b/g : /\bnot\b/g;
        expect((line.match(not) ?? []).length).toBe(nots(c));
        expect((lines.match(not) ?? []).length).toBe(nots(c));
      }),
      { numRuns: 300 },
    );
  });

  it('conditionText and show render the same leaf the same way apart from the parameter value', () => {
    const c: Condition = { any: [{ fact: 'accommodation', operator: 'in', value: { param: 'list' } }, { not: { fact: 'goodProspects', operator: 'equal', value: true } }] };
    expect(conditionText(c, 'de')).toBe('accommodation ist eines von [list] oder (nicht (goodProspects = true))');
    expect(renderCondition(c as never, 'de', {})).toEqual(['mindestens eine der folgenden:', '  • accommodation ist eines von [list]', '  • nicht: goodProspects = ja']);
  });
});
