/**
 * Fuzz targets, one per reader the library or CLI has (issue 13): CSV, JSON array, JSONL, XLSX, a
 * rule-set directory, a lock file. Each takes bytes and checks the reader's contract: it ends
 * (no hang), throws nothing but a CliError with exit status 2 (the input as a whole is unreadable),
 * numbers rows 1, 2, 3, … and leaves Object.prototype alone. Mutation-based: inputs are seed files
 * with bytes inserted, deleted, replaced, spliced and special tokens dropped in.
 *
 * Used by test/fuzz/readers.fuzz.test.ts (briefly, plus every crash ever found in
 * test/fuzz/corpus/) and by `npm run fuzz -- SECONDS` (scripts/fuzz.ts, longer).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readRows, type InputFormat } from '../../src/cli/input.js';
import { CliError } from '../../src/cli/context.js';
import { loadRuleSetsFromPath } from '../../src/cli/rulesets.js';
import { readJsonFile } from '../../src/cli/commands/pin.js';
import { checkPins } from '../../src/pin/pin.js';

const root = join(import.meta.dirname, '..', '..');

/** A tiny deterministic random source (mulberry32), so a seed reproduces a run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['"', '""', '\r', '\n', '\r\n', ',', ';', '\t', '{', '}', '[', ']', ':', '\uFEFF', '\u0000', '__proto__', 'constructor', '9999-12-31', '1e309', '-0', 'NaN', '\\', '\\u0000', 'ä', '\uD800', '"}', '},{', '=1+1'];

/** One mutation of `input`: 1–8 random edits. */
export function mutate(input: Uint8Array, random: () => number): Uint8Array {
  let b = Buffer.from(input);
  const edits = 1 + Math.floor(random() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (b.length + 1));
    const op = Math.floor(random() * 6);
    if (op === 0 && b.length > 0) b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + Math.floor(random() * 16)))]);
    else if (op === 1) b = Buffer.concat([b.subarray(0, at), Buffer.from(TOKENS[Math.floor(random() * TOKENS.length)] as string), b.subarray(at)]);
    else if (op === 2 && b.length > 0) b[Math.min(at, b.length - 1)] = Math.floor(random() * 256);
    else if (op === 3 && b.length > 0) {
      const from = Math.floor(random() * b.length);
      const piece = b.subarray(from, from + 1 + Math.floor(random() * 64));
      b = Buffer.concat([b.subarray(0, at), piece, b.subarray(at)]);
    } else if (op === 4) b = Buffer.concat([b.subarray(0, at), Buffer.from(random() < 0.5 ? '\r\n' : '\n'), b.subarray(at)]);
    else b = b.subarray(0, at);
  }
  return new Uint8Array(b);
}

/** Splits bytes into 1–6 chunks at random points (the reader must not care where). */
function chunks(bytes: Uint8Array, random: () => number): Buffer[] {
  const cuts = Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * (bytes.length + 1))).sort((x, y) => x - y);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(Buffer.from(bytes.subarray(prev, c)));
    prev = c;
  }
  return out;
}

/** A fuzz target: the seeds it mutates, and a check that throws on a contract violation. */
export interface FuzzTarget {
  name: string;
  seeds: () => Uint8Array[];
  run: (input: Uint8Array, random: () => number) => Promise<void>;
}

/** Thrown when a target's contract is broken (the input is then kept as a regression fixture). */
export class ContractViolation extends Error {}

function protoClean(): boolean {
  return Object.getOwnPropertyNames(Object.prototype).length === PROTO_KEYS && Object.keys(Object.prototype).length === 0;
}
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).length;

function fixtures(ext: string): Uint8Array[] {
  const dir = join(root, 'test', 'fixtures', 'cli');
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => new Uint8Array(readFileSync(join(dir, f))));
}

async function rowsTarget(format: InputFormat, input: Uint8Array, random: () => number): Promise<void> {
  const stream = Readable.from(chunks(input, random));
  let expected = 1;
  try {
    for await (const row of readRows({ name: `fuzz.${format}`, format, stream }, { fields: { id: 'string', residenceStatus: 'string', accommodation: 'string', displacedFromUkraine: 'boolean', followUpSince: 'string', on: 'string' } })) {
      if (row.row !== expected) throw new ContractViolation(`row numbers not consecutive: ${row.row} after ${expected - 1}`);
      if (!Array.isArray(row.issues)) throw new ContractViolation('row without issues list');
      if (row.issues.length === 0 && row.value === undefined) throw new ContractViolation('a row without issues has no value');
      expected++;
    }
  } catch (e) {
    if (e instanceof ContractViolation) throw e;
    if (!(e instanceof CliError) || e.exitCode !== 2) throw new ContractViolation(`threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e)}`);
  }
  if (!protoClean()) throw new ContractViolation('Object.prototype changed');
}

let scratch: string | null = null;
function scratchDir(): string {
  if (scratch === null) scratch = mkdtempSync(join(tmpdir(), 'foerderregeln-fuzz-'));
  return scratch;
}

/** Bundled rule-set directories as seeds: the files of one, as one JSON object of name → text. */
function ruleSetSeeds(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const base = join(root, 'rules');
  for (const programme of readdirSync(base)) {
    for (const id of readdirSync(join(base, programme))) {
      const dir = join(base, programme, id);
      const files: Record<string, string> = {};
      for (const f of readdirSync(dir)) if (f.endsWith('.json')) files[f] = readFileSync(join(dir, f), 'utf8');
      out.push(new Uint8Array(Buffer.from(JSON.stringify(files))));
    }
  }
  return out.slice(0, 4);
}

/**
 * The rule-set directory target: the input is a JSON object of file name → content (when the
 * mutation broke that, the bytes become ruleset.json itself). A few entries become symlinks to
 * `/dev/zero` or to the directory itself, so those paths are fuzzed too.
 */
async function ruleSetDirTarget(input: Uint8Array, random: () => number): Promise<void> {
  await Promise.resolve();
  const dir = join(scratchDir(), `rs-${Math.floor(random() * 1e9)}`);
  mkdirSync(dir, { recursive: true });
  try {
    let files: Record<string, unknown>;
    try {
      const parsed = JSON.parse(Buffer.from(input).toString('utf8')) as unknown;
      files = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { 'ruleset.json': Buffer.from(input).toString('utf8') };
    } catch {
      files = { 'ruleset.json': Buffer.from(input).toString('utf8') };
    }
    let n = 0;
    for (const [name, content] of Object.entries(files)) {
      if (n++ > 20) break;
      const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'x';
      if (safe === '.' || safe === '..') continue;
      const r = random();
      if (r < 0.03) symlinkSync('/dev/zero', join(dir, safe));
      else if (r < 0.05) symlinkSync(dir, join(dir, safe));
      else writeFileSync(join(dir, safe), typeof content === 'string' ? content : JSON.stringify(content));
    }
    try {
      const r = loadRuleSetsFromPath(dir);
      for (const p of r.problems) if (p.issues.length === 0) throw new ContractViolation('a problem without issues');
    } catch (e) {
      if (e instanceof ContractViolation) throw e;
      if (!(e instanceof CliError) || e.exitCode !== 2) throw new ContractViolation(`threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!protoClean()) throw new ContractViolation('Object.prototype changed');
}

/** The lock-file target: the bytes as a lock file, read like `pin --check` reads it. */
async function lockTarget(input: Uint8Array): Promise<void> {
  await Promise.resolve();
  const path = join(scratchDir(), 'fuzz.lock.json');
  writeFileSync(path, input);
  try {
    const r = checkPins(readJsonFile(path));
    if (!r.ok && r.issues.length === 0) throw new ContractViolation('ok:false without issues');
  } catch (e) {
    if (e instanceof ContractViolation) throw e;
    if (!(e instanceof CliError) || e.exitCode !== 2) throw new ContractViolation(`threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e)}`);
  }
  if (!protoClean()) throw new ContractViolation('Object.prototype changed');
}

/**
 * XLSX seeds: each workbook of test/fixtures/excel as a JSON object of part name → XML text, so
 * that mutations land inside the sheets, shared strings, styles and relationships of a valid
 * archive (a mutated archive's bytes would mostly fail its checksums and test only that).
 */
function xlsxSeeds(): Uint8Array[] {
  const dir = join(root, 'test', 'fixtures', 'excel');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => {
      const parts = unzipSync(new Uint8Array(readFileSync(join(dir, f))));
      return strToU8(JSON.stringify(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strFromU8(v)]))));
    });
}

/**
 * The XLSX target: the input as part name → text is packed into a workbook (when the mutation
 * broke the JSON, the bytes themselves are the file) and read like `check` reads a workbook.
 */
async function xlsxTarget(input: Uint8Array, random: () => number): Promise<void> {
  let bytes: Uint8Array = input;
  try {
    const parts = JSON.parse(strFromU8(input)) as unknown;
    if (parts !== null && typeof parts === 'object' && !Array.isArray(parts)) {
      const files: Record<string, Uint8Array> = {};
      for (const [k, v] of Object.entries(parts)) files[k] = strToU8(typeof v === 'string' ? v : JSON.stringify(v));
      bytes = zipSync(files, { level: random() < 0.5 ? 0 : 6 });
    }
  } catch {
    // not JSON any more: read the bytes as they are
  }
  await rowsTarget('xlsx', bytes, random);
}

/** Every fuzz target. */
export const TARGETS: FuzzTarget[] = [
  { name: 'csv', seeds: () => fixtures('.csv'), run: (b, r) => rowsTarget('csv', b, r) },
  { name: 'json-array', seeds: () => fixtures('.json'), run: (b, r) => rowsTarget('json', b, r) },
  { name: 'jsonl', seeds: () => fixtures('.jsonl'), run: (b, r) => rowsTarget('jsonl', b, r) },
  { name: 'xlsx', seeds: xlsxSeeds, run: xlsxTarget },
  { name: 'ruleset-dir', seeds: ruleSetSeeds, run: ruleSetDirTarget },
  {
    name: 'lock-file',
    seeds: () => [new Uint8Array(readFileSync(join(root, 'foerderregeln.lock.json')).subarray(0, 200_000)), new Uint8Array(Buffer.from('{"lockVersion":1,"ruleSets":[]}'))],
    run: (b) => lockTarget(b),
  },
];

/** Where the crashes each target ever found are kept (replayed by the test suite). */
export const CORPUS_DIR = join(root, 'test', 'fuzz', 'corpus');

/** The kept crash inputs of a target. */
export function corpus(target: string): { name: string; bytes: Uint8Array }[] {
  const dir = join(CORPUS_DIR, target);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith('.') && n !== 'README.md').map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

/**
 * Runs one target for `ms` milliseconds (or `maxRuns` inputs) from `seed`. Returns the inputs
 * tried and the violations found (input bytes and message).
 */
export async function fuzz(
  target: FuzzTarget,
  ms: number,
  seed: number,
  maxRuns = Infinity,
  /** Called with each input before it runs (e.g. to keep it on disk in case the process dies). */
  beforeRun?: (input: Uint8Array) => void,
): Promise<{ runs: number; violations: { bytes: Uint8Array; message: string }[] }> {
  const random = rng(seed);
  const seeds = target.seeds();
  const violations: { bytes: Uint8Array; message: string }[] = [];
  const end = performance.now() + ms;
  let runs = 0;
  while (performance.now() < end && runs < maxRuns) {
    const base = seeds[Math.floor(random() * seeds.length)] ?? new Uint8Array();
    const input = mutate(base, random);
    runs++;
    beforeRun?.(input);
    try {
      await target.run(input, random);
    } catch (e) {
      violations.push({ bytes: input, message: e instanceof Error ? e.message : String(e) });
      if (violations.length >= 20) break;
    }
  }
  return { runs, violations };
}

/** Removes the scratch directory. */
export function cleanup(): void {
  if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
}
