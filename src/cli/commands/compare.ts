import { stringify } from 'csv-stringify/sync';
import { personSchema } from '../../contract/person.js';
import { diffRuleSets } from '../../compare/diff.js';
import { ImpactBuilder, type DistrictCaseloadRow } from '../../compare/impact.js';
import { renderImpactHtml } from '../../compare/html.js';
import { IMPACT_COLUMNS, impactRows, renderDiffMarkdown, renderImpactMarkdown, renderImpactSummary } from '../../compare/format.js';
import type { LoadedRuleSet, RuleSetRegistry } from '../../versions/registry.js';
import { CliError, choiceOption, stringOption, writeText, type Command } from '../context.js';
import { fieldKindsOfSchema, openInput, readRows } from '../input.js';
import { formatTable, openOutput } from '../output.js';
import { chooseRuleSet, formatIssuesBilingual } from '../rulesets.js';
import { dateOption } from '../rows.js';

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
  --out DATEI        Ausgabe in eine Datei`,
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
  --out FILE        write to a file`,
  },
  options: {
    caseload: { type: 'string' },
    on: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
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
        const t = formatIssuesBilingual(d.issues);
        throw new CliError(`Vergleich nicht möglich:\n${t.de}`, `Cannot compare:\n${t.en}`);
      }
      if (format === 'json') text = `${JSON.stringify(d.diff, null, 2)}\n`;
      else if (format === 'md' || format === 'table') text = renderDiffMarkdown(d.diff, ctx.lang);
      else if (format === 'csv') {
        text = stringify(d.diff.summary.map((l) => ({ de: l.de, en: l.en })), { header: true, columns: ['de', 'en'] });
      } else {
        throw new CliError('--format html braucht --caseload.', '--format html needs --caseload.');
      }
    } else {
      const created = ImpactBuilder.create(a, b, { registry, ...(on !== undefined ? { on } : {}) });
      if (!created.ok) {
        const t = formatIssuesBilingual(created.issues);
        throw new CliError(`Vergleich nicht möglich:\n${t.de}`, `Cannot compare:\n${t.en}`);
      }
      const { builder } = created;
      const source = await openInput(caseloadPath, { stdin: ctx.io.stdin });
      const fields = { ...fieldKindsOfSchema(personSchema), persons: 'number', population: 'number', allocations: 'number', name: 'string' } as const;
      const districts: DistrictCaseloadRow[] = [];
      let chunk: unknown[] = [];
      let unreadable = 0;
      for await (const row of readRows(source, { fields })) {
        const raw: unknown = row.value;
        if (row.issues.length > 0 || raw === null || typeof raw !== 'object') {
          unreadable++;
          chunk.push(undefined);
          continue;
        }
        const v = raw as Record<string, unknown>;
        if (!('residenceStatus' in v) && typeof v.district === 'string' && ('persons' in v || 'population' in v || 'allocations' in v)) {
          const d: DistrictCaseloadRow = { district: v.district };
          for (const k of ['persons', 'population', 'allocations'] as const) if (typeof v[k] === 'number') d[k] = v[k];
          if (typeof v.name === 'string') d.name = v.name;
          districts.push(d);
        } else {
          chunk.push(v);
        }
        if (chunk.length >= CHUNK) {
          builder.addPersons(chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) builder.addPersons(chunk);
      const fin = builder.finish({ districts, label: { de: `Fallbestand ${caseloadPath}`, en: `caseload ${caseloadPath}` } });
      if (!fin.ok) {
        const t = formatIssuesBilingual(fin.issues);
        throw new CliError(`Fallbestand ungültig:\n${t.de}`, `Invalid caseload:\n${t.en}`);
      }
      const report = fin.report;
      if (report.caseload.invalidRows > 0 || unreadable > 0) exit = 1;
      if (format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
      else if (format === 'md') text = renderImpactMarkdown(report, ctx.lang);
      else if (format === 'html') text = renderImpactHtml(report, undefined, { lang: ctx.lang });
      else if (format === 'csv') {
        text = stringify(impactRows(report).map((r) => IMPACT_COLUMNS.map((c) => r[c] ?? '')), { header: true, columns: [...IMPACT_COLUMNS] });
      } else {
        const rows = impactRows(report).map((r) => IMPACT_COLUMNS.map((c) => String(r[c] ?? '—')));
        text = `${renderImpactSummary(report, ctx.lang)}\n\n${formatTable([...IMPACT_COLUMNS], rows)}`;
      }
    }
    const target = await openOutput(stringOption(ctx.values, 'out'), ctx.io);
    try {
      await writeText(target.stream, text);
    } finally {
      await target.close();
    }
    return exit;
  },
};
