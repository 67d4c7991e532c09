/**
 * A published decision record of the Network (page and JSON): the meeting, the members and
 * observers present, the proposal, how it was decided, each State's vote, the rule applied and the
 * outcome, with the SHA-256 of its canonical form (`canonicalJson` of the record without `sha256`).
 * Anyone can recompute the outcome from the record alone: `npm run verify:decision -- FILE`.
 */
import { z } from 'zod';
import { CONSENSUS_RULE, MAJORITY_RULE } from './decisions';

export const DECISION_RECORD_FORMAT = 'nmirf-network-decision/1';

const state = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const decisionRecordSchema = z.strictObject({
  format: z.literal(DECISION_RECORD_FORMAT),
  meeting: z.strictObject({ id: z.string().min(1).max(200), date: day, title: z.string().max(500) }),
  agenda_item: z.strictObject({ id: z.string().min(1).max(200), title: z.string().max(500) }),
  proposal: z.strictObject({ id: z.string().min(1).max(200), text: z.string().max(20_000) }),
  members_present: z.array(state).max(200),
  observers_present: z.array(state).max(200),
  method: z.enum(['consensus', 'vote']),
  objections: z.array(state).max(200),
  votes: z.array(z.strictObject({ state, vote: z.enum(['yes', 'no', 'abstain']), cast_by: z.enum(['focal_point', 'deputy']) })).max(200),
  rule: z.enum([CONSENSUS_RULE, MAJORITY_RULE]),
  tally: z.strictObject({
    yes: z.int().min(0), no: z.int().min(0), abstain: z.int().min(0), present_not_voting: z.int().min(0),
  }).nullable(),
  outcome: z.enum(['adopted', 'not_adopted']),
  decided_at: z.iso.datetime({ offset: true }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 hexadecimal digits'),
});

export type DecisionRecord = z.infer<typeof decisionRecordSchema>;
