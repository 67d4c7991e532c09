import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  getInstitutionActions, getInstitutionRecommendations, getPublicInstitution, PORTAL_PAGE_SIZE, type PublicInstitution,
} from '../../api/portal';
import { formatDate, formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { Pagination } from '../../components/Pagination';
import { ResultItem } from '../../components/ResultItem';
import { EvidenceList } from '../../components/EvidenceList';
import { typeLabel } from '../../lib/action-model';
import '../../lib/workspace-strings';
import { BackLink, langIfOther, PageStatus } from '../../components/page-parts';
import { keys } from '../../api/query-keys';

const pageOf = (value: string | null) => Math.max(1, Math.min(500, Number.parseInt(value ?? '1', 10) || 1));

/**
 * One institution for the public: its figures, its reporting record round by
 * round, the recommendations assigned to it and the actions it published.
 * Each list pages on its own parameter (`page`, `actions_page`).
 */
export default function InstitutionPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: keys.publicInstitution(id, locale),
    queryFn: ({ signal }) => getPublicInstitution(id, locale, signal),
  });
  const institution = query.data;
  useDocumentTitle(institution?.name ?? (query.isError ? t('portal.errorHeading') : t('portal.loading')), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !query.isPending);
  const back = <BackLink to={`/${locale}/institutions`}>{t('portal.institution.back')}</BackLink>;

  if (!institution) return <PageStatus error={query.error} heading={heading} back={back} />;
  const nameLang = langIfOther(institution.name_language, locale);

  return (
    <div className="page portal-page institution-page">
      {back}
      <p className="eyebrow">{t('portal.institution.eyebrow')}</p>
      <h1 ref={heading} tabIndex={-1}>
        <span lang={nameLang}>{institution.name}</span>
        {institution.acronym && <span className="muted"> ({institution.acronym})</span>}
      </h1>

      <section aria-labelledby="institution-summary-heading" className="panel">
        <h2 id="institution-summary-heading">{t('portal.institution.summaryHeading')}</h2>
        <dl className="stat-list">
          <div><dt>{t('portal.institution.lead')}</dt><dd>{formatNumber(institution.counts.lead, locale)}</dd></div>
          <div><dt>{t('portal.institution.coResponsible')}</dt><dd>{formatNumber(institution.counts.co_responsible, locale)}</dd></div>
          <div><dt>{t('portal.institution.publishedActions')}</dt><dd>{formatNumber(institution.counts.published_actions, locale)}</dd></div>
        </dl>
        <dl className="details portal-details">
          <div className="details-row">
            <dt>{t('portal.institution.branch')}</dt>
            <dd>{t(`portal.institution.branches.${institution.branch}`, { defaultValue: institution.branch })}</dd>
          </div>
          {institution.parent && (
            <div className="details-row">
              <dt>{t('portal.institution.parent')}</dt>
              <dd>
                <Link to={`/${locale}/institutions/${institution.parent.id}`} lang={langIfOther(institution.parent.name_language, locale)}>
                  {institution.parent.name}
                </Link>
              </dd>
            </div>
          )}
        </dl>
      </section>

      <ReportingRecord institution={institution} />
      <AssignedRecommendations id={id} total={institution.counts.lead + institution.counts.co_responsible} />
      <InstitutionActions id={id} />
    </div>
  );
}

function ReportingRecord({ institution }: { institution: PublicInstitution }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const rows = institution.reporting;
  return (
    <section aria-labelledby="reporting-heading" className="panel">
      <h2 id="reporting-heading">{t('portal.institution.reportingHeading')}</h2>
      <p className="hint small muted">{t('portal.institution.reportingIntro')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('portal.institution.reportingNone')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table reporting-table">
            <caption className="visually-hidden">{t('portal.institution.reportingHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portal.institution.round')}</th>
                <th scope="col">{t('portal.institution.dueOn')}</th>
                <th scope="col" className="numeric">{t('portal.institution.owed')}</th>
                <th scope="col" className="numeric">{t('portal.institution.submitted')}</th>
                <th scope="col" className="numeric">{t('portal.institution.validated')}</th>
                <th scope="col">{t('portal.institution.state')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.round.id} data-round={row.round.id} className={row.overdue ? 'row-overdue' : undefined}>
                  <th scope="row">
                    {row.round.title}
                    {row.round.closed && <span className="muted small"> ({t('portal.institution.closed')})</span>}
                  </th>
                  <td><time dateTime={row.round.due_on}>{formatDate(row.round.due_on, locale)}</time></td>
                  <td className="numeric">{formatNumber(row.owed, locale)}</td>
                  <td className="numeric">{formatNumber(row.submitted, locale)}</td>
                  <td className="numeric">{formatNumber(row.validated, locale)}</td>
                  <td>
                    <span className={`badge progress-${row.progress}`}>{t(`portal.institution.progress.${row.progress}`)}</span>
                    {row.overdue && <> <span className="badge overdue">{t('portal.institution.overdue')}</span></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AssignedRecommendations({ id, total }: { id: string; total: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [params] = useSearchParams();
  const page = pageOf(params.get('page'));
  const list = useQuery({
    queryKey: keys.publicInstitutionRecommendations(id, page, locale),
    queryFn: ({ signal }) => getInstitutionRecommendations(id, page, locale, signal),
    placeholderData: keepPreviousData,
    enabled: total > 0,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const hrefFor = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 1) next.set('page', String(n));
    else next.delete('page');
    return `?${next}`;
  };
  const data = list.data;
  return (
    <section aria-labelledby="assigned-heading" className="panel">
      <h2 id="assigned-heading" ref={heading} tabIndex={-1}>{t('portal.institution.recommendationsHeading')}</h2>
      {total === 0 ? (
        <p className="muted">{t('portal.institution.recommendationsNone')}</p>
      ) : (
        <>
          <p role="status" className="results-count">
            {list.isPending ? t('portal.loading') : t('portal.recommendationCount', { count: total, number: formatNumber(total, locale) })}
          </p>
          {list.isError && <p className="muted">{t('portal.listError')}</p>}
          {data && (
            <ul className="results" aria-busy={list.isPlaceholderData || undefined}>
              {data.items.map((item) => (
                <li key={item.id}>
                  <ResultItem item={item} locale={locale} />
                  <p className="small responsibility">
                    <span className={`badge responsibility-${item.responsibility}`}>
                      {t(`portal.responsibility.${item.responsibility}`)}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          )}
          {data && (
            <Pagination
              page={page}
              pages={Math.ceil(data.total / PORTAL_PAGE_SIZE)}
              hrefFor={hrefFor}
              onNavigate={() => heading.current?.focus()}
            />
          )}
        </>
      )}
    </section>
  );
}

function InstitutionActions({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [params] = useSearchParams();
  const page = pageOf(params.get('actions_page'));
  const list = useQuery({
    queryKey: keys.publicInstitutionActions(id, page, locale),
    queryFn: ({ signal }) => getInstitutionActions(id, page, locale, signal),
    placeholderData: keepPreviousData,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const hrefFor = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 1) next.set('actions_page', String(n));
    else next.delete('actions_page');
    return `?${next}`;
  };
  const data = list.data;
  return (
    <section aria-labelledby="institution-actions-heading" className="panel">
      <h2 id="institution-actions-heading" ref={heading} tabIndex={-1}>{t('portal.institution.actionsHeading')}</h2>
      {list.isPending && <p role="status">{t('portal.loading')}</p>}
      {list.isError && <p className="muted">{t('portal.listError')}</p>}
      {data && data.total === 0 && <p className="muted">{t('portal.institution.actionsNone')}</p>}
      {data?.items.map((item) => {
        const headingId = `institution-action-${item.id}`;
        return (
          <article key={item.id} className="rec-text published-action" aria-labelledby={headingId}>
            <h3 id={headingId} lang={langIfOther(item.title_language, locale)}>{item.title}</h3>
            <ul className="result-meta">
              <li>{typeLabel(t, item.action_type)}</li>
              {item.published_at && (
                <li>{t('portal.institution.publishedOn', { date: formatDate(item.published_at.slice(0, 10), locale) })}</li>
              )}
              {item.progress !== null && <li>{t('publicActions.progress', { value: formatNumber(item.progress, locale) })}</li>}
            </ul>
            {item.description && <p lang={langIfOther(item.description_language, locale)}>{item.description}</p>}
            {item.recommendation_ids.length > 0 && (
              <>
                <h4 className="small">{t('portal.institution.answers')}</h4>
                <ul className="link-list">
                  {item.recommendation_ids.map((recommendationId) => (
                    <li key={recommendationId}>
                      <Link to={`/${locale}/recommendations/${recommendationId}`}>
                        {t('search.resultTitleFallback', { id: recommendationId })}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h4 className="small">{t('action.evidence.heading')}</h4>
            <EvidenceList evidence={item.evidence} />
          </article>
        );
      })}
      {data && (
        <Pagination
          page={page}
          pages={Math.ceil(data.total / PORTAL_PAGE_SIZE)}
          hrefFor={hrefFor}
          onNavigate={() => heading.current?.focus()}
        />
      )}
    </section>
  );
}
