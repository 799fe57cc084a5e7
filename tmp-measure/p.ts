import { HTTP_COMPUTATIONS, Provenance, summary } from '../src/adapters/http/computations.js';
import { ndjsonLines } from '../src/adapters/http/server.js';
import { defaultRegistry, generatePersons, checkEligibilityMany } from '../src/index.js';
const reg = defaultRegistry();
const c = HTTP_COMPUTATIONS[0]!;
const person = { id: 'p1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' };
const q = { on: '2024-03-01', lang: 'en' as const, explain: false };
for (let round = 0; round < 2; round++) {
  let t = performance.now();
  for (let i = 0; i < 10000; i++) { const r = c.one(person, q, reg); const p = new Provenance(); const res = p.take(r, false); JSON.stringify({ a: p.ruleSets(), b: p.allAssumptions(), res }); }
  console.log('single handler work per s', Math.round(10000 / ((performance.now() - t) / 1000)));
  const persons = generatePersons({ count: 100000, seed: 1, on: '2024-03-01' });
  t = performance.now();
  const lib = checkEligibilityMany(persons, { on: '2024-03-01', trace: false });
  console.log('checkEligibilityMany per s', Math.round(100000 / ((performance.now() - t) / 1000)));
  t = performance.now();
  lib.map((r) => JSON.stringify(summary(r as any)));
  console.log('summary+stringify per s', Math.round(100000 / ((performance.now() - t) / 1000)));
  const buf = Buffer.from(persons.map((p) => JSON.stringify(p)).join('\n') + '\n');
  t = performance.now();
  async function* chunks() { for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536); }
  let n = 0;
  for await (const ls of ndjsonLines(chunks(), 65536, 1 << 30)) { for (const l of ls) JSON.parse(l.text!); n += ls.length; }
  console.log('split+parse per s', Math.round(n / ((performance.now() - t) / 1000)));
}
