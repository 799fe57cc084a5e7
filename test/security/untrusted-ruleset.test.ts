/**
 * A rule set from a user is untrusted input: schema, fact catalogue, operator allow-list,
 * parameter references, size/depth/count limits — each rejected with a stable issue code,
 * quickly, without a stack overflow.
 */
import { describe, expect, it } from 'vitest';
import { checkEligibility } from '../../src/domain/eligibility.js';
import { loadRuleSet } from '../../src/versions/registry.js';
import { LIMITS } from '../../src/ruleset/schema.js';
import { DOCUMENT_LIMITS, documentLimitIssue } from '../../src/ruleset/validate.js';
import type { Issue, IssueCode } from '../../src/issues.js';
import { scenarioDocument, setAt, TOLERATED_PERSON, withoutUnreadParameter } from './fixtures.js';

const ALL_CODES: readonly IssueCode[] = [
  'missing-field', 'invalid-type', 'invalid-value', 'invalid-date', 'unknown-field', 'forbidden-key', 'out-of-range',
  'invalid-input', 'unknown-rule-set', 'no-rule-set-in-force', 'invalid-rule-set', 'duplicate-rule-set', 'cyclic-extends',
  'unknown-fact', 'unknown-operator', 'unknown-parameter', 'parameter-unavailable', 'invalid-parameter-value',
  'limit-exceeded', 'malformed-row', 'unreadable-input', 'case-failed',
];

/** Loads a document and returns its issues (failing the test if it loads or throws). */
function rejected(doc: unknown, budgetMs = 2000): Issue[] {
  const t0 = performance.now();
  const r = loadRuleSet(doc);
  const ms = performance.now() - t0;
  expect(ms, 'rejection took too long').toBeLessThan(budgetMs);
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  expect(r.issues.length).toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(ALL_CODES).toContain(i.code);
    expect(Array.isArray(i.path)).toBe(true);
    expect(i.message.de.length).toBeGreaterThan(0);
    expect(i.message.en.length).toBeGreaterThan(0);
  }
  return r.issues;
}
const codes = (issues: Issue[]) => issues.map((i) => i.code);

/** The scenario with its one leaf condition replaced. */
function withLeaf(leaf: unknown): Record<string, unknown> {
  const doc = scenarioDocument();
  setAt(doc, ['rules', 'eligibility', 0, 'conditions', 'all', 0], leaf);
  return withoutUnreadParameter(doc);
}
/** The scenario with its rule's whole `conditions` replaced. */
function withConditions(conditions: unknown): Record<string, unknown> {
  const doc = scenarioDocument();
  setAt(doc, ['rules', 'eligibility', 0, 'conditions'], conditions);
  return withoutUnreadParameter(doc);
}
function nestedNot(levels: number): unknown {
  let c: unknown = { fact: 'residenceStatus', operator: 'equal', value: 'tolerated' };
  for (let i = 0; i < levels; i++) c = { not: c };
  return c;
}

describe('a valid user rule set', () => {
  it('loads and decides through its own rule', () => {
    const r = loadRuleSet(scenarioDocument());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ruleSet.origin).toBe('user');
    expect(Object.isFrozen(r.ruleSet.document)).toBe(true);
    const e = checkEligibility(TOLERATED_PERSON, { on: '2025-06-01', ruleSet: r.ruleSet });
    expect(e.ok && e.eligible).toBe(true);
    expect(e.ok && e.basis.code).toBe('user-tolerated');
    // the bundled rules alone do not admit this person: the user rule really decided
    const base = checkEligibility(TOLERATED_PERSON, { on: '2025-06-01', ruleSet: 'bw-im-2025' });
    expect(base.ok && base.eligible).toBe(false);
  });
  it('may reference a parameter inherited through extends', () => {
    const r = loadRuleSet(withLeaf({ fact: 'accommodation', operator: 'in', value: { param: 'targetAccommodations' } }));
    expect(r.ok).toBe(true);
  });
  it('is not changed by loading (the input object stays the caller’s)', () => {
    const doc = scenarioDocument();
    const before = JSON.stringify(doc);
    loadRuleSet(doc);
    expect(JSON.stringify(doc)).toBe(before);
    expect(Object.isFrozen(doc)).toBe(false);
  });
});

describe('schema', () => {
  it.each([null, 0, 'ruleset', true, [], [scenarioDocument()]])('rejects a non-object document %#', (doc) => {
    expect(codes(rejected(doc))).toContain('invalid-type');
  });
  it('rejects no document at all as missing', () => {
    expect(codes(rejected(undefined))).toEqual(['missing-field']);
  });
  it('reports a union failure at its own path with the branch the input meant', () => {
    const leaf = { fact: 'residenceStatus', operator: 'equal', value: 'tolerated' };
    const tooMany = rejected(withConditions({ any: Array.from({ length: LIMITS.maxConditionsPerRule + 1 }, () => leaf) }));
    expect(tooMany).toEqual([expect.objectContaining({ code: 'out-of-range', path: ['rules', 'eligibility', 0, 'conditions', 'any'] })]);
    const noValue = rejected(withLeaf({ fact: 'residenceStatus', operator: 'equal' }));
    expect(noValue).toEqual([expect.objectContaining({ code: 'missing-field', path: ['rules', 'eligibility', 0, 'conditions', 'all', 0, 'value'] })]);
    const badOp = rejected(withLeaf({ fact: 'residenceStatus', operator: 'a b', value: 'x' }));
    expect(badOp[0]?.path).toEqual(['rules', 'eligibility', 0, 'conditions', 'all', 0, 'operator']);
    const objValue = rejected(withLeaf({ fact: 'residenceStatus', operator: 'equal', value: { a: 1 } }));
    expect(objValue[0]?.path.slice(0, 7)).toEqual(['rules', 'eligibility', 0, 'conditions', 'all', 0, 'value']);
  });
  it('reports a missing enum field as missing, not as a wrong value', () => {
    const { kind: _k, ...doc } = scenarioDocument();
    expect(rejected(doc)).toEqual([expect.objectContaining({ code: 'missing-field', path: ['kind'] })]);
  });
  it('rejects an empty object with every required field named', () => {
    const issues = rejected({});
    expect(issues.filter((i) => i.code === 'missing-field').map((i) => i.path[0])).toEqual(
      expect.arrayContaining(['id', 'programme', 'title', 'kind', 'status', 'validFrom', 'validity', 'citations']),
    );
  });
  it('rejects unknown top-level fields', () => {
    const doc = { ...scenarioDocument(), script: 'process.exit(1)' };
    const issues = rejected(doc);
    expect(issues).toContainEqual(expect.objectContaining({ code: 'unknown-field', path: ['script'] }));
  });
  it('rejects a condition `path` (JSONPath is not part of the format)', () => {
    const issues = rejected(withLeaf({ fact: 'residenceStatus', operator: 'equal', value: 'tolerated', path: '$.a' }));
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'unknown-field', path: ['rules', 'eligibility', 0, 'conditions', 'all', 0, 'path'] }),
    );
  });
  it('rejects condition `params` and `priority` on a leaf', () => {
    expect(codes(rejected(withLeaf({ fact: 'residenceStatus', operator: 'equal', value: 'x', params: { a: 1 } })))).toContain('unknown-field');
    expect(codes(rejected(withLeaf({ fact: 'residenceStatus', operator: 'equal', value: 'x', priority: 1 })))).toContain('unknown-field');
  });
  it('rejects a fact reference carrying a path', () => {
    expect(codes(rejected(withLeaf({ fact: 'on', operator: 'dateBefore', value: { fact: 'followUpSince', path: '$.x' } })))).toContain(
      'unknown-field',
    );
  });
  it('rejects a rule without event basis, a foreign event type, a duplicate rule id', () => {
    const a = scenarioDocument();
    setAt(a, ['rules', 'eligibility', 0, 'event'], { type: 'target-group' });
    expect(codes(rejected(a))).toContain('missing-field');
    const b = scenarioDocument();
    setAt(b, ['rules', 'eligibility', 0, 'event', 'type'], 'grant');
    expect(codes(rejected(b))).toContain('invalid-value');
    const c = scenarioDocument();
    const rules = (c.rules as { eligibility: unknown[] }).eligibility;
    rules.push(structuredClone(rules[0]));
    expect(codes(rejected(c))).toContain('invalid-value');
  });
  it('rejects impossible dates', () => {
    const doc = { ...scenarioDocument(), validFrom: '2023-02-30' };
    expect(codes(rejected(doc))).toContain('invalid-date');
  });
});

describe('fact names are checked against the fact catalogue', () => {
  it.each(['nationality', 'income', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'])(
    'rejects fact %s',
    (fact) => {
      const issues = rejected(withLeaf({ fact, operator: 'lessThan', value: 5 }));
      expect(issues).toContainEqual(expect.objectContaining({ code: 'unknown-fact', path: ['rules', 'eligibility', 0, 'conditions'] }));
    },
  );
  it('rejects an unknown fact on the right-hand side', () => {
    expect(codes(rejected(withLeaf({ fact: 'on', operator: 'dateBefore', value: { fact: 'valueOf' } })))).toContain('unknown-fact');
  });
  it.each(['__proto__', 'a.b', '$', '', 'x'.repeat(65), "constructor'"])('rejects the malformed fact name %j', (fact) => {
    const issues = rejected(withLeaf({ fact, operator: 'equal', value: 'x' }));
    expect(issues.length).toBeGreaterThan(0);
  });
  it('rejects a fact-list parameter naming an unknown fact', () => {
    const doc = scenarioDocument();
    setAt(doc, ['parameters', 'counsellingStartFacts'], {
      unit: 'fact-list',
      description: { de: 'Beginn', en: 'Start' },
      values: [{ from: '2025-01-01', value: ['followUpSince', 'toString'], source: 'user', confidence: 'assumed' }],
    });
    expect(rejected(doc)).toContainEqual(expect.objectContaining({ code: 'unknown-fact', path: ['parameters', 'counsellingStartFacts', 'values', 0, 'value'] }));
  });
});

describe('operators come from the allow-list', () => {
  it.each(['regex', 'eval', 'matches', 'toString', 'valueOf', 'hasOwnProperty', 'constructor', 'function'])('rejects operator %s', (operator) => {
    expect(codes(rejected(withLeaf({ fact: 'residenceStatus', operator, value: 'tolerated' })))).toContain('unknown-operator');
  });
  it.each(['$where', 'a b', '', 'x'.repeat(41), '__proto__'])('rejects the malformed operator %j', (operator) => {
    expect(rejected(withLeaf({ fact: 'residenceStatus', operator, value: 'tolerated' })).length).toBeGreaterThan(0);
  });
  it('rejects a value of the wrong kind for the operator or the fact', () => {
    expect(codes(rejected(withLeaf({ fact: 'residenceStatus', operator: 'in', value: 'tolerated' })))).toContain('invalid-value');
    expect(codes(rejected(withLeaf({ fact: 'on', operator: 'dateBefore', value: '2023-02-30' })))).toContain('invalid-value');
    expect(codes(rejected(withLeaf({ fact: 'residenceStatus', operator: 'equal', value: 'martian' })))).toContain('invalid-value');
    expect(codes(rejected(withLeaf({ fact: 'residenceStatus', operator: 'in', value: ['tolerated', 'martian'] })))).toContain('invalid-value');
  });
});

describe('parameter references are resolved or rejected', () => {
  it.each(['missingParam', 'toString', 'valueOf', 'hasOwnProperty'])('rejects reference to %s', (param) => {
    expect(codes(rejected(withLeaf({ fact: 'residenceStatus', operator: 'in', value: { param } })))).toContain('unknown-parameter');
  });
  it.each(['__proto__', 'constructor', 'a.b', ''])('rejects the malformed or forbidden reference %j', (param) => {
    expect(rejected(withLeaf({ fact: 'residenceStatus', operator: 'in', value: { param } })).length).toBeGreaterThan(0);
  });
  it('rejects a reference whose value does not fit the operator', () => {
    expect(codes(rejected(withLeaf({ fact: 'residenceStatus', operator: 'lessThan', value: { param: 'extraStatuses' } })))).toContain(
      'invalid-value',
    );
  });
  it('rejects unknown, self and cyclic extends', () => {
    expect(codes(rejected({ ...scenarioDocument(), extends: 'no-such-set' }))).toContain('unknown-rule-set');
    expect(codes(rejected({ ...scenarioDocument(), extends: 'user-scenario' }))).toContain('cyclic-extends');
    expect(codes(rejected({ ...scenarioDocument(), id: 'bw-im-2025' }))).toContain('duplicate-rule-set');
  });
});

describe('size, depth and count limits', () => {
  it('rejects more rules than allowed', () => {
    const doc = scenarioDocument();
    const rule = (doc.rules as { eligibility: Record<string, unknown>[] }).eligibility[0]!;
    const many = Array.from({ length: LIMITS.maxRulesPerComputation + 1 }, (_, i) => ({ ...rule, id: `r-${i}` }));
    setAt(doc, ['rules', 'eligibility'], many);
    expect(rejected(doc)).toContainEqual(expect.objectContaining({ code: 'out-of-range', path: ['rules', 'eligibility'] }));
  });
  it('rejects more conditions in one list than allowed', () => {
    const leaf = { fact: 'residenceStatus', operator: 'equal', value: 'tolerated' };
    expect(codes(rejected(withConditions({ any: Array.from({ length: LIMITS.maxConditionsPerRule + 1 }, () => leaf) })))).toContain('out-of-range');
  });
  it('rejects more leaves in one rule than allowed, even when each list is short', () => {
    const leaf = { fact: 'residenceStatus', operator: 'equal', value: 'tolerated' };
    const group = { all: Array.from({ length: 150 }, () => leaf) };
    expect(codes(rejected(withConditions({ any: [group, group] })))).toContain('limit-exceeded');
  });
  it('rejects conditions nested deeper than maxConditionDepth', () => {
    expect(codes(rejected(withConditions({ not: nestedNot(30) })))).toContain('limit-exceeded');
    // within the limit it loads
    expect(loadRuleSet(withConditions({ not: nestedNot(LIMITS.maxConditionDepth) })).ok).toBe(true);
  });
  it.each([1_000, 100_000])('rejects %i nested `not` quickly and without a stack overflow', (levels) => {
    const issues = rejected(withConditions({ not: nestedNot(levels) }), 1000);
    expect(codes(issues)).toEqual(['limit-exceeded']);
  });
  it('rejects a deeply nested array anywhere in the document (cases, readme, parameters)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const doc = scenarioDocument();
    doc.cases = [{ name: 'deep', computation: 'eligibility', on: '2025-01-01', facts: { x: deep }, expected: {} }];
    expect(codes(rejected(doc, 1000))).toEqual(['limit-exceeded']);
  });
  it('rejects a string longer than maxStringLength', () => {
    const doc = scenarioDocument();
    setAt(doc, ['title', 'de'], 'x'.repeat(LIMITS.maxStringLength + 1));
    expect(rejected(doc)).toContainEqual(expect.objectContaining({ code: 'out-of-range', path: ['title', 'de'] }));
  });
  it('rejects a document holding too much text in total (e.g. a 6 MB readme or huge case facts)', () => {
    const doc = { ...scenarioDocument(), readme: 'x'.repeat(DOCUMENT_LIMITS.maxStringChars + 1) };
    expect(codes(rejected(doc, 1000))).toEqual(['limit-exceeded']);
    const doc2 = scenarioDocument();
    doc2.cases = Array.from({ length: 6 }, (_, i) => ({ name: `c${i}`, computation: 'eligibility', on: '2025-01-01', facts: { blob: 'y'.repeat(1_000_000) }, expected: {} }));
    expect(codes(rejected(doc2, 1000))).toEqual(['limit-exceeded']);
  });
  it('rejects an enormous array (1 M list items, 1 M cases) quickly', () => {
    const doc = scenarioDocument();
    setAt(doc, ['parameters', 'extraStatuses', 'values', 0, 'value'], new Array<string>(1_000_000).fill('tolerated'));
    expect(codes(rejected(doc, 1000))).toEqual(['limit-exceeded']);
    const doc2 = { ...scenarioDocument(), cases: new Array(1_000_000).fill(0) };
    expect(codes(rejected(doc2, 1000))).toEqual(['limit-exceeded']);
  });
  it('rejects a list parameter value longer than maxListLength', () => {
    const doc = scenarioDocument();
    setAt(doc, ['parameters', 'extraStatuses', 'values', 0, 'value'], new Array<string>(LIMITS.maxListLength + 1).fill('tolerated'));
    expect(codes(rejected(doc))).toContain('out-of-range');
  });
  it('rejects more parameters than allowed', () => {
    const doc = scenarioDocument();
    const p = (doc.parameters as Record<string, unknown>).extraStatuses;
    for (let i = 0; i <= LIMITS.maxParameters; i++) (doc.parameters as Record<string, unknown>)[`p${i}`] = p;
    expect(rejected(doc)).toContainEqual(expect.objectContaining({ code: 'limit-exceeded', path: ['parameters'] }));
  });
  it('rejects more golden cases than allowed', () => {
    const c = { name: 'c', computation: 'eligibility', on: '2025-01-01', facts: {}, expected: {} };
    const doc = { ...scenarioDocument(), cases: new Array(LIMITS.maxCases + 1).fill(c) };
    expect(rejected(doc)).toContainEqual(expect.objectContaining({ code: 'out-of-range', path: ['cases'] }));
  });
  it('an object with very many keys is rejected before it is walked key by key', () => {
    const params: Record<string, unknown> = {};
    for (let i = 0; i < 300_000; i++) params[`p${i}`] = 0;
    expect(codes(rejected({ ...scenarioDocument(), parameters: params }, 1500))).toEqual(['limit-exceeded']);
  });
});

describe('documentLimitIssue', () => {
  const limits = { maxDepth: 3, maxNodes: 10, maxStringChars: 20 };
  it('accepts values within every limit and counts keys as text', () => {
    expect(documentLimitIssue({ a: [1, 2, { b: 'x' }] }, limits)).toBeNull();
    expect(documentLimitIssue({ ['k'.repeat(21)]: 1 }, limits)?.code).toBe('limit-exceeded');
  });
  it('stops at the first limit passed: depth, nodes, text', () => {
    expect(documentLimitIssue([[[[1]]]], limits)?.message.en).toMatch(/nested too deeply/);
    expect(documentLimitIssue([[[1]]], limits)).toBeNull();
    expect(documentLimitIssue(new Array(10).fill(0), limits)?.message.en).toMatch(/too large/);
    expect(documentLimitIssue(new Array(9).fill(0), limits)).toBeNull();
    expect(documentLimitIssue(['x'.repeat(21)], limits)?.message.en).toMatch(/too much text/);
    expect(documentLimitIssue(['x'.repeat(20)], limits)).toBeNull();
  });
  it('leaves the bundled-size documents far below the defaults', () => {
    expect(documentLimitIssue(scenarioDocument())).toBeNull();
  });
});
