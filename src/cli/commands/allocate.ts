import { allocate, ALLOCATION_METHODS, type AllocationMethod, type AllocationOptions, type AllocationOk, ALLOCATION } from '../../domain/allocation.js';
import { CliError, choiceOption, stringOption, t, type Command, type Lang } from '../context.js';
import { normaliseDecimal, readNumber, type NumberLocale } from '../input.js';
import { ROW_COMMAND_OPTIONS, ROW_INPUT_HELP, ROW_OPTIONS_HELP, inputSettings } from '../rows.js';
import { wholeInputCommand } from './money-rows.js';

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

/** The summary line written to stderr after the rows. */
export function allocationSummaryText(result: AllocationOk, invalidInput: number, lang: Lang): string {
  const s = result.summary;
  const invalid = invalidInput;
  const lines = [
    t(lang, 'cli.allocation-summary', { id: result.ruleSet.id, key: result.key, mode: result.mode, method: result.method }),
    t(lang, 'cli.allocation-summary-totals', { budget: s.budget, target: s.target, sum: s.sum, residual: s.residual, recipients: s.recipients, invalid }) +
      (s.unitRate !== null ? t(lang, 'cli.allocation-summary-unit-rate', { rate: s.unitRate }) : ''),
    ...result.notes.map((text) => t(lang, 'cli.note', { text })),
    t(lang, 'cli.allocation-summary-assumptions', { count: result.assumptions.length }),
  ];
  return `${lines.join('\n')}\n`;
}

/** `allocate`: planning frames / budget shares for recipients by a rule set's key. */
export const allocateCommand: Command = wholeInputCommand<AllocationOptions, AllocationOk>({
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
  ruleSetMissing: () => CliError.of('cli.allocate-needs-rule-set'),
  commandOptions(ctx, base) {
    const options: AllocationOptions = base;
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
    return options;
  },
  computation: ALLOCATION,
  // Descriptive columns of data/bw-districts.csv, read and not used.
  otherFields: { type: 'string', region: 'string' },
  evaluate: (values, options) => allocate(values, options),
  uniqueIds: true,
  summaryText: (result, rows, lang) => allocationSummaryText(result, rows.filter((r) => !r.ok).length, lang),
});
