/**
 * The HTTP service: `createServer(options)` builds a Fastify instance with every route of the HTTP
 * contract (DESIGN.md). It computes with the library's public functions only; one generic set of
 * routes (single, batch, NDJSON stream) serves every declared computation.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { createServer as createHttpServer } from 'node:http';
import sjson from 'secure-json-parse';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { checkPins } from '../../pin/pin.js';
import { diffRuleSets, type RuleSetDiff } from '../../compare/diff.js';
import { defaultRegistry, RuleSetRegistry } from '../../versions/registry.js';
import { listRuleSets, resolveRuleSet, type RuleSetRef, type RuleSetSummary } from '../../versions/select.js';
import type { Issue } from '../../issues.js';
import { compareImpact } from '../../compare/impact.js';
import { renderImpactHtml } from '../../compare/html.js';
import { runCases } from '../../testing/cases.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../ruleset/bundled.generated.js';
import { HTTP_COMPUTATIONS, isRecord, Provenance, type ComputeQuery, type HttpComputation } from './computations.js';
import { LineEncoder } from './encode.js';
import { HttpProblem, problemBody, problems, PROBLEM_TYPE } from './problem.js';
import { httpIssueOf, httpMessage } from '../../messages/http.js';
import { namedSchemas, publishedJsonSchema } from './schemas.js';
import { openApiDocument } from './openapi.js';

/** Limits of the service; every one has a default. */
export interface HttpLimits {
  /** Largest body of a single computation, compare or pin request, in bytes (default 1 MiB). */
  singleBodyBytes: number;
  /** Largest body of a batch request, in bytes (default 16 MiB). */
  batchBodyBytes: number;
  /** Most items in a batch (default 10,000). */
  batchItems: number;
  /** Longest line of an NDJSON stream, in bytes (default 64 KiB); a longer line is an ok: false line. */
  streamLineBytes: number;
  /** Largest NDJSON body in bytes (default 1 GiB); beyond it the answer ends with an ok: false line. */
  streamBodyBytes: number;
  /** Time to receive the request headers, in ms (default 10 s: slow-loris connections are cut). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, in ms (default 120 s). */
  requestTimeoutMs: number;
  /** Idle time of a keep-alive connection, in ms (default 5 s). */
  keepAliveTimeoutMs: number;
  /** Idle time of a socket before it is closed, in ms (default 30 s). */
  connectionTimeoutMs: number;
}

/** The default limits. */
export const DEFAULT_LIMITS: Readonly<HttpLimits> = Object.freeze({
  singleBodyBytes: 1024 * 1024,
  batchBodyBytes: 16 * 1024 * 1024,
  batchItems: 10000,
  streamLineBytes: 64 * 1024,
  streamBodyBytes: 1024 * 1024 * 1024,
  headersTimeoutMs: 10000,
  requestTimeoutMs: 120000,
  keepAliveTimeoutMs: 5000,
  connectionTimeoutMs: 30000,
});

/** Options of {@link createServer}. */
export interface ServerOptions {
  /** Rule sets to serve; default the bundled ones. */
  registry?: RuleSetRegistry;
  /** A bearer token every /v1 request must carry (`Authorization: Bearer …`); default none. */
  token?: string;
  /** Origins allowed to call from a browser (CORS); default none (CORS off). */
  cors?: readonly string[];
  /** A lock file (`foerderregeln pin`): /readyz fails when a pinned rule set changed. */
  lock?: unknown;
  limits?: Partial<HttpLimits>;
  /** Fastify's logger (pino) options or true; default off. */
  logger?: boolean | Record<string, unknown>;
}

const JSON_TYPE = 'application/json';
const NDJSON_TYPE = 'application/x-ndjson';

interface Ctx {
  registry: RuleSetRegistry;
  limits: HttpLimits;
  summaries: RuleSetSummary[];
  byId: Map<string, RuleSetSummary>;
  byHash: Map<string, RuleSetSummary>;
}

/**
 * Builds the HTTP service. Call `listen({ port, host })` to serve, `inject()` to test in-process,
 * `close()` to stop (requests in flight are finished first).
 *
 * @example
 * import { createServer } from 'foerderregeln/http';
 * const app = createServer({ cors: ['https://caseworker.example'] });
 * await app.listen({ port: 8080, host: '127.0.0.1' });
 */
export function createServer(options: ServerOptions = {}): FastifyInstance {
  const limits: HttpLimits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const registry = options.registry ?? defaultRegistry();
  if (!(registry instanceof RuleSetRegistry)) throw new TypeError('registry must be a RuleSetRegistry');
  const summaries = listRuleSets(registry);
  const ctx: Ctx = {
    registry,
    limits,
    summaries,
    byId: new Map(summaries.map((s) => [s.id, s])),
    byHash: new Map(summaries.map((s) => [s.hash.replace(/^sha256:/, ''), s])),
  };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.singleBodyBytes,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    // Node checks header and request timeouts every connectionsCheckingInterval (default 30 s):
    // check often enough that a slow-loris connection is cut close to the header timeout.
    serverFactory: (handler) =>
      createHttpServer(
        {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2))),
        },
        handler,
      ),
  });

  // JSON bodies: parsed here so that a syntax error names its position and a prototype-poisoning
  // key (`__proto__`, `constructor.prototype`) gets its own problem.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.length === 0) {
      done(problems.malformed('the body is empty'), undefined);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (e) {
      done(problems.malformed((e as Error).message.slice(0, 200)), undefined);
      return;
    }
    try {
      if (value !== null && typeof value === 'object') sjson.scan(value, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      done(problems.forbiddenKey(), undefined);
      return;
    }
    done(null, value);
  });
  // NDJSON bodies reach the handler as a stream; it reads them line by line.
  app.addContentTypeParser(NDJSON_TYPE, (_req, payload, done) => {
    done(null, payload);
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('foerderregeln-version', PACKAGE_VERSION);
    reply.header('x-content-type-options', 'nosniff');
    const origin = req.headers.origin;
    if (options.cors !== undefined && typeof origin === 'string' && options.cors.includes(origin)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      reply.header('access-control-expose-headers', 'ETag, Foerderregeln-Version, Foerderregeln-Rule-Sets');
    }
    if (options.token !== undefined && req.url.startsWith('/v1/') && req.method !== 'OPTIONS') {
      if (!bearerMatches(req.headers.authorization, options.token)) throw problems.unauthorized();
    }
  });

  if (options.cors !== undefined && options.cors.length > 0) {
    app.options('/*', async (req, reply) => {
      const origin = req.headers.origin;
      if (typeof origin === 'string' && options.cors?.includes(origin)) {
        reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
        reply.header('access-control-allow-headers', 'Content-Type, Authorization, If-None-Match, Accept');
        reply.header('access-control-max-age', '600');
      }
      return reply.code(204).send();
    });
  }

  app.setErrorHandler((err: unknown, req, reply) => {
    const lang = langOf(req);
    const p = toProblem(err, limits, req);
    if (p.status >= 500) req.log.error({ err }, 'unexpected error');
    void reply.code(p.status).headers(p.headers).type(PROBLEM_TYPE).send(JSON.stringify(problemBody(p, lang, PACKAGE_VERSION, req.url.split('?')[0])));
  });
  app.setNotFoundHandler((req, reply) => {
    const p = problems.notFound(httpMessage('invalid-input.no-resource', { method: req.method, path: req.url.split('?')[0] ?? '' }));
    void reply.code(404).type(PROBLEM_TYPE).send(JSON.stringify(problemBody(p, langOf(req), PACKAGE_VERSION)));
  });

  registerOperations(app, ctx, options);
  registerDocuments(app);
  registerRuleSets(app, ctx);
  for (const c of HTTP_COMPUTATIONS) registerComputation(app, ctx, c);
  registerCompare(app, ctx);
  return app;
}

// ---------------------------------------------------------------------------------------------
// helpers

function bearerMatches(header: string | undefined, token: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const given = createHash('sha256').update(header.slice(7).trim()).digest();
  const want = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, want);
}

function langOf(req: FastifyRequest): 'de' | 'en' {
  const q = req.query as Record<string, unknown> | undefined;
  if (q !== undefined && q.lang === 'de') return 'de';
  if (q !== undefined && q.lang === 'en') return 'en';
  const al = req.headers['accept-language'];
  return typeof al === 'string' && /^\s*de\b/i.test(al) ? 'de' : 'en';
}

function toProblem(err: unknown, limits: HttpLimits, req: FastifyRequest): HttpProblem {
  if (err instanceof HttpProblem) return err;
  const e = err as { code?: unknown; statusCode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problems.tooLarge(req.routeOptions.bodyLimit);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return problems.mediaType(JSON_TYPE, req.headers['content-type']);
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return problems.malformed('the body is empty');
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return problems.malformed(message.slice(0, 200));
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new HttpProblem(e.statusCode, 'bad-request', httpMessage('http.bad-request'), [httpIssueOf('invalid-input.bad-request', [], { code: { de: '', en: code !== '' ? ` (${code})` : '' } })]);
  }
  return problems.internal();
}

/** Sends JSON with the version headers; `sets` fills Foerderregeln-Rule-Sets. */
function sendJson(reply: FastifyReply, body: unknown, sets: readonly RuleSetRef[] = [], status = 200): FastifyReply {
  if (sets.length > 0) reply.header('foerderregeln-rule-sets', ruleSetsHeader(sets));
  return reply.code(status).type(JSON_TYPE).send(JSON.stringify(body));
}

function ruleSetsHeader(sets: readonly { id: string; resolvedHash: string }[]): string {
  return sets.map((s) => `${s.id}=${s.resolvedHash}`).join(', ');
}

/** A real calendar date YYYY-MM-DD (UTC arithmetic, independent of TZ). */
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Reads and checks the query: only known parameters, each once, with valid values. */
function readQuery(req: FastifyRequest, allowed: readonly string[], ctx: Ctx): ComputeQuery {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const issues: Issue[] = [];
  const out: ComputeQuery = { lang: 'en', explain: false };
  for (const [k, v] of Object.entries(q)) {
    if (!allowed.includes(k)) {
      issues.push(httpIssueOf('unknown-field.query', [k], { name: k, allowed: allowed.join(', ') }));
      continue;
    }
    if (typeof v !== 'string') {
      issues.push(httpIssueOf('invalid-value.query-once', [k], { name: k }));
      continue;
    }
    if (k === 'on') {
      if (isDate(v)) out.on = v;
      else issues.push(httpIssueOf('invalid-date.on-query', ['on'], { value: JSON.stringify(v) }));
    } else if (k === 'ruleSet') {
      if (ctx.byId.has(v)) out.ruleSet = v;
      else issues.push(httpIssueOf('unknown-rule-set.by-id', ['ruleSet'], { id: v }));
    } else if (k === 'lang') {
      if (v === 'de' || v === 'en') out.lang = v;
      else issues.push(httpIssueOf('invalid-value.lang', ['lang']));
    } else if (k === 'explain') {
      if (v === 'true' || v === 'false') out.explain = v === 'true';
      else issues.push(httpIssueOf('invalid-value.explain-flag', ['explain']));
    }
  }
  if (issues.length > 0) throw problems.badQuery(issues);
  return out;
}

/** Refuses a body of another media type than `type` (default JSON). */
function requireType(req: FastifyRequest, type = JSON_TYPE): void {
  const ct = req.headers['content-type'];
  if (typeof ct !== 'string' || ct.split(';')[0]?.trim().toLowerCase() !== type) throw problems.mediaType(type, ct);
}

// ---------------------------------------------------------------------------------------------
// computations: single, batch, stream

function registerComputation(app: FastifyInstance, ctx: Ctx, c: HttpComputation): void {
  const allowed = [...c.query, 'lang', 'explain'];
  const many = (items: readonly unknown[], q: ComputeQuery) => (c.many !== undefined ? c.many(items, q, ctx.registry) : items.map((i) => c.one(i, q, ctx.registry)));

  app.post(`/v1/${c.name}`, async (req, reply) => {
    requireType(req);
    const q = readQuery(req, allowed, ctx);
    const r = c.one(req.body, q, ctx.registry);
    if (!r.ok) throw problems.invalidInput((r.issues as Issue[] | undefined) ?? []);
    const prov = new Provenance();
    const result = prov.take(r, q.explain);
    return sendJson(reply, { ...prov.envelope(), result }, prov.ruleSets());
  });

  app.post(`/v1/${c.name}::batch`, { bodyLimit: ctx.limits.batchBodyBytes }, async (req, reply) => {
    requireType(req);
    const q = readQuery(req, allowed, ctx);
    const body = req.body;
    if (!isRecord(body) || !Array.isArray(body.items)) {
      throw problems.invalidInput([httpIssueOf('missing-field.batch-items', ['items'])]);
    }
    const extra = Object.keys(body).filter((k) => k !== 'items');
    if (extra.length > 0) throw problems.invalidInput(extra.map((k) => httpIssueOf('unknown-field.by-name', [k], { field: k })));
    const items = body.items as unknown[];
    if (items.length > ctx.limits.batchItems) {
      throw problems.invalidInput([
        httpIssueOf('limit-exceeded.batch-items', ['items'], { max: ctx.limits.batchItems, count: items.length }),
      ]);
    }
    const prov = new Provenance();
    const results = many(items, q).map((r) => prov.take(r, q.explain));
    const okCount = results.filter((r) => r.ok).length;
    return sendJson(reply, { ...prov.envelope(), count: { items: results.length, ok: okCount, invalid: results.length - okCount }, results }, prov.ruleSets());
  });

  app.post(`/v1/${c.name}::stream`, async (req, reply) => {
    requireType(req, NDJSON_TYPE);
    const q = readQuery(req, allowed, ctx);
    const body = req.body as AsyncIterable<Buffer>;
    const known = knownRuleSet(ctx, q, c);
    if (known !== undefined) reply.header('foerderregeln-rule-sets', ruleSetsHeader([known]));
    reply.header('cache-control', 'no-store');
    const out = Readable.from(streamResults(body, q, ctx.limits, (items) => many(items, q)), { objectMode: false });
    return reply.code(200).type(NDJSON_TYPE).send(out);
  });
}

/** The rule set every result will use, when the query names it. */
function knownRuleSet(ctx: Ctx, q: ComputeQuery, c: HttpComputation): { id: string; resolvedHash: string } | undefined {
  if (q.ruleSet !== undefined) {
    const s = ctx.byId.get(q.ruleSet);
    return s === undefined ? undefined : { id: s.id, resolvedHash: s.resolvedHash };
  }
  if (q.on === undefined || !c.query.includes('on')) return undefined;
  const r = resolveRuleSet({ on: q.on, ...(c.programme !== undefined ? { programme: c.programme } : {}) }, ctx.registry);
  return r.ok ? { id: r.ruleSet.id, resolvedHash: r.ruleSet.resolvedHash } : undefined;
}

interface Line {
  line: number;
  text?: string;
  issue?: Issue;
}

/**
 * Splits a byte stream into lines, bounded: a line longer than the limit becomes an issue line
 * (its bytes are skipped up to the next newline), a line that is not UTF-8 too. Empty lines are
 * skipped but counted. Yields the lines of each chunk together. The complete lines of a chunk are
 * checked and decoded at once (the common case); only a block with bad UTF-8 is looked at line by line.
 */
export async function* ndjsonLines(body: AsyncIterable<Buffer | string>, maxLine: number, maxBody: number): AsyncGenerator<Line[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let lineNo = 0;
  let total = 0;
  const tooLong = (line: number): Line => ({ line, issue: httpIssueOf('limit-exceeded.line-bytes', [], { max: maxLine }) });
  const badUtf8 = (line: number): Line => ({ line, issue: httpIssueOf('unreadable-input.line-utf8', []) });
  const take = (text: string, out: Line[]): void => {
    lineNo += 1;
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (t.length * 3 > maxLine && Buffer.byteLength(t) > maxLine) out.push(tooLong(lineNo));
    else if (t.trim() !== '') out.push({ line: lineNo, text: t });
  };
  const block = (buf: Buffer, firstSkipped: boolean, out: Line[]): void => {
    // buf holds complete lines, each ended by a newline.
    if (isUtf8(buf)) {
      const parts = buf.toString('utf8').split('\n');
      parts.pop();
      parts.forEach((text, i) => {
        if (i === 0 && firstSkipped) {
          lineNo += 1;
          out.push(tooLong(lineNo));
        } else take(text, out);
      });
      return;
    }
    let start = 0;
    let first = true;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl === -1) break;
      const piece = buf.subarray(start, nl);
      if (first && firstSkipped) {
        lineNo += 1;
        out.push(tooLong(lineNo));
      } else if (isUtf8(piece)) take(piece.toString('utf8'), out);
      else {
        lineNo += 1;
        out.push(badUtf8(lineNo));
      }
      first = false;
      start = nl + 1;
    }
  };
  for await (const raw of body) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    total += chunk.length;
    if (total > maxBody) {
      yield [{ line: lineNo + 1, issue: httpIssueOf('limit-exceeded.stream-bytes', [], { max: maxBody }) }];
      return;
    }
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      if (!skipping && pendingBytes + chunk.length > maxLine) {
        skipping = true;
        pending = [];
        pendingBytes = 0;
      }
      if (!skipping) {
        pending.push(chunk);
        pendingBytes += chunk.length;
      }
      continue;
    }
    const out: Line[] = [];
    const head = chunk.subarray(0, last + 1);
    const firstNl = head.indexOf(10);
    if (!skipping && pendingBytes + firstNl > maxLine) {
      skipping = true;
      pending = [];
    }
    if (skipping) {
      // The first line of this chunk ends the skipped line.
      block(head, true, out);
    } else {
      block(pending.length === 0 ? head : Buffer.concat([...pending, head]), false, out);
    }
    skipping = false;
    pending = [];
    pendingBytes = 0;
    const rest = chunk.subarray(last + 1);
    if (rest.length > maxLine) skipping = true;
    else if (rest.length > 0) {
      pending.push(rest);
      pendingBytes = rest.length;
    }
    if (out.length > 0) yield out;
  }
  if (skipping || pendingBytes > 0) {
    const out: Line[] = [];
    block(Buffer.concat([...pending, Buffer.from('\n')]), skipping, out);
    if (out.length > 0) yield out;
  }
}

/**
 * The answer lines of an NDJSON stream: the lines of each received chunk are computed together
 * (one call of `compute` for the chunk's valid lines) and written as one Buffer by a
 * {@link LineEncoder}, which writes the bytes of each line straight into that Buffer and copies
 * the bytes of the parts many lines share instead of encoding them again.
 */
export async function* streamResults(
  body: AsyncIterable<Buffer>,
  q: ComputeQuery,
  limits: HttpLimits,
  compute: (items: readonly unknown[]) => { ok: boolean; [k: string]: unknown }[],
): AsyncGenerator<Buffer> {
  const enc = new LineEncoder();
  for await (const lines of ndjsonLines(body, limits.streamLineBytes, limits.streamBodyBytes)) {
    const issues: (Issue | undefined)[] = new Array<Issue | undefined>(lines.length);
    const values: unknown[] = [];
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as Line;
      if (l.issue !== undefined) {
        issues[i] = l.issue;
        continue;
      }
      try {
        values.push(JSON.parse(l.text as string) as unknown);
      } catch (e) {
        const msg = (e as Error).message.slice(0, 200);
        issues[i] = httpIssueOf('malformed-row.line-json', [], { line: l.line, error: msg });
      }
    }
    const results = values.length > 0 ? compute(values) : [];
    let k = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] as Line).line;
      const issue = issues[i];
      if (issue !== undefined) enc.textLine(JSON.stringify({ line, ok: false, id: null, issues: [issue] }));
      else {
        const r = results[k++] as { ok: boolean; [key: string]: unknown };
        if (q.explain) enc.textLine(JSON.stringify({ line, ...r }));
        else enc.summaryLine(line, r);
      }
    }
    const bytes = enc.take();
    if (bytes !== null) yield bytes;
  }
}

// ---------------------------------------------------------------------------------------------
// rule sets, compare, pins

function detail(ctx: Ctx, s: RuleSetSummary): Record<string, unknown> {
  const loaded = ctx.registry.get(s.id);
  return { packageVersion: PACKAGE_VERSION, id: s.id, hash: s.hash, resolvedHash: s.resolvedHash, origin: loaded?.origin ?? 'bundled', document: loaded?.document ?? null };
}

function sendRuleSet(req: FastifyRequest, reply: FastifyReply, ctx: Ctx, s: RuleSetSummary, immutable: boolean): FastifyReply {
  const etag = `W/"${s.hash}"`;
  reply.header('etag', etag);
  reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  const inm = req.headers['if-none-match'];
  if (typeof inm === 'string' && inm.split(',').some((t) => t.trim() === etag || t.trim() === `"${s.hash}"` || t.trim() === '*')) {
    return reply.code(304).send();
  }
  return sendJson(reply, detail(ctx, s), [{ id: s.id, hash: s.hash, overlays: [], resolvedHash: s.resolvedHash }]);
}

function registerRuleSets(app: FastifyInstance, ctx: Ctx): void {
  app.get('/v1/rule-sets', async (req, reply) => {
    readQuery(req, [], ctx);
    return sendJson(reply, { packageVersion: PACKAGE_VERSION, ruleSets: ctx.summaries });
  });
  app.get('/v1/rule-sets/by-hash/:sha256', async (req, reply) => {
    const raw = (req.params as { sha256: string }).sha256;
    const hex = raw.replace(/^sha256:/, '');
    if (!/^[0-9a-f]{64}$/.test(hex)) {
      throw problems.badQuery([httpIssueOf('invalid-value.sha256', ['sha256'])]);
    }
    const s = ctx.byHash.get(hex);
    if (s === undefined) throw problems.notFound(httpMessage('unknown-rule-set.hash', { hex }), 'unknown-rule-set', ['sha256']);
    return sendRuleSet(req, reply, ctx, s, true);
  });
  app.get('/v1/rule-sets/:id', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const s = ctx.byId.get(id);
    if (s === undefined) throw problems.notFound(httpMessage('unknown-rule-set.by-id', { id }), 'unknown-rule-set', ['id']);
    return sendRuleSet(req, reply, ctx, s, false);
  });
  app.get('/v1/rule-sets/:a/diff/:b', async (req, reply) => {
    const { a, b } = req.params as { a: string; b: string };
    const d = diffRuleSets(a, b, { registry: ctx.registry });
    if (!d.ok) throw new HttpProblem(404, 'not-found', httpMessage('http.not-found'), d.issues);
    const sides = sidesOf(d.diff);
    return sendJson(reply, { packageVersion: PACKAGE_VERSION, ruleSets: sides, diff: d.diff }, sides);
  });
  app.post('/v1/pins::check', { bodyLimit: ctx.limits.batchBodyBytes }, async (req, reply) => {
    requireType(req);
    readQuery(req, ['lang'], ctx);
    const r = checkPins(req.body, { registry: ctx.registry });
    if (!r.ok) throw problems.invalidInput(r.issues);
    return sendJson(reply, { packageVersion: PACKAGE_VERSION, unchanged: r.report.unchanged, checks: r.report.checks });
  });
}

function registerCompare(app: FastifyInstance, ctx: Ctx): void {
  app.post('/v1/compare', { bodyLimit: ctx.limits.batchBodyBytes }, async (req, reply) => {
    requireType(req);
    readQuery(req, ['lang'], ctx);
    const accept = req.headers.accept ?? '*/*';
    const html = wantsHtml(accept);
    if (!html && !/application\/json|application\/\*|\*\/\*/.test(accept)) throw problems.notAcceptable('application/json, text/html');
    const body = req.body;
    const issues: Issue[] = [];
    if (!isRecord(body)) throw problems.invalidInput([httpIssueOf('invalid-type.compare-body', [])]);
    for (const k of Object.keys(body)) if (!['a', 'b', 'on', 'caseload'].includes(k)) issues.push(httpIssueOf('unknown-field.by-name', [k], { field: k }));
    for (const k of ['a', 'b'] as const) {
      if (typeof body[k] !== 'string' || body[k] === '') issues.push({ ...httpIssueOf('invalid-type.rule-set-id', [k], { name: k }), code: body[k] === undefined ? 'missing-field' : 'invalid-type' });
    }
    if (body.on !== undefined && (typeof body.on !== 'string' || !isDate(body.on))) issues.push(httpIssueOf('invalid-date.on-option', ['on']));
    const caseload = body.caseload;
    if (caseload !== undefined) {
      if (!isRecord(caseload)) issues.push(httpIssueOf('invalid-type.caseload-object', ['caseload']));
      else {
        for (const k of Object.keys(caseload)) if (!['persons', 'districts', 'label'].includes(k)) issues.push(httpIssueOf('unknown-field.by-name', ['caseload', k], { field: k }));
        for (const k of ['persons', 'districts'] as const) {
          if (caseload[k] !== undefined && !Array.isArray(caseload[k])) issues.push(httpIssueOf('invalid-type.list', ['caseload', k], { name: k }));
        }
        const label = caseload.label;
        if (label !== undefined && !(isRecord(label) && typeof label.de === 'string' && typeof label.en === 'string')) {
          issues.push(httpIssueOf('invalid-type.caseload-label', ['caseload', 'label']));
        }
      }
    }
    if (issues.length > 0) throw problems.invalidInput(issues);
    const a = body.a as string;
    const b = body.b as string;
    const on = body.on as string | undefined;
    const d = diffRuleSets(a, b, { registry: ctx.registry });
    if (!d.ok) throw problems.invalidInput(d.issues);
    const sides = sidesOf(d.diff);
    const cl = (caseload ?? undefined) as { persons?: unknown[]; districts?: unknown[]; label?: { de: string; en: string } } | undefined;
    if (cl === undefined && !html) {
      return sendJson(reply, { packageVersion: PACKAGE_VERSION, ruleSets: sides, diff: d.diff, impact: null }, sides);
    }
    const impact = compareImpact(a, b, (cl ?? {}) as never, { registry: ctx.registry, ...(on !== undefined ? { on } : {}) });
    if (!impact.ok) throw problems.invalidInput(impact.issues);
    if (html) {
      reply.header('foerderregeln-rule-sets', ruleSetsHeader(sides));
      // The report is self-contained: inline CSS and SVG, no script, no external request.
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      return reply.code(200).type('text/html; charset=utf-8').send(renderImpactHtml(impact.report));
    }
    const { diff: _diff, ...rest } = impact.report;
    return sendJson(reply, { packageVersion: PACKAGE_VERSION, ruleSets: sides, diff: d.diff, impact: rest }, sides);
  });
}

/** The two rule sets of a diff, as answers list them. */
function sidesOf(diff: RuleSetDiff): RuleSetRef[] {
  return [diff.a, diff.b].map((s) => ({ id: s.id, hash: s.hash, overlays: s.overlays, resolvedHash: s.resolvedHash }));
}

function wantsHtml(accept: string): boolean {
  const parts = accept.split(',').map((p) => p.trim().split(';')[0]?.trim().toLowerCase());
  const iHtml = parts.indexOf('text/html');
  const iJson = parts.indexOf('application/json');
  return iHtml !== -1 && (iJson === -1 || iHtml < iJson);
}

// ---------------------------------------------------------------------------------------------
// documents and operations

function registerDocuments(app: FastifyInstance): void {
  const schemaTexts = new Map<string, string>();
  const named = namedSchemas();
  for (const [path, version] of [['/openapi.json', '3.1'], ['/openapi-3.0.json', '3.0']] as const) {
    let doc: string | undefined;
    app.get(path, async (_req, reply) => {
      doc ??= JSON.stringify(openApiDocument(version, PACKAGE_VERSION));
      return reply.type(JSON_TYPE).header('cache-control', 'public, max-age=300').send(doc);
    });
  }
  app.get('/schemas/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const m = /^([A-Za-z0-9]+)\.schema\.json$/.exec(file);
    const schema = m !== null && Object.prototype.hasOwnProperty.call(named, m[1] as string) ? named[m[1] as string] : undefined;
    if (m === null || schema === undefined) {
      throw problems.notFound(httpMessage('invalid-input.no-schema', { file, available: Object.keys(named).join(', ') }));
    }
    const name = m[1] as string;
    let text = schemaTexts.get(name);
    if (text === undefined) {
      text = `${JSON.stringify(publishedJsonSchema(name, schema), null, 2)}\n`;
      schemaTexts.set(name, text);
    }
    return reply.type('application/schema+json').header('cache-control', 'public, max-age=300').send(text);
  });
}

/** One readiness check. */
type ReadinessCheck = { name: 'rule-sets-loaded' | 'golden-cases' | 'pinned-hashes'; ok: boolean; detail: string };

/** The readiness checks: rule sets loaded, golden cases pass, pinned hashes match. */
export function readiness(registry: RuleSetRegistry, lock: unknown): { ready: boolean; checks: ReadinessCheck[] } {
  const sets = registry.list();
  const checks: ReadinessCheck[] = [];
  checks.push({ name: 'rule-sets-loaded', ok: sets.length > 0, detail: `${sets.length} rule sets` });
  let cases = 0;
  const failed: string[] = [];
  for (const s of sets) {
    for (const o of runCases(s, registry)) {
      cases += 1;
      if (!o.passed) failed.push(`${s.id}: ${o.name}`);
    }
  }
  checks.push({ name: 'golden-cases', ok: failed.length === 0, detail: failed.length === 0 ? `${cases} cases pass` : `${failed.length} of ${cases} cases fail: ${failed.slice(0, 5).join('; ')}` });
  if (lock === undefined) checks.push({ name: 'pinned-hashes', ok: true, detail: 'no lock file given (--lock)' });
  else {
    const r = checkPins(lock, { registry });
    if (!r.ok) checks.push({ name: 'pinned-hashes', ok: false, detail: `lock file invalid: ${r.issues.map((i) => i.message.en).join(' ')}` });
    else {
      const changed = r.report.checks.filter((c) => c.status !== 'unchanged');
      checks.push({
        name: 'pinned-hashes',
        ok: r.report.unchanged,
        detail: r.report.unchanged ? `${r.report.checks.length} pinned rule sets unchanged` : changed.map((c) => `${c.id} ${c.status}`).join(', '),
      });
    }
  }
  return { ready: checks.every((c) => c.ok), checks };
}

function registerOperations(app: FastifyInstance, ctx: Ctx, options: ServerOptions): void {
  let ready: ReturnType<typeof readiness> | undefined;
  app.get('/healthz', async (_req, reply) => sendJson(reply, { status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    ready ??= readiness(ctx.registry, options.lock);
    return sendJson(reply, { ready: ready.ready, packageVersion: PACKAGE_VERSION, checks: ready.checks }, [], ready.ready ? 200 : 503);
  });
  app.get('/version', async (_req, reply) =>
    sendJson(reply, {
      name: PACKAGE_NAME,
      packageVersion: PACKAGE_VERSION,
      api: 'v1',
      node: process.versions.node,
      ruleSets: ctx.summaries.map((s) => ({ id: s.id, hash: s.hash, resolvedHash: s.resolvedHash, origin: ctx.registry.get(s.id)?.origin ?? 'bundled' })),
    }),
  );
}
