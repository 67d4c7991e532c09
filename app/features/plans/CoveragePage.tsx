import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from '../../i18n';
import { searchRecommendations } from '../../api/client';
import { getCoverage } from '../../api/plans';
import { keys } from '../../api/query-keys';
import { BackLink } from '../../components/DetailPage';
import { DataTable } from '../../components/DataTable';
import { DownloadLinks } from '../../components/DownloadLinks';
import { SignInNotice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { can, institutionsWhere } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { recommendationTitle } from '../../lib/recommendation-labels';
import { useInstitutions } from '../../api/workspace-queries';
import '../../lib/workspace-strings';
import { institutionName } from './labels';
import { usePlans } from './queries';

const FILTERS = ['mechanism', 'cycle', 'theme', 'institution_id', 'plan_id'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 50;

/**
 * Which recommendations no plan activity answers (filtered by mechanism, cycle, theme, the institution
 * they are assigned to, one plan), and which activities answer no recommendation; both as CSV or XLSX.
 * With one plan chosen, a focal point can propose an activity for an uncovered recommendation.
 */
export default function CoveragePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useSession(true);
  const me = session.data;
  const reader = can(me, 'plan:read');
  const [params, setParams] = useSearchParams();
  const query: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) query[name] = value;
  }
  const page = Number(params.get('page')) || 1;
  const coverage = useQuery({
    queryKey: keys.plans.coverage({ ...query, page }, locale),
    queryFn: ({ signal }) => getCoverage({ ...query, page, page_size: PAGE_SIZE }, locale, signal),
    enabled: reader,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const facets = useQuery({
    queryKey: keys.mechanismFacet(locale),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams({ page_size: '1', locale }), signal),
    enabled: reader,
  });
  const institutions = useInstitutions(locale);
  const plans = usePlans(locale, reader);
  const [draft, setDraft] = useState<Record<string, string>>(query);
  const title = t('plans.coverage.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);
  const recTitle = (rec: { id: number; symbol: string | null; paragraph: string | null; date: string | null }) =>
    recommendationTitle(t, { id: rec.id, symbol: rec.symbol, paragraph: rec.paragraph, date: rec.date }, locale);
  const proposer = institutionsWhere(me, 'plan:propose').length > 0;
  const chosenPlan = plans.data?.find((p) => String(p.id) === query.plan_id && p.status !== 'closed');

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) if (draft[name]) next.set(name, draft[name]);
    setParams(next);
  }
  const select = (name: Filter, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`coverage-${name}`}>{label}</label>
      <select id={`coverage-${name}`} value={draft[name] ?? ''} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}>
        <option value="">{t('plans.coverage.any')}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );

  return (
    <div className="page coverage-page">
      <BackLink back={{ to: `/${locale}/workspace/plans`, label: t('plans.back') }} />
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && <SignInNotice />}
      {me && !reader && <div className="alert alert-info"><p>{t('plans.notAllowed')}</p></div>}
      {reader && (
        <>
          <p className="intro">{t('plans.coverage.intro')}</p>
          <form className="workspace-form coverage-filters" onSubmit={apply} aria-labelledby="coverage-filters-heading">
            <h2 id="coverage-filters-heading">{t('plans.coverage.filters')}</h2>
            <div className="form-row">
              {select('mechanism', t('plans.coverage.mechanism'), (facets.data?.facets.mechanism ?? []).map((f) => ({ value: f.key, label: f.label })))}
              {select('cycle', t('plans.coverage.cycle'), (facets.data?.facets.cycle ?? []).map((f) => ({ value: f.key, label: f.label })))}
              {select('theme', t('plans.coverage.theme'), (facets.data?.facets.theme ?? []).map((f) => ({ value: f.key, label: f.label })))}
            </div>
            <div className="form-row">
              {select('institution_id', t('plans.coverage.institution'), (institutions.data ?? []).map((i) => ({ value: String(i.id), label: institutionName(i) })))}
              {select('plan_id', t('plans.coverage.plan'), (plans.data ?? []).map((p) => ({ value: String(p.id), label: p.title })))}
            </div>
            <button type="submit" className="primary">{t('plans.coverage.apply')}</button>
          </form>
          <QueryList query={coverage} loading={t('workspace.loadingList')} errorTitle={t('workspace.errorHeading')}>
            {(data) => (
              <>
                <p role="status" className="coverage-summary">
                  {t('plans.coverage.summary', {
                    matched: formatNumber(data.matched, locale), covered: formatNumber(data.covered, locale), uncovered: formatNumber(data.uncovered.total, locale),
                  })}
                </p>
                <section className="panel" aria-labelledby="coverage-uncovered-heading">
                  <h2 id="coverage-uncovered-heading">{t('plans.coverage.uncovered')}</h2>
                  <DataTable
                    caption={t('plans.coverage.uncovered')}
                    className="coverage-uncovered"
                    rows={data.uncovered.items}
                    rowKey={(rec) => rec.id}
                    rowProps={(rec) => ({ 'data-recommendation': rec.id })}
                    empty={<p>{t('plans.coverage.allCovered')}</p>}
                    columns={[
                      { header: t('plans.coverage.recommendation'), cell: (rec) => <Link to={`/${locale}/recommendations/${rec.id}`}>{recTitle(rec)}</Link> },
                      { header: t('plans.coverage.text'), cell: (rec) => <span lang={rec.language}>{rec.text.length > 220 ? `${rec.text.slice(0, 220)}…` : rec.text}</span> },
                    ]}
                    actionsHeader={chosenPlan && proposer ? t('plans.coverage.actions') : undefined}
                    actions={chosenPlan && proposer ? (rec) => (
                      <Link to={`/${locale}/workspace/plans/${chosenPlan.id}?recommendation=${rec.id}`}>
                        {t('plans.coverage.propose')}<span className="visually-hidden"> ({recTitle(rec)})</span>
                      </Link>
                    ) : undefined}
                  />
                  {(page > 1 || data.uncovered.total > data.uncovered.page * data.uncovered.page_size) && (
                    <nav className="pagination" aria-label={t('plans.coverage.pages')}>
                      {page > 1 && <Link to={{ search: new URLSearchParams({ ...query, page: String(page - 1) }).toString() }}>{t('plans.coverage.previous')}</Link>}
                      {' '}
                      {data.uncovered.total > data.uncovered.page * data.uncovered.page_size && (
                        <Link to={{ search: new URLSearchParams({ ...query, page: String(page + 1) }).toString() }}>{t('plans.coverage.next')}</Link>
                      )}
                    </nav>
                  )}
                  <DownloadLinks path="/api/v1/plan-coverage" query={query} list={t('plans.coverage.title')} />
                </section>
                <section className="panel" aria-labelledby="coverage-loose-heading">
                  <h2 id="coverage-loose-heading">{t('plans.coverage.withoutRecommendation')}</h2>
                  <DataTable
                    caption={t('plans.coverage.withoutRecommendation')}
                    rows={data.activities_without_recommendation}
                    rowKey={(a) => a.id}
                    empty={<p className="muted">{t('plans.coverage.noneWithout')}</p>}
                    columns={[
                      { header: t('plans.activityForm.title'), cell: (a) => <Link to={`/${locale}/workspace/plan-activities/${a.id}`}>{a.title}</Link> },
                      { header: t('plans.coverage.plan'), cell: (a) => <Link to={`/${locale}/workspace/plans/${a.plan_id}`}>{a.plan_title}</Link> },
                      { header: t('plans.activity.lead'), cell: (a) => institutionName(a.institution) },
                    ]}
                  />
                </section>
              </>
            )}
          </QueryList>
        </>
      )}
    </div>
  );
}
