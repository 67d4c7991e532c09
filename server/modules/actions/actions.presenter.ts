/** Action reports as the API shows them, in the caller's language where the report has it. */
import type { ActionDetail, ActionSummary } from '../../../shared/actions';
import { availableTransitions, canEdit, canView, type ActorContext } from '../../../shared/workflows/action-review';
import { pickText, type Locale } from '../../platform/http/locale';
import type { ActionRow, EvidenceRow, institutionNames, transitionsOf } from './actions.repository';

type Institutions = Awaited<ReturnType<typeof institutionNames>>;
type Transitions = Awaited<ReturnType<typeof transitionsOf>>;

/** The text in the caller's language, else in the report's original language, else any non-empty one. */
function translated(texts: Record<string, string>, locale: string, original: string): { language: string; text: string } {
  const language = [locale, original, ...Object.keys(texts)].find((code) => texts[code]) ?? original;
  return { language, text: texts[language] ?? '' };
}

export function presentSummary(row: ActionRow, institutions: Institutions, evidence: EvidenceRow[], locale: Locale): ActionSummary {
  const institution = institutions.get(row.institution_id);
  const title = translated(row.title, locale, row.original_language);
  const description = translated(row.description, locale, row.original_language);
  return {
    id: row.id,
    state: row.state,
    institution: { id: row.institution_id, name: pickText(institution?.name, locale), acronym: institution?.acronym ?? null },
    title: title.text,
    title_language: title.language,
    description: description.text,
    description_language: description.language,
    action_type: row.action_type as ActionSummary['action_type'],
    reach: row.reach as ActionSummary['reach'],
    start_date: row.start_date,
    end_date: row.end_date,
    progress: row.progress,
    recommendation_ids: row.recommendation_ids,
    plan_activity_id: row.plan_activity_id === null ? null : Number(row.plan_activity_id),
    completes_activity: row.completes_activity,
    updated_at: row.updated_at.toISOString(),
    published_at: row.published_at?.toISOString() ?? null,
    version: row.version,
    evidence: evidence.filter((e) => e.action_id === row.id).map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      url: e.url,
      file_name: e.file_name,
      media_type: e.media_type,
      size_bytes: e.size_bytes,
      download_url: e.kind === 'file' ? `/api/v1/actions/${row.id}/evidence/${e.id}/file` : null,
      created_at: e.created_at.toISOString(),
    })),
  };
}

export function presentDetail(
  row: ActionRow, institutions: Institutions, evidence: EvidenceRow[], history: Transitions, actor: ActorContext, locale: Locale,
): ActionDetail {
  const report = { state: row.state, institutionId: row.institution_id };
  return {
    ...presentSummary(row, institutions, evidence, locale),
    titles: row.title,
    descriptions: row.description,
    original_language: row.original_language,
    budget: row.budget_amount === null
      ? null
      : { amount: Number(row.budget_amount), currency: row.budget_currency ?? '', programme: row.budget_programme },
    // The chain's comments and reviewers' names are internal: shown to the people who take part in it
    // (anyone who could see the report once validated), not to the public.
    history: (canView(actor, { state: 'validated', institutionId: row.institution_id }) ? history : []).map((t) => ({
      transition: t.transition as ActionDetail['history'][number]['transition'],
      from_state: t.from_state as ActionDetail['state'],
      to_state: t.to_state as ActionDetail['state'],
      actor: { id: Number(t.actor_id), display_name: t.display_name },
      comment: t.comment,
      at: t.at.toISOString(),
    })),
    available_transitions: availableTransitions(actor, report),
    editable: canEdit(actor, report),
  };
}
