/**
 * What the rules of the bundled programmes may use: the facts of each computation and the event
 * types its rules raise. The rule-set format knows no programme; the registry passes this to the
 * semantic checks when it loads a rule set.
 */
import { FACT_CATALOGUE } from './person.js';

/** Event types a computation's rules may raise. */
export const EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  eligibility: ['target-group', 'exclusion'],
};

/** Facts and event types per computation, for every bundled programme. */
export const BUNDLED_FACTS = { facts: FACT_CATALOGUE, events: EVENT_TYPES } as const;
