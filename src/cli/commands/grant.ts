import { GRANT } from '../../domain/grant.js';
import type { Command } from '../context.js';
import { ROW_INPUT_HELP, ROW_OPTIONS_HELP } from '../rows.js';
import { declaredRowCommand } from './money-rows.js';

/** `grant`: the grant per post for every post in a file. */
export const grantCommand: Command = declaredRowCommand(GRANT, {
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
  // The table and CSV show the figures the help lists; JSON also the date applied, period start and whether anything is funded.
  jsonOnly: ['on', 'periodStart', 'funded', 'notFunded'],
});
