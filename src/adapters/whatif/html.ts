/**
 * Writes the what-if page: one HTML file with the page script, the styles, the caseload and the
 * data inlined, under a Content-Security-Policy that allows exactly that script and that style
 * (by SHA-256 hash) and nothing else: no eval, no request, no plug-in, no form target.
 */
import { createHash } from 'node:crypto';
import type { PageData } from './page.js';
import { TEXT } from './text.js';

const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff;margin:0}
.wrap{max-width:1180px;margin:0 auto;padding:1rem}
a{color:#0a4fa0}
select{max-width:100%}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.4rem;z-index:2}
h1{font-size:1.5rem;line-height:1.25;margin:.3rem 0}
h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
li,p{overflow-wrap:anywhere}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em;overflow-wrap:anywhere}
.grid{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,7fr);gap:1.5rem;align-items:start}
.grid>*{min-width:0}
@media (max-width:900px){.grid{grid-template-columns:minmax(0,1fr)}}
.param{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .6rem;margin:.4rem 0;display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.2rem .5rem;align-items:center}
.param>label,.param>div:first-child{grid-column:1/-1}
.param .meta,.param .err{grid-column:1/-1;margin:0;font-size:.85rem;color:#424a53;overflow-wrap:anywhere}
.param .err{color:#a40e26}.param .err:empty{display:none}
.param.changed{border-color:#9a6700;background:#fff8e1}
.param input[type=number],.param input[type=text],.param input[type=date],.param select{font:inherit;padding:.3rem .4rem;border:1px solid #57606a;border-radius:4px;width:100%;min-width:0}
.param fieldset{grid-column:1/-1;border:0;margin:0;padding:0;min-width:0}
.param fieldset legend{padding:0}
.choice{display:inline-flex;align-items:center;gap:.25rem;margin:.1rem .8rem .1rem 0}
.pname{font-weight:600}
button,.file{font:inherit;border:1px solid #57606a;border-radius:4px;background:#f6f8fa;color:#1b1f24;padding:.3rem .6rem;cursor:pointer}
button:disabled{color:#57606a;cursor:default;background:#fff}
button:focus-visible,input:focus-visible,select:focus-visible,a:focus-visible,.file:focus-within{outline:3px solid #0a4fa0;outline-offset:2px}
.file input{position:absolute;opacity:0;width:1px;height:1px}
.conf-assumed{color:#8a4600;font-weight:600}.conf-inferred{color:#6a4a00}.conf-sourced{color:#116329}
dl.totals{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:.6rem;margin:.5rem 0}
@media (max-width:600px){dl.totals{grid-template-columns:minmax(0,1fr)}}
.total{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .7rem}
.total dt{font-size:.85rem;color:#424a53}.total dd{margin:0;font-size:1.3rem;font-weight:700;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.pos{color:#116329}.neg{color:#a40e26}
.status{font-size:.85rem;color:#424a53;margin:.2rem 0}.status.bad{color:#a40e26;font-weight:600}
.note{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:.4rem .7rem}
.two{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:1rem}@media (max-width:600px){.two{grid-template-columns:minmax(0,1fr)}}
figure{margin:.5rem 0}
#chart svg{width:100%;height:auto;display:block;min-width:520px}
.chartbox{overflow-x:auto;max-width:100%}
.scroll{overflow-x:auto;max-width:100%;border:1px solid #d0d7de;border-radius:6px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;padding:.4rem .5rem;font-weight:600}
th,td{border-bottom:1px solid #e1e4e8;padding:.25rem .45rem;text-align:left;white-space:nowrap}
td.n,th.n{text-align:right}
thead th{background:#f6f8fa;position:sticky;top:0}
thead th button{border:0;background:none;padding:0;font-weight:700;color:inherit}
thead th[aria-sort=ascending] button::after{content:" ▲"}thead th[aria-sort=descending] button::after{content:" ▼"}
tfoot th,tfoot td{font-weight:700;border-top:2px solid #57606a}
.drop{border:2px dashed #57606a;border-radius:8px;padding:.8rem;margin:.5rem 0}.drop.over{background:#eef6ff}
pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere}
.downloads{display:flex;flex-wrap:wrap;gap:.5rem}
@media print{.editor,.downloads,.drop,.skip,button{display:none}.grid{display:block}.scroll{overflow:visible;border:0}thead th{position:static}}
`;

function sha256b64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe inside a `<script type="application/json">` data block. */
function jsonBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Everything the page needs: the bundled script, the data, the caseload bytes (base64). */
export interface WhatIfPageParts {
  script: string;
  data: PageData;
  caseloadBase64: string;
}

/**
 * The page's HTML. The same parts give the same bytes.
 *
 * @example
 * const html = renderWhatIfHtml({ script, data, caseloadBase64 });
 */
export function renderWhatIfHtml(parts: WhatIfPageParts): string {
  const lang = parts.data.lang;
  const t = TEXT[lang];
  const script = parts.script.replace(/<\/script/gi, '<\\/script');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256b64(script)}'`,
    `style-src 'sha256-${sha256b64(CSS)}'`,
    'img-src data: blob:',
    "connect-src 'none'",
    "font-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const th = (key: keyof typeof t.col, numeric: boolean): string =>
    `<th scope="col" data-sort="${key}" class="${numeric ? 'n' : ''}" aria-sort="none"><button type="button">${esc(t.col[key])}</button></th>`;
  const thPlain = (key: keyof typeof t.col): string => `<th scope="col" class="n">${esc(t.col[key])}</th>`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(t.title)}</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#result">${esc(t.skip)}</a>
<div class="wrap">
<header>
<p><small>foerderregeln ${esc(parts.data.version)}</small></p>
<h1>${esc(t.title)}</h1>
<p>${esc(t.intro)}</p>
${parts.data.caseload.synthetic ? `<p class="note">${esc(t.synthetic)}</p>` : ''}
<p><label for="baseline"><strong>${esc(t.baselineLabel)}</strong></label><br><select id="baseline" name="baseline"></select></p>
<p id="baseline-title"></p>
</header>
<main>
<div class="grid">
<section class="editor" aria-labelledby="h-changes">
<h2 id="h-changes">${esc(t.yourChanges)}</h2>
<ul id="changes"></ul>
<p><button type="button" id="reset-all">${esc(t.resetAll)}</button></p>
<h2 id="h-params">${esc(t.parameters)}</h2>
<p>${esc(t.parametersIntro)}</p>
<div id="editor"></div>
<h2 id="h-rules">${esc(t.rules)}</h2>
<p>${esc(t.rulesIntro)}</p>
<div id="rules"></div>
<h2 id="h-caseload">${esc(t.caseload)}</h2>
<p id="caseload-label"></p>
<div class="drop" id="drop">
<p>${esc(t.caseloadIntro)}</p>
<p><label class="file">${esc(t.chooseCaseload)}<input type="file" id="load-caseload" accept=".csv,.xlsx,.json,.jsonl,.ndjson,.txt,.tsv"></label>
<label class="file">${esc(t.chooseScenario)}<input type="file" id="load-scenario" accept=".json"></label></p>
<p id="load-message" role="status"></p>
</div>
</section>
<section id="result" aria-labelledby="h-result" tabindex="-1">
<h2 id="h-result">${esc(t.summary)}</h2>
<p id="status" class="status" role="status"></p>
<dl class="totals" id="totals"></dl>
<ul id="facts"></ul>
<div class="two">
<div><h3>${esc(t.topGaining)}</h3><div id="gaining"></div></div>
<div><h3>${esc(t.topLosing)}</h3><div id="losing"></div></div>
</div>
<h2 id="h-chart">${esc(t.chart)}</h2>
<div class="chartbox" role="region" tabindex="0" aria-labelledby="h-chart"><figure id="chart"></figure></div>
<h2>${esc(t.table)}</h2>
<div class="scroll" tabindex="0" role="region" aria-labelledby="districts-caption">
<table id="districts">
<caption id="districts-caption">${esc(t.tableCaption)}</caption>
<thead><tr>${th('name', false)}${th('district', false)}${th('eligibleA', true)}${th('eligibleB', true)}${thPlain('fteA')}${thPlain('fteB')}${th('fundingA', true)}${th('fundingB', true)}${th('difference', true)}${th('differencePercent', true)}</tr></thead>
<tbody></tbody>
<tfoot></tfoot>
</table>
</div>
<h2>${esc(t.downloads)}</h2>
<div class="downloads">
<button type="button" id="dl-scenario">${esc(t.dlScenario)}</button>
<button type="button" id="dl-csv">${esc(t.dlCsv)}</button>
<button type="button" id="dl-xlsx">${esc(t.dlXlsx)}</button>
<button type="button" id="dl-svg">${esc(t.dlSvg)}</button>
<button type="button" id="dl-caseload">${esc(t.dlCaseload)}</button>
</div>
<h2>${esc(t.reproduce)}</h2>
<p>${esc(t.reproduceIntro)}</p>
<pre id="command"></pre>
<p id="caseload-note"></p>
<ul id="hashes"></ul>
<h2>${esc(t.basis)}</h2>
<ul id="basis"></ul>
<h2>${esc(t.assumptions)}</h2>
<div id="assumptions"></div>
</section>
</div>
</main>
<footer><p><small>${esc(t.footer)} ${esc(parts.data.version)}</small></p></footer>
</div>
<script type="application/json" id="whatif-data">${jsonBlock(parts.data)}</script>
<script type="application/octet-stream" id="whatif-caseload">${parts.caseloadBase64}</script>
<script>${script}</script>
</body>
</html>
`;
}
