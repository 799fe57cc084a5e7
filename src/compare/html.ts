import type { ImpactReport, DistrictImpact } from './types.js';
import type { RuleSetDiff } from './diff.js';

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

function deInt(n: number): string {
  return deMoney(String(n));
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.side{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem}
.side h3{margin:.1rem 0 .4rem;font-size:1rem}.a{color:#0a5bb5}.b{color:#b5450a}
code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.8rem;word-break:break-all}td code{white-space:nowrap;word-break:normal}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border-bottom:1px solid #e1e4e8;padding:.25rem .4rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:.3rem 0}
.pos{color:#116329}.neg{color:#a40e26}.note{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:.5rem .8rem}
.legend span{display:inline-block;margin-right:1rem}.sw{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;margin-right:.3rem}
td.yes{background:#e6f4ea}td.no{background:#fdecea}td.err{background:#fff4ce}
svg text{font:11px system-ui,sans-serif;fill:#1b1f24}
section.comparison{border-top:3px solid #d0d7de;margin-top:2.5rem}
@media print{section.comparison{break-before:page}body{margin:0;max-width:none}h2{break-after:avoid}svg,table{break-inside:avoid}}
`;

function sideBox(label: string, cls: string, s: RuleSetDiff['a']): string {
  return `<div class="side"><h3 class="${cls}">${label}: ${esc(s.id)}</h3>
<div>${esc(s.title.de)}<br><small>${esc(s.title.en)}</small></div>
<div>${esc(s.kind)} · ${esc(s.status)} · ${esc(s.validFrom)} – ${esc(s.validTo ?? 'offen / open')}</div>
${s.overlays.length ? `<div>Überlagerungen / overlays: ${s.overlays.map(esc).join(', ')}</div>` : ''}
<div class="hash">hash ${esc(s.hash)}<br>resolved ${esc(s.resolvedHash)}</div></div>`;
}

function diffSection(d: RuleSetDiff): string {
  if (d.summary.length === 0) return '<p>Keine Unterschiede. / No differences.</p>';
  const rows = d.summary.map((l) => `<tr><td>${esc(l.de)}</td><td>${esc(l.en)}</td></tr>`).join('\n');
  return `<table><caption>Änderungen von A nach B / Changes from A to B</caption><thead><tr><th scope="col">Deutsch</th><th scope="col">English</th></tr></thead><tbody>
${rows}</tbody></table>`;
}

/** A grouped horizontal bar chart: one bar per district and series, as inline SVG. */
function barChart(
  id: string,
  title: string,
  rows: readonly { label: string; values: readonly number[] }[],
  series: readonly { name: string; color: string }[],
  format: (n: number) => string,
): string {
  const barH = 9;
  const gap = 5;
  const labelW = 190;
  const chartW = 620;
  const valueW = 110;
  const groupH = series.length * barH + gap;
  const height = rows.length * groupH + 30;
  const max = Math.max(1, ...rows.flatMap((r) => r.values.map((v) => Math.abs(v))));
  const hasNeg = rows.some((r) => r.values.some((v) => v < 0));
  const zeroX = labelW + (hasNeg ? chartW / 2 : 0);
  const scale = (hasNeg ? chartW / 2 : chartW) / max;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y0 = 20 + i * groupH;
    parts.push(`<text x="${labelW - 6}" y="${y0 + (series.length * barH) / 2 + 4}" text-anchor="end">${esc(r.label)}</text>`);
    r.values.forEach((v, j) => {
      const w = Math.abs(v) * scale;
      const x = v < 0 ? zeroX - w : zeroX;
      const s = series[j];
      parts.push(
        `<rect class="bar" data-series="${esc(s?.name)}" data-row="${esc(r.label)}" x="${x.toFixed(2)}" y="${y0 + j * barH}" width="${Math.max(w, 0.5).toFixed(2)}" height="${barH - 1}" fill="${s?.color ?? '#888'}"><title>${esc(r.label)} — ${esc(s?.name)}: ${esc(format(v))}</title></rect>`,
      );
    });
    parts.push(`<text x="${labelW + chartW + 6}" y="${y0 + (series.length * barH) / 2 + 4}">${esc(r.values.map(format).join(' / '))}</text>`);
  });
  parts.push(`<line x1="${zeroX}" y1="14" x2="${zeroX}" y2="${height - 8}" stroke="#57606a" stroke-width="1"/>`);
  const legend = series.map((s) => `<span><i class="sw" style="background:${s.color}"></i>${esc(s.name)}</span>`).join('');
  return `<figure id="${id}"><figcaption><strong>${esc(title)}</strong><div class="legend">${legend}</div></figcaption>
<svg role="img" aria-labelledby="${id}-t" width="${labelW + chartW + valueW + 120}" height="${height}" viewBox="0 0 ${labelW + chartW + valueW + 120} ${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}-t">${esc(title)}</title>
${parts.join('\n')}
</svg></figure>`;
}

function num(v: string | null): number {
  return v === null ? 0 : Number(v);
}

function districtRow(d: DistrictImpact | (Omit<DistrictImpact, 'district' | 'name'> & { district: string; name: string }), th = false): string {
  const diffCls = d.difference === null ? '' : d.difference.startsWith('-') ? ' neg' : d.difference === '0.00' ? '' : ' pos';
  const cell = th ? 'th scope="row"' : 'td';
  return `<tr><${cell}>${esc(d.name)}</${th ? 'th' : 'td'}><td><code>${esc(d.district)}</code></td><td class="n">${deInt(d.persons)}</td><td class="n">${deInt(d.eligibleA)}</td><td class="n">${deInt(d.eligibleB)}</td><td class="n pos">+${deInt(d.gained)}</td><td class="n neg">−${deInt(d.lost)}</td><td class="n">${esc(d.fteA ?? '—')}</td><td class="n">${esc(d.fteB ?? '—')}</td><td class="n">${deMoney(d.fundingA)}</td><td class="n">${deMoney(d.fundingB)}</td><td class="n${diffCls}">${deMoney(d.difference)}</td><td class="n${diffCls}">${d.differencePercent === null ? '—' : `${deMoney(d.differencePercent)} %`}</td></tr>`;
}

function section(report: ImpactReport, n: number): string {
  const { diff } = report;
  const rows = report.districts;
  const fundingChart = barChart(
    `chart-funding-${n}`,
    'Förderung je Kreis und Jahr (€) / Yearly funding per district (€)',
    rows.map((d) => ({ label: d.name, values: [num(d.fundingA), num(d.fundingB)] })),
    [
      { name: `A: ${diff.a.id}`, color: '#0a5bb5' },
      { name: `B: ${diff.b.id}`, color: '#d9771e' },
    ],
    (n) => deMoney(n.toFixed(0)),
  );
  const eligibilityChart = barChart(
    `chart-eligibility-${n}`,
    'Anspruch gewonnen und verloren je Kreis (Personen) / Eligibility gained and lost per district (persons)',
    rows.map((d) => ({ label: d.name, values: [d.gained, -d.lost] })),
    [
      { name: 'gewonnen / gained', color: '#1a7f37' },
      { name: 'verloren / lost', color: '#cf222e' },
    ],
    (n) => deInt(n),
  );
  const t = report.totals;
  const table = `<table><caption>Wirkung je Kreis / Impact per district</caption>
<thead><tr><th scope="col">Kreis / district</th><th scope="col">AGS</th><th scope="col" class="n">Personen / persons</th><th scope="col" class="n">berechtigt A / eligible A</th><th scope="col" class="n">berechtigt B / eligible B</th><th scope="col" class="n">gewonnen / gained</th><th scope="col" class="n">verloren / lost</th><th scope="col" class="n">VZÄ A / FTE A</th><th scope="col" class="n">VZÄ B / FTE B</th><th scope="col" class="n">Förderung A € / funding A €</th><th scope="col" class="n">Förderung B € / funding B €</th><th scope="col" class="n">Differenz € / difference €</th><th scope="col" class="n">Differenz % / difference %</th></tr></thead>
<tbody>
${rows.map((d) => districtRow(d, true)).join('\n')}
</tbody><tfoot>${districtRow({ ...t, district: 'BW', name: 'Land / state' }, true)}</tfoot></table>`;
  const assumptionList = (list: ImpactReport['assumptions']['a']): string =>
    list.length === 0
      ? '<p>Keine. / None.</p>'
      : `<ul>${list.map((a) => `<li><strong>${esc(a.ruleSet)}/${esc(a.name)}</strong>${a.value !== undefined ? ` = <code>${esc(Array.isArray(a.value) ? a.value.join(', ') : a.value)}</code>` : ''} <em>(${esc(a.confidence)})</em>${a.note !== undefined ? ` — ${esc(a.note)}` : ''} <small>${esc(a.source)}</small></li>`).join('\n')}</ul>`;
  const notes = report.notes.map((n) => `<p class="note">${esc(n.de)}<br><small>${esc(n.en)}</small></p>`).join('\n');
  return `<section class="comparison" id="comparison-${n}">
<header>
<p><small>Vergleich von Regelwerken / rule-set comparison · Stichtag / assessment date ${esc(report.on)}</small></p>
<h1>${esc(diff.a.id)} → ${esc(diff.b.id)}</h1>
<div class="sides">${sideBox('A', 'a', diff.a)}${sideBox('B', 'b', diff.b)}</div>
<p>Fallbestand / caseload: ${esc(report.caseload.label.de)} / ${esc(report.caseload.label.en)} — ${deInt(report.caseload.personRows)} Personenzeilen / person rows, ${deInt(report.caseload.districtRows)} Kreiszeilen / district rows${report.caseload.invalidRows ? `, ${deInt(report.caseload.invalidRows)} ungültig / invalid` : ''}.</p>
${report.caseload.synthetic ? '<p class="note"><strong>Synthetische Daten.</strong> Die Personen sind erzeugt, nicht echt. <br><small><strong>Synthetic data.</strong> The persons are generated, not real.</small></p>' : ''}
${notes}
</header>
<h2>Was sich ändert / What changes</h2>
${diffSection(diff)}
<h2>Förderung je Kreis / Funding per district</h2>
<p>A: ${esc(report.fundingBasis.a.de)} <br><small>${esc(report.fundingBasis.a.en)}</small></p>
<p>B: ${esc(report.fundingBasis.b.de)} <br><small>${esc(report.fundingBasis.b.en)}</small></p>
${rows.some((d) => d.fundingA !== null || d.fundingB !== null) ? fundingChart : '<p class="note">Keine Förderbeträge je Kreis: beide Fassungen fördern Stellen, nicht Fälle. / No funding per district: both versions fund posts, not cases.</p>'}
<h2>Anspruch je Kreis / Eligibility per district</h2>
${eligibilityChart}
<h2>Daten / Data</h2>
${table}
<h2>Annahmen / Assumptions</h2>
<h3 class="a">A: ${esc(diff.a.id)}</h3>
${assumptionList(report.assumptions.a)}
<h3 class="b">B: ${esc(diff.b.id)}</h3>
${assumptionList(report.assumptions.b)}
</section>`;
}

/** Extra content for a report page: a title and HTML blocks placed before the comparisons. */
export interface ReportPage {
  title: string;
  /** Trusted HTML produced by this library (e.g. a table), placed before the comparisons. */
  preludeHtml?: string;
}

/**
 * Renders one or more impact reports as one self-contained HTML file: inline CSS and SVG, no
 * script, no external request; printable. The same reports give the same bytes.
 *
 * @example
 * const r = compareImpact('bw-im-2025', 'bw-im-proposal', { persons });
 * if (r.ok) fs.writeFileSync('report.html', renderImpactHtml(r.report));
 */
export function renderImpactHtml(reports: ImpactReport | readonly ImpactReport[], page?: ReportPage): string {
  const list = Array.isArray(reports) ? (reports as readonly ImpactReport[]) : [reports as ImpactReport];
  const first = list[0];
  const title = page?.title ?? (first ? `foerderregeln: ${first.diff.a.id} → ${first.diff.b.id}` : 'foerderregeln');
  const toc =
    list.length > 1
      ? `<nav><ul>${list.map((r, i) => `<li><a href="#comparison-${i + 1}">${esc(r.diff.a.id)} → ${esc(r.diff.b.id)}</a></li>`).join('')}</ul></nav>`
      : '';
  return `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<p><small>foerderregeln</small></p>
${page !== undefined ? `<h1>${esc(page.title)}</h1>` : ''}
${toc}
${page?.preludeHtml ?? ''}
${list.map((r, i) => section(r, i + 1)).join('\n')}
</main>
<footer><p><small>Erzeugt von foerderregeln; gleiche Eingaben ergeben dieselbe Datei. / Generated by foerderregeln; the same inputs give the same file.</small></p></footer>
</body>
</html>
`;
}

/** Escapes text for HTML. */
export { esc as escapeHtml };
