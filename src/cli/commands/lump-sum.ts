import { computeLumpSum, LUMP_SUM, LUMP_SUM_KINDS, LUMP_SUM_PROGRAMME, type LumpSumOptions } from '../../domain/lumpSum.js';
import { CliError, choiceOption, stringOption, t, writeText, type Command } from '../context.js';
import { formatTable } from '../output.js';
import { chooseRuleSet } from '../rulesets.js';
import { tableHeadings } from '../../_lib/headings.js';

/** `lump-sum`: the FlüAG lump sum per person for a kind and year. */
export const lumpSumCommand: Command = {
  name: 'lump-sum',
  summary: { de: 'FlüAG-Pauschalen (§ 15 je aufgenommener, § 18 Abs. 4 je zugeteilter Person)', en: 'FlüAG lump sums (§ 15 per person taken in, § 18(4) per person assigned)' },
  usage: 'lump-sum --programme bw-fluag --kind asylum-seeker|other|municipality --year YYYY [--rule-set ID|PATH] [--format table|json]',
  help: {
    de: `Die Pauschale je Person für ein Jahr: § 15 FlüAG (asylum-seeker: je aufgenommener asylsuchender Person;
other: je sonstiger Person) oder § 18 Abs. 4 (municipality: je der Anschlussunterbringung zugeteilter Person).
Nach dem Basisjahr wird jährlich um den Prozentsatz erhöht (zusammengesetzt) und einmal am Ende gerundet.
Mit --format json: amount, unrounded, baseAmount, baseYear, upratingYears, ruleSet, trace, assumptions.

Exit-Status: 0 berechnet; 1 nicht berechenbar (z. B. Jahr außerhalb der Geltung); 2 falscher Aufruf.

Beispiel: foerderregeln lump-sum --programme bw-fluag --kind asylum-seeker --year 2023   → 15506.00`,
    en: `The lump sum per person for a year: FlüAG § 15 (asylum-seeker: per asylum seeker taken in; other: per
other person) or § 18(4) (municipality: per person assigned to follow-up accommodation). After the base
year the amount is uprated by the yearly percentage (compounded) and rounded once at the end.
With --format json: amount, unrounded, baseAmount, baseYear, upratingYears, ruleSet, trace, assumptions.

Exit status: 0 computed; 1 not computable (e.g. year outside validity); 2 bad usage.

Example: foerderregeln lump-sum --programme bw-fluag --kind asylum-seeker --year 2023   → 15506.00`,
  },
  options: {
    programme: { type: 'string' },
    kind: { type: 'string' },
    year: { type: 'string' },
    'rule-set': { type: 'string' },
    format: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const kindText = stringOption(ctx.values, 'kind');
    if (kindText === undefined) throw CliError.of('cli.kind-missing', { kinds: LUMP_SUM_KINDS.join(' | ') });
    const kind = choiceOption(ctx.values, 'kind', LUMP_SUM_KINDS, 'asylum-seeker');
    const yearText = stringOption(ctx.values, 'year');
    if (yearText === undefined || !/^\d{4}$/.test(yearText)) {
      throw CliError.of('cli.year-missing');
    }
    const format = choiceOption(ctx.values, 'format', ['table', 'json'] as const, 'table');
    const choice = chooseRuleSet(stringOption(ctx.values, 'rule-set'));
    const options: LumpSumOptions = { registry: choice.registry, programme: stringOption(ctx.values, 'programme') ?? LUMP_SUM_PROGRAMME };
    if (choice.ruleSet !== undefined) options.ruleSet = choice.ruleSet;
    const r = computeLumpSum({ kind, year: Number(yearText) }, options);
    if (format === 'json') {
      await writeText(ctx.io.stdout, `${JSON.stringify(r, null, 2)}\n`);
      return r.ok ? 0 : 1;
    }
    if (!r.ok) {
      ctx.io.stderr.write(`${r.issues.map((i) => `${i.code}: ${i.message[ctx.lang]}`).join('\n')}\n`);
      return 1;
    }
    // The declaration's flat columns, then the rule set and the number of assumptions.
    const columns = LUMP_SUM.project(r);
    const header = tableHeadings([...Object.keys(columns), 'ruleSet', 'assumptions'], ctx.lang);
    await writeText(ctx.io.stdout, formatTable(header, [[...Object.values(columns).map((v) => String(v)), r.ruleSet.id, String(r.assumptions.length)]]));
    const lines = [r.description[ctx.lang], ...r.assumptions.map((a) => t(ctx.lang, 'cli.assumption-line', { confidence: a.confidence, kind: a.kind, name: a.name, note: a.noteText?.[ctx.lang] ?? a.note ?? a.source }))];
    await writeText(ctx.io.stdout, `${lines.join('\n')}\n`);
    return 0;
  },
};
