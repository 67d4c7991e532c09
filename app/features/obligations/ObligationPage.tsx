import { lazy, Suspense, useRef, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { formatDate } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import { useObligation } from './queries';
import { StatusBadge } from './StatusBadge';
import '../../lib/workspace-strings';

// The secretariat's forms: visitors do not download them.
const ObligationManage = lazy(() => import('./ObligationManage'));

/** One reporting obligation, for everyone; the secretariat dates it, notes it, marks it met or reopens it. */
export default function ObligationPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const location = useLocation();
  const session = useSession();
  const query = useObligation(id, locale);
  const o = query.data;
  useDocumentTitle(o?.title ?? (query.isError ? t('calendar.obligation.errorHeading') : t('calendar.obligation.loading')), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !query.isPending);
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;

  const back = (
    <p className="back-link">
      <Link to={`/${locale}/obligations`}><span aria-hidden="true">← </span>{t('calendar.back')}</Link>
    </p>
  );
  if (query.isPending) return <div className="page">{back}<p role="status">{t('calendar.obligation.loading')}</p></div>;
  if (query.isError || !o) {
    return (
      <div className="page">
        {back}
        <h1 ref={heading} tabIndex={-1}>{t('calendar.obligation.errorHeading')}</h1>
        <FormAlert
          title={t('calendar.obligation.errorHeading')}
          message={query.error instanceof ApiError ? query.error.message : t('auth.genericError')}
        />
      </div>
    );
  }

  return (
    <div className="page obligation-page">
      {back}
      <p className="eyebrow">{t(`calendar.kinds.${o.kind}`)}{o.mechanism && <> · {o.mechanism.name}</>}</p>
      <h1 ref={heading} tabIndex={-1}>{o.title}</h1>
      {justCreated && <div role="status" className="alert alert-success"><p>{t('calendar.created')}</p></div>}

      <section className="panel" aria-labelledby="obligation-details-heading">
        <h2 id="obligation-details-heading">{t('calendar.obligation.details')}</h2>
        <dl className="details obligation-details">
          <Row term={t('calendar.fields.status')}><StatusBadge status={o.status} /></Row>
          <Row term={t('calendar.fields.dueOn')}>
            {o.due_on ? <time dateTime={o.due_on}>{formatDate(o.due_on, locale)}</time> : t('calendar.toBeSet')}
            {o.due_on && (o.due_on_estimated
              ? <span className="small muted" data-estimated=""> ({t('calendar.estimated')}: {t('calendar.estimatedHint')})</span>
              : <span className="small muted"> ({t(`calendar.source.${o.due_on_source}`)})</span>)}
          </Row>
          {o.met_on && <Row term={t('calendar.fields.metOn')}><time dateTime={o.met_on}>{formatDate(o.met_on, locale)}</time></Row>}
          {o.mechanism && <Row term={t('calendar.fields.mechanism')}>{o.mechanism.name} ({o.mechanism.short})</Row>}
          {o.instrument && <Row term={t('calendar.fields.instrument')}>{o.instrument.name}</Row>}
          {o.recommendation_ids.length > 0 && (
            <Row term={t('calendar.fields.recommendations')}>
              <ul className="plain-list">
                {o.recommendation_ids.map((rid) => (
                  <li key={rid}><Link to={`/${locale}/recommendations/${rid}`}>{t('calendar.recommendationLink', { id: rid })}</Link></li>
                ))}
              </ul>
            </Row>
          )}
          {o.notes && <Row term={t('calendar.fields.notes')}><p className="comment">{o.notes}</p></Row>}
        </dl>
      </section>

      {can(session.data, 'obligation:manage') && session.data && (
        <Suspense fallback={<p role="status">{t('workspace.loadingList')}</p>}>
          <ObligationManage obligation={o} csrf={session.data.csrf_token} onReload={() => void query.refetch()} />
        </Suspense>
      )}
    </div>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
