/**
 * The what-if page's model, shared by the page (in the browser) and the `whatif` command (in
 * Node): which parameters a baseline offers for editing, the scenario overlay built from the
 * user's values, the state in the URL fragment, and the recomputation through the same
 * {@link ImpactBuilder} that `compare` uses. No DOM here.
 */
import { IMPACT_CHUNK, ImpactBuilder, type DistrictCaseloadRow, type ImpactTally } from '../../compare/impact.js';
import type { ImpactReport } from '../../compare/types.js';
import { canonicalJson } from '../../ruleset/canonical.js';
import { defaultRegistry, loadRuleSet, type LoadedRuleSet, type RuleSetRegistry } from '../../versions/registry.js';
import { issueOf, type Issue } from '../../issues.js';
import { message } from '../../messages/catalogue.js';
import { reportMessage } from '../../messages/reports.js';
import type { Localized, ParameterValue, Unit } from '../../ruleset/schema.js';
import { noteFields } from '../../ruleset/note.js';
import { parameterDate, parameterValueAt, resolveNamed, type ResolvedRuleSet } from '../../versions/resolve.js';
import { ACCOMMODATIONS, RESIDENCE_STATUSES } from '../../contract/person.js';
import { ALLOCATION_KEYS, ALLOCATION_METHODS, ALLOCATION_MODES } from '../../domain/allocation.js';

/** How the editor shows a parameter. */
export type EditorKind = 'number' | 'decimal' | 'choice' | 'set' | 'date' | 'flag' | 'text';

/** One editable parameter of the baseline, on the assessment date. */
export interface EditableParameter {
  name: string;
  unit: Unit;
  description: Localized;
  kind: EditorKind;
  /** The baseline's value in force on the assessment date. */
  value: ParameterValue;
  /** From when that value applies. */
  from: string;
  source: string;
  confidence: 'sourced' | 'inferred' | 'assumed';
  /** The note as one text, German and English joined as `"de / en"`. */
  note?: string;
  /** The note in German and English. */
  noteText?: Localized;
  /** Allowed values for `choice` and `set`. */
  choices?: readonly string[];
  /** The rule set that defines the parameter (the baseline or one it extends). */
  definedIn: string;
}

/** An eligibility rule of the baseline that the scenario may switch off (`removeRules`). */
export interface SwitchableRule {
  id: string;
  description: Localized;
  basis: string;
}

/**
 * Allowed values of parameters whose values come from a closed set. These are names of
 * categories the computations accept (not legal numbers); the rule-set check rejects others.
 */
const CHOICES: Record<string, readonly string[]> = {
  targetAccommodations: ACCOMMODATIONS,
  statusesWithProspect: RESIDENCE_STATUSES,
  staffingFteRoundingMode: ['half-up', 'down', 'up', 'half-even'],
  allocationKey: Object.keys(ALLOCATION_KEYS),
  allocationMode: ALLOCATION_MODES,
  allocationMethod: ALLOCATION_METHODS,
};

/**
 * Parameters read only by the funding computations (staffing ratio, allocation of a budget,
 * grants). A change to them leaves every person's eligibility as it was, so the page reuses the
 * eligibility counts instead of evaluating every person again. A parameter that a rule condition
 * refers to is never treated so, and any parameter not named here counts as read by eligibility
 * (the safe side: it only costs time).
 */
const FUNDING_ONLY = new Set([
  'staffingRatio',
  'staffingFteStep',
  'staffingFteRoundingMode',
  'staffingRatePerFte',
  'staffingRateBaseYear',
  'staffingUpratingPercent',
  'allocationBudget',
  'allocationKey',
  'allocationKeyReferenceDate',
  'allocationKeyFiguresAvailable',
  'allocationMode',
  'allocationMethod',
  'allocationStatewideWeight',
  'minimumFrameToApplyAlone',
  'grantRateVocational',
  'grantRateSocialWorkDegree',
  'grantRateOtherDegree',
  'grantMinimumFteShare',
  'grantMaxMonths',
  'grantFundedUntil',
  'grantFollowOnMonths',
  'grantSalaryInterruptionExtensionMonths',
]);

const DECIMAL = /^-?\d+(\.\d+)?$/;

function kindOf(unit: Unit, name: string, value: ParameterValue): EditorKind {
  if (CHOICES[name] !== undefined) return Array.isArray(value) ? 'set' : 'choice';
  if (typeof value === 'boolean') return 'flag';
  if (typeof value === 'number') return 'number';
  if (unit === 'date') return 'date';
  if (typeof value === 'string' && DECIMAL.test(value) && unit !== 'text') return 'decimal';
  return 'text';
}

/**
 * The assessment date of a comparison of the baseline with a scenario that starts with it: the
 * later `validFrom` of the two, which is the baseline's (what `compare` takes without `--on`).
 */
export function assessmentDate(baseline: ResolvedRuleSet): string {
  return baseline.validFrom;
}

/** The baseline's parameters on the date, as the editor shows them (sorted by name). */
export function editableParameters(baseline: ResolvedRuleSet, on: string): EditableParameter[] {
  const date = parameterDate(baseline, on);
  const out: EditableParameter[] = [];
  for (const name of Object.keys(baseline.parameters).sort()) {
    const v = parameterValueAt(baseline, name, date);
    if (v === undefined) continue;
    const p = v.parameter;
    const kind = kindOf(p.unit, name, v.value);
    const choices = CHOICES[name];
    out.push({
      name,
      unit: p.unit,
      description: p.description,
      kind,
      value: v.value,
      from: v.from,
      source: v.source,
      confidence: v.confidence,
      ...noteFields(v.note),
      ...(choices !== undefined ? { choices } : {}),
      definedIn: p.definedIn,
    });
  }
  return out;
}

/** The eligibility rules of the baseline (the target-group switches). */
export function switchableRules(baseline: ResolvedRuleSet): SwitchableRule[] {
  return (baseline.rules.eligibility ?? []).map((r) => ({
    id: r.id,
    description: r.description,
    basis: typeof r.event.params?.basis === 'string' ? r.event.params.basis : r.id,
  }));
}

/** What the user changed: parameter values by name, and rules switched off. */
export interface WhatIfState {
  baseline: string;
  /** Scenario id (default `whatif-scenario`). */
  id: string;
  values: Record<string, ParameterValue>;
  removeRules: string[];
}

/** Parses a value typed into the editor for a parameter, or returns an error text. */
export function parseEditorValue(p: EditableParameter, raw: string | readonly string[] | boolean): { ok: true; value: ParameterValue } | { ok: false; message: Localized } {
  switch (p.kind) {
    case 'flag':
      return { ok: true, value: raw === true };
    case 'set': {
      const list = Array.isArray(raw) ? [...(raw as readonly string[])] : [];
      const order = p.choices ?? [];
      return { ok: true, value: order.filter((c) => list.includes(c)) };
    }
    case 'number': {
      const s = String(raw).trim().replace(',', '.');
      const n = Number(s);
      if (s === '' || !Number.isFinite(n)) return { ok: false, message: message('invalid-value.enter-number') };
      if (Number.isInteger(p.value) && !Number.isInteger(n)) return { ok: false, message: message('invalid-value.enter-whole-number') };
      return { ok: true, value: n };
    }
    case 'decimal': {
      const s = String(raw).trim().replace(',', '.');
      if (!DECIMAL.test(s)) return { ok: false, message: message('invalid-value.enter-decimal') };
      const places = (String(p.value).split('.')[1] ?? '').length;
      const [i = '0', f = ''] = s.split('.');
      // Keep the baseline's number of places, so 62000 reads like the baseline's 60000.00.
      const value = places > 0 && f.length <= places ? `${i}.${f.padEnd(places, '0')}` : s;
      return { ok: true, value };
    }
    default: {
      const s = String(raw).trim();
      if (p.kind === 'choice' && p.choices !== undefined && !p.choices.includes(s)) {
        return { ok: false, message: message('invalid-value.allowed-choices', { choices: p.choices.join(', ') }) };
      }
      if (s === '') return { ok: false, message: message('missing-field.enter-value') };
      return { ok: true, value: s };
    }
  }
}

/** The same value as JSON text (for comparing a value with the baseline's). */
export function sameValue(a: ParameterValue, b: ParameterValue): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The scenario overlay for the state: `kind: scenario`, `extends` the baseline, starting when the
 * baseline starts; each changed parameter keeps the baseline's dated values and replaces the one in
 * force on the assessment date — exactly the format `compare`, `validate` and pinning take.
 */
export function scenarioDocument(baseline: ResolvedRuleSet, state: WhatIfState, on: string): Record<string, unknown> {
  const date = parameterDate(baseline, on);
  const parameters: Record<string, unknown> = {};
  for (const name of Object.keys(state.values).sort()) {
    const value = state.values[name] as ParameterValue;
    const p = baseline.parameters[name];
    const current = parameterValueAt(baseline, name, date);
    if (p === undefined || current === undefined || sameValue(current.value, value)) continue;
    parameters[name] = {
      unit: p.unit,
      description: p.description,
      values: p.values.map((v) =>
        v.from === current.from
          ? {
              from: v.from,
              value,
              source: 'Szenario (Was-wäre-wenn-Seite) / scenario (what-if page)',
              confidence: 'assumed',
              note: reportMessage('whatif.scenario-note', { value: JSON.stringify(value), baseline: JSON.stringify(v.value), id: baseline.id }),
            }
          : v,
      ),
    };
  }
  const known = new Set((baseline.rules.eligibility ?? []).map((r) => r.id));
  const removeRules = [...new Set(state.removeRules)].filter((r) => known.has(r)).sort();
  return {
    id: state.id,
    programme: baseline.programme,
    title: reportMessage('whatif.scenario-title', { id: baseline.id }),
    kind: 'scenario',
    status: 'proposed',
    extends: baseline.id,
    validFrom: baseline.validFrom,
    ...(baseline.validTo !== undefined ? { validTo: baseline.validTo } : {}),
    validity: {
      from: { source: baseline.id, confidence: 'assumed', note: reportMessage('whatif.validity-from') },
      ...(baseline.validTo !== undefined ? { to: { source: baseline.id, confidence: 'assumed', note: reportMessage('whatif.validity-to') } } : {}),
    },
    citations: [
      {
        id: state.id,
        title: 'Rechenszenario der Was-wäre-wenn-Seite / scenario from the what-if page',
        confidence: 'assumed',
        note: reportMessage('whatif.citation-note'),
      },
    ],
    parameters,
    ...(removeRules.length > 0 ? { removeRules } : {}),
  };
}

/**
 * Reads a scenario document (a file the user loads) into a state: the values it sets on the
 * assessment date and the rules it removes. Other content (new rules, other dates) is not
 * editable here; the caller reports it.
 */
export function stateFromScenario(
  doc: unknown,
  registry: RuleSetRegistry,
): { ok: true; state: WhatIfState; baseline: ResolvedRuleSet; ignored: string[] } | { ok: false; issues: Issue[] } {
  const loaded = loadRuleSet(doc, { registry });
  if (!loaded.ok) return loaded;
  const d = loaded.ruleSet.document;
  const baselineId = d.extends;
  const baseline = baselineId === undefined ? undefined : resolveNamed(registry, baselineId);
  if (baseline === undefined) {
    return {
      ok: false,
      issues: [issueOf('unknown-rule-set.scenario-extends', ['extends'])],
    };
  }
  const on = assessmentDate(baseline);
  const resolvedScenario = resolveNamed(registry.with(loaded.ruleSet), d.id);
  const date = parameterDate(baseline, on);
  const values: Record<string, ParameterValue> = {};
  const ignored: string[] = [];
  for (const name of Object.keys(d.parameters)) {
    const v = resolvedScenario === undefined ? undefined : parameterValueAt(resolvedScenario, name, date);
    if (v !== undefined && baseline.parameters[name] !== undefined) values[name] = v.value;
    else ignored.push(`parameters.${name}`);
  }
  for (const comp of Object.keys(d.rules)) ignored.push(`rules.${comp}`);
  return { ok: true, state: { baseline: baseline.id, id: d.id, values, removeRules: [...(d.removeRules ?? [])] }, baseline, ignored };
}

function b64urlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(text: string): string {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/**
 * The state as a URL fragment (readable: `#baseline=bw-im-proposal&staffingRatio=60&off=rule-id`).
 * The fragment never leaves the browser.
 */
export function stateToFragment(state: WhatIfState, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  q.set('baseline', state.baseline);
  if (state.id !== 'whatif-scenario') q.set('id', state.id);
  for (const name of Object.keys(state.values).sort()) {
    const v = state.values[name] as ParameterValue;
    q.set(`p.${name}`, typeof v === 'string' || typeof v === 'number' ? String(v) : `json:${b64urlEncode(JSON.stringify(v))}`);
  }
  for (const r of [...state.removeRules].sort()) q.append('off', r);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `#${q.toString()}`;
}

/** Reads a fragment written by {@link stateToFragment}; unknown keys are returned in `extra`. */
export function stateFromFragment(fragment: string): { state: Partial<WhatIfState> & { values: Record<string, ParameterValue>; removeRules: string[] }; extra: Record<string, string> } {
  const q = new URLSearchParams(fragment.replace(/^#/, ''));
  const values: Record<string, ParameterValue> = {};
  const removeRules: string[] = [];
  const extra: Record<string, string> = {};
  let baseline: string | undefined;
  let id: string | undefined;
  for (const [k, v] of q) {
    if (k === 'baseline') baseline = v;
    else if (k === 'id') id = v;
    else if (k === 'off') removeRules.push(v);
    else if (k.startsWith('p.')) {
      try {
        values[k.slice(2)] = v.startsWith('json:') ? (JSON.parse(b64urlDecode(v.slice(5))) as ParameterValue) : v;
      } catch {
        // A damaged value is left out; the editor then shows the baseline's.
      }
    } else extra[k] = v;
  }
  return { state: { ...(baseline !== undefined ? { baseline } : {}), ...(id !== undefined ? { id } : {}), values, removeRules }, extra };
}

/**
 * The key under which eligibility counts can be reused: everything of the scenario that
 * eligibility may read (rules, validity, every parameter not read only by funding).
 */
export function eligibilityKey(scenario: ResolvedRuleSet, on: string): string {
  const referenced = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.param === 'string') referenced.add(o.param);
      Object.values(o).forEach(walk);
    }
  };
  walk(scenario.content.rules);
  const params = Object.fromEntries(
    Object.entries(scenario.content.parameters).filter(([name]) => referenced.has(name) || !FUNDING_ONLY.has(name)),
  );
  return canonicalJson({ id: scenario.id, on, validFrom: scenario.validFrom, validTo: scenario.validTo ?? null, validity: scenario.validityBases, rules: scenario.content.rules, params });
}

/** The caseload the page computes with. */
export interface WhatIfCaseload {
  /** Person rows (as read; undefined for unreadable rows). */
  persons: readonly unknown[];
  districts: DistrictCaseloadRow[];
  label: Localized;
  synthetic: boolean;
}

/** A computed what-if: the impact report of baseline → scenario, the scenario and its hash. */
export interface WhatIfResult {
  report: ImpactReport;
  scenario: Record<string, unknown>;
  scenarioHash: string;
  baselineHash: string;
  /** Whether every person was evaluated (true) or eligibility counts were reused (false). */
  evaluatedPersons: boolean;
}

/**
 * Computes baseline → scenario for the caseload through {@link ImpactBuilder}, reusing the
 * eligibility counts in `cache` when the scenario leaves everything eligibility reads unchanged.
 */
export function computeWhatIf(
  state: WhatIfState,
  caseload: WhatIfCaseload,
  cache: Map<string, ImpactTally>,
  registry: RuleSetRegistry = defaultRegistry(),
): { ok: true; result: WhatIfResult } | { ok: false; issues: Issue[] } {
  const baseline = resolveNamed(registry, state.baseline);
  if (baseline === undefined) {
    return { ok: false, issues: [issueOf('unknown-rule-set.by-id', ['baseline'], { id: state.baseline })] };
  }
  const on = assessmentDate(baseline);
  const doc = scenarioDocument(baseline, state, on);
  const loaded = loadRuleSet(doc, { registry });
  if (!loaded.ok) return loaded;
  const scenario: LoadedRuleSet = loaded.ruleSet;
  const created = ImpactBuilder.create(baseline.id, scenario, { registry, on });
  if (!created.ok) return created;
  const { builder } = created;
  const resolvedScenario = resolveNamed(registry.with(scenario), scenario.id);
  if (resolvedScenario === undefined) throw new Error('scenario did not resolve');
  const key = `${baseline.id}|${eligibilityKey(resolvedScenario, on)}`;
  const hit = cache.get(key);
  let evaluatedPersons = false;
  if (hit !== undefined) builder.addTally(hit);
  else {
    const chunk = IMPACT_CHUNK;
    for (let i = 0; i < caseload.persons.length; i += chunk) builder.addPersons(caseload.persons.slice(i, i + chunk));
    cache.set(key, builder.tally());
    evaluatedPersons = true;
  }
  const fin = builder.finish({ districts: caseload.districts, label: caseload.label, synthetic: caseload.synthetic });
  if (!fin.ok) return fin;
  return { ok: true, result: { report: fin.report, scenario: doc, scenarioHash: scenario.hash, baselineHash: baseline.hash, evaluatedPersons } };
}
