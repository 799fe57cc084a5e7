/**
 * Shared fixtures for the security and fuzz tests: a valid user scenario rule set that extends a
 * bundled one, a valid person, and canaries that tell whether attacker code ran.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A valid user scenario (extends bw-im-2025) with one own rule and one own parameter. */
export function scenarioDocument(): Record<string, unknown> {
  return {
    id: 'user-scenario',
    programme: 'bw-integrationsmanagement',
    title: { de: 'Szenario eines Nutzers', en: 'A user scenario' },
    kind: 'scenario',
    status: 'proposed',
    validFrom: '2025-01-01',
    validity: { from: { source: 'user', confidence: 'assumed', note: 'Szenario ab 2025 / scenario from 2025' } },
    extends: 'bw-im-2025',
    citations: [{ id: 'user-note', title: 'Annahme des Nutzers' }],
    parameters: {
      extraStatuses: {
        unit: 'list',
        description: { de: 'Zusätzliche Status', en: 'Additional statuses' },
        values: [{ from: '2025-01-01', value: ['tolerated'], source: 'user', confidence: 'assumed', note: 'Annahme / assumption' }],
      },
    },
    rules: {
      eligibility: [
        {
          id: 'user-tolerated',
          citation: { source: 'user', confidence: 'assumed', note: 'Annahme / assumption' },
          description: { de: 'Geduldete', en: 'Tolerated persons' },
          conditions: { all: [{ fact: 'residenceStatus', operator: 'in', value: { param: 'extraStatuses' } }] },
          event: { type: 'target-group', params: { basis: 'user-tolerated' } },
        },
      ],
    },
  };
}

/** A valid person who is eligible under the scenario only through its own rule. */
export const TOLERATED_PERSON = {
  id: 'p-tolerated',
  residenceStatus: 'tolerated',
  accommodation: 'provisional',
  displacedFromUkraine: false,
} as const;

/** A valid person eligible under bw-im-2025 (follow-up accommodation). */
export const FOLLOW_UP_PERSON = {
  id: 'p-follow-up',
  residenceStatus: 'recognised-refugee',
  accommodation: 'follow-up',
  displacedFromUkraine: false,
  followUpSince: '2024-03-01',
} as const;

/**
 * Drops the scenario's own parameter once its rules no longer read it (a test replaced the
 * condition): a scenario may not carry a parameter nothing reads (`unknown-parameter`).
 */
export function withoutUnreadParameter(doc: Record<string, unknown>): Record<string, unknown> {
  const params = doc.parameters as Record<string, unknown> | undefined;
  // Only the top-level `all` of the one rule is looked at: tests nest conditions 100,000 deep.
  const rules = doc.rules as { eligibility?: { conditions?: { all?: unknown } }[] } | undefined;
  const all = rules?.eligibility?.[0]?.conditions?.all;
  const reads = Array.isArray(all) && all.some((leaf: unknown) => (leaf as { value?: { param?: unknown } } | null)?.value?.param === 'extraStatuses');
  if (params !== undefined && !reads) delete params.extraStatuses;
  return doc;
}

/** Sets a value at a path (creating nothing: the path must exist up to its last key). */
export function setAt(doc: unknown, path: readonly (string | number)[], value: unknown): void {
  let cur = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
}

/** A fresh temp directory and the canary file a payload would create in it. */
export function canaryFile(): { dir: string; file: string; exists: () => boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'foerderregeln-canary-'));
  const file = join(dir, 'pwned');
  return { dir, file, exists: () => existsSync(file) };
}

/** Global properties a payload would set, and whether any got set. */
export const GLOBAL_CANARIES = ['__foerderregelnPwned', '__pwned', 'pwned'] as const;
export function globalCanarySet(): boolean {
  const g = globalThis as Record<string, unknown>;
  return GLOBAL_CANARIES.some((k) => g[k] !== undefined);
}

/** True when nothing has been added to the built-in prototypes. */
export function prototypesClean(): boolean {
  const probe = {} as Record<string, unknown>;
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  return (
    protoKeys === BASELINE_OBJECT_PROTO &&
    probe.polluted === undefined &&
    probe.isAdmin === undefined &&
    probe.eligible === undefined &&
    ([] as unknown as Record<string, unknown>).polluted === undefined &&
    Object.getPrototypeOf(probe) === Object.prototype &&
    typeof Object.prototype.toString === 'function' &&
    typeof Object.prototype.hasOwnProperty === 'function'
  );
}
const BASELINE_OBJECT_PROTO = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
