import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useParams } from 'react-router';
import { getRecommendation } from '../../api/client';
import type { ActionDetail, Evidence } from '../../api/types';
import { addLinkEvidence, moveAction, removeEvidence, uploadEvidence } from '../../api/workspace';
import { BackLink } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { formatDate, formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/format-detail';
import { useFocusOnNavigation } from '../../lib/focus';
import { failureNotice, NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { languageName, recommendationTitle } from '../../lib/recommendation-labels';
import { ACTION_TRANSITIONS, type TransitionName } from '../../../shared/workflows/action-review';
import { ChangeHistory } from '../../components/ChangeHistory';
import { EvidenceList } from '../../components/EvidenceList';
import { reachLabel, stateLabel, typeLabel } from '../../lib/action-model';
import { useAction } from '../../api/workspace-queries';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

/** What the upload field accepts; the server checks the bytes again. */
const ACCEPTED_FILES = '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.odt,.ods,.txt,.csv';


/** One action report: its content, evidence, history and the moves the reader may make. */
export default function ActionPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSession(true);
  const action = useAction(id, locale);
  const detail = action.data;
  useDocumentTitle(detail?.title ?? (action.isError ? t('action.errorHeading') : t('action.loading')), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !action.isPending);

  const justSaved = (location.state as { saved?: boolean } | null)?.saved === true;
  const pageNotice = usePageNotice(justSaved ? { kind: 'status', message: t('action.saved') } : null);
  const [busy, setBusy] = useState(false);

  const csrf = session.data?.csrf_token;

  /** Runs a change; on success the answer (the new detail) replaces the cached one. */
  async function run(change: () => Promise<ActionDetail>, done: string, failure: string, moveFocus = false): Promise<boolean> {
    if (busy || !csrf) return false;
    setBusy(true);
    try {
      const updated = await change();
      queryClient.setQueryData(keys.action(id, locale), updated);
      void queryClient.invalidateQueries({ queryKey: keys.actions.all });
      void queryClient.invalidateQueries({ queryKey: keys.history.of('action_report', id) });
      // A notice that replaces the buttons the person just pressed takes the focus with it.
      pageNotice.show({ kind: 'status', message: done }, moveFocus);
      return true;
    } catch (error) {
      pageNotice.show(failureNotice(failure, error, t('auth.genericError')), true);
      return false;
    } finally {
      setBusy(false);
    }
  }

  const back = { to: `/${locale}/workspace`, label: t('action.backToWorkspace') };

  return (
    <QueryBoundary query={action} back={back} className="page" loading={t('action.loading')} title={t('action.errorHeading')} errorTitle={t('action.errorHeading')}>
      {(detail) => {
        const languages = [...new Set([detail.original_language, ...Object.keys(detail.titles), ...Object.keys(detail.descriptions)])]
          .filter((code) => detail.titles[code] || detail.descriptions[code]);

        return (
          <div className="page action-page">
            <BackLink back={back} />
            <p className="eyebrow">
              <span className={`badge state-${detail.state}`}>{stateLabel(t, detail.state)}</span> · {detail.institution.name}
            </p>
            <h1 ref={heading} tabIndex={-1} lang={detail.title_language}>{detail.title}</h1>

            <NoticeRegion state={pageNotice} onReload={() => void action.refetch()} />

            {(detail.available_transitions.length > 0 || detail.editable) && (
              <section aria-labelledby="next-heading" className="panel">
                <h2 id="next-heading">{t('action.nextHeading')}</h2>
                {detail.editable && (
                  <p>
                    <Link to={`/${locale}/workspace/actions/${detail.id}/edit`}>{t('action.edit')}</Link>
                  </p>
                )}
                <Transitions
                  detail={detail}
                  busy={busy}
                  onMove={(name, comment) => run(
                    () => moveAction(detail.id, name, { version: detail.version, ...(comment ? { comment } : {}) }, locale, csrf!),
                    t(`action.transitionDone.${name}`),
                    t('action.transitionError'),
                    true,
                  )}
                />
              </section>
            )}

            <section aria-labelledby="details-heading" className="panel">
              <h2 id="details-heading">{t('recommendation.detailsHeading')}</h2>
              <ActionDetails detail={detail} />
            </section>

            <section aria-labelledby="texts-heading" className="panel">
              <h2 id="texts-heading">{t('action.textsHeading')}</h2>
              {languages.map((code) => (
                <article key={code} className="rec-text" aria-labelledby={`action-text-${code}`}>
                  <h3 id={`action-text-${code}`} className="rec-text-language">
                    {languageName(t, code)}
                    {code === detail.original_language && <span className="muted small"> ({t('recommendation.textStatus.original')})</span>}
                  </h3>
                  {detail.titles[code] && <p lang={code}><strong>{detail.titles[code]}</strong></p>}
                  {detail.descriptions[code] && <p lang={code} className="rec-text-body">{detail.descriptions[code]}</p>}
                </article>
              ))}
            </section>

            <section aria-labelledby="recs-heading" className="panel">
              <h2 id="recs-heading">{t('action.recommendationsHeading')}</h2>
              <ul className="plain-list">
                {detail.recommendation_ids.map((recId) => <RecommendationLink key={recId} id={recId} />)}
              </ul>
            </section>

            <section aria-labelledby="evidence-heading" className="panel">
              <h2 id="evidence-heading">{t('action.evidence.heading')}</h2>
              <EvidenceList
                evidence={detail.evidence}
                busy={busy}
                onRemove={detail.editable
                  ? (item: Evidence) => void run(
                    () => removeEvidence(detail.id, item.id, locale, csrf!),
                    t('action.evidence.removed', { title: item.title || item.file_name }),
                    t('action.evidence.removeError'),
                    true,
                  )
                  : undefined}
              />
              {detail.editable && (
                <EvidenceForms
                  busy={busy}
                  onLink={(title, url) => run(() => addLinkEvidence(detail.id, { title, url }, locale, csrf!), t('action.evidence.added'), t('action.evidence.addError'))}
                  onUpload={(file, title) => run(() => uploadEvidence(detail.id, file, title, locale, csrf!), t('action.evidence.added'), t('action.evidence.addError'))}
                />
              )}
            </section>

            {detail.history.length > 0 && (
              <section aria-labelledby="history-heading" className="panel">
                <h2 id="history-heading">{t('action.history.heading')}</h2>
                <ol className="history">
                  {detail.history.map((entry, index) => (
                    <li key={`${entry.at}-${index}`}>
                      <p>
                        <strong>{t(`action.history.${entry.transition}`)}</strong>{' '}
                        <span className="muted">
                          {t('action.history.by', { actor: entry.actor.display_name })} ·{' '}
                          <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
                        </span>
                      </p>
                      {entry.comment && (
                        <blockquote className="comment">
                          <p className="visually-hidden">{t('action.history.comment')}:</p>
                          <p>{entry.comment}</p>
                        </blockquote>
                      )}
                    </li>
                  ))}
                </ol>
              </section>
            )}

            <ChangeHistory entity="action_report" id={detail.id} />
          </div>
        );
      }}
    </QueryBoundary>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div className="details-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The report's fields as a definition list; also used on the public recommendation page. */
export function ActionDetails({ detail }: { detail: ActionDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <dl className="details">
      <Row term={t('action.fields.state')}>{stateLabel(t, detail.state)}</Row>
      <Row term={t('action.fields.institution')}>{detail.institution.name}</Row>
      <Row term={t('action.fields.type')}>{typeLabel(t, detail.action_type)}</Row>
      <Row term={t('action.fields.reach')}>{reachLabel(t, detail.reach)}</Row>
      <Row term={t('action.fields.startDate')}>{detail.start_date ? <time dateTime={detail.start_date}>{formatDate(detail.start_date, locale)}</time> : null}</Row>
      <Row term={t('action.fields.endDate')}>{detail.end_date ? <time dateTime={detail.end_date}>{formatDate(detail.end_date, locale)}</time> : null}</Row>
      <Row term={t('action.fields.progress')}>{detail.progress === null ? null : t('action.progressValue', { value: formatNumber(detail.progress, locale) })}</Row>
      <Row term={t('action.fields.budget')}>
        {detail.budget
          ? `${new Intl.NumberFormat(locale, { style: 'currency', currency: detail.budget.currency, currencyDisplay: 'code' }).format(detail.budget.amount)}${detail.budget.programme ? ` · ${t('action.programmeValue', { code: detail.budget.programme })}` : ''}`
          : null}
      </Row>
      <Row term={t('plans.actionField.carriesOut')}>
        {detail.plan_activity_id === null ? null : (
          <>
            <Link to={`/${locale}/workspace/plan-activities/${detail.plan_activity_id}`}>{t('plans.activity.heading')} {detail.plan_activity_id}</Link>
            {detail.completes_activity && ` · ${t('plans.actionField.completes')}`}
          </>
        )}
      </Row>
      <Row term={t('recommendation.originalLanguage')}>{languageName(t, detail.original_language)}</Row>
      <Row term={t('action.fields.updated')}>{formatDateTime(detail.updated_at, locale)}</Row>
    </dl>
  );
}

/** A linked recommendation by its symbol and paragraph, read through the public API (and its cache). */
function RecommendationLink({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const rec = useQuery({
    queryKey: keys.recommendation(String(id), locale),
    queryFn: ({ signal }) => getRecommendation(String(id), locale, signal),
  });
  return (
    <li>
      <Link to={`/${locale}/recommendations/${id}`}>
        {rec.data ? recommendationTitle(t, rec.data, locale) : t('search.resultTitleFallback', { id })}
      </Link>
      {rec.data && <span className="muted small"> · {rec.data.mechanism.label}</span>}
    </li>
  );
}

/** The buttons of the moves available now; returns ask why first (also a proposed plan activity's, which moves through the same chain). */
export function Transitions({ detail, busy, onMove, commentRequired = (name) => ACTION_TRANSITIONS[name].commentRequired }: {
  detail: { available_transitions: readonly TransitionName[] };
  busy: boolean;
  onMove: (name: TransitionName, comment?: string) => Promise<boolean>;
  /** Which moves ask why first (the chain's returns, unless the record says more). */
  commentRequired?: (name: TransitionName) => boolean;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<TransitionName | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const commentBox = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (asking) commentBox.current?.focus();
  }, [asking]);

  // In the order of the state machine, so that every page shows them alike.
  const names = (Object.keys(ACTION_TRANSITIONS) as TransitionName[]).filter((name) => detail.available_transitions.includes(name));
  if (names.length === 0) return null;

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!asking) return;
    if (!comment.trim()) {
      setMissing(true);
      commentBox.current?.focus();
      return;
    }
    if (await onMove(asking, comment.trim())) {
      setAsking(null);
      setComment('');
    }
  }

  return (
    <>
      <div className="button-row">
        {names.map((name) => {
          const needsComment = commentRequired(name);
          return (
            <button
              key={name}
              type="button"
              className={needsComment ? 'secondary' : 'primary'}
              aria-disabled={busy || undefined}
              aria-expanded={needsComment ? asking === name : undefined}
              aria-controls={needsComment && asking === name ? 'transition-comment-form' : undefined}
              onClick={() => {
                if (busy) return;
                if (needsComment) {
                  setAsking(asking === name ? null : name);
                  setMissing(false);
                } else {
                  void onMove(name);
                }
              }}
            >
              {t(`action.transitions.${name}`)}
            </button>
          );
        })}
      </div>
      {asking && (
        <form id="transition-comment-form" className="workspace-form" onSubmit={confirm} noValidate>
          <div className="field">
            <label htmlFor="transition-comment">{t('action.commentLabel')}</label>
            <p id="transition-comment-hint" className="hint small muted">{t('action.commentHint')}</p>
            <textarea
              id="transition-comment"
              ref={commentBox}
              rows={5}
              maxLength={5000}
              value={comment}
              onChange={(e) => { setComment(e.target.value); setMissing(false); }}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? 'transition-comment-hint transition-comment-error' : 'transition-comment-hint'}
              required
            />
            {missing && <p id="transition-comment-error" className="field-error" role="alert">{t('action.commentRequired')}</p>}
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" aria-disabled={busy || undefined}>
              {t('action.confirmTransition', { action: t(`action.transitions.${asking}`) })}
            </button>
            <button type="button" className="link-button" onClick={() => setAsking(null)}>{t('actionForm.cancel')}</button>
          </div>
        </form>
      )}
    </>
  );
}

/** Add a link or upload a file as evidence. */
function EvidenceForms({ busy, onLink, onUpload }: {
  busy: boolean;
  onLink: (title: string, url: string) => Promise<boolean>;
  onUpload: (file: File, title: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [linkTitle, setLinkTitle] = useState('');
  const [linkUrl, setLinkUrl] = useState('');
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const [fileTitle, setFileTitle] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function addLink(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!linkTitle.trim()) return setLinkProblem(t('action.evidence.titleRequired'));
    if (!/^https?:\/\/\S+$/i.test(linkUrl.trim())) return setLinkProblem(t('action.evidence.urlInvalid'));
    setLinkProblem(null);
    if (await onLink(linkTitle.trim(), linkUrl.trim())) {
      setLinkTitle('');
      setLinkUrl('');
    }
  }

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const file = fileInput.current?.files?.[0];
    if (!file) return setFileProblem(t('action.evidence.fileRequired'));
    setFileProblem(null);
    if (await onUpload(file, fileTitle.trim())) {
      setFileTitle('');
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  return (
    <div className="evidence-forms">
      <form className="workspace-form" onSubmit={upload} noValidate aria-labelledby="upload-heading">
        <h3 id="upload-heading">{t('action.evidence.uploadHeading')}</h3>
        <div className="field">
          <label htmlFor="evidence-file">{t('action.evidence.file')}</label>
          <input
            id="evidence-file"
            ref={fileInput}
            type="file"
            accept={ACCEPTED_FILES}
            aria-describedby={fileProblem ? 'evidence-file-hint evidence-file-error' : 'evidence-file-hint'}
            aria-invalid={!!fileProblem || undefined}
            onChange={() => setFileProblem(null)}
          />
          <p id="evidence-file-hint" className="hint small muted">{t('action.evidence.fileHint')}</p>
          {fileProblem && <p id="evidence-file-error" className="field-error" role="alert">{fileProblem}</p>}
        </div>
        <div className="field">
          <label htmlFor="evidence-file-title">{t('action.evidence.fileTitle')}</label>
          <input id="evidence-file-title" type="text" maxLength={300} value={fileTitle} onChange={(e) => setFileTitle(e.target.value)} />
        </div>
        <button type="submit" className="secondary" aria-disabled={busy || undefined}>{t('action.evidence.upload')}</button>
      </form>

      <form className="workspace-form" onSubmit={addLink} noValidate aria-labelledby="link-heading">
        <h3 id="link-heading">{t('action.evidence.linkHeading')}</h3>
        {linkProblem && <p id="evidence-link-error" className="field-error" role="alert">{linkProblem}</p>}
        <div className="field">
          <label htmlFor="evidence-link-title">{t('action.evidence.linkTitle')}</label>
          <input
            id="evidence-link-title"
            type="text"
            maxLength={300}
            value={linkTitle}
            onChange={(e) => setLinkTitle(e.target.value)}
            aria-describedby={linkProblem ? 'evidence-link-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="evidence-link-url">{t('action.evidence.url')}</label>
          <input
            id="evidence-link-url"
            type="url"
            inputMode="url"
            placeholder="https://"
            maxLength={2000}
            value={linkUrl}
            onChange={(e) => setLinkUrl(e.target.value)}
            aria-describedby={linkProblem ? 'evidence-link-error' : undefined}
          />
        </div>
        <button type="submit" className="secondary" aria-disabled={busy || undefined}>{t('action.evidence.addLink')}</button>
      </form>
    </div>
  );
}
