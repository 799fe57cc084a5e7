/**
 * The message catalogue: every bilingual message in one place (this folder), by id, as zod keeps its
 * messages in `locales/`. An id is `<issue code>.<name>`, or `cli.<name>` / `compare.<name>` for
 * messages that are not issues; `{name}` in a text is a parameter, typed from the text itself, so
 * both languages take the same parameters and a caller cannot leave one out. A parameter's value is
 * text, a number, or a `{ de, en }` pair (each language takes its own). The library's messages are
 * here; those only the CLI shows are in `./cli.ts`, so a browser bundle of the library leaves them out.
 * Build issues with `issueOf` (src/issues.ts), CLI errors with `CliError.of`; docs/contributing.md
 * "Messages" says how to add one.
 */

/** A text in German and English. */
export interface Localized {
  de: string;
  en: string;
}

/** The texts of the library's messages, by id (sorted, so grouped by issue code). */
export const MESSAGES = {
  'cyclic-extends.self': { de: 'extends bildet einen Kreis.', en: 'extends forms a cycle.' },
  'duplicate-rule-set.by-id': { de: 'Ein Regelwerk {id} gibt es schon.', en: 'A rule set {id} already exists.' },
  'eligibility.not-in-target-group': { de: 'Keine Zielgruppenregel trifft zu.', en: 'No target-group rule applies.' },
  'eligibility.other-reading': { de: 'Fristberechnung angenommen nach BGB {rule}; nach {otherRule} endete die Beratung am {other}.', en: 'Period counted under BGB {rule} (assumed); under {otherRule} counselling would end on {other}.' },
  'eligibility.start-before-limit': { de: 'Der Beginn der Beratungsfrist ({fact} {date}) liegt vor dem Inkrafttreten der Begrenzung ({inForceFrom}, angenommen). Ob Zeit davor auf die Höchstdauer angerechnet wird, ist nicht geklärt; hier wird sie angerechnet.', en: 'The start of the counselling period ({fact} {date}) lies before the limit came into force ({inForceFrom}, assumed). Whether time before it counts towards the limit is unsettled; here it counts.' },
  'eligibility.unknown-end-assumption': { de: 'Die Beratung ist begrenzt ({months} Monate, {justifiedMonths} in begründeten Einzelfällen), aber kein Beginn ist bekannt ({facts} fehlt). Angenommen: die Person ist noch innerhalb der Frist; das Ende ist unbekannt. Mit counsellingSince wird es berechnet.', en: 'Counselling is limited ({months} months, {justifiedMonths} in justified cases), but no start is known ({facts} missing). Assumed: the person is still within the limit; the end is unknown. Give counsellingSince to compute it.' },
  'eligibility.unknown-end-note': { de: 'Die Beratungsdauer ist begrenzt, aber kein Beginn ist bekannt ({facts} fehlt); das Ende ist unbekannt.', en: 'Counselling is limited in time, but no start is known ({facts} missing); the end is unknown.' },
  'forbidden-key.key': { de: 'Der Schlüssel {key} ist nicht erlaubt.', en: 'The key {key} is not allowed.' },
  'inconsistent-input.first-approval-after-start': { de: 'firstApprovedOn {firstApprovedOn} liegt nach startDate {startDate}; die erste Bewilligung kann nicht nach dem Beginn liegen.', en: 'firstApprovedOn {firstApprovedOn} is after startDate {startDate}; the first approval cannot be after the start.' },
  'inconsistent-input.follow-up-since-after-on': { de: 'followUpSince {since} liegt nach dem Prüfdatum {on}, aber die Person ist schon in der Anschlussunterbringung (accommodation: follow-up). Bitte das Zuteilungsdatum oder die Unterbringung prüfen.', en: 'followUpSince {since} is after the assessment date {on}, but the person is already in follow-up accommodation (accommodation: follow-up). Check the allocation date or the accommodation.' },
  'invalid-date.calendar': { de: '{where}: kein gültiges Kalenderdatum JJJJ-MM-TT.', en: '{where}: not a valid calendar date YYYY-MM-DD.' },
  'invalid-date.on-option': { de: 'on ist kein gültiges Datum JJJJ-MM-TT.', en: 'on is not a valid date YYYY-MM-DD.' },
  'invalid-date.parameter-value': { de: 'Kein gültiges Datum.', en: 'Not a valid date.' },
  'invalid-input.contract': { de: 'contract muss ein Parametervertrag sein (parameters, roundingPoints).', en: 'contract must be a parameter contract (parameters, roundingPoints).' },
  'invalid-input.cycle': { de: 'Die Eingabe enthält sich selbst (Zyklus).', en: 'The input contains itself (a cycle).' },
  'invalid-input.file-kind': { de: 'Bitte eine CSV-, Excel- (.xlsx), JSON- oder JSON-Lines-Datei wählen.', en: 'Please choose a CSV, Excel (.xlsx), JSON or JSON Lines file.' },
  'invalid-input.header-names': { de: 'Die Kopfzeile hat leere, doppelte oder unzulässige Spaltennamen.', en: 'The header has empty, duplicate or forbidden column names.' },
  'invalid-input.json-not-array': { de: 'JSON muss ein Array von Zeilen sein.', en: 'JSON must be an array of rows.' },
  'invalid-input.options-object': { de: 'Die Optionen müssen ein Objekt sein.', en: 'The options must be an object.' },
  'invalid-input.registry': { de: 'registry muss eine RuleSetRegistry sein.', en: 'registry must be a RuleSetRegistry.' },
  'invalid-input.shape': { de: '{where}: Form nicht erkannt.', en: '{where}: shape not recognised.' },
  'invalid-input.sheet-empty': { de: 'Das Tabellenblatt ist leer.', en: 'The sheet is empty.' },
  'invalid-input.two-columns-one-field': { de: 'Zwei Spalten meinen das Feld {field}.', en: 'Two columns name the field {field}.' },
  'invalid-input.unprocessable': { de: '{name}: die Eingabe ließ sich nicht verarbeiten ({error}).', en: '{name}: the input could not be processed ({error}).' },
  'invalid-input.unreadable': { de: 'Die Eingabe ließ sich nicht lesen ({error}).', en: 'The input could not be read ({error}).' },
  'invalid-input.zod': { de: '{where}: {message}', en: '{where}: {message}' },
  'invalid-parameter-value.expect-date': { de: 'ein Datum JJJJ-MM-TT', en: 'a date YYYY-MM-DD' },
  'invalid-parameter-value.expect-decimal': { de: 'eine Zahl (oder Dezimalzeichenkette wie "0.25")', en: 'a number (or a decimal string such as "0.25")' },
  'invalid-parameter-value.expect-flag': { de: 'true oder false', en: 'true or false' },
  'invalid-parameter-value.expect-integer': { de: 'eine ganze Zahl', en: 'a whole number' },
  'invalid-parameter-value.expect-integer-range': { de: 'eine ganze Zahl von {range}', en: 'a whole number from {range}' },
  'invalid-parameter-value.expect-list': { de: 'eine Liste', en: 'a list' },
  'invalid-parameter-value.expect-money': { de: 'ein Geldbetrag als Dezimalzeichenkette ("1234.50")', en: 'an amount of money as a decimal string ("1234.50")' },
  'invalid-parameter-value.expect-one-of': { de: 'einer der Werte {allowed}', en: 'one of {allowed}' },
  'invalid-parameter-value.expect-positive': { de: 'größer als null', en: 'greater than zero' },
  'invalid-parameter-value.expect-string': { de: 'eine Zeichenkette', en: 'a string' },
  'invalid-parameter-value.money-string': { de: 'Geldbeträge werden als Dezimalzeichenkette angegeben ("1234.50").', en: 'Money is written as a decimal string ("1234.50").' },
  'invalid-parameter-value.months-or-null': { de: 'Regelwerk {ruleSet}: {name} muss eine ganze Zahl von Monaten oder null sein.', en: 'Rule set {ruleSet}: {name} must be a whole number of months or null.' },
  'invalid-parameter-value.must-be': { de: 'Regelwerk {ruleSet}: Parameter {name} muss {expected} sein, ist aber {value}.', en: 'Rule set {ruleSet}: parameter {name} must be {expected}, but is {value}.' },
  'invalid-parameter-value.must-be-positive': { de: '{name} muss > 0 sein.', en: '{name} must be > 0.' },
  'invalid-parameter-value.non-negative': { de: 'Ein Wert in {unit} muss eine nichtnegative Zahl sein.', en: 'A value in {unit} must be a non-negative number.' },
  'invalid-parameter-value.null': { de: 'Parameter {who} ist null, muss aber einen Wert haben.', en: 'Parameter {who} is null, but must have a value.' },
  'invalid-parameter-value.statewide-weight': { de: 'Landesweites Gewicht muss > 0 sein.', en: 'Statewide weight must be > 0.' },
  'invalid-parameter-value.unit': { de: 'Parameter {name} ({computation}) hat die Einheit {unit}; erlaubt: {allowed}.', en: 'Parameter {name} ({computation}) has unit {unit}; allowed: {allowed}.' },
  'invalid-parameter-value.whole-number-duration': { de: '{unit} werden als ganze Zahl von 0 bis 1200 angegeben.', en: '{unit} are written as a whole number from 0 to 1200.' },
  'invalid-parameter-value.wrong-entry': { de: 'Parameter {who}: Eintrag {n} ist {value}, muss aber {expected} sein.', en: 'Parameter {who}: entry {n} is {value}, but must be {expected}.' },
  'invalid-parameter-value.wrong-kind': { de: 'Parameter {who} ist {value}, muss aber {expected} sein.', en: 'Parameter {who} is {value}, but must be {expected}.' },
  'invalid-type.districts-list': { de: 'Die Kreise müssen eine Liste sein.', en: 'Districts must be a list.' },
  'invalid-type.expected': { de: '{where}: erwartet {expected}.', en: '{where}: expected {expected}.' },
  'invalid-type.id-string': { de: 'id muss Text sein.', en: 'id must be a string.' },
  'invalid-type.ids-list': { de: 'ids muss eine Liste von Regelwerk-IDs sein.', en: 'ids must be a list of rule-set ids.' },
  'invalid-type.inputs-list': { de: 'inputs muss eine Liste sein.', en: 'inputs must be a list.' },
  'invalid-type.list': { de: '{name} muss eine Liste sein.', en: '{name} must be a list.' },
  'invalid-type.object': { de: 'Erwartet ein Objekt.', en: 'Expected an object.' },
  'invalid-type.programme-string': { de: 'programme muss eine Zeichenkette sein.', en: 'programme must be a string.' },
  'invalid-type.recipients-list': { de: 'Empfänger müssen eine Liste sein.', en: 'Recipients must be a list.' },
  'invalid-type.registry': { de: 'registry muss eine RuleSetRegistry sein.', en: 'registry must be a RuleSetRegistry.' },
  'invalid-type.rule-set-document': { de: 'Erwartet ein Regelwerk-Dokument (Objekt).', en: 'Expected a rule-set document (an object).' },
  'invalid-type.rule-set-list': { de: 'Erwartet eine Liste mit loadRuleSet geladener Regelwerke.', en: 'Expected a list of rule sets loaded with loadRuleSet.' },
  'invalid-type.rule-set-not-loaded': { de: 'Nur Regelwerke aus loadRuleSet lassen sich hinzufügen.', en: 'Only rule sets from loadRuleSet can be added.' },
  'invalid-type.rule-set-option': { de: 'ruleSet muss eine Regelwerk-ID oder ein mit loadRuleSet geladenes Regelwerk sein.', en: 'ruleSet must be a rule-set id or a rule set loaded with loadRuleSet.' },
  'invalid-type.rule-set-selector': { de: 'Erwartet eine Regelwerk-ID oder { on }.', en: 'Expected a rule-set id or { on }.' },
  'invalid-type.ruleset-json': { de: 'ruleset.json muss ein Objekt sein.', en: 'ruleset.json must be an object.' },
  'invalid-type.trace-flag': { de: 'trace muss true oder false sein.', en: 'trace must be true or false.' },
  'invalid-value.allocation-method': { de: 'Methode {method} unbekannt ({methods}).', en: 'Unknown method {method} ({methods}).' },
  'invalid-value.allowed-choices': { de: 'Erlaubt: {choices}.', en: 'Allowed: {choices}.' },
  'invalid-value.budget': { de: 'Budget ist kein Betrag ≥ 0.', en: 'Budget is not an amount ≥ 0.' },
  'invalid-value.case-computation': { de: 'Der Fall nennt die Berechnung {computation}; bekannt sind: {computations}.', en: 'The case names the computation {computation}; known are: {computations}.' },
  'invalid-value.citation-twice': { de: 'Quelle {id} doppelt.', en: 'Citation {id} is duplicated.' },
  'invalid-value.dated-values-order': { de: 'Datierte Werte müssen nach from aufsteigend sortiert sein.', en: 'Dated values must be in ascending order of from.' },
  'invalid-value.district-key': { de: 'Kreisschlüssel muss fünfstellig sein.', en: 'District key must have five digits.' },
  'invalid-value.enter-decimal': { de: 'Bitte eine Dezimalzahl eingeben, z. B. 62000.00.', en: 'Please enter a decimal number, e.g. 62000.00.' },
  'invalid-value.enter-number': { de: 'Bitte eine Zahl eingeben.', en: 'Please enter a number.' },
  'invalid-value.enter-whole-number': { de: 'Bitte eine ganze Zahl eingeben.', en: 'Please enter a whole number.' },
  'invalid-value.event-type': { de: 'Ereignistyp {type} ist hier nicht erlaubt ({events}).', en: 'Event type {type} is not allowed here ({events}).' },
  'invalid-value.fact-value': { de: 'Wert {item} passt nicht zu {fact}.', en: 'Value {item} does not fit {fact}.' },
  'invalid-value.first-value-late': { de: 'Der erste Wert von {name} gilt erst ab {from}, das Regelwerk ab {validFrom}.', en: 'The first value of {name} applies from {from}, the rule set from {validFrom}.' },
  'invalid-value.lock-hash-mismatch': { de: 'Der gesperrte Inhalt von {id} passt nicht zu seinem Hash: die Sperrdatei wurde von Hand geändert.', en: 'The locked content of {id} does not match its hash: the lock file was edited by hand.' },
  'invalid-value.non-negative-whole': { de: '{name} muss eine nichtnegative ganze Zahl sein.', en: '{name} must be a non-negative whole number.' },
  'invalid-value.not-allowed': { de: '{where}: unzulässiger Wert; erlaubt sind {expected}.', en: '{where}: value not allowed; allowed are {expected}.' },
  'invalid-value.not-finite-number': { de: '{where}: {value} ist keine endliche Zahl.', en: '{where}: {value} is not a finite number.' },
  'invalid-value.operator-value-kind': { de: 'Operator {operator} erwartet einen Wert der Art {valueKind}.', en: 'Operator {operator} expects a {valueKind} value.' },
  'invalid-value.origin': { de: 'origin muss "bundled" oder "user" sein.', en: 'origin must be "bundled" or "user".' },
  'invalid-value.per-unit-rate-largest-remainder': { de: 'Regelwerk {id} legt einen Satz je Einheit fest (per-unit-rate); largest-remainder verteilt nur ein Budget unter den angegebenen Empfängern.', en: 'Rule set {id} defines a per-unit rate; largest-remainder only splits a budget among the given recipients.' },
  'invalid-value.remove-rules-without-extends': { de: 'removeRules gibt es nur bei Erweiterungen (extends).', en: 'removeRules is only allowed with extends.' },
  'invalid-value.rounding-point-twice': { de: 'Rundungspunkt {point} doppelt.', en: 'Rounding point {point} is stated twice.' },
  'invalid-value.rounding-point-unknown': { de: 'Unbekannter Rundungspunkt {point}.{hint} Erlaubt: {allowed}.', en: 'Unknown rounding point {point}.{hint} Allowed: {allowed}.' },
  'invalid-value.rule-id-twice': { de: 'Regel-ID {id} doppelt.', en: 'Rule id {id} is duplicated.' },
  'invalid-value.snapshot-computation': { de: 'Unbekannte Berechnung {name} für einen Ergebnis-Schnappschuss; möglich sind: {computations}.', en: 'Unknown computation {name} for an outcome snapshot; possible are: {computations}.' },
  'invalid-value.statewide-weight': { de: 'statewideWeight muss eine Zahl > 0 und mindestens die Summe der angegebenen Gewichte ({total}) sein.', en: 'statewideWeight must be a number > 0 and at least the sum of the given weights ({total}).' },
  'invalid-value.valid-to-before-from': { de: 'validTo liegt vor validFrom.', en: 'validTo is before validFrom.' },
  'invalid-value.weights-zero': { de: 'Die Gewichte summieren sich zu 0; nichts zu verteilen.', en: 'The weights sum to 0; nothing to split.' },
  'limit-exceeded.conditions': { de: 'Zu viele Bedingungen.', en: 'Too many conditions.' },
  'limit-exceeded.conditions-depth': { de: 'Bedingungen zu tief verschachtelt.', en: 'Conditions nested too deeply.' },
  'limit-exceeded.file-size': { de: '{name}: Datei zu groß ({size} Bytes, höchstens {maxBytes}).', en: '{name}: file too large ({size} bytes, at most {maxBytes}).' },
  'limit-exceeded.file-size-read': { de: '{name}: Datei zu groß (mehr als {maxBytes} Bytes).', en: '{name}: file too large (more than {maxBytes} bytes).' },
  'limit-exceeded.input-depth': { de: 'Die Eingabe ist tiefer als {maxDepth} Ebenen verschachtelt.', en: 'The input is nested deeper than {maxDepth} levels.' },
  'limit-exceeded.input-elements': { de: 'Die Eingabe hat mehr als {maxNodes} Elemente.', en: 'The input has more than {maxNodes} elements.' },
  'limit-exceeded.parameters': { de: 'Zu viele Parameter.', en: 'Too many parameters.' },
  'limit-exceeded.rule-set-bytes': { de: 'Das Regelwerk ist zu groß ({declared} Bytes in seinen Dateien, höchstens {max}); nichts wurde gelesen.', en: 'The rule set is too large ({declared} bytes in its files, at most {max}); nothing was read.' },
  'limit-exceeded.rule-set-depth': { de: 'Das Regelwerk ist zu tief verschachtelt.', en: 'The rule set is nested too deeply.' },
  'limit-exceeded.rule-set-elements': { de: 'Das Regelwerk ist zu groß (mehr als {maxNodes} Elemente).', en: 'The rule set is too large (more than {maxNodes} elements).' },
  'limit-exceeded.rule-set-text': { de: 'Das Regelwerk enthält zu viel Text (mehr als {maxStringChars} Zeichen).', en: 'The rule set holds too much text (more than {maxStringChars} characters).' },
  'missing-field.enter-value': { de: 'Bitte einen Wert eingeben.', en: 'Please enter a value.' },
  'missing-field.event-basis': { de: 'Das Ereignis braucht params.basis.', en: 'The event needs params.basis.' },
  'missing-field.extends': { de: 'Ein Regelwerk der Art {kind} muss ein anderes erweitern (extends).', en: 'A {kind} rule set must extend another (extends).' },
  'missing-field.on': { de: 'Ein Prüfdatum (on) fehlt.', en: 'An assessment date (on) is missing.' },
  'missing-field.parameter': { de: 'Parameter {missing} fehlt: {computation} braucht ihn, weil das Regelwerk {present} festlegt.', en: 'Parameter {missing} is missing: {computation} needs it, as the rule set defines {present}.' },
  'missing-field.required': { de: 'Pflichtfeld {where} fehlt.', en: 'Required field {where} is missing.' },
  'missing-field.rule-set-or-on': { de: 'Ein Regelwerk (ruleSet) oder ein Datum (on) ist nötig.', en: 'A rule set (ruleSet) or a date (on) is required.' },
  'missing-field.weight': { de: 'Gewicht fehlt: weight oder {field} angeben (Schlüssel {key}).', en: 'Weight missing: give weight or {field} (key {key}).' },
  'no-rule-set-in-force.on-date': { de: 'Am {on} ist kein Regelwerk des Programms {programme} in Kraft.', en: 'No rule set of programme {programme} is in force on {on}.' },
  'operator.contains': { de: 'enthält', en: 'contains' },
  'operator.date-after': { de: 'liegt nach dem', en: 'is after' },
  'operator.date-before': { de: 'liegt vor dem', en: 'is before' },
  'operator.date-on-or-after': { de: 'liegt am oder nach dem', en: 'is on or after' },
  'operator.date-on-or-before': { de: 'liegt am oder vor dem', en: 'is on or before' },
  'operator.decimal-equal': { de: '= (exakt)', en: '= (exact)' },
  'operator.decimal-greater-than': { de: '> (exakt)', en: '> (exact)' },
  'operator.decimal-greater-than-inclusive': { de: '≥ (exakt)', en: '≥ (exact)' },
  'operator.decimal-less-than': { de: '< (exakt)', en: '< (exact)' },
  'operator.decimal-less-than-inclusive': { de: '≤ (exakt)', en: '≤ (exact)' },
  'operator.does-not-contain': { de: 'enthält nicht', en: 'does not contain' },
  'operator.equal': { de: '=', en: '=' },
  'operator.greater-than': { de: '>', en: '>' },
  'operator.greater-than-inclusive': { de: '≥', en: '≥' },
  'operator.in': { de: 'ist eines von', en: 'is one of' },
  'operator.less-than': { de: '<', en: '<' },
  'operator.less-than-inclusive': { de: '≤', en: '≤' },
  'operator.not-equal': { de: '≠', en: '≠' },
  'operator.not-in': { de: 'ist keines von', en: 'is none of' },
  'out-of-range.date': { de: '{where}: Datum {value} liegt außerhalb des unterstützten Bereichs 1900-01-01 … 2199-12-31 (offene Enddaten wie 9999-12-31 bitte weglassen).', en: '{where}: date {value} is outside the supported range 1900-01-01 … 2199-12-31 (leave out open-ended dates such as 9999-12-31).' },
  'out-of-range.fte-above-one': { de: 'Der Stellenanteil {fte} ist größer als eine Vollzeitstelle (1 VZÄ); mehrere Stellen bitte als eigene Zeilen angeben.', en: 'The share {fte} is more than one full-time post (1 FTE); give several posts as separate rows.' },
  'out-of-range.fte-below-minimum': { de: 'Der Stellenanteil {fte} liegt unter dem Mindestanteil von {minimum} VZÄ ({id}).', en: 'The share {fte} is below the minimum share of {minimum} FTE ({id}).' },
  'out-of-range.value': { de: '{where}: Wert außerhalb des zulässigen Bereichs ({message}).', en: '{where}: value out of range ({message}).' },
  'out-of-range.year': { de: 'year muss eine Jahreszahl 1900–2200 sein.', en: 'year must be a year 1900–2200.' },
  'out-of-range.year-outside-validity': { de: 'Das Jahr {year} liegt außerhalb der Geltung von {id} ({validFrom} bis {validTo}).', en: 'The year {year} is outside the validity of {id} ({validFrom} to {validTo}).' },
  'parameter-unavailable.base-year': { de: '{name} hat im Basisjahr {baseYear} keinen Wert.', en: '{name} has no value in the base year {baseYear}.' },
  'parameter-unavailable.grant-period': { de: 'Regelwerk {id} legt weder eine Höchstdauer noch ein Förderende fest.', en: 'Rule set {id} states neither a maximum period nor a funding end date.' },
  'parameter-unavailable.no-grant-per-post': { de: 'Regelwerk {id} kennt keine Förderung je Stelle (kein Festbetrag, keine Förderdauer); Budgets nach Schlüssel berechnet allocate.', en: 'Rule set {id} defines no grant per post (no fixed rate, no grant period); budgets by a key are computed by allocate.' },
  'parameter-unavailable.no-target-group': { de: 'Regelwerk {id} kennt keine Zielgruppe (keine Zielgruppenregeln); ob eine Person zur Zielgruppe gehört, kann es nicht entscheiden.', en: 'Rule set {id} defines no target group (no target-group rules), so it cannot decide whether a person is in the target group.' },
  'parameter-unavailable.no-value-on': { de: 'Parameter {name} hat am {date} keinen Wert.', en: 'Parameter {name} has no value on {date}.' },
  'parameter-unavailable.rounding': { de: 'Regelwerk {id} legt keine Rundung für {appliesTo} fest.', en: 'Rule set {id} states no rounding for {appliesTo}.' },
  'parameter-unavailable.rule-set-parameter-on': { de: 'Regelwerk {id}: Parameter {name} hat am {date} keinen Wert.', en: 'Rule set {id}: parameter {name} has no value on {date}.' },
  'unknown-fact.allowed': { de: 'Unbekannter Sachverhalt {fact}; erlaubt: {allowed}.', en: 'Unknown fact {fact}; allowed: {allowed}.' },
  'unknown-fact.by-name': { de: 'Unbekannter Sachverhalt {fact}.', en: 'Unknown fact {fact}.' },
  'unknown-fact.in-list': { de: 'Unbekannter Sachverhalt {fact} in einer Sachverhaltsliste.', en: 'Unknown fact {fact} in a fact list.' },
  'unknown-field.by-name': { de: 'Unbekanntes Feld {field}.', en: 'Unknown field {field}.' },
  'unknown-field.computation-file': { de: '{file}: keine bekannte Berechnung ({computations}); die Datei wurde nicht gelesen.', en: '{file}: no known computation ({computations}); the file was not read.' },
  'unknown-field.field': { de: 'Unbekanntes Feld {field} in {where}.', en: 'Unknown field {field} in {where}.' },
  'unknown-operator.by-name': { de: 'Operator {operator} ist nicht zugelassen.', en: 'Operator {operator} is not allowed.' },
  'unknown-parameter.in-condition': { de: 'Parameter {param} ist nicht definiert.', en: 'Parameter {param} is not defined.' },
  'unknown-parameter.unread': { de: 'Parameter {name} liest keine Berechnung und keine Regel.{hint} Bekannte Parameter: {known}.', en: 'Parameter {name} is read by no computation and no rule.{hint} Known parameters: {known}.' },
  'unknown-rule-set.by-id': { de: 'Regelwerk {id} ist unbekannt.', en: 'Rule set {id} is unknown.' },
  'unknown-rule-set.extended': { de: 'Das erweiterte Regelwerk {id} ist unbekannt.', en: 'The extended rule set {id} is unknown.' },
  'unknown-rule-set.scenario-extends': { de: 'Das Szenario muss ein mitgeliefertes Regelwerk erweitern (extends).', en: 'The scenario must extend a shipped rule set (extends).' },
  'unreadable-input.csv': { de: 'Die CSV-Datei ist nicht lesbar (Anführungszeichen?).', en: 'The CSV file is unreadable (quotes?).' },
  'unreadable-input.does-not-exist': { de: '{path} gibt es nicht.', en: '{path} does not exist.' },
  'unreadable-input.file': { de: '{name}: {detail}', en: '{name}: {detail}' },
  'unreadable-input.json-invalid': { de: 'Die Datei ist kein gültiges JSON.', en: 'The file is not valid JSON.' },
  'unreadable-input.missing': { de: '{path} fehlt.', en: '{path} is missing.' },
  'unreadable-input.not-valid-json': { de: '{name} ist kein gültiges JSON{at}.', en: '{name} is not valid JSON{at}.' },
  'unreadable-input.unreadable': { de: '{path} ist nicht lesbar ({code}).', en: '{path} is unreadable ({code}).' },
} as const satisfies Record<string, Localized>;

/** A message id of the library: `<issue code>.<name>` or `compare.<name>`. */
export type MessageId = keyof typeof MESSAGES;
/** The parameter names in a text: each `{name}` (not `{ on }` or `{…}`). */
type Holes<S extends string> = S extends `${string}{${infer P}}${infer R}` ? (P extends `${string}${' ' | '…' | '{'}${string}` ? never : P) | Holes<R> : never;

/** A parameter value: text, a number, or one text per language. */
export type MessageParam = string | number | Localized;
/** The rest arguments after id `K` of table `T`: none for a message without parameters, else its parameters by name. */
export type ArgsIn<T extends Readonly<Record<string, Localized>>, K extends keyof T> = [Holes<T[K]['de'] | T[K]['en']>] extends [never] ? [] : [params: Record<Holes<T[K]['de'] | T[K]['en']>, MessageParam>];
/** The rest arguments after a library message id. */
export type MessageArgs<K extends MessageId> = ArgsIn<typeof MESSAGES, K>;

const HOLE = /\{([A-Za-z_$][\w$]*)\}/g;

function fill(text: string, lang: keyof Localized, params: Readonly<Record<string, MessageParam>> | undefined): string {
  if (params === undefined) return text;
  return text.replace(HOLE, (hole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return hole;
    const v = params[name];
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

/** Both texts of catalogue entry `m` with the parameters (the first of `args`) filled in. */
export function render(m: Localized, args: readonly unknown[]): Localized {
  const params = args[0] as Readonly<Record<string, MessageParam>> | undefined;
  return { de: fill(m.de, 'de', params), en: fill(m.en, 'en', params) };
}

/**
 * The German and English text of message `id` with its parameters filled in.
 *
 * @example
 * message('unknown-rule-set.by-id', { id: 'x' }); // { de: 'Regelwerk x ist unbekannt.', en: 'Rule set x is unknown.' }
 */
export function message<K extends MessageId>(id: K, ...args: MessageArgs<K>): Localized {
  return render(MESSAGES[id], args);
}
