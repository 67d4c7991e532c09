/**
 * Fill a draft plan from a spreadsheet (CSV or XLSX, one row per activity, the export's shape): check it
 * first (a dry run lists every row's issue, with its line), then import; all or nothing.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { importPlanFile, type PlanImportReport } from '../../api/plans';
import { errorMessage } from '../../api/http';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/Notice';
import { formatNumber } from '../../lib/format';

export function ImportPanel({ planId, csrf, onImported }: { planId: number; csrf: string; onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<PlanImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  async function run(dryRun: boolean) {
    const file = input.current?.files?.[0];
    if (!file) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    if (busy) return;
    setBusy(true);
    setMissing(false);
    setFailure(null);
    try {
      const answer = await importPlanFile(planId, file, dryRun, locale, csrf);
      setReport(answer);
      if (answer.written) onImported();
    } catch (error) {
      setReport(null);
      setFailure(errorMessage(error, t('auth.genericError')));
    } finally {
      setBusy(false);
      requestAnimationFrame(() => result.current?.focus());
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };

  return (
    <section className="panel" aria-labelledby="plan-import-heading">
      <h2 id="plan-import-heading">{t('plans.import.heading')}</h2>
      <p className="hint small muted" id="plan-import-hint">{t('plans.import.hint')}</p>
      <form className="workspace-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="plan-import-file">{t('plans.import.file')}</label>
          <input
            ref={input}
            id="plan-import-file"
            type="file"
            accept=".csv,.xlsx"
            aria-describedby={missing ? 'plan-import-hint plan-import-file-error' : 'plan-import-hint'}
            aria-invalid={missing || undefined}
            onChange={() => { setMissing(false); setReport(null); }}
          />
          {missing && <p id="plan-import-file-error" className="field-error" role="alert">{t('plans.import.noFile')}</p>}
        </div>
        <div className="button-row">
          <button type="button" className="secondary" aria-disabled={busy || undefined} onClick={() => void run(true)}>{t('plans.import.check')}</button>
          <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('plans.import.run')}</button>
        </div>
      </form>
      <div ref={result} tabIndex={-1} className="notice-region">
        {busy && <p role="status">{t('plans.import.working')}</p>}
        {failure && <ErrorNotice title={t('plans.import.failed')} message={failure} />}
        {report && (
          <div role={report.issues.length > 0 ? 'alert' : 'status'} className={`alert ${report.issues.length > 0 ? 'alert-error' : 'alert-success'}`}>
            <p className="alert-title">
              {report.issues.length > 0
                ? t('plans.import.refused', { count: report.issues.length })
                : report.written ? t('plans.import.done', { count: report.activities }) : t('plans.import.checked', { count: report.activities })}
            </p>
            <p>{t('plans.import.summary', { rows: formatNumber(report.rows, locale), activities: formatNumber(report.activities, locale), objectives: formatNumber(report.objectives_created, locale) })}</p>
          </div>
        )}
        {report && report.issues.length > 0 && (
          <DataTable
            caption={t('plans.import.issues')}
            captionHidden={false}
            className="import-issues"
            rows={report.issues}
            rowKey={(issue) => `${issue.line}-${issue.field}-${issue.message}`}
            empty={null}
            columns={[
              { header: t('plans.import.where'), cell: (issue) => issue.location },
              { header: t('plans.import.field'), cell: (issue) => issue.field },
              { header: t('plans.import.reason'), cell: (issue) => issue.message },
            ]}
          />
        )}
      </div>
    </section>
  );
}
