import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { addDays } from '../../dates/calendar.js';
import { checkEligibility, DEFAULT_PROGRAMME, type EligibilityResult } from '../../domain/eligibility.js';
import type { Person } from '../../domain/person.js';
import type { Assumption } from '../../explain/assumptions.js';
import { listRuleSets, resolveRuleSet } from '../../ruleset/api.js';
import { defaultRegistry } from '../../ruleset/registry.js';
import type { Localized } from '../../ruleset/schema.js';
import { CliError, stringOption, t, writeText, type Command, type Lang } from '../context.js';
import { formatTable } from '../output.js';

/** An example person of the demo. */
export interface DemoPerson {
  key: string;
  label: Localized;
  person: Person;
  /** Also show the day after this person's counselling period ends. */
  showEnd?: boolean;
}

/** Example persons (facts about people, not law). */
export const DEMO_PERSONS: readonly DemoPerson[] = [
  {
    key: 'P1',
    label: {
      de: 'Anerkannter Flüchtling in der Anschlussunterbringung (seit 2022-10-01)',
      en: 'Recognised refugee in follow-up accommodation (since 2022-10-01)',
    },
    person: { id: 'P1', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2022-10-01' },
  },
  {
    key: 'P2',
    label: { de: 'Vertriebene aus der Ukraine in privater Wohnung', en: 'Person displaced from Ukraine in private housing' },
    person: { id: 'P2', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true },
  },
  {
    key: 'P3',
    label: {
      de: 'Geduldete Person in der Anschlussunterbringung (seit 2020-03-01)',
      en: 'Tolerated person in follow-up accommodation (since 2020-03-01)',
    },
    person: { id: 'P3', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2020-03-01' },
  },
  {
    key: 'P4',
    label: {
      de: 'Asylsuchende mit guter Bleibeperspektive in vorläufiger Unterbringung',
      en: 'Asylum seeker with good prospects in provisional accommodation',
    },
    person: { id: 'P4', residenceStatus: 'asylum-seeker', accommodation: 'provisional', displacedFromUkraine: false, goodProspects: true },
  },
  {
    key: 'P5',
    label: {
      de: 'Subsidiär Schutzberechtigte, der Anschlussunterbringung zugewiesen am 2023-07-01',
      en: 'Person with subsidiary protection allocated to follow-up accommodation on 2023-07-01',
    },
    person: { id: 'P5', residenceStatus: 'subsidiary-protection', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' },
    showEnd: true,
  },
];

/**
 * The dates to look at, taken from the bundled rule sets (never written down here): the first day
 * of every rule set of the programme that is or was in force, the day before each overlay starts
 * (to show the change), and the day after the counselling period of persons marked `showEnd` ends.
 */
export function demoDates(persons: readonly DemoPerson[] = DEMO_PERSONS): string[] {
  const sets = listRuleSets().filter((r) => r.programme === DEFAULT_PROGRAMME && r.status !== 'proposed');
  const dates = new Set<string>();
  for (const r of sets) {
    dates.add(r.validFrom);
    if (r.extends !== null) dates.add(addDays(r.validFrom, -1));
  }
  for (const p of persons) {
    if (p.showEnd !== true) continue;
    const start = p.person.followUpSince;
    if (start === undefined) continue;
    const r = checkEligibility(p.person, { on: start, trace: false });
    if (r.ok && r.counsellingEndsOn !== null) dates.add(addDays(r.counsellingEndsOn, 1));
  }
  return [...dates].sort();
}

/** One cell of the demo: a person on a date. */
export interface DemoCell {
  person: string;
  on: string;
  result: EligibilityResult;
}

/** Every person on every date. */
export function demoResults(dates: readonly string[], persons: readonly DemoPerson[] = DEMO_PERSONS): DemoCell[] {
  return dates.flatMap((on) => persons.map((p) => ({ person: p.key, on, result: checkEligibility(p.person, { on, trace: false }) })));
}

function cellText(r: EligibilityResult, lang: Lang): string {
  if (!r.ok) return `! ${r.issues[0]?.code ?? ''}`;
  if (!r.eligible) return `✗ ${r.basis.code === 'not-in-target-group' ? '' : r.basis.code}`.trimEnd();
  return r.counsellingEndsOn !== null ? `✓ ${t(lang, 'bis', 'to')} ${r.counsellingEndsOn}` : '✓';
}

function ruleSetOn(on: string): string {
  const r = resolveRuleSet({ on });
  if (!r.ok) return '—';
  return [r.ruleSet.id, ...r.ruleSet.overlays].join(' + ');
}

/** The demo as text for the terminal. */
export function demoText(dates: readonly string[], cells: readonly DemoCell[], lang: Lang, persons: readonly DemoPerson[] = DEMO_PERSONS): string {
  const header = [t(lang, 'Stichtag', 'Date'), t(lang, 'Regelwerk', 'Rule set'), ...persons.map((p) => p.key)];
  const rows = dates.map((on) => [
    on,
    ruleSetOn(on),
    ...persons.map((p) => {
      const c = cells.find((x) => x.on === on && x.person === p.key);
      return c === undefined ? '' : cellText(c.result, lang);
    }),
  ]);
  const legend = persons.map((p) => `  ${p.key}  ${p.label[lang]}`).join('\n');
  return `${t(
    lang,
    'Wer gehört zur Zielgruppe des Integrationsmanagements — an den Tagen, an denen sich das Recht änderte?',
    'Who is in the target group of the Integrationsmanagement — on the days the law changed?',
  )}\n\n${formatTable(header, rows)}\n${legend}\n\n${t(
    lang,
    '✓ gehört zur Zielgruppe (bis = letzter Beratungstag), ✗ nicht (mit Grund, wenn eine Regel ausschließt).',
    '✓ in the target group (to = last day of counselling), ✗ not (with the reason where a rule excludes).',
  )}\n`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function assumptionKey(a: Assumption): string {
  return `${a.kind}:${a.ruleSet}/${a.name}`;
}

/** The demo as a self-contained HTML page (no script, no external resources, no timestamp). */
export function demoHtml(dates: readonly string[], cells: readonly DemoCell[], lang: Lang, persons: readonly DemoPerson[] = DEMO_PERSONS): string {
  const title = t(lang, 'Integrationsmanagement Baden-Württemberg: Zielgruppe im Zeitverlauf', 'Integrationsmanagement Baden-Württemberg: target group over time');
  const head = `<tr><th>${esc(t(lang, 'Stichtag', 'Date'))}</th><th>${esc(t(lang, 'Regelwerk', 'Rule set'))}</th>${persons
    .map((p) => `<th title="${esc(p.label[lang])}">${esc(p.key)}</th>`)
    .join('')}</tr>`;
  const body = dates
    .map((on) => {
      const tds = persons
        .map((p) => {
          const c = cells.find((x) => x.on === on && x.person === p.key);
          if (c === undefined) return '<td></td>';
          const r = c.result;
          if (!r.ok) return `<td class="err">${esc(r.issues.map((i) => i.message[lang]).join('; '))}</td>`;
          const end = r.counsellingEndsOn !== null ? `<br><small>${esc(t(lang, 'bis', 'until'))} ${esc(r.counsellingEndsOn)}</small>` : '';
          return `<td class="${r.eligible ? 'yes' : 'no'}">${r.eligible ? '✓' : '✗'} <small>${esc(r.basis.code)}</small>${end}</td>`;
        })
        .join('');
      return `<tr><td>${esc(on)}</td><td>${esc(ruleSetOn(on))}</td>${tds}</tr>`;
    })
    .join('\n');
  const people = persons
    .map((p) => `<li><b>${esc(p.key)}</b>: ${esc(p.label[lang])} <code>${esc(JSON.stringify(p.person))}</code></li>`)
    .join('\n');
  const assumptions = new Map<string, Assumption>();
  for (const c of cells) if (c.result.ok) for (const a of c.result.assumptions) assumptions.set(assumptionKey(a), a);
  const assumptionItems = [...assumptions.values()]
    .sort((a, b) => assumptionKey(a).localeCompare(assumptionKey(b), 'en'))
    .map(
      (a) =>
        `<li><code>${esc(assumptionKey(a))}</code>${a.value !== undefined ? ` = <code>${esc(JSON.stringify(a.value))}</code>` : ''} (${esc(a.confidence)})${a.note !== undefined ? `: ${esc(a.note)}` : ''}</li>`,
    )
    .join('\n');
  const sets = listRuleSets(defaultRegistry())
    .map((r) => `<tr><td>${esc(r.id)}</td><td>${esc(r.title[lang])}</td><td>${esc(r.kind)}</td><td>${esc(r.status)}</td><td>${esc(r.validFrom)}</td><td>${esc(r.validTo ?? '—')}</td><td><code>${esc(r.hash)}</code></td></tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:75rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}
td.yes{background:#e6f4ea}
td.no{background:#fdecea}
td.err{background:#fff4ce}
small{color:#555}
code{font-size:.85em;word-break:break-all}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>${esc(
    t(
      lang,
      'Jede Zelle ist das Ergebnis von checkEligibility für die Person an diesem Tag mit dem dann geltenden Regelwerk (samt Erlassen). Die Tage sind die Anfänge der Regelwerke, der Vortag des Ukraine-Erlasses und der Tag nach dem Ende einer Beratungsfrist.',
      'Each cell is the result of checkEligibility for the person on that day under the rule set then in force (with decrees). The days are the starts of the rule sets, the day before the Ukraine decree and the day after a counselling period ends.',
    ),
  )}</p>
<table>
<thead>${head}</thead>
<tbody>
${body}
</tbody>
</table>
<h2>${esc(t(lang, 'Personen', 'Persons'))}</h2>
<ul>
${people}
</ul>
<h2>${esc(t(lang, 'Annahmen, auf denen Ergebnisse beruhen', 'Assumptions results depend on'))}</h2>
<ul>
${assumptionItems}
</ul>
<h2>${esc(t(lang, 'Regelwerke', 'Rule sets'))}</h2>
<table>
<thead><tr><th>id</th><th>${esc(t(lang, 'Titel', 'Title'))}</th><th>kind</th><th>status</th><th>validFrom</th><th>validTo</th><th>hash</th></tr></thead>
<tbody>
${sets}
</tbody>
</table>
<p><small>foerderregeln demo</small></p>
</body>
</html>
`;
}

/** `demo`: eligibility of example persons across the days the law changed; writes report.html. */
export const demoCommand: Command = {
  name: 'demo',
  summary: { de: 'Beispielpersonen über die Rechtsänderungen hinweg; schreibt report.html', en: 'example persons across the changes of the law; writes report.html' },
  usage: 'demo [--out DIR] [--lang de|en]',
  help: {
    de: `Prüft einige Beispielpersonen (anerkannter Flüchtling in der Anschlussunterbringung, Vertriebene aus der
Ukraine in privater Wohnung, Geduldete, Asylsuchende mit guter Bleibeperspektive, eine am 2023-07-01
zugewiesene Person) an den Tagen, an denen sich das Recht änderte, zeigt die Tabelle und schreibt
einen eigenständigen HTML-Bericht (ohne Skript) nach DIR/report.html.

Optionen:
  --out DIR     Verzeichnis des Berichts (Vorgabe ./foerderregeln-demo)
  --lang de|en  Sprache (Vorgabe de)`,
    en: `Checks a few example persons (recognised refugee in follow-up accommodation, person displaced from
Ukraine in private housing, tolerated person, asylum seeker with good prospects, a person allocated on
2023-07-01) on the days the law changed, prints the table and writes a self-contained HTML report
(no script) to DIR/report.html.

Options:
  --out DIR     report directory (default ./foerderregeln-demo)
  --lang de|en  language (default de)`,
  },
  options: { out: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const dir = resolve(stringOption(ctx.values, 'out') ?? 'foerderregeln-demo');
    const dates = demoDates();
    const cells = demoResults(dates);
    await writeText(ctx.io.stdout, demoText(dates, cells, ctx.lang));
    const file = join(dir, 'report.html');
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(file, demoHtml(dates, cells, ctx.lang), 'utf8');
    } catch (e) {
      const msg = (e as Error).message;
      throw new CliError(`Bericht ${file} kann nicht geschrieben werden: ${msg}`, `Cannot write report ${file}: ${msg}`);
    }
    await writeText(ctx.io.stdout, `\n${t(ctx.lang, 'Bericht', 'Report')}: ${file}\n`);
    return 0;
  },
};
