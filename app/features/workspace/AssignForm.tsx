import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { ApiError } from '../../api/http';
import type { AssignInput } from '../../api/types';
import { assign, previewAssign } from '../../api/workspace';
import type { AssignPreview } from '../../../shared/assignments';
import { formatNumber } from '../../lib/format';
import { FormAlert } from '../../components/FormAlert';
import { RESPONSIBILITIES } from '../../lib/action-model';
import { useInstitutions } from '../../api/workspace-queries';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

/**
 * The secretariat assigns one recommendation, the ones ticked in the search
 * results, or every match of a search, to one institution or several (several
 * are all co-responsible: a recommendation has one lead). A preview says per
 * institution how many would be new. Loaded only for the secretariat, so that
 * visitors never download it.
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
  /** Institutions added before the one in the select: assigning to several at once. */
  const [others, setOthers] = useState<number[]>([]);
  const [responsibility, setResponsibility] = useState<(typeof RESPONSIBILITIES)[number]>('lead');
  const [dueDate, setDueDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: boolean; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [preview, setPreview] = useState<AssignPreview | null>(null);
  const select = useRef<HTMLSelectElement>(null);

  /** Every institution chosen: those added, then the one in the select. */
  const chosen = [...new Set([...others, ...(institutionId ? [Number(institutionId)] : [])])];
  const target = () => (chosen.length === 1 ? { institution_id: chosen[0] } : { institution_ids: chosen });
  const nameOf = (id: number) => institutions.data?.find((i) => i.id === id)?.name ?? String(id);

  /** Keeps the institution in the select and lets another be chosen; several are co-responsible. */
  function addInstitution() {
    if (!institutionId) {
      setProblem({ field: true, message: t('assign.institutionRequired') });
      select.current?.focus();
      return;
    }
    setOthers(chosen);
    setInstitutionId('');
    setResponsibility('co_responsible');
    setPreview(null);
    setProblem(null);
    select.current?.focus();
  }

  /** How many would be new, change or stay, before assigning. */
  async function showPreview() {
    if (busy) return;
    setDone(null);
    setPreview(null);
    if (chosen.length === 0) {
      setProblem({ field: true, message: t('assign.institutionRequired') });
      select.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      setPreview(await previewAssign({
        ...target(),
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
    if (chosen.length === 0) {
      setProblem({ field: true, message: t('assign.institutionRequired') });
      select.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    setPreview(null);
    try {
      const result = await assign({
        ...target(),
        responsibility,
        due_date: dueDate || null,
        ...(recommendationIds ? { recommendation_ids: recommendationIds } : { search }),
      }, locale, csrf);
      const name = chosen.map(nameOf).join(', ');
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
            {preview.institutions.length > 1 && <p><strong>{nameOf(item.institution_id)}</strong></p>}
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
      {others.length > 0 && (
        <div className="assign-institutions">
          <p id={`${idPrefix}-chosen`}>{t('assign.several.chosen')}</p>
          <ul aria-labelledby={`${idPrefix}-chosen`}>
            {others.map((id) => (
              <li key={id}>
                {nameOf(id)}{' '}
                <button type="button" className="secondary" onClick={() => { setOthers(others.filter((x) => x !== id)); setPreview(null); }}>
                  {t('assign.several.remove')}<span className="visually-hidden">: {nameOf(id)}</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="hint small muted">{t('assign.several.hint')}</p>
        </div>
      )}
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.institution}>{others.length > 0 ? t('assign.several.another') : t('assign.institution')}</label>
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
          <p><button type="button" className="secondary" onClick={addInstitution}>{t('assign.several.add')}</button></p>
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
