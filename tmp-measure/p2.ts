import { HTTP_COMPUTATIONS } from '../src/adapters/http/computations.js';
import { ndjsonLines } from '../src/adapters/http/server.js';
import { defaultRegistry, generatePersons, evaluateEligibilityBatch } from '../src/index.js';
const reg = defaultRegistry();
const c = HTTP_COMPUTATIONS[0]!;
const q = { on: '2024-03-01', lang: 'en' as const, explain: false };
const persons = generatePersons({ count: 100000, seed: 1, on: '2024-03-01' });
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  for (let i = 0; i < persons.length; i += 300) evaluateEligibilityBatch(persons.slice(i, i + 300), { on: '2024-03-01' });
  console.log('evaluateEligibilityBatch chunks of 300 per s', Math.round(100000 / ((performance.now() - t) / 1000)));
  t = performance.now();
  for (let i = 0; i < persons.length; i += 300) c.summaryLines!(persons.slice(i, i + 300), persons.slice(i, i + 300).map((_, j) => j), q, reg);
  console.log('summaryLines per s', Math.round(100000 / ((performance.now() - t) / 1000)));
}
