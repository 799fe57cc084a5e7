import type { Condition, Localized, ParameterValue } from '../ruleset/schema.js';
import { OPERATORS } from '../engine/operators.js';
import { isLeaf, isFactRef, isParamRef } from '../engine/bind.js';
import { guardApi } from '../_lib/guard.js';

/** Writes a parameter value for people: lists joined, null as a dash. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(showValue).join(', ');
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- shows scalar values (numbers, strings, booleans); no object reaches here
  return String(v);
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
  if (isLeaf(c)) {
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
  if ('not' in c) return `${lang === 'de' ? 'nicht' : 'not'} (${conditionText(c.not, lang, resolve)})`;
  const list = 'all' in c ? c.all : c.any;
  const joiner = 'all' in c ? (lang === 'de' ? ' und ' : ' and ') : lang === 'de' ? ' oder ' : ' or ';
  if (list.length === 0) return lang === 'de' ? '(immer)' : '(always)';
  const parts = list.map((x) => {
    const t = conditionText(x, lang, resolve);
    return isLeaf(x) ? t : `(${t})`;
  });
  return parts.join(joiner);
});

/** The leaves of a condition as readable texts, in document order. */
export function leafTexts(c: Condition, lang: 'de' | 'en'): string[] {
  if (isLeaf(c)) return [conditionText(c, lang)];
  if ('not' in c) return leafTexts(c.not, lang).map((t) => `${lang === 'de' ? 'nicht' : 'not'} ${t}`);
  return ('all' in c ? c.all : c.any).flatMap((x) => leafTexts(x, lang));
}

/** Both languages at once. */
export function bilingual(fn: (lang: 'de' | 'en') => string): Localized {
  return { de: fn('de'), en: fn('en') };
}
