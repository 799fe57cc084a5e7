/**
 * The messages only the CLI shows (its errors, and the issues of reading table files), kept apart
 * from the library's (./catalogue.ts) so that a browser bundle of the library leaves them out.
 */
import { MESSAGES, render, type ArgsIn, type Localized } from './catalogue.js';

/** The texts of the CLI's messages, by id (sorted, so grouped by issue code). */
export const CLI_MESSAGES = {
  'ambiguous-value.cell-number': { de: '{column}: {value} ist mehrdeutig (Tausenderpunkt oder Dezimalzeichen?); ohne Trennzeichen schreiben oder --locale de|en angeben.', en: '{column}: {value} is ambiguous (thousands separator or decimal point?); write it without separators or give --locale de|en.' },
  'cli.allocate-needs-rule-set': { de: 'allocate braucht --rule-set.', en: 'allocate needs --rule-set.' },
  'cli.argument-unexpected': { de: 'Unerwartetes Argument: {message}', en: 'Unexpected argument: {message}' },
  'cli.baseline-unknown': { de: '--baseline {baselineId} ist kein mitgeliefertes Regelwerk. Möglich: {ids}.', en: '--baseline {baselineId} is not a shipped rule set. Choose one of: {ids}.' },
  'cli.budget-ambiguous': { de: '--budget {text} ist mehrdeutig (500.000 = 500 oder 500000?); ohne Trennzeichen schreiben (500000) oder --locale de|en angeben.', en: '--budget {text} is ambiguous (500.000 = 500 or 500000?); write it without separators (500000) or give --locale de|en.' },
  'cli.budget-not-amount': { de: '--budget {text} ist kein Betrag ≥ 0.', en: '--budget {text} is not an amount ≥ 0.' },
  'cli.budget-too-long': { de: '--budget {text} hat zu viele Stellen (höchstens 30).', en: '--budget {text} has too many digits (at most 30).' },
  'cli.cannot-compare': { de: 'Vergleich nicht möglich:\n{details}', en: 'Cannot compare:\n{details}' },
  'cli.cannot-listen': { de: 'Kann nicht auf {host}:{port} lauschen: {message}', en: 'Cannot listen on {host}:{port}: {message}' },
  'cli.cannot-pin': { de: 'Festhalten nicht möglich:\n{details}', en: 'Cannot pin:\n{details}' },
  'cli.cannot-read': { de: '{what} {path} ist nicht lesbar.', en: '{what} {path} cannot be read.' },
  'cli.column-no-name': { de: 'Spalte {n} der Kopfzeile hat keinen Namen.', en: 'Column {n} of the header has no name.' },
  'cli.column-same-field': { de: 'Die Spalten {before} und {name} meinen beide das Feld {field}.', en: 'The columns {before} and {name} both name the field {field}.' },
  'cli.column-twice': { de: 'Die Spalte {name} kommt in der Kopfzeile doppelt vor.', en: 'The column {name} appears twice in the header.' },
  'cli.delimiter-invalid': { de: '--delimiter muss ein einzelnes Zeichen sein.', en: '--delimiter must be a single character.' },
  'cli.encoding-invalid': { de: '{name} ist nach Byte {offset} kein gültiges {encoding}; --encoding windows-1252 (oder utf-8, utf-16) angeben.', en: '{name} is not valid {encoding} after byte {offset}; give --encoding windows-1252 (or utf-8, utf-16).' },
  'cli.file-invalid': { de: 'Die Datei {file} ist ungültig:\n{details}', en: 'The file {file} is invalid:\n{details}' },
  'cli.file-unwritable': { de: '{out} kann nicht geschrieben werden: {message}', en: 'Cannot write {out}: {message}' },
  'cli.header-line-too-long': { de: 'Die Kopfzeile ist zu lang ({length} Zeichen).', en: 'The header line is too long ({length} characters).' },
  'cli.header-line-unreadable': { de: 'Die Kopfzeile ist nicht lesbar: {cells}', en: 'The header line is unreadable: {cells}' },
  'cli.html-needs-caseload': { de: '--format html braucht --caseload.', en: '--format html needs --caseload.' },
  'cli.input-file-missing': { de: 'Eingabedatei fehlt.', en: 'Input file missing.' },
  'cli.input-file-unreadable': { de: 'Eingabedatei {path} ist nicht lesbar: {message}', en: 'Input file {path} is unreadable: {message}' },
  'cli.input-format-unknown': { de: 'Das Format von {path} ist an der Endung nicht zu erkennen (.csv, .json, .jsonl, .ndjson, .xlsx); --input-format angeben.', en: 'Cannot tell the format of {path} from its extension (.csv, .json, .jsonl, .ndjson, .xlsx); give --input-format.' },
  'cli.input-unreadable': { de: 'Eingabe {name} ist nicht lesbar: {message}', en: 'Input {name} is unreadable: {message}' },
  'cli.invalid-caseload': { de: 'Fallbestand ungültig:\n{details}', en: 'Invalid caseload:\n{details}' },
  'cli.invalid-caseload-baseline': { de: 'Fallbestand oder Grundlage ungültig:\n{details}', en: 'Invalid caseload or baseline:\n{details}' },
  'cli.json-file-unreadable': { de: '{path} ist nicht lesbar oder kein JSON: {message}', en: '{path} is unreadable or not JSON: {message}' },
  'cli.json-not-array': { de: 'Eine JSON-Eingabe muss ein Array von Objekten sein ([ {…}, {…} ]); für ein Objekt je Zeile .jsonl verwenden.', en: 'A JSON input must be an array of objects ([ {…}, {…} ]); for one object per line use .jsonl.' },
  'cli.kind-missing': { de: '--kind fehlt ({kinds}).', en: '--kind is missing ({kinds}).' },
  'cli.lock-file-invalid': { de: 'Die Sperrdatei {file} ist ungültig:\n{details}', en: 'The lock file {file} is invalid:\n{details}' },
  'cli.lock-file-not-json': { de: 'Die Sperrdatei {file} ist kein JSON.', en: 'The lock file {file} is not JSON.' },
  'cli.no-such-sheet': { de: 'Das Blatt {sheet} gibt es in {name} nicht.', en: 'There is no sheet {sheet} in {name}.' },
  'cli.not-file': { de: '{path} ist keine Datei.', en: '{path} is not a file.' },
  'cli.option-choice': { de: '--{name} muss eines von {choices} sein, nicht {value}.', en: '--{name} must be one of {choices}, not {value}.' },
  'cli.option-date': { de: '--{name} {value} ist kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ).', en: '--{name} {value} is not a valid date (YYYY-MM-DD or DD.MM.YYYY).' },
  'cli.option-needs-value': { de: 'Der Option {option} fehlt ihr Wert.', en: 'Option {option} needs a value.' },
  'cli.option-takes-no-value': { de: 'Die Option {option} nimmt keinen Wert.', en: 'Option {option} takes no value.' },
  'cli.option-unknown': { de: 'Unbekannte Option {option}. Ein Argument, das mit - beginnt, steht am Ende nach --, z. B. -- "{option}".', en: 'Unknown option {option}. An argument that starts with - goes at the end after --, e.g. -- "{option}".' },
  'cli.output-file-not-file': { de: 'Ausgabedatei {path} ist keine Datei.', en: 'Output file {path} is not a file.' },
  'cli.output-file-uncreatable': { de: 'Ausgabedatei {path} kann nicht angelegt werden: {message}', en: 'Cannot create output file {path}: {message}' },
  'cli.output-file-unwritable': { de: 'Ausgabedatei {path} kann nicht geschrieben werden: {message}', en: 'Cannot write output file {path}: {message}' },
  'cli.pin-check-no-ids': { de: '--check nimmt keine Regelwerk-IDs.', en: '--check takes no rule-set ids.' },
  'cli.port-invalid': { de: '--port muss eine Zahl von 0 bis 65535 sein, nicht {text}.', en: '--port must be a number from 0 to 65535, not {text}.' },
  'cli.report-unwritable': { de: 'Bericht {file} kann nicht geschrieben werden: {message}', en: 'Cannot write report {file}: {message}' },
  'cli.rule-set-dir-empty': { de: 'Unter {path} liegt kein Regelwerk (kein ruleset.json).', en: 'No rule set under {path} (no ruleset.json).' },
  'cli.rule-set-invalid': { de: 'Regelwerk {path} ist ungültig:\n{details}', en: 'Rule set {path} is invalid:\n{details}' },
  'cli.rule-set-not-found': { de: 'Regelwerk {ruleSet} ist weder ein mitgeliefertes ({known}) noch eine Datei oder ein Verzeichnis.', en: 'Rule set {ruleSet} is neither a bundled one ({known}) nor a file or directory.' },
  'cli.rule-set-not-one': { de: '{source} enthält {count} Regelwerke; --rule-set braucht genau eines.', en: '{source} holds {count} rule sets; --rule-set needs exactly one.' },
  'cli.rule-sets-under-invalid': { de: 'Regelwerke unter {path} sind ungültig:\n{details}', en: 'Rule sets under {path} are invalid:\n{details}' },
  'cli.staffing-needs-rule-set': { de: 'staffing braucht --rule-set.', en: 'staffing needs --rule-set.' },
  'cli.statewide-weight-invalid': { de: '--statewide-weight {text} ist keine Zahl ≥ 0 (oder mehrdeutig: --locale angeben).', en: '--statewide-weight {text} is not a number ≥ 0 (or ambiguous: give --locale).' },
  'cli.token-too-short': { de: 'Das Token in {file} ist kürzer als 16 Zeichen.', en: 'The token in {file} is shorter than 16 characters.' },
  'cli.workbook-packed': { de: '{name}: der Teil {part} ist {ratio}:1 gepackt (höchstens {max}:1): keine Arbeitsmappe, die hier gelesen wird.', en: '{name}: the part {part} is packed {ratio}:1 (at most {max}:1): not a workbook read here.' },
  'cli.workbook-sheet-extent': { de: '{name}: das Blatt {part} reicht bis Zeile {rows}, Spalte {columns} (Excel: höchstens {maxRows} Zeilen, {maxColumns} Spalten; hier höchstens {maxCells} Zellen): keine Arbeitsmappe, die hier gelesen wird.', en: '{name}: the sheet {part} reaches row {rows}, column {columns} (Excel: at most {maxRows} rows, {maxColumns} columns; here at most {maxCells} cells): not a workbook read here.' },
  'cli.workbook-too-large': { de: 'Die Arbeitsmappe ist größer als {mb} MB.', en: 'The workbook is larger than {mb} MB.' },
  'cli.workbook-unpacked': { de: '{name} würde entpackt {size} MB groß (höchstens {mb} MB): keine Arbeitsmappe, die hier gelesen wird.', en: '{name} would unpack to {size} MB (at most {mb} MB): not a workbook read here.' },
  'cli.workbook-unreadable': { de: '{name} ist keine lesbare Excel-Arbeitsmappe (.xlsx): {message}', en: '{name} is not a readable Excel workbook (.xlsx): {message}' },
  'cli.xlsx-needs-out': { de: '--format xlsx braucht --out DATEI.xlsx.', en: '--format xlsx needs --out FILE.xlsx.' },
  'cli.xlsx-too-many-rows': { de: 'Mehr als {max} Zeilen passen nicht in ein Tabellenblatt; --format csv verwenden.', en: 'More than {max} rows do not fit in a worksheet; use --format csv.' },
  'cli.year-missing': { de: '--year JJJJ fehlt oder ist keine Jahreszahl.', en: '--year YYYY is missing or not a year.' },
  'cli.year-not-a-year': { de: '--year {year} ist keine Jahreszahl.', en: '--year {year} is not a year.' },
  'cyclic-extends.chain': { de: '{id} erweitert {parent}, das – direkt oder über andere – wieder {id} erweitert.', en: '{id} extends {parent}, which extends {id} again (directly or through others).' },
  'forbidden-key.column': { de: 'Die Spalte {name} ist nicht erlaubt.', en: 'The column {name} is not allowed.' },
  'invalid-date.cell': { de: '{column}: {value} ist kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ).', en: '{column}: {value} is not a valid date (YYYY-MM-DD or DD.MM.YYYY).' },
  'invalid-date.cell-number': { de: '{column}: die Zahl {value} ist kein Datum (Zelle als Datum formatieren oder TT.MM.JJJJ schreiben).', en: '{column}: the number {value} is not a date (format the cell as a date or write DD.MM.YYYY).' },
  'invalid-input.row-internal': { de: 'Interner Fehler bei dieser Zeile: {message}', en: 'Internal error on this row: {message}' },
  'invalid-type.cell-boolean': { de: '{column}: erwartet ja/nein (auch true/false, 1/0, yes/no), nicht {value}.', en: '{column}: expected yes/no (also true/false, 1/0, ja/nein), not {value}.' },
  'invalid-type.cell-count': { de: '{column}: erwartet eine ganze Zahl (eine Anzahl), nicht {value}.', en: '{column}: expected a whole number (a count), not {value}.' },
  'invalid-type.cell-date': { de: '{column}: ein Datum ({date}) passt hier nicht.', en: '{column}: a date ({date}) does not fit here.' },
  'invalid-type.cell-not-number': { de: '{column}: keine Zahl: {value}.', en: '{column}: not a number: {value}.' },
  'invalid-type.cell-number': { de: '{column}: erwartet eine Zahl (z. B. 1234,56 oder 1234.56), nicht {value}.', en: '{column}: expected a number (e.g. 1234.56 or 1234,56), not {value}.' },
  'invalid-type.cell-number-too-large': { de: '{column}: Zahl zu groß: {value}.', en: '{column}: number too large: {value}.' },
  'invalid-value.citation-url': { de: 'Quelle {id}: url ist keine Webadresse.', en: 'Citation {id}: url is not a web address.' },
  'invalid-value.district-row-twice': { de: 'Kreis {district} hat schon eine Kreiszeile (Zeile {first}); diese Zeile ist nicht gezählt. Zeilen eines Kreises zusammenfassen.', en: 'District {district} already has a district row (row {first}); this row is not counted. Merge the rows of a district.' },
  'limit-exceeded.element-length': { de: 'Element zu lang ({length} Zeichen).', en: 'Element too long ({length} characters).' },
  'limit-exceeded.field-length': { de: '{field}: Feld zu lang ({length} Zeichen, höchstens {max}).', en: '{field}: field too long ({length} characters, at most {max}).' },
  'limit-exceeded.line-length': { de: 'Zeile {line}: zu lang ({length} Zeichen).', en: 'Line {line}: too long ({length} characters).' },
  'malformed-row.quote-unclosed': { de: 'ein Anführungszeichen wird in dieser Zeile nicht geschlossen.', en: 'a quote opened on this line is not closed.' },
  'malformed-row.quote-unexpected': { de: 'Anführungszeichen an unerwarteter Stelle.', en: 'a quote in an unexpected place.' },
  'malformed-row.row-unreadable': { de: 'Zeile nicht lesbar{where}: {detail}', en: 'Row unreadable{where}: {detail}' },
  'missing-field.confidence-note': { de: '{path}: ist {confidence}, aber ohne Hinweis (note), warum.', en: '{path}: is {confidence} but has no note saying why.' },
} as const satisfies Record<string, Localized>;

type CliTable = typeof CLI_MESSAGES & typeof MESSAGES;
/** A message id the CLI can show: its own or the library's. */
export type CliMessageId = keyof CliTable;
/** The rest arguments after a CLI message id. */
export type CliMessageArgs<K extends CliMessageId> = ArgsIn<CliTable, K>;

/** The German and English text of CLI message `id` with its parameters filled in. */
export function cliMessage<K extends CliMessageId>(id: K, ...args: CliMessageArgs<K>): Localized {
  return render(id in CLI_MESSAGES ? CLI_MESSAGES[id as keyof typeof CLI_MESSAGES] : MESSAGES[id as keyof typeof MESSAGES], args);
}

type CodeOf<K> = K extends `${infer C}.${string}` ? C : never;

/** An issue from CLI message `<issue code>.<name>` (the code is the id's first part), as `issueOf` makes the library's. */
export function cliIssueOf<K extends Exclude<CliMessageId, `cli.${string}`>>(id: K, path: (string | number)[], ...args: CliMessageArgs<K>): { code: CodeOf<K>; path: (string | number)[]; message: Localized } {
  return { code: id.slice(0, id.indexOf('.')) as CodeOf<K>, path, message: cliMessage(id, ...args) };
}
