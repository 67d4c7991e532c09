import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { ApiError } from '../../api/http';
import type { AssignInput } from '../../api/types';
import { assign, previewAssign } from '../../api/workspace';
import type { AssignPreview } from '../../../shared/assignments';
import { formatNumber } from '../../lib/format';
import { FormAlert } from '../account/FormAlert';
import { RESPONSIBILITIES } from './model';
import { useInstitutions } from './queries';
import './strings';
import { keys } from '../../api/query-keys';

/**
 * The secretariat assigns one recommendation (or every match of a search) to
 * an institution. Loaded only for the secretariat, from the recommendation
 * page, so that visitors never download it.
 */
export default function AssignForm({ recommendationIds, search, csrf, idPrefix = 'assign' }: {
  recommendationIds?: number[];
  search?: AssignInput['search'];
  csrf: string;
  idPrefix?: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const institutions = useInstitutions(locale);
  const [institutionId, setInstitutionId] = useState('');
  const [responsibility, setResponsibility] = useState<(typeof RESPONSIBILITIES)[number]>('lead');
  const [dueDate, setDueDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: boolean; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [preview, setPreview] = useState<AssignPreview | null>(null);
  const select = useRef<HTMLSelectElement>(null);

  /** How many would be new, change or stay, before assigning. */
  async function showPreview() {
    if (busy) return;
    setDone(null);
    setPreview(null);
    if (!institutionId) {
      setProblem({ field: true, message: t('assign.institutionRequired') });
      select.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      setPreview(await previewAssign({
        institution_id: Number(institutionId),
        responsibility,
        ...(recommendationIds ? { recommendation_ids: recommendationIds } : { search }),
      }, locale, csrf));
    } catch (error) {
      setProblem({ field: false, message: error instanceof ApiError ? error.message : t('auth.genericError') });
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    if (!institutionId) {
      setProblem({ field: true, message: t('assign.institutionRequired') });
      select.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    setPreview(null);
    try {
      const result = await assign({
        institution_id: Number(institutionId),
        responsibility,
        due_date: dueDate || null,
        ...(recommendationIds ? { recommendation_ids: recommendationIds } : { search }),
      }, locale, csrf);
      const name = institutions.data?.find((i) => i.id === Number(institutionId))?.name ?? institutionId;
      // Each count agrees with its word ("1 nueva", "2 nuevas"); the sentence agrees with how many were assigned.
      const summary = (['created', 'updated', 'unchanged'] as const).map((key) => t(`assign.${key}`, { count: result[key] })).join(', ');
      setDone(t('assign.done', { institution: name, summary, count: result.created + result.updated + result.unchanged }));
      // What the assignment changed, shown elsewhere on the page or in the workspace, is read again.
      void queryClient.invalidateQueries({ queryKey: keys.responsibleInstitutions.all });
      void queryClient.invalidateQueries({ queryKey: keys.queue.all });
    } catch (error) {
      setProblem({ field: false, message: error instanceof ApiError ? error.message : t('auth.genericError') });
    } finally {
      setBusy(false);
    }
  }

  const ids = {
    institution: `${idPrefix}-institution`,
    error: `${idPrefix}-error`,
    due: `${idPrefix}-due`,
  };

  return (
    <form className="workspace-form assign-form" onSubmit={submit} noValidate>
      {problem && !problem.field && <FormAlert id={ids.error} title={t('assign.error')} message={problem.message} />}
      <div role="status">
        {done && <p className="alert alert-success">{done}</p>}
        {preview && preview.institutions.map((item) => (
          <div key={item.institution_id} className="alert alert-info assign-preview">
            <p>{t('assign.preview.heading', { number: formatNumber(preview.recommendations, locale), count: preview.recommendations })}</p>
            <ul>
              <li>{t('assign.preview.new', { number: formatNumber(item.new, locale) })}</li>
              <li>{t('assign.preview.changed', { number: formatNumber(item.changed, locale) })}</li>
              <li>{t('assign.preview.unchanged', { number: formatNumber(item.unchanged, locale) })}</li>
              {item.lead_taken > 0 && <li>{t('assign.preview.leadTaken', { number: formatNumber(item.lead_taken, locale) })}</li>}
            </ul>
          </div>
        ))}
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.institution}>{t('assign.institution')}</label>
          <select
            id={ids.institution}
            ref={select}
            value={institutionId}
            onChange={(e) => { setInstitutionId(e.target.value); setProblem(null); setPreview(null); }}
            aria-invalid={problem?.field || undefined}
            aria-describedby={problem?.field ? `${ids.institution}-error` : undefined}
          >
            <option value="">{t('actionForm.choose')}</option>
            {(institutions.data ?? []).map((institution) => (
              <option key={institution.id} value={institution.id}>
                {institution.acronym ? `${institution.name} (${institution.acronym})` : institution.name}
              </option>
            ))}
          </select>
          {problem?.field && <p id={`${ids.institution}-error`} className="field-error" role="alert">{problem.message}</p>}
        </div>
        <fieldset className="form-group compact">
          <legend>{t('assign.responsibility')}</legend>
          {RESPONSIBILITIES.map((value) => (
            <div key={value} className="field field-inline">
              <input
                type="radio"
                id={`${idPrefix}-${value}`}
                name={`${idPrefix}-responsibility`}
                value={value}
                checked={responsibility === value}
                onChange={() => { setResponsibility(value); setPreview(null); }}
              />
              <label htmlFor={`${idPrefix}-${value}`}>{t(`action.responsibility.${value}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.due}>{t('assign.dueDate')}</label>
          <input id={ids.due} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
      </div>
      <p className="form-actions">
        <button type="button" className="secondary" aria-disabled={busy || undefined} onClick={() => void showPreview()}>{t('assign.preview.button')}</button>{' '}
        <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('assign.submit')}</button>
      </p>
    </form>
  );
}
