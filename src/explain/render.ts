import type { Condition, LeafCondition, Localized, ParameterValue, TopCondition } from '../ruleset/schema.js';
import { OPERATORS } from '../engine/operators.js';
import { isLeaf, isFactRef, isParamRef } from '../engine/bind.js';
import { guardApi } from '../_lib/guard.js';
import { reportMessage } from '../messages/reports.js';

/** Writes a parameter value for people: lists joined, null as a dash. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(showValue).join(', ');
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- shows scalar values (numbers, strings, booleans); no object reaches here
  return String(v);
}

/**
 * What an empty group means. Both engines (the compiled one and json-rules-engine) evaluate
 * `{ "all": [] }` and `{ "any": [] }` as true, so every rendering says "always" for both.
 */
export const EMPTY_GROUP: Localized = reportMessage('explain.empty-group');

/** The word for `not`. */
export const NOT_WORD: Localized = reportMessage('explain.not');

/** How a group of conditions is named: as a joiner between members, and as a heading above them. */
function groupWords(kind: 'all' | 'any', lang: 'de' | 'en'): { joiner: string; heading: string } {
  if (kind === 'all') return { joiner: reportMessage('explain.all-joiner')[lang], heading: reportMessage('explain.all-heading')[lang] };
  return { joiner: reportMessage('explain.any-joiner')[lang], heading: reportMessage('explain.any-heading')[lang] };
}

/**
 * The one condition renderer: the structure of a condition tree (groups, `not`, empty groups,
 * single-member groups) in readable German or English, with leaves written by `leaf`. `line`
 * gives one line (`a und (b oder c)`); `tree` gives indented lines with bullets (for `show`).
 * {@link conditionText} and the CLI's `show` both use it, so they agree on every tree.
 */
export function renderConditionTree(
  c: Condition | TopCondition,
  lang: 'de' | 'en',
  leaf: (leaf: LeafCondition) => string,
  layout: 'line',
): string;
export function renderConditionTree(
  c: Condition | TopCondition,
  lang: 'de' | 'en',
  leaf: (leaf: LeafCondition) => string,
  layout: 'tree',
  indent?: string,
): string[];
export function renderConditionTree(
  c: Condition | TopCondition,
  lang: 'de' | 'en',
  leaf: (leaf: LeafCondition) => string,
  layout: 'line' | 'tree',
  indent = '',
): string | string[] {
  return layout === 'line' ? lineOf(c, lang, leaf) : treeOf(c, lang, leaf, indent);
}

function lineOf(c: Condition | TopCondition, lang: 'de' | 'en', leaf: (leaf: LeafCondition) => string): string {
  if (isLeaf(c)) return leaf(c);
  if ('not' in c) return `${NOT_WORD[lang]} (${lineOf(c.not, lang, leaf)})`;
  const list = 'all' in c ? c.all : c.any;
  if (list.length === 0) return `(${EMPTY_GROUP[lang]})`;
  const { joiner } = groupWords('all' in c ? 'all' : 'any', lang);
  // Members that are groups go in parentheses; an empty group already is "(always)".
  return list.map((x) => (isLeaf(x) || isEmptyGroup(x) ? lineOf(x, lang, leaf) : `(${lineOf(x, lang, leaf)})`)).join(joiner);
}

function isEmptyGroup(c: Condition): boolean {
  return ('all' in c && c.all.length === 0) || ('any' in c && c.any.length === 0);
}

function treeOf(c: Condition | TopCondition, lang: 'de' | 'en', leaf: (leaf: LeafCondition) => string, indent: string): string[] {
  if (isLeaf(c)) return [`${indent}${leaf(c)}`];
  if ('not' in c) {
    const inner = treeOf(c.not, lang, leaf, `${indent}  `);
    if (inner.length === 1) return [`${indent}${NOT_WORD[lang]}: ${(inner[0] ?? '').trim()}`];
    return [`${indent}${NOT_WORD[lang]}:`, ...inner];
  }
  const list = 'all' in c ? c.all : c.any;
  if (list.length === 0) return [`${indent}${EMPTY_GROUP[lang]}`];
  if (list.length === 1 && list[0] !== undefined) return treeOf(list[0], lang, leaf, indent);
  const { heading } = groupWords('all' in c ? 'all' : 'any', lang);
  return [`${indent}${heading}`, ...list.flatMap((x) => treeOf(x, lang, leaf, `${indent}  `).map((l, i) => (i === 0 ? l.replace(/^(\s*)/, '$1• ') : `  ${l}`)))];
}

/**
 * A condition in readable German or English, e.g. `accommodation ist eines von [targetAccommodations]`.
 * With `resolve`, parameter references also show their value.
 *
 * @example
 * conditionText({ all: [{ fact: 'displacedFromUkraine', operator: 'equal', value: true }] }, 'de'); // 'displacedFromUkraine = true'
 * conditionText({ all: [{ fact: 'accommodation', operator: 'in', value: { param: 'targetAccommodations' } }] }, 'en', () => ['follow-up']);
 * // 'accommodation is one of [targetAccommodations] (follow-up)'
 */
export const conditionText = guardApi('conditionText', function conditionText(c: Condition, lang: 'de' | 'en', resolve?: (param: string) => ParameterValue | undefined): string {
  return renderConditionTree(c, lang, (l) => leafLine(l, lang, resolve), 'line');
});

function leafLine(c: LeafCondition, lang: 'de' | 'en', resolve?: (param: string) => ParameterValue | undefined): string {
  const op = OPERATORS.get(c.operator)?.reads[lang] ?? c.operator;
  let rhs: string;
  if (isParamRef(c.value)) {
    const v = resolve?.(c.value.param);
    rhs = v === undefined ? `[${c.value.param}]` : `[${c.value.param}] (${showValue(v)})`;
  } else if (isFactRef(c.value)) {
    rhs = c.value.fact;
  } else {
    rhs = showValue(c.value);
  }
  return `${c.fact} ${op} ${rhs}`;
}

/** The leaves of a condition as readable texts, in document order. */
export function leafTexts(c: Condition, lang: 'de' | 'en'): string[] {
  if (isLeaf(c)) return [conditionText(c, lang)];
  if ('not' in c) return leafTexts(c.not, lang).map((t) => `${NOT_WORD[lang]} ${t}`);
  return ('all' in c ? c.all : c.any).flatMap((x) => leafTexts(x, lang));
}

/** Both languages at once. */
export function bilingual(fn: (lang: 'de' | 'en') => string): Localized {
  return { de: fn('de'), en: fn('en') };
}
