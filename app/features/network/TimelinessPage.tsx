import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getTimeliness, hubOpenDataUrl, type TimelinessRow } from '../../api/federation';
import { keys } from '../../api/query-keys';
import { DataTable } from '../../components/DataTable';
import { DetailPage } from '../../components/DetailPage';
import { QueryList } from '../../components/QueryList';
import { useTranslation, type TFunction } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/format-detail';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import './strings';

/** The datasets of the hub's open data, in the order the API lists them. */
const DATASETS = ['recommendations', 'institutions', 'actions', 'statuses', 'indicators'] as const;

/**
 * How up to date the hub's copy of each publishing State is (like the IATI dashboard), for
 * everyone: the last successful harvest, the version held and its age, the refused attempts and
 * the last refusal's reason; and the open data of what the States published, as harvested.
 */
export default function TimelinessPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const timeliness = useQuery({ queryKey: keys.network.timeliness(locale), queryFn: ({ signal }) => getTimeliness(locale, signal), select: (data) => data.items });
  const title = t('network.timeliness.title');
  useDocumentTitle(title, t('app.name'));
  return (
    <DetailPage
      title={title}
      back={{ to: `/${locale}/network`, label: t('network.back') }}
      className="page portal-page network-timeliness"
      intro={<p className="intro">{t('network.timeliness.intro')}</p>}
    >
      <section aria-labelledby="timeliness-states-heading">
        <h2 id="timeliness-states-heading">{t('network.timeliness.heading')}</h2>
        <QueryList query={timeliness} loading={t('network.loading')} errorTitle={t('network.loadError')}>
          {(rows) => (
            <div data-timeliness="">
              <DataTable
                caption={t('network.timeliness.heading')}
                rows={rows}
                rowKey={(row) => row.iso3}
                rowProps={(row) => ({ 'data-state': row.iso3 })}
                empty={<p>{t('network.timeliness.none')}</p>}
                columns={[
                  { header: t('network.states.state'), cell: (row) => <Link to={`/${locale}/network/states/${row.iso3}`}>{row.name}</Link> },
                  { header: t('network.timeliness.lastSuccess'), cell: (row) => (row.last_success ? formatDateTime(row.last_success, locale) : t('network.timeliness.never')) },
                  { header: t('network.timeliness.version'), cell: (row) => (row.version === null ? '—' : formatNumber(row.version, locale)) },
                  { header: t('network.timeliness.age'), cell: (row) => (row.age_seconds === null ? '—' : age(row.age_seconds, locale)) },
                  { header: t('network.timeliness.refused'), cell: (row) => refusals(row, t, locale) },
                ]}
              />
            </div>
          )}
        </QueryList>
      </section>
      <section aria-labelledby="timeliness-data-heading">
        <h2 id="timeliness-data-heading">{t('network.timeliness.openData')}</h2>
        <p>{t('network.timeliness.openDataIntro')}</p>
        <ul className="network-open-data">
          {DATASETS.map((dataset) => (
            <li key={dataset}>
              {t(`network.timeliness.datasets.${dataset}`)}:{' '}
              <a href={hubOpenDataUrl(dataset, 'csv')} download>CSV</a> · <a href={hubOpenDataUrl(dataset, 'json')} download>JSON</a>
              {' '}· <a href={hubOpenDataUrl(dataset, 'xlsx')} download>XLSX</a>
            </li>
          ))}
        </ul>
      </section>
    </DetailPage>
  );
}

/** An age in the largest whole unit that fits (minutes, hours, days), in the reader's language. */
function age(seconds: number, locale: string): string {
  const [value, unit] = seconds < 3600 ? [Math.floor(seconds / 60), 'minute'] : seconds < 86_400 ? [Math.floor(seconds / 3600), 'hour'] : [Math.floor(seconds / 86_400), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** Refused attempts in all and since the last success, and the last refusal's reason. */
function refusals(row: TimelinessRow, t: TFunction, locale: string): string {
  const count = t('network.timeliness.refusedCount', { total: formatNumber(row.refused_attempts, locale), since: formatNumber(row.refused_since_success, locale) });
  if (!row.last_refusal) return count;
  const reason = row.last_refusal.reason ? t(`network.timeliness.reasons.${row.last_refusal.reason}`) : '—';
  return `${count}; ${t('network.timeliness.lastRefusal', { reason, date: formatDateTime(row.last_refusal.at, locale) })}`;
}
