import { forEachLeaf, isFactRef, isParamRef } from './conditions.js';
import { isCalendarDate } from '../dates/calendar.js';
import { isDecimalString } from '../money/decimal-string.js';
import { depthOf, forbiddenKeys, fromZodIssues, type Issue, issueOf } from '../issues.js';
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
      return issueOf('limit-exceeded.rule-set-elements', [], { maxNodes: limits.maxNodes });
    }
    if (depth > limits.maxDepth) {
      return issueOf('limit-exceeded.rule-set-depth', []);
    }
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) {
      if (value.length > limits.maxNodes - nodes) {
        return issueOf('limit-exceeded.rule-set-elements', [], { maxNodes: limits.maxNodes });
      }
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i] as unknown, depth: depth + 1 });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length > limits.maxNodes - nodes) {
        return issueOf('limit-exceeded.rule-set-elements', [], { maxNodes: limits.maxNodes });
      }
      for (const k of keys) {
        chars += k.length;
        stack.push({ value: (value as Record<string, unknown>)[k], depth: depth + 1 });
      }
    }
    if (chars > limits.maxStringChars) {
      return issueOf('limit-exceeded.rule-set-text', [], { maxStringChars: limits.maxStringChars });
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
    return { ok: false, issues: [issueOf('limit-exceeded.rule-set-depth', [])] };
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
    out.push(issueOf('invalid-value.valid-to-before-from', ['validTo']));
  }
  if ((doc.kind === 'decree' || doc.kind === 'scenario') && doc.extends === undefined) {
    out.push(issueOf('missing-field.extends', ['extends'], { kind: doc.kind }));
  }
  if (doc.removeRules !== undefined && doc.extends === undefined) {
    out.push(issueOf('invalid-value.remove-rules-without-extends', ['removeRules']));
  }
  const citationIds = new Set<string>();
  doc.citations.forEach((c, i) => {
    if (citationIds.has(c.id)) out.push(issueOf('invalid-value.citation-twice', ['citations', i, 'id'], { id: c.id }));
    citationIds.add(c.id);
  });
  const paramNames = Object.keys(doc.parameters);
  if (paramNames.length > LIMITS.maxParameters) {
    out.push(issueOf('limit-exceeded.parameters', ['parameters']));
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
        out.push(issueOf('invalid-value.dated-values-order', [...path, 'values', i, 'from']));
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
        out.push(issueOf('invalid-parameter-value.money-string', [...path, 'values', i, 'value']));
      }
      if ((p.unit === 'months' || p.unit === 'years') && v.value !== null && !(typeof v.value === 'number' && Number.isSafeInteger(v.value) && v.value >= 0 && v.value <= 1200)) {
        out.push(
          issueOf('invalid-parameter-value.whole-number-duration', [...path, 'values', i, 'value'], { unit: { de: p.unit === 'months' ? 'Monate' : 'Jahre', en: p.unit } }),
        );
      }
      if ((p.unit === 'persons' || p.unit === 'persons/FTE' || p.unit === 'FTE' || p.unit === 'percent') && v.value !== null && !(typeof v.value === 'number' && Number.isFinite(v.value) && v.value >= 0) && !isDecimalString(v.value)) {
        out.push(issueOf('invalid-parameter-value.non-negative', [...path, 'values', i, 'value'], { unit: p.unit }));
      }
      if (p.unit === 'date' && v.value !== null && !isCalendarDate(v.value)) {
        out.push(issueOf('invalid-date.parameter-value', [...path, 'values', i, 'value']));
      }
      if (p.unit === 'fact-list') {
        const list = Array.isArray(v.value) ? v.value : [v.value];
        for (const f of list) {
          if (typeof f !== 'string' || !catalogues.some((c) => factKind(c, f) !== undefined)) {
            out.push(issueOf('unknown-fact.in-list', [...path, 'values', i, 'value'], { fact: JSON.stringify(f) }));
          }
        }
      }
    });
    const first = p.values[0];
    if (first !== undefined && first.from > doc.validFrom) {
      out.push(issueOf('invalid-value.first-value-late', [...path, 'values', 0, 'from'], { name, from: first.from, validFrom: doc.validFrom }));
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
      if (ids.has(rule.id)) out.push(issueOf('invalid-value.rule-id-twice', [...rpath, 'id'], { id: rule.id }));
      ids.add(rule.id);
      if (!events.includes(rule.event.type)) {
        out.push(issueOf('invalid-value.event-type', [...rpath, 'event', 'type'], { type: rule.event.type, events: events.join(', ') }));
      }
      if (typeof rule.event.params?.basis !== 'string') {
        out.push(issueOf('missing-field.event-basis', [...rpath, 'event', 'params', 'basis']));
      }
      if (depthOf(rule.conditions, LIMITS.maxConditionDepth * 2) > LIMITS.maxConditionDepth * 2) {
        out.push(issueOf('limit-exceeded.conditions-depth', [...rpath, 'conditions']));
      }
      let leaves = 0;
      forEachLeaf(rule.conditions, (leaf) => {
        leaves++;
        const kind = factKind(facts, leaf.fact);
        if (kind === undefined) {
          out.push(issueOf('unknown-fact.allowed', [...rpath, 'conditions'], { fact: leaf.fact, allowed: Object.keys(facts).join(', ') }));
          return;
        }
        const op = vocabulary.operators.get(leaf.operator);
        if (op === undefined) {
          out.push(issueOf('unknown-operator.by-name', [...rpath, 'conditions'], { operator: leaf.operator }));
          return;
        }
        let values: readonly ParameterValue[];
        if (isParamRef(leaf.value)) {
          const found = visible.get(leaf.value.param);
          if (found === undefined) {
            out.push(issueOf('unknown-parameter.in-condition', [...rpath, 'conditions'], { param: leaf.value.param }));
            return;
          }
          values = found;
        } else if (isFactRef(leaf.value)) {
          if (factKind(facts, leaf.value.fact) === undefined) {
            out.push(issueOf('unknown-fact.by-name', [...rpath, 'conditions'], { fact: leaf.value.fact }));
          }
          return;
        } else {
          values = [leaf.value];
        }
        for (const v of values) {
          if (!valueFitsOperator(op.valueKind, v)) {
            out.push(issueOf('invalid-value.operator-value-kind', [...rpath, 'conditions'], { operator: leaf.operator, valueKind: op.valueKind }));
          } else if (op.valueKind === 'list' && Array.isArray(v)) {
            for (const item of v) {
              if (!valueFitsFact(kind, item)) {
                out.push(issueOf('invalid-value.fact-value', [...rpath, 'conditions'], { item: JSON.stringify(item), fact: leaf.fact }));
              }
            }
          } else if (op.valueKind === 'any' && (leaf.operator === 'equal' || leaf.operator === 'notEqual') && !valueFitsFact(kind, v)) {
            out.push(issueOf('invalid-value.fact-value', [...rpath, 'conditions'], { item: JSON.stringify(v), fact: leaf.fact }));
          }
        }
      });
      if (leaves > LIMITS.maxConditionsPerRule) {
        out.push(issueOf('limit-exceeded.conditions', [...rpath, 'conditions']));
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
