import { computeGrant, type GrantOptions, type GrantResult, type NotFundedReason } from '../../domain/grant.js';
import type { Issue } from '../../issues.js';
import { stringOption, type Command, type Lang } from '../context.js';
import type { FieldKind, InputRow } from '../input.js';
import type { Column } from '../output.js';
import { chooseRuleSet } from '../rulesets.js';
import { ROW_COMMAND_OPTIONS, ROW_INPUT_HELP, ROW_OPTIONS_HELP, dateOption, idOf, mergeIssues, outputFormat, runRowCommand } from '../rows.js';
import { cell, frameColumns, provenance, type MoneyRowBase } from './money-rows.js';

/** One output row of `grant`. Money as decimal strings with two places. */
export interface GrantRow extends MoneyRowBase {
  on: string | null;
  qualification: string | null;
  fte: string | null;
  ratePerFteYear: string | null;
  yearlyAmount: string | null;
  months: number | null;
  fundedMonths: string | null;
  startDate: string | null;
  endDate: string | null;
  total: string | null;
  /** Day the maximum period counts from (first approval, else startDate). */
  periodStart: string | null;
  /** False when the version funds nothing for the post; `notFunded` says why. */
  funded: boolean | null;
  notFunded: NotFundedReason | null;
}

const FIELDS: Record<string, FieldKind> = {
  id: 'string',
  name: 'string',
  qualification: 'string',
  fte: 'decimal',
  startDate: 'string',
  firstApprovedOn: 'string',
  salaryInterrupted: 'boolean',
};

/** Turns a grant result into a `grant` row. */
export function grantRow(row: number, result: GrantResult, readingIssues: readonly Issue[], idHint: string | null): GrantRow {
  const issues = result.ok ? [...readingIssues] : mergeIssues(readingIssues, result.issues);
  if (result.ok && issues.length === 0) {
    return {
      row,
      id: result.id,
      ok: true,
      on: result.on,
      qualification: result.qualification,
      fte: result.fte,
      ratePerFteYear: result.ratePerFteYear,
      yearlyAmount: result.yearlyAmount,
      months: result.months,
      fundedMonths: result.fundedMonths,
      startDate: result.startDate,
      endDate: result.endDate,
      total: result.total,
      periodStart: result.periodStart,
      funded: result.funded,
      notFunded: result.notFunded,
      ...provenance(result.ruleSet),
      assumptions: result.assumptions,
      notes: result.notes,
      issues,
      trace: result.trace,
    };
  }
  return {
    row,
    id: result.ok ? result.id : (result.id ?? idHint),
    ok: false,
    on: null,
    qualification: null,
    fte: null,
    ratePerFteYear: null,
    yearlyAmount: null,
    months: null,
    fundedMonths: null,
    startDate: null,
    endDate: null,
    total: null,
    periodStart: null,
    funded: null,
    notFunded: null,
    ...provenance(null),
    assumptions: [],
    notes: [],
    issues,
    trace: [],
  };
}

function columns(format: 'table' | 'csv', lang: Lang): Column<GrantRow>[] {
  return frameColumns<GrantRow>(format, lang, [
    { key: 'qualification', cell: (r) => cell(r.qualification) },
    { key: 'fte', cell: (r) => cell(r.fte) },
    { key: 'ratePerFteYear', cell: (r) => cell(r.ratePerFteYear) },
    { key: 'yearlyAmount', cell: (r) => cell(r.yearlyAmount) },
    { key: 'months', cell: (r) => cell(r.months) },
    { key: 'fundedMonths', cell: (r) => cell(r.fundedMonths) },
    { key: 'startDate', cell: (r) => cell(r.startDate) },
    { key: 'endDate', cell: (r) => cell(r.endDate) },
    { key: 'total', cell: (r) => cell(r.total) },
  ]);
}

/** `grant`: the grant per post for every post in a file. */
export const grantCommand: Command = {
  name: 'grant',
  summary: { de: 'Förderung je Stelle: Satz, Monate, Förderende, Summe', en: 'grant per post: rate, months, end date, total' },
  usage: 'grant <posts> [--on DATE] [--rule-set ID|PATH] [--format table|csv|json|jsonl] [--out FILE] [--lang de|en]',
  help: {
    de: `Berechnet für jede Stelle (oder jeden Stellenanteil) den Festbetrag je VZÄ und Jahr, die
höchstens geförderten Monate der am Beginn geltenden Fassung (24 → 36 → 60 → +12 Anschlussförderung;
+12 nach unterbrochener Gehaltszahlung ab 2020), das Förderende und die Summe.
Ausgabe je Zeile: row, id, ok, qualification, fte, ratePerFteYear, yearlyAmount, months, fundedMonths,
startDate, endDate, total, ruleSet, overlays, ruleSetHash, resolvedHash, assumptions, issues; in JSON
zusätzlich trace (welcher Parameter mit welcher Quelle jede Zahl ergab), assumptions und notes.
Beträge als Dezimalzahl mit zwei Stellen ("51000.00").

Spalten einer Stelle: id, qualification (social-work-degree | other-degree | vocational), fte (≥ 0,25),
startDate (JJJJ-MM-TT), firstApprovedOn (erste Bewilligung der Stelle, JJJJ-MM-TT, optional: die
Höchstdauer zählt ab ihr; Vorgabe startDate), salaryInterrupted (ja/nein, optional), name (optional).
Jede Fassung fördert höchstens bis zu ihrem Förderende (2020: 31.12.2021, 2022: 31.12.2022,
VwV 2023: 31.12.2024; ab 2025 keine Förderung je Stelle). In JSON sagen funded und notFunded, wenn
eine Fassung eine Stelle nicht fördert (total 0.00).

Optionen:
  --on DATE           Fassung dieses Tages anwenden (Vorgabe: der Beginn jeder Stelle)
  --rule-set ID|PATH  ein benanntes Regelwerk statt des am Datum geltenden
${ROW_OPTIONS_HELP.de}

${ROW_INPUT_HELP.de}

Beispiel: foerderregeln grant stellen.csv --format csv --out foerderung.csv`,
    en: `Computes for every post (or share of a post) the fixed rate per FTE and year, the maximum funded
months of the version in force at the start (24 → 36 → 60 → +12 follow-on; +12 after interrupted
salary payments from 2020), the funding end date and the total.
Output per row: row, id, ok, qualification, fte, ratePerFteYear, yearlyAmount, months, fundedMonths,
startDate, endDate, total, ruleSet, overlays, ruleSetHash, resolvedHash, assumptions, issues; JSON also
has trace (which parameter, with which source, produced each figure), assumptions and notes.
Amounts as decimals with two places ("51000.00").

Post columns: id, qualification (social-work-degree | other-degree | vocational), fte (≥ 0.25),
startDate (YYYY-MM-DD), firstApprovedOn (the post's first approval, YYYY-MM-DD, optional: the
maximum period counts from it; default startDate), salaryInterrupted (yes/no, optional), name (optional).
Each version funds at most up to its funding end (2020: 2021-12-31, 2022: 2022-12-31, VwV 2023:
2024-12-31; no grant per post from 2025). In JSON, funded and notFunded say when a version funds a
post nothing (total 0.00).

Options:
  --on DATE           apply the version of this date (default: each post's start)
  --rule-set ID|PATH  a named rule set instead of the one in force on the date
${ROW_OPTIONS_HELP.en}

${ROW_INPUT_HELP.en}

Example: foerderregeln grant posts.csv --format csv --out grants.csv`,
  },
  options: { on: { type: 'string' }, 'rule-set': { type: 'string' }, ...ROW_COMMAND_OPTIONS },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const on = dateOption(ctx.values);
    const choice = chooseRuleSet(stringOption(ctx.values, 'rule-set'));
    const options: GrantOptions = { registry: choice.registry };
    if (on !== undefined) options.on = on;
    if (choice.ruleSet !== undefined) options.ruleSet = choice.ruleSet;
    const tableLike = outputFormat(ctx.values) === 'table' ? 'table' : 'csv';
    return runRowCommand<GrantRow>(ctx, {
      fields: FIELDS,
      columns: columns(tableLike, ctx.lang),
      toJson: (r) => r,
      evaluate: (input: InputRow) => {
        if (input.value === undefined) return grantRow(input.row, { ok: false, id: null, issues: input.issues }, [], null);
        return grantRow(input.row, computeGrant(input.value, options), input.issues, idOf(input.value));
      },
      failed: (input, issues) => grantRow(input.row, { ok: false, id: null, issues }, input.issues, idOf(input.value)),
    });
  },
};
