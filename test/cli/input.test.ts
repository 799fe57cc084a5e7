import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { personSchema } from '../../src/contract/person.js';
import { detectDelimiter, fieldKindsOfSchema, normaliseDecimal, readRows, splitCsvLine, type FieldKind, type InputFormat, type InputRow } from '../../src/cli/input.js';
import { formatTable, RowWriter } from '../../src/cli/output.js';
import { renderCondition } from '../../src/cli/readable.js';
import { Collector } from './helpers.js';

async function read(text: string, format: InputFormat, chunk: number, fields?: Record<string, FieldKind>): Promise<InputRow[]> {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const out: InputRow[] = [];
  for await (const r of readRows({ name: 't', format, stream: Readable.from(parts) }, fields !== undefined ? { fields } : {})) out.push(r);
  return out;
}

const MESSY = [
  '\uFEFFid;a;b',
  '1;x;ja',
  '2;"y;nein', // quote never closed on this line
  '3;z;0',
  '',
  '4;"w', // another one
  '5;v;yes',
  '6;u"q;1', // a stray quote inside a field is a plain character
  ';;', // only delimiters: not a row
  '7;t', // too few fields
  '8;"s";1',
  '9;"a',
  'b";1', // a field with a line break: both lines are reported
  '10;k;1',
].join('\n');

describe('readRows (CSV)', () => {
  it('recovers after malformed lines and gives the same rows whatever the chunk size', async () => {
    const fields = { id: 'string', a: 'string', b: 'boolean' } as const;
    const whole = await read(MESSY, 'csv', 1 << 16, fields);
    const summary = whole.map((r) => [r.row, r.line, r.value === undefined ? r.issues[0]?.code : (r.value as { id: string }).id]);
    expect(summary).toEqual([
      [1, 2, '1'],
      [2, 3, 'malformed-row'],
      [3, 4, '3'],
      [4, 6, 'malformed-row'],
      [5, 7, '5'],
      [6, 8, '6'],
      [7, 10, 'malformed-row'],
      [8, 11, '8'],
      [9, 12, 'malformed-row'],
      [10, 13, 'malformed-row'],
      [11, 14, '10'],
    ]);
    expect(whole[5]?.value).toEqual({ id: '6', a: 'u"q', b: true });
    for (const chunk of [1, 2, 3, 7, 13]) expect(await read(MESSY, 'csv', chunk, fields)).toEqual(whole);
  });

  it('reports an unclosed quote at the very end without losing rows before it', async () => {
    const rows = await read('id,a\n1,x\n2,"y', 'csv', 4);
    expect(rows.map((r) => r.issues[0]?.code ?? 'ok')).toEqual(['ok', 'malformed-row']);
  });

  it('converts booleans, decimals and empty cells by field kind', async () => {
    const rows = await read('flag;amount;note\nJa;1.234,56;\nNO;0,5;x\n1;1234.5;\nmaybe;1,2,3;\n', 'csv', 5, {
      flag: 'boolean',
      amount: 'decimal',
      note: 'string',
    });
    expect(rows.map((r) => r.value)).toEqual([
      { flag: true, amount: '1234.56' },
      { flag: false, amount: '0.5', note: 'x' },
      { flag: true, amount: '1234.5' },
      { flag: 'maybe', amount: '1,2,3' },
    ]);
    expect(rows[3]?.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid-type', ['flag']],
      ['invalid-type', ['amount']],
    ]);
  });

  it('never lets a __proto__ column touch a prototype', async () => {
    const rows = await read('id,__proto__\n1,{"x":1}\n', 'csv', 64, { id: 'string' });
    expect(rows[0]?.issues.map((i) => i.code)).toEqual(['forbidden-key']);
    expect(Object.getPrototypeOf(rows[0]?.value)).toBe(Object.prototype);
  });

  it('reads UTF-16 input with a BOM (little and big endian), whatever the pieces', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id;a\n1;Bö\n', 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      for (const size of [1, 3, 64]) {
        const parts: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
        const rows: InputRow[] = [];
        for await (const r of readRows({ name: 'u', format: 'csv', stream: Readable.from(parts) })) rows.push(r);
        expect(rows.map((r) => r.value)).toEqual([{ id: '1', a: 'Bö' }]);
      }
    }
  });
});

describe('readRows (JSON)', () => {
  it('streams array elements, reporting broken ones and continuing, whatever the chunk size', async () => {
    const text = '[\n {"id":"1"},\n {"id": "2",},\n {"id":"3", "s": "a, ] } \\" ["},\n ,\n 4\n]';
    const whole = await read(text, 'json', 1 << 16);
    expect(whole.map((r) => [r.row, r.line, r.issues[0]?.code ?? 'ok'])).toEqual([
      [1, 2, 'ok'],
      [2, 3, 'malformed-row'],
      [3, 4, 'ok'],
      [4, 5, 'malformed-row'],
      [5, 6, 'ok'],
    ]);
    expect(whole[2]?.value).toEqual({ id: '3', s: 'a, ] } " [' });
    for (const chunk of [1, 3, 8]) expect(await read(text, 'json', chunk)).toEqual(whole);
  });

  it('reads JSON Lines with a BOM, skipping blank lines', async () => {
    const rows = await read('\uFEFF{"id":"1"}\n\n  \n{"id":"2"}\r\n', 'jsonl', 3);
    expect(rows.map((r) => [r.row, r.line, r.value])).toEqual([
      [1, 1, { id: '1' }],
      [2, 4, { id: '2' }],
    ]);
  });
});

describe('helpers', () => {
  it('normalises German and international decimals and rejects the ambiguous', () => {
    expect(normaliseDecimal('1.234,56')).toBe('1234.56');
    expect(normaliseDecimal('0,5')).toBe('0.5');
    expect(normaliseDecimal('1,234.56')).toBe('1234.56');
    expect(normaliseDecimal('-12')).toBe('-12');
    expect(normaliseDecimal('12,34,56')).toBeNull();
    expect(normaliseDecimal('1e5')).toBeNull();
    expect(normaliseDecimal('')).toBeNull();
  });

  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('id;a;b')).toBe(';');
    expect(detectDelimiter('id,a,b')).toBe(',');
    expect(detectDelimiter('id\ta\tb')).toBe('\t');
    expect(detectDelimiter('id')).toBe(',');
  });

  it('derives CSV field kinds from the person schema', () => {
    const kinds = fieldKindsOfSchema(personSchema);
    expect(kinds).toMatchObject({ id: 'string', displacedFromUkraine: 'boolean', goodProspects: 'boolean', followUpSince: 'date', on: 'date' });
  });

  it('aligns table columns', () => {
    expect(formatTable(['a', 'long'], [['xyz', '1'], ['ü', '22']])).toBe('a    long\n───  ────\nxyz  1\nü    22\n');
  });

  it('renders conditions readably', () => {
    const params = { list: { unit: 'list' as const, description: { de: 'x', en: 'x' }, values: [{ from: '2020-01-01', value: ['a', 'b'], source: 's', confidence: 'sourced' as const }] } };
    expect(
      renderCondition({ any: [{ fact: 'accommodation', operator: 'in', value: { param: 'list' } }, { not: { fact: 'goodProspects', operator: 'equal', value: true } }] }, 'de', params),
    ).toEqual(['mindestens eine der folgenden:', '  • accommodation ist eines von a, b [list]', '  • nicht: goodProspects = ja']);
  });

  it('writes a JSON array that parses, also for zero rows', async () => {
    for (const n of [0, 1, 3]) {
      const out = new Collector();
      const w = new RowWriter<{ i: number }>({ format: 'json', stream: out, columns: [], toJson: (r) => r });
      for (let i = 0; i < n; i++) await w.write({ i });
      await w.end();
      expect(JSON.parse(out.text)).toHaveLength(n);
    }
  });
});

describe('CSV pieces without a quote (split as papaparse splits them)', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'Z', 'ö', '1', '.', '-', ' ', ';', ',', '\t', '|', '='), maxLength: 6 });
  const line = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(';'));

  it('a line without a quote gives the fields papaparse gives (property)', () => {
    fc.assert(
      fc.property(line, fc.constantFrom(';', ',', '\t', '|'), (l, d) => {
        expect(splitCsvLine(l, d)).toEqual(l.split(d));
      }),
      { numRuns: 300 },
    );
  });

  it('rows of a piece without a quote equal the rows papaparse reads from the same lines (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), async (lines, nl) => {
        const text = `k;l;m${nl}${lines.join(nl)}${nl}`;
        const fast = await read(text, 'csv', 1 << 20);
        // One quoted line at the end sends the whole piece through papaparse.
        const viaPapa = await read(`${text}"q";r;s${nl}`, 'csv', 1 << 20);
        expect(viaPapa.slice(0, -1)).toEqual(fast);
      }),
      { numRuns: 150 },
    );
  });
});
