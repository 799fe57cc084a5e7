import { computeStaffing, type StaffingOptions } from '../../domain/staffing.js';
import type { Issue } from '../../issues.js';
import { CliError, stringOption, type Command, type Lang } from '../context.js';
import type { FieldKind, InputRow } from '../input.js';
import type { Column } from '../output.js';
import { chooseRuleSet } from '../rulesets.js';
import { ROW_COMMAND_OPTIONS, ROW_INPUT_HELP, ROW_OPTIONS_HELP, dateOption, idOf, mergeIssues, outputFormat } from '../rows.js';
import { cell, frameColumns, provenance, runWholeInput, type MoneyRowBase } from './money-rows.js';

/** One output row of `staffing`. Money as decimal strings with two places. */
export interface StaffingOutRow extends MoneyRowBase {
  name: string | null;
  persons: string | null;
  year: number | null;
  fte: string | null;
  ratePerFte: string | null;
  funding: string | null;
  perCaseAmount: string | null;
  perCaseFunding: string | null;
  fundedFte: string | null;
  impliedRatio: string | null;
}

const FIELDS: Record<string, FieldKind> = { id: 'string', district: 'string', name: 'string', persons: 'integer', fundedFte: 'decimal', year: 'integer' };

function failedRow(row: number, id: string | null, issues: Issue[]): StaffingOutRow {
  return {
    row, id, ok: false, name: null, persons: null, year: null, fte: null, ratePerFte: null, funding: null, perCaseAmount: null,
    perCaseFunding: null, fundedFte: null, impliedRatio: null, ...provenance(null), assumptions: [], notes: [], issues, trace: [],
  };
}

/** Computes staffing for the readable rows and maps the results back onto every input row. */
export function staffingRows(inputs: readonly InputRow[], options: StaffingOptions, lang: Lang = 'de'): { rows: StaffingOutRow[]; after: string } {
  const clean = inputs.filter((r) => r.value !== undefined && r.issues.length === 0);
  const result = computeStaffing(clean.map((r) => r.value), options);
  if (!result.ok) {
    return {
      rows: inputs.map((r) => failedRow(r.row, idOf(r.value), mergeIssues(r.issues, result.issues))),
      after: `${result.issues.map((i) => `${i.code}: ${i.message[lang]}`).join('\n')}\n`,
    };
  }
  const byRow = new Map<number, StaffingOutRow>();
  clean.forEach((input, k) => {
    const r = result.rows[k];
    if (r === undefined) return;
    if (!r.ok) {
      byRow.set(input.row, failedRow(input.row, r.id ?? idOf(input.value), r.issues));
      return;
    }
    const { ok: _ok, row: _row, ...figures } = r;
    byRow.set(input.row, {
      ...figures,
      row: input.row,
      ok: true,
      ...provenance(result.ruleSet),
      assumptions: result.assumptions,
      notes: result.notes,
      issues: [],
      trace: result.trace,
    });
  });
  const rows = inputs.map((input) => byRow.get(input.row) ?? failedRow(input.row, idOf(input.value), [...input.issues]));
  const s = result.summary;
  const de = lang === 'de';
  const after = [
    `${result.ruleSet.id}: ${de ? 'Personen' : 'persons'} ${s.persons}` +
      (s.fte !== null
        ? de
          ? ` · VZÄ ${s.fte} · Förderung ${s.funding} € · Förderung je Fall ${s.perCaseFunding} €`
          : ` · FTE ${s.fte} · funding ${s.funding} € · per-case funding ${s.perCaseFunding} €`
        : '') +
      (s.impliedRatio !== null ? (de ? ` · rechnerischer Schlüssel ${s.impliedRatio} Personen/VZÄ` : ` · implied ratio ${s.impliedRatio} persons/FTE`) : ''),
    ...result.notes.map((n) => n[lang]),
    `${de ? 'Annahmen' : 'assumptions'}: ${result.assumptions.length} (--format json)`,
  ].join('\n');
  return { rows, after: `${after}\n` };
}

function columns(format: 'table' | 'csv', lang: Lang): Column<StaffingOutRow>[] {
  return frameColumns<StaffingOutRow>(format, lang, [
    { key: 'name', cell: (r) => cell(r.name) },
    { key: 'persons', cell: (r) => cell(r.persons) },
    { key: 'year', cell: (r) => cell(r.year) },
    { key: 'fte', cell: (r) => cell(r.fte) },
    { key: 'ratePerFte', cell: (r) => cell(r.ratePerFte) },
    { key: 'funding', cell: (r) => cell(r.funding) },
    { key: 'perCaseAmount', cell: (r) => cell(r.perCaseAmount) },
    { key: 'perCaseFunding', cell: (r) => cell(r.perCaseFunding) },
    { key: 'fundedFte', cell: (r) => cell(r.fundedFte) },
    { key: 'impliedRatio', cell: (r) => cell(r.impliedRatio) },
  ]);
}

/** `staffing`: FTE by the staffing ratio, funding and per-case amount per district. */
export const staffingCommand: Command = {
  name: 'staffing',
  summary: { de: 'VZÄ nach Betreuungsschlüssel, Förderung und Fallpauschale je Kreis', en: 'FTE by staffing ratio, funding and per-case amount per district' },
  usage: 'staffing <districts> --rule-set ID|PATH [--year YYYY] [--on DATE] [--format table|csv|json|jsonl] [--out FILE]',
  help: {
    de: `Berechnet je Kreis die nach dem Betreuungsschlüssel (Personen je VZÄ) gerechtfertigten VZÄ (auf das
Stellenraster gerundet), die Jahresförderung VZÄ × Satz (dynamisiert ab dem Basisjahr), die Fallpauschale
(Satz ÷ Schlüssel je Person und Jahr) und Personen × Fallpauschale. Für Regelwerke ohne Schlüssel (die
VwV-Fassungen) nur den tatsächlichen Schlüssel Personen ÷ geförderte VZÄ (beschreibend).

Spalten: id, name (optional), persons, fundedFte (optional), year (optional).

Optionen:
  --rule-set ID|PATH  das Regelwerk (Pflicht), z. B. bw-im-proposal oder ein eigenes Szenario
  --year YYYY         Jahr des Satzes für Zeilen ohne year (Vorgabe: Jahr des Parameterstands)
  --on DATE           Parameterstand dieses Tages
${ROW_OPTIONS_HELP.de}

${ROW_INPUT_HELP.de}`,
    en: `Computes per district the FTE justified by the staffing ratio (persons per FTE, rounded to the FTE
step), the yearly funding FTE × rate (uprated from the base year), the per-case amount (rate ÷ ratio per
person and year) and persons × per-case amount. For rule sets without a ratio (the grant regulations)
only the implied ratio persons ÷ funded FTE (descriptive).

Columns: id, name (optional), persons, fundedFte (optional), year (optional).

Options:
  --rule-set ID|PATH  the rule set (required), e.g. bw-im-proposal or your own scenario
  --year YYYY         year of the rate for rows without year (default: year of the parameter date)
  --on DATE           parameter values of this date
${ROW_OPTIONS_HELP.en}

${ROW_INPUT_HELP.en}`,
  },
  options: { 'rule-set': { type: 'string' }, year: { type: 'string' }, on: { type: 'string' }, ...ROW_COMMAND_OPTIONS },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const ruleSetText = stringOption(ctx.values, 'rule-set');
    if (ruleSetText === undefined) throw CliError.of('cli.staffing-needs-rule-set');
    const choice = chooseRuleSet(ruleSetText);
    const options: StaffingOptions = { registry: choice.registry };
    if (choice.ruleSet !== undefined) options.ruleSet = choice.ruleSet;
    const on = dateOption(ctx.values);
    if (on !== undefined) options.on = on;
    const year = stringOption(ctx.values, 'year');
    if (year !== undefined) {
      if (!/^\d{4}$/.test(year)) throw CliError.of('cli.year-not-a-year', { year });
      options.year = Number(year);
    }
    const tableLike = outputFormat(ctx.values) === 'table' ? 'table' : 'csv';
    return runWholeInput<StaffingOutRow>(ctx, {
      fields: FIELDS,
      columns: columns(tableLike, ctx.lang),
      toJson: (r) => r,
      compute: (inputs) => staffingRows(inputs, options, ctx.lang),
    });
  },
};
