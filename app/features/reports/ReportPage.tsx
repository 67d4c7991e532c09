import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { useLocation, useParams } from 'react-router';
import { editReportSection, regenerateReport, REPORT_EXPORT_FORMATS, reportExportUrl, type Report } from '../../api/reports';
import { BackLink, DetailPage } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/format-detail';
import { useFocusOnNavigation } from '../../lib/focus';
import { failureNotice, NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import { groupingLabel, templateLabel } from './labels';
import { NotAllowed } from './NotAllowed';
import { useReport } from './queries';
import { RegeneratePanel } from './RegeneratePanel';
import { ReportSections } from './ReportSections';
import { ReportVersions } from './ReportVersions';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

/**
 * One draft: what it is, its downloads, regeneration, its sections (each
 * editable on its own) and its saved versions. Every change answers with the
 * whole draft, which replaces the cached one; a change refused because
 * someone else saved first offers to reload.
 */
export default function ReportPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSession(true);
  const allowed = can(session.data, 'report:manage');
  const report = useReport(id, locale, allowed);
  const draft = report.data;
  useDocumentTitle(
    draft?.title ?? (report.isError ? t('reports.draft.errorHeading') : session.isPending || report.isPending ? t('reports.draft.loading') : t('reports.title')),
    t('app.name'),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending && (!allowed || !report.isPending));

  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const pageNotice = usePageNotice(justCreated ? { kind: 'status', message: t('reports.draft.created') } : null);
  const [busy, setBusy] = useState(false);

  const back = { to: `/${locale}/workspace/reports`, label: t('reports.back') };
  const states = { back, className: 'page', loading: t('reports.draft.loading'), title: t('reports.draft.errorHeading'), errorTitle: t('reports.draft.errorHeading') };

  if (session.isPending) return <QueryBoundary query={session} {...states} />;
  if (!allowed) {
    return (
      <DetailPage title={t('reports.title')} back={back} className="page">
        <NotAllowed />
      </DetailPage>
    );
  }
  if (report.isError || !draft) return <QueryBoundary query={report} {...states} />;

  const csrf = session.data!.csrf_token;
  const edited = draft.sections.filter((s) => s.edited).length;
  const orphaned = draft.sections.filter((s) => s.orphaned).length;

  /** The draft the server answered with replaces the cached one; the list and the versions are asked again. */
  function replaced(updated: Report) {
    queryClient.setQueryData(keys.report(id, locale), updated);
    void queryClient.invalidateQueries({ queryKey: keys.reports.all });
    void queryClient.invalidateQueries({ queryKey: keys.reportVersions.of(id) });
  }

  async function regenerate(overwriteEdits: boolean): Promise<boolean> {
    if (busy || !draft) return false;
    setBusy(true);
    try {
      replaced(await regenerateReport(draft.id, draft.version, overwriteEdits, locale, csrf));
      pageNotice.show({ kind: 'status', message: overwriteEdits ? t('reports.draft.discarded') : t('reports.draft.regenerated') }, overwriteEdits);
      return true;
    } catch (error) {
      pageNotice.show(failureNotice(t('reports.draft.regenerateError'), error, t('auth.genericError')), true);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page report-page">
      <BackLink back={back} />
      <p className="eyebrow">{templateLabel(t, draft.template)} · {t(`languages.${draft.language}`)}</p>
      <h1 ref={heading} tabIndex={-1}>{draft.title}</h1>

      <NoticeRegion state={pageNotice} onReload={() => void report.refetch()} />

      <section className="panel" aria-labelledby="report-details-heading">
        <h2 id="report-details-heading">{t('reports.draft.detailsHeading')}</h2>
        <dl className="details report-facts">
          <div className="details-row"><dt>{t('reports.fields.template')}</dt><dd>{templateLabel(t, draft.template)}</dd></div>
          <div className="details-row"><dt>{t('reports.fields.language')}</dt><dd>{t(`languages.${draft.language}`)}</dd></div>
          <div className="details-row"><dt>{t('reports.fields.grouping')}</dt><dd>{groupingLabel(t, draft.grouping)}</dd></div>
          {draft.grouping === 'cluster' && draft.cluster_source && (
            <div className="details-row" data-cluster-source={draft.cluster_source}>
              <dt>{t('clusters.source.label')}</dt><dd>{t(`clusters.source.${draft.cluster_source}`)}</dd>
            </div>
          )}
          <div className="details-row"><dt>{t('reports.fields.sections')}</dt><dd>{formatNumber(draft.sections.length, locale)}</dd></div>
          <div className="details-row"><dt>{t('reports.fields.edited')}</dt><dd>{formatNumber(edited, locale)}</dd></div>
          {orphaned > 0 && <div className="details-row"><dt>{t('reports.fields.orphaned')}</dt><dd>{formatNumber(orphaned, locale)}</dd></div>}
          <div className="details-row"><dt>{t('reports.fields.version')}</dt><dd>{formatNumber(draft.version, locale)}</dd></div>
          <div className="details-row">
            <dt>{t('reports.fields.updated')}</dt>
            <dd><time dateTime={draft.updated_at}>{formatDateTime(draft.updated_at, locale)}</time></dd>
          </div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="report-download-heading">
        <h2 id="report-download-heading">{t('reports.draft.downloadHeading')}</h2>
        <p className="hint small muted">{t('reports.draft.downloadHint')}</p>
        <ul className="link-list report-downloads">
          {REPORT_EXPORT_FORMATS.map((format) => (
            <li key={format}>
              <a href={reportExportUrl(draft.id, format)} download data-format={format}>{t(`reports.draft.download.${format}`)}</a>
            </li>
          ))}
        </ul>
      </section>

      <RegeneratePanel busy={busy} edited={edited} onRegenerate={regenerate} />

      <ReportSections
        report={draft}
        onSave={async (key, text) => {
          const updated = await editReportSection(draft.id, key, draft.version, text, locale, csrf);
          replaced(updated);
          pageNotice.show({ kind: 'status', message: text === null ? t('reports.draft.sectionRestored') : t('reports.draft.sectionSaved') });
        }}
        onReload={() => void report.refetch()}
      />

      <ReportVersions id={id} />
    </div>
  );
}

