/**
 * Problem documents (RFC 9457, `application/problem+json`) with the library's coded, bilingual
 * issues. No response ever carries a stack trace or an internal message of an unexpected error.
 */
import type { Issue } from '../../issues.js';

/** Media type of problem documents. */
export const PROBLEM_TYPE = 'application/problem+json';

import { PACKAGE_VERSION } from '../../ruleset/bundled.generated.js';

/** Where the problem types are described: docs/http.md ("Problems") of this package version. */
const TYPE_BASE = `https://unpkg.com/foerderregeln@${PACKAGE_VERSION}/docs/http.md`;

/** A problem the service reports: status, type slug, title in both languages, issues. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly slug: string;
  readonly title: { de: string; en: string };
  readonly issues: Issue[];
  readonly headers: Record<string, string>;
  constructor(status: number, slug: string, title: { de: string; en: string }, issues: Issue[] = [], headers: Record<string, string> = {}) {
    super(title.en);
    this.name = 'HttpProblem';
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.issues = issues;
    this.headers = headers;
  }
}

/** An issue in the library's shape. */
export function issueOf(code: Issue['code'], path: (string | number)[], de: string, en: string): Issue {
  return { code, path, message: { de, en } };
}

/** The problem document of a problem, in one language for title and detail. */
export function problemBody(p: HttpProblem, lang: 'de' | 'en', packageVersion: string, instance?: string): Record<string, unknown> {
  const detail = p.issues.length > 0 ? p.issues.map((i) => i.message[lang]).slice(0, 5).join(' ') : undefined;
  return {
    type: `${TYPE_BASE}#problem-${p.slug}`,
    title: p.title[lang],
    status: p.status,
    ...(detail !== undefined ? { detail: p.issues.length > 5 ? `${detail} …` : detail } : {}),
    ...(instance !== undefined ? { instance } : {}),
    issues: p.issues,
    packageVersion,
  };
}

/** Problems of the service, by situation. */
export const problems = {
  invalidInput: (issues: Issue[]) => new HttpProblem(422, 'invalid-input', { de: 'Ungültige Eingabe', en: 'Invalid input' }, issues),
  badQuery: (issues: Issue[]) => new HttpProblem(400, 'invalid-query', { de: 'Ungültige Abfrageparameter', en: 'Invalid query parameters' }, issues),
  malformed: (en: string) =>
    new HttpProblem(400, 'malformed-body', { de: 'Der Inhalt ist kein gültiges JSON', en: 'The body is not valid JSON' }, [
      issueOf('unreadable-input', [], `Der Inhalt ist kein gültiges JSON: ${en}`, `The body is not valid JSON: ${en}`),
    ]),
  forbiddenKey: () =>
    new HttpProblem(400, 'forbidden-key', { de: 'Verbotener Schlüssel im Inhalt', en: 'Forbidden key in the body' }, [
      issueOf('forbidden-key', [], 'Schlüssel __proto__ und constructor.prototype sind nicht erlaubt.', 'Keys __proto__ and constructor.prototype are not allowed.'),
    ]),
  tooLarge: (limit: number) =>
    new HttpProblem(413, 'body-too-large', { de: 'Inhalt zu groß', en: 'Content too large' }, [
      issueOf('limit-exceeded', [], `Der Inhalt ist größer als ${limit} Bytes.`, `The body is larger than ${limit} bytes.`),
    ]),
  mediaType: (expected: string, got: string | undefined) =>
    new HttpProblem(415, 'unsupported-media-type', { de: 'Nicht unterstützter Medientyp', en: 'Unsupported media type' }, [
      issueOf(
        'unreadable-input',
        [],
        `Erwartet Content-Type ${expected}, erhalten ${got ?? '(keiner)'}.`,
        `Expected Content-Type ${expected}, got ${got ?? '(none)'}.`,
      ),
    ]),
  notAcceptable: (offered: string) =>
    new HttpProblem(406, 'not-acceptable', { de: 'Keine annehmbare Darstellung', en: 'No acceptable representation' }, [
      issueOf('invalid-input', [], `Angeboten wird ${offered}.`, `Offered: ${offered}.`),
    ]),
  notFound: (what: { de: string; en: string }, code: Issue['code'] = 'invalid-input', path: (string | number)[] = []) =>
    new HttpProblem(404, 'not-found', { de: 'Nicht gefunden', en: 'Not found' }, [issueOf(code, path, what.de, what.en)]),
  unauthorized: () =>
    new HttpProblem(
      401,
      'unauthorized',
      { de: 'Anmeldung erforderlich', en: 'Authentication required' },
      [issueOf('invalid-input', ['authorization'], 'Ein gültiges Bearer-Token fehlt.', 'A valid bearer token is missing.')],
      { 'www-authenticate': 'Bearer realm="foerderregeln"' },
    ),
  internal: () => new HttpProblem(500, 'internal-error', { de: 'Interner Fehler', en: 'Internal error' }),
};
