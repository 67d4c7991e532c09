import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import type { Institution } from '../../api/types';
import { DownloadLinks } from '../../components/DownloadLinks';
import { formatDate, formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';
import { useSession } from '../../api/session';
import { recommendationTitle } from '../../lib/recommendation-labels';
import { OpenRounds } from '../rounds/OpenRounds';
import { BackupNotice } from './BackupNotice';
import { Overview } from './Overview';
import {
  institutionLabel, STATE_ORDER,
} from '../../lib/action-model';
import { can, institutionsWhere } from '../../lib/permissions';
import { useActions, useInstitutions, useQueue } from '../../api/workspace-queries';
import { ReportList } from './ReportList';
import '../../lib/workspace-strings';
import { SignInNotice } from '../../components/Notice';

/**
 * The signed-in person's home: what each of their roles asks of them. A
 * person may hold several roles (focal point here, validator there): each
 * gets its own section.
 */
export default function WorkspacePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useSession(true);
  const institutions = useInstitutions(locale);
  const title = t('workspace.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  const me = session.data;
  const authorOf = institutionsWhere(me, 'action:create');
  const validatorOf = institutionsWhere(me, 'action:validate');
  const secretariat = can(me, 'action:publish');
  const nothing = me && authorOf.length === 0 && validatorOf.length === 0 && !secretariat;

  return (
    <div className="page workspace-page">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {session.isError && <FormAlert title={t('workspace.errorHeading')} message={t('auth.genericError')} />}
      {!session.isError && !me && (
        <SignInNotice />
      )}
      {me && <p className="intro">{t('workspace.intro', { name: me.user.display_name })}</p>}
      {me && can(me, 'backup:read') && <BackupNotice />}
      {me && can(me, 'workspace:overview') && <Overview onThisPage={secretariat} />}
      {nothing && <p className="alert alert-info">{t('workspace.noRole', { roles: me.user.memberships.map((m) => t(`auth.roles.${m.role}`, { defaultValue: m.role })).join(', ') || '—' })}</p>}
      {authorOf.map((id) => <AuthorSection key={`author-${id}`} institutionId={id} institutions={institutions.data} />)}
      {validatorOf.map((id) => <ValidatorSection key={`validator-${id}`} institutionId={id} institutions={institutions.data} />)}
      {secretariat && <SecretariatSection />}
      {me && can(me, 'user:list') && <AdministrationSection />}
    </div>
  );
}

function errorMessage(t: (key: string) => string, error: unknown): string {
  return error instanceof ApiError ? error.message : t('auth.genericError');
}

/** A focal point's view: the institution's queue and its reports by state. */
function AuthorSection({ institutionId, institutions }: { institutionId: number; institutions: Institution[] | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const name = institutionLabel(t, institutions, institutionId);
  const queue = useQueue(institutionId, locale);
  const actions = useActions({ institution_id: institutionId }, locale);
  const headingId = `author-${institutionId}`;

  return (
    <section className="workspace-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('workspace.authorHeading', { institution: name })}</h2>
      <p>
        <Link className="button-link" to={`/${locale}/workspace/actions/new?institution=${institutionId}`}>
          {t('workspace.queue.reportAny')}
        </Link>
      </p>

      <OpenRounds institutionId={institutionId} canReport />

      <h3>{t('workspace.queue.heading')}</h3>
      {queue.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {queue.isError && <FormAlert title={t('workspace.errorHeading')} message={errorMessage(t, queue.error)} />}
      {queue.data && (
        <>
          <p className="muted">
            {t('workspace.queue.summary', { total: formatNumber(queue.data.total, locale), overdue: formatNumber(queue.data.overdue, locale) })}
          </p>
          {queue.data.items.length === 0 ? (
            <p>{t('workspace.queue.empty')}</p>
          ) : (
            <ul className="queue-list">
              {queue.data.items.map((item) => {
                const recTitle = recommendationTitle(t, item.recommendation);
                return (
                  <li key={item.id} className="queue-item">
                    <p className="queue-title">
                      <Link to={`/${locale}/recommendations/${item.recommendation.id}`}>{recTitle}</Link>
                    </p>
                    <ul className="result-meta">
                      <li className="result-mechanism">{item.recommendation.mechanism.label}</li>
                      <li>{t(`action.responsibility.${item.responsibility}`)}</li>
                      <li>
                        {item.due_date
                          ? t('workspace.queue.due', { date: formatDate(item.due_date, locale) })
                          : t('workspace.queue.noDue')}
                      </li>
                      {item.overdue && <li><span className="badge overdue">{t('workspace.queue.overdue')}</span></li>}
                    </ul>
                    <p className="queue-text">{excerpt(item.recommendation.text)}</p>
                    <p>
                      <Link to={`/${locale}/workspace/actions/new?institution=${institutionId}&recommendation=${item.recommendation.id}`}>
                        {t('workspace.queue.report')}
                        <span className="visually-hidden">: {recTitle}</span>
                      </Link>
                    </p>
                  </li>
                );
              })}
            </ul>
          )}
          {queue.data.total > 0 && (
            <DownloadLinks path={`/api/v1/institutions/${institutionId}/assignments`} list={t('exports.queue', { institution: name })} />
          )}
        </>
      )}

      <h3>{t('workspace.reports.heading')}</h3>
      {actions.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {actions.isError && <FormAlert title={t('workspace.errorHeading')} message={errorMessage(t, actions.error)} />}
      {actions.data && actions.data.items.length === 0 && <p>{t('workspace.reports.empty')}</p>}
      {actions.data && STATE_ORDER.map((state) => {
        const items = actions.data.items.filter((item) => item.state === state);
        if (items.length === 0) return null;
        return (
          <div key={state} className="report-group">
            <h4>{t('workspace.reports.inState', { state: t(`action.states.${state}`), number: items.length })}</h4>
            <ReportList items={items} />
          </div>
        );
      })}
      {actions.data && actions.data.items.length > 0 && (
        <DownloadLinks path="/api/v1/actions" query={{ institution_id: institutionId }} list={t('exports.reports', { institution: name })} />
      )}
    </section>
  );
}

/** A validator's view: what waits for validation, then the institution's other reports. */
function ValidatorSection({ institutionId, institutions }: { institutionId: number; institutions: Institution[] | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const name = institutionLabel(t, institutions, institutionId);
  const actions = useActions({ institution_id: institutionId }, locale);
  const headingId = `validator-${institutionId}`;
  const waiting = actions.data?.items.filter((item) => item.state === 'submitted') ?? [];
  const others = actions.data?.items.filter((item) => item.state !== 'submitted') ?? [];

  return (
    <section className="workspace-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('workspace.validatorHeading', { institution: name })}</h2>
      <OpenRounds institutionId={institutionId} canReport={false} />
      {actions.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {actions.isError && <FormAlert title={t('workspace.errorHeading')} message={errorMessage(t, actions.error)} />}
      {actions.data && (
        <>
          <h3>{t('workspace.reports.awaitingValidation')}</h3>
          {waiting.length === 0 ? <p>{t('workspace.reports.noneAwaiting')}</p> : <ReportList items={waiting} />}
          <h3>{t('workspace.reports.others')}</h3>
          {others.length === 0 ? <p>{t('workspace.reports.empty')}</p> : <ReportList items={others} />}
          {actions.data.items.length > 0 && (
            <DownloadLinks path="/api/v1/actions" query={{ institution_id: institutionId }} list={t('exports.reports', { institution: name })} />
          )}
        </>
      )}
    </section>
  );
}

/** The secretariat's view: what waits for publication, and where to assign. */
function SecretariatSection() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const actions = useActions({ state: ['validated'] }, locale);
  const returned = useActions({ state: ['returned'] }, locale);
  return (
    <section className="workspace-section" aria-labelledby="secretariat-heading">
      <h2 id="secretariat-heading">{t('workspace.secretariatHeading')}</h2>
      <ul className="link-list">
        <li><Link to={`/${locale}/workspace/rounds`}>{t('workspace.navRounds')}</Link></li>
        <li><Link to={`/${locale}/workspace/import`}>{t('workspace.navImport')}</Link></li>
      </ul>
      <h3 id="awaiting-publication" tabIndex={-1}>{t('workspace.reports.awaitingPublication')}</h3>
      {actions.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {actions.isError && <FormAlert title={t('workspace.errorHeading')} message={errorMessage(t, actions.error)} />}
      {actions.data && (actions.data.items.length === 0
        ? <p>{t('workspace.reports.noneAwaiting')}</p>
        : (
          <>
            <ReportList items={actions.data.items} showInstitution />
            <DownloadLinks path="/api/v1/actions" query={{ state: ['validated'] }} list={t('exports.awaitingPublication')} />
          </>
        ))}
      <h3 id="returned-reports" tabIndex={-1}>{t('workspace.reports.returnedToInstitutions')}</h3>
      {returned.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {returned.isError && <FormAlert title={t('workspace.errorHeading')} message={errorMessage(t, returned.error)} />}
      {returned.data && (returned.data.items.length === 0
        ? <p>{t('workspace.reports.noneReturned')}</p>
        : <ReportList items={returned.data.items} showInstitution />)}
      <h3>{t('workspace.assign.heading')}</h3>
      <p>{t('workspace.assign.help')}</p>
      <p><Link to={`/${locale}/recommendations`}>{t('workspace.assign.link')}</Link></p>
    </section>
  );
}

/** The secretariat's and administrators' way to the administration pages. */
function AdministrationSection() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section className="workspace-section" aria-labelledby="administration-heading">
      <h2 id="administration-heading">{t('admin.heading')}</h2>
      <ul className="link-list">
        <li><Link to={`/${locale}/workspace/people`}>{t('admin.people.title')}</Link></li>
        <li><Link to={`/${locale}/workspace/institutions`}>{t('admin.institutions.title')}</Link></li>
      </ul>
    </section>
  );
}

const EXCERPT = 240;
function excerpt(text: string): string {
  if (text.length <= EXCERPT) return text;
  const cut = text.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT - 40))}…`;
}
