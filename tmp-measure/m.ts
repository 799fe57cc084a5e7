import http from 'node:http';
import Fastify from 'fastify';
import autocannon from 'autocannon';
import { checkEligibility } from '../src/index.js';
const person = { id: 'p1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' };
const body = JSON.stringify(person);
function handle(p: unknown) { return JSON.stringify(checkEligibility(p, { on: '2024-03-01', trace: false })); }
async function run(port: number, name: string) {
  const r = await autocannon({ url: `http://127.0.0.1:${port}/v1/eligibility`, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 16, duration: 4 });
  console.log(name, 'req/s', r.requests.average, 'p50', r.latency.p50, 'p99', r.latency.p99, 'errors', r.errors, r.non2xx);
}
const raw = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => { const out = handle(JSON.parse(Buffer.concat(chunks).toString('utf8'))); res.writeHead(200, { 'content-type': 'application/json' }); res.end(out); });
});
await new Promise<void>((r) => raw.listen(9101, '127.0.0.1', r));
await run(9101, 'node:http');
raw.close();
const f = Fastify({ logger: false });
f.post('/v1/eligibility', async (req, reply) => { reply.type('application/json'); return handle(req.body); });
await f.listen({ port: 9102, host: '127.0.0.1' });
await run(9102, 'fastify');
await f.close();
