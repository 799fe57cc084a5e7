/**
 * `foerderregeln/testing`: tools for adopters' own tests. Synthetic, seeded persons across the
 * changes of the law, and the json-rules-engine reference adapter (needs the optional peer
 * dependency `json-rules-engine`, loaded only when the adapter runs).
 *
 * @packageDocumentation
 */
export { generatePersons, streamPersons, type GeneratePersonsOptions } from '../synthetic/persons.js';
export { checkEligibilityWithReference, type ReferenceDecision, type ReferenceComparison } from '../testing/reference.js';
// Declaring a computation or a programme of your own over your own rule data (docs/contributing.md).
export {
  defineComputation,
  defineListComputation,
  fieldColumns,
  defineProgramme,
  programmeContract,
  TypedReader,
  type AnyComputation,
  type Cell,
  type Computation,
  type ListComputation,
  type ListComputationDeclaration,
  type ListOptions,
  type ListRow,
  type FailedRow,
  type CellField,
  type ComputationDeclaration,
  type DecideContext,
  type EvaluateOptions,
  type KindValue,
  type Evaluated,
  type Failed,
  type ParameterName,
  type ParameterValueOf,
  type Programme,
  type Provenance,
  type Read,
  type RoundingPointOf,
} from '../computation/define.js';
export { applyRounding } from '../computation/money.js';
export type { ComputationContract } from '../contract/parameters.js';
export type { ParameterContract, ParameterKind, ParameterSpec } from '../ruleset/parameter-contract.js';
export { runComputationCase, type CaseOutcome } from '../testing/cases.js';
export type { ComputationCase } from '../testing/money-cases.js';
export type { IssueMessageId } from '../issues.js';
