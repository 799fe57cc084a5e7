/**
 * Small rule sets for the mutation-strength tests: documents of a separate test programme, loaded
 * into a fresh registry per test (the resolver and the eligibility compiler cache per registry).
 */
import { loadRuleSet, RuleSetRegistry } from '../../src/versions/registry.js';

export const SRC = { source: 'test', confidence: 'sourced' } as const;
export const ASSUMED = { source: 'test', confidence: 'assumed', note: 'n' } as const;
export const TP = 'test-programme';

export type Doc = Record<string, unknown>;
export function doc(id: string, over: Doc = {}): Doc {
  return {
    id,
    programme: TP,
    title: { de: `T ${id}`, en: `T ${id}` },
    kind: 'grant-regulation',
    status: 'in-force',
    validFrom: '2020-01-01',
    validity: { from: SRC },
    citations: [{ id: `c-${id}`, title: id }],
    parameters: {},
    rules: {},
    ...over,
  };
}
export function param(values: [string, unknown][], basis: Doc = SRC): Doc {
  return { unit: 'persons', description: { de: 'd', en: 'e' }, values: values.map(([from, value]) => ({ from, value, ...basis })) };
}
export function rule(id: string, status: string): Doc {
  return {
    id,
    citation: SRC,
    description: { de: id, en: id },
    conditions: { all: [{ fact: 'residenceStatus', operator: 'equal', value: status }] },
    event: { type: 'target-group', params: { basis: id } },
  };
}
/** A fresh registry with the given documents loaded in order (each may extend the earlier ones). */
export function registryOf(...docs: Doc[]): RuleSetRegistry {
  let reg = new RuleSetRegistry([]);
  for (const d of docs) {
    const l = loadRuleSet(d, { registry: reg, origin: 'user' });
    if (!l.ok) throw new Error(JSON.stringify(l.issues));
    reg = new RuleSetRegistry([...reg.list(), l.ruleSet]);
  }
  return reg;
}
