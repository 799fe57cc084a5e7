/**
 * Problem documents (RFC 9457, `application/problem+json`) with the library's coded, bilingual
 * issues. No response ever carries a stack trace or an internal message of an unexpected error.
 */
import type { Issue } from '../../issues.js';
import type { Localized } from '../../messages/catalogue.js';
import { httpIssueOf, httpMessage } from '../../messages/http.js';

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
  invalidInput: (issues: Issue[]) => new HttpProblem(422, 'invalid-input', httpMessage('http.invalid-input'), issues),
  badQuery: (issues: Issue[]) => new HttpProblem(400, 'invalid-query', httpMessage('http.invalid-query'), issues),
  malformed: (en: string) =>
    new HttpProblem(400, 'malformed-body', httpMessage('http.malformed-body'), [httpIssueOf('unreadable-input.body-json', [], { error: en })]),
  forbiddenKey: () =>
    new HttpProblem(400, 'forbidden-key', httpMessage('http.forbidden-key'), [httpIssueOf('forbidden-key.body', [])]),
  tooLarge: (limit: number) =>
    new HttpProblem(413, 'body-too-large', httpMessage('http.body-too-large'), [httpIssueOf('limit-exceeded.body-bytes', [], { limit })]),
  mediaType: (expected: string, got: string | undefined) =>
    new HttpProblem(415, 'unsupported-media-type', httpMessage('http.unsupported-media-type'), [
      httpIssueOf('unreadable-input.content-type', [], { expected, got: got ?? httpMessage('http.no-media-type') }),
    ]),
  notAcceptable: (offered: string) =>
    new HttpProblem(406, 'not-acceptable', httpMessage('http.not-acceptable'), [httpIssueOf('invalid-input.offered', [], { offered })]),
  notFound: (what: Localized, code: Issue['code'] = 'invalid-input', path: (string | number)[] = []) => new HttpProblem(404, 'not-found', httpMessage('http.not-found'), [{ code, path, message: what }]),
  unauthorized: () =>
    new HttpProblem(
      401,
      'unauthorized',
      httpMessage('http.unauthorized'),
      [httpIssueOf('invalid-input.bearer-token', ['authorization'])],
      { 'www-authenticate': 'Bearer realm="foerderregeln"' },
    ),
  internal: () => new HttpProblem(500, 'internal-error', httpMessage('http.internal-error')),
};
