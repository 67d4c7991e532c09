import { keys } from '../../api/query-keys';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { contributeResource, editResource, listSubmissions, moderateResource, submitResource, type Moderation, type Resource, type Submission } from '../../api/knowledge';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { SignInNotice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { LIMITS } from '../../../shared/limits';
import { useTranslation } from '../../i18n';
import { NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { can } from '../../lib/permissions';
import { CooperationBoard } from './CooperationBoard';
import { emptyResource, ResourceForm, resourceFields, type ResourceValues } from './ResourceForm';
import './strings';
import { useWorkspacePage } from '../../components/WorkspacePage';

type Notices = ReturnType<typeof usePageNotice>;

/**
 * The knowledge hub's workspace: a member's focal point or deputy (a partner, when the Network allows
 * it) contributes, with the contribution's tags; the contributions not yet published, with the hub
 * secretariat's moderation (publish, return with a reason, reject with a reason) and, for a returned
 * one, its contributor's edit and new submission; the cooperation board (post, respond, agreements).
 * What each person may do comes from the server (capabilities, each record's available actions).
 */
export default function KnowledgeWorkspacePage() {
  const { t, locale, me, pending, title, heading } = useWorkspacePage('network.knowledge.workspace.title');
  const notices = usePageNotice();
  const queryClient = useQueryClient();
  if (pending) return <p role="status" className="page">{t('network.loading')}</p>;
  return (
    <div className="page network-hub">
      <p className="back-link"><Link to={`/${locale}/network/hub`}><span aria-hidden="true">← </span>{t('network.knowledge.back')}</Link></p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && <SignInNotice />}
      {me && !can(me, 'network:hub_submissions') && <div className="alert alert-info"><p>{t('network.hub.notAllowed')}</p></div>}
      <NoticeRegion state={notices} onReload={() => void queryClient.invalidateQueries({ queryKey: keys.network.hub })} />
      {me && can(me, 'network:hub_contribute') && <Contribute csrf={me.csrf_token} notices={notices} />}
      {me && can(me, 'network:hub_submissions') && <Submissions csrf={me.csrf_token} moderator={can(me, 'network:hub_moderate')} notices={notices} />}
      {me && <CooperationBoard me={me} notices={notices} />}
    </div>
  );
}

function Contribute({ csrf, notices }: { csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const save = useSave({
    save: ({ values }: { values: ResourceValues; reset: () => void }) => contributeResource(resourceFields(values), i18n.language, csrf),
    onSaved: async (_, { reset }) => {
      await queryClient.invalidateQueries({ queryKey: keys.network.hub });
      reset();
      notices.show({ kind: 'status', message: t('network.knowledge.workspace.submitted') }, true);
    },
  });
  return (
    <section className="panel" aria-labelledby="hub-contribute-heading">
      <h2 id="hub-contribute-heading">{t('network.knowledge.workspace.contribute')}</h2>
      <p>{t('network.knowledge.workspace.contributeIntro')}</p>
      <ResourceForm id="resource" initial={emptyResource(i18n.language)} submitLabel={t('network.knowledge.workspace.send')} busy={save.busy} failure={save.failure}
        onSubmit={(values, reset) => save.submit({ values, reset })} />
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
                  {item.contributor_iso3 ? item.contributor_name : t('network.knowledge.partner')}{' · '}
                  <span data-state={item.state}>{t(`network.knowledge.workspace.states.${item.state}`)}</span>
                </p>
                <p lang={item.language}>{item.summary}</p>
                {item.moderation_reason && (
                  <div className={item.state === 'returned' ? 'alert alert-info' : undefined} data-reason>
                    <p className="small">{t('network.knowledge.workspace.reasonGiven', { reason: item.moderation_reason })}</p>
                  </div>
                )}
                {item.available_actions.includes('edit') && <EditSubmission resource={item} csrf={csrf} notices={notices} />}
                {item.available_actions.includes('moderate') && <ModerationForm resource={item} csrf={csrf} notices={notices} />}
              </li>
            ))}
          </ul>
        ))}
      </QueryList>
    </section>
  );
}

/** Its contributor edits a contribution not yet published; a returned one (or a draft) goes to the hub secretariat again. */
function EditSubmission({ resource, csrf, notices }: { resource: Submission; csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const resubmits = resource.available_actions.includes('submit');
  const save = useSave({
    save: async (values: ResourceValues) => {
      const edited = await editResource(resource.id, { version: resource.version, ...resourceFields(values) }, locale, csrf);
      if (!resubmits) return edited;
      try {
        return await submitResource(resource.id, edited.version, locale, csrf);
      } catch (error) {
        // The edit is saved: the queue shows it (its new version), the submission can be tried again.
        await queryClient.invalidateQueries({ queryKey: keys.network.hubSubmissions(locale) });
        throw error;
      }
    },
    onSaved: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: keys.network.hub });
      notices.show({ kind: 'status', message: t(resubmits ? 'network.knowledge.workspace.resubmitted' : 'network.knowledge.workspace.saved', { title: answer.title }) }, true);
    },
  });
  const initial: ResourceValues = {
    kind: resource.kind, language: resource.language, title: resource.title, summary: resource.summary, body: resource.body, link: resource.link ?? '',
    themes: resource.themes, mechanisms: resource.mechanisms, sdgs: resource.sdgs, regions: resource.regions, nmirf_types: resource.nmirf_types,
  };
  return (
    <details className="network-edit" open={resource.state === 'returned' || undefined}>
      <summary>{t(resubmits ? 'network.knowledge.workspace.editAndResubmit' : 'network.knowledge.workspace.edit')}</summary>
      <ResourceForm key={resource.version} id={`edit-${resource.id}`} initial={initial} busy={save.busy} failure={save.failure}
        submitLabel={t(resubmits ? 'network.knowledge.workspace.resubmit' : 'network.knowledge.workspace.save')}
        onReload={() => void queryClient.invalidateQueries({ queryKey: keys.network.hub })} onSubmit={(values) => save.submit(values)} />
    </details>
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
        {(props) => <textarea {...props} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={LIMITS.hub.reason} />}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.knowledge.workspace.moderate')}</button>
    </form>
  );
}
