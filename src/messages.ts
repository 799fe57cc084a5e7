/**
 * The message catalogue: every bilingual message of the library in one place, by id, as zod keeps
 * its messages in `locales/`. An id is `<issue code>.<name>` (or `cli.<name>` for messages that end
 * a CLI run); `{name}` in a text is a parameter, typed from the text itself, so both languages take
 * the same parameters and a caller cannot leave one out. A parameter's value is text, a number, or a
 * `{ de, en }` pair (each language takes its own). Build issues with `issueOf` (src/issues.ts) and
 * CLI errors with `CliError.of`; docs/contributing.md "Messages" says how to add one.
 */

/** A text in German and English. */
export interface Localized {
  de: string;
  en: string;
}

/** The texts of every message, by id (sorted, so grouped by issue code). */
export const MESSAGES = {
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
  'cli.statewide-weight-invalid': { de: '--statewide-weight {text} ist keine Zahl ≥ 0 (oder mehrdeutig: --locale angeben).', en: '--statewide-weight {text} is not a number ≥ 0 (or ambiguous: give --locale).' },
  'cli.token-too-short': { de: 'Das Token in {file} ist kürzer als 16 Zeichen.', en: 'The token in {file} is shorter than 16 characters.' },
  'cli.workbook-packed': { de: '{name}: der Teil {part} ist {ratio}:1 gepackt (höchstens {max}:1): keine Arbeitsmappe, die hier gelesen wird.', en: '{name}: the part {part} is packed {ratio}:1 (at most {max}:1): not a workbook read here.' },
  'cli.workbook-sheet-extent': { de: '{name}: das Blatt {part} reicht bis Zeile {rows}, Spalte {columns} (Excel: höchstens {maxRows} Zeilen, {maxColumns} Spalten; hier höchstens {maxCells} Zellen): keine Arbeitsmappe, die hier gelesen wird.', en: '{name}: the sheet {part} reaches row {rows}, column {columns} (Excel: at most {maxRows} rows, {maxColumns} columns; here at most {maxCells} cells): not a workbook read here.' },
  'cli.workbook-too-large': { de: 'Die Arbeitsmappe ist größer als {mb} MB.', en: 'The workbook is larger than {mb} MB.' },
  'cli.workbook-unpacked': { de: '{name} würde entpackt {size} MB groß (höchstens {mb} MB): keine Arbeitsmappe, die hier gelesen wird.', en: '{name} would unpack to {size} MB (at most {mb} MB): not a workbook read here.' },
  'cli.workbook-unreadable': { de: '{name} ist keine lesbare Excel-Arbeitsmappe (.xlsx): {message}', en: '{name} is not a readable Excel workbook (.xlsx): {message}' },
  'cli.xlsx-needs-out': { de: '--format xlsx braucht --out DATEI.xlsx.', en: '--format xlsx needs --out FILE.xlsx.' },
  'cli.xlsx-too-many-rows': { de: 'Mehr als {max} Zeilen passen nicht in ein Tabellenblatt; --format csv verwenden.', en: 'More than {max} rows do not fit in a worksheet; use --format csv.' },
  'compare.basis-allocation': { de: 'Verteilschlüssel ({mode}, {method}): {key}; Budget {budget} € ({id}).', en: 'Allocation key ({mode}, {method}): {key}; budget {budget} € ({id}).' },
  'compare.basis-fixed-rate': { de: '{id} fördert Stellen mit einem Festbetrag je VZÄ; aus einem Fallbestand ergibt sich kein Betrag je Kreis (siehe `grant`).', en: '{id} funds posts at a fixed rate per FTE; a caseload determines no amount per district (see `grant`).' },
  'compare.basis-staffing': { de: 'Personalschlüssel: berechtigte Personen ÷ {ratio} je VZÄ, gerundet auf die VZÄ-Stufe, × {rate} € je VZÄ und Jahr ({id}).', en: 'Staffing ratio: eligible persons ÷ {ratio} per FTE, rounded to the FTE step, × {rate} € per FTE and year ({id}).' },
  'compare.error': { de: 'Fehler: {issues}', en: 'Error: {issues}' },
  'compare.key-allocations': { de: 'Zuweisungen aus der Erstaufnahme (Kreiszeilen; ohne sie angenähert durch die Personen des Fallbestands außerhalb der Erstaufnahme)', en: 'allocations from initial reception (district rows; without them approximated by the caseload persons outside initial reception)' },
  'compare.key-persons': { de: 'gezählte Personen, angenähert durch die nach diesem Regelwerk berechtigten Personen', en: 'counted persons, approximated by the persons eligible under this rule set' },
  'compare.key-population': { de: 'Bevölkerung (Kreiszeilen, sonst mitgelieferte Zahlen zum 31.12.2020)', en: 'population (district rows, else the bundled 2020-12-31 figures)' },
  'compare.note-allocations-missing': { de: '{id}: Zuweisungen aus der Erstaufnahme fehlen für manche Kreise und zählen dort als 0.', en: '{id}: allocations from initial reception are missing for some districts and count as 0 there.' },
  'compare.note-no-district': { de: '{id}: Personen ohne Kreisschlüssel sind in keinem Kreisbetrag enthalten.', en: '{id}: persons without a district key are in no district\'s amount.' },
  'cyclic-extends.chain': { de: '{id} erweitert {parent}, das – direkt oder über andere – wieder {id} erweitert.', en: '{id} extends {parent}, which extends {id} again (directly or through others).' },
  'cyclic-extends.self': { de: 'extends bildet einen Kreis.', en: 'extends forms a cycle.' },
  'duplicate-rule-set.by-id': { de: 'Ein Regelwerk {id} gibt es schon.', en: 'A rule set {id} already exists.' },
  'forbidden-key.column': { de: 'Die Spalte {name} ist nicht erlaubt.', en: 'The column {name} is not allowed.' },
  'forbidden-key.key': { de: 'Der Schlüssel {key} ist nicht erlaubt.', en: 'The key {key} is not allowed.' },
  'invalid-date.calendar': { de: '{where}: kein gültiges Kalenderdatum JJJJ-MM-TT.', en: '{where}: not a valid calendar date YYYY-MM-DD.' },
  'invalid-date.cell': { de: '{column}: {value} ist kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ).', en: '{column}: {value} is not a valid date (YYYY-MM-DD or DD.MM.YYYY).' },
  'invalid-date.cell-number': { de: '{column}: die Zahl {value} ist kein Datum (Zelle als Datum formatieren oder TT.MM.JJJJ schreiben).', en: '{column}: the number {value} is not a date (format the cell as a date or write DD.MM.YYYY).' },
  'invalid-date.on-option': { de: 'on ist kein gültiges Datum JJJJ-MM-TT.', en: 'on is not a valid date YYYY-MM-DD.' },
  'invalid-date.parameter-value': { de: 'Kein gültiges Datum.', en: 'Not a valid date.' },
  'invalid-input.cycle': { de: 'Die Eingabe enthält sich selbst (Zyklus).', en: 'The input contains itself (a cycle).' },
  'invalid-input.options-object': { de: 'Die Optionen müssen ein Objekt sein.', en: 'The options must be an object.' },
  'invalid-input.registry': { de: 'registry muss eine RuleSetRegistry sein.', en: 'registry must be a RuleSetRegistry.' },
  'invalid-input.row-internal': { de: 'Interner Fehler bei dieser Zeile: {message}', en: 'Internal error on this row: {message}' },
  'invalid-input.shape': { de: '{where}: Form nicht erkannt.', en: '{where}: shape not recognised.' },
  'invalid-input.unprocessable': { de: '{name}: die Eingabe ließ sich nicht verarbeiten ({error}).', en: '{name}: the input could not be processed ({error}).' },
  'invalid-input.unreadable': { de: 'Die Eingabe ließ sich nicht lesen ({error}).', en: 'The input could not be read ({error}).' },
  'invalid-input.zod': { de: '{where}: {message}', en: '{where}: {message}' },
  'invalid-parameter-value.expect-date': { de: 'ein Datum JJJJ-MM-TT', en: 'a date YYYY-MM-DD' },
  'invalid-parameter-value.expect-decimal': { de: 'eine Zahl (oder Dezimalzeichenkette wie "0.25")', en: 'a number (or a decimal string such as "0.25")' },
  'invalid-parameter-value.expect-flag': { de: 'true oder false', en: 'true or false' },
  'invalid-parameter-value.expect-integer': { de: 'eine ganze Zahl', en: 'a whole number' },
  'invalid-parameter-value.expect-integer-range': { de: 'eine ganze Zahl von {range}', en: 'a whole number from {range}' },
  'invalid-parameter-value.expect-list': { de: 'eine Liste', en: 'a list' },
  'invalid-parameter-value.expect-money': { de: 'ein Geldbetrag als Dezimalzeichenkette ("51000.00")', en: 'an amount of money as a decimal string ("51000.00")' },
  'invalid-parameter-value.expect-one-of': { de: 'einer der Werte {allowed}', en: 'one of {allowed}' },
  'invalid-parameter-value.expect-positive': { de: 'größer als null', en: 'greater than zero' },
  'invalid-parameter-value.expect-string': { de: 'eine Zeichenkette', en: 'a string' },
  'invalid-parameter-value.money-string': { de: 'Geldbeträge werden als Dezimalzeichenkette angegeben ("51000.00").', en: 'Money is written as a decimal string ("51000.00").' },
  'invalid-parameter-value.non-negative': { de: 'Ein Wert in {unit} muss eine nichtnegative Zahl sein.', en: 'A value in {unit} must be a non-negative number.' },
  'invalid-parameter-value.null': { de: 'Parameter {who} ist null, muss aber einen Wert haben.', en: 'Parameter {who} is null, but must have a value.' },
  'invalid-parameter-value.unit': { de: 'Parameter {name} ({computation}) hat die Einheit {unit}; erlaubt: {allowed}.', en: 'Parameter {name} ({computation}) has unit {unit}; allowed: {allowed}.' },
  'invalid-parameter-value.whole-number-duration': { de: '{unit} werden als ganze Zahl von 0 bis 1200 angegeben.', en: '{unit} are written as a whole number from 0 to 1200.' },
  'invalid-parameter-value.wrong-entry': { de: 'Parameter {who}: Eintrag {n} ist {value}, muss aber {expected} sein.', en: 'Parameter {who}: entry {n} is {value}, but must be {expected}.' },
  'invalid-parameter-value.wrong-kind': { de: 'Parameter {who} ist {value}, muss aber {expected} sein.', en: 'Parameter {who} is {value}, but must be {expected}.' },
  'invalid-type.cell-boolean': { de: '{column}: erwartet ja/nein (auch true/false, 1/0, yes/no), nicht {value}.', en: '{column}: expected yes/no (also true/false, 1/0, ja/nein), not {value}.' },
  'invalid-type.cell-count': { de: '{column}: erwartet eine ganze Zahl (eine Anzahl), nicht {value}.', en: '{column}: expected a whole number (a count), not {value}.' },
  'invalid-type.cell-date': { de: '{column}: ein Datum ({date}) passt hier nicht.', en: '{column}: a date ({date}) does not fit here.' },
  'invalid-type.cell-not-number': { de: '{column}: keine Zahl: {value}.', en: '{column}: not a number: {value}.' },
  'invalid-type.cell-number': { de: '{column}: erwartet eine Zahl (z. B. 1234,56 oder 1234.56), nicht {value}.', en: '{column}: expected a number (e.g. 1234.56 or 1234,56), not {value}.' },
  'invalid-type.cell-number-too-large': { de: '{column}: Zahl zu groß: {value}.', en: '{column}: number too large: {value}.' },
  'invalid-type.expected': { de: '{where}: erwartet {expected}.', en: '{where}: expected {expected}.' },
  'invalid-type.ids-list': { de: 'ids muss eine Liste von Regelwerk-IDs sein.', en: 'ids must be a list of rule-set ids.' },
  'invalid-type.inputs-list': { de: 'inputs muss eine Liste sein.', en: 'inputs must be a list.' },
  'invalid-type.registry': { de: 'registry muss eine RuleSetRegistry sein.', en: 'registry must be a RuleSetRegistry.' },
  'invalid-type.rule-set-document': { de: 'Erwartet ein Regelwerk-Dokument (Objekt).', en: 'Expected a rule-set document (an object).' },
  'invalid-type.rule-set-list': { de: 'Erwartet eine Liste mit loadRuleSet geladener Regelwerke.', en: 'Expected a list of rule sets loaded with loadRuleSet.' },
  'invalid-type.rule-set-not-loaded': { de: 'Nur Regelwerke aus loadRuleSet lassen sich hinzufügen.', en: 'Only rule sets from loadRuleSet can be added.' },
  'invalid-type.rule-set-selector': { de: 'Erwartet eine Regelwerk-ID oder { on }.', en: 'Expected a rule-set id or { on }.' },
  'invalid-type.ruleset-json': { de: 'ruleset.json muss ein Objekt sein.', en: 'ruleset.json must be an object.' },
  'invalid-value.citation-twice': { de: 'Quelle {id} doppelt.', en: 'Citation {id} is duplicated.' },
  'invalid-value.citation-url': { de: 'Quelle {id}: url ist keine Webadresse.', en: 'Citation {id}: url is not a web address.' },
  'invalid-value.dated-values-order': { de: 'Datierte Werte müssen nach from aufsteigend sortiert sein.', en: 'Dated values must be in ascending order of from.' },
  'invalid-value.district-row-twice': { de: 'Kreis {district} hat schon eine Kreiszeile (Zeile {first}); diese Zeile ist nicht gezählt. Zeilen eines Kreises zusammenfassen.', en: 'District {district} already has a district row (row {first}); this row is not counted. Merge the rows of a district.' },
  'invalid-value.event-type': { de: 'Ereignistyp {type} ist hier nicht erlaubt ({events}).', en: 'Event type {type} is not allowed here ({events}).' },
  'invalid-value.fact-value': { de: 'Wert {item} passt nicht zu {fact}.', en: 'Value {item} does not fit {fact}.' },
  'invalid-value.first-value-late': { de: 'Der erste Wert von {name} gilt erst ab {from}, das Regelwerk ab {validFrom}.', en: 'The first value of {name} applies from {from}, the rule set from {validFrom}.' },
  'invalid-value.lock-hash-mismatch': { de: 'Der gesperrte Inhalt von {id} passt nicht zu seinem Hash: die Sperrdatei wurde von Hand geändert.', en: 'The locked content of {id} does not match its hash: the lock file was edited by hand.' },
  'invalid-value.not-allowed': { de: '{where}: unzulässiger Wert; erlaubt sind {expected}.', en: '{where}: value not allowed; allowed are {expected}.' },
  'invalid-value.not-finite-number': { de: '{where}: {value} ist keine endliche Zahl.', en: '{where}: {value} is not a finite number.' },
  'invalid-value.operator-value-kind': { de: 'Operator {operator} erwartet einen Wert der Art {valueKind}.', en: 'Operator {operator} expects a {valueKind} value.' },
  'invalid-value.origin': { de: 'origin muss "bundled" oder "user" sein.', en: 'origin must be "bundled" or "user".' },
  'invalid-value.remove-rules-without-extends': { de: 'removeRules gibt es nur bei Erweiterungen (extends).', en: 'removeRules is only allowed with extends.' },
  'invalid-value.rounding-point-twice': { de: 'Rundungspunkt {point} doppelt.', en: 'Rounding point {point} is stated twice.' },
  'invalid-value.rounding-point-unknown': { de: 'Unbekannter Rundungspunkt {point}.{hint} Erlaubt: {allowed}.', en: 'Unknown rounding point {point}.{hint} Allowed: {allowed}.' },
  'invalid-value.rule-id-twice': { de: 'Regel-ID {id} doppelt.', en: 'Rule id {id} is duplicated.' },
  'invalid-value.valid-to-before-from': { de: 'validTo liegt vor validFrom.', en: 'validTo is before validFrom.' },
  'limit-exceeded.conditions': { de: 'Zu viele Bedingungen.', en: 'Too many conditions.' },
  'limit-exceeded.conditions-depth': { de: 'Bedingungen zu tief verschachtelt.', en: 'Conditions nested too deeply.' },
  'limit-exceeded.element-length': { de: 'Element zu lang ({length} Zeichen).', en: 'Element too long ({length} characters).' },
  'limit-exceeded.field-length': { de: '{field}: Feld zu lang ({length} Zeichen, höchstens {max}).', en: '{field}: field too long ({length} characters, at most {max}).' },
  'limit-exceeded.file-size': { de: '{name}: Datei zu groß ({size} Bytes, höchstens {maxBytes}).', en: '{name}: file too large ({size} bytes, at most {maxBytes}).' },
  'limit-exceeded.file-size-read': { de: '{name}: Datei zu groß (mehr als {maxBytes} Bytes).', en: '{name}: file too large (more than {maxBytes} bytes).' },
  'limit-exceeded.input-depth': { de: 'Die Eingabe ist tiefer als {maxDepth} Ebenen verschachtelt.', en: 'The input is nested deeper than {maxDepth} levels.' },
  'limit-exceeded.input-elements': { de: 'Die Eingabe hat mehr als {maxNodes} Elemente.', en: 'The input has more than {maxNodes} elements.' },
  'limit-exceeded.line-length': { de: 'Zeile {line}: zu lang ({length} Zeichen).', en: 'Line {line}: too long ({length} characters).' },
  'limit-exceeded.parameters': { de: 'Zu viele Parameter.', en: 'Too many parameters.' },
  'limit-exceeded.rule-set-bytes': { de: 'Das Regelwerk ist zu groß ({declared} Bytes in seinen Dateien, höchstens {max}); nichts wurde gelesen.', en: 'The rule set is too large ({declared} bytes in its files, at most {max}); nothing was read.' },
  'limit-exceeded.rule-set-depth': { de: 'Das Regelwerk ist zu tief verschachtelt.', en: 'The rule set is nested too deeply.' },
  'limit-exceeded.rule-set-elements': { de: 'Das Regelwerk ist zu groß (mehr als {maxNodes} Elemente).', en: 'The rule set is too large (more than {maxNodes} elements).' },
  'limit-exceeded.rule-set-text': { de: 'Das Regelwerk enthält zu viel Text (mehr als {maxStringChars} Zeichen).', en: 'The rule set holds too much text (more than {maxStringChars} characters).' },
  'malformed-row.quote-unclosed': { de: 'ein Anführungszeichen wird in dieser Zeile nicht geschlossen.', en: 'a quote opened on this line is not closed.' },
  'malformed-row.quote-unexpected': { de: 'Anführungszeichen an unerwarteter Stelle.', en: 'a quote in an unexpected place.' },
  'malformed-row.row-unreadable': { de: 'Zeile nicht lesbar{where}: {detail}', en: 'Row unreadable{where}: {detail}' },
  'missing-field.confidence-note': { de: '{path}: ist {confidence}, aber ohne Hinweis (note), warum.', en: '{path}: is {confidence} but has no note saying why.' },
  'missing-field.event-basis': { de: 'Das Ereignis braucht params.basis.', en: 'The event needs params.basis.' },
  'missing-field.extends': { de: 'Ein Regelwerk der Art {kind} muss ein anderes erweitern (extends).', en: 'A {kind} rule set must extend another (extends).' },
  'missing-field.parameter': { de: 'Parameter {missing} fehlt: {computation} braucht ihn, weil das Regelwerk {present} festlegt.', en: 'Parameter {missing} is missing: {computation} needs it, as the rule set defines {present}.' },
  'missing-field.required': { de: 'Pflichtfeld {where} fehlt.', en: 'Required field {where} is missing.' },
  'no-rule-set-in-force.on-date': { de: 'Am {on} ist kein Regelwerk des Programms {programme} in Kraft.', en: 'No rule set of programme {programme} is in force on {on}.' },
  'out-of-range.date': { de: '{where}: Datum {value} liegt außerhalb des unterstützten Bereichs 1900-01-01 … 2199-12-31 (offene Enddaten wie 9999-12-31 bitte weglassen).', en: '{where}: date {value} is outside the supported range 1900-01-01 … 2199-12-31 (leave out open-ended dates such as 9999-12-31).' },
  'out-of-range.value': { de: '{where}: Wert außerhalb des zulässigen Bereichs ({message}).', en: '{where}: value out of range ({message}).' },
  'unknown-fact.allowed': { de: 'Unbekannter Sachverhalt {fact}; erlaubt: {allowed}.', en: 'Unknown fact {fact}; allowed: {allowed}.' },
  'unknown-fact.by-name': { de: 'Unbekannter Sachverhalt {fact}.', en: 'Unknown fact {fact}.' },
  'unknown-fact.in-list': { de: 'Unbekannter Sachverhalt {fact} in einer Sachverhaltsliste.', en: 'Unknown fact {fact} in a fact list.' },
  'unknown-field.computation-file': { de: '{file}: keine bekannte Berechnung ({computations}); die Datei wurde nicht gelesen.', en: '{file}: no known computation ({computations}); the file was not read.' },
  'unknown-field.field': { de: 'Unbekanntes Feld {field} in {where}.', en: 'Unknown field {field} in {where}.' },
  'unknown-operator.by-name': { de: 'Operator {operator} ist nicht zugelassen.', en: 'Operator {operator} is not allowed.' },
  'unknown-parameter.in-condition': { de: 'Parameter {param} ist nicht definiert.', en: 'Parameter {param} is not defined.' },
  'unknown-parameter.unread': { de: 'Parameter {name} liest keine Berechnung und keine Regel.{hint} Bekannte Parameter: {known}.', en: 'Parameter {name} is read by no computation and no rule.{hint} Known parameters: {known}.' },
  'unknown-rule-set.by-id': { de: 'Regelwerk {id} ist unbekannt.', en: 'Rule set {id} is unknown.' },
  'unknown-rule-set.extended': { de: 'Das erweiterte Regelwerk {id} ist unbekannt.', en: 'The extended rule set {id} is unknown.' },
  'unreadable-input.does-not-exist': { de: '{path} gibt es nicht.', en: '{path} does not exist.' },
  'unreadable-input.file': { de: '{name}: {detail}', en: '{name}: {detail}' },
  'unreadable-input.missing': { de: '{path} fehlt.', en: '{path} is missing.' },
  'unreadable-input.not-valid-json': { de: '{name} ist kein gültiges JSON{at}.', en: '{name} is not valid JSON{at}.' },
  'unreadable-input.unreadable': { de: '{path} ist nicht lesbar ({code}).', en: '{path} is unreadable ({code}).' },
} as const satisfies Record<string, Localized>;

/** A message id: `<issue code>.<name>` or `cli.<name>`. */
export type MessageId = keyof typeof MESSAGES;

/** The parameter names in a text: each `{name}` (not `{ on }` or `{…}`). */
type Holes<S extends string> = S extends `${string}{${infer P}}${infer R}` ? (P extends `${string}${' ' | '…' | '{'}${string}` ? never : P) | Holes<R> : never;

/** A parameter value: text, a number, or one text per language. */
export type MessageParam = string | number | Localized;

/** The parameters of message `K`, by name. */
export type MessageParams<K extends MessageId> = Record<Holes<(typeof MESSAGES)[K]['de'] | (typeof MESSAGES)[K]['en']>, MessageParam>;

/** The rest arguments after a message id: none for a message without parameters, else its parameters. */
export type MessageArgs<K extends MessageId> = [Holes<(typeof MESSAGES)[K]['de'] | (typeof MESSAGES)[K]['en']>] extends [never] ? [] : [params: MessageParams<K>];

const HOLE = /\{([A-Za-z_$][\w$]*)\}/g;

function fill(text: string, lang: keyof Localized, params: Readonly<Record<string, MessageParam>> | undefined): string {
  if (params === undefined) return text;
  return text.replace(HOLE, (hole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return hole;
    const v = params[name];
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

/**
 * The German and English text of message `id` with its parameters filled in.
 *
 * @example
 * message('unknown-rule-set.by-id', { id: 'x' }); // { de: 'Regelwerk x ist unbekannt.', en: 'Rule set x is unknown.' }
 */
export function message<K extends MessageId>(id: K, ...args: MessageArgs<K>): Localized {
  const m: Localized = MESSAGES[id];
  const params = args[0] as Readonly<Record<string, MessageParam>> | undefined;
  return { de: fill(m.de, 'de', params), en: fill(m.en, 'en', params) };
}
