/** The secretariat's list of registered organisations: verify, or reject with a reason the organisation receives. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { decideOrganisation, listOrganisations, type Organisation, type OrganisationState } from '../../api/participation';
import { formatDate } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';
import { SignInNotice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { Decision } from './Decision';

const STATES: OrganisationState[] = ['awaiting_verification', 'email_pending', 'verified', 'rejected', 'suspended'];

export default function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useSession(true);
  const me = session.data;
  const allowed = can(me, 'organisation:manage');
  const [state, setState] = useState<OrganisationState | ''>('awaiting_verification');
  const organisations = useQuery({
    queryKey: keys.organisations.list(state, locale), queryFn: ({ signal }) => listOrganisations(state, locale, signal), enabled: allowed,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const title = t('moderation.organisations.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  return (
    <div className="page organisations-page">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && (
        <SignInNotice />
      )}
      {me && !allowed && <div className="alert alert-info"><p>{t('moderation.organisations.notAllowed')}</p></div>}
      {allowed && (
        <>
          <p className="intro">{t('moderation.organisations.intro')}</p>
          <p><Link to={`/${locale}/workspace/moderation`}>{t('participation.nav.moderation')}</Link></p>
          <div className="field">
            <label htmlFor="organisations-state">{t('moderation.organisations.filter')}</label>
            <select id="organisations-state" value={state} onChange={(e) => setState(e.target.value as OrganisationState | '')}>
              <option value="">{t('moderation.organisations.all')}</option>
              {STATES.map((s) => <option key={s} value={s}>{t(`moderation.organisations.states.${s}`)}</option>)}
            </select>
          </div>
          <div role="status">{notice && <p className="alert alert-success">{notice}</p>}</div>
          <QueryList query={organisations} loading={t('moderation.organisations.loading')} errorTitle={t('moderation.organisations.error')}>
            {(data) => data.items.length === 0 ? <p>{t('moderation.organisations.empty')}</p> : (
              <ul className="plain-list">
                {data.items.map((organisation) => (
                  <OrganisationItem key={organisation.id} organisation={organisation} csrf={me!.csrf_token} onDone={setNotice} />
                ))}
              </ul>
            )}
          </QueryList>
        </>
      )}
    </div>
  );
}

function OrganisationItem({ organisation, csrf, onDone }: { organisation: Organisation; csrf: string; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const headingId = `organisation-${organisation.id}-heading`;
  return (
    <li>
      <article className="panel organisation-item" aria-labelledby={headingId} data-organisation={organisation.id}>
        <h2 id={headingId}>{organisation.name}</h2>
        <dl className="details">
          <div className="details-row"><dt>{t('moderation.organisations.state')}</dt><dd>{t(`moderation.organisations.states.${organisation.state}`)}</dd></div>
          <div className="details-row"><dt>{t('participation.register.kind')}</dt><dd>{t(`participation.kinds.${organisation.kind}`)}</dd></div>
          <div className="details-row"><dt>{t('moderation.organisations.contact')}</dt><dd>{organisation.contact_email}</dd></div>
          {organisation.website && (
            <div className="details-row">
              <dt>{t('moderation.organisations.website')}</dt>
              <dd><a href={organisation.website} rel="noopener noreferrer nofollow ugc">{organisation.website}</a></dd>
            </div>
          )}
          <div className="details-row">
            <dt>{t('moderation.organisations.members')}</dt>
            <dd>{organisation.members.map((m) => `${m.display_name} (${m.email})`).join(', ')}</dd>
          </div>
        </dl>
        {organisation.description && <p className="contribution-body">{organisation.description}</p>}
        <p className="small muted">{t('moderation.organisations.registered', { date: formatDate(organisation.created_at.slice(0, 10), locale) })}</p>
        {organisation.state_reason && <p className="small">{organisation.state_reason}</p>}
        {organisation.state === 'awaiting_verification' && (
          <Decision
            id={`reject-organisation-${organisation.id}`}
            accept={t('moderation.organisations.verify')}
            reject={t('moderation.organisations.reject')}
            reasonLabel={t('moderation.organisations.reason')}
            confirmReject={t('moderation.organisations.confirmReject')}
            decide={(choice) => decideOrganisation(organisation.id, { verify: choice.accept, version: organisation.version, reason: choice.accept ? '' : choice.reason }, locale, csrf)}
            onDecided={async (choice) => {
              onDone(t(`moderation.organisations.done.${choice.accept ? 'verify' : 'reject'}`, { name: organisation.name }));
              await queryClient.invalidateQueries({ queryKey: keys.organisations.all });
            }}
          />
        )}
      </article>
    </li>
  );
}
