/**
 * Decision records: built when a decision is taken (the outcome computed by the Declaration's
 * rule, never typed in), and verified from the record alone (`npm run verify:decision`).
 */
import { createHash } from 'node:crypto';
import { DECISION_RECORD_FORMAT, decisionRecordSchema, type DecisionRecord } from '../../../shared/network/decision-record';
import { canonicalJson } from '../../../shared/canonical-json';
import { decide, decisionProblems, type DecisionInputs, type DecisionProblem } from '../../../shared/network/decisions';

export interface DecisionContext {
  meeting: DecisionRecord['meeting'];
  agenda_item: DecisionRecord['agenda_item'];
  proposal: DecisionRecord['proposal'];
  decided_at: string;
}

/** The SHA-256 of a record's canonical form, `sha256` left out. */
export function recordHash(record: Omit<DecisionRecord, 'sha256'> | DecisionRecord): string {
  const { sha256: _, ...hashed } = record as DecisionRecord;
  return createHash('sha256').update(canonicalJson(hashed), 'utf8').digest('hex');
}

/** The record of a decision: States in alphabetical order, the outcome by the rule, and its hash. */
export function buildDecisionRecord(inputs: DecisionInputs, context: DecisionContext): DecisionRecord {
  const sorted = (states: string[]) => [...states].sort();
  const ordered: DecisionInputs = {
    members_present: sorted(inputs.members_present),
    observers_present: sorted(inputs.observers_present),
    method: inputs.method,
    objections: sorted(inputs.objections),
    votes: [...inputs.votes].sort((a, b) => (a.state < b.state ? -1 : a.state > b.state ? 1 : 0)),
  };
  const decision = decide(ordered);
  const record = { format: DECISION_RECORD_FORMAT, ...context, ...ordered, ...decision } as const;
  return { ...record, sha256: recordHash(record) };
}

export type Verification =
  | { valid: true; record: DecisionRecord }
  | { valid: false; reason: 'unreadable'; detail: string }
  | { valid: false; reason: 'malformed'; issues: string[] }
  | { valid: false; reason: 'rule_broken'; problems: DecisionProblem[] }
  | { valid: false; reason: 'mismatch'; differences: string[] };

/** Recomputes a record's tally, outcome and hash from its own contents and says what differs. */
export function verifyDecisionRecord(text: string): Verification {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { valid: false, reason: 'unreadable', detail: (error as Error).message };
  }
  const parsed = decisionRecordSchema.safeParse(json);
  if (!parsed.success) {
    return { valid: false, reason: 'malformed', issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`) };
  }
  const record = parsed.data;
  const problems = decisionProblems(record);
  if (problems.length > 0) return { valid: false, reason: 'rule_broken', problems };
  const recomputed = decide(record);
  const differences: string[] = [];
  if (recomputed.rule !== record.rule) differences.push(`rule: the record says ${record.rule}, the method gives ${recomputed.rule}`);
  if (canonicalJson(recomputed.tally) !== canonicalJson(record.tally)) {
    differences.push(`tally: the record says ${canonicalJson(record.tally)}, the votes give ${canonicalJson(recomputed.tally)}`);
  }
  if (recomputed.outcome !== record.outcome) differences.push(`outcome: the record says ${record.outcome}, the rule gives ${recomputed.outcome}`);
  const hash = recordHash(record);
  if (hash !== record.sha256) differences.push(`sha256: the record says ${record.sha256}, its contents hash to ${hash}`);
  return differences.length ? { valid: false, reason: 'mismatch', differences } : { valid: true, record };
}
