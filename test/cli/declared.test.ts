/**
 * The CLI row commands are generic over the declaration: the fields a row command reads come from
 * the declaration's zod input schema (an unreadable field fails when the command is made), its
 * rows and columns from the declared columns plus the provenance frame.
 */
import { Readable } from 'node:stream';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { GRANT } from '../../src/domain/grant.js';
import { LUMP_SUM } from '../../src/domain/lumpSum.js';
import { BUNDLED_PROGRAMMES } from '../../src/programmes/index.js';
import { declaredFieldKinds } from '../../src/cli/input.js';
import { declaredRowCommand, fieldsRead, type DeclaredRowComputation } from '../../src/cli/commands/money-rows.js';
import { STAFFING } from '../../src/domain/staffing.js';
import { ALLOCATION } from '../../src/domain/allocation.js';
import { WELCOME_BONUS } from '../fixtures/toy-programme/welcome-bonus.js';
import { Collector, run } from './helpers.js';

const FRAME = ['ruleSet', 'ruleSetHash', 'resolvedHash', 'overlays', 'assumptions', 'notes', 'issues', 'trace'];
const describeToy = { name: 'welcome-bonus', summary: { de: 'Begrüßungsgeld', en: 'welcome bonus' }, usage: 'welcome-bonus <rows>', help: { de: 'Hilfe', en: 'help' } };

describe('fields from the declaration', () => {
  it('grant reads the post fields of its input schema, with their kinds', () => {
    expect(declaredFieldKinds(GRANT.input)).toEqual({
      id: 'string',
      name: 'string',
      qualification: 'string',
      fte: 'decimal',
      startDate: 'date',
      firstApprovedOn: 'date',
      salaryInterrupted: 'boolean',
    });
    expect(Object.keys(declaredFieldKinds(GRANT.input))).toEqual(['id', 'name', 'qualification', 'fte', 'startDate', 'firstApprovedOn', 'salaryInterrupted']);
    expect(declaredFieldKinds(LUMP_SUM.input)).toEqual({ kind: 'string', year: 'integer' });
  });

  it('staffing and allocate read the fields of their row schemas; counts of people as whole numbers', async () => {
    expect(fieldsRead(STAFFING.input)).toEqual({ id: 'string', name: 'string', persons: 'integer', fundedFte: 'decimal', year: 'integer' });
    expect(declaredFieldKinds(STAFFING.input).persons).toBe('decimal');
    expect(fieldsRead(ALLOCATION.input)).toEqual({
      id: 'string',
      ags: 'string',
      name: 'string',
      weight: 'decimal',
      persons: 'integer',
      population: 'integer',
      allocations: 'integer',
      weightDate: 'date',
      population_date: 'date',
    });
    // 630.305 in a comma file is not read as a fraction of a person; `district` is the id, as in a compare caseload.
    const r = await run(['staffing', '-', '--rule-set', 'bw-im-proposal', '--format', 'json'], { stdin: 'district,persons\nulm,630.305\nbiberach,1998\n' });
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.map((x) => x.ok)).toEqual([false, true]);
    expect(rows[1]?.id).toBe('biberach');
    expect(JSON.stringify(rows[0]?.issues)).toContain('630.305');
  });

  it('the inputs of every bundled declared computation whose input is an object can be read from cells', () => {
    for (const p of BUNDLED_PROGRAMMES) {
      for (const c of p.computations) {
        const input = (c as Partial<DeclaredRowComputation>).input;
        if (input === undefined || !('shape' in input)) continue;
        expect(() => declaredFieldKinds(input), `${p.id}/${c.name}`).not.toThrow();
      }
    }
  });

  it('a field no cell can be read as fails loudly, naming the field', () => {
    expect(() => declaredFieldKinds(z.strictObject({ id: z.string(), tags: z.array(z.string()) }))).toThrow(/input field tags \(zod array\)/);
    expect(() => declaredFieldKinds(z.strictObject({ flag: z.union([z.number(), z.boolean()]) }))).toThrow(/input field flag/);
    expect(() => declaredFieldKinds(z.string())).toThrow(/zod object/);
    const bad = { ...WELCOME_BONUS, input: z.strictObject({ persons: z.record(z.string(), z.number()) }) };
    expect(() => declaredRowCommand(bad, describeToy)).toThrow(/input field persons/);
  });

  it('unions read as text when text comes first (an id), as a decimal when a number comes first', () => {
    expect(declaredFieldKinds(z.object({ id: z.union([z.string(), z.number()]).transform(String), share: z.union([z.number(), z.string()]).optional(), n: z.number() }))).toEqual({
      id: 'string',
      share: 'decimal',
      n: 'number',
    });
  });
});

describe('rows and columns from the declaration', () => {
  it('grant: JSON rows are row, id, ok, the declared figures, the provenance frame; the table and CSV the figures the help lists', async () => {
    const r = await run(['grant', '-', '--format', 'json'], { stdin: 'id,qualification,fte,startDate\na,vocational,1,2020-03-01\nb,pilot,1,2020-03-01\n' });
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    const keys = ['row', 'id', 'ok', ...Object.keys(GRANT.columns), ...FRAME];
    expect(rows.map((x) => Object.keys(x))).toEqual([keys, keys]);
    expect(rows[1]).toMatchObject({ row: 2, id: 'b', ok: false, total: null, notFunded: null });
    const csv = await run(['grant', '-', '--format', 'csv'], { stdin: 'id,qualification,fte,startDate\na,vocational,1,2020-03-01\n' });
    expect(csv.stdout.split('\n')[0]).toBe('row,id,ok,qualification,fte,ratePerFteYear,yearlyAmount,months,fundedMonths,startDate,endDate,total,ruleSet,overlays,ruleSetHash,resolvedHash,assumptions,issues');
  });

  it('a toy computation becomes a row command from its declaration and a description alone', async () => {
    const command = declaredRowCommand(WELCOME_BONUS, describeToy);
    expect(Object.keys(command.options)).toContain('rule-set');
    const stdout = new Collector();
    const stderr = new Collector();
    const stdin = Readable.from([Buffer.from('persons;households;year\n3;1;2026\nx;1;2026\n', 'utf8')]);
    const code = await command.run({ positionals: ['-'], values: { format: 'json' }, io: { stdout, stderr, stdin }, lang: 'en' });
    expect(code).toBe(1);
    const rows = JSON.parse(stdout.text) as Record<string, unknown>[];
    // Without its rule set in the registry the toy computes nothing, but every row has its declared figures.
    expect(rows.map((x) => Object.keys(x))).toEqual([
      ['row', 'id', 'ok', 'basis', 'count', 'total', ...FRAME],
      ['row', 'id', 'ok', 'basis', 'count', 'total', ...FRAME],
    ]);
    // The cell "x" is read as the integer the schema declares, and reported with the value echoed.
    expect(JSON.stringify(rows[1]?.issues)).toMatch(/persons/);
    expect(rows[0]?.issues).not.toEqual(rows[1]?.issues);
  });
});
