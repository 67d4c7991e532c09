import { useTranslation } from '../../i18n';
import { ApiError } from '../../api/http';
import type { Round } from '../../api/types';
import { formatDate } from '../../lib/format';
import { todayIso } from '../../lib/format-detail';
import { FormAlert } from '../../components/FormAlert';
import { ReportsDueList } from './ReportsDue';
import { useReportsDue, useRounds } from './queries';
import '../../lib/workspace-strings';

/**
 * On the workspace home of a focal point or validator: the rounds open now
 * and what the institution owes in each. Rounds that have not opened yet are
 * left out: nothing is owed before the opening day.
 */
export function OpenRounds({ institutionId, canReport }: { institutionId: number; canReport: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const rounds = useRounds(locale);
  const today = todayIso();
  const open = (rounds.data ?? []).filter((round) => !round.closed && round.opens_on <= today);
  return (
    <>
      <h3>{t('rounds.openHeading')}</h3>
      {rounds.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {rounds.isError && (
        <FormAlert title={t('workspace.errorHeading')} message={rounds.error instanceof ApiError ? rounds.error.message : t('auth.genericError')} />
      )}
      {rounds.data && open.length === 0 && <p>{t('rounds.noneOpen')}</p>}
      {open.map((round) => <RoundReportsDueSection key={round.id} round={round} institutionId={institutionId} canReport={canReport} />)}
    </>
  );
}

function RoundReportsDueSection({ round, institutionId, canReport }: { round: Round; institutionId: number; canReport: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const reportsDue = useReportsDue(round.id, institutionId, locale);
  return (
    <div className="round-reports-due" data-round={round.id}>
      <h4>{round.title}</h4>
      <p className="muted">{t('rounds.dueOn', { date: formatDate(round.due_on, locale) })}</p>
      {reportsDue.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {reportsDue.isError && (
        <FormAlert
          title={t('workspace.errorHeading')}
          message={reportsDue.error instanceof ApiError ? reportsDue.error.message : t('auth.genericError')}
        />
      )}
      {reportsDue.data && <ReportsDueList data={reportsDue.data} canReport={canReport} />}
    </div>
  );
}
