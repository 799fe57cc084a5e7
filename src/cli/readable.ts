import { OPERATORS } from '../engine/operators.js';
import { isFactRef, isParamRef } from '../engine/bind.js';
import type { Condition, ConditionValue, Parameter, ParameterValue, TopCondition } from '../ruleset/schema.js';
import { t, type Lang } from './context.js';
import { renderConditionTree } from '../explain/render.js';

/**
 * Readable text of rule conditions, for `show` and reports: `accommodation ist eines von
 * follow-up [targetAccommodations]`. Presentation only; evaluation never reads this.
 */

/** A parameter value as text: lists joined, booleans as ja/nein (yes/no), null as —. */
export function showValue(value: ParameterValue | undefined, lang: Lang): string {
  if (value === undefined || value === null) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '∅' : value.map((v) => showValue(v, lang)).join(', ');
  if (typeof value === 'boolean') return t(lang, value ? 'cli.yes' : 'cli.no');
  return String(value);
}

function showConditionValue(value: ConditionValue, lang: Lang, params: Readonly<Record<string, Parameter>>): string {
  if (isParamRef(value)) {
    const p = params[value.param];
    if (p === undefined) return `[${value.param}]`;
    if (p.values.length === 1) return `${showValue(p.values[0]?.value, lang)} [${value.param}]`;
    const from = t(lang, 'cli.from');
    return `[${value.param}: ${p.values.map((v) => `${showValue(v.value, lang)} (${from} ${v.from})`).join('; ')}]`;
  }
  if (isFactRef(value)) return value.fact;
  return showValue(value, lang);
}

/** One leaf condition as a sentence fragment. */
export function leafText(
  leaf: { fact: string; operator: string; value: ConditionValue; description?: { de: string; en: string } | undefined },
  lang: Lang,
  params: Readonly<Record<string, Parameter>>,
): string {
  const op = OPERATORS.get(leaf.operator)?.reads[lang] ?? leaf.operator;
  const text = `${leaf.fact} ${op} ${showConditionValue(leaf.value, lang, params)}`;
  return leaf.description !== undefined ? `${text} (${leaf.description[lang]})` : text;
}

/**
 * A condition tree as indented lines. A group with a single member is shown as that member; an
 * empty group as "always" (both engines evaluate it as true). The layout is the one condition
 * renderer of the library ({@link renderConditionTree}); this adds the parameter values.
 *
 * @example
 * renderCondition({ all: [{ fact: 'accommodation', operator: 'in', value: { param: 'targetAccommodations' } }] }, 'de', params)
 * // ['accommodation ist eines von follow-up [targetAccommodations]']
 */
export function renderCondition(c: Condition | TopCondition, lang: Lang, params: Readonly<Record<string, Parameter>>, indent = ''): string[] {
  return renderConditionTree(c, lang, (leaf) => leafText(leaf, lang, params), 'tree', indent);
}
