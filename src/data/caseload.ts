/**
 * Statewide totals that the synthetic demo caseload follows. These are statistics, not law, and
 * they only size and mix the generated persons; no result of a rule depends on them.
 */
export const BW_PROTECTION_SEEKERS_2023 = {
  /** Reference date of the totals. */
  date: '2023-12-31',
  /** Protection seekers living in Baden-Württemberg. */
  protectionSeekers: 369_800,
  /** Of whom displaced from Ukraine. */
  displacedFromUkraine: 124_720,
  source:
    'Schutzsuchende in Baden-Württemberg zum 31.12.2023 (Schutzsuchendenstatistik), as quoted in the project brief (issue 4); not re-checked against the Statistisches Landesamt',
  confidence: 'inferred' as const,
  note: {
    de: 'Nur Größe und Anteil der Ukraine-Vertriebenen des synthetischen Fallbestands folgen diesen Zahlen; alle übrigen Merkmale sind erfunden (src/synthetic/persons.ts).',
    en: 'Only the size and the share of people displaced from Ukraine of the synthetic caseload follow these totals; every other attribute is invented (src/synthetic/persons.ts).',
  },
} as const;
