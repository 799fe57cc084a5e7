/**
 * What the rule sets of the bundled programmes may use: the facts of each computation, the event
 * types its rules raise, and the parameter contract (contract/parameters.ts: the parameters code
 * reads and the rounding points it applies). The rule-set format knows no programme; the registry
 * passes this to the semantic checks when it loads a rule set.
 */
import { FACT_CATALOGUE } from './person.js';
import { PARAMETER_SPECS, ROUNDING_POINTS } from './parameters.js';

/** Event types a computation's rules may raise. */
export const EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  eligibility: ['target-group', 'exclusion'],
};

/** Facts and event types per computation, and the parameter contract, for every bundled programme. */
export const BUNDLED_FACTS = { facts: FACT_CATALOGUE, events: EVENT_TYPES, contract: { parameters: PARAMETER_SPECS, roundingPoints: ROUNDING_POINTS } } as const;
