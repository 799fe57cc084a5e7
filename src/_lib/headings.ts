type Lang = 'de' | 'en';

/**
 * Column headings of the CLI's tables (`--format table`, the default on a terminal) and of Markdown reports, by column key,
 * in German. English tables show the keys themselves, as CSV, JSON and JSON Lines do: those column
 * and field names are interfaces and stay as they are in every language. One table for every
 * command, so a German heading reads the same wherever the column appears.
 */
export const TABLE_HEADINGS_DE: Readonly<Record<string, string>> = {
  // row commands (check, grant, staffing, allocate, lump-sum)
  row: 'Zeile',
  id: 'Kennung',
  ok: 'gültig',
  on: 'Stichtag',
  eligible: 'berechtigt',
  basis: 'Grund',
  counsellingEndsOn: 'Beratung bis',
  mustApplyJointly: 'gemeinsamer Antrag',
  ruleSet: 'Regelwerk',
  ruleSetHash: 'Regelwerk-Hash',
  resolvedHash: 'Hash samt Basis',
  overlays: 'Erlasse',
  hash: 'Hash',
  issues: 'Fehler',
  assumptions: 'Annahmen',
  explanation: 'Erklärung',
  startDate: 'Beginn',
  endDate: 'Ende',
  qualification: 'Qualifikation',
  fte: 'VZÄ',
  months: 'Monate',
  fundedMonths: 'geförderte Monate',
  fundedFte: 'geförderte VZÄ',
  amount: 'Betrag €',
  exact: 'ungerundet',
  total: 'Summe €',
  yearlyAmount: 'Jahresbetrag €',
  ratePerFteYear: 'Satz € je VZÄ und Jahr',
  ratePerFte: 'Satz € je VZÄ',
  funding: 'Förderung €',
  perCaseAmount: 'Betrag € je Fall',
  perCaseFunding: 'Förderung € je Fall',
  persons: 'Personen',
  impliedRatio: 'Personen je VZÄ',
  year: 'Jahr',
  name: 'Name',
  weight: 'Gewicht',
  share: 'Anteil',
  // versions
  programme: 'Programm',
  kind: 'Art',
  status: 'Status',
  validFrom: 'gültig ab',
  validTo: 'gültig bis',
  extends: 'erweitert',
  // lump-sum
  baseAmount: 'Grundbetrag €',
  baseYear: 'Basisjahr',
  upratingYears: 'Fortschreibungsjahre',
  unrounded: 'ungerundet',
  // compare (impact per district)
  district: 'Kreis (AGS)',
  eligibleA: 'berechtigt A',
  eligibleB: 'berechtigt B',
  gained: 'gewonnen',
  lost: 'verloren',
  fteA: 'VZÄ A',
  fteB: 'VZÄ B',
  fundingA: 'Förderung A €',
  fundingB: 'Förderung B €',
  difference: 'Differenz €',
  differencePercent: 'Differenz %',
};

/** The heading of a table column in a language: German from {@link TABLE_HEADINGS_DE}, else the key. */
export function tableHeading(key: string, lang: Lang): string {
  return lang === 'de' ? (TABLE_HEADINGS_DE[key] ?? key) : key;
}

/** The headings of table columns in a language. */
export function tableHeadings(keys: readonly string[], lang: Lang): string[] {
  return keys.map((k) => tableHeading(k, lang));
}
