import { useTranslation } from '../i18n';
import { Link } from 'react-router';
import { formatNumber } from '../lib/format';

interface Props {
  page: number;
  pages: number;
  /** The link to a page (a search string). */
  hrefFor: (page: number) => string;
  onNavigate: () => void;
}

/** Page numbers to show: the first, the last, and two on each side of the current one. */
export function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1] > 1) out.push(n - sorted[i - 1] === 2 ? n - 1 : 'gap');
    out.push(n);
  });
  return out;
}

export function Pagination({ page, pages, hrefFor, onNavigate }: Props) {
  const { t, i18n } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <ul>
        <li>
          {page > 1 ? (
            <Link to={hrefFor(page - 1)} rel="prev" aria-label={t('pagination.previousLabel')} onClick={onNavigate}>
              <span aria-hidden="true">‹ </span>{t('pagination.previous')}
            </Link>
          ) : (
            <span className="disabled" aria-hidden="true">‹ {t('pagination.previous')}</span>
          )}
        </li>
        {pageWindow(page, pages).map((n, index) =>
          n === 'gap' ? (
            <li key={`gap-${index}`} aria-hidden="true" className="gap">…</li>
          ) : (
            <li key={n}>
              <Link
                to={hrefFor(n)}
                aria-label={t('pagination.pageLabel', { page: formatNumber(n, i18n.language) })}
                aria-current={n === page ? 'page' : undefined}
                onClick={onNavigate}
              >
                {formatNumber(n, i18n.language)}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < pages ? (
            <Link to={hrefFor(page + 1)} rel="next" aria-label={t('pagination.nextLabel')} onClick={onNavigate}>
              {t('pagination.next')}<span aria-hidden="true"> ›</span>
            </Link>
          ) : (
            <span className="disabled" aria-hidden="true">{t('pagination.next')} ›</span>
          )}
        </li>
      </ul>
    </nav>
  );
}
