/**
 * The recommendations an activity answers: found with the catalogue's own search (words, or a
 * recommendation's number), added from the results and removed from the chosen list. Keyboard
 * first: Enter in the words searches (it does not submit the form), each result and each chosen
 * recommendation has its own button, and the number of results is announced.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { getRecommendation, searchRecommendations } from '../../api/client';
import { shouldRetry } from '../../api/http';
import { keys } from '../../api/query-keys';
import { describedBy } from '../../components/Field';
import { useTranslation } from '../../i18n';
import { recommendationTitle } from '../../lib/recommendation-labels';

const RESULTS = 10;
const EXCERPT = 220;

const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text);

export function RecommendationPicker({ id, selected, onChange }: { id: string; selected: number[]; onChange: (ids: number[]) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [words, setWords] = useState('');
  const [asked, setAsked] = useState('');
  const number = /^#?\d{1,18}$/.test(asked) ? asked.replace('#', '') : null;
  const query = new URLSearchParams({ q: asked, page_size: String(RESULTS), locale }).toString();

  const search = useQuery({
    queryKey: keys.recommendations.search(query),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams(query), signal),
    enabled: asked !== '' && number === null,
    retry: shouldRetry,
  });
  const byNumber = useQuery({
    queryKey: keys.recommendation(number ?? '', locale),
    queryFn: ({ signal }) => getRecommendation(number!, locale, signal),
    enabled: number !== null,
    retry: false,
  });

  const results = number !== null
    ? (byNumber.data ? [{ ...byNumber.data, text: (byNumber.data.texts[locale] ?? byNumber.data.texts[byNumber.data.language])?.text ?? '' }] : [])
    : (search.data?.items ?? []);
  const pending = asked !== '' && (number !== null ? byNumber.isPending : search.isPending);
  const failed = number !== null ? byNumber.isError : search.isError;

  function find() {
    setAsked(words.trim());
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      find();
    }
  }

  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;
  return (
    <fieldset className="form-group recommendation-picker">
      <legend>{t('plans.activity.recommendations')}</legend>
      <h3 className="small" id={`${id}-chosen-heading`}>{t('plans.picker.chosen')}</h3>
      {selected.length === 0
        ? <p className="muted small">{t('plans.activity.noRecommendation')}</p>
        : (
          <ul className="plain-list" aria-labelledby={`${id}-chosen-heading`}>
            {selected.map((recId) => <Chosen key={recId} id={recId} onRemove={() => onChange(selected.filter((other) => other !== recId))} />)}
          </ul>
        )}
      <div className="field">
        <label htmlFor={id}>{t('plans.picker.find')}</label>
        <p id={hintId} className="hint small muted">{t('plans.picker.hint')}</p>
        <div className="inline-controls">
          <input id={id} type="search" value={words} aria-describedby={describedBy(hintId, statusId)} onChange={(e) => setWords(e.target.value)} onKeyDown={onKeyDown} />
          <button type="button" className="secondary" onClick={find}>{t('plans.picker.search')}</button>
        </div>
      </div>
      <p id={statusId} role="status" className="small muted">
        {asked === '' ? '' : pending ? t('plans.picker.searching')
          : failed || results.length === 0 ? t('plans.picker.none')
            : t('plans.picker.found', { count: results.length })}
      </p>
      {asked !== '' && !pending && results.length > 0 && (
        <ul className="plain-list picker-results" aria-label={t('plans.picker.results')}>
          {results.map((rec) => {
            const title = recommendationTitle(t, rec, locale);
            const chosen = selected.includes(rec.id);
            return (
              <li key={rec.id} className="picker-result">
                <p>
                  <strong>{title}</strong>
                  <span className="muted small"> · {rec.mechanism.label}</span>
                </p>
                {rec.text && <p className="small">{excerpt(rec.text)}</p>}
                {chosen
                  ? <p className="small muted">{t('plans.picker.added')}</p>
                  : (
                    <button type="button" className="secondary" onClick={() => onChange([...selected, rec.id])}>
                      {t('plans.picker.add')}
                      <span className="visually-hidden">: {title}</span>
                    </button>
                  )}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}

function Chosen({ id, onRemove }: { id: number; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const rec = useQuery({ queryKey: keys.recommendation(String(id), locale), queryFn: ({ signal }) => getRecommendation(String(id), locale, signal) });
  const title = rec.data ? recommendationTitle(t, rec.data, locale) : t('search.resultTitleFallback', { id });
  return (
    <li className="picker-chosen">
      <Link to={`/${locale}/recommendations/${id}`}>{title}</Link>
      {rec.data && <span className="muted small"> · {rec.data.mechanism.label}</span>}
      {' '}
      <button type="button" className="link-button small" onClick={onRemove}>
        {t('plans.picker.remove')}
        <span className="visually-hidden">: {title}</span>
      </button>
    </li>
  );
}
