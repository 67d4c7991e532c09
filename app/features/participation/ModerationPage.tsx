/**
 * The secretariat's moderation queue: contributions waiting for a decision
 * (approve, or reject with a reason the author receives) and published ones
 * hidden after abuse reports (restore, or take down with a reason). All text
 * is rendered as text.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { getModerationQueue, moderateContribution, type ModerationItem } from '../../api/participation';
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

export default function ModerationPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useSession(true);
  const me = session.data;
  const allowed = can(me, 'contribution:moderate');
  const queue = useQuery({ queryKey: keys.moderation.list(locale), queryFn: ({ signal }) => getModerationQueue(locale, signal), enabled: allowed });
  const [notice, setNotice] = useState<string | null>(null);
  const title = t('moderation.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  return (
    <div className="page moderation-page">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && (
        <SignInNotice />
      )}
      {me && !allowed && <div className="alert alert-info"><p>{t('moderation.notAllowed')}</p></div>}
      {allowed && (
        <>
          <p className="intro">{t('moderation.intro')}</p>
          <p><Link to={`/${locale}/workspace/organisations`}>{t('participation.nav.organisations')}</Link></p>
          <div role="status" className="moderation-notice">{notice && <p className="alert alert-success">{notice}</p>}</div>
          <QueryList query={queue} loading={t('moderation.loading')} errorTitle={t('moderation.error')}>
            {(data) => data.items.length === 0 ? <p>{t('moderation.empty')}</p> : (
              <ul className="plain-list moderation-queue">
                {data.items.map((item) => (
                  <QueueItem key={item.id} item={item} csrf={me!.csrf_token} onDone={setNotice} />
                ))}
              </ul>
            )}
          </QueryList>
        </>
      )}
    </div>
  );
}

function QueueItem({ item, csrf, onDone }: { item: ModerationItem; csrf: string; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const headingId = `moderation-${item.id}-heading`;
  const decision = item.hidden ? 'restore' : 'approve';
  return (
    <li>
      <article className="panel moderation-item" aria-labelledby={headingId} data-moderation-item={item.id}>
        <h2 id={headingId} className="contribution-heading">
          {item.organisation.name}
          <span className="muted small"> · {t(`participation.section.${item.kind}`)} · {t(item.hidden ? 'moderation.hidden' : 'moderation.pending')}</span>
        </h2>
        <p className="small">
          <Link to={`/${locale}/recommendations/${item.recommendation_id}`}>
            {t('moderation.recommendation', { symbol: item.recommendation_symbol ?? item.recommendation_id })}
          </Link>
          {' · '}{formatDate(item.created_at.slice(0, 10), locale)}
        </p>
        {item.author && (
          <p className="small muted">{t('moderation.author', { name: item.author.display_name, email: item.author.email, organisation: item.organisation.name })}</p>
        )}
        {item.assessment && <p><strong>{t('participation.section.status', { status: item.assessment.status.label })}</strong></p>}
        <p className="contribution-body">{item.body}</p>
        {item.evidence.length > 0 && (
          <ul>
            {item.evidence.map((evidence) => (
              <li key={evidence.id}>
                {evidence.url ? <a href={evidence.url} rel="noopener noreferrer nofollow ugc">{evidence.title}</a> : evidence.title}
              </li>
            ))}
          </ul>
        )}
        {item.reports.length > 0 && (
          <details>
            <summary>{t('moderation.reports', { count: item.reports.length })}</summary>
            <ul>{item.reports.map((report, i) => <li key={i}>{report.reason}</li>)}</ul>
          </details>
        )}
        <Decision
          id={`reject-${item.id}`}
          accept={t(`moderation.${decision}`)}
          reject={t('moderation.reject')}
          reasonLabel={t('moderation.rejectReason')}
          confirmReject={t('moderation.confirmReject')}
          decide={(choice) => moderateContribution(item.id, choice.accept ? decision : 'reject', { version: item.version, reason: choice.accept ? undefined : choice.reason }, locale, csrf)}
          onDecided={async (choice) => {
            onDone(t(`moderation.done.${choice.accept ? decision : 'reject'}`));
            await queryClient.invalidateQueries({ queryKey: keys.moderation.all });
            await queryClient.invalidateQueries({ queryKey: keys.contributions.of(item.recommendation_id) });
          }}
        />
      </article>
    </li>
  );
}
