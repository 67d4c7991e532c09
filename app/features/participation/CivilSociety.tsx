/**
 * The "Civil society" section of a public recommendation page: approved
 * comments and independent assessments (plain text: React renders text nodes
 * only, nothing here is ever read as HTML), a "report abuse" control on each,
 * and for members of a verified organisation a form to contribute and the
 * state of what their organisation already sent.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { getStatusScales } from '../../api/followup';
import {
  getContributions, getMyOrganisations, postContribution, reportContribution, uploadContributionEvidence,
  type ContributionKind, type MyOrganisation, type PublicContribution,
} from '../../api/participation';
import { formatDate } from '../../lib/format';
import { useSession } from '../../api/session';
import { FormAlert } from '../../components/FormAlert';
import { keys } from '../../api/query-keys';


export function CivilSociety({ recommendationId }: { recommendationId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useSession();
  const csrf = session.data?.csrf_token ?? null;
  const contributions = useQuery({
    queryKey: keys.contributions.list(recommendationId, locale),
    queryFn: ({ signal }) => getContributions(recommendationId, locale, signal),
  });
  const mine = useQuery({
    queryKey: keys.myOrganisations(locale),
    queryFn: ({ signal }) => getMyOrganisations(locale, signal),
    enabled: Boolean(session.data),
  });
  const organisations = mine.data?.items ?? [];
  const items = contributions.data?.items ?? [];

  return (
    <section aria-labelledby="civil-society-heading" className="civil-society">
      <h2 id="civil-society-heading">{t('participation.section.heading')}</h2>
      <p className="muted">{t('participation.section.intro')}</p>
      {contributions.isPending && <p role="status">{t('participation.section.loading')}</p>}
      {contributions.isError && <p className="muted">{t('participation.section.error')}</p>}
      {contributions.data && items.length === 0 && <p>{t('participation.section.none')}</p>}
      {items.length > 0 && (
        <ul className="plain-list contribution-list">
          {items.map((item) => <ContributionItem key={item.id} item={item} csrf={csrf} />)}
        </ul>
      )}
      {organisations.map((organisation) => (
        <MemberArea key={organisation.id} organisation={organisation} recommendationId={recommendationId} csrf={csrf} />
      ))}
      {!session.data && (
        <p>
          {t('participation.section.registerPrompt')}{' '}
          <Link to={`/${locale}/organisations/register`}>{t('participation.section.registerLink')}</Link>
        </p>
      )}
    </section>
  );
}

function ContributionItem({ item, csrf }: { item: PublicContribution; csrf: string | null }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  return (
    <li>
      <article className="contribution" aria-labelledby={headingId} data-contribution={item.id}>
        <h3 id={headingId} className="contribution-heading">
          {item.organisation.name}
          <span className="muted small"> · {t(`participation.kinds.${item.organisation.kind}`)} · {t(`participation.section.${item.kind}`)}</span>
        </h3>
        {item.assessment && (
          <p className="contribution-status"><strong>{t('participation.section.status', { status: item.assessment.status.label })}</strong></p>
        )}
        <p className="contribution-body">{item.body}</p>
        {item.evidence.length > 0 && (
          <div className="contribution-evidence">
            <p className="small"><strong>{t('participation.section.evidence')}</strong></p>
            <ul>
              {item.evidence.map((evidence) => (
                <li key={evidence.id}>
                  {evidence.url ? <a href={evidence.url} rel="noopener noreferrer nofollow ugc">{evidence.title}</a> : evidence.title}
                </li>
              ))}
            </ul>
          </div>
        )}
        {item.published_at && (
          <p className="muted small">{t('participation.section.published', { date: formatDate(item.published_at.slice(0, 10), i18n.language) })}</p>
        )}
        <ReportAbuse item={item} csrf={csrf} />
      </article>
    </li>
  );
}

function ReportAbuse({ item, csrf }: { item: PublicContribution; csrf: string | null }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = useId();
  const openButton = useRef<HTMLButtonElement>(null);

  if (sent) return <p role="status" className="small">{t('participation.report.sent')}</p>;
  if (!open) {
    return (
      <button type="button" className="link-button small" ref={openButton} onClick={() => setOpen(true)}
        aria-label={t('participation.report.openContext', { organisation: item.organisation.name })}>
        {t('participation.report.open')}
      </button>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!reason.trim()) {
      setError(t('participation.report.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await reportContribution(item.id, reason.trim(), i18n.language, csrf);
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="report-form" onSubmit={submit} noValidate>
      {error !== null && <FormAlert title={t('participation.report.errorHeading')} message={error} />}
      <div className="field">
        <label htmlFor={fieldId}>{t('participation.report.reason')}</label>
        <textarea id={fieldId} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </div>
      <div className="button-row">
        <button type="submit" className="secondary" aria-disabled={busy || undefined}>{t('participation.report.submit')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('participation.report.cancel')}</button>
      </div>
    </form>
  );
}

/** What a member of an organisation sees: the form (once verified) and their organisation's contributions here. */
function MemberArea({ organisation, recommendationId, csrf }: { organisation: MyOrganisation; recommendationId: number; csrf: string | null }) {
  const { t } = useTranslation();
  const own = organisation.contributions.filter((c) => c.recommendation_id === recommendationId);
  return (
    <div className="member-area">
      {organisation.state === 'verified' && csrf && (
        <ContributionForm organisation={organisation} recommendationId={recommendationId} csrf={csrf} />
      )}
      {(organisation.state === 'awaiting_verification' || organisation.state === 'email_pending') && (
        <p className="alert alert-info">{t('participation.form.awaiting', { organisation: organisation.name })}</p>
      )}
      {(organisation.state === 'rejected' || organisation.state === 'suspended') && (
        <p className="alert alert-info">{t('participation.form.rejected', { organisation: organisation.name, reason: organisation.state_reason ?? '' })}</p>
      )}
      {own.length > 0 && (
        <>
          <h3>{t('participation.form.yours')}</h3>
          <ul className="plain-list own-contributions">
            {own.map((c) => (
              <li key={c.id} data-own-contribution={c.id}>
                <p className="small"><strong>{t(`participation.form.states.${c.hidden ? 'hidden' : c.state}`)}</strong> · {t(`participation.section.${c.kind}`)}</p>
                <p className="contribution-body">{c.body}</p>
                {c.rejection_reason && <p className="small">{t('participation.form.rejectionReason', { reason: c.rejection_reason })}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ContributionForm({ organisation, recommendationId, csrf }: { organisation: MyOrganisation; recommendationId: number; csrf: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ContributionKind>('comment');
  const [body, setBody] = useState('');
  const [status, setStatus] = useState('');
  const [linkTitle, setLinkTitle] = useState('');
  const [linkUrl, setLinkUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scales = useQuery({ queryKey: keys.statusScales(locale), queryFn: ({ signal }) => getStatusScales(locale, signal), enabled: kind === 'assessment' });
  const scale = (scales.data?.[organisation.kind === 'nhri' ? 'nhri' : 'civil_society'] ?? []).filter((step) => step.active);
  const prefix = `contribute-${organisation.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!body.trim() || (kind === 'assessment' && !status)) {
      setError(t('participation.form.required'));
      return;
    }
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      const posted = await postContribution(recommendationId, {
        organisation_id: organisation.id, kind, body, status: kind === 'assessment' ? status : undefined,
        evidence: linkUrl.trim() ? [{ title: linkTitle.trim() || linkUrl.trim(), url: linkUrl.trim() }] : undefined,
      }, locale, csrf);
      // The file follows the contribution it belongs to; if the server refuses it, the contribution stays and the message says why.
      if (file) await uploadContributionEvidence(posted.id, file, linkUrl.trim() ? '' : linkTitle.trim(), locale, csrf);
      setSent(true);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      setBody('');
      setStatus('');
      setLinkTitle('');
      setLinkUrl('');
      await queryClient.invalidateQueries({ queryKey: keys.myOrganisations(locale) });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="contribution-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`}>{t('participation.form.heading', { organisation: organisation.name })}</h3>
      {sent && <p role="status" className="alert alert-success">{t('participation.form.sent')}</p>}
      {error !== null && <FormAlert title={t('participation.form.errorHeading')} message={error} />}
      <fieldset>
        <legend>{t('participation.form.kind')}</legend>
        {(['comment', 'assessment'] as const).map((value) => (
          <div className="field field-inline" key={value}>
            <input type="radio" id={`${prefix}-${value}`} name={`${prefix}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
            <label htmlFor={`${prefix}-${value}`}>{t(`participation.section.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      {kind === 'assessment' && (
        <div className="field">
          <label htmlFor={`${prefix}-status`}>{t('participation.form.status')}</label>
          <select id={`${prefix}-status`} value={status} onChange={(e) => setStatus(e.target.value)} required>
            <option value="">{t('participation.form.chooseStatus')}</option>
            {scale.map((step) => <option key={step.key} value={step.key}>{step.label}</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${prefix}-body`}>{t(kind === 'assessment' ? 'participation.form.reason' : 'participation.form.body')}</label>
        <textarea id={`${prefix}-body`} rows={5} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-link-title`}>{t('participation.form.evidenceTitle')}</label>
        <input id={`${prefix}-link-title`} value={linkTitle} onChange={(e) => setLinkTitle(e.target.value)} maxLength={300} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-link-url`}>{t('participation.form.evidenceUrl')}</label>
        <input id={`${prefix}-link-url`} type="url" value={linkUrl} onChange={(e) => setLinkUrl(e.target.value)} maxLength={2000} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-file`}>{t('participation.form.evidenceFile')}</label>
        <input id={`${prefix}-file`} ref={fileInput} type="file" aria-describedby={`${prefix}-file-hint`}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <p id={`${prefix}-file-hint`} className="hint">{t('participation.form.evidenceFileHint')}</p>
      </div>
      <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('participation.form.submit')}</button>
    </form>
  );
}
