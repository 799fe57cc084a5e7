/**
 * The what-if page in the browser: reads the data the `whatif` command embedded, shows the
 * parameter editor, recomputes baseline → scenario on every change through the library (the same
 * code `compare` runs), and renders totals, the chart, the table, assumptions, downloads and the
 * command line that reproduces the figures. Runs offline from file:// under a strict
 * Content-Security-Policy: no eval, no request, no inline style attribute.
 */
import { z } from 'zod';
import type { ImpactTally } from '../../compare/impact.js';
import type { DistrictImpact, ImpactReport } from '../../compare/types.js';
import { groupedNumber } from '../../compare/html.js';
import { IMPACT_COLUMNS, impactRows } from '../../compare/format.js';
import { defaultRegistry } from '../../versions/registry.js';
import { listRuleSets } from '../../versions/select.js';
import type { ParameterValue } from '../../ruleset/schema.js';
import { resolveNamed } from '../../versions/resolve.js';
import { decodeColumns, type ColumnsHeader } from './columns.js';
import { decodeCaseloadBytes, readCaseloadSheet, readCaseloadText, type SheetCell } from './read.js';
import { readSheet } from 'read-excel-file/universal';
import { workbookLimitProblem, workbookSizeProblem } from '../../tabular/workbook.js';
import writeXlsxFile from 'write-excel-file/universal';
import {
  assessmentDate,
  computeWhatIf,
  editableParameters,
  parseEditorValue,
  sameValue,
  stateFromFragment,
  stateFromScenario,
  stateToFragment,
  switchableRules,
  type EditableParameter,
  type WhatIfCaseload,
  type WhatIfResult,
  type WhatIfState,
} from './model.js';
import { TEXT, type Lang } from './text.js';
import { reportMessage } from '../../messages/reports.js';

// Under the page's CSP, zod must not even probe for `new Function`.
z.config({ jitless: true });

/** What the `whatif` command embeds in the page (JSON in a data block). */
export interface PageData {
  version: string;
  lang: Lang;
  baseline: string;
  caseload: {
    label: { de: string; en: string };
    synthetic: boolean;
    /** What `--caseload` named (the file name), or null for the bundled synthetic caseload. */
    file: string | null;
    districts: WhatIfCaseload['districts'];
    header: ColumnsHeader;
    /** True when the bytes are gzip-compressed. */
    gzip: boolean;
  };
  /** Eligibility counts computed when the page was written, by cache key. */
  tallies: [string, ImpactTally][];
}

const doc = document;
const $ = (sel: string): HTMLElement => {
  const el = doc.querySelector<HTMLElement>(sel);
  if (el === null) throw new Error(`missing ${sel}`);
  return el;
};

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) el.append(c);
  return el;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64.replace(/\s+/g, ''));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function download(name: string, type: string, content: string | Blob): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
  const a = h('a', { href: url, download: name });
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface App {
  data: PageData;
  lang: Lang;
  t: (typeof TEXT)[Lang];
  caseload: WhatIfCaseload;
  caseloadFile: string | null;
  cache: Map<string, ImpactTally>;
  state: WhatIfState;
  params: EditableParameter[];
  result: WhatIfResult | null;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  timings: number[];
}

type SortKey = 'name' | 'district' | 'eligibleA' | 'eligibleB' | 'fundingA' | 'fundingB' | 'difference' | 'differencePercent';

function fmt(app: App, v: string | null): string {
  return groupedNumber(v, app.lang);
}

function euro(app: App, v: string | null): string {
  return v === null ? '—' : `${fmt(app, v)} €`;
}

function signed(app: App, v: string | null): string {
  if (v === null) return '—';
  const s = fmt(app, v);
  return v.startsWith('-') || /^0(\.0+)?$/.test(v) ? s : `+${s}`;
}

// ------------------------------------------------------------------------------------------
// Editor

function valueText(app: App, p: EditableParameter, v: ParameterValue): string {
  if (Array.isArray(v)) return v.length === 0 ? app.t.none : v.join(', ');
  if (typeof v === 'boolean') return v ? app.t.yes : app.t.no;
  if (v === null) return '—';
  if (p.unit === 'year') return String(v);
  if (p.kind === 'decimal' || p.kind === 'number') return fmt(app, String(v));
  return String(v);
}

function renderEditor(app: App): void {
  const host = $('#editor');
  host.replaceChildren();
  const { t } = app;
  for (const p of app.params) {
    const id = `param-${p.name}`;
    const current = app.state.values[p.name] ?? p.value;
    const changed = !sameValue(current, p.value);
    const box = h('div', { class: `param${changed ? ' changed' : ''}`, 'data-parameter': p.name });
    const label = h('label', { for: id }, h('span', { class: 'pname' }, p.description[app.lang]), ' ', h('code', {}, p.name));
    let control: HTMLElement;
    if (p.kind === 'set') {
      const fs = h('fieldset', { id, class: 'set' }, h('legend', { class: 'pname' }, p.description[app.lang], ' ', h('code', {}, p.name)));
      for (const c of p.choices ?? []) {
        const cb = h('input', { type: 'checkbox', name: p.name, value: c, id: `${id}-${c}` });
        cb.checked = Array.isArray(current) && current.includes(c);
        cb.addEventListener('change', () => {
          const checked = Array.from(host.querySelectorAll<HTMLInputElement>(`input[name="${p.name}"]`)).filter((x) => x.checked).map((x) => x.value);
          setValue(app, p, checked);
        });
        fs.append(h('span', { class: 'choice' }, cb, h('label', { for: `${id}-${c}` }, c)));
      }
      control = fs;
    } else if (p.kind === 'choice') {
      const sel = h('select', { id, name: p.name });
      for (const c of p.choices ?? []) {
        const o = h('option', { value: c }, c);
        if (c === current) o.selected = true;
        sel.append(o);
      }
      sel.addEventListener('change', () => setValue(app, p, sel.value));
      control = sel;
    } else if (p.kind === 'flag') {
      const cb = h('input', { type: 'checkbox', id, name: p.name });
      cb.checked = current === true;
      cb.addEventListener('change', () => setValue(app, p, cb.checked));
      control = cb;
    } else {
      const type = p.kind === 'number' || p.kind === 'decimal' ? 'number' : p.kind === 'date' ? 'date' : 'text';
      const attrs: Record<string, string> = { id, name: p.name, type, 'aria-describedby': `${id}-meta ${id}-err` };
      if (type === 'number') {
        attrs.step = p.kind === 'number' && Number.isInteger(p.value) ? '1' : 'any';
        attrs.inputmode = 'decimal';
      }
      const input = h('input', attrs);
      input.value = typeof current === 'string' || typeof current === 'number' ? String(current) : '';
      input.addEventListener('input', () => setValue(app, p, input.value));
      control = input;
    }
    const reset = h('button', { type: 'button', class: 'reset', 'aria-label': `${t.reset}: ${p.name}` }, t.reset);
    reset.disabled = !changed;
    reset.addEventListener('click', () => {
      resetValue(app, p.name);
    });
    const meta = h(
      'p',
      { class: 'meta', id: `${id}-meta` },
      `${t.baseline}: `,
      h('strong', {}, valueText(app, p, p.value)),
      changed ? ` → ${t.yours}: ` : '',
      changed ? h('strong', { class: 'yours' }, valueText(app, p, current)) : '',
      ` · ${t.unit}: ${p.unit} · `,
      h('span', { class: `conf conf-${p.confidence}` }, t.confidence[p.confidence]),
      ` · ${t.source}: `,
      sourceNode(p.source),
      ` (${p.definedIn}, ${t.from} ${p.from})`,
    );
    const err = h('p', { class: 'err', id: `${id}-err`, role: 'status' });
    box.append(p.kind === 'set' ? h('div', {}) : label, control, reset, meta, err);
    host.append(box);
  }
  // Target-group switches: eligibility rules the scenario may remove.
  const rules = $('#rules');
  rules.replaceChildren();
  const baseline = resolveNamed(defaultRegistry(), app.state.baseline);
  if (baseline === undefined) return;
  for (const r of switchableRules(baseline)) {
    const id = `rule-${r.id}`;
    const cb = h('input', { type: 'checkbox', id, name: `rule:${r.id}` });
    cb.checked = !app.state.removeRules.includes(r.id);
    cb.addEventListener('change', () => {
      app.state.removeRules = cb.checked ? app.state.removeRules.filter((x) => x !== r.id) : [...app.state.removeRules, r.id];
      update(app);
    });
    rules.append(h('div', { class: `param${cb.checked ? '' : ' changed'}` }, cb, ' ', h('label', { for: id }, r.description[app.lang], ' ', h('code', {}, r.id))));
  }
}

function sourceNode(source: string): Node {
  if (/^https?:\/\//.test(source)) {
    const a = h('a', { href: source, rel: 'noreferrer noopener', target: '_blank' }, source.length > 60 ? `${source.slice(0, 57)}…` : source);
    return a;
  }
  return doc.createTextNode(source);
}

function setValue(app: App, p: EditableParameter, raw: string | string[] | boolean): void {
  const box = doc.querySelector(`[data-parameter="${p.name}"]`);
  const err = box?.querySelector('.err');
  const parsed = parseEditorValue(p, raw);
  if (!parsed.ok) {
    if (err) err.textContent = parsed.message[app.lang];
    box?.querySelector('input,select')?.setAttribute('aria-invalid', 'true');
    return;
  }
  if (err) err.textContent = '';
  box?.querySelector('input,select')?.removeAttribute('aria-invalid');
  const { [p.name]: _old, ...rest } = app.state.values;
  app.state.values = sameValue(parsed.value, p.value) ? rest : { ...rest, [p.name]: parsed.value };
  refreshParamMeta(app, p);
  update(app);
}

function resetValue(app: App, name: string): void {
  const { [name]: _old, ...rest } = app.state.values;
  app.state.values = rest;
  const focus = doc.activeElement?.id;
  renderEditor(app);
  update(app);
  const el = focus !== undefined ? doc.getElementById(`param-${name}`) : null;
  (el?.querySelector('input') ?? el)?.focus();
}

function refreshParamMeta(app: App, p: EditableParameter): void {
  const box = doc.querySelector(`[data-parameter="${p.name}"]`);
  if (box === null) return;
  const current = app.state.values[p.name] ?? p.value;
  const changed = !sameValue(current, p.value);
  box.classList.toggle('changed', changed);
  const reset = box.querySelector<HTMLButtonElement>('button.reset');
  if (reset) reset.disabled = !changed;
  const meta = box.querySelector('.meta');
  const yours = meta?.querySelector('.yours');
  if (meta && changed && yours) yours.textContent = valueText(app, p, current);
  else if (meta) {
    // Rebuild the line (the arrow appears or goes).
    renderEditorLine(app, p, meta);
  }
}

function renderEditorLine(app: App, p: EditableParameter, meta: Element): void {
  const { t } = app;
  const current = app.state.values[p.name] ?? p.value;
  const changed = !sameValue(current, p.value);
  meta.replaceChildren(
    `${t.baseline}: `,
    h('strong', {}, valueText(app, p, p.value)),
    changed ? ` → ${t.yours}: ` : '',
    changed ? h('strong', { class: 'yours' }, valueText(app, p, current)) : '',
    ` · ${t.unit}: ${p.unit} · `,
    h('span', { class: `conf conf-${p.confidence}` }, t.confidence[p.confidence]),
    ` · ${t.source}: `,
    sourceNode(p.source),
    ` (${p.definedIn}, ${t.from} ${p.from})`,
  );
}

// ------------------------------------------------------------------------------------------
// Results

function renderChanges(app: App): void {
  const { t } = app;
  const list = $('#changes');
  list.replaceChildren();
  const items: HTMLElement[] = [];
  for (const p of app.params) {
    const v = app.state.values[p.name];
    if (v === undefined) continue;
    const btn = h('button', { type: 'button', class: 'reset', 'aria-label': `${t.reset}: ${p.name}` }, t.reset);
    btn.addEventListener('click', () => resetValue(app, p.name));
    items.push(h('li', {}, h('code', {}, p.name), `: ${valueText(app, p, p.value)} → `, h('strong', {}, valueText(app, p, v)), ' ', btn));
  }
  for (const r of app.state.removeRules) {
    const btn = h('button', { type: 'button', class: 'reset', 'aria-label': `${t.reset}: ${r}` }, t.reset);
    btn.addEventListener('click', () => {
      app.state.removeRules = app.state.removeRules.filter((x) => x !== r);
      renderEditor(app);
      update(app);
    });
    items.push(h('li', {}, `${t.ruleOff}: `, h('code', {}, r), ' ', btn));
  }
  if (items.length === 0) list.append(h('li', {}, t.noChanges));
  else list.append(...items);
  ($('#reset-all') as HTMLButtonElement).disabled = items.length === 0;
}

function renderTotals(app: App, report: ImpactReport): void {
  const { t } = app;
  const tot = report.totals;
  const dl = $('#totals');
  const cell = (key: 'baseline' | 'scenario' | 'delta', label: string, value: string | null, shown: string): HTMLElement =>
    h('div', { class: `total total-${key}` }, h('dt', {}, label), h('dd', { 'data-total': key, 'data-value': value ?? '' }, shown));
  const cls = tot.difference === null ? '' : tot.difference.startsWith('-') ? 'neg' : /^0(\.0+)?$/.test(tot.difference) ? '' : 'pos';
  dl.replaceChildren(
    cell('baseline', `${t.totalBaseline} (${report.diff.a.id})`, tot.fundingA, euro(app, tot.fundingA)),
    cell('scenario', t.totalScenario, tot.fundingB, euro(app, tot.fundingB)),
    cell('delta', t.totalDelta, tot.difference, tot.difference === null ? '—' : `${signed(app, tot.difference)} €${tot.differencePercent !== null ? ` (${signed(app, tot.differencePercent)} %)` : ''}`),
  );
  dl.querySelector('[data-total="delta"]')?.classList.add(cls || 'zero');
  const gaining = report.districts.filter((d) => d.difference !== null && !d.difference.startsWith('-') && !/^0(\.0+)?$/.test(d.difference));
  const losing = report.districts.filter((d) => d.difference !== null && d.difference.startsWith('-'));
  $('#facts').replaceChildren(
    h('li', {}, `${t.eligible}: ${fmt(app, String(tot.eligibleA))} → ${fmt(app, String(tot.eligibleB))} (+${fmt(app, String(tot.gained))} / −${fmt(app, String(tot.lost))})`),
    h('li', {}, `${t.fte}: ${fmt(app, tot.fteA)} → ${fmt(app, tot.fteB)}`),
    h('li', {}, `${t.gaining}: ${String(gaining.length)} · ${t.losing}: ${String(losing.length)} · ${t.unchanged}: ${String(report.districts.length - gaining.length - losing.length)}`),
  );
  const top = (list: DistrictImpact[], dir: 1 | -1): HTMLElement => {
    const sorted = [...list].sort((a, b) => dir * (Number(b.difference) - Number(a.difference))).slice(0, 5);
    return sorted.length === 0 ? h('p', {}, t.none) : h('ol', {}, ...sorted.map((d) => h('li', {}, `${d.name}: ${signed(app, d.difference)} €`)));
  };
  $('#gaining').replaceChildren(top(gaining, 1));
  $('#losing').replaceChildren(top(losing, -1));
  $('#basis').replaceChildren(h('li', {}, `A: ${report.fundingBasis.a[app.lang]}`), h('li', {}, `B: ${report.fundingBasis.b[app.lang]}`), ...report.notes.map((n) => h('li', {}, n[app.lang])));
}

/** The diverging bar chart of Δ € per district, sorted by Δ, as SVG text (also the download). */
export function chartSvg(report: ImpactReport, lang: Lang, t: (typeof TEXT)[Lang]): string {
  const rows = report.districts
    .filter((d) => d.difference !== null)
    .map((d) => ({ name: d.name, ags: d.district, v: Number(d.difference), text: d.difference as string }))
    .sort((a, b) => b.v - a.v || a.name.localeCompare(b.name));
  const barH = 15;
  const gap = 4;
  const labelW = 190;
  const plotW = 330;
  const valueW = 140;
  const width = labelW + plotW + valueW;
  const height = rows.length * (barH + gap) + 40;
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.v)));
  const zero = labelW + plotW / 2;
  const scale = plotW / 2 / max;
  const title = t.chartTitle;
  const desc = rows.length === 0 ? t.chartEmpty : t.chartDesc(rows.length, rows.filter((r) => r.v > 0).length, rows.filter((r) => r.v < 0).length);
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = 24 + i * (barH + gap);
    const w = Math.abs(r.v) * scale;
    const x = r.v < 0 ? zero - w : zero;
    const shown = `${r.v > 0 ? '+' : ''}${groupedNumber(r.text, lang)} €`;
    parts.push(`<text x="${String(labelW - 8)}" y="${String(y + barH - 3)}" text-anchor="end">${esc(r.name)}</text>`);
    parts.push(`<rect class="bar ${r.v < 0 ? 'neg' : 'pos'}" data-district="${esc(r.ags)}" x="${x.toFixed(2)}" y="${String(y)}" width="${Math.max(w, 0.5).toFixed(2)}" height="${String(barH)}" fill="${r.v < 0 ? '#b3261e' : '#1a7f37'}"><title>${esc(r.name)}: ${esc(shown)}</title></rect>`);
    parts.push(`<text x="${String(labelW + plotW + 8)}" y="${String(y + barH - 3)}">${esc(shown)}</text>`);
  });
  parts.push(`<line x1="${String(zero)}" y1="16" x2="${String(zero)}" y2="${String(height - 12)}" stroke="#57606a" stroke-width="1"/>`);
  parts.push(`<text x="${String(zero)}" y="12" text-anchor="middle">0 €</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${String(width)} ${String(height)}" width="${String(width)}" height="${String(height)}" font-family="system-ui, sans-serif" font-size="13" fill="#1b1f24"><title id="chart-title">${esc(title)}</title><desc id="chart-desc">${esc(desc)}</desc>${parts.join('')}</svg>`;
}

function sortValue(d: DistrictImpact, key: SortKey): number | string {
  if (key === 'name' || key === 'district') return d[key];
  const v = d[key];
  return typeof v === 'number' ? v : v === null ? Number.NEGATIVE_INFINITY : Number(v);
}

function renderTable(app: App, report: ImpactReport): void {
  const { t } = app;
  const { key, dir } = app.sort;
  const rows = [...report.districts].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    const c = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, app.lang) : (x as number) - (y as number);
    return (dir === 'asc' ? c : -c) || a.district.localeCompare(b.district);
  });
  for (const th of Array.from(doc.querySelectorAll<HTMLElement>('#districts thead th[data-sort]'))) {
    const k = th.dataset.sort as SortKey;
    th.setAttribute('aria-sort', k === key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none');
  }
  const tbody = $('#districts tbody');
  tbody.replaceChildren(
    ...rows.map((d) => {
      const cls = d.difference === null ? '' : d.difference.startsWith('-') ? 'neg' : /^0(\.0+)?$/.test(d.difference) ? '' : 'pos';
      return h(
        'tr',
        { 'data-district': d.district, 'data-difference': d.difference ?? '' },
        h('th', { scope: 'row' }, d.name),
        h('td', {}, d.district),
        h('td', { class: 'n' }, fmt(app, String(d.eligibleA))),
        h('td', { class: 'n' }, fmt(app, String(d.eligibleB))),
        h('td', { class: 'n' }, fmt(app, d.fteA)),
        h('td', { class: 'n' }, fmt(app, d.fteB)),
        h('td', { class: 'n', 'data-value': d.fundingA ?? '' }, fmt(app, d.fundingA)),
        h('td', { class: 'n', 'data-value': d.fundingB ?? '' }, fmt(app, d.fundingB)),
        h('td', { class: `n ${cls}`, 'data-value': d.difference ?? '' }, signed(app, d.difference)),
        h('td', { class: `n ${cls}` }, d.differencePercent === null ? '—' : `${signed(app, d.differencePercent)} %`),
      );
    }),
  );
  const tot = report.totals;
  $('#districts tfoot').replaceChildren(
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, t.state),
      h('td', {}, ''),
      h('td', { class: 'n' }, fmt(app, String(tot.eligibleA))),
      h('td', { class: 'n' }, fmt(app, String(tot.eligibleB))),
      h('td', { class: 'n' }, fmt(app, tot.fteA)),
      h('td', { class: 'n' }, fmt(app, tot.fteB)),
      h('td', { class: 'n' }, fmt(app, tot.fundingA)),
      h('td', { class: 'n' }, fmt(app, tot.fundingB)),
      h('td', { class: 'n' }, signed(app, tot.difference)),
      h('td', { class: 'n' }, tot.differencePercent === null ? '—' : `${signed(app, tot.differencePercent)} %`),
    ),
  );
}

function renderAssumptions(app: App, report: ImpactReport): void {
  const { t } = app;
  const list = (items: ImpactReport['assumptions']['a']): HTMLElement =>
    items.length === 0
      ? h('p', {}, t.none)
      : h(
          'ul',
          {},
          ...items.map((a) =>
            h(
              'li',
              {},
              h('strong', {}, `${a.ruleSet} · ${a.name}`),
              a.value !== undefined ? ` = ${Array.isArray(a.value) ? a.value.join(', ') : String(a.value)}` : '',
              ` (${t.confidence[a.confidence]})`,
              a.noteText !== undefined || a.note !== undefined ? ` — ${a.noteText?.[app.lang] ?? a.note ?? ''}` : '',
              h('br', {}),
              h('small', {}, `${t.source}: ${a.source}`),
            ),
          ),
        );
  $('#assumptions').replaceChildren(h('h3', {}, `A: ${report.diff.a.id}`), list(report.assumptions.a), h('h3', {}, `B: ${report.diff.b.id}`), list(report.assumptions.b));
}

function csvText(app: App, report: ImpactReport): string {
  const de = app.lang === 'de';
  const sep = de ? ';' : ',';
  const cell = (v: unknown, text: boolean): string => {
    let s = typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    if (!text && de) s = s.replace('.', ',');
    return /[";\n\r,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [IMPACT_COLUMNS.join(sep)];
  for (const r of impactRows(report)) lines.push(IMPACT_COLUMNS.map((c) => cell(r[c], c === 'name' || c === 'district')).join(sep));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The number format of money cells (German Excel shows 1.234,56 €), as the CLI's workbooks use. */
const XLSX_MONEY = '#,##0.00 "€"';

/**
 * The per-district table as an Excel workbook (typed cells: counts and FTE as numbers, money
 * with a € format, a frozen header row) and a second sheet with what the figures rest on:
 * baseline and scenario with their hashes, the assessment date, the caseload and the changes.
 */
async function xlsxBlob(app: App, r: WhatIfResult): Promise<Blob> {
  type XCell = { value: string | number; type: StringConstructor | NumberConstructor; format?: string } | null;
  const text = (v: string | null | undefined): XCell => (v === null || v === undefined || v === '' ? null : { value: /^[=+\-@\t\r]/.test(v) ? `'${v}` : v, type: String });
  const num = (v: string | number | null | undefined, format?: string): XCell => {
    if (v === null || v === undefined || v === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? { value: n, type: Number, ...(format !== undefined ? { format } : {}) } : text(String(v));
  };
  const money = new Set<string>(['fundingA', 'fundingB', 'difference']);
  const counts = new Set<string>(['eligibleA', 'eligibleB', 'gained', 'lost', 'persons']);
  const header: XCell[] = IMPACT_COLUMNS.map((c) => ({ value: c, type: String }));
  const data: XCell[][] = [header];
  for (const row of impactRows(r.report)) {
    data.push(
      IMPACT_COLUMNS.map((c) => {
        const v = row[c] as string | number | null | undefined;
        if (c === 'name' || c === 'district') return text(v === null || v === undefined ? null : String(v));
        if (money.has(c)) return num(v, XLSX_MONEY);
        if (counts.has(c)) return num(v, '0');
        return num(v);
      }),
    );
  }
  const t = app.t;
  const about: XCell[][] = [
    [text(t.baseline), text(`${r.report.diff.a.id} (${r.baselineHash})`)],
    [text(t.scenarioFile), text(`${String(r.scenario.id)} (${r.scenarioHash})`)],
    [text(t.resolved), text(r.report.diff.b.resolvedHash)],
    [text(t.assessmentDate), text(r.report.on)],
    [text(t.caseload), text(app.caseload.label[app.lang])],
    [],
    [text(t.yourChanges)],
  ];
  for (const p of app.params) {
    const v = app.state.values[p.name];
    if (v !== undefined) about.push([text(p.name), text(`${valueText(app, p, p.value)} → ${valueText(app, p, v)}`)]);
  }
  for (const rule of app.state.removeRules) about.push([text(t.ruleOff), text(rule)]);
  return writeXlsxFile([
    { data: data, sheet: app.t.sheetDistricts, stickyRowsCount: 1, columns: IMPACT_COLUMNS.map((c) => ({ width: c === 'name' ? 28 : money.has(c) ? 16 : 12 })) },
    { data: about, sheet: app.t.sheetBasis, columns: [{ width: 34 }, { width: 90 }] },
  ]).toBlob();
}

function reproduce(app: App, r: WhatIfResult): void {
  const { t } = app;
  const caseload = app.caseloadFile ?? 'caseload.csv';
  const cmd = `npx foerderregeln compare ${r.report.diff.a.id} scenario.json --caseload ${caseload} --on ${r.report.on} --format csv`;
  $('#command').textContent = cmd;
  $('#hashes').replaceChildren(
    h('li', {}, `${t.baseline} ${r.report.diff.a.id}: `, h('code', {}, r.baselineHash)),
    h('li', {}, `${t.scenarioFile} (${String(r.scenario.id)}): `, h('code', {}, r.scenarioHash)),
    h('li', {}, `${t.resolved}: `, h('code', {}, r.report.diff.b.resolvedHash)),
    h('li', {}, `${t.totalScenario}: ${r.report.totals.fundingB ?? '—'} · ${t.totalDelta}: ${r.report.totals.difference ?? '—'}`),
  );
  $('#caseload-note').textContent = app.caseloadFile === null ? t.caseloadNoteSynthetic : t.caseloadNoteFile(app.caseloadFile);
}

function update(app: App): void {
  const t0 = performance.now();
  const computed = computeWhatIf(app.state, app.caseload, app.cache);
  const tCompute = performance.now() - t0;
  const status = $('#status');
  if (!computed.ok) {
    status.textContent = `${app.t.error}: ${computed.issues.map((i) => i.message[app.lang]).join('; ')}`;
    status.classList.add('bad');
    return;
  }
  status.classList.remove('bad');
  const r = computed.result;
  app.result = r;
  renderChanges(app);
  renderTotals(app, r.report);
  $('#chart').innerHTML = chartSvg(r.report, app.lang, app.t);
  renderTable(app, r.report);
  renderAssumptions(app, r.report);
  reproduce(app, r);
  const ms = performance.now() - t0;
  app.timings.push(ms);
  status.dataset.recomputeMs = ms.toFixed(1);
  status.dataset.computeMs = tCompute.toFixed(1);
  status.dataset.evaluatedPersons = String(r.evaluatedPersons);
  // A counter that changes on every recompute, even when the text (rounded time) stays the same.
  status.dataset.seq = String(Number(status.dataset.seq ?? '0') + 1);
  status.textContent = app.t.recomputed(ms.toFixed(1), r.evaluatedPersons, r.report.caseload.personRows);
  const frag = stateToFragment(app.state, app.sort.key === 'difference' && app.sort.dir === 'desc' ? {} : { sort: `${app.sort.key}-${app.sort.dir}` });
  if (location.hash !== frag) history.replaceState(null, '', frag);
  doc.body.dataset.ready = 'true';
}

function setBaseline(app: App, id: string): void {
  const registry = defaultRegistry();
  const b = resolveNamed(registry, id);
  if (b === undefined) return;
  app.state = { ...app.state, baseline: id, values: {}, removeRules: [] };
  app.params = editableParameters(b, assessmentDate(b));
  ($('#baseline') as HTMLSelectElement).value = id;
  $('#baseline-title').textContent = `${b.title[app.lang]} · ${b.validFrom}${b.validTo !== undefined ? ` – ${b.validTo}` : ''} · ${app.t.assessmentDate} ${assessmentDate(b)}`;
}

function applyFragment(app: App, fragment: string): void {
  const { state, extra } = stateFromFragment(fragment);
  const registry = defaultRegistry();
  if (state.baseline !== undefined && resolveNamed(registry, state.baseline) !== undefined) setBaseline(app, state.baseline);
  if (state.id !== undefined && /^[a-z0-9][a-z0-9-]{0,62}$/.test(state.id)) app.state.id = state.id;
  app.state.values = {};
  for (const [k, v] of Object.entries(state.values)) {
    const p = app.params.find((x) => x.name === k);
    if (p === undefined) continue;
    const parsed = parseEditorValue(p, Array.isArray(v) ? (v as string[]) : typeof v === 'boolean' ? v : String(v));
    if (parsed.ok && !sameValue(parsed.value, p.value)) app.state.values[k] = parsed.value;
  }
  app.state.removeRules = state.removeRules;
  const sort = /^([a-zA-Z]+)-(asc|desc)$/.exec(extra.sort ?? '');
  if (sort) app.sort = { key: sort[1] as SortKey, dir: sort[2] as 'asc' | 'desc' };
}

function wire(app: App): void {
  const sel = $('#baseline') as HTMLSelectElement;
  for (const s of listRuleSets()) {
    if (s.kind === 'scenario') continue;
    sel.append(h('option', { value: s.id }, `${s.id} — ${s.title[app.lang]}`));
  }
  sel.addEventListener('change', () => {
    setBaseline(app, sel.value);
    renderEditor(app);
    update(app);
  });
  $('#reset-all').addEventListener('click', () => {
    app.state.values = {};
    app.state.removeRules = [];
    renderEditor(app);
    update(app);
  });
  for (const th of Array.from(doc.querySelectorAll<HTMLElement>('#districts thead th[data-sort]'))) {
    const btn = th.querySelector('button');
    btn?.addEventListener('click', () => {
      const k = th.dataset.sort as SortKey;
      app.sort = { key: k, dir: app.sort.key === k ? (app.sort.dir === 'asc' ? 'desc' : 'asc') : k === 'name' || k === 'district' ? 'asc' : 'desc' };
      if (app.result) renderTable(app, app.result.report);
      const frag = stateToFragment(app.state, app.sort.key === 'difference' && app.sort.dir === 'desc' ? {} : { sort: `${app.sort.key}-${app.sort.dir}` });
      history.replaceState(null, '', frag);
    });
  }
  $('#dl-scenario').addEventListener('click', () => {
    if (app.result) download('scenario.json', 'application/json', `${JSON.stringify(app.result.scenario, null, 2)}\n`);
  });
  $('#dl-csv').addEventListener('click', () => {
    if (app.result) download('whatif-districts.csv', 'text/csv;charset=utf-8', csvText(app, app.result.report));
  });
  $('#dl-xlsx').addEventListener('click', () => {
    const r = app.result;
    if (r === null) return;
    xlsxBlob(app, r).then(
      (blob) => download('whatif-districts.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', blob),
      (e: unknown) => {
        $('#load-message').textContent = `${app.t.error}: ${e instanceof Error ? e.message : String(e)}`;
      },
    );
  });
  $('#dl-svg').addEventListener('click', () => {
    if (app.result) download('whatif-chart.svg', 'image/svg+xml', `${chartSvg(app.result.report, app.lang, app.t)}\n`);
  });
  $('#dl-caseload').addEventListener('click', () => {
    download('caseload.csv', 'text/csv;charset=utf-8', caseloadCsv(app));
  });
  const scenarioInput = $('#load-scenario') as HTMLInputElement;
  scenarioInput.addEventListener('change', () => {
    const f = scenarioInput.files?.[0];
    if (f) void loadScenarioFile(app, f);
    scenarioInput.value = '';
  });
  const caseloadInput = $('#load-caseload') as HTMLInputElement;
  caseloadInput.addEventListener('change', () => {
    const f = caseloadInput.files?.[0];
    if (f) void loadCaseloadFile(app, f);
    caseloadInput.value = '';
  });
  const drop = $('#drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer?.files[0];
    if (f === undefined) return;
    if (f.name.toLowerCase().endsWith('.json') && !f.name.toLowerCase().includes('caseload')) void loadScenarioOrCaseload(app, f);
    else void loadCaseloadFile(app, f);
  });
  window.addEventListener('hashchange', () => {
    applyFragment(app, location.hash);
    renderEditor(app);
    update(app);
  });
}

async function loadScenarioOrCaseload(app: App, f: File): Promise<void> {
  const text = await f.text();
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (!Array.isArray(parsed)) {
      await loadScenarioFile(app, f);
      return;
    }
  } catch {
    // Not JSON at all: the caseload reader says why.
  }
  await loadCaseloadFile(app, f);
}

async function loadScenarioFile(app: App, f: File): Promise<void> {
  const msg = $('#load-message');
  let parsed: unknown;
  try {
    parsed = JSON.parse((await f.text()).replace(/^\uFEFF/, ''));
  } catch {
    msg.textContent = app.t.notJson(f.name);
    return;
  }
  const r = stateFromScenario(parsed, defaultRegistry());
  if (!r.ok) {
    msg.textContent = `${app.t.scenarioRejected(f.name)} ${r.issues.map((i) => `${i.path.join('.')}: ${i.message[app.lang]}`).join('; ')}`;
    return;
  }
  setBaseline(app, r.baseline.id);
  app.state = { ...r.state, values: {} };
  for (const [k, v] of Object.entries(r.state.values)) {
    const p = app.params.find((x) => x.name === k);
    if (p !== undefined && !sameValue(v, p.value)) app.state.values[k] = v;
  }
  msg.textContent = `${app.t.scenarioLoaded(f.name)}${r.ignored.length > 0 ? ` ${app.t.ignored(r.ignored.join(', '))}` : ''}`;
  renderEditor(app);
  update(app);
}

async function loadCaseloadFile(app: App, f: File): Promise<void> {
  const msg = $('#load-message');
  const lower = f.name.toLowerCase();
  let r: ReturnType<typeof readCaseloadText>;
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) {
    // The CLI's workbook limits (src/tabular/workbook.ts): a ZIP bomb or a sheet spanning billions
    // of cells gets a message instead of freezing the tab.
    const tooLarge = workbookSizeProblem(f.size);
    if (tooLarge !== null) {
      msg.textContent = `${f.name}: ${tooLarge[app.lang]}`;
      return;
    }
    const bytes = new Uint8Array(await f.arrayBuffer());
    const problem = workbookLimitProblem(bytes, f.name);
    if (problem !== null) {
      msg.textContent = problem[app.lang];
      return;
    }
    let rows: SheetCell[][];
    try {
      rows = (await readSheet(bytes.buffer)) as SheetCell[][];
    } catch (e) {
      msg.textContent = `${f.name}: ${app.t.notWorkbook} (${e instanceof Error ? e.message : String(e)})`;
      return;
    }
    r = readCaseloadSheet(rows);
  } else {
    r = readCaseloadText(f.name, decodeCaseloadBytes(new Uint8Array(await f.arrayBuffer())).text);
  }
  if (!r.ok) {
    msg.textContent = `${f.name}: ${r.message[app.lang]}`;
    return;
  }
  app.caseload = {
    persons: r.caseload.persons,
    districts: r.caseload.districts,
    label: reportMessage('whatif.caseload-file', { file: f.name }),
    synthetic: false,
  };
  app.caseloadFile = f.name;
  app.cache = new Map();
  $('#caseload-label').textContent = app.caseload.label[app.lang];
  msg.textContent = `${app.t.caseloadLoaded(f.name, r.caseload.persons.length, r.caseload.districts.length)}${r.caseload.unreadable > 0 ? ` ${app.t.unreadableRows(r.caseload.unreadable)}` : ''}${r.caseload.unknownColumns.length > 0 ? ` ${app.t.unknownColumns(r.caseload.unknownColumns.join(', '))}` : ''}`;
  update(app);
}

function caseloadCsv(app: App): string {
  const persons = app.caseload.persons.filter((p): p is Record<string, unknown> => p !== null && typeof p === 'object');
  const rows: Record<string, unknown>[] = [...persons, ...app.caseload.districts.map((d) => ({ ...d }))];
  const cols = ['id', 'residenceStatus', 'accommodation', 'displacedFromUkraine', 'followUpSince', 'arrivalDate', 'goodProspects', 'justifiedExtension', 'district', 'on'];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const cell = (v: unknown): string => {
    if (v === undefined || v === null) return '';
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const out: string[] = [cols.join(',')];
  for (const r of rows) out.push(cols.map((c) => cell(r[c])).join(','));
  return `${out.join('\n')}\n`;
}

async function start(): Promise<void> {
  const dataEl = doc.getElementById('whatif-data');
  const bytesEl = doc.getElementById('whatif-caseload');
  if (dataEl === null || bytesEl === null) throw new Error('the page has no embedded data');
  const data = JSON.parse(dataEl.textContent || '{}') as PageData;
  const lang = data.lang;
  const t = TEXT[lang];
  let bytes = base64ToBytes(bytesEl.textContent || '');
  if (data.caseload.gzip) bytes = await gunzip(bytes);
  const persons = decodeColumns(data.caseload.header, bytes);
  const app: App = {
    data,
    lang,
    t,
    caseload: { persons, districts: data.caseload.districts, label: data.caseload.label, synthetic: data.caseload.synthetic },
    caseloadFile: data.caseload.file,
    cache: new Map(data.tallies),
    state: { baseline: data.baseline, id: 'whatif-scenario', values: {}, removeRules: [] },
    params: [],
    result: null,
    sort: { key: 'difference', dir: 'desc' },
    timings: [],
  };
  $('#caseload-label').textContent = data.caseload.label[lang];
  wire(app);
  setBaseline(app, data.baseline);
  if (location.hash.length > 1) applyFragment(app, location.hash);
  renderEditor(app);
  update(app);
}

start().catch((e: unknown) => {
  const status = doc.getElementById('status');
  if (status) {
    status.textContent = `Fehler / error: ${e instanceof Error ? e.message : String(e)}`;
    status.classList.add('bad');
  }
});
