/**
 * `foerderregeln/testing`: tools for adopters' own tests. Synthetic, seeded persons across the
 * changes of the law, and the json-rules-engine reference adapter (needs the optional peer
 * dependency `json-rules-engine`, loaded only when the adapter runs).
 *
 * @packageDocumentation
 */
export { generatePersons, streamPersons, type GeneratePersonsOptions } from '../synthetic/persons.js';
export { checkEligibilityWithReference, type ReferenceDecision, type ReferenceComparison } from '../testing/reference.js';
