/**
 * The service on a real loopback socket: a chunked NDJSON upload answered line by line, a
 * slow-loris connection cut by the header timeout while others are served, graceful close with a
 * request in flight, and `foerderregeln serve` started and stopped with SIGTERM.
 */
import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from '../../../src/adapters/http/index.js';
import { generatePersons } from '../../../src/index.js';

const root = join(import.meta.dirname, '../../..');
const person = { id: 'p1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followUpSince: '2023-07-01' };

describe('on a real socket', () => {
  it('answers a single check and streams NDJSON results while the upload is still going', async () => {
    const app = createServer();
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const one = await fetch(`${base}/v1/eligibility?on=2024-03-01`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(person) });
      expect(one.status).toBe(200);
      expect(one.headers.get('foerderregeln-version')).toMatch(/^\d+\.\d+\.\d+/);

      // Send the first half, wait for its answers to arrive, then send the rest.
      const persons = generatePersons({ count: 2000, seed: 3, on: '2024-03-01' });
      const lines = persons.map((p) => `${JSON.stringify(p)}\n`);
      const received: string[] = [];
      let firstAnswerBeforeEnd = false;
      let ended = false;
      await new Promise<void>((resolve, reject) => {
        const req = request(`${base}/v1/eligibility:stream?on=2024-03-01`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } }, (res) => {
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            if (!ended) firstAnswerBeforeEnd = true;
            received.push(c);
            if (!ended) {
              ended = true;
              req.end(lines.slice(1000).join(''));
            }
          });
          res.on('end', resolve);
          res.on('error', reject);
        });
        req.on('error', reject);
        req.write(lines.slice(0, 1000).join(''));
      });
      expect(firstAnswerBeforeEnd).toBe(true);
      const out = received.join('').trimEnd().split('\n');
      expect(out).toHaveLength(2000);
      expect((JSON.parse(out[1999] as string) as { line: number }).line).toBe(2000);
    } finally {
      await app.close();
    }
  });

  it('cuts a slow-loris connection after the header timeout and keeps serving others', async () => {
    const app = createServer({ limits: { headersTimeoutMs: 500, requestTimeoutMs: 1000 } });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(base).port);
    try {
      const slow = connect(port, '127.0.0.1');
      const state = { closed: false };
      let answer = '';
      slow.on('data', (d: Buffer) => (answer += d.toString('utf8')));
      slow.on('close', () => (state.closed = true));
      slow.on('error', () => undefined);
      await new Promise<void>((r) => slow.once('connect', () => r()));
      slow.write('POST /v1/eligibility HTTP/1.1\r\nHost: x\r\n');
      // Trickle one header byte at a time, never finishing the headers.
      const trickle = setInterval(() => {
        if (!state.closed) slow.write('X');
      }, 100);
      const ok = await fetch(`${base}/healthz`);
      expect(ok.status).toBe(200);
      const started = Date.now();
      while (!state.closed && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 50));
      clearInterval(trickle);
      expect(state.closed).toBe(true);
      expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('close() answers the request in flight before it stops', async () => {
    const app = createServer();
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const lines = generatePersons({ count: 2000, seed: 5, on: '2024-03-01' }).map((p) => `${JSON.stringify(p)}\n`);
    let closing: Promise<undefined> | undefined;
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(`${base}/v1/eligibility:stream?on=2024-03-01`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          received.push(c);
          if (closing === undefined) {
            // The request is being answered: stop the server, then send the rest.
            closing = app.close();
            setTimeout(() => req.end(lines.slice(1000).join('')), 100);
          }
        });
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.write(lines.slice(0, 1000).join(''));
    });
    expect(received.join('').trimEnd().split('\n')).toHaveLength(2000);
    await closing;
  });

  it('foerderregeln serve listens, answers, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/bin.ts'), 'serve', '--port', '0', '--lang', 'en'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address: ${stderr}`)), 30000);
      child.stderr.on('data', (d: string) => {
        stderr += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${String(code)}: ${stderr}`)));
    });
    const ready = await fetch(`${address}/readyz`);
    expect(ready.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(stderr).toContain('shutting down');
  });

  it('foerderregeln serve refuses a bad port and a short token with exit 2', async () => {
    const run = (args: string[]) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/bin.ts'), 'serve', ...args], { cwd: root, stdio: 'ignore' });
        child.on('exit', (c) => resolve(c));
      });
    expect(await run(['--port', '99999'])).toBe(2);
    expect(await run(['--token-file', join(root, 'package.json'), '--port', 'x'])).toBe(2);
  });
});
