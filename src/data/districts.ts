import { BW_DISTRICT_ROWS } from './bwDistricts.generated.js';
import { guardApi } from '../_lib/guard.js';

/**
 * A Stadtkreis (`urban`) or Landkreis (`rural`) of Baden-Württemberg.
 *
 * @example
 * const d: District | undefined = bwDistricts()[0];
 * console.log(d?.ags, d?.name, d?.population); // '08111' 'Stuttgart' 630305
 */
export interface District {
  /** Official district key (Amtlicher Gemeindeschlüssel, 5 digits), e.g. `08111`. */
  ags: string;
  name: string;
  type: 'urban' | 'rural';
  /** Administrative region (Regierungsbezirk). */
  region: string;
  population: number;
  /** The date the population figure refers to (`YYYY-MM-DD`). */
  populationDate: string;
}

/**
 * Where the bundled district data comes from, and what it is not.
 *
 * @example
 * console.log(BW_DISTRICTS_SOURCE.populationDate, BW_DISTRICTS_SOURCE.note.en);
 */
export const BW_DISTRICTS_SOURCE = {
  title: 'RKI Corona Landkreise (Bevölkerung der Stadt- und Landkreise)',
  url: 'https://npgeo-corona-npgeo-de.hub.arcgis.com/datasets/917fc37a709542548cc3be077a786c17_0',
  snapshot: '2022-04-21',
  populationDate: '2020-12-31',
  note: {
    de: 'Bevölkerung zum 31.12.2020 (Fortschreibung auf Basis des Zensus 2011), Summe 11.103.043. Die Soforthilfe Ukraine 2022 wurde nach der Bevölkerung zum 30.11.2021 verteilt; diese Zahlen wurden nicht gefunden, Ergebnisse mit diesen Daten weichen daher leicht ab.',
    en: 'Population as of 2020-12-31 (update on the 2011 census basis), total 11,103,043. The 2022 Ukraine emergency aid was split by population as of 2021-11-30; those figures were not found, so results from these data differ slightly.',
  },
} as const;

/**
 * The 44 Stadt- und Landkreise of Baden-Württemberg with their population (as of 2020-12-31),
 * bundled with the package (no file system needed). The same data is in `data/bw-districts.csv`.
 *
 * @example
 * const total = bwDistricts().reduce((s, d) => s + d.population, 0); // 11103043
 */
export const bwDistricts = guardApi('bwDistricts', function bwDistricts(): District[] {
  return BW_DISTRICT_ROWS.map((d) => ({ ...d }));
});

/**
 * The bundled districts as allocation recipients weighted by population, e.g. for the
 * `bw-soforthilfe-2022` rule set.
 *
 * @example
 * const r = allocate(districtRecipients(), { ruleSet: 'bw-soforthilfe-2022' });
 */
export const districtRecipients = guardApi('districtRecipients', function districtRecipients(): { id: string; name: string; population: number; weightDate: string }[] {
  return BW_DISTRICT_ROWS.map((d) => ({
    id: d.ags,
    name: d.type === 'urban' ? `${d.name} (Stadtkreis)` : `${d.name} (Landkreis)`,
    population: d.population,
    weightDate: d.populationDate,
  }));
});
