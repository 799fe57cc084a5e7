import { stringify } from 'csv-stringify/sync';
import { personSchema } from '../../contract/person.js';
import { diffRuleSets } from '../../compare/diff.js';
import { ImpactBuilder, type DistrictCaseloadRow } from '../../compare/impact.js';
import { renderImpactHtml } from '../../compare/html.js';
import { IMPACT_COLUMNS, impactRows, renderDiffMarkdown, renderImpactMarkdown, renderImpactSummary } from '../../compare/format.js';
import type { LoadedRuleSet, RuleSetRegistry } from '../../versions/registry.js';
import { CliError, choiceOption, stringOption, t, writeText, type Command } from '../context.js';
import type { Issue } from '../../issues.js';
import { readRowChunks } from '../input.js';
import { formatTable, neutralise, openOutput } from '../output.js';
import { chooseRuleSet, formatIssuesBilingual } from '../rulesets.js';
import { INPUT_OPTIONS, INPUT_OPTIONS_HELP, NotCounted, bothLanguages, dateOption, inputSettings, openRowInput, rowReadOptions } from '../rows.js';
import { CASELOAD_FIELDS, districtRowOf as districtRowIn } from '../../adapters/whatif/read.js';
import { tableHeadings } from '../../_lib/headings.js';
import { cliIssueOf, cliText } from '../../messages/cli.js';

const FORMATS = ['table', 'json', 'md', 'csv', 'html'] as const;
const CHUNK = 65536;

/** Both sides in one registry: bundled ids, or rule sets read from paths (scenarios). */
function sides(aText: string, bText: string): { a: string | LoadedRuleSet; b: string | LoadedRuleSet; registry: RuleSetRegistry } {
  const ca = chooseRuleSet(aText);
  const cb = chooseRuleSet(bText);
  const b = cb.ruleSet ?? bText;
  // A scenario read for B may extend rule sets read with it: take them all along.
  const extra = typeof b === 'string' ? [] : cb.registry.list().filter((s) => ca.registry.get(s.id) === undefined || s.id === b.id);
  const registry = ca.registry.with(...extra);
  return { a: ca.ruleSet ?? aText, b, registry };
}

/** `compare`: what changed between two rule sets and, with a caseload, the impact per district. */
export const compareCommand: Command = {
  name: 'compare',
  summary: { de: 'zwei Regelwerke vergleichen (Regeln und Wirkung je Kreis)', en: 'compare two rule sets (rules and impact per district)' },
  usage: 'compare <rule-set-A> <rule-set-B> [--caseload FILE] [--on DATE] [--format table|json|md|csv|html] [--out FILE]',
  help: {
    de: `Zeigt, was sich von A nach B ändert: Parameter (mit Werten nach Datum und Quellen), Regeln bis zur
Bedingung, betroffene Zeiträume. A und B sind IDs mitgelieferter Regelwerke oder Pfade zu eigenen Regelwerken
bzw. Szenarien (Datei oder Verzeichnis). Mit --caseload auch die Wirkung je Kreis: berechtigte Personen unter A
und B (gewonnen, verloren), VZÄ, Förderung je Jahr, Differenz in € und %, Landessummen und Annahmen.

Fallbestand (CSV, JSON, JSON Lines): Personenzeilen mit den Feldern von check (district = Kreisschlüssel)
und/oder Kreiszeilen mit district und persons (Personen der Zielgruppe), population, allocations (Zuweisungen
aus der Erstaufnahme), name.

Optionen:
  --caseload DATEI   Fallbestand (- für die Standardeingabe)
  --on DATUM         Prüfdatum (Standard: das spätere validFrom von A und B)
  --format F         table (Standard), json, md, csv (Zeilen je Kreis), html (ein eigenständiger Bericht)
  --out DATEI        Ausgabe in eine Datei
Lesen des Fallbestands wie bei check:
${INPUT_OPTIONS_HELP.de}

Nicht gezählte Zeilen (unlesbar, ungültig, doppelte Kreiszeilen) stehen mit Grund auf der
Standardfehlerausgabe; dann Exit-Status 1.`,
    en: `Shows what changes from A to B: parameters (values by date, with sources), rules down to the condition,
impacted periods. A and B are ids of bundled rule sets or paths to your own rule sets or scenarios (file or
directory). With --caseload also the impact per district: persons eligible under A and B (gained, lost), FTE,
yearly funding, difference in € and %, statewide totals and assumptions.

Caseload (CSV, JSON, JSON Lines): person rows with the fields of check (district = district key) and/or district
rows with district and persons (persons in the target group), population, allocations (allocations from initial
reception), name.

Options:
  --caseload FILE   caseload (- for stdin)
  --on DATE         assessment date (default: the later validFrom of A and B)
  --format F        table (default), json, md, csv (rows per district), html (one self-contained report)
  --out FILE        write to a file
Reading the caseload as check does:
${INPUT_OPTIONS_HELP.en}

Rows not counted (unreadable, invalid, repeated district rows) are listed with the reason on
stderr; the exit status is then 1.`,
  },
  options: {
    caseload: { type: 'string' },
    on: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    ...INPUT_OPTIONS,
  },
  positionals: { min: 2, max: 2 },
  async run(ctx) {
    const [aText = '', bText = ''] = ctx.positionals;
    const format = choiceOption(ctx.values, 'format', FORMATS, 'table');
    const { a, b, registry } = sides(aText, bText);
    const caseloadPath = stringOption(ctx.values, 'caseload');
    const on = dateOption(ctx.values);
    let text: string;
    let exit: 0 | 1 = 0;
    if (caseloadPath === undefined) {
      const d = diffRuleSets(a, b, { registry });
      if (!d.ok) {
        throw CliError.of('cli.cannot-compare', { details: formatIssuesBilingual(d.issues) });
      }
      if (format === 'json') text = `${JSON.stringify(d.diff, null, 2)}\n`;
      else if (format === 'md' || format === 'table') text = renderDiffMarkdown(d.diff, ctx.lang);
      else if (format === 'csv') {
        text = stringify(d.diff.summary.map((l) => ({ de: l.de, en: l.en })), { header: true, columns: ['de', 'en'] });
      } else {
        throw CliError.of('cli.html-needs-caseload');
      }
    } else {
      const created = ImpactBuilder.create(a, b, { registry, ...(on !== undefined ? { on } : {}) });
      if (!created.ok) {
        throw CliError.of('cli.cannot-compare', { details: formatIssuesBilingual(created.issues) });
      }
      const { builder } = created;
      const settings = inputSettings(ctx.values);
      const source = await openRowInput(ctx, caseloadPath, settings);
      const fields = CASELOAD_FIELDS;
      const counter = { warnings: 0 };
      const notCounted = new NotCounted(ctx.lang);
      const districts: DistrictCaseloadRow[] = [];
      const districtRowOf = new Map<string, number>();
      const personDistricts = new Set<string>();
      let chunk: unknown[] = [];
      let unreadable = 0;
      let unreadableInBuilder = 0;
      let checked = 0;
      const dropped = (row: number, id: unknown, issues: Issue[]): void => {
        unreadable++;
        notCounted.add({ ok: false, row, id, issues });
      };
      for await (const rows of readRowChunks(source, rowReadOptions(ctx, settings, fields, counter))) {
        for (const row of rows) {
          const raw: unknown = row.value;
          if (row.issues.length > 0 || raw === null || typeof raw !== 'object') {
            dropped(row.row, raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined, row.issues);
            unreadableInBuilder++;
            chunk.push(undefined);
            continue;
          }
          const v = raw as Record<string, unknown>;
          const districtRow = districtRowIn(v);
          if (districtRow !== null) {
            const first = districtRowOf.get(districtRow.district);
            if (first !== undefined) {
              dropped(row.row, districtRow.district, [cliIssueOf('invalid-value.district-row-twice', ['district'], { district: districtRow.district, first })]);
              continue;
            }
            districtRowOf.set(districtRow.district, row.row);
            districts.push(districtRow);
          } else {
            if (typeof v.district === 'string') personDistricts.add(v.district);
            if (checked < 10_000 && notCounted.count < 5) {
              checked++;
              const p = personSchema.safeParse(v);
              if (!p.success) {
                notCounted.add({
                  ok: false,
                  row: row.row,
                  id: v.id,
                  issues: p.error.issues.slice(0, 3).map((i) => ({ code: 'invalid-value', path: i.path.map((x) => (typeof x === 'symbol' ? String(x) : x)), message: { de: i.message, en: i.message } })),
                });
              }
            }
            chunk.push(v);
          }
          if (chunk.length >= CHUNK) {
            builder.addPersons(chunk);
            chunk = [];
          }
        }
      }
      if (chunk.length > 0) builder.addPersons(chunk);
      const both = districts.filter((d) => d.persons !== undefined && personDistricts.has(d.district)).map((d) => d.district);
      if (both.length > 0) {
        counter.warnings++;
        ctx.io.stderr.write(bothLanguages(cliText('cli.warning', { text: cliText('cli.compare-person-and-district-rows', { districts: both.join(', ') }) })));
      }
      const fin = builder.finish({ districts, label: cliText('cli.caseload-label', { path: caseloadPath }) });
      if (!fin.ok) {
        throw CliError.of('cli.invalid-caseload', { details: formatIssuesBilingual(fin.issues) });
      }
      const report = fin.report;
      if (report.caseload.invalidRows > 0 || unreadable > 0 || counter.warnings > 0) exit = 1;
      const invalidPersons = report.caseload.invalidRows - unreadableInBuilder - (notCounted.count - unreadable);
      if (notCounted.count > 0 || report.caseload.invalidRows > 0) {
        ctx.io.stderr.write(notCounted.text());
        if (invalidPersons > 0) {
          ctx.io.stderr.write(
            `  ${t(ctx.lang, 'cli.compare-more-invalid', { count: invalidPersons, path: caseloadPath })}\n`,
          );
        }
      }
      if (format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
      else if (format === 'md') text = renderImpactMarkdown(report, ctx.lang);
      else if (format === 'html') text = renderImpactHtml(report, undefined, { lang: ctx.lang });
      else if (format === 'csv') {
        text = stringify(
          impactRows(report).map((r) => IMPACT_COLUMNS.map((c) => (typeof r[c] === 'string' ? neutralise(r[c]) : (r[c] ?? '')))),
          { header: true, columns: [...IMPACT_COLUMNS] },
        );
      } else {
        const rows = impactRows(report).map((r) => IMPACT_COLUMNS.map((c) => String(r[c] ?? '—')));
        text = `${renderImpactSummary(report, ctx.lang)}\n\n${formatTable(tableHeadings(IMPACT_COLUMNS, ctx.lang), rows)}`;
      }
    }
    const target = await openOutput(stringOption(ctx.values, 'out'), ctx.io);
    try {
      await writeText(target.stream, text);
      await target.close();
    } catch (e) {
      await target.abort();
      throw e;
    }
    return exit;
  },
};
