/** The revisions of a plan: each change to it once adopted, who made it, when and why, newest first. */
import { useTranslation } from '../../i18n';
import { formatDateTime } from '../../lib/format-detail';
import { useRevisions } from './queries';

export function Revisions({ planId }: { planId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const revisions = useRevisions(String(planId), locale);
  const items = [...(revisions.data?.items ?? [])].reverse();
  return (
    <section className="panel" aria-labelledby="plan-revisions-heading">
      <h2 id="plan-revisions-heading">{t('plans.revisions.heading')}</h2>
      {revisions.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {revisions.data && items.length === 0 && <p className="muted">{t('plans.revisions.none')}</p>}
      {items.length > 0 && (
        <ol className="history plan-revisions" reversed>
          {items.map((revision) => (
            <li key={revision.number}>
              <p>
                <strong>{t('plans.revisions.number', { number: revision.number })}</strong>{' · '}
                {t(`plans.revisions.kinds.${revision.kind}`, { defaultValue: revision.kind })}{' '}
                <span className="muted">
                  {t('action.history.by', { actor: revision.actor.display_name })} · <time dateTime={revision.at}>{formatDateTime(revision.at, locale)}</time>
                </span>
              </p>
              <blockquote className="comment"><p>{revision.reason}</p></blockquote>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
