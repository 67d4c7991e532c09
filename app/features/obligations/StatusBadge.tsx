import { useTranslation } from '../../i18n';
import type { Obligation } from '../../api/types';

/** The status in words (a late one with a warning sign too): colour is only a second cue. */
export function StatusBadge({ status }: { status: Obligation['status'] }) {
  const { t } = useTranslation();
  if (status === 'late') {
    return <span className="badge overdue"><span aria-hidden="true">⚠ </span>{t('calendar.status.late')}</span>;
  }
  return <span className={`badge ${status === 'met' ? 'state-published' : 'state-submitted'}`}>{t(`calendar.status.${status}`)}</span>;
}
