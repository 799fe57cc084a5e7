import { allocate, ALLOCATION_METHODS, type AllocationMethod, type AllocationOptions, type AllocationOk } from '../../domain/allocation.js';
import type { Issue } from '../../issues.js';
import { CliError, choiceOption, stringOption, type Command, type Lang } from '../context.js';
import { normaliseDecimal, readNumber, type FieldKind, type InputRow, type NumberLocale } from '../input.js';
import type { Column } from '../output.js';
import { chooseRuleSet } from '../rulesets.js';
import { ROW_COMMAND_OPTIONS, ROW_INPUT_HELP, ROW_OPTIONS_HELP, dateOption, idOf, inputSettings, mergeIssues, outputFormat } from '../rows.js';
import { cell, frameColumns, provenance, runWholeInput, type MoneyRowBase } from './money-rows.js';

/** One output row of `allocate`. Money as decimal strings with two places. */
export interface AllocateRow extends MoneyRowBase {
  name: string | null;
  weight: string | null;
  share: string | null;
  exact: string | null;
  amount: string | null;
  mustApplyJointly: boolean | null;
}

const FIELDS: Record<string, FieldKind> = {
  id: 'string',
  ags: 'string',
  name: 'string',
  weight: 'decimal',
  persons: 'integer',
  population: 'integer',
  allocations: 'integer',
  weightDate: 'date',
  population_date: 'date',
  // Descriptive columns of data/bw-districts.csv, read and not used.
  type: 'string',
  region: 'string',
};

function failedRow(row: number, id: string | null, issues: Issue[]): AllocateRow {
  return { row, id, ok: false, name: null, weight: null, share: null, exact: null, amount: null, mustApplyJointly: null, ...provenance(null), assumptions: [], notes: [], issues, trace: [] };
}

/** Allocates the readable rows and maps the results back onto every input row. */
export function allocateRows(inputs: readonly InputRow[], options: AllocationOptions): { rows: AllocateRow[]; result: AllocationOk | null; issues: Issue[] } {
  const clean = inputs.filter((r) => r.value !== undefined && r.issues.length === 0);
  const result = allocate(clean.map((r) => r.value), options);
  if (!result.ok) {
    return { rows: inputs.map((r) => failedRow(r.row, idOf(r.value), mergeIssues(r.issues, result.issues))), result: null, issues: result.issues };
  }
  const byRow = new Map<number, AllocateRow>();
  clean.forEach((input, k) => {
    const r = result.rows[k];
    if (r === undefined) return;
    if (!r.ok) {
      byRow.set(input.row, failedRow(input.row, r.id ?? idOf(input.value), r.issues));
      return;
    }
    byRow.set(input.row, {
      row: input.row,
      id: r.id,
      ok: true,
      name: r.name,
      weight: r.weight,
      share: r.share,
      exact: r.exact,
      amount: r.amount,
      mustApplyJointly: r.mustApplyJointly,
      ...provenance(result.ruleSet),
      assumptions: result.assumptions,
      notes: result.notes,
      issues: [],
      trace: result.trace,
    });
  });
  const rows = inputs.map((input) => byRow.get(input.row) ?? failedRow(input.row, idOf(input.value), [...input.issues]));
  return { rows, result, issues: [] };
}

/**
 * Reads `--budget`: 8000000, 8.000.000,00 or 8000000.00; a value that could be read two ways
 * (500.000) needs `--locale`; at most 30 digits. Fails with exit 2, echoing the value.
 */
export function budgetOption(text: string, locale: NumberLocale | null): string {
  const r = readNumber(text, locale);
  if (r !== null && 'ambiguous' in r) {
    throw CliError.of('cli.budget-ambiguous', { text: JSON.stringify(text) });
  }
  if (r === null || r.value.startsWith('-')) throw CliError.of('cli.budget-not-amount', { text: JSON.stringify(text) });
  if (r.value.replace(/[^0-9]/g, '').replace(/^0+/, '').length > 30) {
    throw CliError.of('cli.budget-too-long', { text: JSON.stringify(text) });
  }
  return r.value;
}

function yesNo(v: boolean | null, lang: Lang, table: boolean): string {
  if (v === null) return table ? '—' : '';
  if (!table) return String(v);
  return v ? (lang === 'de' ? 'ja' : 'yes') : lang === 'de' ? 'nein' : 'no';
}

function columns(format: 'table' | 'csv', lang: Lang): Column<AllocateRow>[] {
  const table = format === 'table';
  return frameColumns<AllocateRow>(format, lang, [
    { key: 'name', cell: (r) => cell(r.name) },
    { key: 'weight', cell: (r) => cell(r.weight) },
    { key: 'share', cell: (r) => cell(r.share) },
    { key: 'exact', cell: (r) => cell(r.exact) },
    { key: 'amount', cell: (r) => cell(r.amount) },
    { key: 'mustApplyJointly', cell: (r) => yesNo(r.mustApplyJointly, lang, table) },
  ]);
}

/** The summary line written to stderr after the rows. */
export function allocationSummaryText(result: AllocationOk, invalidInput: number, lang: Lang): string {
  const s = result.summary;
  const invalid = invalidInput;
  const lines =
    lang === 'de'
      ? [
          `Regelwerk ${result.ruleSet.id} · Schlüssel ${result.key} · ${result.mode} · ${result.method}`,
          `Budget ${s.budget} € · Ziel ${s.target} € · Summe ${s.sum} € · Rest ${s.residual} € · ${s.recipients} Empfänger, ${invalid} ungültige Zeile(n)` +
            (s.unitRate !== null ? ` · Satz je Einheit ${s.unitRate} €` : ''),
          ...result.notes.map((n) => `Hinweis: ${n.de}`),
          `Annahmen: ${result.assumptions.length} (Einzelheiten mit --format json)`,
        ]
      : [
          `Rule set ${result.ruleSet.id} · key ${result.key} · ${result.mode} · ${result.method}`,
          `Budget ${s.budget} € · target ${s.target} € · sum ${s.sum} € · residual ${s.residual} € · ${s.recipients} recipients, ${invalid} invalid row(s)` +
            (s.unitRate !== null ? ` · rate per unit ${s.unitRate} €` : ''),
          ...result.notes.map((n) => `Note: ${n.en}`),
          `Assumptions: ${result.assumptions.length} (details with --format json)`,
        ];
  return `${lines.join('\n')}\n`;
}

/** `allocate`: planning frames / budget shares for recipients by a rule set's key. */
export const allocateCommand: Command = {
  name: 'allocate',
  summary: { de: 'Planungsrahmen/Budgets nach Schlüssel verteilen; Rest ausgewiesen', en: 'planning frames / budgets by a key; residual reported' },
  usage: 'allocate <recipients> --rule-set ID|PATH [--budget EUR] [--statewide-weight N] [--method proportional|largest-remainder] [--on DATE] [--format table|csv|json|jsonl] [--out FILE]',
  help: {
    de: `Verteilt ein Budget nach dem Schlüssel des Regelwerks: bw-im-2017 (Planungsrahmen: Satz je gezählter
Person), bw-soforthilfe-2022 / -2023 (nach Einwohnerzahl), bw-im-2025 (nach Zugängen aus der Erstaufnahme).
Ausgabe je Zeile: row, id, ok, name, weight, share, exact (ungerundet), amount, mustApplyJointly (unter dem
Mindestbetrag für einen eigenen Antrag), ruleSet, …, issues; in JSON zusätzlich trace, assumptions, notes.
Die Zusammenfassung (Budget, Summe, Rest, Hinweise) steht auf der Standardfehlerausgabe.
Ungültige Zeilen werden ausgegeben (ok=false) und nicht mitverteilt.

Spalten eines Empfängers: id (oder ags), name (optional), das Gewicht als weight oder in der Spalte des
Schlüssels: persons | population | allocations; weightDate (Stichtag der Zahl, optional; population_date
wird auch gelesen). data/bw-districts.csv kann direkt verwendet werden.

Optionen:
  --rule-set ID|PATH  das Regelwerk (Pflicht)
  --budget EUR        anderes Budget (z. B. 8000000 oder 8.000.000,00)
  --statewide-weight N  landesweite Summe der Gewichte (z. B. alle Zuweisungen aus der Erstaufnahme):
                      jeder erhält seinen Anteil am ganzen Budget; sonst warnt eine Aufteilung über
                      weniger als alle 44 Kreise (bw-im-2025, Soforthilfe)
  --method M          proportional (jeder Betrag für sich gerundet, Rest ausgewiesen) |
                      largest-remainder (summiert genau auf das Budget); Vorgabe: das Regelwerk
  --on DATE           Parameterstand dieses Tages (Vorgabe: Beginn des Regelwerks)
${ROW_OPTIONS_HELP.de}

${ROW_INPUT_HELP.de}

Beispiel: foerderregeln allocate data/bw-districts.csv --rule-set bw-soforthilfe-2022 --method largest-remainder`,
    en: `Splits a budget by the rule set's key: bw-im-2017 (planning frames: a rate per counted person),
bw-soforthilfe-2022 / -2023 (by population), bw-im-2025 (by allocations from initial reception).
Output per row: row, id, ok, name, weight, share, exact (unrounded), amount, mustApplyJointly (below the
minimum to apply alone), ruleSet, …, issues; JSON also has trace, assumptions, notes.
The summary (budget, sum, residual, notes) goes to stderr. Invalid rows are reported (ok=false) and
left out of the split.

Recipient columns: id (or ags), name (optional), the weight as weight or in the key's column:
persons | population | allocations; weightDate (date of the figure, optional; population_date is read
too). data/bw-districts.csv can be used as it is.

Options:
  --rule-set ID|PATH  the rule set (required)
  --budget EUR        another budget (e.g. 8000000 or 8.000.000,00)
  --statewide-weight N  statewide total of the weights (e.g. all allocations from initial reception):
                      each gets its share of the whole budget; otherwise a split over fewer than all
                      44 districts warns (bw-im-2025, Soforthilfe)
  --method M          proportional (each amount rounded on its own, residual reported) |
                      largest-remainder (sums to the budget exactly); default: the rule set's
  --on DATE           parameter values of this date (default: the rule set's first day)
${ROW_OPTIONS_HELP.en}

${ROW_INPUT_HELP.en}

Example: foerderregeln allocate data/bw-districts.csv --rule-set bw-soforthilfe-2022 --method largest-remainder`,
  },
  options: { 'rule-set': { type: 'string' }, budget: { type: 'string' }, method: { type: 'string' }, on: { type: 'string' }, 'statewide-weight': { type: 'string' }, ...ROW_COMMAND_OPTIONS },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const ruleSetText = stringOption(ctx.values, 'rule-set');
    if (ruleSetText === undefined) throw CliError.of('cli.allocate-needs-rule-set');
    const choice = chooseRuleSet(ruleSetText);
    const options: AllocationOptions = { registry: choice.registry };
    if (choice.ruleSet !== undefined) options.ruleSet = choice.ruleSet;
    const on = dateOption(ctx.values);
    if (on !== undefined) options.on = on;
    const budget = stringOption(ctx.values, 'budget');
    if (budget !== undefined) options.budget = budgetOption(budget, inputSettings(ctx.values).locale ?? null);
    const statewide = stringOption(ctx.values, 'statewide-weight');
    if (statewide !== undefined) {
      const n = normaliseDecimal(statewide, inputSettings(ctx.values).locale ?? null);
      if (n === null || n.startsWith('-')) throw CliError.of('cli.statewide-weight-invalid', { text: JSON.stringify(statewide) });
      options.statewideWeight = n;
    }
    if (stringOption(ctx.values, 'method') !== undefined) {
      options.method = choiceOption<AllocationMethod>(ctx.values, 'method', ALLOCATION_METHODS, 'proportional');
    }
    const tableLike = outputFormat(ctx.values) === 'table' ? 'table' : 'csv';
    return runWholeInput<AllocateRow>(ctx, {
      fields: FIELDS,
      columns: columns(tableLike, ctx.lang),
      toJson: (r) => r,
      uniqueIds: true,
      compute: (inputs) => {
        const out = allocateRows(inputs, options);
        if (out.result === null) {
          const text = out.issues.map((i) => `${i.code}: ${i.message[ctx.lang]}`).join('\n');
          return { rows: out.rows, after: `${text}\n` };
        }
        const invalid = out.rows.filter((r) => !r.ok).length;
        return { rows: out.rows, after: allocationSummaryText(out.result, invalid, ctx.lang) };
      },
    });
  },
};
