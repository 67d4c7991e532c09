import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import { locales } from '../../../shared/i18n/languages';
import type { SessionUser } from '../../../shared/users';
import {
  getCooperation, listCooperation, postCooperation, recordAgreement, respondToCooperation, setCooperationStatus, updateAgreement, type AgreementInput, type Cooperation,
  type CooperationInput,
} from '../../api/knowledge';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { QueryList } from '../../components/QueryList';
import { useTranslation } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import type { usePageNotice } from '../../lib/page-notice';
import { can } from '../../lib/permissions';
import './strings';
import { AGREEMENT_STATUSES, COOPERATION_HELP, COOPERATION_KINDS } from './labels';
import { useNetworkStates } from './queries';

type Notices = ReturnType<typeof usePageNotice>;
const H = LIMITS.hub;

/**
 * The cooperation board in the hub workspace: a member's focal point or deputy posts a request or an
 * offer for its State; another member responds to an open one; the hub secretariat records the
 * agreements reached (two States of the registry or more, the poster among them) and closes what is
 * done. Who may do what comes from the server: the capability to post, each request's available actions.
 */
export function CooperationBoard({ me, notices }: { me: SessionUser; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const poster = can(me, 'network:cooperation_post');
  const manager = can(me, 'network:cooperation_manage');
  const list = useQuery({
    queryKey: keys.network.cooperation(locale, 'all'), queryFn: ({ signal }) => listCooperation(locale, 'all', signal), staleTime: 0, enabled: poster || manager,
  });
  if (!poster && !manager) return null;
  return (
    <section className="panel" aria-labelledby="cooperation-board-heading">
      <h2 id="cooperation-board-heading">{t('network.knowledge.cooperation.board')}</h2>
      <p>{t('network.knowledge.cooperation.intro')}</p>
      {poster && <PostCooperation csrf={me.csrf_token} notices={notices} />}
      <h3 id="cooperation-list-heading">{t('network.knowledge.cooperation.all')}</h3>
      <QueryList query={list} loading={t('network.loading')} errorTitle={t('network.loadError')}>
        {({ items }) => (items.length === 0 ? <p>{t('network.knowledge.cooperation.nothing')}</p> : (
          <ul className="network-cooperation-list" aria-labelledby="cooperation-list-heading">
            {items.map((item) => <CooperationItem key={item.id} item={item} csrf={me.csrf_token} notices={notices} />)}
          </ul>
        ))}
      </QueryList>
    </section>
  );
}

function PostCooperation({ csrf, notices }: { csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const empty = { kind: 'request' as CooperationInput['kind'], topic: '', description: '', help: [] as CooperationInput['help'], language: locale as CooperationInput['language'] };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const save = useSave({
    save: (input: CooperationInput) => postCooperation(input, locale, csrf),
    onSaved: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: keys.network.cooperationAll });
      setForm(empty);
      notices.show({ kind: 'status', message: t(`network.knowledge.cooperation.posted.${answer.kind}`, { topic: answer.topic }) }, true);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const required = t('network.join.errors.required');
    const found = {
      topic: form.topic.trim().length >= H.topic.min ? undefined : t('network.knowledge.workspace.titleTooShort', { min: H.topic.min }),
      description: form.description.trim() ? undefined : required,
      help: form.help.length ? undefined : t('network.knowledge.cooperation.helpRequired'),
    };
    setErrors(found);
    const first = found.topic ? 'cooperation-topic' : found.description ? 'cooperation-description' : found.help ? 'cooperation-help-0' : null;
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    save.submit({ ...form, topic: form.topic.trim(), description: form.description.trim() });
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="cooperation-post-heading">
      <h3 id="cooperation-post-heading">{t('network.knowledge.cooperation.post')}</h3>
      <FormErrors heading={t('network.join.errors.heading')} errors={errors} failure={save.failure} failureTitle={t('network.hub.refused')} summaryRef={summaryRef} />
      <Field id="cooperation-kind" label={t('network.knowledge.cooperation.kind')}>
        {(props) => (
          <select {...props} value={form.kind} onChange={(event) => setForm({ ...form, kind: event.target.value as CooperationInput['kind'] })}>
            {COOPERATION_KINDS.map((kind) => <option key={kind} value={kind}>{t(`network.knowledge.cooperation.kinds.${kind}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id="cooperation-topic" label={t('network.knowledge.cooperation.topic')} error={errors.topic} required showRequired>
        {(props) => <input {...props} lang={form.language} value={form.topic} onChange={(event) => setForm({ ...form, topic: event.target.value })} maxLength={H.topic.max} />}
      </Field>
      <fieldset className="network-checks" aria-describedby={errors.help ? 'cooperation-help-error' : undefined}>
        <legend>{t('network.knowledge.cooperation.help')} <span className="muted small">({t('actionForm.required')})</span></legend>
        {COOPERATION_HELP.map((help, index) => (
          <label key={help}>
            <input type="checkbox" id={`cooperation-help-${index}`} checked={form.help.includes(help)} aria-invalid={errors.help ? true : undefined}
              onChange={(event) => setForm({ ...form, help: event.target.checked ? [...form.help, help] : form.help.filter((item) => item !== help) })} />
            {' '}{t(`network.knowledge.cooperation.helps.${help}`)}
          </label>
        ))}
        {errors.help && <p id="cooperation-help-error" className="field-error">{errors.help}</p>}
      </fieldset>
      <Field id="cooperation-description" label={t('network.knowledge.cooperation.description')} error={errors.description} required showRequired>
        {(props) => <textarea {...props} lang={form.language} rows={4} value={form.description} onChange={(event) => setForm({ ...form, description: event.target.value })} maxLength={H.description} />}
      </Field>
      <Field id="cooperation-language" label={t('network.knowledge.cooperation.language')}>
        {(props) => (
          <select {...props} value={form.language} onChange={(event) => setForm({ ...form, language: event.target.value as CooperationInput['language'] })}>
            {locales.map((language) => <option key={language} value={language}>{t(`network.knowledge.languages.${language}`)}</option>)}
          </select>
        )}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.knowledge.cooperation.postSubmit')}</button>
    </form>
  );
}

function CooperationItem({ item, csrf, notices }: { item: Cooperation; csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const actions = item.available_actions;
  return (
    <li data-cooperation={item.id}>
      <h4 lang={item.language}>{item.topic}</h4>
      <p className="small muted">
        {t(`network.knowledge.cooperation.kinds.${item.kind}`)}{' · '}{item.state_name}{' · '}
        {item.help.map((help) => t(`network.knowledge.cooperation.helps.${help}`)).join(', ')}{' · '}
        {formatDate(item.created_at.slice(0, 10), locale)}{' · '}
        <span data-status={item.status}>{t(`network.knowledge.cooperation.statuses.${item.status}`)}</span>
      </p>
      <p lang={item.language} className="pre-wrap">{item.description}</p>
      {item.agreements.length > 0 && (
        <>
          <h5>{t('network.knowledge.cooperation.agreements')}</h5>
          <ul data-agreements>
            {item.agreements.map((agreement) => (
              <li key={agreement.id}>
                {agreement.parties.join(', ')}{' · '}{t(`network.knowledge.cooperation.agreementStatuses.${agreement.status}`)}{': '}{agreement.description}
                {actions.includes('record_agreement') && <AgreementStatusForm agreement={agreement} topic={item.topic} csrf={csrf} notices={notices} />}
              </li>
            ))}
          </ul>
        </>
      )}
      {item.responses_count > 0 && <Responses item={item} />}
      {actions.includes('respond') && <RespondForm item={item} csrf={csrf} notices={notices} />}
      {actions.includes('record_agreement') && <AgreementForm item={item} csrf={csrf} notices={notices} />}
      {(actions.includes('close') || actions.includes('reopen')) && <StatusButton item={item} csrf={csrf} notices={notices} />}
    </li>
  );
}

/** The members' responses (the server gives them to the Network's participants only), read when opened. */
function Responses({ item }: { item: Cooperation }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [open, setOpen] = useState(false);
  const detail = useQuery({ queryKey: keys.network.cooperationDetail(item.id, locale), queryFn: ({ signal }) => getCooperation(item.id, locale, signal), enabled: open });
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('network.knowledge.cooperation.responsesCount', { count: item.responses_count, n: formatNumber(item.responses_count, locale) })}</summary>
      {open && (
        <QueryList query={detail} loading={t('network.loading')} errorTitle={t('network.loadError')}>
          {(data) => (
            <ul>
              {(data.responses ?? []).map((response) => (
                <li key={response.id}><strong>{response.state_name}</strong>{' '}<span className="muted small">({formatDate(response.created_at.slice(0, 10), locale)})</span>: {response.message}</li>
              ))}
            </ul>
          )}
        </QueryList>
      )}
    </details>
  );
}

function RespondForm({ item, csrf, notices }: { item: Cooperation; csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = `cooperation-${item.id}-response`;
  const save = useSave({
    save: (text: string) => respondToCooperation(item.id, { message: text }, locale, csrf),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.network.cooperationAll });
      setMessage('');
      notices.show({ kind: 'status', message: t('network.knowledge.cooperation.responded', { topic: item.topic }) }, true);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = message.trim() ? undefined : t('network.join.errors.required');
    setError(found);
    if (found) {
      document.getElementById(id)?.focus();
      return;
    }
    save.submit(message.trim());
  }
  return (
    <form onSubmit={submit} noValidate className="network-decision-form" aria-label={t('network.knowledge.cooperation.respondTo', { topic: item.topic })}>
      <FormErrors heading={t('network.join.errors.heading')} errors={{ message: error }} failure={save.failure} failureTitle={t('network.hub.refused')} />
      <Field id={id} label={t('network.knowledge.cooperation.response')} error={error} required showRequired>
        {(props) => <textarea {...props} rows={3} value={message} onChange={(event) => setMessage(event.target.value)} maxLength={H.response} />}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.knowledge.cooperation.respond')}</button>
    </form>
  );
}

/** The hub secretariat moves a recorded agreement along (agreed, in progress, completed, cancelled). */
function AgreementStatusForm({ agreement, topic, csrf, notices }: { agreement: Cooperation['agreements'][number]; topic: string; csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [status, setStatus] = useState(agreement.status);
  const id = `agreement-${agreement.id}-status`;
  const save = useSave({
    save: (next: typeof status) => updateAgreement(agreement.id, { version: agreement.version, status: next }, locale, csrf),
    onSaved: async (_, next) => {
      await queryClient.invalidateQueries({ queryKey: keys.network.cooperationAll });
      const label = t(`network.knowledge.cooperation.agreementStatuses.${next}`);
      notices.show({ kind: 'status', message: t('network.knowledge.cooperation.agreementStatusChanged', { topic, status: label }) }, true);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (status !== agreement.status) save.submit(status);
  }
  return (
    <form onSubmit={submit} noValidate className="network-decision-form" aria-label={t('network.knowledge.cooperation.agreementStatusOf', { parties: agreement.parties.join(', ') })}>
      <FormErrors heading={t('network.join.errors.heading')} errors={{}} failure={save.failure} failureTitle={t('network.hub.refused')} />
      <Field id={id} label={t('network.knowledge.cooperation.agreementStatus')}>
        {(props) => (
          <select {...props} value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
            {AGREEMENT_STATUSES.map((value) => <option key={value} value={value}>{t(`network.knowledge.cooperation.agreementStatuses.${value}`)}</option>)}
          </select>
        )}
      </Field>
      <button type="submit" className="secondary" aria-disabled={save.busy || status === agreement.status || undefined}>{t('network.knowledge.cooperation.changeAgreementStatus')}</button>
    </form>
  );
}

function AgreementForm({ item, csrf, notices }: { item: Cooperation; csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const states = useNetworkStates(locale);
  const [parties, setParties] = useState<string[]>([item.iso3]);
  const [description, setDescription] = useState('');
  const [status, setStatus] = useState<NonNullable<AgreementInput['status']>>('agreed');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const id = `agreement-${item.id}`;
  const save = useSave({
    save: (input: AgreementInput) => recordAgreement(item.id, input, locale, csrf),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.network.cooperationAll });
      setDescription('');
      notices.show({ kind: 'status', message: t('network.knowledge.cooperation.agreementRecorded', { topic: item.topic }) }, true);
    },
  });
  /** The parties in the registry's order, whatever the order they were ticked in. */
  function choose(iso3: string, on: boolean) {
    const chosen = new Set(on ? [...parties, iso3] : parties.filter((code) => code !== iso3));
    setParties((states.data ?? []).map((state) => state.iso3).filter((code) => chosen.has(code)));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      parties: parties.length >= 2 ? undefined : t('network.knowledge.cooperation.partiesRequired'),
      description: description.trim() ? undefined : t('network.join.errors.required'),
    };
    setErrors(found);
    if (found.parties || found.description) {
      document.getElementById(found.parties ? `${id}-parties-0` : `${id}-description`)?.focus();
      return;
    }
    save.submit({ parties, description: description.trim(), status });
  }
  return (
    <details className="network-edit">
      <summary>{t('network.knowledge.cooperation.recordAgreement')}</summary>
      <form onSubmit={submit} noValidate aria-label={t('network.knowledge.cooperation.agreementOn', { topic: item.topic })}>
        <FormErrors heading={t('network.join.errors.heading')} errors={errors} failure={save.failure} failureTitle={t('network.hub.refused')} />
        <fieldset className="network-checks network-tags-scroll" aria-describedby={[`${id}-parties-hint`, errors.parties && `${id}-parties-error`].filter(Boolean).join(' ')}>
          <legend>{t('network.knowledge.cooperation.parties')}</legend>
          <p id={`${id}-parties-hint`} className="small muted">{t('network.knowledge.cooperation.partiesHint', { state: item.state_name })}</p>
          {(states.data ?? []).map((state, index) => (
            <label key={state.iso3}>
              <input type="checkbox" id={`${id}-parties-${index}`} value={state.iso3} checked={parties.includes(state.iso3)} aria-invalid={errors.parties ? true : undefined}
                onChange={(event) => choose(state.iso3, event.target.checked)} />
              {' '}{state.name}
            </label>
          ))}
          {errors.parties && <p id={`${id}-parties-error`} className="field-error">{errors.parties}</p>}
        </fieldset>
        <Field id={`${id}-description`} label={t('network.knowledge.cooperation.agreementDescription')} error={errors.description} required showRequired>
          {(props) => <textarea {...props} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} maxLength={H.agreement} />}
        </Field>
        <Field id={`${id}-status`} label={t('network.knowledge.cooperation.agreementStatus')}>
          {(props) => (
            <select {...props} value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
              {AGREEMENT_STATUSES.map((value) => <option key={value} value={value}>{t(`network.knowledge.cooperation.agreementStatuses.${value}`)}</option>)}
            </select>
          )}
        </Field>
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.knowledge.cooperation.recordAgreementSubmit')}</button>
      </form>
    </details>
  );
}

function StatusButton({ item, csrf, notices }: { item: Cooperation; csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const next = item.available_actions.includes('close') ? 'closed' : 'open';
  const save = useSave({
    save: () => setCooperationStatus(item.id, { version: item.version, status: next }, locale, csrf),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.network.cooperationAll });
      notices.show({ kind: 'status', message: t(`network.knowledge.cooperation.statusChanged.${next}`, { topic: item.topic }) }, true);
    },
    onFailed: (failure) => notices.show({ kind: 'error', title: t('network.hub.refused'), ...failure }, true),
  });
  return (
    <p>
      <button type="button" className="secondary" aria-disabled={save.busy || undefined} onClick={() => save.submit(undefined)}>
        {t(next === 'closed' ? 'network.knowledge.cooperation.close' : 'network.knowledge.cooperation.reopen')}
      </button>
    </p>
  );
}
