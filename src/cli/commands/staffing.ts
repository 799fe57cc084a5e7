import { computeStaffing, STAFFING, type StaffingOk, type StaffingOptions } from '../../domain/staffing.js';
import { CliError, stringOption, t, type Command, type Lang } from '../context.js';
import { ROW_COMMAND_OPTIONS, ROW_INPUT_HELP, ROW_OPTIONS_HELP } from '../rows.js';
import { wholeInputCommand } from './money-rows.js';

/** The summary after the rows: rule set, totals, notes, number of assumptions. */
function staffingSummary(result: StaffingOk, lang: Lang): string {
  const s = result.summary;
  const after = [
    t(lang, 'cli.staffing-summary', { ruleSet: result.ruleSet.id, persons: s.persons }) +
      (s.fte !== null ? t(lang, 'cli.staffing-summary-funding', { fte: s.fte, funding: String(s.funding), perCaseFunding: String(s.perCaseFunding) }) : '') +
      (s.impliedRatio !== null ? t(lang, 'cli.staffing-summary-ratio', { ratio: s.impliedRatio }) : ''),
    ...result.notes.map((n) => n[lang]),
    t(lang, 'cli.staffing-summary-assumptions', { count: result.assumptions.length }),
  ].join('\n');
  return `${after}\n`;
}

/** `staffing`: FTE by the staffing ratio, funding and per-case amount per district. */
export const staffingCommand: Command = wholeInputCommand<StaffingOptions, StaffingOk>({
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
  ruleSetMissing: () => CliError.of('cli.staffing-needs-rule-set'),
  commandOptions(ctx, base) {
    const options: StaffingOptions = base;
    const year = stringOption(ctx.values, 'year');
    if (year !== undefined) {
      if (!/^\d{4}$/.test(year)) throw CliError.of('cli.year-not-a-year', { year });
      options.year = Number(year);
    }
    return options;
  },
  computation: STAFFING,
  // The declaration takes `district` as the id (as `compare --caseload` names it).
  otherFields: { district: 'string' },
  evaluate: (values, options) => computeStaffing(values, options),
  figuresFirst: true,
  summaryText: (result, _rows, lang) => staffingSummary(result, lang),
});
