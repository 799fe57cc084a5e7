import { createServer } from '../src/adapters/http/index.js';
import { generatePersons } from '../src/index.js';
const app = createServer();
const persons = generatePersons({ count: 100000, seed: 1, on: '2024-03-01' });
const payload = persons.map((p) => JSON.stringify(p)).join('\n') + '\n';
for (let r = 0; r < 2; r++) {
  const t = performance.now();
  const res = await app.inject({ method: 'POST', url: '/v1/eligibility:stream?on=2024-03-01', headers: { 'content-type': 'application/x-ndjson' }, payload });
  console.log('inject', res.statusCode, res.body.length, Math.round(100000 / ((performance.now() - t) / 1000)), '/s');
}
const addr = await app.listen({ port: 0 });
for (let r = 0; r < 2; r++) {
  const t = performance.now();
  const res = await fetch(addr + '/v1/eligibility:stream?on=2024-03-01', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: payload });
  const text = await res.text();
  console.log('socket', res.status, text.length, Math.round(100000 / ((performance.now() - t) / 1000)), '/s');
}
await app.close();
