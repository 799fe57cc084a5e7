import { HTTP_COMPUTATIONS } from '../src/adapters/http/computations.js';
import { streamResults, DEFAULT_LIMITS } from '../src/adapters/http/server.js';
import { defaultRegistry, generatePersons } from '../src/index.js';
const reg = defaultRegistry();
const c = HTTP_COMPUTATIONS[0]!;
const q = { on: '2024-03-01', lang: 'en' as const, explain: false };
const persons = generatePersons({ count: 100000, seed: 1, on: '2024-03-01' });
const buf = Buffer.from(persons.map((p) => JSON.stringify(p)).join('\n') + '\n');
async function* chunks() { for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536); }
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  let n = 0;
  for await (const s of streamResults(chunks(), q, DEFAULT_LIMITS, () => [], (items, lines) => c.summaryLines!(items, lines, q, reg))) n += s.length;
  console.log('pipeline', n, Math.round(100000 / ((performance.now() - t) / 1000)), '/s');
}
