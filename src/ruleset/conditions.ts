/**
 * Walking the condition trees of the rule-set format (no evaluation: that is `src/engine/`).
 * Used by the semantic checks of a rule set, the binder, the renderers and the diff.
 */
import type { Condition, ConditionValue, LeafCondition, TopCondition } from './schema.js';

/** Tells whether a condition is a leaf (`{ fact, operator, value }`). */
export function isLeafCondition(c: Condition): c is LeafCondition {
  return Object.prototype.hasOwnProperty.call(c, 'fact');
}

/** Tells whether a condition value references a parameter. */
export function isParamRef(v: ConditionValue): v is { param: string } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, 'param');
}

/** Tells whether a condition value references a fact. */
export function isFactRef(v: unknown): v is { fact: string } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, 'fact');
}

/** Walks every leaf of a condition tree in document order. */
export function forEachLeaf(c: Condition | TopCondition, fn: (leaf: LeafCondition) => void): void {
  if (!('all' in c) && !('any' in c) && !('not' in c)) {
    fn(c);
    return;
  }
  if ('all' in c) {
    for (const x of c.all) forEachLeaf(x, fn);
  } else if ('any' in c) {
    for (const x of c.any) forEachLeaf(x, fn);
  } else forEachLeaf(c.not, fn);
}
