import { keys } from '../../api/query-keys';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { contributeResource, listSubmissions, moderateResource, type Moderation, type Resource, type ResourceInput } from '../../api/knowledge';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { SignInNotice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { locales } from '../../../shared/i18n/languages';
import { useTranslation } from '../../i18n';
import { useFocusOnNavigation } from '../../lib/focus';
import { NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { can } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import './strings';

type Notices = ReturnType<typeof usePageNotice>;
const KINDS = ['practice', 'lesson', 'event_report', 'document', 'tool'] as const;

/**
 * The knowledge hub's workspace: a member's focal point or deputy (a partner, when the Network allows
 * it) contributes; the contributions not yet published, with the hub secretariat's moderation
 * (publish, return with a reason, reject with a reason).
 */
export default function KnowledgeWorkspacePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useSession(true);
  const me = session.data;
  const title = t('network.knowledge.workspace.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);
  const notices = usePageNotice();
  const queryClient = useQueryClient();
  if (session.isPending) return <p role="status" className="page">{t('network.loading')}</p>;
  return (
    <div className="page network-hub">
      <p className="back-link"><Link to={`/${locale}/network/hub`}><span aria-hidden="true">← </span>{t('network.knowledge.back')}</Link></p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && <SignInNotice />}
      {me && !can(me, 'network:hub_submissions') && <div className="alert alert-info"><p>{t('network.hub.notAllowed')}</p></div>}
      <NoticeRegion state={notices} onReload={() => void queryClient.invalidateQueries({ queryKey: keys.network.hub })} />
      {me && can(me, 'network:hub_contribute') && <Contribute csrf={me.csrf_token} notices={notices} />}
      {me && can(me, 'network:hub_submissions') && <Submissions csrf={me.csrf_token} moderator={can(me, 'network:hub_moderate')} notices={notices} />}
    </div>
  );
}

function Contribute({ csrf, notices }: { csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [input, setInput] = useState<ResourceInput>({ kind: 'practice', language: i18n.language as ResourceInput['language'], title: '', summary: '', body: '' });
  const set = (field: keyof ResourceInput) => (event: { target: { value: string } }) => setInput((current) => ({ ...current, [field]: event.target.value }));
  const save = useSave({
    save: (value: ResourceInput) => contributeResource(value, i18n.language, csrf),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.network.hub });
      setInput((current) => ({ ...current, title: '', summary: '', body: '' }));
      notices.show({ kind: 'status', message: t('network.knowledge.workspace.submitted') }, true);
    },
    onFailed: (failure) => notices.show({ kind: 'error', title: t('network.hub.refused'), ...failure }, true),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.submit(input);
  }
  return (
    <section className="panel" aria-labelledby="hub-contribute-heading">
      <h2 id="hub-contribute-heading">{t('network.knowledge.workspace.contribute')}</h2>
      <p>{t('network.knowledge.workspace.contributeIntro')}</p>
      <form onSubmit={submit}>
        <Field id="resource-kind" label={t('network.knowledge.facet.kind')}>
          {(props) => <select {...props} value={input.kind} onChange={set('kind')}>{KINDS.map((kind) => <option key={kind} value={kind}>{t(`network.knowledge.kinds.${kind}`)}</option>)}</select>}
        </Field>
        <Field id="resource-language" label={t('network.knowledge.workspace.language')}>
          {(props) => <select {...props} value={input.language} onChange={set('language')}>{locales.map((language) => <option key={language} value={language}>{t(`network.knowledge.languages.${language}`)}</option>)}</select>}
        </Field>
        <Field id="resource-title" label={t('network.knowledge.workspace.titleField')} required>
          {(props) => <input {...props} value={input.title} onChange={set('title')} maxLength={300} />}
        </Field>
        <Field id="resource-summary" label={t('network.knowledge.workspace.summary')} required>
          {(props) => <textarea {...props} rows={3} value={input.summary} onChange={set('summary')} maxLength={2000} />}
        </Field>
        <Field id="resource-body" label={t('network.knowledge.workspace.body')}>
          {(props) => <textarea {...props} rows={6} value={input.body} onChange={set('body')} maxLength={50000} />}
        </Field>
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.knowledge.workspace.send')}</button>
      </form>
    </section>
  );
}

function Submissions({ csrf, moderator, notices }: { csrf: string; moderator: boolean; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const submissions = useQuery({ queryKey: keys.network.hubSubmissions(locale), queryFn: ({ signal }) => listSubmissions(locale, signal), staleTime: 0 });
  return (
    <section className="panel" aria-labelledby="hub-submissions-heading">
      <h2 id="hub-submissions-heading">{t(moderator ? 'network.knowledge.workspace.queue' : 'network.knowledge.workspace.mine')}</h2>
      <QueryList query={submissions} loading={t('network.loading')} errorTitle={t('network.loadError')}>
        {({ items }) => (items.length === 0 ? <p>{t('network.knowledge.workspace.none')}</p> : (
          <ul className="network-hub-list">
            {items.map((item) => (
              <li key={item.id} data-submission={item.id}>
                <h3 lang={item.language}>{item.title}</h3>
                <p className="small muted">
                  {t(`network.knowledge.kinds.${item.kind}`)}{' · '}{t(`network.knowledge.languages.${item.language}`)}{' · '}
                  {item.contributor_iso3 ? item.contributor_name : t('network.knowledge.partner')}{' · '}{t(`network.knowledge.workspace.states.${item.state}`)}
                </p>
                <p lang={item.language}>{item.summary}</p>
                {item.moderation_reason && <p className="small">{t('network.knowledge.workspace.reasonGiven', { reason: item.moderation_reason })}</p>}
                {moderator && item.state === 'submitted' && <ModerationForm resource={item} csrf={csrf} notices={notices} />}
              </li>
            ))}
          </ul>
        ))}
      </QueryList>
    </section>
  );
}

function ModerationForm({ resource, csrf, notices }: { resource: Resource; csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<Moderation['decision']>('publish');
  const [reason, setReason] = useState('');
  const id = `moderation-${resource.id}`;
  const save = useSave({
    save: (input: Moderation) => moderateResource(resource.id, input, i18n.language, csrf),
    onSaved: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: keys.network.hub });
      notices.show({ kind: 'status', message: t(`network.knowledge.workspace.moderated.${answer.state}`, { title: answer.title }) }, true);
    },
    onFailed: (failure) => notices.show({ kind: 'error', title: t('network.hub.refused'), ...failure }, true),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.submit({ version: resource.version, decision, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  }
  return (
    <form onSubmit={submit} className="network-decision-form" aria-label={t('network.knowledge.workspace.moderationOf', { title: resource.title })}>
      <Field id={`${id}-choice`} label={t('network.knowledge.workspace.decision')}>
        {(props) => (
          <select {...props} value={decision} onChange={(event) => setDecision(event.target.value as Moderation['decision'])}>
            {(['publish', 'return', 'reject'] as const).map((choice) => <option key={choice} value={choice}>{t(`network.knowledge.workspace.decisions.${choice}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${id}-reason`} label={t('network.hub.reason')} hint={t('network.knowledge.workspace.reasonHint')}>
        {(props) => <textarea {...props} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={5000} />}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.knowledge.workspace.moderate')}</button>
    </form>
  );
}
