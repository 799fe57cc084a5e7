/**
 * German (and a few other) column names accepted for the English field names of the CLI's input
 * files and of the what-if page's caseload reader (in the browser). docs/analysts.md shows this
 * table; a test keeps the two the same.
 *
 * A header cell is compared after {@link headerKey}: lower case, umlauts and ß folded (ä → ae),
 * spaces, dots, hyphens and underscores removed. So `Aufenthalts-Status`, `aufenthaltsstatus` and
 * `AUFENTHALTSSTATUS` all name `residenceStatus`. An alias counts only for a command that reads
 * that field.
 */
export const COLUMN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  id: ['Kennung', 'Nr', 'Nummer', 'lfd. Nr.', 'Aktenzeichen'],
  residenceStatus: ['Aufenthaltsstatus', 'Status'],
  accommodation: ['Unterbringung', 'Unterbringungsart'],
  displacedFromUkraine: ['Ukraine', 'aus der Ukraine vertrieben', 'Vertrieben aus der Ukraine'],
  followUpSince: ['Anschlussunterbringung seit', 'AU seit', 'Anschlussunterbringung ab'],
  arrivalDate: ['Einreise', 'Einreisedatum', 'Ankunft', 'Ankunftsdatum'],
  goodProspects: ['Gute Bleibeperspektive', 'Bleibeperspektive'],
  justifiedExtension: ['Begründete Verlängerung', 'Verlängerung'],
  district: ['Kreis', 'Kreisschlüssel', 'Stadt- oder Landkreis'],
  on: ['Stichtag', 'Prüfdatum'],
  name: ['Name', 'Bezeichnung', 'Kreisname'],
  qualification: ['Qualifikation', 'Abschluss'],
  fte: ['VZÄ', 'Vollzeitäquivalent', 'Stellenanteil'],
  startDate: ['Beginn', 'Beschäftigungsbeginn', 'Startdatum'],
  salaryInterrupted: ['Entgelt unterbrochen', 'Gehalt unterbrochen'],
  ags: ['AGS', 'Kreisschlüssel', 'Gemeindeschlüssel', 'Amtlicher Gemeindeschlüssel'],
  weight: ['Gewicht', 'Schlüsselzahl'],
  persons: ['Personen', 'Anzahl Personen', 'Fallzahl'],
  population: ['Einwohner', 'Einwohnerzahl', 'Bevölkerung'],
  allocations: ['Zuweisungen', 'Zugänge'],
  weightDate: ['Stichtag der Zahl', 'Datum der Zahl'],
  fundedFte: ['Geförderte VZÄ', 'geförderte Stellen'],
  year: ['Jahr', 'Förderjahr'],
  type: ['Typ', 'Kreistyp'],
  region: ['Region', 'Regierungsbezirk'],
};

/** The form a header cell is compared in: lower case, umlauts folded, no spaces, dots, hyphens or underscores. */
export function headerKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[\s._-]+/g, '');
}

/**
 * A lookup from {@link headerKey} to field name for the fields a command reads: each field by
 * its own name and by its aliases.
 */
export function headerLookup(fields: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fields) out.set(headerKey(f), f);
  for (const f of fields) {
    for (const alias of COLUMN_ALIASES[f] ?? []) {
      const k = headerKey(alias);
      if (!out.has(k)) out.set(k, f);
    }
  }
  return out;
}
