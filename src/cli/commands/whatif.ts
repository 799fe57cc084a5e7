import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DistrictCaseloadRow, ImpactTally } from '../../compare/impact.js';
import { BW_PROTECTION_SEEKERS_2023 } from '../../data/caseload.js';
import { PACKAGE_VERSION } from '../../ruleset/bundled.generated.js';
import { defaultRegistry } from '../../versions/registry.js';
import { resolveNamed } from '../../versions/resolve.js';
import { encodeColumns } from '../../adapters/whatif/columns.js';
import { assessmentDate, computeWhatIf, type WhatIfCaseload } from '../../adapters/whatif/model.js';
import { renderWhatIfHtml } from '../../adapters/whatif/html.js';
import { whatIfScript } from '../../adapters/whatif/bundle.js';
import type { PageData } from '../../adapters/whatif/page.js';
import { streamPersons } from '../../synthetic/persons.js';
import { CliError, stringOption, t, writeText, type Command, type CommandContext } from '../context.js';
import { cliText } from '../../messages/cli.js';
import { readRowChunks } from '../input.js';
import { INPUT_OPTIONS, INPUT_OPTIONS_HELP, inputSettings, openRowInput, rowReadOptions } from '../rows.js';
import { CASELOAD_FIELDS, districtRowOf } from '../../adapters/whatif/read.js';
import { formatIssuesBilingual } from '../rulesets.js';

/** Reads a caseload file as `compare --caseload` does (the same reading options): person rows and district rows. */
async function readCaseload(ctx: CommandContext, path: string): Promise<{ persons: unknown[]; districts: DistrictCaseloadRow[] }> {
  const settings = inputSettings(ctx.values);
  const source = await openRowInput(ctx, path, settings);
  const fields = CASELOAD_FIELDS;
  const persons: unknown[] = [];
  const districts: DistrictCaseloadRow[] = [];
  for await (const rows of readRowChunks(source, rowReadOptions(ctx, settings, fields, { warnings: 0 }))) {
    for (const row of rows) {
      const raw: unknown = row.value;
      if (row.issues.length > 0 || raw === null || typeof raw !== 'object') {
        persons.push(undefined);
        continue;
      }
      const v = raw as Record<string, unknown>;
      const d = districtRowOf(v);
      if (d !== null) districts.push(d);
      else persons.push(v);
    }
  }
  return { persons, districts };
}

/** `whatif`: writes the offline what-if page. */
export const whatifCommand: Command = {
  name: 'whatif',
  summary: { de: 'Was-wäre-wenn-Seite schreiben: Parameter ändern, Wirkung je Kreis sofort sehen (offline, eine Datei)', en: 'write the what-if page: change parameters, see the impact per district at once (offline, one file)' },
  usage: 'whatif [--caseload FILE] [--baseline ID] [--out FILE] [--lang de|en] [--sheet NAME] [--encoding E] [--delimiter C] [--locale de|en]',
  help: {
    de: `Schreibt eine eigenständige HTML-Datei, die die Bibliothek im Browser ausführt, offline und ohne
Anfrage ins Netz (strenge Content-Security-Policy). Darin: alle Parameter der Grundlage mit Wert, Einheit,
Quelle und Verlässlichkeit zum Ändern, Zielgruppen-Regeln zum Abwählen, Ergebnis bei jeder Änderung neu
(Summen, Kreise mit mehr und weniger Geld, Diagramm, Tabelle aller Kreise, Annahmen), Zustand in der
Adresse (#…), Downloads (Szenario-JSON, CSV je Kreis, Diagramm als SVG, Fallbestand) und der Befehl, der die
Zahlen auf der Kommandozeile nachrechnet. Das Szenario ist ein Überlagerungs-Regelwerk (kind: scenario,
extends: Grundlage) wie bei compare und pin.

Optionen:
  --baseline ID     Grundlage (Vorgabe bw-im-proposal); auf der Seite umstellbar
  --caseload DATEI  Fallbestand wie bei compare --caseload (Vorgabe: der mitgelieferte synthetische,
                    ${BW_PROTECTION_SEEKERS_2023.protectionSeekers} Personen); eigene Dateien lassen sich auch in die Seite ziehen
  --out DATEI       Ausgabedatei (Vorgabe whatif.html)
  --lang de|en      Sprache der Seite (Vorgabe de)
Lesen des Fallbestands (CSV, Excel .xlsx, JSON, JSON Lines; deutsche Spaltennamen wie bei check):
${INPUT_OPTIONS_HELP.de}`,
    en: `Writes a self-contained HTML file that runs the library in the browser, offline and without any network
request (strict Content-Security-Policy). In it: every parameter of the baseline with value, unit, source and
confidence to change, target-group rules to switch off, the result recomputed on every change (totals,
districts gaining and losing, chart, table of all districts, assumptions), the state in the address (#…),
downloads (scenario JSON, CSV per district, chart as SVG, caseload) and the command that reproduces the
figures on the command line. The scenario is an overlay rule set (kind: scenario, extends: baseline) as for
compare and pin.

Options:
  --baseline ID     baseline (default bw-im-proposal); can be switched in the page
  --caseload FILE   caseload as for compare --caseload (default: the bundled synthetic one,
                    ${BW_PROTECTION_SEEKERS_2023.protectionSeekers} persons); your own files can also be dropped on the page
  --out FILE        output file (default whatif.html)
  --lang de|en      language of the page (default de)
Reading the caseload (CSV, Excel .xlsx, JSON, JSON Lines; German column names as for check):
${INPUT_OPTIONS_HELP.en}`,
  },
  options: {
    caseload: { type: 'string' },
    baseline: { type: 'string' },
    out: { type: 'string' },
    ...INPUT_OPTIONS,
  },
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const baselineId = stringOption(ctx.values, 'baseline') ?? 'bw-im-proposal';
    const registry = defaultRegistry();
    const baseline = resolveNamed(registry, baselineId);
    if (baseline === undefined || baseline.kind === 'scenario') {
      const ids = registry
        .list()
        .filter((s) => s.document.kind !== 'scenario')
        .map((s) => s.id)
        .join(', ');
      throw CliError.of('cli.baseline-unknown', { baselineId, ids });
    }
    const on = assessmentDate(baseline);
    const caseloadPath = stringOption(ctx.values, 'caseload');
    let caseload: WhatIfCaseload;
    if (caseloadPath === undefined) {
      const f = BW_PROTECTION_SEEKERS_2023;
      caseload = {
        persons: [...streamPersons({ count: f.protectionSeekers, seed: 2023, on, ukraineShare: f.displacedFromUkraine / f.protectionSeekers })],
        districts: [],
        label: cliText('cli.caseload-synthetic', { count: f.protectionSeekers, date: f.date }),
        synthetic: true,
      };
    } else {
      const read = await readCaseload(ctx, caseloadPath);
      caseload = { ...read, label: cliText('cli.caseload-label', { path: caseloadPath }), synthetic: false };
    }
    // Computed once here: checks the caseload and gives the page its first eligibility counts.
    const cache = new Map<string, ImpactTally>();
    const first = computeWhatIf({ baseline: baseline.id, id: 'whatif-scenario', values: {}, removeRules: [] }, caseload, cache, registry);
    if (!first.ok) {
      throw CliError.of('cli.invalid-caseload-baseline', { details: formatIssuesBilingual(first.issues) });
    }
    const { header, bytes } = encodeColumns(caseload.persons);
    const fileName = caseloadPath === undefined || caseloadPath === '-' ? null : (caseloadPath.split(/[\\/]/).pop() ?? caseloadPath);
    const data: PageData = {
      version: PACKAGE_VERSION,
      lang: ctx.lang,
      baseline: baseline.id,
      caseload: { label: caseload.label, synthetic: caseload.synthetic, file: fileName, districts: caseload.districts, header, gzip: true },
      tallies: [...cache],
    };
    const html = renderWhatIfHtml({ script: await whatIfScript(), data, caseloadBase64: gzipSync(bytes, { level: 9 }).toString('base64') });
    const out = resolve(stringOption(ctx.values, 'out') ?? 'whatif.html');
    try {
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, html, 'utf8');
    } catch (e) {
      const msg = (e as Error).message;
      throw CliError.of('cli.file-unwritable', { out, message: msg });
    }
    const report = first.result.report;
    const kb = (Buffer.byteLength(html) / 1024).toFixed(0);
    await writeText(
      ctx.io.stdout,
      `${t(ctx.lang, 'cli.whatif-written', { out, kb, baseline: baseline.id, on, rows: report.caseload.personRows, districts: report.districts.length })}\n`,
    );
    return report.caseload.invalidRows > 0 ? 1 : 0;
  },
};
