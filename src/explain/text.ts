import type { ConditionTrace } from '../engine/compile.js';
import { OPERATORS } from '../engine/operators.js';
import type { Confidence, Localized } from '../ruleset/schema.js';
import type { Assumption } from '../computation/assumptions.js';
import type { Issue } from '../issues.js';
import { guardApi } from '../_lib/guard.js';
import { EMPTY_GROUP, NOT_WORD } from './render.js';
import { resultNote } from '../ruleset/note.js';
import { reportMessage } from '../messages/reports.js';

/**
 * What {@link explainEligibility} reads of an eligibility result (a structural type: the
 * `EligibilityResult` of `checkEligibility` is one).
 *
 * @example
 * const result: ExplainableEligibility = checkEligibility(person, { on: '2024-01-15' });
 * console.log(explainEligibility(result, 'de'));
 */
export type ExplainableEligibility =
  | { readonly ok: false; readonly id?: string | null; readonly issues: readonly Issue[] }
  | {
      readonly ok: true;
      readonly id: string | null;
      readonly eligible: boolean;
      readonly on: string;
      readonly ruleSet: { readonly id: string; readonly overlays: readonly string[]; readonly hash: string };
      readonly basis: { readonly code: string; readonly description: Localized; readonly citation: { readonly source: string; readonly confidence: Confidence } | null };
      readonly counsellingEndsOn: string | null;
      readonly notes: readonly Localized[];
      readonly trace: readonly { readonly rule: string; readonly type: string; readonly definedIn: string; readonly result: boolean; readonly description: Localized; readonly conditions: ConditionTrace }[] | null;
      readonly assumptions: readonly Assumption[];
    };

function show(v: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- shows scalar values (numbers, strings, booleans); no object reaches here
  return v === null || v === undefined ? '—' : Array.isArray(v) ? v.join(', ') : String(v);
}

function conditionLines(c: ConditionTrace, lang: 'de' | 'en', indent: string, out: string[]): void {
  const mark = c.result ? '✓' : '✗';
  if (c.kind === 'leaf') {
    const op = OPERATORS.get(c.operator)?.reads[lang] ?? c.operator;
    const param = c.param !== undefined ? ` [${c.param}]` : '';
    out.push(`${indent}${mark} ${c.fact} (${show(c.factValue)}) ${op} ${show(c.value)}${param}`);
  } else if (c.kind === 'not') {
    out.push(`${indent}${mark} ${NOT_WORD[lang]}:`);
    conditionLines(c.condition, lang, `${indent}  `, out);
  } else if (c.conditions.length === 0) {
    // As the condition renderer says (and both engines evaluate): an empty group always holds.
    out.push(`${indent}${mark} ${EMPTY_GROUP[lang]}`);
  } else {
    const word = reportMessage(c.kind === 'all' ? 'explain.all-of' : 'explain.any-of')[lang];
    out.push(`${indent}${mark} ${word}:`);
    for (const x of c.conditions) conditionLines(x, lang, `${indent}  `, out);
  }
}

/**
 * A human-readable explanation of an eligibility result, in German or English: the decision,
 * its basis with citation, the counselling end, every rule with its conditions (when traced),
 * and the assumptions.
 *
 * @example
 * console.log(explainEligibility(checkEligibility(person, { on: '2024-01-15' }), 'de'));
 */
export const explainEligibility = guardApi('explainEligibility', function explainEligibility(result: ExplainableEligibility, lang: 'de' | 'en' = 'en'): string {
  // Callers without types can pass anything.
  const input: unknown = result;
  if (input === null || typeof input !== 'object' || typeof (input as { ok?: unknown }).ok !== 'boolean') {
    return reportMessage('explain.not-a-result')[lang];
  }
  if (!result.ok) {
    return [reportMessage('explain.invalid-input')[lang], ...result.issues.map((i) => `- ${i.code} ${i.path.join('.')}: ${i.message[lang]}`)].join('\n');
  }
  const out: string[] = [];
  const verdict = reportMessage(result.eligible ? 'explain.in-target-group' : 'explain.not-in-target-group')[lang];
  out.push(`${result.id} ${verdict} (${result.on}, ${result.ruleSet.id}${result.ruleSet.overlays.length ? ` + ${result.ruleSet.overlays.join(', ')}` : ''}).`);
  out.push(reportMessage('explain.basis', { description: result.basis.description, code: result.basis.code })[lang]);
  if (result.basis.citation !== null) out.push(reportMessage('explain.source', { source: result.basis.citation.source, confidence: result.basis.citation.confidence })[lang]);
  if (result.counsellingEndsOn !== null) out.push(reportMessage('explain.counselling-until', { date: result.counsellingEndsOn })[lang]);
  for (const n of result.notes) out.push(reportMessage('explain.note', { note: n })[lang]);
  if (result.trace !== null) {
    out.push(reportMessage('explain.rules-evaluated')[lang]);
    for (const t of result.trace) {
      out.push(`  ${t.result ? '✓' : '✗'} ${t.rule} (${t.type}, ${t.definedIn}): ${t.description[lang]}`);
      conditionLines(t.conditions, lang, '      ', out);
    }
  }
  if (result.assumptions.length > 0) {
    out.push(reportMessage('explain.assumptions')[lang]);
    for (const a of result.assumptions) {
      out.push(`  - ${a.kind} ${a.ruleSet}/${a.name}${a.value !== undefined ? ` = ${show(a.value)}` : ''} (${a.confidence})${noteOf(a, lang)}`);
    }
  }
  out.push(reportMessage('explain.rule-set-hash', { hash: result.ruleSet.hash })[lang]);
  return out.join('\n');
});

/** `: note` in one language, or nothing. */
function noteOf(a: Assumption, lang: 'de' | 'en'): string {
  const n = resultNote(a, lang);
  return n !== undefined ? `: ${n}` : '';
}
