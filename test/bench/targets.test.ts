import { describe, expect, it } from 'vitest';
import { eligibilityTargets, formatTarget, impactTarget } from '../../bench/targets.js';

// The bench's target lines judge each target on the path issue 11 names; no timing here, only the judging.
const jre = { perSecond: 30_000, perCpuSecond: 40_000 };
const raw = { perSecond: 18e6, perCpuSecond: 20e6 };

describe('eligibilityTargets', () => {
  it('does not call a target met because the raw compiled rules meet it', () => {
    const lines = eligibilityTargets({ jre, raw, batch: { perSecond: 2e6, perCpuSecond: 2.3e6 }, many: { perSecond: 700e3, perCpuSecond: 800e3 }, identical: true, rounds: 3 });
    const text = lines.map(formatTarget);
    expect(text).toHaveLength(4);
    expect(text[0]).toMatch(/^MET {5}decisions identical in all 3 rounds/);
    expect(text[1]).toMatch(/^NOT MET checkEligibilityMany ≥ 100× json-rules-engine: 20× on CPU rates/);
    expect(text[2]).toMatch(/^NOT MET evaluateEligibilityBatch ≥ 5\.00 M persons\/s CPU rate: 2\.30 M\/s CPU/);
    expect(text[3]).toMatch(/^INFO {4}raw compiled rules .*500× json-rules-engine on CPU rates/);
  });

  it('judges the ratio on CPU rates and the batch on its CPU rate', () => {
    const lines = eligibilityTargets({ jre, raw, batch: { perSecond: 4e6, perCpuSecond: 5e6 }, many: { perSecond: 2e6, perCpuSecond: 4e6 }, identical: true, rounds: 1 });
    expect(lines.map((l) => l.met)).toEqual([true, true, true, null]);
    const slowCpu = eligibilityTargets({ jre, raw, batch: { perSecond: 6e6, perCpuSecond: 4.99e6 }, many: { perSecond: 4e6, perCpuSecond: 3.99e6 }, identical: true, rounds: 1 });
    expect(slowCpu.map((l) => l.met)).toEqual([true, false, false, null]);
  });

  it('reports differing decisions as not met', () => {
    const lines = eligibilityTargets({ jre, raw, batch: raw, many: raw, identical: false, rounds: 2 });
    expect(formatTarget(lines[0] as (typeof lines)[number])).toMatch(/^NOT MET decisions identical/);
  });
});

describe('impactTarget', () => {
  it('judges 1 M persons against 1 s and only informs for other sizes', () => {
    expect(impactTarget({ persons: 1_000_000, ms: 999, cpuRate: 1e6 }).met).toBe(true);
    expect(impactTarget({ persons: 1_000_000, ms: 1070, cpuRate: 1e6 }).met).toBe(false);
    expect(formatTarget(impactTarget({ persons: 1_000_000, ms: 1070, cpuRate: 1e6 }))).toMatch(/^NOT MET compareImpact of 1 M persons under two rule sets < 1 s: 1\.07 s/);
    expect(impactTarget({ persons: 100_000, ms: 90, cpuRate: 1e6 }).met).toBeNull();
  });
});
