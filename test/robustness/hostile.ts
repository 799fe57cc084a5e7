/**
 * The hostile-value matrix: every export of src/index.ts called with hostile values, and the
 * checks every call must pass (returns, or throws FoerderregelnError; input unchanged and not
 * frozen; Object.prototype unchanged). Shared by test/robustness/api-matrix.test.ts and the
 * review battery (scripts/battery.ts).
 */
import * as api from '../../src/index.js';
import * as untrusted from '../../src/entry/untrusted.js';

/** A named hostile value; `make` builds a fresh copy for every call (so mutation can be seen). */
export interface Hostile {
  name: string;
  make: () => unknown;
}

const throwingProxy = (): unknown =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('proxy get');
      },
      ownKeys() {
        throw new Error('proxy ownKeys');
      },
      getOwnPropertyDescriptor() {
        throw new Error('proxy descriptor');
      },
      has() {
        throw new Error('proxy has');
      },
      getPrototypeOf() {
        throw new Error('proxy getPrototypeOf');
      },
    },
  );

const throwingGetter = (): unknown => {
  const o: Record<string, unknown> = { id: 'g' };
  for (const k of ['on', 'ruleSet', 'residenceStatus', 'persons', 'kind', 'year', 'budget', 'registry', 'rules', 'id', 'length']) {
    Object.defineProperty(o, k, {
      enumerable: true,
      get() {
        throw new Error(`getter ${k}`);
      },
    });
  }
  return o;
};

const deep = (n: number): unknown => {
  let v: unknown = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

const deepArray = (n: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

const cyclic = (): unknown => {
  const o: Record<string, unknown> = { id: 'c' };
  o.self = o;
  o.list = [o];
  return o;
};

/** A person-like object whose missing field would come from Object.prototype if read through it. */
const inheriting = (): unknown => Object.assign(Object.create({ displacedFromUkraine: true, on: '2024-01-15', id: 'proto' }) as object, {
  residenceStatus: 'recognised-refugee',
  accommodation: 'follow-up',
});

const person = (): Record<string, unknown> => ({
  id: 'p1',
  residenceStatus: 'recognised-refugee',
  accommodation: 'follow-up',
  displacedFromUkraine: false,
  followUpSince: '2023-09-01',
});

let hugeStringLength = 100_000;
/** Sets the length of the "huge string" value (100,000 in the test suite; the battery uses 10 M). */
export function setHugeStringLength(n: number): void {
  hugeStringLength = n;
}
let deepLevels = 20_000;
/** Sets the nesting of the "deep" values (20,000 in the test suite, beyond the default stack; the battery uses 100,000). */
export function setDeepLevels(n: number): void {
  deepLevels = n;
}

/** The hostile values (35; the review's matrix had 31). */
export const HOSTILE: Hostile[] = [
  { name: 'undefined', make: () => undefined },
  { name: 'null', make: () => null },
  { name: 'true', make: () => true },
  { name: '0', make: () => 0 },
  { name: '-1', make: () => -1 },
  { name: 'NaN', make: () => NaN },
  { name: 'Infinity', make: () => Infinity },
  { name: '1e300', make: () => 1e300 },
  { name: '2**32-1', make: () => 2 ** 32 - 1 },
  { name: 'bigint', make: () => 10n },
  { name: 'symbol', make: () => Symbol('s') },
  { name: 'function', make: () => () => 1 },
  { name: "''", make: () => '' },
  { name: "'x'", make: () => 'x' },
  { name: "'9999-12-31'", make: () => '9999-12-31' },
  { name: "'bw-im-2025'", make: () => 'bw-im-2025' },
  { name: 'huge string', make: () => 'x'.repeat(hugeStringLength) },
  { name: '{}', make: () => ({}) },
  { name: '[]', make: () => [] },
  { name: '[null]', make: () => [null] },
  { name: 'frozen {}', make: () => Object.freeze({ id: 'f', on: '2024-01-15' }) },
  { name: 'frozen person list', make: () => Object.freeze([Object.freeze(person())]) },
  { name: '{length:-1}', make: () => ({ length: -1 }) },
  { name: '{length:2**32-1}', make: () => ({ length: 2 ** 32 - 1 }) },
  { name: 'throwing proxy', make: throwingProxy },
  { name: 'throwing getters', make: throwingGetter },
  { name: 'inherited fields', make: inheriting },
  { name: 'null prototype', make: () => Object.assign(Object.create(null) as object, person()) },
  { name: '{__proto__ own key}', make: () => JSON.parse('{"__proto__":{"x":1},"id":"a"}') as unknown },
  { name: 'cyclic', make: cyclic },
  { name: 'deep object', make: () => deep(deepLevels) },
  { name: 'deep array', make: () => deepArray(deepLevels) },
  { name: 'person with 9999-12-31', make: () => ({ ...person(), followUpSince: '9999-12-31', on: '9999-12-31' }) },
  { name: 'options on 9999-12-31', make: () => ({ on: '9999-12-31' }) },
  { name: 'options with polluted-looking keys', make: () => JSON.parse('{"constructor":{"prototype":{"x":1}},"on":"2024-01-15"}') as unknown },
];

/** A callable entry point: a name and a function taking the argument list. */
export interface EntryPoint {
  name: string;
  call: (args: unknown[]) => unknown;
  /** Reasonable first arguments, so hostile values also reach the second parameter. */
  good: unknown[];
}

type AnyFn = (...a: unknown[]) => unknown;

/** Valid first arguments per export, so the hostile value also reaches the options. */
function goodFirst(name: string): unknown[] {
  switch (name) {
    case 'checkEligibility':
    case 'checkEligibilityOrThrow':
      return [person()];
    case 'checkEligibilityMany':
    case 'evaluateEligibilityBatch':
    case 'snapshotOutcomes':
      return [[person()]];
    case 'computeGrant':
    case 'computeGrantOrThrow':
      return [{ id: 'p', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' }];
    case 'computeGrants':
      return [[{ id: 'p', qualification: 'vocational', fte: 0.5, startDate: '2018-01-01' }]];
    case 'allocate':
    case 'allocateOrThrow':
      return [[{ id: 'a', persons: 1 }, { id: 'b', persons: 2 }]];
    case 'computeStaffing':
    case 'computeStaffingOrThrow':
      return [[{ id: 'a', persons: 100 }]];
    case 'computeLumpSum':
    case 'computeLumpSumOrThrow':
      return [{ kind: 'asylum-seeker', year: 2023 }];
    case 'diffRuleSets':
      return ['bw-im-2023'];
    case 'compareImpact':
      return ['bw-im-2025', 'bw-im-proposal', { persons: [person()] }];
    case 'resolveRuleSet':
      return ['bw-im-2025'];
    case 'pinRuleSets':
      return [['bw-im-2025']];
    case 'explainEligibility':
      return [untrusted.checkEligibility(person(), { on: '2024-01-15' })];
    case 'formatPinReport':
    case 'formatOutcomeChanges':
      return [{}];
    default:
      return [undefined];
  }
}

/** Every function export of src/index.ts (classes via `new`), plus the methods of a registry. */
export function entryPoints(): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const [name, value] of Object.entries(api).sort(([a], [b]) => a.localeCompare(b))) {
    if (typeof value !== 'function') continue;
    const isClass = /^class\b/.test(Function.prototype.toString.call(value));
    const fn = value as AnyFn & (new (...a: unknown[]) => unknown);
    out.push({ name, call: isClass ? (args) => new fn(...args) : (args) => fn(...args), good: goodFirst(name) });
  }
  const registry = api.defaultRegistry();
  for (const m of ['get', 'has', 'list', 'add', 'with', 'inForce', 'resolve'] as const) {
    const f = (registry as unknown as Record<string, unknown>)[m];
    if (typeof f !== 'function') continue;
    out.push({ name: `registry.${m}`, call: (args) => (f as AnyFn).apply(registry, args), good: m === 'get' || m === 'resolve' ? ['bw-im-2025'] : [undefined] });
  }
  // The schemas are exports too: safeParse must never throw.
  for (const [name, value] of Object.entries(api)) {
    if (typeof value === 'object' && typeof (value as { safeParse?: unknown }).safeParse === 'function') {
      out.push({ name: `${name}.safeParse`, call: (args) => (value as { safeParse: AnyFn }).safeParse(args[0]), good: [undefined] });
    }
  }
  return out;
}

/** What one call did wrong, or null. */
export interface Failure {
  entry: string;
  args: string;
  problem: string;
}

function snapshot(v: unknown): string {
  try {
    const seen = new WeakSet();
    let nodes = 0;
    const walk = (x: unknown, depth: number): unknown => {
      if (++nodes > 10_000 || depth > 50) return '…';
      if (typeof x === 'string' && x.length > 1000) return `string(${x.length})`;
      if (x === null || typeof x !== 'object') return typeof x === 'bigint' || typeof x === 'symbol' || typeof x === 'function' ? String(x) : x;
      if (seen.has(x)) return '[cycle]';
      seen.add(x);
      const frozen = Object.isFrozen(x) ? 'F' : Object.isExtensible(x) ? '' : 'N';
      if (Array.isArray(x)) return [frozen, x.length > 1000 ? x.length : x.map((e) => walk(e, depth + 1))];
      const o: Record<string, unknown> = { '#': frozen };
      for (const k of Object.keys(x)) {
        const d = Object.getOwnPropertyDescriptor(x, k);
        o[k] = d !== undefined && 'value' in d ? walk(d.value, depth + 1) : '[accessor]';
      }
      return o;
    };
    return JSON.stringify(walk(v, 0));
  } catch {
    return '[unobservable]';
  }
}

const protoKeys = (): string => JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort());

/**
 * Calls one entry point with arguments made fresh by `makeArgs`, and checks the contract.
 * Returns the failure, or null when the call kept to it.
 */
export function checkCall(entry: EntryPoint, makeArgs: () => unknown[], label: string): Failure | null {
  const args = makeArgs();
  const before = args.map(snapshot);
  const proto = protoKeys();
  let problem: string | null = null;
  try {
    const r = entry.call(args);
    if (r instanceof Promise) r.catch(() => undefined);
  } catch (e) {
    const callersOwn = entry.name.endsWith('.safeParse') && e instanceof Error && /^(getter|proxy) /.test(e.message);
    if (callersOwn) {
      // zod schemas (exported for reuse) re-throw the caller's own throwing getter or Proxy trap unchanged.
    } else if (!(e instanceof api.FoerderregelnError)) {
      problem = `threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 120)}` : typeof e}`;
    } else if (!Array.isArray(e.issues) || e.issues.length === 0 || typeof e.issues[0]?.code !== 'string') {
      problem = 'threw FoerderregelnError without coded issues';
    }
  }
  if (problem === null) {
    const after = args.map(snapshot);
    for (let i = 0; i < args.length; i++) if (after[i] !== before[i]) problem = `changed argument ${i + 1}`;
  }
  if (problem === null && protoKeys() !== proto) problem = 'changed Object.prototype';
  return problem === null ? null : { entry: entry.name, args: label, problem };
}

/** Runs the whole matrix: each entry point × each hostile value as first argument, as second after a good first one, and as both. */
export function runMatrix(): { calls: number; failures: Failure[] } {
  const failures: Failure[] = [];
  let calls = 0;
  for (const entry of entryPoints()) {
    for (const h of HOSTILE) {
      const shapes: [string, () => unknown[]][] = [
        [`(${h.name})`, () => [h.make()]],
        [`(good, ${h.name})`, () => [...entry.good.map((g) => structuredCloneSafe(g)), h.make()]],
        [`(${h.name}, ${h.name})`, () => [h.make(), h.make()]],
      ];
      for (const [label, make] of shapes) {
        calls++;
        const f = checkCall(entry, make, label);
        if (f !== null) failures.push(f);
      }
    }
  }
  return { calls, failures };
}

function structuredCloneSafe(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
}
