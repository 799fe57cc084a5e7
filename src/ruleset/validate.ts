import { forEachLeaf, isFactRef, isParamRef } from './conditions.js';
import { isCalendarDate } from '../dates/calendar.js';
import { isDecimalString } from '../money/decimal-string.js';
import { depthOf, forbiddenKeys, fromZodIssues, issue, type Issue } from '../issues.js';
import { LIMITS, ruleSetDocumentSchema, type ParameterValue, type RuleSetDocument } from './schema.js';
import { ownData } from '../_lib/guard.js';
import {
  isNearMiss,
  missingRequiredIssues,
  parameterUnitIssue,
  parameterValueIssues,
  roundingIssues,
  specOf,
  unknownParameterIssue,
  type ParameterContract,
} from './parameter-contract.js';

export type { ParameterContract, ParameterKind, ParameterSpec } from './parameter-contract.js';

/**
 * Limits on a whole untrusted rule-set document, checked before anything else reads it: nesting
 * depth, number of JSON nodes (objects, arrays and scalars) and total characters in strings and
 * keys. The bundled rule sets use a small fraction of each.
 *
 * @example
 * console.log(DOCUMENT_LIMITS.maxDepth); // 40: deeper JSON is rejected before parsing it as a rule set
 */
export const DOCUMENT_LIMITS = {
  maxDepth: 40,
  maxNodes: 200_000,
  maxStringChars: 5_000_000,
} as const;

/**
 * Measures a JSON-like value without recursion, stopping as soon as a limit of
 * {@link DOCUMENT_LIMITS} is passed. Returns an issue for the first limit passed, or null.
 */
export function documentLimitIssue(input: unknown, limits: { maxDepth: number; maxNodes: number; maxStringChars: number } = DOCUMENT_LIMITS): Issue | null {
  let nodes = 0;
  let chars = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: input, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (top === undefined) break;
    const { value, depth } = top;
    nodes++;
    if (nodes > limits.maxNodes) {
      return issue('limit-exceeded', [], `Das Regelwerk ist zu groß (mehr als ${limits.maxNodes} Elemente).`, `The rule set is too large (more than ${limits.maxNodes} elements).`);
    }
    if (depth > limits.maxDepth) {
      return issue('limit-exceeded', [], 'Das Regelwerk ist zu tief verschachtelt.', 'The rule set is nested too deeply.');
    }
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) {
      if (value.length > limits.maxNodes - nodes) {
        return issue('limit-exceeded', [], `Das Regelwerk ist zu groß (mehr als ${limits.maxNodes} Elemente).`, `The rule set is too large (more than ${limits.maxNodes} elements).`);
      }
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i] as unknown, depth: depth + 1 });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length > limits.maxNodes - nodes) {
        return issue('limit-exceeded', [], `Das Regelwerk ist zu groß (mehr als ${limits.maxNodes} Elemente).`, `The rule set is too large (more than ${limits.maxNodes} elements).`);
      }
      for (const k of keys) {
        chars += k.length;
        stack.push({ value: (value as Record<string, unknown>)[k], depth: depth + 1 });
      }
    }
    if (chars > limits.maxStringChars) {
      return issue('limit-exceeded', [], `Das Regelwerk enthält zu viel Text (mehr als ${limits.maxStringChars} Zeichen).`, `The rule set holds too much text (more than ${limits.maxStringChars} characters).`);
    }
  }
  return null;
}

/** What a fact holds, for checking rule files against the facts a programme declares. */
export type FactKind =
  | { type: 'enum'; values: readonly string[] }
  | { type: 'boolean' }
  | { type: 'date'; nullable: boolean }
  | { type: 'string'; nullable: boolean };

/**
 * What the rules of a rule set may use, supplied by the layer that knows the programmes and the
 * engine (the format itself knows no programme): facts and event types per computation, and the
 * operators with the kind of value each takes.
 */
export interface RuleVocabulary {
  readonly facts: Readonly<Record<string, Readonly<Record<string, FactKind>>>>;
  readonly events: Readonly<Record<string, readonly string[]>>;
  readonly operators: ReadonlyMap<string, { readonly valueKind: string }>;
  /**
   * The parameter contract: the parameters code reads (kind, unit, allowed values) and the
   * rounding points it applies. Without it, parameter values are checked by their unit only and
   * any name and rounding point is accepted.
   */
  readonly contract?: ParameterContract;
}

/** The catalogue entry of a fact, looked up as an own property only (so `toString` is no fact). */
function factKind(facts: Readonly<Record<string, FactKind>>, name: string): FactKind | undefined {
  return Object.prototype.hasOwnProperty.call(facts, name) ? facts[name] : undefined;
}

function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function valueFitsFact(kind: FactKind, value: unknown): boolean {
  if (value === null) return kind.type !== 'enum' && kind.type !== 'boolean' && kind.nullable;
  switch (kind.type) {
    case 'enum':
      return typeof value === 'string' && kind.values.includes(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return isCalendarDate(value);
    case 'string':
      return typeof value === 'string';
  }
}

function valueFitsOperator(kindName: string, value: unknown): boolean {
  switch (kindName) {
    case 'list':
      return Array.isArray(value);
    case 'number':
      return typeof value === 'number';
    case 'date':
      return isCalendarDate(value);
    case 'decimal':
      return isDecimalString(value) || (typeof value === 'number' && Number.isSafeInteger(value));
    default:
      return true;
  }
}

/**
 * Structural parse of an untrusted rule-set document: prototype keys, nesting depth, zod schema.
 * Semantic checks that need the other rule sets (parameter references through `extends`) are in
 * {@link checkRuleSetSemantics}.
 */
export function parseRuleSetDocument(raw: unknown): { ok: true; document: RuleSetDocument } | { ok: false; issues: Issue[] } {
  const tooBig = documentLimitIssue(raw);
  if (tooBig !== null) return { ok: false, issues: [tooBig] };
  // Validate a copy of own data: the caller's objects are neither kept nor frozen by loadRuleSet,
  // inherited properties are not read, and JSON-less numbers (1e309 → Infinity) are refused.
  const own = ownData(raw, { maxDepth: DOCUMENT_LIMITS.maxDepth + 5, maxNodes: DOCUMENT_LIMITS.maxNodes * 2, finiteOnly: true });
  if (!own.ok) return own;
  const input = own.value;
  const bad = forbiddenKeys(input);
  if (bad.length > 0) return { ok: false, issues: bad };
  if (depthOf(input, DOCUMENT_LIMITS.maxDepth) > DOCUMENT_LIMITS.maxDepth) {
    return {
      ok: false,
      issues: [issue('limit-exceeded', [], 'Das Regelwerk ist zu tief verschachtelt.', 'The rule set is nested too deeply.')],
    };
  }
  const parsed = ruleSetDocumentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, [], input) };
  return { ok: true, document: parsed.data };
}

/**
 * Semantic checks of a parsed rule set: validity dates, dated parameter values, rule ids, fact
 * names, operators, parameter references (own or inherited through `extends`), value types,
 * event types and condition depth.
 *
 * With a parameter contract in the vocabulary, also: every value of a parameter code reads has
 * its kind, unit and allowed values; every parameter is read by a computation or a rule (own or
 * inherited), so a misspelt name is an error; required parameters come together; every rounding
 * point is one a computation applies.
 *
 * @param inherited parameters visible from the rule sets this one extends, by name
 * @param vocabulary the facts, event types and operators rules may use, and the parameter contract
 * @param inheritedReferences parameters the rules of the rule sets this one extends refer to
 */
export function checkRuleSetSemantics(
  doc: RuleSetDocument,
  inherited: ReadonlyMap<string, readonly ParameterValue[]>,
  vocabulary: RuleVocabulary,
  inheritedReferences: ReadonlySet<string> = new Set(),
): Issue[] {
  const catalogues = Object.values(vocabulary.facts);
  const out: Issue[] = [];
  if (doc.validTo !== undefined && doc.validTo < doc.validFrom) {
    out.push(issue('invalid-value', ['validTo'], 'validTo liegt vor validFrom.', 'validTo is before validFrom.'));
  }
  if ((doc.kind === 'decree' || doc.kind === 'scenario') && doc.extends === undefined) {
    out.push(
      issue('missing-field', ['extends'], `Ein Regelwerk der Art ${doc.kind} muss ein anderes erweitern (extends).`, `A ${doc.kind} rule set must extend another (extends).`),
    );
  }
  if (doc.removeRules !== undefined && doc.extends === undefined) {
    out.push(issue('invalid-value', ['removeRules'], 'removeRules gibt es nur bei Erweiterungen (extends).', 'removeRules is only allowed with extends.'));
  }
  const citationIds = new Set<string>();
  doc.citations.forEach((c, i) => {
    if (citationIds.has(c.id)) out.push(issue('invalid-value', ['citations', i, 'id'], `Quelle ${c.id} doppelt.`, `Citation ${c.id} is duplicated.`));
    citationIds.add(c.id);
  });
  const paramNames = Object.keys(doc.parameters);
  if (paramNames.length > LIMITS.maxParameters) {
    out.push(issue('limit-exceeded', ['parameters'], 'Zu viele Parameter.', 'Too many parameters.'));
  }
  const visible = new Map<string, readonly ParameterValue[]>(inherited);
  const contract = vocabulary.contract;
  const referenced = contract === undefined ? new Set<string>() : parameterReferences(doc, inheritedReferences);
  for (const name of paramNames) {
    const p = doc.parameters[name];
    if (p === undefined) continue;
    const path = ['parameters', name];
    const spec = contract === undefined ? undefined : specOf(contract, name);
    if (contract !== undefined && spec === undefined && !referenced.has(name) && !inherited.has(name)) {
      // In a rule set that extends another (scenario, decree, overlay) a parameter nothing reads
      // is a misspelt name: the computation would silently keep the base's value. A rule set of
      // its own may carry data for its own code, unless the name is a near miss of a known one.
      const known = Object.keys(contract.parameters);
      if (doc.extends !== undefined || isNearMiss(name, known)) out.push(unknownParameterIssue(name, known));
    }
    const unitIssue = spec === undefined ? null : parameterUnitIssue(name, spec, p.unit);
    if (unitIssue !== null) out.push(unitIssue);
    p.values.forEach((v, i) => {
      const prev = p.values[i - 1];
      if (prev !== undefined && prev.from >= v.from) {
        out.push(
          issue('invalid-value', [...path, 'values', i, 'from'], 'Datierte Werte müssen nach from aufsteigend sortiert sein.', 'Dated values must be in ascending order of from.'),
        );
      }
      if (unitIssue !== null) return;
      if (spec !== undefined) {
        // The contract says what code reads; the unit's own checks below still apply once it fits.
        // An entry of a fact list that is no fact at all is left to them (`unknown-fact`).
        const entries = Array.isArray(v.value) ? v.value : [];
        const bad = parameterValueIssues(name, spec, v.value, [...path, 'values', i, 'value']).filter((x) => {
          if (spec.kind !== 'fact-list' || x.path.length !== path.length + 4) return true;
          const entry = entries[Number(x.path[x.path.length - 1])];
          return typeof entry === 'string' && catalogues.some((c) => factKind(c, entry) !== undefined);
        });
        if (bad.length > 0) {
          out.push(...bad);
          return;
        }
      }
      if ((p.unit.startsWith('EUR')) && !isDecimalString(v.value)) {
        out.push(
          issue('invalid-parameter-value', [...path, 'values', i, 'value'], 'Geldbeträge werden als Dezimalzeichenkette angegeben ("51000.00").', 'Money is written as a decimal string ("51000.00").'),
        );
      }
      if ((p.unit === 'months' || p.unit === 'years') && v.value !== null && !(typeof v.value === 'number' && Number.isSafeInteger(v.value) && v.value >= 0 && v.value <= 1200)) {
        out.push(
          issue('invalid-parameter-value', [...path, 'values', i, 'value'], `${p.unit === 'months' ? 'Monate' : 'Jahre'} werden als ganze Zahl von 0 bis 1200 angegeben.`, `${p.unit} are written as a whole number from 0 to 1200.`),
        );
      }
      if ((p.unit === 'persons' || p.unit === 'persons/FTE' || p.unit === 'FTE' || p.unit === 'percent') && v.value !== null && !(typeof v.value === 'number' && Number.isFinite(v.value) && v.value >= 0) && !isDecimalString(v.value)) {
        out.push(
          issue('invalid-parameter-value', [...path, 'values', i, 'value'], `Ein Wert in ${p.unit} muss eine nichtnegative Zahl sein.`, `A value in ${p.unit} must be a non-negative number.`),
        );
      }
      if (p.unit === 'date' && v.value !== null && !isCalendarDate(v.value)) {
        out.push(issue('invalid-date', [...path, 'values', i, 'value'], 'Kein gültiges Datum.', 'Not a valid date.'));
      }
      if (p.unit === 'fact-list') {
        const list = Array.isArray(v.value) ? v.value : [v.value];
        for (const f of list) {
          if (typeof f !== 'string' || !catalogues.some((c) => factKind(c, f) !== undefined)) {
            out.push(
              issue('unknown-fact', [...path, 'values', i, 'value'], `Unbekannter Sachverhalt ${JSON.stringify(f)} in einer Sachverhaltsliste.`, `Unknown fact ${JSON.stringify(f)} in a fact list.`),
            );
          }
        }
      }
    });
    const first = p.values[0];
    if (first !== undefined && first.from > doc.validFrom) {
      out.push(
        issue(
          'invalid-value',
          [...path, 'values', 0, 'from'],
          `Der erste Wert von ${name} gilt erst ab ${first.from}, das Regelwerk ab ${doc.validFrom}.`,
          `The first value of ${name} applies from ${first.from}, the rule set from ${doc.validFrom}.`,
        ),
      );
    }
    visible.set(name, p.values.map((v) => v.value));
  }
  if (contract !== undefined) {
    out.push(...missingRequiredIssues(contract, new Set(visible.keys())));
    out.push(...roundingIssues(doc, contract.roundingPoints));
  }
  for (const [computation, rules] of Object.entries(doc.rules)) {
    const facts: Readonly<Record<string, FactKind>> = ownEntry(vocabulary.facts, computation) ?? {};
    const events = ownEntry(vocabulary.events, computation) ?? [];
    const ids = new Set<string>();
    rules.forEach((rule, ri) => {
      const rpath = ['rules', computation, ri];
      if (ids.has(rule.id)) out.push(issue('invalid-value', [...rpath, 'id'], `Regel-ID ${rule.id} doppelt.`, `Rule id ${rule.id} is duplicated.`));
      ids.add(rule.id);
      if (!events.includes(rule.event.type)) {
        out.push(
          issue('invalid-value', [...rpath, 'event', 'type'], `Ereignistyp ${rule.event.type} ist hier nicht erlaubt (${events.join(', ')}).`, `Event type ${rule.event.type} is not allowed here (${events.join(', ')}).`),
        );
      }
      if (typeof rule.event.params?.basis !== 'string') {
        out.push(issue('missing-field', [...rpath, 'event', 'params', 'basis'], 'Das Ereignis braucht params.basis.', 'The event needs params.basis.'));
      }
      if (depthOf(rule.conditions, LIMITS.maxConditionDepth * 2) > LIMITS.maxConditionDepth * 2) {
        out.push(issue('limit-exceeded', [...rpath, 'conditions'], 'Bedingungen zu tief verschachtelt.', 'Conditions nested too deeply.'));
      }
      let leaves = 0;
      forEachLeaf(rule.conditions, (leaf) => {
        leaves++;
        const kind = factKind(facts, leaf.fact);
        if (kind === undefined) {
          out.push(
            issue('unknown-fact', [...rpath, 'conditions'], `Unbekannter Sachverhalt ${leaf.fact}; erlaubt: ${Object.keys(facts).join(', ')}.`, `Unknown fact ${leaf.fact}; allowed: ${Object.keys(facts).join(', ')}.`),
          );
          return;
        }
        const op = vocabulary.operators.get(leaf.operator);
        if (op === undefined) {
          out.push(
            issue('unknown-operator', [...rpath, 'conditions'], `Operator ${leaf.operator} ist nicht zugelassen.`, `Operator ${leaf.operator} is not allowed.`),
          );
          return;
        }
        let values: readonly ParameterValue[];
        if (isParamRef(leaf.value)) {
          const found = visible.get(leaf.value.param);
          if (found === undefined) {
            out.push(
              issue('unknown-parameter', [...rpath, 'conditions'], `Parameter ${leaf.value.param} ist nicht definiert.`, `Parameter ${leaf.value.param} is not defined.`),
            );
            return;
          }
          values = found;
        } else if (isFactRef(leaf.value)) {
          if (factKind(facts, leaf.value.fact) === undefined) {
            out.push(issue('unknown-fact', [...rpath, 'conditions'], `Unbekannter Sachverhalt ${leaf.value.fact}.`, `Unknown fact ${leaf.value.fact}.`));
          }
          return;
        } else {
          values = [leaf.value];
        }
        for (const v of values) {
          if (!valueFitsOperator(op.valueKind, v)) {
            out.push(
              issue('invalid-value', [...rpath, 'conditions'], `Operator ${leaf.operator} erwartet einen Wert der Art ${op.valueKind}.`, `Operator ${leaf.operator} expects a ${op.valueKind} value.`),
            );
          } else if (op.valueKind === 'list' && Array.isArray(v)) {
            for (const item of v) {
              if (!valueFitsFact(kind, item)) {
                out.push(
                  issue('invalid-value', [...rpath, 'conditions'], `Wert ${JSON.stringify(item)} passt nicht zu ${leaf.fact}.`, `Value ${JSON.stringify(item)} does not fit ${leaf.fact}.`),
                );
              }
            }
          } else if (op.valueKind === 'any' && (leaf.operator === 'equal' || leaf.operator === 'notEqual') && !valueFitsFact(kind, v)) {
            out.push(
              issue('invalid-value', [...rpath, 'conditions'], `Wert ${JSON.stringify(v)} passt nicht zu ${leaf.fact}.`, `Value ${JSON.stringify(v)} does not fit ${leaf.fact}.`),
            );
          }
        }
      });
      if (leaves > LIMITS.maxConditionsPerRule) {
        out.push(issue('limit-exceeded', [...rpath, 'conditions'], 'Zu viele Bedingungen.', 'Too many conditions.'));
      }
    });
  }
  return out;
}

/**
 * The parameters the rules of a rule set refer to (`{ "param": … }`), together with those the
 * rules of the rule sets it extends refer to.
 */
export function parameterReferences(doc: Pick<RuleSetDocument, 'rules'>, inherited: ReadonlySet<string> = new Set()): Set<string> {
  const out = new Set(inherited);
  for (const rules of Object.values(doc.rules)) {
    for (const rule of rules) {
      forEachLeaf(rule.conditions, (leaf) => {
        if (isParamRef(leaf.value)) out.add(leaf.value.param);
      });
    }
  }
  return out;
}
