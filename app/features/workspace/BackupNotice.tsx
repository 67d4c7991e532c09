import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import type { BackupStatus } from '../../../shared/operations';
import { request } from '../../api/http';
import { keys } from '../../api/query-keys';
import { formatDate } from '../../lib/format';

/** For administrators: a failing scheduled backup, shown until a later backup succeeds (GET /api/v1/admin/backups). */
export function BackupNotice() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const status = useQuery({
    queryKey: keys.backups(locale),
    queryFn: ({ signal }) => request<BackupStatus>('GET', '/api/v1/admin/backups', { locale, signal }),
    staleTime: 0,
  });
  const failing = status.data?.failing;
  if (!failing) return null;
  return (
    <section className="alert alert-error" aria-labelledby="backup-failed">
      <h2 id="backup-failed">{t('workspace.backupFailedHeading')}</h2>
      <p>{t('workspace.backupFailed', { since: `${formatDate(failing.since, locale)} ${failing.since.slice(11, 16)} UTC`, count: failing.failures, error: failing.error })}</p>
    </section>
  );
}
