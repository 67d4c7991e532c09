import { useTranslation } from '../../i18n';
import { ApiError } from '../../api/http';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/format-detail';
import { FormAlert } from '../../components/FormAlert';
import { reasonLabel } from './labels';
import { useReportVersions } from './queries';

/** Every saved version of a draft, newest first: which change made it, when and by whom. */
export function ReportVersions({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const versions = useReportVersions(id, locale, true);
  return (
    <section className="panel" aria-labelledby="report-versions-heading">
      <h2 id="report-versions-heading">{t('reports.versions.heading')}</h2>
      {versions.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {versions.isError && (
        <FormAlert title={t('reports.versions.error')} message={versions.error instanceof ApiError ? versions.error.message : t('auth.genericError')} />
      )}
      {versions.data && (
        <div className="table-scroll">
          <table className="data-table report-versions">
            <caption className="visually-hidden">{t('reports.versions.heading')}</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">{t('reports.versions.version')}</th>
                <th scope="col">{t('reports.versions.reason')}</th>
                <th scope="col">{t('reports.versions.at')}</th>
                <th scope="col">{t('reports.versions.by')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((version) => (
                <tr key={version.version} data-version={version.version}>
                  <th scope="row" className="numeric">{formatNumber(version.version, locale)}</th>
                  <td>{reasonLabel(t, version.reason)}</td>
                  <td><time dateTime={version.at}>{formatDateTime(version.at, locale)}</time></td>
                  <td>{version.by ?? t('reports.versions.unknownPerson')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
