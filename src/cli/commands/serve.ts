import { readFileSync } from 'node:fs';
import { defaultRegistry, type LoadedRuleSet } from '../../versions/registry.js';
import { CliError, stringListOption, stringOption, t, writeText, type Command } from '../context.js';
import { formatIssuesBilingual, loadRuleSetsFromPath } from '../rulesets.js';

function portOf(text: string | undefined): number {
  if (text === undefined) return 8080;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw CliError.of('cli.port-invalid', { text: JSON.stringify(text) });
  }
  return Number(text);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw CliError.of('cli.cannot-read', { what, path });
  }
}

/** `serve`: the HTTP service (OpenAPI, JSON Schemas, batch and NDJSON streaming) until SIGTERM. */
export const serveCommand: Command = {
  name: 'serve',
  summary: { de: 'HTTP-Dienst starten (OpenAPI, Stapel, NDJSON)', en: 'run the HTTP service (OpenAPI, batch, NDJSON)' },
  usage: 'serve [--port 8080] [--host 127.0.0.1] [--rules DIR]… [--token-file F] [--cors ORIGIN]… [--lock FILE]',
  help: {
    de: `Startet den HTTP-Dienst für Systeme, die kein JavaScript sind (Java, .NET, …): /v1/eligibility, /v1/grants,
/v1/allocations, /v1/staffing, /v1/lump-sums (je einzeln, :batch bis 10.000, :stream als NDJSON), /v1/rule-sets,
/v1/compare, /v1/pins:check, /openapi.json (3.1), /openapi-3.0.json, /schemas/{Name}.schema.json, /healthz, /readyz,
/version. Anleitung: docs/http.md. Beendet sich bei SIGTERM/SIGINT, nachdem laufende Anfragen beantwortet sind.

Optionen:
  --port N           Port (Standard 8080; 0 = ein freier Port, er wird ausgegeben)
  --host H           Adresse (Standard 127.0.0.1; 0.0.0.0 in einem Container)
  --rules DIR        eigene Regelwerke zusätzlich laden (mehrfach möglich; gleiche ID ersetzt ein mitgeliefertes)
  --token-file F     jede /v1-Anfrage braucht "Authorization: Bearer <Inhalt von F>"
  --cors ORIGIN      Browser-Aufrufe von diesem Origin erlauben (mehrfach möglich; Standard: keine)
  --lock FILE        Sperrdatei (foerderregeln pin): /readyz meldet nicht bereit, wenn sich ein Regelwerk geändert hat`,
    en: `Runs the HTTP service for systems that are not JavaScript (Java, .NET, …): /v1/eligibility, /v1/grants,
/v1/allocations, /v1/staffing, /v1/lump-sums (each single, :batch up to 10,000, :stream as NDJSON), /v1/rule-sets,
/v1/compare, /v1/pins:check, /openapi.json (3.1), /openapi-3.0.json, /schemas/{Name}.schema.json, /healthz, /readyz,
/version. Walk-through: docs/http.md. Stops on SIGTERM/SIGINT after answering the requests in flight.

Options:
  --port N           port (default 8080; 0 = a free port, which is printed)
  --host H           address (default 127.0.0.1; 0.0.0.0 in a container)
  --rules DIR        also load your own rule sets (repeatable; the same id replaces a bundled one)
  --token-file F     every /v1 request needs "Authorization: Bearer <content of F>"
  --cors ORIGIN      allow browser calls from this origin (repeatable; default none)
  --lock FILE        lock file (foerderregeln pin): /readyz reports not ready when a pinned rule set changed`,
  },
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    rules: { type: 'string', multiple: true },
    'token-file': { type: 'string' },
    cors: { type: 'string', multiple: true },
    lock: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const port = portOf(stringOption(ctx.values, 'port'));
    const host = stringOption(ctx.values, 'host') ?? '127.0.0.1';
    let registry = defaultRegistry();
    for (const dir of stringListOption(ctx.values, 'rules')) {
      const read = loadRuleSetsFromPath(dir);
      if (read.problems.length > 0) {
        const text = read.problems.map((p) => {
          const f = formatIssuesBilingual(p.issues);
          return { de: `${p.path}:\n${f.de}`, en: `${p.path}:\n${f.en}` };
        });
        throw CliError.of('cli.rule-sets-under-invalid', { path: dir, details: { de: text.map((x) => x.de).join('\n'), en: text.map((x) => x.en).join('\n') } });
      }
      const sets: LoadedRuleSet[] = read.loaded.map((l) => l.ruleSet);
      registry = registry.with(...sets);
    }
    const tokenFile = stringOption(ctx.values, 'token-file');
    let token: string | undefined;
    if (tokenFile !== undefined) {
      token = readText(tokenFile, 'Token-Datei').trim();
      if (token.length < 16) throw CliError.of('cli.token-too-short', { file: tokenFile });
    }
    const lockFile = stringOption(ctx.values, 'lock');
    let lock: unknown;
    if (lockFile !== undefined) {
      try {
        lock = JSON.parse(readText(lockFile, 'Sperrdatei')) as unknown;
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw CliError.of('cli.lock-file-not-json', { file: lockFile });
      }
    }
    const cors = stringListOption(ctx.values, 'cors');
    const { createServer } = await import('../../adapters/http/server.js');
    const app = createServer({ registry, ...(token !== undefined ? { token } : {}), ...(cors.length > 0 ? { cors } : {}), ...(lock !== undefined ? { lock } : {}) });
    let address: string;
    try {
      address = await app.listen({ port, host });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw CliError.of('cli.cannot-listen', { host, port, message: msg });
    }
    await writeText(
      ctx.io.stderr,
      `${t(ctx.lang, 'cli.serve-listening', { address, count: registry.list().length })}\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        void writeText(ctx.io.stderr, `${t(ctx.lang, 'cli.serve-stopping')}\n`).then(() => app.close()).then(resolve, resolve);
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    return 0;
  },
};
