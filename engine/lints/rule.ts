/**
 * The shape of a domain rule: one self-describing unit with a stable id (the diagnostic
 * code; its docs page is docs/rules/<id with / as ->.md), a default severity, a summary,
 * the dialects it runs on, and the check. Rules read the node model, never a dialect's
 * syntax, so one rule covers Butane, CLC, Ignition JSON and k3OS alike.
 */
import type { Dialect } from '../dialect';
import type { Fix, Severity } from '../diagnostics';
import type { Path } from '../schema/sourceMap';
import type { EmbeddedText, NodeConfig } from '../node/model';
import type { RuleEdits } from './edits';

/** A config's node model and how to place findings in its text. */
export interface DomainContext {
  node: NodeConfig;
  text: string;
  edits: RuleEdits;
}

/** Where a finding points: a config path (its key or value), or a span inside embedded text. */
export type FindingPlace = { path: Path; at?: 'key' | 'value' } | { in: EmbeddedText; start: number; end: number };

export interface DomainFinding {
  place: FindingPlace;
  message: string;
  /** Overrides the rule's default severity (e.g. a rule that is information in one case). */
  severity?: Severity;
  fixes?: Fix[];
}

export interface DomainRule {
  id: string;
  summary: string;
  severity: Severity;
  dialects: readonly Dialect[];
  check(ctx: DomainContext): DomainFinding[];
}
