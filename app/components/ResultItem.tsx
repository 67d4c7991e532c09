import { useTranslation } from '../i18n';
import { Link, useLocation } from 'react-router';
import type { RecommendationSummary } from '../api/types';
import { formatDate, formatNumber } from '../lib/format';
import { languageName, positionLabel, recommendationTitle } from '../lib/recommendation-labels';
import { Snippet } from './Snippet';

const EXCERPT = 320;

function excerpt(text: string): string {
  if (text.length <= EXCERPT) return text;
  const cut = text.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT - 40))}…`;
}

export function ResultItem({ item, locale }: { item: RecommendationSummary; locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const titleId = `result-${item.id}`;
  return (
    <article className="result" aria-labelledby={titleId}>
      <h3 id={titleId} className="result-title">
        <Link to={`/${locale}/recommendations/${item.id}`} state={{ search: location.search }}>
          {recommendationTitle(t, item, locale)}
        </Link>
      </h3>
      <ul className="result-meta">
        <li className="result-mechanism">{item.mechanism.label}</li>
        {item.countries.length > 0 && <li>{item.countries.map((c) => c.label).join(', ')}</li>}
        {item.date && (
          <li>
            <time dateTime={item.date}>{formatDate(item.date, locale)}</time>
          </li>
        )}
        <li>
          <span className="visually-hidden">{t('search.positionLabel')} </span>
          <span className={`badge position-${item.position ?? 'none'}`}>{positionLabel(t, item.position)}</span>
        </li>
        {item.language && item.language !== locale && (
          <li className="muted">{t('search.textLanguage', { language: languageName(t, item.language) })}</li>
        )}
      </ul>
      {item.snippet ? (
        <Snippet className="result-snippet" html={item.snippet} lang={item.language} />
      ) : (
        <p className="result-snippet" lang={item.language}>{excerpt(item.text ?? '')}</p>
      )}
      {item.duplicates && item.duplicates.others.length > 0 && (
        <div className="result-duplicates">
          <p id={`${titleId}-duplicates`} className="small">
            {t('search.alsoRequested', { count: item.duplicates.others.length, number: formatNumber(item.duplicates.others.length, locale) })}
          </p>
          <ul aria-labelledby={`${titleId}-duplicates`} className="small">
            {item.duplicates.others.map((other) => (
              <li key={other.id}>
                <Link to={`/${locale}/recommendations/${other.id}`} state={{ search: location.search }}>
                  {[other.recommending_states.map((s) => s.label).join(', '), other.paragraph && t('related.paragraph', { paragraph: other.paragraph })]
                    .filter(Boolean).join(', ') || t('related.untitled', { id: other.id })}
                </Link>
                {!other.matches && <span className="muted"> {t('search.notMatching')}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}
