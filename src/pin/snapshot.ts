import * as z from 'zod';
import { checkEligibility, type EligibilityOptions, type EligibilityResult } from '../domain/eligibility.js';
import { PACKAGE_VERSION } from '../ruleset/bundled.generated.js';
import { canonicalJson } from '../ruleset/canonical.js';
import type { RuleSetRegistry } from '../versions/registry.js';
import { FoerderregelnError, forbiddenKeys, fromZodIssues, type Issue, issueOf } from '../issues.js';
import { guardApi, ownData } from '../_lib/guard.js';
import { reportMessage } from '../messages/reports.js';
import type { AnyComputation, EvaluateOptions, Provenance } from '../computation/define.js';
import { declaredComputation, declaredComputationNames } from '../programmes/index.js';

/**
 * The part of a result an adopter certifies: decision, basis, deciding rule, dates, rule set.
 *
 * @example
 * const snap = snapshotOutcomes(persons, { on: '2024-03-01' });
 * const o: Outcome | undefined = snap.cases[0]?.outcome; // { ok, eligible, basis, decidingRule, counsellingEndsOn, ruleSet, overlays }
 */
export type Outcome = Record<string, unknown>;

/**
 * An outcome snapshot (`outcomes.json`): inputs and what the library decided for each.
 *
 * @example
 * const snap: OutcomeSnapshot = snapshotOutcomes(persons, { on: '2024-03-01' });
 * console.log(snap.packageVersion, snap.cases[0]?.outcome); // { ok: true, eligible: true, basis: 'follow-up-accommodation', … }
 */
export interface OutcomeSnapshot {
  snapshotVersion: 1;
  /** `eligibility`, or the name of a declared money computation (`grant`, `lump-sum`, …). */
  computation: string;
  packageVersion: string;
  options: { on?: string; ruleSet?: string; programme?: string };
  cases: { row: number; id: string | null; input: unknown; outcome: Outcome; readingIssues?: string[] }[];
}

function eligibilityOutcome(r: EligibilityResult): Outcome {
  if (!r.ok) return { ok: false, issues: r.issues.map((i) => `${i.code}@${i.path.join('.')}`) };
  return {
    ok: true,
    eligible: r.eligible,
    basis: r.basis.code,
    decidingRule: r.basis.rule,
    counsellingEndsOn: r.counsellingEndsOn,
    ruleSet: r.ruleSet.id,
    overlays: r.ruleSet.overlays,
  };
}

/**
 * Options of {@link snapshotOutcomes}: the assessment date and, optionally, a named rule set.
 *
 * @example
 * const opts: SnapshotOptions = { on: '2024-03-01', ruleSet: 'bw-im-2023' };
 * const snap = snapshotOutcomes(persons, opts);
 */
export interface SnapshotOptions {
  on?: string;
  ruleSet?: string;
  programme?: string;
  /**
   * What the cases are: `eligibility` (persons; the default) or the name of a computation a
   * programme declares (`grant`: posts; `lump-sum`: requests; `staffing`: `{ districts, year? }`;
   * `allocation`: `{ recipients, budget?, method? }`, as in golden cases). Its outcome is the
   * computation's output columns with the rule set and the assumptions it rests on, so money
   * outcomes are pinned to the cent.
   */
  computation?: string;
}

/** Where rule sets are looked up (default: the bundled ones). */
export interface RegistryOption {
  registry?: RuleSetRegistry;
}

/**
 * How a snapshot's cases are evaluated: a computation a bundled programme declares (undefined:
 * unknown name). An eligibility outcome keeps its own fields (`decidingRule`, no hash or
 * assumptions), as snapshots recorded since the first release have them.
 */
type Evaluator = (input: unknown, options: Omit<SnapshotOptions, 'computation'>, registry: RuleSetRegistry | undefined) => Outcome;

function declaredOutcome(c: AnyComputation<Provenance>, raw: unknown, options: Omit<SnapshotOptions, 'computation'>, registry: RuleSetRegistry | undefined): Outcome {
  // A list computation's case is an object with its list (and options such as a budget), as in golden cases.
  const list = (c as { list?: unknown }).list;
  if (typeof list === 'string' && (raw === null || typeof raw !== 'object' || !Array.isArray((raw as Record<string, unknown>)[list]))) {
    return { ok: false, issues: [`invalid-type@${list}`] };
  }
  const { input, options: own } = c.caseInput(raw);
  const o: EvaluateOptions & { on?: string } = { ...own };
  if (registry !== undefined) o.registry = registry;
  if (options.on !== undefined) o.on = options.on;
  if (options.ruleSet !== undefined) o.ruleSet = options.ruleSet;
  if (options.programme !== undefined) o.programme = options.programme;
  const r = c.evaluate(input, o);
  if (!r.ok) return { ok: false, issues: r.issues.map((i) => `${i.code}@${i.path.join('.')}`) };
  return { ok: true, ...c.caseFields(r) };
}

function evaluatorOf(computation: string): Evaluator | undefined {
  const c = declaredComputation(computation);
  if (c === undefined) return undefined;
  return c.name === 'eligibility' ? evaluate : (input, options, registry) => declaredOutcome(c, input, options, registry);
}

function unknownComputation(name: string, path: (string | number)[]): Issue {
  return issueOf('invalid-value.snapshot-computation', path, { name, computations: declaredComputationNames().join(', ') });
}

function evaluate(input: unknown, options: Omit<SnapshotOptions, 'computation'>, registry: RuleSetRegistry | undefined): Outcome {
  const o: EligibilityOptions = { trace: false };
  if (registry !== undefined) o.registry = registry;
  if (options.on !== undefined) o.on = options.on;
  if (options.ruleSet !== undefined) o.ruleSet = options.ruleSet;
  if (options.programme !== undefined) o.programme = options.programme;
  return eligibilityOutcome(checkEligibility(input, o));
}

/**
 * Records the outcomes of an adopter's own cases (persons) so that a later package version can be
 * checked against them with {@link checkOutcomes}. Inputs are stored with the outcomes.
 *
 * @example
 * const snap = snapshotOutcomes(persons, { on: '2024-01-15' });
 * fs.writeFileSync('outcomes.json', JSON.stringify(snap, null, 2));
 */
export const snapshotOutcomes = guardApi('snapshotOutcomes', function snapshotOutcomes(inputs: readonly unknown[], options: SnapshotOptions & RegistryOption = {}): OutcomeSnapshot {
  const list: unknown = inputs;
  if (!Array.isArray(list)) throw new FoerderregelnError([issueOf('invalid-type.inputs-list', ['inputs'])]);
  const { registry, computation = 'eligibility', ...recorded } = options;
  const run = evaluatorOf(computation);
  if (run === undefined) throw new FoerderregelnError([unknownComputation(computation, ['computation'])]);
  return {
    snapshotVersion: 1,
    computation,
    packageVersion: PACKAGE_VERSION,
    options: recorded,
    cases: inputs.map((input, i) => {
      const id = input !== null && typeof input === 'object' && 'id' in input ? String(input.id) : null;
      return { row: i + 1, id, input, outcome: run(input, recorded, registry) };
    }),
  };
});

/**
 * A case whose outcome changed.
 *
 * @example
 * const r = checkOutcomes(snapshot);
 * if (r.ok) for (const c of r.changes) console.log(c.row, c.id, c.fields, c.before, c.after);
 */
export interface OutcomeChange {
  row: number;
  id: string | null;
  before: Outcome;
  after: Outcome;
  /** Fields that differ. */
  fields: string[];
}

const snapshotSchema = z.object({
  snapshotVersion: z.literal(1),
  computation: z.string(),
  packageVersion: z.string(),
  options: z.object({ on: z.string().optional(), ruleSet: z.string().optional(), programme: z.string().optional() }),
  cases: z
    .array(
      z.object({
        row: z.number().int(),
        id: z.string().nullable(),
        input: z.unknown(),
        outcome: z.record(z.string(), z.unknown()),
        /** A row that could not be read from its file: its outcome does not depend on the rules. */
        readingIssues: z.array(z.string()).optional(),
      }),
    )
    .max(10_000_000),
});

/**
 * Re-runs the cases of a snapshot with the installed package and lists each case whose outcome
 * changed (before → after, with the deciding rules).
 *
 * @example
 * const r = checkOutcomes(JSON.parse(fs.readFileSync('outcomes.json', 'utf8')));
 * expect(r.ok && r.changes).toEqual([]);
 */
export const checkOutcomes = guardApi('checkOutcomes', function checkOutcomes(snapshotInput: unknown, { registry }: RegistryOption = {}): { ok: true; changes: OutcomeChange[]; checked: number; packageVersion: { before: string; after: string } } | { ok: false; issues: Issue[] } {
  // A copy of own data, bounded (a 100k-deep or non-finite value is an issue, not a crash).
  const own = ownData(snapshotInput, { maxDepth: 64, maxNodes: 5_000_000, finiteOnly: true });
  if (!own.ok) return own;
  // Plain JSON again (bounded and finite now): the comparison below expects ordinary objects.
  own.value = JSON.parse(JSON.stringify(own.value)) as unknown;
  const bad = forbiddenKeys(own.value);
  if (bad.length > 0) return { ok: false, issues: bad };
  const parsed = snapshotSchema.safeParse(own.value);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, [], own.value) };
  const snap = parsed.data;
  const run = evaluatorOf(snap.computation);
  if (run === undefined) return { ok: false, issues: [unknownComputation(snap.computation, ['computation'])] };
  const options: SnapshotOptions = {};
  if (snap.options.on !== undefined) options.on = snap.options.on;
  if (snap.options.ruleSet !== undefined) options.ruleSet = snap.options.ruleSet;
  if (snap.options.programme !== undefined) options.programme = snap.options.programme;
  const changes: OutcomeChange[] = [];
  for (const c of snap.cases) {
    if (c.readingIssues !== undefined) continue;
    const after = run(c.input, options, registry);
    const fields = [...new Set([...Object.keys(c.outcome), ...Object.keys(after)])].filter((k) => canonicalJson(c.outcome[k] ?? null) !== canonicalJson(after[k] ?? null));
    if (fields.length > 0) changes.push({ row: c.row, id: c.id, before: c.outcome, after, fields });
  }
  return { ok: true, changes, checked: snap.cases.length, packageVersion: { before: snap.packageVersion, after: PACKAGE_VERSION } };
});

/**
 * A readable list of changed outcomes.
 *
 * @example
 * const r = checkOutcomes(JSON.parse(fs.readFileSync('outcomes.json', 'utf8')));
 * if (r.ok && r.changes.length > 0) throw new Error(formatOutcomeChanges(r.changes, 'en'));
 */
export const formatOutcomeChanges = guardApi('formatOutcomeChanges', function formatOutcomeChanges(changes: readonly OutcomeChange[], lang: 'de' | 'en' = 'en'): string {
  if (changes.length === 0) return reportMessage('pin.no-outcome-changed')[lang];
  const out: string[] = [];
  for (const c of changes) {
    out.push(reportMessage('pin.outcome-row', { row: c.row, id: c.id ?? '—' })[lang]);
    if ('decidingRule' in c.before && !c.fields.includes('decidingRule')) {
      out.push(`    ${reportMessage('pin.deciding-rule-unchanged', { rule: canonicalJson(c.before.decidingRule ?? null) })[lang]}`);
    }
    for (const f of c.fields) out.push(`    ${f}: ${canonicalJson(c.before[f] ?? null)} → ${canonicalJson(c.after[f] ?? null)}`);
  }
  out.push(reportMessage('pin.outcomes-changed', { n: changes.length })[lang]);
  return out.join('\n');
});
