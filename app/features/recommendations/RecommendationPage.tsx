import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useRef, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useParams } from 'react-router';
import { getRecommendation } from '../../api/client';
import { ApiError } from '../../api/http';
import type { KeyLabel, RecommendationDetail } from '../../api/types';
import { formatDate } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import { languageName, positionLabel, recommendationTitle } from '../../lib/recommendation-labels';
import { LinkedIndicators } from '../indicators/LinkedIndicators';
import { ImplementationStatus } from './ImplementationStatus';
import { PublishedActions } from './PublishedActions';
import { PlannedActivities } from '../plans/PlannedActivities';
import { RelatedRecommendations } from './RelatedRecommendations';
import { FollowUpFlag, FollowUpNotice } from '../obligations/FollowUp';
import { ResponsibleInstitutions } from '../portal/ResponsibleInstitutions';
import { CivilSociety } from '../participation/CivilSociety';
import { keys } from '../../api/query-keys';

// Only the secretariat assigns: nobody else downloads the form.
const AssignForm = lazy(() => import('../workspace/AssignForm'));
// Asked of the Network hub after the page is drawn; its code is downloaded apart from the page.
const NetworkSimilar = lazy(() => import('./NetworkSimilar'));

/** The texts in reading order: the UI language, the original, then the others. */
export function orderTexts(rec: Pick<RecommendationDetail, 'texts' | 'language'>, locale: string) {
  const codes = Object.keys(rec.texts ?? {}).filter((code) => rec.texts[code]?.text);
  const rank = (code: string) => (code === locale ? 0 : code === rec.language ? 1 : 2);
  return codes.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((code) => ({ code, ...rec.texts[code] }));
}

export default function RecommendationPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const location = useLocation();
  const fromSearch = (location.state as { search?: unknown } | null)?.search;
  const backTo = `/${locale}/recommendations${typeof fromSearch === 'string' ? fromSearch : ''}`;

  const query = useQuery({
    queryKey: keys.recommendation(id, locale),
    queryFn: ({ signal }) => getRecommendation(id, locale, signal),
  });
  const rec = query.data;
  const session = useSession();
  const title = rec ? recommendationTitle(t, rec, locale) : null;
  useDocumentTitle(
    title ?? (query.isError ? t('recommendation.errorHeading') : t('recommendation.loading')),
    t('app.name'),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !query.isPending);

  const back = (
    <p className="back-link">
      <Link to={backTo}>
        <span aria-hidden="true">← </span>
        {t('recommendation.back')}
      </Link>
    </p>
  );

  if (query.isPending) {
    return (
      <div className="page">
        {back}
        <p role="status">{t('recommendation.loading')}</p>
      </div>
    );
  }

  if (query.isError || !rec) {
    const message = query.error instanceof ApiError ? query.error.message : t('search.genericError');
    return (
      <div className="page">
        {back}
        <h1 ref={heading} tabIndex={-1}>{t('recommendation.errorHeading')}</h1>
        <div role="alert" className="alert alert-error">
          <p>{message}</p>
        </div>
      </div>
    );
  }

  const texts = orderTexts(rec, locale);
  const hasClassification = [rec.themes, rec.affected, rec.sdg_goals, rec.sdg_targets, rec.upr_info_issues]
    .some((list) => list?.length) || rec.upr_info_action != null;

  return (
    <div className="page recommendation-page">
      {back}
      <p className="eyebrow">{t(`kind.${rec.kind}`, { defaultValue: rec.kind })} · {rec.mechanism.label}</p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>

      <FollowUpNotice recommendationId={rec.id} />

      <section aria-labelledby="text-heading">
        <h2 id="text-heading">{t('recommendation.textHeading')}</h2>
        {texts.map((text) => (
          <article key={text.code} className="rec-text" aria-labelledby={`text-${text.code}`}>
            <h3 id={`text-${text.code}`} className="rec-text-language">
              {languageName(t, text.code)}{' '}
              <span className="muted small">
                ({t(`recommendation.textStatus.${text.status}`, { defaultValue: text.status })})
              </span>
            </h3>
            <p lang={text.code} className="rec-text-body">{text.text}</p>
          </article>
        ))}
      </section>

      <ImplementationStatus
        recommendationId={rec.id}
        csrf={session.data && can(session.data, 'status:assess') ? session.data.csrf_token : null}
      />

      <ResponsibleInstitutions recommendationId={rec.id} />

      <PublishedActions recommendationId={rec.id} />

      <PlannedActivities recommendationId={rec.id} />

      <RelatedRecommendations
        recommendationId={rec.id}
        year={rec.year}
        csrf={session.data && can(session.data, 'related:decide') ? session.data.csrf_token : null}
      />

      <Suspense fallback={null}>
        <NetworkSimilar recommendationId={rec.id} />
      </Suspense>

      <LinkedIndicators recommendationId={rec.id} />

      <CivilSociety recommendationId={rec.id} />

      {session.data && can(session.data, 'assignment:manage') && (
        <section aria-labelledby="assign-heading">
          <h2 id="assign-heading">{t('assign.heading')}</h2>
          <Suspense fallback={<p role="status">{t('workspace.loadingList')}</p>}>
            <AssignForm recommendationIds={[rec.id]} csrf={session.data.csrf_token} />
          </Suspense>
        </section>
      )}

      {session.data && can(session.data, 'obligation:manage') && (
        <FollowUpFlag recommendationId={rec.id} mechanism={rec.mechanism.key} csrf={session.data.csrf_token} />
      )}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('recommendation.detailsHeading')}</h2>
        <dl className="details">
          <Row term={t('recommendation.kind')}>{t(`kind.${rec.kind}`, { defaultValue: rec.kind })}</Row>
          <Row term={t('recommendation.mechanism')}>
            <Link to={`/${locale}/mechanisms/${encodeURIComponent(rec.mechanism.key)}`}>{rec.mechanism.label}</Link>
          </Row>
          <LabelsRow term={t('recommendation.countries')} items={rec.countries} />
          <Row term={t('recommendation.symbol')}>{rec.symbol}</Row>
          <Row term={t('recommendation.paragraph')}>{rec.paragraph}</Row>
          <Row term={t('recommendation.date')}>
            {rec.date ? <time dateTime={rec.date}>{formatDate(rec.date, locale)}</time> : null}
          </Row>
          <Row term={t('recommendation.cycle')}>{rec.cycle ?? null}</Row>
          <Row term={t('recommendation.session')}>{rec.session ?? null}</Row>
          <Row term={t('recommendation.position')}>{positionLabel(t, rec.position)}</Row>
          <Row term={t('recommendation.positionSource')}>{rec.position_source}</Row>
          <LabelsRow term={t('recommendation.recommendingStates')} items={rec.recommending_states} />
          <Row term={t('recommendation.originalLanguage')}>{rec.language ? languageName(t, rec.language) : null}</Row>
        </dl>
      </section>

      <section aria-labelledby="classification-heading">
        <h2 id="classification-heading">{t('recommendation.classificationHeading')}</h2>
        {hasClassification ? (
          <dl className="details">
            <LabelsRow term={t('recommendation.themes')} items={rec.themes} />
            <LabelsRow term={t('recommendation.affected')} items={rec.affected} />
            <LabelsRow term={t('recommendation.sdgGoals')} items={rec.sdg_goals} hrefFor={(goal) => `/${locale}/sdgs/${goal.key}`} />
            <LabelsRow term={t('recommendation.sdgTargets')} items={rec.sdg_targets} hrefFor={(target) => `/${locale}/sdgs/${target.key.split('.')[0]}`} />
            <LabelsRow term={t('recommendation.uprInfoIssues')} items={rec.upr_info_issues} />
            <Row term={t('recommendation.uprInfoAction')}>
              {rec.upr_info_action != null ? t('recommendation.uprInfoActionValue', { value: rec.upr_info_action }) : null}
            </Row>
          </dl>
        ) : (
          <p className="muted">{t('recommendation.noClassification')}</p>
        )}
      </section>

      {rec.external_ids?.length > 0 && (
        <section aria-labelledby="external-heading">
          <h2 id="external-heading">{t('recommendation.externalIds')}</h2>
          <dl className="details">
            {rec.external_ids.map((ext) => (
              <Row key={`${ext.scheme}:${ext.value}`} term={t(`externalScheme.${ext.scheme}`, { defaultValue: ext.scheme })}>
                <code>{ext.value}</code>
              </Row>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}

/** A term and its value; left out when there is no value. */
function Row({ term, children }: { term: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '' || children === false) return null;
  return (
    <div className="details-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A term and its list of labels (each a link when `hrefFor` is given); left out when the list is empty. */
function LabelsRow({ term, items, hrefFor }: { term: string; items: KeyLabel[] | undefined; hrefFor?: (item: KeyLabel) => string }) {
  if (!items?.length) return null;
  return (
    <Row term={term}>
      <ul className="tags">
        {items.map((item) => (
          <li key={item.key}>{hrefFor ? <Link to={hrefFor(item)}>{item.label}</Link> : item.label}</li>
        ))}
      </ul>
    </Row>
  );
}
