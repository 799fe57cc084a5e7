import type { Condition, LeafCondition, Rule, ParameterValue } from '../ruleset/schema.js';
import { isParamRef } from '../ruleset/conditions.js';

// The format helpers live with the format; re-exported for existing importers.
export { forEachLeaf, isFactRef, isParamRef } from '../ruleset/conditions.js';

/** A leaf whose parameter reference has been replaced by the value in force. */
export interface BoundLeaf {
  fact: string;
  operator: string;
  /** A literal, or `{ fact }` for a comparison with another fact. */
  value: ParameterValue | { fact: string };
  /** The parameter the value came from, if any. */
  param?: string;
}
export type BoundCondition = BoundLeaf | { all: BoundCondition[] } | { any: BoundCondition[] } | { not: BoundCondition };
export type BoundTop = { all: BoundCondition[] } | { any: BoundCondition[] } | { not: BoundCondition };

/** A rule with parameters bound for one date. */
export interface BoundRule {
  id: string;
  priority: number;
  order: number;
  conditions: BoundTop;
  event: { type: string; params: Record<string, string | number | boolean> };
  source: Rule;
}

/** Tells whether a condition is a leaf. */
export function isLeaf(c: BoundCondition): c is BoundLeaf;
export function isLeaf(c: Condition): c is LeafCondition;
export function isLeaf(c: Condition | BoundCondition): boolean {
  return Object.prototype.hasOwnProperty.call(c, 'fact');
}

/** Replaces `{ param }` values by the parameter's value for one date. */
export function bindCondition(c: Condition, lookup: (param: string) => ParameterValue): BoundCondition {
  if (isLeaf(c)) {
    const leaf = c;
    if (isParamRef(leaf.value)) {
      return { fact: leaf.fact, operator: leaf.operator, value: lookup(leaf.value.param), param: leaf.value.param };
    }
    return { fact: leaf.fact, operator: leaf.operator, value: leaf.value };
  }
  if ('all' in c) return { all: c.all.map((x) => bindCondition(x, lookup)) };
  if ('any' in c) return { any: c.any.map((x) => bindCondition(x, lookup)) };
  return { not: bindCondition(c.not, lookup) };
}

/** Binds every rule, giving them their evaluation order (priority descending, then file order). */
export function bindRules(rules: readonly Rule[], lookup: (param: string) => ParameterValue): BoundRule[] {
  const bound = rules.map((r, order) => ({
    id: r.id,
    priority: r.priority ?? 1,
    order,
    conditions: bindCondition(r.conditions as Condition, lookup) as BoundTop,
    event: { type: r.event.type, params: { ...(r.event.params ?? {}) } },
    source: r,
  }));
  return bound.sort((a, b) => b.priority - a.priority || a.order - b.order);
}
