import type { RuleSetDiff } from './diff.js';
import type { DistrictImpact, ImpactReport } from './types.js';
import { groupedNumber } from './html.js';
import { tableHeadings } from '../_lib/headings.js';
import { reportMessage as m } from '../messages/reports.js';

/** Columns of the per-district impact table, in output order. */
export const IMPACT_COLUMNS = [
  'district',
  'name',
  'persons',
  'eligibleA',
  'eligibleB',
  'gained',
  'lost',
  'fteA',
  'fteB',
  'fundingA',
  'fundingB',
  'difference',
  'differencePercent',
] as const satisfies readonly (keyof DistrictImpact)[];

/** The per-district rows plus a statewide total row (`district: 'total'`). */
export function impactRows(report: ImpactReport): DistrictImpact[] {
  return [...report.districts, { ...report.totals, district: 'total', name: 'Land / state' }];
}

function mdCell(v: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- shows scalar values (numbers, strings, booleans); no object reaches here
  return String(v ?? '—').replace(/\|/g, '\\|');
}

/** The rule diff as Markdown (both languages). */
export function renderDiffMarkdown(d: RuleSetDiff, lang: 'de' | 'en' = 'en'): string {
  const out: string[] = [];
  out.push(`# ${d.a.id} → ${d.b.id}`, '');
  out.push(`| | A | B |`, `|---|---|---|`);
  out.push(`| ${m('compare.md-title')[lang]} | ${mdCell(d.a.title[lang])} | ${mdCell(d.b.title[lang])} |`);
  out.push(`| ${m('compare.md-kind')[lang]} | ${d.a.kind} | ${d.b.kind} |`);
  out.push(`| ${m('compare.md-status')[lang]} | ${d.a.status} | ${d.b.status} |`);
  out.push(`| ${m('compare.md-valid')[lang]} | ${d.a.validFrom} – ${d.a.validTo ?? ''} | ${d.b.validFrom} – ${d.b.validTo ?? ''} |`);
  out.push(`| ${m('compare.md-overlays')[lang]} | ${d.a.overlays.join(', ')} | ${d.b.overlays.join(', ')} |`);
  out.push(`| hash | \`${d.a.hash}\` | \`${d.b.hash}\` |`, '');
  out.push(`## ${m('compare.changes')[lang]}`, '');
  if (d.summary.length === 0) out.push(m('report.none')[lang]);
  for (const l of d.summary) out.push(`- ${l[lang]}`);
  const changed = d.parameters.changed.filter((p) => p.impactedPeriods.length > 0);
  if (changed.length > 0) {
    out.push('', `## ${m('compare.impacted-periods')[lang]}`, '');
    for (const p of changed) out.push(`- \`${p.name}\`: ${p.impactedPeriods.map((x) => `${x.from} – ${x.to ?? m('report.open')[lang]}`).join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

/** The impact report as Markdown: diff, per-district table, totals, assumptions. */
export function renderImpactMarkdown(report: ImpactReport, lang: 'de' | 'en' = 'en'): string {
  const out: string[] = [renderDiffMarkdown(report.diff, lang).trimEnd(), ''];
  out.push(`## ${m('compare.impact-per-district')[lang]} (${report.on})`, '');
  if (report.caseload.synthetic) out.push(m('compare.md-synthetic')[lang], '');
  for (const n of report.notes) out.push(`> ${n[lang]}`, '');
  out.push(`A: ${report.fundingBasis.a[lang]}`, '', `B: ${report.fundingBasis.b[lang]}`, '');
  out.push(`| ${tableHeadings(IMPACT_COLUMNS, lang).join(' | ')} |`, `|${IMPACT_COLUMNS.map((c) => (c === 'name' || c === 'district' ? '---' : '---:')).join('|')}|`);
  for (const r of impactRows(report)) out.push(`| ${IMPACT_COLUMNS.map((c) => mdCell(r[c])).join(' | ')} |`);
  out.push('', `## ${m('report.assumptions')[lang]}`, '');
  for (const [side, list] of [['A', report.assumptions.a], ['B', report.assumptions.b]] as const) {
    out.push(`### ${side}`, '');
    if (list.length === 0) out.push(m('report.none')[lang]);
    for (const a of list) out.push(`- **${a.ruleSet}/${a.name}** (${a.confidence})${a.value !== undefined ? ` = \`${Array.isArray(a.value) ? a.value.join(', ') : String(a.value)}\`` : ''}${a.noteText !== undefined || a.note !== undefined ? `: ${a.noteText?.[lang] ?? a.note ?? ''}` : ''}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** A terminal summary: the totals and the largest changes. */
export function renderImpactSummary(report: ImpactReport, lang: 'de' | 'en' = 'en'): string {
  const t = report.totals;
  const num = (v: string | null): string => groupedNumber(v, lang);
  const lines = [
    `${report.diff.a.id} → ${report.diff.b.id} (${report.on})${report.caseload.synthetic ? ` — ${m('compare.summary-synthetic')[lang]}` : ''}`,
    `  ${m('compare.summary-persons', { persons: num(String(t.persons)), a: num(String(t.eligibleA)), b: num(String(t.eligibleB)), gained: num(String(t.gained)), lost: num(String(t.lost)) })[lang]}`,
  ];
  if (t.fteA !== null || t.fteB !== null) lines.push(`  ${m('compare.summary-fte', { a: t.fteA ?? '—', b: t.fteB ?? '—' })[lang]}`);
  lines.push(`  ${m('compare.summary-funding', { a: num(t.fundingA), b: num(t.fundingB) })[lang]}${t.difference !== null ? `, ${m('compare.summary-difference')[lang]} ${num(t.difference)} €${t.differencePercent !== null ? ` (${num(t.differencePercent)} %)` : ''}` : ''}`);
  return lines.join('\n');
}
