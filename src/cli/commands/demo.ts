import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { addDays } from '../../dates/calendar.js';
import { checkEligibility, DEFAULT_PROGRAMME, type EligibilityResult } from '../../domain/eligibility.js';
import type { Person } from '../../contract/person.js';
import type { Assumption } from '../../computation/assumptions.js';
import { listRuleSets, resolveRuleSet } from '../../versions/select.js';
import { defaultRegistry } from '../../versions/registry.js';
import type { Localized } from '../../ruleset/schema.js';
import { CliError, flagOption, stringOption, t, writeText, type Command, type Lang } from '../context.js';
import { cliText } from '../../messages/cli.js';
import { formatTable } from '../output.js';
import { compareImpact } from '../../compare/impact.js';
import { renderImpactHtml } from '../../compare/html.js';
import type { ImpactReport } from '../../compare/types.js';
import { streamPersons } from '../../synthetic/persons.js';
import { BW_PROTECTION_SEEKERS_2023 } from '../../data/caseload.js';

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
    label: cliText('cli.demo-person-p1'),
    person: { id: 'P1', residenceStatus: 'recognised-refugee', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2017-03-01' },
  },
  {
    key: 'P2',
    label: cliText('cli.demo-person-p2'),
    person: { id: 'P2', residenceStatus: 'temporary-protection', accommodation: 'private', displacedFromUkraine: true },
  },
  {
    key: 'P3',
    label: cliText('cli.demo-person-p3'),
    person: { id: 'P3', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2020-03-01' },
  },
  {
    key: 'P4',
    label: cliText('cli.demo-person-p4'),
    person: { id: 'P4', residenceStatus: 'asylum-seeker', accommodation: 'provisional', displacedFromUkraine: false, goodProspects: true },
  },
  {
    key: 'P5',
    label: cliText('cli.demo-person-p5'),
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
  return dates.flatMap((on) =>
    persons
      // Before a person's allocation to follow-up accommodation their facts did not hold yet.
      .filter((p) => p.person.followUpSince === undefined || p.person.followUpSince <= on)
      .map((p) => ({ person: p.key, on, result: checkEligibility(p.person, { on, trace: false }) })),
  );
}

function cellText(r: EligibilityResult, lang: Lang): string {
  if (!r.ok) return `! ${r.issues[0]?.code ?? ''}`;
  if (!r.eligible) return `✗ ${r.basis.code === 'not-in-target-group' ? '' : r.basis.code}`.trimEnd();
  return r.counsellingEndsOn !== null ? `✓ ${t(lang, 'cli.demo-to', { date: r.counsellingEndsOn })}` : '✓';
}

function ruleSetOn(on: string): string {
  const r = resolveRuleSet({ on });
  if (!r.ok) return '—';
  return [r.ruleSet.id, ...r.ruleSet.overlays].join(' + ');
}

/** The demo as text for the terminal. */
export function demoText(dates: readonly string[], cells: readonly DemoCell[], lang: Lang, persons: readonly DemoPerson[] = DEMO_PERSONS): string {
  const header = [t(lang, 'cli.demo-date'), t(lang, 'cli.demo-rule-set'), ...persons.map((p) => p.key)];
  const rows = dates.map((on) => [
    on,
    ruleSetOn(on),
    ...persons.map((p) => {
      const c = cells.find((x) => x.on === on && x.person === p.key);
      return c === undefined ? '·' : cellText(c.result, lang);
    }),
  ]);
  const legend = persons.map((p) => `  ${p.key}  ${p.label[lang]}`).join('\n');
  return `${t(lang, 'cli.demo-question')}\n\n${formatTable(header, rows)}\n${legend}\n\n${t(lang, 'cli.demo-legend')}\n`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function assumptionKey(a: Assumption): string {
  return `${a.kind}:${a.ruleSet}/${a.name}`;
}

/** The eligibility part of the demo report, as an HTML fragment (trusted: built here from escaped text). */
export function demoEligibilityHtml(dates: readonly string[], cells: readonly DemoCell[], lang: Lang, persons: readonly DemoPerson[] = DEMO_PERSONS): string {
  const title = t(lang, 'cli.demo-eligibility-title');
  const head = `<tr><th scope="col">${esc(t(lang, 'cli.demo-date'))}</th><th scope="col">${esc(t(lang, 'cli.demo-rule-set'))}</th>${persons
    .map((p) => `<th scope="col" title="${esc(p.label[lang])}">${esc(p.key)}</th>`)
    .join('')}</tr>`;
  const body = dates
    .map((on) => {
      const tds = persons
        .map((p) => {
          const c = cells.find((x) => x.on === on && x.person === p.key);
          if (c === undefined) return `<td title="${esc(t(lang, 'cli.demo-not-yet-allocated'))}">·</td>`;
          const r = c.result;
          if (!r.ok) return `<td class="err">${esc(r.issues.map((i) => i.message[lang]).join('; '))}</td>`;
          const end = r.counsellingEndsOn !== null ? `<br><small>${esc(t(lang, 'cli.demo-until'))} ${esc(r.counsellingEndsOn)}</small>` : '';
          return `<td class="${r.eligible ? 'yes' : 'no'}">${r.eligible ? '✓' : '✗'} <small>${esc(r.basis.code)}</small>${end}</td>`;
        })
        .join('');
      return `<tr><td>${esc(on)}</td><td>${esc(ruleSetOn(on))}</td>${tds}</tr>`;
    })
    .join('\n');
  const people = persons
    .map(
      (p) =>
        `<li><b>${esc(p.key)}</b>: ${esc(p.label[lang])}<br><small>${Object.entries(p.person)
          .filter(([k]) => k !== 'id')
          .map(([k, v]) => `${esc(k)} = ${esc(typeof v === 'boolean' ? t(lang, v ? 'cli.yes' : 'cli.no') : String(v))}`)
          .join(' · ')}</small></li>`,
    )
    .join('\n');
  const assumptions = new Map<string, Assumption>();
  for (const c of cells) if (c.result.ok) for (const a of c.result.assumptions) assumptions.set(assumptionKey(a), a);
  const assumptionItems = [...assumptions.values()]
    .sort((a, b) => assumptionKey(a).localeCompare(assumptionKey(b), 'en'))
    .map(
      (a) =>
        `<li><strong>${esc(assumptionKey(a))}</strong>${a.value !== undefined ? ` = ${esc(Array.isArray(a.value) ? a.value.join(', ') : String(a.value))}` : ''} (${esc(a.confidence)})${a.noteText !== undefined || a.note !== undefined ? `: ${esc(a.noteText?.[lang] ?? a.note ?? '')}` : ''}</li>`,
    )
    .join('\n');
  const sets = listRuleSets(defaultRegistry())
    .map((r) => `<tr><td>${esc(r.id)}</td><td>${esc(r.title[lang])}</td><td>${esc(r.kind)}</td><td>${esc(r.status)}</td><td>${esc(r.validFrom)}</td><td>${esc(r.validTo ?? '—')}</td><td><code>${esc(r.hash)}</code></td></tr>`)
    .join('\n');
  return `<section id="eligibility">
<h2>${esc(title)}</h2>
<p>${esc(
    t(lang, 'cli.demo-cells'),
  )}</p>
<div class="scroll" role="region" tabindex="0" aria-labelledby="eligibility-caption"><table>
<caption id="eligibility-caption">${esc(t(lang, 'cli.demo-eligibility-caption'))}</caption>
<thead>${head}</thead>
<tbody>
${body}
</tbody>
</table></div>
<h3>${esc(t(lang, 'cli.demo-persons'))}</h3>
<ul>
${people}
</ul>
<h3>${esc(t(lang, 'cli.demo-assumptions'))}</h3>
<ul>
${assumptionItems}
</ul>
<h3>${esc(t(lang, 'cli.demo-rule-sets'))}</h3>
<div class="scroll" role="region" tabindex="0" aria-labelledby="sets-caption"><table>
<caption id="sets-caption">${esc(t(lang, 'cli.demo-shipped-rule-sets'))}</caption>
<thead><tr><th scope="col">id</th><th scope="col">${esc(t(lang, 'cli.demo-title'))}</th><th scope="col">${esc(t(lang, 'cli.demo-kind'))}</th><th scope="col">status</th><th scope="col">${esc(t(lang, 'cli.demo-valid-from'))}</th><th scope="col">${esc(t(lang, 'cli.demo-valid-to'))}</th><th scope="col">hash</th></tr></thead>
<tbody>
${sets}
</tbody>
</table></div>
</section>
`;
}

/** One comparison of the demo: two rule sets on a date over the synthetic caseload. */
export interface DemoComparison {
  a: string;
  b: string;
  /** Assessment date, taken from the rule sets. */
  on: string;
  why: Localized;
}

/**
 * The comparisons of the demo, with their dates taken from the rule sets (never written here):
 * the 2022 rules before and after the Ukraine decree on the decree's last day, and the rules in
 * force today against the statutory proposal on the proposal's first day.
 */
export function demoComparisons(): DemoComparison[] {
  const sets = listRuleSets().filter((r) => r.programme === DEFAULT_PROGRAMME);
  const decree = sets.find((r) => r.kind === 'decree' && r.extends !== null);
  const proposal = sets.find((r) => r.status === 'proposed' && r.kind === 'proposal');
  const current = [...sets].reverse().find((r) => r.status === 'in-force' && r.kind === 'grant-regulation');
  const out: DemoComparison[] = [];
  if (decree?.extends != null) {
    out.push({
      a: decree.extends,
      b: decree.id,
      on: decree.validTo ?? decree.validFrom,
      why: cliText('cli.demo-why-decree'),
    });
  }
  if (current !== undefined && proposal !== undefined) {
    out.push({
      a: current.id,
      b: proposal.id,
      on: proposal.validFrom > current.validFrom ? proposal.validFrom : current.validFrom,
      why: cliText('cli.demo-why-proposal'),
    });
  }
  return out;
}

/** The synthetic caseload of the demo on a date: totals from the published 2023 figures. */
export function demoCaseload(on: string): Iterable<Person> {
  const f = BW_PROTECTION_SEEKERS_2023;
  return streamPersons({ count: f.protectionSeekers, seed: 2023, on, ukraineShare: f.displacedFromUkraine / f.protectionSeekers });
}

/** `demo`: the main job on the bundled data; prints a summary and writes report.html. */
export const demoCommand: Command = {
  name: 'demo',
  summary: { de: 'Hauptaufgabe auf den mitgelieferten Daten: Zielgruppe im Zeitverlauf, Vergleiche je Kreis; schreibt report.html', en: 'the main job on the bundled data: target group over time, comparisons per district; writes report.html' },
  usage: 'demo [--out DIR] [--format json] [--lang de|en]',
  help: {
    de: `1. Prüft einige Beispielpersonen (anerkannter Flüchtling in der Anschlussunterbringung, Vertriebene aus der
Ukraine in privater Wohnung, Geduldete, Asylsuchende mit guter Bleibeperspektive, eine am 2023-07-01
zugewiesene Person) an den Tagen, an denen sich das Recht änderte.
2. Vergleicht auf einem synthetischen Fallbestand (369.800 Schutzsuchende, davon 124.720 aus der Ukraine, nach
Bevölkerung auf die 44 Kreise verteilt) die Regeln 2022 vor und nach dem Ukraine-Erlass sowie die geltenden
Regeln mit dem Modell der gesetzlichen Finanzierung: Berechtigte, VZÄ und Förderung je Kreis.
Zeigt die Zusammenfassung und schreibt einen eigenständigen HTML-Bericht (ohne Skript) nach DIR/report.html.

Optionen:
  --out DIR     Verzeichnis des Berichts (Vorgabe ./foerderregeln-demo)
  --format json die Zusammenfassung als JSON (auch --json): Ergebnisse je Person und Stichtag,
                Summen je Vergleich, Pfad des Berichts
  --lang de|en  Sprache (Vorgabe de)`,
    en: `1. Checks a few example persons (recognised refugee in follow-up accommodation, person displaced from
Ukraine in private housing, tolerated person, asylum seeker with good prospects, a person allocated on
2023-07-01) on the days the law changed.
2. On a synthetic caseload (369,800 protection seekers, 124,720 of them from Ukraine, spread over the 44
districts by population) compares the 2022 rules before and after the Ukraine decree, and the rules in force
with the model of statutory financing: eligible persons, FTE and funding per district.
Prints the summary and writes a self-contained HTML report (no script) to DIR/report.html.

Options:
  --out DIR     report directory (default ./foerderregeln-demo)
  --format json the summary as JSON (also --json): results per person and date, totals per
                comparison, the report's path
  --lang de|en  language (default de)`,
  },
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const dir = resolve(stringOption(ctx.values, 'out') ?? 'foerderregeln-demo');
    const dates = demoDates();
    const cells = demoResults(dates);
    const json = flagOption(ctx.values, 'json');
    if (!json) await writeText(ctx.io.stdout, demoText(dates, cells, ctx.lang));
    const reports: ImpactReport[] = [];
    const summary: string[][] = [];
    const comparisons: unknown[] = [];
    for (const c of demoComparisons()) {
      const r = compareImpact(c.a, c.b, {
        persons: demoCaseload(c.on),
        synthetic: true,
        label: cliText('cli.caseload-synthetic', { count: BW_PROTECTION_SEEKERS_2023.protectionSeekers, date: BW_PROTECTION_SEEKERS_2023.date }),
      }, { on: c.on });
      if (!r.ok) {
        const text = r.issues.map((i) => i.message);
        throw new CliError(text.map((x) => x.de).join('; '), text.map((x) => x.en).join('; '));
      }
      r.report.notes.unshift(c.why);
      reports.push(r.report);
      const tot = r.report.totals;
      comparisons.push({ a: c.a, b: c.b, on: c.on, totals: tot });
      summary.push([
        `${c.a} → ${c.b}`,
        c.on,
        String(tot.eligibleA),
        String(tot.eligibleB),
        `+${String(tot.gained)} / −${String(tot.lost)}`,
        tot.fteB ?? '—',
        tot.fundingA ?? '—',
        tot.fundingB ?? '—',
        tot.difference ?? '—',
      ]);
    }
    if (!json) await writeText(
      ctx.io.stdout,
      `\n${t(ctx.lang, 'cli.demo-comparisons')}\n\n${formatTable(
        [
          t(ctx.lang, 'cli.demo-column-comparison'),
          t(ctx.lang, 'cli.demo-column-date'),
          t(ctx.lang, 'cli.demo-column-eligible-a'),
          t(ctx.lang, 'cli.demo-column-eligible-b'),
          t(ctx.lang, 'cli.demo-column-gained-lost'),
          t(ctx.lang, 'cli.demo-column-fte-b'),
          t(ctx.lang, 'cli.demo-column-funding-a'),
          t(ctx.lang, 'cli.demo-column-funding-b'),
          t(ctx.lang, 'cli.demo-column-difference'),
        ],
        summary,
      )}`,
    );
    const file = join(dir, 'report.html');
    const html = renderImpactHtml(
      reports,
      {
        title: t(ctx.lang, 'cli.demo-compare-title'),
        preludeHtml: demoEligibilityHtml(dates, cells, ctx.lang),
      },
      { lang: ctx.lang },
    );
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(file, html, 'utf8');
    } catch (e) {
      const msg = (e as Error).message;
      throw CliError.of('cli.report-unwritable', { file, message: msg });
    }
    if (json) {
      const eligibility = cells.map((c) => ({ person: c.person, on: c.on, ruleSet: ruleSetOn(c.on), result: c.result }));
      await writeText(ctx.io.stdout, `${JSON.stringify({ dates, eligibility, comparisons, report: file }, null, 2)}\n`);
    } else await writeText(ctx.io.stdout, `\n${t(ctx.lang, 'cli.demo-report', { file })}\n`);
    return 0;
  },
};
