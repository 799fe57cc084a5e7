/**
 * The server side of the HTTP load run (bench/http.ts): the service on a free loopback port in its
 * own process, so that its RSS and CPU time are measured apart from the load generator. Talks over
 * IPC: sends `{ port }` once listening, answers `'rss'` with `{ rss }` and `'cpu'` with `{ cpu, user, system, gcMs }`
 * (CPU time in µs since start: user + system, and each; garbage-collection pauses in ms), stops on `'stop'`.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { createServer } from '../src/adapters/http/index.js';

/** Time spent in garbage-collection pauses, in ms since start. */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

const app = createServer();
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const port = Number(new URL(address).port);
process.send?.({ port });
process.on('message', (m) => {
  if (m === 'rss') process.send?.({ rss: process.memoryUsage().rss });
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send?.({ cpu: u.user + u.system, user: u.user, system: u.system, gcMs });
  }
  if (m === 'stop') void app.close().then(() => process.exit(0));
});
