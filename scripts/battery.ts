/**
 * `npm run battery [-- --quick]`: reruns the battery of the reliability review
 * (shared/design/REVIEW-reliability-2026-11.md) against this checkout and prints the counts the
 * review gave: inputs tried, rows lost or invented, crashes, hangs.
 *
 * - CLI reproducers F1–F29, recreated (each run in its own process with a 60 s timeout and a 2 GB
 *   heap, so a hang or unbounded memory is counted, not suffered).
 * - The API matrix of test/robustness/hostile.ts at the review's sizes (10 M-character strings,
 *   100k-deep values).
 * - Money: random split-budget allocations in 4 rounding modes × 2 steps against BigInt.
 * - The reader fuzz targets of test/fuzz/readers.ts (10 s each; 2 s with --quick).
 *
 * Exit status 0 when nothing was lost, crashed or hung; 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocate, defaultRegistry, loadRuleSet, type LoadedRuleSet } from '../src/index.js';
import { runMatrix, setDeepLevels, setHugeStringLength } from '../test/robustness/hostile.js';
import { cleanup, fuzz, TARGETS } from '../test/fuzz/readers.js';
import { rng } from '../test/fuzz/readers.js';

const quick = process.argv.includes('--quick');
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'foerderregeln-battery-'));
// The CLI bundled once with esbuild (as tsup bundles dist/), so that process start-up is not
// mistaken for a hang on a loaded machine.
const cliBundle = join(root, 'node_modules', '.cache', 'foerderregeln-battery', 'cli.mjs');
await build({ entryPoints: [join(root, 'src', 'cli', 'bin.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: cliBundle, logLevel: 'warning' });
const cli = [cliBundle];
const TIMEOUT_MS = 60_000;

interface Outcome {
  finding: string;
  what: string;
  code: number | null;
  ms: number;
  crash: boolean;
  hang: boolean;
  rowsIn: number | null;
  rowsOut: number | null;
  note: string;
}
const outcomes: Outcome[] = [];

function runCli(finding: string, what: string, args: string[], rows?: { in: number; out: (stdout: string) => number }, stdin?: string): Outcome {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=2048', ...cli, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
    input: stdin ?? '',
    env: { ...process.env, TZ: 'Europe/Berlin' },
  });
  const ms = Math.round(performance.now() - t);
  const hang = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  const stderr = r.stderr;
  const crash = !hang && (r.status === null || ![0, 1, 2].includes(r.status) || /Interner Fehler|internal error|\n\s+at .+:\d+:\d+/.test(stderr));
  let rowsOut: number | null = null;
  if (rows !== undefined && !hang) {
    try {
      rowsOut = rows.out(r.stdout);
    } catch {
      rowsOut = 0;
    }
  }
  const o: Outcome = { finding, what, code: r.status, ms, crash, hang, rowsIn: rows?.in ?? null, rowsOut, note: stderr.split('\n').find((l) => l.trim() !== '')?.slice(0, 100) ?? '' };
  outcomes.push(o);
  return o;
}

const csvRows = (text: string) => text.split(/\r?\n/).filter((l) => l !== '').length - 1;
const w = (name: string, content: string | Buffer) => {
  writeFileSync(join(work, name), content);
  return join(work, name);
};
const header = 'id,residenceStatus,accommodation,displacedFromUkraine,followUpSince,on';
const row = (id: string, since = '2023-07-01', on = '2024-01-15') => `${id},recognised-refugee,follow-up,false,${since},${on}`;

function scenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'user-scenario',
    programme: 'bw-integrationsmanagement',
    title: { de: 'Szenario', en: 'Scenario' },
    kind: 'scenario',
    status: 'proposed',
    validFrom: '2025-01-01',
    validity: { from: { source: 'user', confidence: 'assumed', note: 'Annahme / assumption' } },
    extends: 'bw-im-2025',
    citations: [{ id: 'user-note', title: 'Annahme' }],
    ...extra,
  };
}
function ruleSetDir(name: string, doc: Record<string, unknown>): string {
  const d = join(work, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'ruleset.json'), JSON.stringify(doc));
  return d;
}

// ---- rows in = rows out -------------------------------------------------------------------------
const N = quick ? 5_000 : 100_000;
w('same.csv', `${header}\n${Array.from({ length: N }, (_, i) => row(`S-${i}`)).join('\n')}\n`);
runCli('F1', `check same.csv --out same.csv (${N} rows)`, ['check', 'same.csv', '--on', '2024-01-15', '--out', 'same.csv', '--format', 'csv'], {
  in: N,
  out: () => (existsSync(join(work, 'same.csv')) ? csvRows(readFileSync(join(work, 'same.csv'), 'utf8')) : 0),
});
const far = w('far_date.csv', `${header},district\n${row('A', '9999-12-31')},08111\n${row('B')},08111\n${row('C', '2023-01-01', '9999-12-31')},08115\n`);
runCli('F2', 'check far_date.csv', ['check', far, '--format', 'csv'], { in: 3, out: csvRows });
runCli('F2', 'compare --caseload far_date.csv', ['compare', 'bw-im-2023', 'bw-im-2025', '--caseload', far, '--format', 'json']);
runCli('F2', 'snapshot far_date.csv', ['snapshot', far, '--out', join(work, 's.json')]);
const mixed = w('mixed_eol.csv', `${header}\n${row('M1')}\r\n${row('M2')}\n${row('M3')}\r\n`);
runCli('F6', 'check mixed_eol.csv', ['check', mixed, '--format', 'csv'], { in: 3, out: csvRows });
const blanks = w('mixed_blank_lines.csv', `${header}\r\n${Array.from({ length: quick ? 2000 : 20_000 }, (_, i) => `${row(`B${i}`)}\r\n${i % 2 === 0 ? '\n' : ''}`).join('')}`);
runCli('F6', 'check mixed_blank_lines.csv', ['check', blanks, '--format', 'csv'], { in: quick ? 2000 : 20_000, out: csvRows });
const dups = w('dup_districts.csv', 'district,persons\n08111,100\n08111,200\n08115,50\n');
runCli('F8', 'compare --caseload dup_districts.csv', ['compare', 'bw-im-2025', 'bw-im-proposal', '--caseload', dups, '--format', 'csv']);
const jm = w('json_mismatch.json', `[{"id":"J1","residenceStatus":"recognised-refugee","accommodation":"follow-up","displacedFromUkraine":false}},{"id":"J2","residenceStatus":"recognised-refugee","accommodation":"follow-up","displacedFromUkraine":false},{"id":"J3","residenceStatus":"recognised-refugee","accommodation":"follow-up","displacedFromUkraine":false}]`);
runCli('F23', 'check json_mismatch.json (3 objects)', ['check', jm, '--on', '2024-01-15', '--format', 'csv'], { in: 3, out: csvRows });
const latin = w('latin1_ids.csv', Buffer.concat([Buffer.from(`${header}\n`), Buffer.from('A'), Buffer.from([0xff]), Buffer.from(`,recognised-refugee,follow-up,false,2023-07-01,2024-01-15\nA`), Buffer.from([0xfe]), Buffer.from(',recognised-refugee,follow-up,false,2023-07-01,2024-01-15\n')]));
runCli('F15', 'check latin1_ids.csv', ['check', latin, '--format', 'csv']);
const inj = w('csvinj.csv', `${header}\n${row("@SUM(1+1)*cmd|' /C calc'!A0")}\n${row('=1+1')}\n`);
runCli('F24', 'check csvinj.csv', ['check', inj, '--format', 'csv'], { in: 2, out: csvRows });
const de = w('de_nums.csv', 'id,persons\n08111,630.305\n08115,1.234.567\n');
runCli('F11', 'allocate --budget 500.000', ['allocate', de, '--rule-set', 'bw-soforthilfe-2022', '--budget', '500.000', '--format', 'csv']);
runCli('F25', 'allocate --budget 10^30', ['allocate', de, '--rule-set', 'bw-soforthilfe-2022', '--budget', '1000000000000000000000000000000', '--format', 'csv']);
const dupid = w('alloc_dupid.csv', 'id,persons\nA,10\nA,20\n');
runCli('F29', 'allocate alloc_dupid.csv', ['allocate', dupid, '--rule-set', 'bw-soforthilfe-2022', '--format', 'csv']);

// ---- hostile rule sets ----------------------------------------------------------------------------
runCli('F3', 'validate /dev/zero', ['validate', '/dev/zero']);
const rdz = ruleSetDir('readme_devzero', scenario());
symlinkSync('/dev/zero', join(rdz, 'README.md'));
runCli('F3', 'validate readme_devzero', ['validate', rdz]);
const cdz = ruleSetDir('cases_devzero', scenario());
symlinkSync('/dev/zero', join(cdz, 'cases.json'));
runCli('F3', 'validate cases_devzero', ['validate', cdz]);
const fifo = ruleSetDir('rules_fifo', scenario());
spawnSync('mkfifo', [join(fifo, 'eligibility.rules.json')]);
runCli('F3', 'validate rules_fifo', ['validate', fifo]);
const ok = w('ok.csv', `${header}\n${row('K1')}\n`);
runCli('F3', 'check --rule-set /dev/urandom', ['check', ok, '--rule-set', '/dev/urandom']);
const many = ruleSetDir('manyfiles', scenario());
for (let i = 0; i < 100; i++) {
  const f = join(many, `x${i}.rules.json`);
  writeFileSync(f, '');
  truncateSync(f, 4_800_000);
}
runCli('F4', 'validate manyfiles (100 × 4.8 MB)', ['validate', many]);
const cyc = join(work, 'cycle');
mkdirSync(cyc);
ruleSetDir('cycle/a', scenario({ id: 'cyc-a', extends: 'cyc-b' }));
ruleSetDir('cycle/b', scenario({ id: 'cyc-b', extends: 'cyc-a' }));
runCli('F5', 'validate cycle', ['validate', cyc]);
runCli('F5', 'test cycle', ['test', cyc]);
const months = w('months_text_abc.json', JSON.stringify(scenario({ parameters: { counsellingLimitMonths: { unit: 'text', description: { de: 'x', en: 'x' }, values: [{ from: '2025-01-01', value: 'abc', source: 'user', confidence: 'assumed', note: 'n' }] } } })));
runCli('F9', 'check --rule-set months_text_abc.json', ['check', ok, '--rule-set', months, '--on', '2025-06-01']);
runCli('F9', 'compare months_text_abc.json bw-im-2023 --caseload', ['compare', months, 'bw-im-2023', '--caseload', ok]);
const r600 = ruleSetDir('readme_600m', scenario());
writeFileSync(join(r600, 'README.md'), '');
truncateSync(join(r600, 'README.md'), 600 * 1024 * 1024);
runCli('F12', 'validate readme_600m', ['validate', r600]);
const loops = join(work, 'tree_loops10');
mkdirSync(loops);
ruleSetDir('tree_loops10/a', scenario());
for (let i = 0; i < 10; i++) symlinkSync('.', join(loops, `l${i}`));
runCli('F13', 'validate tree_loops10', ['validate', loops]);
const toStr = w('param_toString.json', JSON.stringify(scenario({ parameters: { toString: { unit: 'text', description: { de: 'x', en: 'x' }, values: [{ from: '2025-01-01', value: 'x', source: 'user', confidence: 'assumed', note: 'n' }] } } })));
runCli('F14', 'compare param_toString.json bw-im-2023', ['compare', toStr, 'bw-im-2023']);
const inf = w('case_expected_1e309.json', JSON.stringify(scenario({ cases: [{ id: 'c', input: { id: 'a', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false }, on: '2025-03-01', expected: { eligible: true } }] })).replace('"eligible":true', '"eligible":1e309'));
runCli('F20', 'validate case_expected_1e309.json', ['validate', inf]);
runCli('F20', 'test case_expected_1e309.json', ['test', inf]);
w('lock_deep.json', `{"lockVersion":1,"ruleSets":[{"id":"bw-im-2025","content":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`);
runCli('F21', 'pin --check lock_deep.json', ['pin', '--check', 'lock_deep.json']);
w('lock_inf.json', '{"lockVersion":1,"packageVersion":"0.1.0","ruleSets":[{"id":"bw-im-2025","hash":"sha256:0","resolvedHash":"sha256:0","content":{"x":1e309}}]}');
runCli('F21', 'pin --check lock_inf.json', ['pin', '--check', 'lock_inf.json']);
const dang = join(work, 'tree_dangling');
mkdirSync(dang);
ruleSetDir('tree_dangling/a', scenario());
symlinkSync(join(work, 'nowhere'), join(dang, 'broken'));
runCli('F22', 'validate tree_dangling', ['validate', dang]);
symlinkSync('/etc/passwd', join(work, 'link_passwd'));
const leak = runCli('F27', 'validate link_passwd', ['validate', join(work, 'link_passwd')]);
if (/root:x/.test(leak.note)) leak.note = `LEAK: ${leak.note}`;

// ---- API matrix at the review's sizes --------------------------------------------------------------
setHugeStringLength(quick ? 1_000_000 : 10_000_000);
setDeepLevels(100_000);
const matrix = runMatrix();

// ---- money against BigInt ---------------------------------------------------------------------------
type Mode = 'half-up' | 'down' | 'up' | 'half-even';
function ruleSetWith(mode: Mode, step: '0.01' | '1'): LoadedRuleSet {
  const base = defaultRegistry().get('bw-soforthilfe-2022');
  const doc = JSON.parse(JSON.stringify(base?.document)) as Record<string, unknown>;
  delete doc.readme;
  doc.id = `battery-${mode}-${step === '1' ? 'euro' : 'cent'}`;
  doc.rounding = [{ appliesTo: 'allocation', step, mode, source: 'battery', confidence: 'assumed' }];
  const r = loadRuleSet(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.ruleSet;
}
function refRound(n: bigint, d: bigint, mode: Mode): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n || mode === 'down') return q;
  if (mode === 'up') return q + 1n;
  if (2n * r !== d) return 2n * r > d ? q + 1n : q;
  return mode === 'half-up' || q % 2n === 1n ? q + 1n : q;
}
const random = rng(42);
const big = (digits: number) => BigInt(Array.from({ length: digits }, (_, i) => (i === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10))).join(''));
let moneyCases = 0;
let moneyWrong = 0;
const sets = new Map<string, LoadedRuleSet>();
for (const m of ['half-up', 'down', 'up', 'half-even'] as Mode[]) for (const s of ['0.01', '1'] as const) sets.set(`${m}/${s}`, ruleSetWith(m, s));
const moneyRuns = quick ? 300 : 3000;
for (let k = 0; k < moneyRuns; k++) {
  const n = 1 + Math.floor(random() * 44);
  const weights = Array.from({ length: n }, () => (random() < 0.3 ? 1n : big(1 + Math.floor(random() * 9))));
  const tie = random() < 0.3;
  const budgetCents = tie ? BigInt(n) * big(1 + Math.floor(random() * 6)) * 50n : big(1 + Math.floor(random() * 28));
  const total = weights.reduce((a, b) => a + b, 0n);
  for (const [key, set] of sets) {
    const [mode, step] = key.split('/') as [Mode, '0.01' | '1'];
    const c = budgetCents.toString().padStart(3, '0');
    const budget = `${c.slice(0, -2)}.${c.slice(-2)}`;
    const r = allocate(weights.map((wt, i) => ({ id: `r${i}`, weight: wt.toString() })), { ruleSet: set, budget, method: 'proportional' });
    moneyCases++;
    if (!r.ok) {
      moneyWrong++;
      continue;
    }
    const stepCents = step === '1' ? 100n : 1n;
    r.rows.forEach((rw, i) => {
      const want = refRound(budgetCents * (weights[i] as bigint), total * stepCents, mode) * stepCents;
      if (!rw.ok || BigInt(rw.amount.replace('.', '')) !== want) moneyWrong++;
    });
  }
}

// ---- fuzz ---------------------------------------------------------------------------------------------
const fuzzResults: { name: string; runs: number; violations: number }[] = [];
for (const t of TARGETS) {
  const r = await fuzz(t, quick ? 2000 : 10_000, 7);
  fuzzResults.push({ name: t.name, runs: r.runs, violations: r.violations.length });
}
cleanup();
rmSync(work, { recursive: true, force: true });

// ---- report ---------------------------------------------------------------------------------------------
console.log('| finding | run | exit | ms | crash | hang | rows in → out | first line of stderr |');
console.log('|---|---|---|---|---|---|---|---|');
for (const o of outcomes) {
  const rows = o.rowsIn === null ? '' : `${o.rowsIn} → ${o.rowsOut ?? '—'}`;
  console.log(`| ${o.finding} | ${o.what} | ${o.code ?? 'killed'} | ${o.ms} | ${o.crash ? 'CRASH' : ''} | ${o.hang ? 'HANG' : ''} | ${rows} | ${o.note.replace(/\|/g, '/')} |`);
}
const rowsLost = outcomes.reduce((s, o) => s + (o.rowsIn !== null && o.rowsOut !== null ? Math.abs(o.rowsIn - o.rowsOut) : 0), 0);
const crashes = outcomes.filter((o) => o.crash).length;
const hangs = outcomes.filter((o) => o.hang).length;
const fuzzInputs = fuzzResults.reduce((s, f) => s + f.runs, 0);
const fuzzViolations = fuzzResults.reduce((s, f) => s + f.violations, 0);
const moneyCalls = moneyCases;
console.log('');
console.log(`CLI reproducers: ${outcomes.length} runs, rows lost or invented ${rowsLost}, crashes ${crashes}, hangs ${hangs}`);
console.log(`API matrix: ${matrix.calls} hostile calls, ${matrix.failures.length} contract violations${matrix.failures.length > 0 ? `: ${JSON.stringify(matrix.failures.slice(0, 5))}` : ''}`);
console.log(`Money: ${moneyCalls} allocations (${moneyRuns} random splits × 4 modes × 2 steps, ~30 % exact ties) vs BigInt, ${moneyWrong} amounts differ`);
console.log(`Fuzz: ${fuzzResults.map((f) => `${f.name} ${f.runs}`).join(', ')} inputs; ${fuzzViolations} contract violations`);
const inputs = outcomes.length + matrix.calls + moneyCalls + fuzzInputs;
console.log(`TOTAL inputs tried ${inputs}; rows lost ${rowsLost}; crashes ${crashes + matrix.failures.length + fuzzViolations}; hangs ${hangs}; money differences ${moneyWrong}`);
process.exit(rowsLost + crashes + hangs + matrix.failures.length + fuzzViolations + moneyWrong > 0 ? 1 : 0);
