/**
 * The messages only the HTTP service (src/adapters/http) shows: titles of its problem documents
 * (`http.`) and the issues of reading a request (`<issue code>.<name>`), in the catalogue's format
 * (see ./catalogue.ts). Kept apart from the library's table so that a browser bundle leaves them out.
 */
import { MESSAGES, render, type ArgsIn, type Localized } from './catalogue.js';

/** The texts of the HTTP service's messages, by id (sorted, so grouped by prefix). */
export const HTTP_MESSAGES = {
  'forbidden-key.body': { de: 'Schlüssel __proto__ und constructor.prototype sind nicht erlaubt.', en: 'Keys __proto__ and constructor.prototype are not allowed.' },
  'http.bad-request': { de: 'Ungültige Anfrage', en: 'Bad request' },
  'http.body-too-large': { de: 'Inhalt zu groß', en: 'Content too large' },
  'http.forbidden-key': { de: 'Verbotener Schlüssel im Inhalt', en: 'Forbidden key in the body' },
  'http.internal-error': { de: 'Interner Fehler', en: 'Internal error' },
  'http.invalid-input': { de: 'Ungültige Eingabe', en: 'Invalid input' },
  'http.invalid-query': { de: 'Ungültige Abfrageparameter', en: 'Invalid query parameters' },
  'http.malformed-body': { de: 'Der Inhalt ist kein gültiges JSON', en: 'The body is not valid JSON' },
  'http.no-media-type': { de: '(keiner)', en: '(none)' },
  'http.not-acceptable': { de: 'Keine annehmbare Darstellung', en: 'No acceptable representation' },
  'http.not-found': { de: 'Nicht gefunden', en: 'Not found' },
  'http.unauthorized': { de: 'Anmeldung erforderlich', en: 'Authentication required' },
  'http.unsupported-media-type': { de: 'Nicht unterstützter Medientyp', en: 'Unsupported media type' },
  'invalid-date.on-query': { de: 'on ist kein gültiges Datum JJJJ-MM-TT: {value}.', en: 'on is not a valid date YYYY-MM-DD: {value}.' },
  // The German text has never named the code; `code` is `{ de: '', en: ' (…)' }`.
  'invalid-input.bad-request': { de: 'Die Anfrage ist ungültig{code}.', en: 'The request is invalid{code}.' },
  'invalid-input.bearer-token': { de: 'Ein gültiges Bearer-Token fehlt.', en: 'A valid bearer token is missing.' },
  'invalid-input.no-resource': { de: 'Keine Ressource {method} {path}.', en: 'No resource {method} {path}.' },
  'invalid-input.no-schema': { de: 'Kein Schema {file}; vorhanden: {available}.', en: 'No schema {file}; available: {available}.' },
  'invalid-input.offered': { de: 'Angeboten wird {offered}.', en: 'Offered: {offered}.' },
  'invalid-type.caseload-label': { de: 'label muss { de, en } sein.', en: 'label must be { de, en }.' },
  'invalid-type.caseload-object': { de: 'caseload muss ein Objekt sein.', en: 'caseload must be an object.' },
  'invalid-type.compare-body': { de: 'Erwartet ein Objekt { a, b, … }.', en: 'Expected an object { a, b, … }.' },
  'invalid-type.rule-set-id': { de: '{name} muss eine Regelwerk-ID sein.', en: '{name} must be a rule-set id.' },
  'invalid-value.explain-flag': { de: 'explain muss true oder false sein.', en: 'explain must be true or false.' },
  'invalid-value.lang': { de: 'lang muss de oder en sein.', en: 'lang must be de or en.' },
  'invalid-value.query-once': { de: '{name} darf nur einmal angegeben werden.', en: '{name} may be given only once.' },
  'invalid-value.sha256': { de: 'Erwartet 64 Hexadezimalziffern (sha256).', en: 'Expected 64 hex digits (sha256).' },
  'limit-exceeded.batch-items': { de: 'Höchstens {max} Einträge je Anfrage, erhalten {count}.', en: 'At most {max} items per request, got {count}.' },
  'limit-exceeded.body-bytes': { de: 'Der Inhalt ist größer als {limit} Bytes.', en: 'The body is larger than {limit} bytes.' },
  'limit-exceeded.line-bytes': { de: 'Zeile länger als {max} Bytes.', en: 'Line longer than {max} bytes.' },
  'limit-exceeded.stream-bytes': { de: 'Der Datenstrom ist größer als {max} Bytes; der Rest wird nicht gelesen.', en: 'The stream is larger than {max} bytes; the rest is not read.' },
  'malformed-row.line-json': { de: 'Zeile {line} ist kein gültiges JSON: {error}', en: 'Line {line} is not valid JSON: {error}' },
  'missing-field.batch-items': { de: 'Erwartet { "items": [ … ] }.', en: 'Expected { "items": [ … ] }.' },
  'unknown-field.query': { de: 'Unbekannter Abfrageparameter {name}; erlaubt: {allowed}.', en: 'Unknown query parameter {name}; allowed: {allowed}.' },
  'unknown-rule-set.hash': { de: 'Kein Regelwerk mit Hash sha256:{hex}.', en: 'No rule set with hash sha256:{hex}.' },
  'unreadable-input.body-json': { de: 'Der Inhalt ist kein gültiges JSON: {error}', en: 'The body is not valid JSON: {error}' },
  'unreadable-input.content-type': { de: 'Erwartet Content-Type {expected}, erhalten {got}.', en: 'Expected Content-Type {expected}, got {got}.' },
  'unreadable-input.line-utf8': { de: 'Die Zeile ist kein gültiges UTF-8.', en: 'The line is not valid UTF-8.' },
} as const satisfies Record<string, Localized>;

type HttpTable = typeof HTTP_MESSAGES & typeof MESSAGES;
/** A message id the HTTP service can show: its own or the library's. */
export type HttpMessageId = keyof HttpTable;

/**
 * The German and English text of HTTP message `id` (the service's or the library's) with its parameters filled in.
 *
 * @example
 * httpMessage('http.not-found'); // { de: 'Nicht gefunden', en: 'Not found' }
 */
export function httpMessage<K extends HttpMessageId>(id: K, ...args: ArgsIn<HttpTable, K>): Localized {
  return render(id in HTTP_MESSAGES ? HTTP_MESSAGES[id as keyof typeof HTTP_MESSAGES] : MESSAGES[id as keyof typeof MESSAGES], args);
}

type CodeOf<K> = K extends `${infer C}.${string}` ? C : never;

/**
 * An issue from HTTP message `<issue code>.<name>` (the code is the id's first part), as `issueOf` makes the library's.
 *
 * @example
 * httpIssueOf('invalid-value.lang', ['lang']); // { code: 'invalid-value', path: ['lang'], message: { de: 'lang muss de oder en sein.', en: 'lang must be de or en.' } }
 */
export function httpIssueOf<K extends Exclude<HttpMessageId, `http.${string}`>>(id: K, path: (string | number)[], ...args: ArgsIn<HttpTable, K>): { code: CodeOf<K>; path: (string | number)[]; message: Localized } {
  return { code: id.slice(0, id.indexOf('.')) as CodeOf<K>, path, message: httpMessage(id, ...args) };
}
