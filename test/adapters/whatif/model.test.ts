/**
 * The what-if page's model in Node: the scenario it builds is a valid overlay, the numbers it
 * computes (with reused eligibility counts or not) equal `compareImpact` on the same persons, the
 * URL fragment and the caseload columns give back what went in, and the page's file reader reads
 * what the CLI reads.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareImpact, type ImpactTally } from '../../../src/compare/impact.js';
import { defaultRegistry, loadRuleSet } from '../../../src/versions/registry.js';
import { resolveNamed } from '../../../src/versions/resolve.js';
import { generatePersons } from '../../../src/synthetic/persons.js';
import { decodeColumns, encodeColumns } from '../../../src/adapters/whatif/columns.js';
import { readCaseloadText } from '../../../src/adapters/whatif/read.js';
import {
  assessmentDate,
  computeWhatIf,
  editableParameters,
  parseEditorValue,
  scenarioDocument,
  stateFromFragment,
  stateFromScenario,
  stateToFragment,
  switchableRules,
  type WhatIfState,
} from '../../../src/adapters/whatif/model.js';
import { run } from '../../cli/helpers.js';

const root = join(import.meta.dirname, '..', '..', '..');
const persons = generatePersons({ count: 6000, seed: 11, on: '2026-01-01' });
const caseload = { persons, districts: [], label: { de: 'Test', en: 'test' }, synthetic: true };

function nodeReport(state: WhatIfState): ReturnType<typeof compareImpact> {
  const registry = defaultRegistry();
  const baseline = resolveNamed(registry, state.baseline);
  if (baseline === undefined) throw new Error('no baseline');
  const on = assessmentDate(baseline);
  const loaded = loadRuleSet(scenarioDocument(baseline, state, on), { registry });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return compareImpact(state.baseline, loaded.ruleSet, { persons, synthetic: true, label: caseload.label }, { registry, on });
}

describe('what-if model', () => {
  it('offers every parameter of the baseline with value, unit, source and confidence, and its eligibility rules', () => {
    const b = resolveNamed(defaultRegistry(), 'bw-im-proposal');
    if (b === undefined) throw new Error('no baseline');
    const params = editableParameters(b, '2026-01-01');
    expect(params.map((p) => p.name)).toEqual(Object.keys(b.parameters).sort());
    const ratio = params.find((p) => p.name === 'staffingRatio');
    expect(ratio).toMatchObject({ kind: 'number', value: 80, unit: 'persons/FTE', confidence: 'assumed', from: '2026-01-01' });
    expect(params.find((p) => p.name === 'staffingRatePerFte')).toMatchObject({ kind: 'decimal', value: '60000.00' });
    expect(params.find((p) => p.name === 'targetAccommodations')).toMatchObject({ kind: 'set' });
    expect(switchableRules(b).map((r) => r.id)).toEqual(['follow-up-accommodation', 'displaced-from-ukraine']);
  });

  it('reads editor input by the parameter kind and keeps the baseline decimal places', () => {
    const b = resolveNamed(defaultRegistry(), 'bw-im-proposal');
    if (b === undefined) throw new Error('no baseline');
    const [rate, ratio] = ['staffingRatePerFte', 'staffingRatio'].map((n) => editableParameters(b, '2026-01-01').find((p) => p.name === n));
    if (rate === undefined || ratio === undefined) throw new Error('missing');
    expect(parseEditorValue(rate, '62000')).toEqual({ ok: true, value: '62000.00' });
    expect(parseEditorValue(rate, '62000,5')).toEqual({ ok: true, value: '62000.50' });
    expect(parseEditorValue(rate, 'abc').ok).toBe(false);
    expect(parseEditorValue(ratio, '60')).toEqual({ ok: true, value: 60 });
    expect(parseEditorValue(ratio, '60.5').ok).toBe(false);
  });

  it('builds a scenario overlay that validates and extends the baseline', () => {
    const b = resolveNamed(defaultRegistry(), 'bw-im-proposal');
    if (b === undefined) throw new Error('no baseline');
    const doc = scenarioDocument(b, { baseline: b.id, id: 'whatif-scenario', values: { staffingRatio: 60 }, removeRules: ['displaced-from-ukraine'] }, '2026-01-01');
    expect(doc).toMatchObject({ kind: 'scenario', extends: 'bw-im-proposal', validFrom: '2026-01-01', removeRules: ['displaced-from-ukraine'] });
    const loaded = loadRuleSet(doc);
    expect(loaded.ok).toBe(true);
    const back = stateFromScenario(doc, defaultRegistry());
    expect(back.ok && back.state).toEqual({ baseline: 'bw-im-proposal', id: 'whatif-scenario', values: { staffingRatio: 60 }, removeRules: ['displaced-from-ukraine'] });
  });

  it('equals compareImpact for funding-only and eligibility changes, with and without reused counts', () => {
    const cache = new Map<string, ImpactTally>();
    const states: WhatIfState[] = [
      { baseline: 'bw-im-proposal', id: 'whatif-scenario', values: {}, removeRules: [] },
      { baseline: 'bw-im-proposal', id: 'whatif-scenario', values: { staffingRatio: 60 }, removeRules: [] },
      { baseline: 'bw-im-proposal', id: 'whatif-scenario', values: { staffingRatio: 60, staffingRatePerFte: '62000.00', staffingUpratingPercent: '2.0', staffingFteStep: '0.5' }, removeRules: [] },
      { baseline: 'bw-im-proposal', id: 'whatif-scenario', values: { staffingRatio: 60 }, removeRules: ['displaced-from-ukraine'] },
      { baseline: 'bw-im-proposal', id: 'whatif-scenario', values: { targetAccommodations: ['provisional', 'follow-up'] }, removeRules: [] },
      { baseline: 'bw-im-2025', id: 'whatif-scenario', values: { allocationBudget: '70000000.00', allocationKey: 'population' }, removeRules: [] },
    ];
    const evaluated: boolean[] = [];
    for (const s of states) {
      const page = computeWhatIf(s, caseload, cache);
      const node = nodeReport(s);
      if (!page.ok || !node.ok) throw new Error('failed');
      expect(page.result.report).toEqual(node.report);
      evaluated.push(page.result.evaluatedPersons);
    }
    // The ratio and the rate reuse the counts; rules, target group and a new baseline do not.
    expect(evaluated).toEqual([true, false, false, true, true, true]);
    expect(computeWhatIf(states[1] as WhatIfState, caseload, cache).ok && cache.size).toBe(4);
  });

  it('round-trips the state through the URL fragment', () => {
    const s: WhatIfState = { baseline: 'bw-im-proposal', id: 'whatif-scenario', values: { staffingRatio: 60, staffingRatePerFte: '62000.00', targetAccommodations: ['provisional'] }, removeRules: ['displaced-from-ukraine'] };
    const f = stateToFragment(s, { sort: 'name-asc' });
    expect(f).toContain('p.staffingRatio=60');
    const back = stateFromFragment(f);
    expect(back.extra).toEqual({ sort: 'name-asc' });
    expect(back.state).toEqual({ baseline: 'bw-im-proposal', values: { staffingRatio: '60', staffingRatePerFte: '62000.00', targetAccommodations: ['provisional'] }, removeRules: ['displaced-from-ukraine'] });
  });

  it('encodes caseload rows in columns and decodes the same rows (valid ids renumbered, invalid kept)', () => {
    const rows: unknown[] = [
      { id: 'x', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, district: '08111' },
      { id: '', residenceStatus: 'nonsense', accommodation: 'private', displacedFromUkraine: true },
      undefined,
      ...persons.slice(0, 300),
    ];
    const { header, bytes } = encodeColumns(rows);
    const back = decodeColumns(header, bytes);
    expect(back).toHaveLength(rows.length);
    expect(back[0]).toEqual({ ...(rows[0] as object), id: 'r1' });
    expect(back[1]).toEqual(rows[1]);
    expect(back[back.length - 1]).toBeUndefined();
    const strip = (r: unknown): unknown => {
      if (r === undefined) return r;
      const { id: _id, ...rest } = r as Record<string, unknown>;
      return rest;
    };
    expect(back.slice(2, 302).map(strip)).toEqual(persons.slice(0, 300).map(strip));
  });

  it('reads a dropped CSV as the CLI reads it: the same impact from the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-whatif-read-'));
    const text = readFileSync(join(root, 'examples', 'persons.csv'), 'utf8');
    const extra = `${text.trimEnd()}\nbad;nonsense;follow-up;vielleicht;;;;;08111;2026-01-01\n`;
    writeFileSync(join(dir, 'c.csv'), extra);
    const r = readCaseloadText('c.csv', extra);
    if (!r.ok) throw new Error('unreadable');
    const cache = new Map<string, ImpactTally>();
    const page = computeWhatIf({ baseline: 'bw-im-proposal', id: 'whatif-scenario', values: {}, removeRules: [] }, { persons: r.caseload.persons, districts: r.caseload.districts, label: { de: 'c', en: 'c' }, synthetic: false }, cache);
    const cli = await run(['compare', 'bw-im-proposal', 'bw-im-proposal', '--caseload', join(dir, 'c.csv'), '--format', 'json']);
    const report = JSON.parse(cli.stdout) as { totals: unknown; districts: unknown; caseload: { personRows: number; invalidRows: number } };
    if (!page.ok) throw new Error('failed');
    expect(page.result.report.totals).toEqual(report.totals);
    expect(page.result.report.districts).toEqual(report.districts);
    expect(page.result.report.caseload.invalidRows).toBe(report.caseload.invalidRows);
    expect(page.result.report.caseload.personRows).toBe(report.caseload.personRows);
  });
});
