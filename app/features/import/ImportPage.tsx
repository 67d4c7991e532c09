import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { importFile } from '../../api/followup';
import type { ImportReport } from '../../api/types';
import { formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';
import { SignInNotice } from '../../components/Notice';

/** The formats the importer reads (server/modules/recommendations/import/types.ts); empty means detect. */
const FORMATS = ['uhri-json', 'uhri-xlsx', 'upr-info-csv', 'upr-matrix-jsonl', 'csv'] as const;
const ACCEPTED = '.json,.jsonl,.xlsx,.csv,.txt';

/**
 * The secretariat imports a file of recommendations into the catalogue.
 * A dry run (the default) reports what would change without writing.
 */
export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const session = useSession(true);
  const title = t('import.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);

  const [format, setFormat] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [suggest, setSuggest] = useState(false);
  const [fileMissing, setFileMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<{ report: ImportReport; dryRun: boolean; fileName: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const [focusOutcome, setFocusOutcome] = useState(0);
  useEffect(() => {
    if (focusOutcome) outcome.current?.focus();
  }, [focusOutcome]);

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;
  const me = session.data;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !me) return;
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFileMissing(true);
      fileInput.current?.focus();
      return;
    }
    setFileMissing(false);
    setProblem(null);
    setBusy(true);
    try {
      const answer = await importFile(file, { format, dryRun, skipInvalid, suggest }, locale, me.csrf_token);
      setReport({ report: answer, dryRun, fileName: file.name });
      // New or changed recommendations: searches and pages read before are out of date.
      if (answer.written) void queryClient.invalidateQueries({ queryKey: keys.recommendations.all });
    } catch (error) {
      setReport(null);
      if (error instanceof ApiError && error.status === 413 && error.code === 'http_error') setProblem(t('import.tooLarge'));
      else setProblem(error instanceof ApiError ? error.message : t('auth.genericError'));
    } finally {
      setBusy(false);
      setFocusOutcome((n) => n + 1);
    }
  }

  return (
    <div className="page import-page">
      <p className="back-link">
        <Link to={`/${locale}/workspace`}><span aria-hidden="true">← </span>{t('action.backToWorkspace')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && (
        <SignInNotice />
      )}
      {me && !can(me, 'recommendation:import') && <div className="alert alert-info"><p>{t('import.notSecretariat')}</p></div>}
      {me && can(me, 'recommendation:import') && (
        <>
          <p className="intro">{t('import.intro')}</p>
          <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="import-form-heading">
            <h2 id="import-form-heading">{t('import.formHeading')}</h2>
            <div className="field">
              <label htmlFor="import-file">{t('import.file')}</label>
              <input
                id="import-file"
                ref={fileInput}
                type="file"
                accept={ACCEPTED}
                aria-invalid={fileMissing || undefined}
                aria-describedby={fileMissing ? 'import-file-hint import-file-error' : 'import-file-hint'}
                onChange={() => { setFileMissing(false); setReport(null); setProblem(null); }}
              />
              <p id="import-file-hint" className="hint small muted">{t('import.fileHint')}</p>
              {fileMissing && <p id="import-file-error" className="field-error" role="alert">{t('import.fileRequired')}</p>}
            </div>
            <div className="field">
              <label htmlFor="import-format">{t('import.format')}</label>
              <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value)}>
                <option value="">{t('import.formats.auto')}</option>
                {FORMATS.map((code) => <option key={code} value={code}>{t(`import.formats.${code}`)}</option>)}
              </select>
            </div>
            <div className="field field-inline">
              <input id="import-dry-run" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} aria-describedby="import-dry-run-hint" />
              <label htmlFor="import-dry-run">{t('import.dryRun')}</label>
            </div>
            <p id="import-dry-run-hint" className="hint small muted">{t('import.dryRunHint')}</p>
            <div className="field field-inline">
              <input
                id="import-skip-invalid"
                type="checkbox"
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.target.checked)}
                aria-describedby="import-skip-invalid-hint"
              />
              <label htmlFor="import-skip-invalid">{t('import.skipInvalid')}</label>
            </div>
            <p id="import-skip-invalid-hint" className="hint small muted">{t('import.skipInvalidHint')}</p>
            <div className="field field-inline">
              <input id="import-suggest" type="checkbox" checked={suggest} onChange={(e) => setSuggest(e.target.checked)} aria-describedby="import-suggest-hint" />
              <label htmlFor="import-suggest">{t('import.suggest')}</label>
            </div>
            <p id="import-suggest-hint" className="hint small muted">{t('import.suggestHint')}</p>
            <button type="submit" className="primary" aria-disabled={busy || undefined}>
              {busy ? t('import.working') : dryRun ? t('import.submitDryRun') : t('import.submit')}
            </button>
          </form>

          <div ref={outcome} tabIndex={-1} className="notice-region">
            {problem && <FormAlert title={t('import.error')} message={problem} />}
            {report && <ImportResult {...report} canReview={can(me, 'suggestion:read')} />}
          </div>
        </>
      )}
    </div>
  );
}

function ImportResult({ report, dryRun, fileName, canReview }: { report: ImportReport; dryRun: boolean; fileName: string; canReview: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const n = (value: number) => formatNumber(value, locale);
  const verdict = report.written ? 'written' : dryRun ? 'dryRun' : 'notWritten';
  return (
    <section className="panel import-result" aria-labelledby="import-result-heading">
      <h2 id="import-result-heading">{t('import.result.heading', { file: fileName })}</h2>
      <div role="status" className={`alert ${verdict === 'notWritten' ? 'alert-error' : verdict === 'written' ? 'alert-success' : 'alert-info'}`}>
        <p>{t(`import.result.${verdict}`)}</p>
      </div>
      <dl className="stat-list">
        <div><dt>{t('import.result.format')}</dt><dd>{t(`import.formats.${report.format}`, { defaultValue: report.format })}</dd></div>
        <div><dt>{t('import.result.created')}</dt><dd>{n(report.created)}</dd></div>
        <div><dt>{t('import.result.updated')}</dt><dd>{n(report.updated)}</dd></div>
        <div><dt>{t('import.result.unchanged')}</dt><dd>{n(report.unchanged)}</dd></div>
        <div><dt>{t('import.result.rejected')}</dt><dd>{n(report.rejected)}</dd></div>
        <div><dt>{t('import.result.newTerms')}</dt><dd>{n(report.new_terms)}</dd></div>
      </dl>
      {report.suggestions && (
        <p className="import-suggestions">
          {t(`import.result.suggestions.${report.suggestions.status}`, {
            suggestions: n(report.suggestions.suggestions), recommendations: n(report.suggestions.recommendations),
          })}
          {report.suggestions.status === 'scored' && canReview && (
            <> <Link to={`/${locale}/workspace/suggestions`}>{t('import.result.suggestions.queue')}</Link></>
          )}
        </p>
      )}
      {report.if_skip_invalid && (
        <p className="import-if-skip-invalid">
          {t('import.result.ifSkipInvalid', {
            created: n(report.if_skip_invalid.created), updated: n(report.if_skip_invalid.updated),
            unchanged: n(report.if_skip_invalid.unchanged), rejected: n(report.rejected),
          })}
        </p>
      )}
      <h3>{t('import.result.issuesHeading', { number: n(report.issues.length) })}</h3>
      {report.issues.length === 0 ? <p>{t('import.result.noIssues')}</p> : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('import.result.issuesHeading', { number: n(report.issues.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.result.where')}</th>
                <th scope="col">{t('import.result.field')}</th>
                <th scope="col">{t('import.result.message')}</th>
              </tr>
            </thead>
            <tbody>
              {report.issues.map((issue, index) => (
                <tr key={`${issue.line}-${issue.field}-${index}`}>
                  <td>{issue.location}</td>
                  <td><code>{issue.field}</code></td>
                  <td>{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
