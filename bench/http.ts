/**
 * `npm run bench:http` (also run by `npm run bench`) — the HTTP load run on loopback, bounded in
 * time (about 40 s): the service in a child process (bench/http-server.ts), autocannon in this one,
 * both sharing the machine's cores.
 *
 * 1. single checks: POST /v1/eligibility, 16 connections, 10 s → requests/s, p50, p99, errors;
 * 2. NDJSON: 200,000 persons through POST /v1/eligibility:stream → persons/s;
 * 3. server RSS, sampled every 200 ms during both;
 * 4. results identical to the library (every NDJSON line, and the single answer).
 *
 * Targets (DESIGN.md): ≥ 3,000 single requests/s at p99 < 50 ms; NDJSON ≥ 100,000 persons/s;
 * RSS < 200 MB under load. Exits 1 when a result differs from the library or a request failed.
 * Options: `--duration <s>` (single checks, default 10), `--persons <n>` (NDJSON, default 200000),
 * `--connections <n>` (default 16), `--json <file>`.
 */
import { fork } from 'node:child_process';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { checkEligibility, checkEligibilityMany, generatePersons } from '../src/index.js';
import { summary } from '../src/adapters/http/computations.js';
import { machine } from './lib.js';

const { values } = parseArgs({
  options: { duration: { type: 'string' }, persons: { type: 'string' }, connections: { type: 'string' }, json: { type: 'string' } },
});
const duration = Number(values.duration ?? 10);
const personCount = Number(values.persons ?? 200000);
const connections = Number(values.connections ?? 16);
const ON = '2024-03-01';

const here = dirname(fileURLToPath(import.meta.url));
const child = fork(join(here, 'http-server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const port = await new Promise<number>((resolve, reject) => {
  child.once('message', (m: { port?: number }) => (typeof m.port === 'number' ? resolve(m.port) : reject(new Error('no port'))));
  child.once('exit', (code) => reject(new Error(`server exited with ${String(code)}`)));
});
let maxRss = 0;
const rssWaiters: ((n: number) => void)[] = [];
child.on('message', (m: { rss?: number }) => {
  if (typeof m.rss === 'number') {
    maxRss = Math.max(maxRss, m.rss);
    rssWaiters.shift()?.(m.rss);
  }
});
const sampler = setInterval(() => child.send('rss'), 200);
const rssNow = (): Promise<number> =>
  new Promise((resolve) => {
    rssWaiters.push(resolve);
    child.send('rss');
  });

const base = `http://127.0.0.1:${port}`;
let failed = false;
const m = machine();
console.log(`machine: ${m.cpu}; ${m.cores} cores; node ${m.node}; load average ${m.load}`);
const idleRss = await rssNow();

// 1. single checks
const person = { id: 'bench-1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' };
const body = JSON.stringify(person);
const one = await fetch(`${base}/v1/eligibility?on=${ON}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const oneJson = (await one.json()) as { result: unknown };
const expected = summary(checkEligibility(person, { on: ON, trace: false }) as unknown as { ok: boolean });
if (JSON.stringify(oneJson.result) !== JSON.stringify(expected)) {
  console.error('single answer differs from the library');
  failed = true;
}
const cannon = (seconds: number) =>
  autocannon({
    url: `${base}/v1/eligibility?on=${ON}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
  });
await cannon(2); // warm-up
const single = await cannon(duration);
const singleErrors = single.errors + single.timeouts + single.non2xx;
if (singleErrors > 0) failed = true;

// 2. NDJSON stream
const persons = generatePersons({ count: personCount, seed: 42, on: ON });
const ndjson = Buffer.from(`${persons.map((p) => JSON.stringify(p)).join('\n')}\n`);
const t0 = performance.now();
const text = await new Promise<string>((resolve, reject) => {
  const req = request(`${base}/v1/eligibility:stream?on=${ON}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } }, (res) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    res.on('error', reject);
  });
  req.on('error', reject);
  // Written in 64 KiB pieces, as a client streaming a file would.
  for (let i = 0; i < ndjson.length; i += 65536) req.write(ndjson.subarray(i, i + 65536));
  req.end();
});
const streamMs = performance.now() - t0;
const lines = text.split('\n').filter((l) => l !== '');
const lib = checkEligibilityMany(persons, { on: ON, trace: false });
let mismatches = 0;
for (let i = 0; i < lib.length; i++) {
  const want = JSON.stringify({ line: i + 1, ...summary(lib[i] as unknown as { ok: boolean }) });
  if (lines[i] !== want) mismatches += 1;
}
if (lines.length !== persons.length || mismatches > 0) {
  console.error(`NDJSON: ${lines.length} lines for ${persons.length} persons, ${mismatches} differ from the library`);
  failed = true;
}
clearInterval(sampler);
await rssNow();
child.send('stop');

const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;
const result = {
  single: {
    requestsPerSecond: Math.round(single.requests.average),
    p50Ms: single.latency.p50,
    p99Ms: single.latency.p99,
    requests: single.requests.total,
    errors: singleErrors,
    connections,
    seconds: duration,
  },
  ndjson: { persons: personCount, seconds: Math.round(streamMs) / 1000, personsPerSecond: Math.round(personCount / (streamMs / 1000)), differing: mismatches },
  rss: { idleMB: mb(idleRss), maxMB: mb(maxRss) },
};
const ok = (b: boolean): string => (b ? 'met' : 'NOT met');
console.log('\nHTTP load run (loopback, client and server sharing the cores)');
console.log(`  single checks   ${result.single.requestsPerSecond} req/s, p50 ${result.single.p50Ms} ms, p99 ${result.single.p99Ms} ms, ${result.single.requests} requests, ${result.single.errors} errors  [target ≥ 3000 req/s at p99 < 50 ms: ${ok(result.single.requestsPerSecond >= 3000 && result.single.p99Ms < 50)}]`);
console.log(`  NDJSON stream   ${result.ndjson.personsPerSecond} persons/s (${personCount} persons in ${result.ndjson.seconds} s), ${mismatches} lines differ from the library  [target ≥ 100000 persons/s: ${ok(result.ndjson.personsPerSecond >= 100000)}]`);
console.log(`  server RSS      ${result.rss.idleMB} MB idle, ${result.rss.maxMB} MB max under load  [target < 200 MB: ${ok(result.rss.maxMB < 200)}]`);
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify({ machine: m, ...result }, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
