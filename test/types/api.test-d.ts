/** Type tests of the public API (run by `vitest run` through the typecheck config). */
import { describe, expectTypeOf, it } from 'vitest';
import {
  allocate,
  allocateOrThrow,
  checkEligibility,
  checkEligibilityMany,
  checkEligibilityOrThrow,
  computeGrant,
  computeGrantOrThrow,
  computeGrants,
  computeLumpSum,
  computeLumpSumOrThrow,
  computeStaffing,
  computeStaffingOrThrow,
  evaluateEligibilityBatch,
  type Caseload,
  type LumpSumRequest,
  type Post,
  type Recipient,
  FoerderregelnError,
  type Accommodation,
  type EligibilityBasis,
  type EligibilityError,
  type EligibilityOk,
  type EligibilityOptions,
  type EligibilityResult,
  type Issue,
  type LoadedRuleSet,
  type Person,
  type ResidenceStatus,
  type RuleSetRef,
  type RuleTrace,
  type Assumption,
  type NotedBasis,
  type BundledBasisCode,
  type BundledRuleSetId,
  type RuleSetName,
} from '../../src/index.js';
import * as untrusted from '../../src/entry/untrusted.js';

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

const person: Person = {
  id: 'p1',
  residenceStatus: 'temporary-protection',
  accommodation: 'private',
  displacedFromUkraine: true,
};

describe('checkEligibility', () => {
  it('takes a Person and options, returns the result union', () => {
    expectTypeOf(checkEligibility).parameter(0).toEqualTypeOf<Person>();
    expectTypeOf(checkEligibility).parameter(1).toEqualTypeOf<EligibilityOptions | undefined>();
    expectTypeOf(checkEligibility).returns.toEqualTypeOf<EligibilityResult>();
    expectTypeOf<EligibilityResult>().toEqualTypeOf<EligibilityOk | EligibilityError>();
  });

  it('narrows on ok', () => {
    const r = checkEligibility(person, { on: '2024-01-15' });
    if (r.ok) {
      expectTypeOf(r).toEqualTypeOf<EligibilityOk>();
      expectTypeOf(r.eligible).toEqualTypeOf<boolean>();
      // @ts-expect-error a successful result carries no issues
      expectTypeOf(r.issues).toBeUnknown();
    } else {
      expectTypeOf(r).toEqualTypeOf<EligibilityError>();
      expectTypeOf(r.issues).toEqualTypeOf<Issue[]>();
      // @ts-expect-error a failed result has no eligibility
      expectTypeOf(r.eligible).toBeUnknown();
    }
    expectTypeOf(r.ok).toEqualTypeOf<boolean>();
  });

  it('gives EligibilityOk its documented fields', () => {
    expectTypeOf<EligibilityOk['ok']>().toEqualTypeOf<true>();
    expectTypeOf<EligibilityOk['id']>().toEqualTypeOf<string>();
    expectTypeOf<EligibilityOk['on']>().toEqualTypeOf<string>();
    expectTypeOf<EligibilityOk['eligible']>().toEqualTypeOf<boolean>();
    expectTypeOf<EligibilityOk['basis']>().toEqualTypeOf<EligibilityBasis>();
     
    expectTypeOf<EligibilityOk['basis']['code']>().toEqualTypeOf<BundledBasisCode | (string & {})>();
    expectTypeOf<'follow-up-accommodation'>().toExtend<BundledBasisCode>();
    expectTypeOf<string>().toExtend<EligibilityOk['basis']['code']>();
    expectTypeOf<EligibilityOk['basis']['rule']>().toEqualTypeOf<string | null>();
    expectTypeOf<EligibilityOk['counsellingEndsOn']>().toEqualTypeOf<string | null>();
    expectTypeOf<EligibilityOk['ruleSet']>().toEqualTypeOf<RuleSetRef>();
    expectTypeOf<RuleSetRef>().toEqualTypeOf<{ id: string; hash: string; overlays: string[]; resolvedHash: string }>();
    expectTypeOf<EligibilityOk['assumptions']>().toEqualTypeOf<readonly Assumption[]>();
    expectTypeOf<Assumption['note']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Assumption['noteText']>().toEqualTypeOf<{ de: string; en: string } | undefined>();
    expectTypeOf<EligibilityBasis['citation']>().toEqualTypeOf<NotedBasis | null>();
    expectTypeOf<NotedBasis['note']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NotedBasis['noteText']>().toEqualTypeOf<{ de: string; en: string } | undefined>();
    expectTypeOf<RuleTrace['citation']>().toEqualTypeOf<NotedBasis>();
    expectTypeOf<EligibilityOk['trace']>().toEqualTypeOf<RuleTrace[] | null>();
    expectTypeOf<EligibilityError['ok']>().toEqualTypeOf<false>();
    expectTypeOf<EligibilityError['id']>().toEqualTypeOf<string | null>();
    expectTypeOf<Issue['message']>().toEqualTypeOf<{ de: string; en: string }>();
    expectTypeOf<Issue['path']>().toEqualTypeOf<(string | number)[]>();
  });

  it('types the options', () => {
    expectTypeOf<EligibilityOptions['on']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<EligibilityOptions['trace']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<EligibilityOptions['ruleSet']>().toEqualTypeOf<RuleSetName | LoadedRuleSet | undefined>();
    // Bundled ids are literal (editors complete them); any string still names a loaded rule set.
    expectTypeOf<'bw-im-2023'>().toExtend<BundledRuleSetId>();
    // @ts-expect-error not a bundled id
    expectTypeOf<'bw-im-2099'>().toExtend<BundledRuleSetId>();
    expectTypeOf<string>().toExtend<RuleSetName>();
    expectTypeOf<RequiredKeys<EligibilityOptions>>().toEqualTypeOf<never>();
    checkEligibility(person, { on: '2024-01-15', ruleSet: 'bw-im-2023', trace: false });
    // @ts-expect-error trace is a boolean
    checkEligibility(person, { trace: 'yes' });
    // @ts-expect-error unknown option (exact object literal)
    checkEligibility(person, { date: '2024-01-15' });
    // @ts-expect-error exactOptionalPropertyTypes: an optional option is left out, not set to undefined
    checkEligibility(person, { on: undefined });
  });
});

describe('checkEligibilityOrThrow and checkEligibilityMany', () => {
  it('OrThrow returns EligibilityOk', () => {
    expectTypeOf(checkEligibilityOrThrow).returns.toEqualTypeOf<EligibilityOk>();
    expectTypeOf(checkEligibilityOrThrow(person, { on: '2024-01-15' }).eligible).toEqualTypeOf<boolean>();
    expectTypeOf<FoerderregelnError['issues']>().toEqualTypeOf<Issue[]>();
    expectTypeOf<FoerderregelnError>().toExtend<Error>();
  });

  it('Many takes a readonly array and returns one result each', () => {
    expectTypeOf(checkEligibilityMany).parameter(0).toEqualTypeOf<readonly Person[]>();
    expectTypeOf(checkEligibilityMany).returns.toEqualTypeOf<EligibilityResult[]>();
  });
});

describe('Person', () => {
  it('requires id, residenceStatus, accommodation and displacedFromUkraine', () => {
    expectTypeOf<RequiredKeys<Person>>().toEqualTypeOf<'id' | 'residenceStatus' | 'accommodation' | 'displacedFromUkraine'>();
    // @ts-expect-error displacedFromUkraine is required
    const missing: Person = { id: 'p2', residenceStatus: 'asylum-seeker', accommodation: 'follow-up' };
    expectTypeOf(missing).toEqualTypeOf<Person>();
  });

  it('types the optional facts', () => {
    expectTypeOf<Person['followUpSince']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Person['justifiedExtension']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Person['goodProspects']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Person['district']>().toEqualTypeOf<string | undefined>();
  });

  it('has closed enums for residence status and accommodation', () => {
    expectTypeOf<Person['residenceStatus']>().toEqualTypeOf<ResidenceStatus>();
    expectTypeOf<Person['accommodation']>().toEqualTypeOf<Accommodation>();
    expectTypeOf<Accommodation>().toEqualTypeOf<'initial-reception' | 'provisional' | 'follow-up' | 'private'>();
    expectTypeOf<'temporary-protection'>().toExtend<ResidenceStatus>();
    expectTypeOf<'refugee'>().not.toExtend<ResidenceStatus>();
    const wrong: Person = {
      id: 'p3',
      // @ts-expect-error 'refugee' is no residence status ('recognised-refugee' is)
      residenceStatus: 'refugee',
      accommodation: 'private',
      displacedFromUkraine: false,
    };
    expectTypeOf(wrong).toEqualTypeOf<Person>();
  });
});

describe('typed inputs and the untrusted entry (issue 11)', () => {
  it('types every computation on its input', () => {
    expectTypeOf(evaluateEligibilityBatch).parameter(0).toEqualTypeOf<readonly Person[]>();
    expectTypeOf(computeGrant).parameter(0).toEqualTypeOf<Post>();
    expectTypeOf(computeGrantOrThrow).parameter(0).toEqualTypeOf<Post>();
    expectTypeOf(computeGrants).parameter(0).toEqualTypeOf<readonly Post[]>();
    expectTypeOf(allocate).parameter(0).toEqualTypeOf<readonly Recipient[]>();
    expectTypeOf(allocateOrThrow).parameter(0).toEqualTypeOf<readonly Recipient[]>();
    expectTypeOf(computeStaffing).parameter(0).toEqualTypeOf<readonly Caseload[]>();
    expectTypeOf(computeStaffingOrThrow).parameter(0).toEqualTypeOf<readonly Caseload[]>();
    expectTypeOf(computeLumpSum).parameter(0).toEqualTypeOf<LumpSumRequest>();
    expectTypeOf(computeLumpSumOrThrow).parameter(0).toEqualTypeOf<LumpSumRequest>();
  });

  it('makes a misspelt field or value a compile error', () => {
    // @ts-expect-error residence status misspelt
    checkEligibility({ id: 'p1', residenceStatus: 'temporary-protect', accommodation: 'private', displacedFromUkraine: true });
    // @ts-expect-error unknown field (misspelt followUpSince)
    checkEligibility({ id: 'p1', residenceStatus: 'tolerated', accommodation: 'follow-up', displacedFromUkraine: false, followupSince: '2023-01-01' });
    // @ts-expect-error qualification not one of the three
    computeGrant({ id: 'p1', qualification: 'phd', fte: 1, startDate: '2024-01-01' });
    // @ts-expect-error kind not one of the three
    computeLumpSum({ kind: 'refugee', year: 2024 });
    // @ts-expect-error unknown input needs the untrusted entry
    checkEligibility(JSON.parse('{}') as unknown);
  });

  it('takes unknown input from foerderregeln/untrusted: the same functions', () => {
    expectTypeOf(untrusted.checkEligibility).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(untrusted.checkEligibilityMany).parameter(0).toEqualTypeOf<readonly unknown[]>();
    expectTypeOf(untrusted.evaluateEligibilityBatch).parameter(0).toEqualTypeOf<readonly unknown[]>();
    expectTypeOf(untrusted.computeGrant).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(untrusted.allocate).parameter(0).toEqualTypeOf<readonly unknown[]>();
    expectTypeOf(untrusted.computeStaffing).parameter(0).toEqualTypeOf<readonly unknown[]>();
    expectTypeOf(untrusted.computeLumpSum).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(untrusted.checkEligibility).returns.toEqualTypeOf<EligibilityResult>();
    expectTypeOf(untrusted.computeGrant).returns.toEqualTypeOf<ReturnType<typeof computeGrant>>();
  });
});
