/**
 * `foerderregeln/pin`: guard against unnoticed changes of the law. Pin rule sets by content
 * hash, snapshot your own cases' outcomes, and check both in your test suite (see docs/pinning.md).
 *
 * @packageDocumentation
 */
export {
  pinRuleSets,
  checkPins,
  formatPinReport,
  type LockFile,
  type PinnedRuleSet,
  type PinCheck,
  type PinReport,
} from '../pin/pin.js';
export {
  snapshotOutcomes,
  checkOutcomes,
  formatOutcomeChanges,
  type OutcomeSnapshot,
  type OutcomeChange,
  type Outcome,
  type SnapshotOptions,
} from '../pin/snapshot.js';
export { FoerderregelnError, type Issue, type IssueCode } from '../issues.js';
