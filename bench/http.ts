/**
 * `npm run bench:http` (also run by `npm run bench`) — the HTTP load run on loopback, bounded in
 * time (under 60 s on an idle 2-core machine): the service in a child process
 * (bench/http-server.ts), the load generator (autocannon) and the checks in this one, both sharing
 * the machine's cores.
 *
 * 1. sampled answers: 200 generated persons and 3 broken ones, each through POST /v1/eligibility
 *    and all of them through POST /v1/eligibility:batch, compared with the library;
 * 2. single checks: POST /v1/eligibility, 16 connections, 10 s → requests/s, p50, p99, errors,
 *    server CPU time per request;
 * 3. NDJSON: a warm-up stream of 20,000 persons (not measured), then 100,000 persons through
 *    POST /v1/eligibility:stream → persons/s, server CPU time per person (and how much of it in
 *    the kernel); every line compared with the library. The stream client is a plain socket that
 *    writes the pre-built request at once and keeps the answer bytes; reading and checking the
 *    answer comes after the clock stops, so the client takes little of the shared cores;
 * 4. server RSS, sampled every 200 ms throughout.
 *
 * Targets (DESIGN.md): ≥ 3,000 single requests/s at p99 < 50 ms; NDJSON ≥ 100,000 persons/s;
 * RSS < 200 MB under load. Exits 1 when an answer differs from the library or a request failed
 * (a target not met is reported, not an error: the figures depend on what else runs).
 * Options: `--duration <s>` (single checks, default 10; 0 skips them), `--persons <n>` (NDJSON,
 * default 100000), `--connections <n>` (default 16), `--json <file>`, `--profile <dir>` (write a
 * V8 CPU profile of the server there).
 */
import { fork } from 'node:child_process';
import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generatePersons } from '../src/index.js';
import { checkEligibility, checkEligibilityMany } from '../src/entry/untrusted.js';
import { Provenance, summary } from '../src/adapters/http/computations.js';
import { PACKAGE_VERSION } from '../src/ruleset/bundled.generated.js';
import { machine } from './lib.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    persons: { type: 'string' },
    connections: { type: 'string' },
    json: { type: 'string' },
    profile: { type: 'string' },
  },
});
const duration = Number(values.duration ?? 10);
const personCount = Number(values.persons ?? 100000);
const connections = Number(values.connections ?? 16);
const ON = '2024-03-01';
const BUDGET_S = 60;
const WARM_UP_PERSONS = 20000;
const startedAt = performance.now();
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

const here = dirname(fileURLToPath(import.meta.url));
const execArgv = values.profile !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
const child = fork(join(here, 'http-server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
const port = await new Promise<number>((resolve, reject) => {
  child.once('message', (m: { port?: number }) => (typeof m.port === 'number' ? resolve(m.port) : reject(new Error('no port'))));
  child.once('exit', (code) => reject(new Error(`server exited with ${String(code)}`)));
});
let maxRss = 0;
interface Cpu { cpu: number; user: number; system: number; gcMs: number }
const waiters: { rss: ((n: number) => void)[]; cpu: ((c: Cpu) => void)[] } = { rss: [], cpu: [] };
child.on('message', (m: { rss?: number; cpu?: number; user?: number; system?: number; gcMs?: number }) => {
  if (typeof m.rss === 'number') {
    maxRss = Math.max(maxRss, m.rss);
    waiters.rss.shift()?.(m.rss);
  }
  if (typeof m.cpu === 'number') waiters.cpu.shift()?.({ cpu: m.cpu, user: m.user ?? 0, system: m.system ?? 0, gcMs: m.gcMs ?? 0 });
});
const sampler = setInterval(() => child.send('rss'), 200);
function ask(what: 'rss'): Promise<number>;
function ask(what: 'cpu'): Promise<Cpu>;
function ask(what: 'rss' | 'cpu'): Promise<number | Cpu> {
  return new Promise((resolve) => {
    (waiters[what] as ((v: number | Cpu) => void)[]).push(resolve);
    child.send(what);
  });
}
/** CPU time (ms) of the server and of this process (the client) while `fn` runs, in all and in the kernel. */
async function cpuDuring<T>(fn: () => Promise<T>): Promise<{ value: T; serverCpuMs: number; serverSystemMs: number; serverGcMs: number; clientCpuMs: number; clientSystemMs: number }> {
  const s0 = await ask('cpu');
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  const s1 = await ask('cpu');
  return { value, serverCpuMs: (s1.cpu - s0.cpu) / 1000, serverSystemMs: (s1.system - s0.system) / 1000, serverGcMs: s1.gcMs - s0.gcMs, clientCpuMs: (c.user + c.system) / 1000, clientSystemMs: c.system / 1000 };
}

const base = `http://127.0.0.1:${port}`;
let failed = false;
const m = machine();
const loadAtStart = load();
console.log(`machine: ${m.cpu}; ${m.cores} cores; node ${m.node}; load average ${loadAtStart}`);
const idleRss = await ask('rss');

// 1. sampled answers, single and batch, against the library
const post = async (path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const samples: unknown[] = [
  ...generatePersons({ count: 200, seed: 7, on: ON }),
  { id: 'broken-1', residenceStatus: 'tolerated' },
  { id: 'broken-2', residenceStatus: 'no-such-status', accommodation: 'follow-up', displacedFromUkraine: false },
  { id: 'broken-3', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-02-30' },
];
let sampleDiffs = 0;
const libResults = samples.map((p) => checkEligibility(p, { on: ON, trace: false }) as unknown as { ok: boolean; issues?: unknown; [k: string]: unknown });
for (let i = 0; i < samples.length; i++) {
  const r = libResults[i] as (typeof libResults)[number];
  const got = await post(`/v1/eligibility?on=${ON}`, samples[i]);
  let same: boolean;
  if (r.ok) {
    const prov = new Provenance();
    const result = prov.take(r, false);
    same = got.status === 200 && isDeepStrictEqual(got.json, { packageVersion: PACKAGE_VERSION, ruleSets: prov.ruleSets(), assumptions: prov.allAssumptions(), result });
  } else {
    same = got.status === 422 && isDeepStrictEqual(got.json.issues, r.issues);
  }
  if (!same) sampleDiffs += 1;
}
const batch = await post(`/v1/eligibility:batch?on=${ON}`, { items: samples });
const batchResults = (batch.json.results ?? []) as unknown[];
for (let i = 0; i < samples.length; i++) {
  if (!isDeepStrictEqual(batchResults[i], summary(libResults[i] as { ok: boolean }))) sampleDiffs += 1;
}
if (batch.status !== 200 || batchResults.length !== samples.length) sampleDiffs += 1;
if (sampleDiffs > 0) {
  console.error(`${sampleDiffs} sampled answers (single or batch) differ from the library`);
  failed = true;
}

// 2. single checks under load
const person = { id: 'bench-1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' };
const body = JSON.stringify(person);
const cannon = (seconds: number) =>
  autocannon({
    url: `${base}/v1/eligibility?on=${ON}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
  });
const skipped = { errors: 0, timeouts: 0, non2xx: 0, requests: { average: 0, total: 0 }, latency: { p50: 0, p99: 0 } };
if (duration > 0) await cannon(2); // warm-up
const singleRun = await cpuDuring(async () => (duration > 0 ? await cannon(duration) : skipped));
const single = singleRun.value;
const singleErrors = single.errors + single.timeouts + single.non2xx;
if (singleErrors > 0) failed = true;
const loadAfterSingle = load();
// The answer under load is still the library's.
const after = await post(`/v1/eligibility?on=${ON}`, person);
if (!isDeepStrictEqual(after.json.result, summary(checkEligibility(person, { on: ON, trace: false }) as unknown as { ok: boolean }))) {
  console.error('the single answer after the load differs from the library');
  failed = true;
}

// 3. NDJSON stream
/**
 * The stream client: one HTTP/1.1 request on a plain socket, its head and the pre-built body
 * written at once; the socket reads the answer straight into one large buffer (no Buffer per
 * read; `into` is allocated and filled beforehand, so its pages are mapped). The clock stops at the last byte; reading the answer (status, chunked framing) and
 * checking it come after, so the client takes as little of the shared cores as it can.
 */
function streamOnce(body: Buffer, into: Buffer): Promise<{ ms: number; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const head = Buffer.from(
      `POST /v1/eligibility:stream?on=${ON} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/x-ndjson\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`,
    );
    let answer = into;
    let size = 0;
    const room = (): Buffer => {
      if (answer.length - size < 1 << 20) {
        const bigger = Buffer.allocUnsafe(answer.length * 2);
        answer.copy(bigger, 0, 0, size);
        answer = bigger;
      }
      return answer.subarray(size);
    };
    const t0 = performance.now();
    const took = (n: number): boolean => {
      size += n;
      return true;
    };
    const socket = connect({ port, host: '127.0.0.1', onread: { buffer: room, callback: took } });
    socket.on('end', () => resolve({ ms: performance.now() - t0, raw: answer.subarray(0, size) }));
    socket.on('error', reject);
    socket.write(head);
    socket.write(body);
  });
}
/** The body of a raw HTTP/1.1 answer: status 200 and chunked framing checked and removed. */
function answerBody(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end).toString('latin1');
  if (end < 0 || !head.startsWith('HTTP/1.1 200 ') || !/\r\ntransfer-encoding: chunked/i.test(head)) throw new Error(`unexpected answer: ${head.slice(0, 200)}`);
  const parts: Buffer[] = [];
  let at = end + 4;
  for (;;) {
    const nl = raw.indexOf('\r\n', at);
    const size = Number.parseInt(raw.subarray(at, nl).toString('latin1'), 16);
    if (!Number.isInteger(size) || nl < 0) throw new Error('broken chunked framing');
    if (size === 0) break;
    parts.push(raw.subarray(nl + 2, nl + 2 + size));
    at = nl + 2 + size + 2;
  }
  return Buffer.concat(parts).toString('utf8');
}
const ndjsonOf = (list: readonly unknown[]): Buffer => Buffer.from(`${list.map((p) => JSON.stringify(p)).join('\n')}\n`);
// A warm-up stream (not measured): a long-running server has compiled its hot code already.
const sinkFor = (body: Buffer): Buffer => Buffer.alloc(body.length * 6 + (1 << 20));
const warmUpBody = ndjsonOf(generatePersons({ count: WARM_UP_PERSONS, seed: 41, on: ON }));
const warmUp = answerBody((await streamOnce(warmUpBody, sinkFor(warmUpBody))).raw);
if (warmUp.split('\n').length !== WARM_UP_PERSONS + 1) {
  console.error('the warm-up stream did not answer every line');
  failed = true;
}
const persons = generatePersons({ count: personCount, seed: 42, on: ON });
const ndjson = ndjsonOf(persons);
const sink = sinkFor(ndjson);
let streamMs = 0;
const streamRun = await cpuDuring(async () => {
  const { ms, raw } = await streamOnce(ndjson, sink);
  streamMs = ms;
  return raw;
});
const answer = answerBody(streamRun.value);
const loadAfterStream = load();
const lines = answer.split('\n');
if (lines.at(-1) === '') lines.pop();
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
await ask('rss');
child.send('stop');

const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;
const elapsedS = Math.round((performance.now() - startedAt) / 100) / 10;
const result = {
  load: { start: loadAtStart, afterSingle: loadAfterSingle, afterStream: loadAfterStream },
  sampled: { answers: samples.length * 2 + 1, differing: sampleDiffs },
  single: {
    requestsPerSecond: Math.round(single.requests.average),
    p50Ms: single.latency.p50,
    p99Ms: single.latency.p99,
    requests: single.requests.total,
    errors: singleErrors,
    connections,
    seconds: duration,
    serverCpuMsPerRequest: single.requests.total > 0 ? Math.round((singleRun.serverCpuMs / single.requests.total) * 1000) / 1000 : null,
    clientCpuMs: Math.round(singleRun.clientCpuMs),
  },
  ndjson: {
    persons: personCount,
    seconds: Math.round(streamMs) / 1000,
    personsPerSecond: Math.round(personCount / (streamMs / 1000)),
    personsPerServerCpuSecond: Math.round(personCount / (streamRun.serverCpuMs / 1000)),
    serverCpuMs: Math.round(streamRun.serverCpuMs),
    serverCpuUsPerPerson: Math.round((streamRun.serverCpuMs / personCount) * 10000) / 10,
    serverSystemMs: Math.round(streamRun.serverSystemMs),
    serverGcPauseMs: Math.round(streamRun.serverGcMs),
    clientCpuMs: Math.round(streamRun.clientCpuMs),
    clientSystemMs: Math.round(streamRun.clientSystemMs),
    bytesOut: Buffer.byteLength(answer),
    differing: mismatches,
  },
  rss: { idleMB: mb(idleRss), maxMB: mb(maxRss) },
  elapsedSeconds: elapsedS,
};
const ok = (b: boolean): string => (b ? 'met' : 'NOT met');
const s = result.single;
const n = result.ndjson;
console.log('\nHTTP load run (loopback, client and server sharing the cores)');
console.log(`  sampled answers  ${result.sampled.answers} (single, batch, after the load), ${sampleDiffs} differ from the library`);
if (duration > 0) {
  console.log(`  single checks    ${s.requestsPerSecond} req/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, ${s.requests} requests, ${s.errors} errors, server CPU ${s.serverCpuMsPerRequest} ms/request  [target ≥ 3000 req/s at p99 < 50 ms: ${ok(s.requestsPerSecond >= 3000 && s.p99Ms < 50)}]  (load ${loadAfterSingle})`);
} else console.log('  single checks    skipped (--duration 0)');
console.log(`  NDJSON stream    ${n.personsPerSecond} persons/s (${personCount} persons in ${n.seconds} s; ${Math.round(n.bytesOut / personCount)} bytes/line), ${n.personsPerServerCpuSecond} persons per server CPU second (server CPU ${n.serverCpuMs} ms = ${n.serverCpuUsPerPerson} µs/person, ${n.serverSystemMs} ms of it in the kernel, ${n.serverGcPauseMs} ms in GC pauses; client CPU ${n.clientCpuMs} ms, ${n.clientSystemMs} ms in the kernel), ${mismatches} lines differ from the library  [target ≥ 100000 persons/s: ${ok(n.personsPerSecond >= 100000)}]  (load ${loadAfterStream})`);
console.log(`  server RSS       ${result.rss.idleMB} MB idle, ${result.rss.maxMB} MB max under load  [target < 200 MB: ${ok(result.rss.maxMB < 200)}]`);
console.log(`  whole run        ${elapsedS} s  [bound < ${BUDGET_S} s: ${ok(elapsedS < BUDGET_S)}]${failed ? '  — FAILED: see the errors above' : ''}`);
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify({ machine: m, ...result }, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
