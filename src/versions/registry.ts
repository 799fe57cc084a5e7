import { contentHash } from '../ruleset/canonical.js';
import { FoerderregelnError, issue, type Issue } from '../issues.js';
import { checkRuleSetSemantics, parameterReferences, parseRuleSetDocument, type ParameterContract, type RuleVocabulary } from '../ruleset/validate.js';
import { OPERATORS } from '../engine/operators.js';
import { BUNDLED_FACTS } from '../contract/rules.js';
import type { ParameterValue, RuleSetDocument } from '../ruleset/schema.js';
import { BUNDLED_RULE_SETS } from '../ruleset/bundled.generated.js';
import { guardApi } from '../_lib/guard.js';

/**
 * A validated rule set with its content hash.
 *
 * @example
 * const r = loadRuleSet(JSON.parse(text));
 * if (r.ok) console.log(r.ruleSet.id, r.ruleSet.hash, r.ruleSet.origin); // 'my-scenario' 'sha256:…' 'user'
 */
export interface LoadedRuleSet {
  readonly id: string;
  readonly document: RuleSetDocument;
  /** `sha256:…` of the canonical JSON of the law content: the document without `cases`, `readme` and `$schema`. */
  readonly hash: string;
  readonly origin: 'bundled' | 'user';
}

/**
 * The part of a rule set that is law and so is hashed: everything but the golden `cases`,
 * the `readme` and the `$schema` hint.
 */
export function lawContent(doc: RuleSetDocument): Record<string, unknown> {
  const { cases: _cases, readme: _readme, $schema: _schema, ...law } = doc;
  return law;
}

/**
 * The content hash of a rule-set document.
 *
 * @example
 * const set = defaultRegistry().get('bw-im-2023');
 * if (set) console.log(hashRuleSet(set.document) === set.hash); // true
 */
export const hashRuleSet = guardApi('hashRuleSet', function hashRuleSet(doc: RuleSetDocument): string {
  const input: unknown = doc;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new FoerderregelnError([issue('invalid-type', ['doc'], 'Erwartet ein Regelwerk-Dokument (Objekt).', 'Expected a rule-set document (an object).')]);
  }
  return contentHash(lawContent(doc));
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A set of rule sets that can see each other (for `extends`). Immutable.
 *
 * @example
 * const scenario = loadRuleSet(JSON.parse(text)); // extends a bundled rule set
 * if (scenario.ok) {
 *   const registry = defaultRegistry().with(scenario.ruleSet);
 *   checkEligibility(person, { on: '2026-03-01', ruleSet: scenario.ruleSet.id, registry });
 * }
 */
export class RuleSetRegistry {
  private readonly byId: ReadonlyMap<string, LoadedRuleSet>;
  private readonly withCache = new WeakMap<LoadedRuleSet, RuleSetRegistry>();

  /**
   * @throws FoerderregelnError (`invalid-type`) when `sets` is not a list of rule sets returned by
   * `loadRuleSet` (or taken from another registry).
   */
  constructor(sets: readonly LoadedRuleSet[]) {
    if (!Array.isArray(sets) || !sets.every((s) => isLoadedRuleSet(s))) {
      throw new FoerderregelnError([
        issue('invalid-type', ['sets'], 'Erwartet eine Liste mit loadRuleSet geladener Regelwerke.', 'Expected a list of rule sets loaded with loadRuleSet.'),
      ]);
    }
    this.byId = new Map(sets.map((s) => [s.id, s]));
  }

  /**
   * A registry that also holds the given rule sets (each replacing one of the same id), or this
   * registry when it already holds them all.
   */
  with(...sets: LoadedRuleSet[]): RuleSetRegistry {
    const bad = sets.findIndex((s) => !isLoadedRuleSet(s));
    if (bad >= 0) {
      throw new FoerderregelnError([
        issue('invalid-type', ['sets', bad], 'Nur Regelwerke aus loadRuleSet lassen sich hinzufügen.', 'Only rule sets from loadRuleSet can be added.'),
      ]);
    }
    if (sets.every((s) => this.byId.get(s.id) === s)) return this;
    // The same single rule set gives the same registry, so caches keyed by registry keep working.
    const only = sets.length === 1 ? sets[0] : undefined;
    const cached = only !== undefined ? this.withCache.get(only) : undefined;
    if (cached !== undefined) return cached;
    const ids = new Set(sets.map((s) => s.id));
    const next = new RuleSetRegistry([...[...this.byId.values()].filter((s) => !ids.has(s.id)), ...sets]);
    if (only !== undefined) this.withCache.set(only, next);
    return next;
  }

  /** The rule set with this id, if any. */
  get(id: string): LoadedRuleSet | undefined {
    return typeof id === 'string' ? this.byId.get(id) : undefined;
  }

  /** All rule sets, ordered by programme, then validFrom, then id. */
  list(): LoadedRuleSet[] {
    return [...this.byId.values()].sort(
      (a, b) =>
        a.document.programme.localeCompare(b.document.programme, 'en') ||
        a.document.validFrom.localeCompare(b.document.validFrom, 'en') ||
        a.id.localeCompare(b.id, 'en'),
    );
  }

  /** Parameters visible to a rule set extending `id` (own values overriding inherited ones). */
  inheritedParameters(id: string | undefined): Map<string, readonly ParameterValue[]> {
    const out = new Map<string, readonly ParameterValue[]>();
    for (const s of this.chainOf(id)) for (const [k, p] of Object.entries(s.document.parameters)) out.set(k, p.values.map((v) => v.value));
    return out;
  }

  /** Parameters the rules of `id` and of the rule sets it extends refer to (`{ "param": … }`). */
  inheritedReferences(id: string | undefined): Set<string> {
    let out = new Set<string>();
    for (const s of this.chainOf(id)) out = parameterReferences(s.document, out);
    return out;
  }

  /** `id` and the rule sets it extends, base first (stops at an unknown id or a cycle). */
  private chainOf(id: string | undefined): LoadedRuleSet[] {
    const chain: LoadedRuleSet[] = [];
    const seen = new Set<string>();
    let cur = id;
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      const s = this.byId.get(cur);
      if (s === undefined) break;
      chain.unshift(s);
      cur = s.document.extends;
    }
    return chain;
  }

  /**
   * Validates an untrusted rule-set document against this registry (its `extends` must be here)
   * and returns a new registry that also holds it.
   */
  add(input: unknown, origin: 'bundled' | 'user' = 'user'): { ok: true; registry: RuleSetRegistry; ruleSet: LoadedRuleSet } | { ok: false; issues: Issue[] } {
    const loaded = loadRuleSet(input, { registry: this, origin });
    if (!loaded.ok) return loaded;
    return { ok: true, registry: new RuleSetRegistry([...this.byId.values(), loaded.ruleSet]), ruleSet: loaded.ruleSet };
  }
}

/**
 * Validates an untrusted rule set (a user's scenario or custom rule set): prototype keys, depth,
 * schema, fact names, operators, parameter references through `extends`, limits. Runs no code.
 *
 * @example
 * const r = loadRuleSet(JSON.parse(text));
 * if (!r.ok) console.error(r.issues);
 */
export const loadRuleSet = guardApi('loadRuleSet', function loadRuleSet(
  input: unknown,
  options: {
    registry?: RuleSetRegistry;
    origin?: 'bundled' | 'user';
    /** The contract of a programme of your own (`programmeContract`), checked besides the bundled programmes' one. */
    contract?: ParameterContract;
  } = {},
): { ok: true; ruleSet: LoadedRuleSet } | { ok: false; issues: Issue[] } {
  const optionIssues = checkLoadOptions(options);
  if (optionIssues.length > 0) return { ok: false, issues: optionIssues };
  const registry = options.registry ?? defaultRegistry();
  const parsed = parseRuleSetDocument(input);
  if (!parsed.ok) return parsed;
  const doc = parsed.document;
  const issues: Issue[] = [];
  if (registry.get(doc.id) !== undefined) {
    issues.push(issue('duplicate-rule-set', ['id'], `Ein Regelwerk ${doc.id} gibt es schon.`, `A rule set ${doc.id} already exists.`));
  }
  if (doc.extends !== undefined) {
    const seen = new Set<string>([doc.id]);
    let cur: string | undefined = doc.extends;
    while (cur !== undefined) {
      if (seen.has(cur)) {
        issues.push(issue('cyclic-extends', ['extends'], 'extends bildet einen Kreis.', 'extends forms a cycle.'));
        break;
      }
      seen.add(cur);
      const base = registry.get(cur);
      if (base === undefined) {
        issues.push(issue('unknown-rule-set', ['extends'], `Das erweiterte Regelwerk ${cur} ist unbekannt.`, `The extended rule set ${cur} is unknown.`));
        break;
      }
      cur = base.document.extends;
    }
  }
  issues.push(...checkRuleSetSemantics(doc, registry.inheritedParameters(doc.extends), vocabularyWith(options.contract), registry.inheritedReferences(doc.extends)));
  if (issues.length > 0) return { ok: false, issues };
  const frozen = deepFreeze(doc);
  const ruleSet: LoadedRuleSet = Object.freeze({ id: doc.id, document: frozen, hash: hashRuleSet(frozen), origin: options.origin ?? 'user' });
  validated.add(ruleSet);
  return { ok: true, ruleSet };
});

/** What rules may use: the bundled programmes' facts and events, the engine's operators. */
const VOCABULARY: RuleVocabulary = { ...BUNDLED_FACTS, operators: OPERATORS };

/** The vocabulary with a programme's own contract added to the bundled one. */
function vocabularyWith(contract: ParameterContract | undefined): RuleVocabulary {
  const base = VOCABULARY.contract;
  if (contract === undefined || base === undefined) return VOCABULARY;
  return {
    ...VOCABULARY,
    contract: { parameters: { ...base.parameters, ...contract.parameters }, roundingPoints: [...new Set([...base.roundingPoints, ...contract.roundingPoints])] },
  };
}

/** Every rule set {@link loadRuleSet} has validated (identity, not shape). */
const validated = new WeakSet();

/**
 * Tells whether a value is a rule set returned by {@link loadRuleSet} (and so validated), as
 * opposed to an object that merely looks like one.
 *
 * @example
 * console.log(isLoadedRuleSet(defaultRegistry().get('bw-im-2023'))); // true
 * console.log(isLoadedRuleSet({ id: 'bw-im-2023' })); // false: not validated by loadRuleSet
 */
export const isLoadedRuleSet = guardApi('isLoadedRuleSet', function isLoadedRuleSet(value: unknown): value is LoadedRuleSet {
  return value !== null && typeof value === 'object' && validated.has(value);
});

function checkLoadOptions(options: unknown): Issue[] {
  if (options === undefined) return [];
  if (options === null || typeof options !== 'object') {
    return [issue('invalid-input', ['options'], 'Die Optionen müssen ein Objekt sein.', 'The options must be an object.')];
  }
  const o = options as { registry?: unknown; origin?: unknown; contract?: unknown };
  const out: Issue[] = [];
  if (o.registry !== undefined && !(o.registry instanceof RuleSetRegistry)) {
    out.push(issue('invalid-input', ['options', 'registry'], 'registry muss eine RuleSetRegistry sein.', 'registry must be a RuleSetRegistry.'));
  }
  const c = o.contract as { parameters?: unknown; roundingPoints?: unknown } | null | undefined;
  if (c !== undefined && (c === null || typeof c !== 'object' || c.parameters === null || typeof c.parameters !== 'object' || !Array.isArray(c.roundingPoints))) {
    out.push(issue('invalid-input', ['options', 'contract'], 'contract muss ein Parametervertrag sein (parameters, roundingPoints).', 'contract must be a parameter contract (parameters, roundingPoints).'));
  }
  if (o.origin !== undefined && o.origin !== 'bundled' && o.origin !== 'user') {
    out.push(issue('invalid-value', ['options', 'origin'], 'origin muss "bundled" oder "user" sein.', 'origin must be "bundled" or "user".'));
  }
  return out;
}

let bundled: RuleSetRegistry | undefined;

/**
 * The registry of the rule sets shipped with the package (built into it, no file system needed).
 * Built and validated on first use.
 *
 * @example
 * const reg = defaultRegistry();
 * console.log(reg.get('bw-im-2023')?.hash, reg.list().length);
 */
export const defaultRegistry = guardApi('defaultRegistry', function defaultRegistry(): RuleSetRegistry {
  if (bundled !== undefined) return bundled;
  let reg = new RuleSetRegistry([]);
  const pending = [...BUNDLED_RULE_SETS];
  // Insert in dependency order: a rule set goes in once the one it extends is there.
  for (let guard = 0; pending.length > 0 && guard < 1000; guard++) {
    const next = pending.shift();
    const ext = (next as { extends?: unknown }).extends;
    if (typeof ext === 'string' && reg.get(ext) === undefined && pending.some((p) => (p as { id?: unknown }).id === ext)) {
      pending.push(next);
      continue;
    }
    const added = reg.add(next, 'bundled');
    if (!added.ok) {
      throw new Error(`bundled rule set ${String((next as { id?: unknown }).id)} is invalid: ${JSON.stringify(added.issues)}`);
    }
    reg = added.registry;
  }
  bundled = reg;
  return reg;
});
