import { listRuleSets } from '../../versions/select.js';
import { flagOption, writeText, type Command } from '../context.js';
import { formatTable } from '../output.js';
import { tableHeadings } from '../../_lib/headings.js';

/** `versions`: the bundled rule sets with validity and content hash. */
export const versionsCommand: Command = {
  name: 'versions',
  summary: { de: 'Regelwerke mit Geltung und Hash auflisten', en: 'list rule sets with validity and hash' },
  usage: 'versions [--json]',
  help: {
    de: `Listet die mitgelieferten Regelwerke: id, programme, kind, status, validFrom, validTo, extends, hash
(sha256 des kanonischen JSON; mit ihm lassen sich zertifizierte Regeln festhalten).

Optionen:
  --json        JSON-Array (zusätzlich title und resolvedHash: Hash samt erweiterten Regelwerken)`,
    en: `Lists the bundled rule sets: id, programme, kind, status, validFrom, validTo, extends, hash
(sha256 of the canonical JSON; pin it to notice when certified rules change).

Options:
  --json        JSON array (also title and resolvedHash: the hash including what it extends)`,
  },
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const list = listRuleSets();
    if (flagOption(ctx.values, 'json')) {
      await writeText(ctx.io.stdout, `${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const header = tableHeadings(['id', 'programme', 'kind', 'status', 'validFrom', 'validTo', 'extends', 'hash'], ctx.lang);
    const rows = list.map((r) => [r.id, r.programme, r.kind, r.status, r.validFrom, r.validTo ?? '—', r.extends ?? '—', r.hash]);
    await writeText(ctx.io.stdout, formatTable(header, rows));
    return 0;
  },
};
