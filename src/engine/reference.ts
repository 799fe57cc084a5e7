import { Engine, Operator, Rule as JreRule } from 'json-rules-engine';
import { OPERATOR_NAMES, OPERATORS } from './operators.js';
import { isFactRef, isLeaf, type BoundCondition, type BoundRule } from './bind.js';
import type { Facts } from './compile.js';

/**
 * Resolves a json-rules-engine `path` without JSONPath: only `$.a.b` over own properties.
 * The accepted rule format has no `path`; this keeps jsonpath-plus (which can run attacker
 * code) out of reach even if a path slips through.
 */
export function strictPathResolver(value: unknown, path: string): unknown {
  if (typeof path !== 'string' || !/^\$(\.[A-Za-z0-9_]{1,64}){1,16}$/.test(path)) return undefined;
  let cur: unknown = value;
  for (const key of path.slice(2).split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function toJreCondition(c: BoundCondition): Record<string, unknown> {
  if (isLeaf(c)) {
    return { fact: c.fact, operator: c.operator, value: isFactRef(c.value) ? { fact: c.value.fact } : c.value };
  }
  if ('all' in c) return { all: c.all.map(toJreCondition) };
  if ('any' in c) return { any: c.any.map(toJreCondition) };
  return { not: toJreCondition(c.not) };
}

/** The result of one rule in the reference engine. */
export interface ReferenceRuleResult {
  id: string;
  result: boolean;
  leaves: boolean[];
}

function collectLeaves(node: unknown, out: boolean[]): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(n, 'fact')) {
    out.push(n.result === true);
    return;
  }
  for (const key of ['all', 'any'] as const) {
    const list = n[key];
    if (Array.isArray(list)) {
      for (const x of list) collectLeaves(x, out);
      return;
    }
  }
  if (n.not !== undefined) collectLeaves(n.not, out);
}

/**
 * json-rules-engine as the reference semantics: an engine built with the library's operators,
 * undefined facts allowed, the strict path resolver, and the given bound rules. Async, as
 * json-rules-engine is; used by the differential test and the benchmark.
 */
export class ReferenceEngine {
  readonly engine: Engine;
  constructor(rules: readonly BoundRule[]) {
    this.engine = new Engine([], { allowUndefinedFacts: true, pathResolver: strictPathResolver });
    for (const name of OPERATOR_NAMES) {
      const def = OPERATORS.get(name);
      if (def === undefined) continue;
      this.engine.removeOperator(name);
      this.engine.addOperator(new Operator(name, def.compare, def.validate));
    }
    for (const r of rules) {
      this.engine.addRule(
        new JreRule({
          name: r.id,
          priority: r.priority,
          conditions: toJreCondition(r.conditions) as never,
          event: { type: r.event.type, params: { ...r.event.params, ruleId: r.id } },
        }),
      );
    }
  }

  /** Runs every rule on the facts; returns each rule's result and its leaf results. */
  async run(facts: Facts): Promise<Map<string, ReferenceRuleResult>> {
    const { results, failureResults } = await this.engine.run({ ...facts });
    const out = new Map<string, ReferenceRuleResult>();
    for (const rr of [...results, ...failureResults]) {
      const id = rr.name;
      const leaves: boolean[] = [];
      collectLeaves(rr.conditions, leaves);
      out.set(id, { id, result: rr.result === true, leaves });
    }
    return out;
  }
}
