/** A plan's progress: its activities on time, late, not started and done, in all, per objective and per institution. */
import { useTranslation } from '../../i18n';
import type { PlanProgress } from '../../api/plans';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatNumber } from '../../lib/format';
import { ACTIVITY_PROGRESS, institutionName, levelLabel, progressLabel } from './labels';

type Counts = PlanProgress['total'];

export function ProgressTables({ progress }: { progress: PlanProgress }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const countColumns = <T extends { counts: Counts }>() => ACTIVITY_PROGRESS.map((name) => ({
    header: progressLabel(t, name), cell: (row: T) => formatNumber(row.counts[name], locale),
  }));
  const total = ACTIVITY_PROGRESS.reduce((sum, name) => sum + progress.total[name], 0);
  return (
    <>
      <ul className="count-list plan-progress-total" aria-label={t('plans.progressHeading')}>
        {ACTIVITY_PROGRESS.map((name) => (
          <li key={name} data-progress={name}>
            <span className={`badge progress-${name}`}>{progressLabel(t, name)}</span> <strong>{formatNumber(progress.total[name], locale)}</strong>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('plans.progressOf', { count: total, date: formatDate(progress.today, locale) })}</p>
      {progress.objectives.length > 0 && (
        <DataTable
          caption={t('plans.progressByObjective')}
          captionHidden={false}
          empty={null}
          rows={progress.objectives}
          rowKey={(row) => row.id}
          columns={[{ header: t('plans.objective.title'), cell: (row) => `${levelLabel(t, row.level)} · ${row.title}` }, ...countColumns<PlanProgress['objectives'][number]>()]}
        />
      )}
      {progress.institutions.length > 0 && (
        <DataTable
          caption={t('plans.progressByInstitution')}
          captionHidden={false}
          empty={null}
          rows={progress.institutions}
          rowKey={(row) => row.institution.id}
          columns={[{ header: t('plans.activity.institution'), cell: (row) => institutionName(row.institution) }, ...countColumns<PlanProgress['institutions'][number]>()]}
        />
      )}
    </>
  );
}
