import { createServer } from '../src/adapters/http/index.js';
import { readFileSync } from 'node:fs';
const app = createServer();
let r = await app.inject({ method: 'POST', url: '/v1/allocations?ruleSet=bw-im-2017', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ recipients: [{ id: 'Tettnang', persons: 166 }, { id: 'Neukirch', persons: 13 }], method: 'largest-remainder' }) });
console.log(r.statusCode, r.body.slice(0, 600));
const lock = JSON.parse(readFileSync('foerderregeln.lock.json', 'utf8'));
lock.ruleSets[0].resolvedHash = 'sha256:' + '1'.repeat(64);
r = await app.inject({ method: 'POST', url: '/v1/pins:check', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(lock) });
console.log(r.statusCode, r.body.slice(0, 600));
