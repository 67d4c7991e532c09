import { describe, expect, it } from 'vitest';
import { actionInputSchema, linkEvidenceInputSchema } from './actions';
import { localizedNameSchema } from './institutions';
import { LIMITS } from './limits';
import { obligationInputSchema, ratificationPatchSchema } from './obligations';
import { activityInputSchema, planPatchSchema } from './plans';
import { agreementInputSchema, cooperationInputSchema, cooperationResponseInputSchema, moderationSchema, resourceInputSchema } from './network/knowledge';
import { reasonSchema } from './participation';
import { reportInputSchema, sectionEditSchema } from './reports';
import { searchQuerySchema } from './recommendations';
import { roundInputSchema } from './rounds';
import { assessmentInputSchema } from './status';

const text = (length: number) => 'a'.repeat(length);
const action = (fields: Record<string, unknown>) => ({
  institution_id: 1, title: { es: 'Plan' }, original_language: 'es', action_type: 'policy_plan', reach: 'structural', recommendation_ids: [1], ...fields,
});
const round = (fields: Record<string, unknown>) => ({ title: { es: 'Ronda' }, opens_on: '2026-01-01', due_on: '2026-02-01', ...fields });

/** The contract accepts `at` and refuses `beyond`: the limit the forms show is the one the API enforces. */
function holds(schema: { safeParse: (value: unknown) => { success: boolean } }, at: unknown, beyond: unknown) {
  expect(schema.safeParse(at).success).toBe(true);
  expect(schema.safeParse(beyond).success).toBe(false);
}

describe('the limits the forms show are the ones the contracts enforce', () => {
  it('action reports', () => {
    const a = LIMITS.action;
    holds(actionInputSchema, action({ title: { es: text(a.title) } }), action({ title: { es: text(a.title + 1) } }));
    holds(actionInputSchema, action({ description: { es: text(a.description) } }), action({ description: { es: text(a.description + 1) } }));
    holds(actionInputSchema, action({ progress: a.progress.max }), action({ progress: a.progress.max + 1 }));
    holds(actionInputSchema, action({ progress: a.progress.min }), action({ progress: a.progress.min - 1 }));
    holds(actionInputSchema, action({ budget: { amount: 1, currency: 'PYG', programme: text(a.programme) } }),
      action({ budget: { amount: 1, currency: 'PYG', programme: text(a.programme + 1) } }));
    holds(actionInputSchema, action({ budget: { amount: 1, currency: 'A'.repeat(a.currencyLength) } }),
      action({ budget: { amount: 1, currency: 'A'.repeat(a.currencyLength + 1) } }));
    holds(linkEvidenceInputSchema, { title: text(LIMITS.evidence.title), url: 'https://example.org' },
      { title: text(LIMITS.evidence.title + 1), url: 'https://example.org' });
  });

  it('implementation plans', () => {
    const p = LIMITS.plan;
    const activity = (fields: Record<string, unknown>) => ({ institution_id: 1, title: { es: 'Actividad' }, original_language: 'es', ...fields });
    holds(activityInputSchema, activity({ title: { es: text(p.title) } }), activity({ title: { es: text(p.title + 1) } }));
    holds(activityInputSchema, activity({ milestones: Array.from({ length: p.milestones }, () => ({ title: 'Hito', due_on: null })) }),
      activity({ milestones: Array.from({ length: p.milestones + 1 }, () => ({ title: 'Hito', due_on: null })) }));
    holds(activityInputSchema, activity({ recommendation_ids: Array.from({ length: p.recommendations }, (_, i) => i + 1) }),
      activity({ recommendation_ids: Array.from({ length: p.recommendations + 1 }, (_, i) => i + 1) }));
    holds(planPatchSchema, { version: 1, revision_reason: text(p.revisionReason) }, { version: 1, revision_reason: text(p.revisionReason + 1) });
    holds(planPatchSchema, { version: 1, legal_instrument: text(p.legalInstrument) }, { version: 1, legal_instrument: text(p.legalInstrument + 1) });
  });

  it('names, rounds, reports, assessments and obligations', () => {
    holds(localizedNameSchema, { es: text(LIMITS.localizedName.max) }, { es: text(LIMITS.localizedName.max + 1) });
    holds(localizedNameSchema, { es: text(LIMITS.localizedName.min) }, { es: text(LIMITS.localizedName.min - 1) });
    const { days, reminders } = LIMITS.round;
    holds(roundInputSchema, round({ escalate_to_validator_after_days: days.max }), round({ escalate_to_validator_after_days: days.max + 1 }));
    holds(roundInputSchema, round({ reminder_days: [days.min] }), round({ reminder_days: [days.min - 1] }));
    holds(roundInputSchema, round({ reminder_days: Array.from({ length: reminders }, (_, i) => i + 1) }),
      round({ reminder_days: Array.from({ length: reminders + 1 }, (_, i) => i + 1) }));
    const report = (title: string) => ({ template: 'custom', title, language: 'es', grouping: 'theme', recommendation_ids: [1] });
    holds(reportInputSchema, report(text(LIMITS.report.title)), report(text(LIMITS.report.title + 1)));
    const ids = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
    holds(reportInputSchema, { ...report('Draft'), recommendation_ids: ids(LIMITS.report.recommendations) },
      { ...report('Draft'), recommendation_ids: ids(LIMITS.report.recommendations + 1) });
    holds(sectionEditSchema, { version: 1, text: text(LIMITS.report.sectionText) }, { version: 1, text: text(LIMITS.report.sectionText + 1) });
    const assessment = (reason: string) => ({ status: 'x', reason, assessed_on: '2026-01-01' });
    holds(assessmentInputSchema, assessment(text(LIMITS.assessment.reason)), assessment(text(LIMITS.assessment.reason + 1)));
    const obligation = (notes: string) => ({ kind: 'other', title: { es: 'Informe' }, due_on: '2026-01-01', notes });
    holds(obligationInputSchema, obligation(text(LIMITS.obligation.notes)), obligation(text(LIMITS.obligation.notes + 1)));
    const { query, year } = LIMITS.search;
    holds(searchQuerySchema, { q: text(query) }, { q: text(query + 1) });
    holds(searchQuerySchema, { year_from: String(year.min), year_to: String(year.max) }, { year_from: String(year.min - 1) });
    holds(searchQuerySchema, { year_to: String(year.max) }, { year_to: String(year.max + 1) });
    const { year: ratified, periodicity } = LIMITS.ratification;
    holds(ratificationPatchSchema, { version: 1, year: ratified.min }, { version: 1, year: ratified.min - 1 });
    holds(ratificationPatchSchema, { version: 1, year: ratified.max }, { version: 1, year: ratified.max + 1 });
    holds(ratificationPatchSchema, { version: 1, periodicity_years: periodicity.min }, { version: 1, periodicity_years: periodicity.min - 1 });
    holds(ratificationPatchSchema, { version: 1, periodicity_years: periodicity.max }, { version: 1, periodicity_years: periodicity.max + 1 });
    holds(reasonSchema, { version: 1, reason: text(LIMITS.moderation.reason) }, { version: 1, reason: text(LIMITS.moderation.reason + 1) });
  });

  it("the Network's knowledge hub and cooperation board", () => {
    const h = LIMITS.hub;
    const resource = (fields: Record<string, unknown>) => ({ kind: 'practice', language: 'es', title: 'Práctica', summary: 'Resumen', ...fields });
    holds(resourceInputSchema, resource({ title: text(h.title.max) }), resource({ title: text(h.title.max + 1) }));
    holds(resourceInputSchema, resource({ title: text(h.title.min) }), resource({ title: text(h.title.min - 1) }));
    holds(resourceInputSchema, resource({ summary: text(h.summary) }), resource({ summary: text(h.summary + 1) }));
    holds(resourceInputSchema, resource({ body: text(h.body) }), resource({ body: text(h.body + 1) }));
    holds(resourceInputSchema, resource({ themes: Array.from({ length: h.tags }, (_, i) => `t${i}`) }), resource({ themes: Array.from({ length: h.tags + 1 }, (_, i) => `t${i}`) }));
    const url = (length: number) => `https://example.org/${'a'.repeat(length - 20)}`;
    holds(resourceInputSchema, resource({ link: url(h.link) }), resource({ link: url(h.link + 1) }));
    holds(moderationSchema, { version: 1, decision: 'return', reason: text(h.reason) }, { version: 1, decision: 'return', reason: text(h.reason + 1) });
    const cooperation = (fields: Record<string, unknown>) => ({ kind: 'request', topic: 'Tema', description: 'Texto', help: ['training'], language: 'es', ...fields });
    holds(cooperationInputSchema, cooperation({ topic: text(h.topic.max) }), cooperation({ topic: text(h.topic.max + 1) }));
    holds(cooperationInputSchema, cooperation({ topic: text(h.topic.min) }), cooperation({ topic: text(h.topic.min - 1) }));
    holds(cooperationInputSchema, cooperation({ description: text(h.description) }), cooperation({ description: text(h.description + 1) }));
    holds(cooperationResponseInputSchema, { message: text(h.response) }, { message: text(h.response + 1) });
    holds(agreementInputSchema, { parties: ['PRY', 'URY'], description: text(h.agreement) }, { parties: ['PRY', 'URY'], description: text(h.agreement + 1) });
  });
});
