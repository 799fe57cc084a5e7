/**
 * The shared money machinery (src/domain/money-common.ts), written from mutation-testing
 * survivors: reading parameters with their provenance, assumptions recorded once and only for
 * unsourced values, rounding points from the rule set that states them (also through an
 * overlay), integer and text parameters, decimal input parsing, and the error envelope.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { FoerderregelnError } from '../../src/issues.js';
import {
  ParameterReader,
  applyRounding,
  catchIssues,
  fixed,
  idOf,
  parseDecimal,
  plain,
  roundingEntries,
} from '../../src/domain/money-common.js';
import { resolveNamed } from '../../src/versions/resolve.js';
import { ASSUMED, doc, param, registryOf, SRC } from '../fixtures/test-programme.js';

const ROUND_ASSUMED = { appliesTo: 'grant-total', step: '0.01', mode: 'half-up', source: 'none', confidence: 'assumed', note: 'rn' } as const;
const ROUND_SOURCED = { appliesTo: 'allocation', step: '1', mode: 'down', source: 'law', confidence: 'sourced' } as const;

function reader(date = '2021-06-01'): ParameterReader {
  const reg = registryOf(
    doc('base', {
      parameters: {
        rate: { ...param([['2020-01-01', '1000.50'], ['2021-01-01', '1200.00']]), unit: 'EUR' },
        guess: { ...param([['2020-01-01', 3]], ASSUMED), unit: 'months' },
        half: { ...param([['2020-01-01', 2.5]]), unit: 'percent' },
        huge: { ...param([['2020-01-01', 2e9]]), unit: 'persons' },
        mode: { ...param([['2020-01-01', 'down']]), unit: 'text' },
        flag: { ...param([['2020-01-01', true]]), unit: 'flag' },
      },
      rounding: [ROUND_ASSUMED, ROUND_SOURCED],
    }),
    doc('overlay', { kind: 'scenario', status: 'in-force', extends: 'base', rounding: [{ ...ROUND_SOURCED, appliesTo: 'staffing-rate' }] }),
  );
  return new ParameterReader(resolveNamed(reg, 'base')!, date);
}

describe('ParameterReader', () => {
  it('reads the value on its date with where it comes from', () => {
    const r = reader();
    expect(r.ref()).toMatchObject({ id: 'base', overlays: [] });
    expect(r.use('rate')).toEqual({ name: 'rate', definedIn: 'base', unit: 'EUR', value: '1200.00', from: '2021-01-01', source: 'test', confidence: 'sourced' });
    expect(r.use('rate', '2020-12-31').value).toBe('1000.50');
    expect(r.decimal('rate', '2020-12-31').value.toFixed()).toBe('1000.5');
    expect(r.has('rate')).toBe(true);
    expect(r.has('rate', '2019-12-31')).toBe(false);
    expect(r.has('nothing')).toBe(false);
    expect(r.useOptional('nothing')).toBeNull();
    expect(r.useOptional('rate')?.value).toBe('1200.00');
    expect(r.assumptions).toEqual([]);
  });

  it('records an unsourced value as an assumption, once, with its note', () => {
    const r = reader();
    r.use('guess');
    r.use('guess');
    expect(r.use('guess').note).toBe('n');
    // A plain-text note (a user-written rule set) is the note of both languages.
    expect(r.use('guess').noteText).toEqual({ de: 'n', en: 'n' });
    expect(r.assumptions).toEqual([{ kind: 'parameter', ruleSet: 'base', name: 'guess', value: 3, from: '2020-01-01', confidence: 'assumed', source: 'test', note: 'n', noteText: { de: 'n', en: 'n' } }]);
    r.useOptional('rate');
    expect(r.assumptions).toHaveLength(1);
  });

  it('a missing parameter is parameter-unavailable, naming rule set, parameter and date', () => {
    const r = reader();
    const e = catchIssues(() => r.use('nothing'));
    expect(e.ok ? null : e.issues[0]).toMatchObject({
      code: 'parameter-unavailable',
      path: ['parameters', 'nothing'],
      message: { en: 'Rule set base: parameter nothing has no value on 2021-06-01.' },
    });
    expect(catchIssues(() => r.use('rate', '2019-01-01')).ok).toBe(false);
  });

  it('integers must be whole and at most 1e9; texts one of the allowed', () => {
    const r = reader();
    expect(r.integer('guess')).toMatchObject({ value: 3 });
    const half = catchIssues(() => r.integer('half'));
    expect(half.ok ? null : half.issues[0]).toMatchObject({ code: 'invalid-parameter-value', path: ['parameters', 'half'], message: { en: 'Rule set base: parameter half must be an integer, but is 2.5.' } });
    expect(catchIssues(() => r.integer('huge')).ok).toBe(false);
    expect(catchIssues(() => r.integer('flag')).ok).toBe(false);
    expect(r.text('mode', ['up', 'down'] as const).value).toBe('down');
    const t = catchIssues(() => r.text('mode', ['up', 'half-up'] as const));
    expect(t.ok ? null : t.issues[0]?.message.en).toBe('Rule set base: parameter mode must be up | half-up, but is "down".');
    expect(catchIssues(() => r.text('rate', ['1200'] as const)).ok).toBe(false);
    expect(catchIssues(() => r.text('guess', ['3'] as const)).ok).toBe(false);
    const d = catchIssues(() => r.decimal('flag'));
    expect(d.ok ? null : d.issues[0]?.message.en).toBe('Rule set base: parameter flag must be a decimal number, but is true.');
  });

  it('rounding points: from the rule set that states them, assumed ones recorded', () => {
    const r = reader();
    expect(r.rounding('allocation')).toEqual({ appliesTo: 'allocation', step: '1', mode: 'down', source: 'law', confidence: 'sourced' });
    expect(r.assumptions).toEqual([]);
    expect(r.rounding('grant-total')).toEqual({ appliesTo: 'grant-total', step: '0.01', mode: 'half-up', source: 'none', confidence: 'assumed', note: 'rn', noteText: { de: 'rn', en: 'rn' } });
    expect(r.assumptions).toEqual([{ kind: 'rounding', ruleSet: 'base', name: 'grant-total', value: '0.01 half-up', confidence: 'assumed', source: 'none', note: 'rn', noteText: { de: 'rn', en: 'rn' } }]);
    const missing = catchIssues(() => r.rounding('staffing-rate'));
    expect(missing.ok ? null : missing.issues[0]).toMatchObject({ code: 'parameter-unavailable', path: ['rounding', 'staffing-rate'], message: { en: 'Rule set base states no rounding for staffing-rate.' } });
  });

  it('an overlay’s rounding replaces the base’s; assumptions name the rule set that stated it', () => {
    const reg = registryOf(
      doc('base', { rounding: [ROUND_ASSUMED] }),
      doc('overlay', { kind: 'scenario', status: 'in-force', extends: 'base', rounding: [{ ...ROUND_ASSUMED, step: '1' }] }),
      doc('plain-overlay', { kind: 'scenario', status: 'in-force', extends: 'base' }),
      doc('single', { rounding: ROUND_SOURCED }),
    );
    const over = new ParameterReader(resolveNamed(reg, 'overlay')!, '2021-01-01');
    expect(over.rounding('grant-total').step).toBe('1');
    expect(over.assumptions.map((a) => a.ruleSet)).toEqual(['overlay']);
    const inherited = new ParameterReader(resolveNamed(reg, 'plain-overlay')!, '2021-01-01');
    expect(inherited.rounding('grant-total').step).toBe('0.01');
    expect(inherited.assumptions.map((a) => a.ruleSet)).toEqual(['base']);
    expect(roundingEntries(resolveNamed(reg, 'single')!)).toEqual([ROUND_SOURCED]);
    expect(roundingEntries(resolveNamed(registryOf(doc('none')), 'none')!)).toEqual([]);
    expect(new ParameterReader(resolveNamed(reg, 'single')!, '2021-01-01').rounding('allocation').mode).toBe('down');
  });

  it('notes are kept once each, in order', () => {
    const r = reader();
    r.note({ de: 'a', en: 'A' });
    r.note({ de: 'b', en: 'B' });
    r.note({ de: 'a2', en: 'A' });
    expect(r.notes).toEqual([{ de: 'a', en: 'A' }, { de: 'b', en: 'B' }]);
  });

  it('reports validity assumptions of the rule set from the start', () => {
    const reg = registryOf(doc('guessed', { validity: { from: ASSUMED } }));
    expect(new ParameterReader(resolveNamed(reg, 'guessed')!, '2021-01-01').assumptions.map((a) => `${a.kind}:${a.name}`)).toEqual(['validity:validFrom']);
    expect(new ParameterReader(resolveNamed(registryOf(doc('sure', { validity: { from: SRC } })), 'sure')!, '2021-01-01').assumptions).toEqual([]);
  });
});

describe('decimal input and output', () => {
  it.each([
    [0.5, '0.5'],
    [1e21, '1e+21'],
    ['12', '12'],
    [' 0,75 ', '0.75'],
    ['+3.5', '3.5'],
    ['-2', '-2'],
    ['1'.repeat(30), '1'.repeat(30)],
  ] as const)('parses %j', (input, out) => {
    expect(parseDecimal(input)?.toFixed()).toBe(new Decimal(out).toFixed());
  });
  it.each([Number.NaN, Number.POSITIVE_INFINITY, '', '1.', '.5', '1,2,3', '1 000', '1e3', '0x10', '1'.repeat(31), `1.${'1'.repeat(31)}`, null, true, {}, ['1']])('rejects %j', (input) => {
    expect(parseDecimal(input)).toBeNull();
  });
  it('plain drops trailing zeros, fixed rounds half up', () => {
    expect(plain(new Decimal('2.500'))).toBe('2.5');
    expect(plain(new Decimal('1e-7'))).toBe('0.0000001');
    expect(fixed(new Decimal('0.12345'), 4)).toBe('0.1235');
    expect(fixed(new Decimal('-0.12345'), 4)).toBe('-0.1235');
    expect(fixed(new Decimal('2'), 2)).toBe('2.00');
  });
  it('applyRounding uses the point’s step and mode', () => {
    const at = (step: '0.01' | '1', mode: 'half-up' | 'down' | 'up' | 'half-even') => ({ appliesTo: 'x', step, mode, source: 's', confidence: 'sourced' as const });
    expect(applyRounding(new Decimal('2.345'), at('0.01', 'half-up')).toFixed()).toBe('2.35');
    expect(applyRounding(new Decimal('2.5'), at('1', 'half-even')).toFixed()).toBe('2');
    expect(applyRounding(new Decimal('2.9'), at('1', 'down')).toFixed()).toBe('2');
    expect(applyRounding(new Decimal('2.1'), at('1', 'up')).toFixed()).toBe('3');
  });
});

describe('row ids and the error envelope', () => {
  it('idOf: a string or finite number id, else null', () => {
    expect(idOf({ id: 'a' })).toBe('a');
    expect(idOf({ id: 7 })).toBe('7');
    expect(idOf({ id: Number.NaN })).toBeNull();
    expect(idOf({ id: Number.POSITIVE_INFINITY })).toBeNull();
    expect(idOf({ id: true })).toBeNull();
    expect(idOf([{ id: 'a' }])).toBeNull();
    expect(idOf(null)).toBeNull();
    expect(idOf('a')).toBeNull();
  });
  it('catchIssues turns FoerderregelnError into issues and lets other errors through', () => {
    expect(catchIssues(() => 5)).toEqual({ ok: true, value: 5 });
    const issues = [{ code: 'x', path: [], message: { de: 'd', en: 'e' } }];
    expect(catchIssues(() => {
      throw new FoerderregelnError(issues as never);
    })).toEqual({ ok: false, issues });
    expect(() => catchIssues(() => {
      throw new TypeError('boom');
    })).toThrow(TypeError);
  });
});
