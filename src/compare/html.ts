import type { ImpactReport, DistrictImpact } from './types.js';
import type { RuleSetDiff } from './diff.js';
import type { ArgsIn } from '../messages/catalogue.js';
import { REPORT_MESSAGES, reportMessage, type ReportMessageId } from '../messages/reports.js';

function esc(s: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- shows scalar values (numbers, strings, booleans); no object reaches here
  return String(s ?? '—')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Groups a decimal string in German style: 1234567.89 → 1.234.567,89 */
export function deMoney(v: string | null): string {
  if (v === null) return '—';
  const neg = v.startsWith('-');
  const [int = '0', frac] = (neg ? v.slice(1) : v).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '−' : ''}${grouped}${frac !== undefined ? `,${frac}` : ''}`;
}

/** Groups a decimal string for people: German `1.234.567,89` or English `1,234,567.89`. */
export function groupedNumber(v: string | null, lang: 'de' | 'en'): string {
  if (lang === 'de') return deMoney(v);
  if (v === null) return '—';
  const neg = v.startsWith('-');
  const [int = '0', frac] = (neg ? v.slice(1) : v).split('.');
  return `${neg ? '−' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? `.${frac}` : ''}`;
}


type Lang = 'de' | 'en';

/** Report message `id` in one language. */
function say<K extends ReportMessageId>(lang: Lang, id: K, ...args: ArgsIn<typeof REPORT_MESSAGES, K>): string {
  return reportMessage(id, ...args)[lang];
}

/** Text with `code` spans from library messages, as HTML (no raw backticks for readers). */
function richText(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const CSS = `
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff;margin:0}
.wrap{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.3rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}h4{font-size:1rem;margin:1rem 0 .3rem}
p,li,dd{overflow-wrap:anywhere}
.sides{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:1rem}.side{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem}
@media (max-width:640px){.sides{grid-template-columns:minmax(0,1fr)}}
.side h4{margin:.1rem 0 .4rem}.a{color:#0a4fa0}.b{color:#9a3a06}
code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em;overflow-wrap:anywhere}
.scroll{overflow-x:auto;max-width:100%;margin:.6rem 0}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e1e4e8;padding:.25rem .45rem;text-align:left;vertical-align:top}
.scroll table th,.scroll table td{white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:.3rem 0}
thead th{background:#f6f8fa}tfoot th,tfoot td{font-weight:700;border-top:2px solid #57606a}
.pos{color:#116329}.neg{color:#a40e26}.note{background:#fff8c5;border:1px solid #9a6700;border-radius:6px;padding:.5rem .8rem}
.legend{margin:.2rem 0}.legend span{display:inline-block;margin-right:1rem}.sw{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;margin-right:.3rem;border:1px solid #57606a}
.sw.s0{background:#0a5bb5}.sw.s1{background:#d9771e}.sw.s2{background:#1a7f37}.sw.s3{background:#cf222e}
td.yes{background:#e6f4ea}td.no{background:#fdecea}td.err{background:#fff4ce}
.chart{overflow-x:auto;margin:.6rem 0}.chart svg{display:block;width:100%;height:auto;min-width:520px}
dl.summary{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:.6rem;margin:.6rem 0}
@media (max-width:640px){dl.summary{grid-template-columns:minmax(0,1fr)}}
dl.summary div{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .7rem}dl.summary dt{font-size:.85rem;color:#424a53}
dl.summary dd{margin:0;font-size:1.25rem;font-weight:700;font-variant-numeric:tabular-nums}
details{margin:.6rem 0}details pre{max-height:30rem;overflow:auto;background:#f6f8fa;border:1px solid #d0d7de;padding:.5rem;font-size:.8rem}
section.comparison{border-top:3px solid #d0d7de;margin-top:2.5rem}
@media print{body{font-size:11pt}.wrap{max-width:none;padding:0}section.comparison{break-before:page}h2,h3{break-after:avoid}figure,tr{break-inside:avoid}.scroll,.chart{overflow:visible}.chart svg{min-width:0}details{display:none}a{color:inherit;text-decoration:none}}
`;

function sideBox(label: string, cls: string, s: RuleSetDiff['a'], lang: Lang): string {
  return `<div class="side"><h4 class="${cls}">${label}: ${esc(s.id)}</h4>
<p>${esc(s.title[lang])}</p>
<p>${esc(s.kind)} · ${esc(s.status)} · ${esc(s.validFrom)} – ${esc(s.validTo ?? say(lang, 'report.open'))}</p>
${s.overlays.length ? `<p>${say(lang, 'compare.html-overlays')}: ${s.overlays.map(esc).join(', ')}</p>` : ''}
<p class="hash">${say(lang, 'compare.html-hash')} ${esc(s.hash)}<br>${say(lang, 'compare.html-resolved')} ${esc(s.resolvedHash)}</p></div>`;
}

/** A rounding setting as words: "staffing-rate: 0.01, half-up; …". */
function roundingText(v: unknown, lang: Lang): string {
  if (!Array.isArray(v) || v.length === 0) return say(lang, 'report.none-word');
  return v
    .map((e) => {
      const r = e as { appliesTo?: unknown; step?: unknown; mode?: unknown };
      return `${String(r.appliesTo)}: ${String(r.step)}, ${String(r.mode)}`;
    })
    .join('; ');
}

function diffSection(d: RuleSetDiff, lang: Lang): string {
  if (d.summary.length === 0) return `<p>${say(lang, 'compare.html-no-differences')}</p>`;
  const rounding = d.metadata.find((m) => m.field === 'rounding');
  const lines = d.summary.map((l) => {
    // The rounding change is a structure: shown in words here, not as JSON.
    if (rounding !== undefined && l[lang].startsWith('rounding: ')) {
      return `${say(lang, 'compare.html-rounding')}: ${esc(roundingText(rounding.a, lang))} → ${esc(roundingText(rounding.b, lang))}`;
    }
    return richText(l[lang]);
  });
  return `<ul>${lines.map((l) => `<li>${l}</li>`).join('\n')}</ul>`;
}

/**
 * A horizontal bar chart as inline SVG that scales with its box (viewBox, width 100 %): one group
 * per row, sorted as given, with a title and a description for screen readers.
 */
function barChart(
  id: string,
  context: string,
  title: string,
  desc: string,
  rows: readonly { label: string; values: readonly number[] }[],
  series: readonly { name: string; color: string; cls: string }[],
  format: (n: number) => string,
): string {
  const barH = series.length > 1 ? 9 : 14;
  const gap = 6;
  const labelW = 200;
  const chartW = 420;
  const valueW = 190;
  const width = labelW + chartW + valueW;
  const groupH = series.length * barH + gap;
  const height = rows.length * groupH + 30;
  const max = Math.max(1, ...rows.flatMap((r) => r.values.map((v) => Math.abs(v))));
  const hasNeg = rows.some((r) => r.values.some((v) => v < 0));
  const zeroX = labelW + (hasNeg ? chartW / 2 : 0);
  const scale = (hasNeg ? chartW / 2 : chartW) / max;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y0 = 20 + i * groupH;
    const mid = y0 + (series.length * barH) / 2 + 4;
    parts.push(`<text x="${labelW - 6}" y="${mid}" text-anchor="end">${esc(r.label)}</text>`);
    r.values.forEach((v, j) => {
      const w = Math.abs(v) * scale;
      const x = v < 0 ? zeroX - w : zeroX;
      const s = series[j];
      parts.push(
        `<rect class="bar" data-series="${esc(s?.name)}" data-row="${esc(r.label)}" x="${x.toFixed(2)}" y="${y0 + j * barH}" width="${Math.max(w, 0.5).toFixed(2)}" height="${barH - 1}" fill="${s?.color ?? '#888'}"><title>${esc(r.label)} — ${esc(s?.name)}: ${esc(format(v))}</title></rect>`,
      );
    });
    parts.push(`<text x="${labelW + chartW + 8}" y="${mid}">${esc(r.values.map(format).join(' / '))}</text>`);
  });
  parts.push(`<line x1="${zeroX}" y1="14" x2="${zeroX}" y2="${height - 8}" stroke="#57606a" stroke-width="1"/>`);
  const legend = series.map((s) => `<span><i class="sw ${s.cls}"></i>${esc(s.name)}</span>`).join('');
  return `<figure id="${id}"><figcaption><strong id="${id}-cap">${esc(title)}</strong><div class="legend">${legend}</div><span id="${id}-in" hidden>${esc(context)}</span></figcaption>
<div class="chart" role="region" tabindex="0" aria-labelledby="${id}-cap ${id}-in"><svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12" fill="#1b1f24"><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>
${parts.join('\n')}
</svg></div></figure>`;
}

function num(v: string | null): number {
  return v === null ? 0 : Number(v);
}

function districtName(d: { district: string; name: string }, lang: Lang): string {
  return d.district === 'unknown' ? say(lang, 'compare.no-district-key') : d.name;
}

function districtRow(d: DistrictImpact | (Omit<DistrictImpact, 'district' | 'name'> & { district: string; name: string }), lang: Lang): string {
  const diffCls = d.difference === null ? '' : d.difference.startsWith('-') ? ' neg' : d.difference === '0.00' ? '' : ' pos';
  const g = (v: string | null): string => groupedNumber(v, lang);
  const i = (n: number): string => groupedNumber(String(n), lang);
  return `<tr><th scope="row">${esc(districtName(d, lang))}</th><td>${esc(d.district === 'total' ? '' : d.district)}</td><td class="n">${i(d.persons)}</td><td class="n">${i(d.eligibleA)}</td><td class="n">${i(d.eligibleB)}</td><td class="n">+${i(d.gained)}</td><td class="n">−${i(d.lost)}</td><td class="n">${g(d.fteA)}</td><td class="n">${g(d.fteB)}</td><td class="n">${g(d.fundingA)}</td><td class="n">${g(d.fundingB)}</td><td class="n${diffCls}">${g(d.difference)}</td><td class="n${diffCls}">${d.differencePercent === null ? '—' : `${g(d.differencePercent)} %`}</td></tr>`;
}

function summaryBlock(report: ImpactReport, lang: Lang): string {
  const t = report.totals;
  const g = (v: string | null): string => (v === null ? '—' : `${groupedNumber(v, lang)} €`);
  const diffCls = t.difference === null ? '' : t.difference.startsWith('-') ? 'neg' : t.difference === '0.00' ? '' : 'pos';
  const plus = t.difference !== null && !t.difference.startsWith('-') && t.difference !== '0.00' ? '+' : '';
  return `<dl class="summary">
<div><dt>${say(lang, 'compare.html-funding-under-a')} (${esc(report.diff.a.id)})</dt><dd>${g(t.fundingA)}</dd></div>
<div><dt>${say(lang, 'compare.html-funding-under-b')} (${esc(report.diff.b.id)})</dt><dd>${g(t.fundingB)}</dd></div>
<div><dt>${say(lang, 'compare.html-difference-b-a')}</dt><dd class="${diffCls}">${t.difference === null ? '—' : `${plus}${g(t.difference)}${t.differencePercent !== null ? ` (${plus}${groupedNumber(t.differencePercent, lang)} %)` : ''}`}</dd></div>
</dl>
<p>${say(lang, 'compare.html-eligible-persons')}: ${groupedNumber(String(t.eligibleA), lang)} → ${groupedNumber(String(t.eligibleB), lang)} (+${groupedNumber(String(t.gained), lang)} / −${groupedNumber(String(t.lost), lang)})${t.fteA !== null || t.fteB !== null ? ` · ${say(lang, 'compare.html-fte')}: ${groupedNumber(t.fteA, lang)} → ${groupedNumber(t.fteB, lang)}` : ''}.</p>`;
}

function assumptionValue(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return String(v);
  return v === null ? '—' : JSON.stringify(v);
}

function section(report: ImpactReport, n: number, lang: Lang): string {
  const { diff } = report;
  const named = report.districts.map((d) => ({ ...d, name: districtName(d, lang) }));
  const money = (x: number): string => `${groupedNumber(x.toFixed(0), lang)} €`;
  const byFunding = [...named].sort((x, y) => num(y.fundingB) - num(x.fundingB) || num(y.fundingA) - num(x.fundingA) || x.name.localeCompare(y.name));
  const fundingChart = barChart(
    `chart-funding-${n}`,
    `${diff.a.id} → ${diff.b.id}`,
    say(lang, 'compare.html-funding-chart'),
    say(lang, 'compare.html-funding-chart-desc', { n: named.length, a: diff.a.id, b: diff.b.id }),
    byFunding.map((d) => ({ label: d.name, values: [num(d.fundingA), num(d.fundingB)] })),
    [
      { name: `A: ${diff.a.id}`, color: '#0a5bb5', cls: 's0' },
      { name: `B: ${diff.b.id}`, color: '#d9771e', cls: 's1' },
    ],
    money,
  );
  const byNet = [...named].sort((x, y) => y.gained - y.lost - (x.gained - x.lost) || y.gained - x.gained || x.name.localeCompare(y.name));
  const eligibilityChart = barChart(
    `chart-eligibility-${n}`,
    `${diff.a.id} → ${diff.b.id}`,
    say(lang, 'compare.html-eligibility-chart'),
    say(lang, 'compare.html-eligibility-chart-desc', { n: named.length }),
    byNet.map((d) => ({ label: d.name, values: [d.gained, -d.lost] })),
    [
      { name: say(lang, 'compare.html-col-gained'), color: '#1a7f37', cls: 's2' },
      { name: say(lang, 'compare.html-col-lost'), color: '#cf222e', cls: 's3' },
    ],
    (x) => groupedNumber(String(x), lang),
  );
  const t = report.totals;
  const col = (id: ReportMessageId, numeric = true): string => `<th scope="col"${numeric ? ' class="n"' : ''}>${REPORT_MESSAGES[id][lang]}</th>`;
  const table = `<div class="scroll" role="region" tabindex="0" aria-labelledby="table-${n}-caption comparison-${n}-h"><table><caption id="table-${n}-caption">${say(lang, 'compare.impact-per-district')}</caption>
<thead><tr>${col('compare.html-col-district', false)}${col('compare.html-col-ags', false)}${col('compare.html-col-persons')}${col('compare.html-col-eligible-a')}${col('compare.html-col-eligible-b')}${col('compare.html-col-gained')}${col('compare.html-col-lost')}${col('compare.html-col-fte-a')}${col('compare.html-col-fte-b')}${col('compare.html-col-funding-a')}${col('compare.html-col-funding-b')}${col('compare.html-col-difference')}${col('compare.html-col-difference-percent')}</tr></thead>
<tbody>
${report.districts.map((d) => districtRow(d, lang)).join('\n')}
</tbody><tfoot>${districtRow({ ...t, district: 'total', name: say(lang, 'compare.html-state') }, lang)}</tfoot></table></div>`;
  const assumptionList = (list: ImpactReport['assumptions']['a']): string =>
    list.length === 0
      ? `<p>${say(lang, 'report.none')}</p>`
      : `<ul>${list.map((a) => `<li><strong>${esc(a.ruleSet)} · ${esc(a.name)}</strong>${a.value !== undefined ? ` = ${esc(assumptionValue(a.value))}` : ''} (${esc(say(lang, a.confidence === 'assumed' ? 'report.assumed' : 'report.inferred'))})${a.noteText !== undefined || a.note !== undefined ? ` — ${richText(a.noteText?.[lang] ?? a.note ?? '')}` : ''}<br><small>${say(lang, 'report.source')}: ${esc(a.source)}</small></li>`).join('\n')}</ul>`;
  const notes = report.notes.map((x) => `<p class="note">${richText(x[lang])}</p>`).join('\n');
  return `<section class="comparison" id="comparison-${n}" aria-labelledby="comparison-${n}-h">
<h2 id="comparison-${n}-h">${esc(diff.a.id)} → ${esc(diff.b.id)}</h2>
<p>${say(lang, 'compare.html-assessment-date')} ${esc(report.on)} · ${say(lang, 'compare.html-caseload')}: ${esc(report.caseload.label[lang])} — ${groupedNumber(String(report.caseload.personRows), lang)} ${say(lang, 'compare.html-person-rows')}, ${groupedNumber(String(report.caseload.districtRows), lang)} ${say(lang, 'compare.html-district-rows')}${report.caseload.invalidRows ? `, ${groupedNumber(String(report.caseload.invalidRows), lang)} ${say(lang, 'compare.html-invalid')}` : ''}.</p>
${summaryBlock(report, lang)}
${report.caseload.synthetic ? `<p class="note"><strong>${say(lang, 'compare.html-synthetic')}</strong> ${say(lang, 'compare.html-synthetic-detail')}</p>` : ''}
${notes}
<h3>${say(lang, 'compare.html-rule-sets')}</h3>
<div class="sides">${sideBox('A', 'a', diff.a, lang)}${sideBox('B', 'b', diff.b, lang)}</div>
<h3>${say(lang, 'compare.html-what-changes')}</h3>
${diffSection(diff, lang)}
<h3>${say(lang, 'compare.html-funding-per-district')}</h3>
<p>A: ${richText(report.fundingBasis.a[lang])}</p>
<p>B: ${richText(report.fundingBasis.b[lang])}</p>
${report.districts.some((d) => d.fundingA !== null || d.fundingB !== null) ? fundingChart : `<p class="note">${say(lang, 'compare.html-no-funding-per-district')}</p>`}
<h3>${say(lang, 'compare.html-eligibility-per-district')}</h3>
${eligibilityChart}
<h3>${say(lang, 'compare.html-data')}</h3>
${table}
<h3>${say(lang, 'report.assumptions')}</h3>
<h4 class="a">A: ${esc(diff.a.id)}</h4>
${assumptionList(report.assumptions.a)}
<h4 class="b">B: ${esc(diff.b.id)}</h4>
${assumptionList(report.assumptions.b)}
<details><summary>${say(lang, 'compare.html-all-json')}</summary><pre>${esc(JSON.stringify(report, null, 1))}</pre></details>
</section>`;
}

/** Extra content for a report page: a title and HTML blocks placed before the comparisons. */
export interface ReportPage {
  title: string;
  /** Trusted HTML produced by this library (e.g. a table), placed before the comparisons; headings from h2. */
  preludeHtml?: string;
}

/** Options of {@link renderImpactHtml}. */
export interface ReportOptions {
  /** Language of the report (one per report; the `lang` attribute follows). Default `de`. */
  lang?: Lang;
}

/**
 * Renders one or more impact reports as one self-contained HTML file in one language: inline CSS
 * and SVG, no script, no external request; a summary with the three figures analysts quote at the
 * top of each comparison, charts that scale, tables that scroll inside themselves, print styles.
 * The same reports give the same bytes.
 *
 * @example
 * const r = compareImpact('bw-im-2025', 'bw-im-proposal', { persons });
 * if (r.ok) fs.writeFileSync('report.html', renderImpactHtml(r.report, undefined, { lang: 'en' }));
 */
export function renderImpactHtml(reports: ImpactReport | readonly ImpactReport[], page?: ReportPage, options: ReportOptions = {}): string {
  const lang: Lang = options.lang === 'en' ? 'en' : 'de';
  const list = Array.isArray(reports) ? (reports as readonly ImpactReport[]) : [reports as ImpactReport];
  const first = list[0];
  const title = page?.title ?? (first ? `${first.diff.a.id} → ${first.diff.b.id}` : 'foerderregeln');
  const toc =
    list.length > 1
      ? `<nav aria-label="${say(lang, 'compare.html-comparisons')}"><ul>${list
          .map((r, i) => {
            const d = r.totals.difference;
            return `<li><a href="#comparison-${i + 1}">${esc(r.diff.a.id)} → ${esc(r.diff.b.id)}</a>${d !== null ? `: ${say(lang, 'compare.summary-difference')} ${d.startsWith('-') || d === '0.00' ? '' : '+'}${groupedNumber(d, lang)} € ${say(lang, 'compare.html-per-year')}` : ''}</li>`;
          })
          .join('')}</ul></nav>`
      : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page?.title ?? `foerderregeln: ${title}`)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="wrap">
<main>
<p><small>foerderregeln · ${say(lang, 'compare.html-rule-set-comparison')}</small></p>
<h1>${esc(title)}</h1>
${toc}
${page?.preludeHtml ?? ''}
${list.map((r, i) => section(r, i + 1, lang)).join('\n')}
</main>
<footer><p><small>${say(lang, 'compare.html-footer')}</small></p></footer>
</div>
</body>
</html>
`;
}

/** Escapes text for HTML. */
export { esc as escapeHtml };
