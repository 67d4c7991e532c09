import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { mergeInstitution, updateInstitution, type InstitutionInput, type MergeResult } from '../../api/admin';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { DataTable } from '../../components/DataTable';
import { DetailPage } from '../../components/DetailPage';
import { Field } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { Notice, SignInNotice } from '../../components/Notice';
import { QueryBoundary } from '../../components/QueryBoundary';
import { QueryList } from '../../components/QueryList';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { Institution } from '../../../shared/institutions';
import { useSession } from '../../api/session';
import { ChangeHistory } from '../../components/ChangeHistory';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { InstitutionForm } from './InstitutionForm';
import { institutionName, institutionState } from './labels';
import { useAllInstitutions, useInstitution, useMembers } from './queries';

/** One institution: edit it, retire or bring it back, merge it into another; its members and its record of changes. */
export default function InstitutionAdminPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = Number(useParams().id);
  const session = useSession(true);
  const me = session.data;
  const institution = useInstitution(id, locale);
  const back = { to: `/${locale}/workspace/institutions`, label: t('admin.institutions.back') };
  useDocumentTitle(institution.data?.name ?? t('admin.institutions.title'), t('app.name'));

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;
  if (!me || !can(me, 'user:list')) {
    return <DetailPage title={t('admin.institutions.title')} back={back}>{me ? <Notice kind="info"><p>{t('admin.notStaff')}</p></Notice> : <SignInNotice />}</DetailPage>;
  }
  return (
    <QueryBoundary query={institution} loading={t('workspace.loading')} errorTitle={t('workspace.errorHeading')} title={t('admin.institutions.title')}>
      {(data) => (
        <DetailPage title={data.name} back={back} className="page admin-page">
          <Sections institution={data} csrf={me.csrf_token} administrator={can(me, 'institution:merge')} />
        </DetailPage>
      )}
    </QueryBoundary>
  );
}

function Sections({ institution, csrf, administrator }: { institution: Institution; csrf: string; administrator: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const location = useLocation();
  const queryClient = useQueryClient();
  const all = useAllInstitutions(locale);
  const members = useMembers(institution.id, locale);
  const stateSummary = useRef<HTMLDivElement>(null);
  const refresh = (saved?: Institution) => {
    if (saved) queryClient.setQueryData(keys.adminInstitutions.one(institution.id, locale), saved);
    void queryClient.invalidateQueries({ queryKey: keys.adminInstitutions.all });
    void queryClient.invalidateQueries({ queryKey: keys.institutions(locale) });
    void queryClient.invalidateQueries({ queryKey: keys.history.of('institution', String(institution.id)) });
  };
  const edit = useSave({
    save: (input: InstitutionInput) => updateInstitution(institution.id, { ...input, version: institution.version }, locale, csrf),
    onSaved: (saved) => refresh(saved),
    savedMessage: t('admin.institutions.saved'),
  });
  const state = useSave({
    save: (active: boolean) => updateInstitution(institution.id, { active, version: institution.version }, locale, csrf),
    onSaved: (saved) => refresh(saved),
    onFailed: () => stateSummary.current?.focus(),
    savedMessage: institution.active ? t('admin.institutions.reactivatedNotice') : t('admin.institutions.retiredNotice'),
  });
  const merged = institution.merged_into_id !== null;
  const mergedFrom = (location.state as { mergedFrom?: string; moved?: MergeResult['moved'] } | null)?.mergedFrom
    ? location.state as { mergedFrom: string; moved: MergeResult['moved'] } : null;

  return (
    <>
      {(location.state as { created?: boolean } | null)?.created && !edit.notice && <Notice kind="success"><p>{t('admin.institutions.created')}</p></Notice>}
      {mergedFrom && (
        <Notice kind="success">
          <p>{t('admin.merge.done', { merged: mergedFrom.mergedFrom, assignments: mergedFrom.moved.assignments, memberships: mergedFrom.moved.memberships, reports: mergedFrom.moved.action_reports, indicators: mergedFrom.moved.indicators })}</p>
        </Notice>
      )}
      <p>
        <span className={`badge ${institution.active ? 'state-published' : 'state-draft'}`}>{institutionState(t, institution, all.data)}</span>
        {merged && <>{' '}<Link to={`/${locale}/workspace/institutions/${institution.merged_into_id}`}>{institutionName(all.data, institution.merged_into_id)}</Link></>}
      </p>
      {!institution.active && <Notice kind="info"><p>{t('admin.institutions.retiredHelp')}</p></Notice>}

      <section className="panel" aria-labelledby="institution-edit-heading">
        <h2 id="institution-edit-heading">{t('admin.institutions.editHeading')}</h2>
        {edit.notice && <Notice kind="success"><p>{edit.notice}</p></Notice>}
        <InstitutionForm
          key={institution.version}
          institution={institution}
          busy={edit.busy}
          failure={edit.failure}
          submitLabel={t('admin.institutions.save')}
          onSubmit={edit.submit}
          onReload={() => refresh()}
        />
      </section>

      {!merged && (
        <section className="panel" aria-labelledby="institution-state-heading">
          <h2 id="institution-state-heading">{institution.active ? t('admin.institutions.retireHeading') : t('admin.institutions.reactivateHeading')}</h2>
          <p>{institution.active ? t('admin.institutions.retireHelp') : t('admin.institutions.reactivateHelp')}</p>
          <FormErrors heading={t('admin.institutions.errorsHeading')} errors={{}} failure={state.failure} summaryRef={stateSummary} onReload={() => refresh()} />
          {state.notice && <Notice kind="success"><p>{state.notice}</p></Notice>}
          <p>
            <button type="button" className="secondary" disabled={state.busy} onClick={() => state.submit(!institution.active)}>
              {institution.active ? t('admin.institutions.retire') : t('admin.institutions.reactivate')}
            </button>
          </p>
        </section>
      )}

      {administrator && !merged && <MergeSection institution={institution} others={(all.data ?? []).filter((i) => i.active && i.id !== institution.id)} csrf={csrf} />}

      <section className="panel" aria-labelledby="institution-members-heading">
        <h2 id="institution-members-heading">{t('admin.institutions.membersHeading')}</h2>
        <QueryList query={members} loading={t('workspace.loadingList')} errorTitle={t('workspace.errorHeading')}>
          {(list) => (
            <DataTable
              caption={t('admin.institutions.membersHeading')}
              rows={list.items}
              rowKey={(m) => m.id}
              empty={<p>{t('admin.institutions.noMembers')}</p>}
              columns={[
                { header: t('admin.people.name'), cell: (m) => <Link to={`/${locale}/workspace/people/${m.user_id}`}>{m.display_name}</Link> },
                { header: t('admin.people.email'), cell: (m) => m.email },
                { header: t('admin.people.role'), cell: (m) => t(`auth.roles.${m.role}`) },
              ]}
            />
          )}
        </QueryList>
      </section>

      <ChangeHistory entity="institution" id={institution.id} />
    </>
  );
}

function MergeSection({ institution, others, csrf }: { institution: Institution; others: Institution[]; csrf: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [into, setInto] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<'into' | 'confirm', string>>>({});
  const summary = useRef<HTMLDivElement>(null);
  const target = others.find((i) => i.id === Number(into));
  const save = useSave({
    save: (survivor: Institution) => mergeInstitution(institution.id, { into_id: survivor.id, version: institution.version, into_version: survivor.version }, locale, csrf),
    onSaved: (result) => {
      void queryClient.invalidateQueries({ queryKey: keys.adminInstitutions.all });
      void queryClient.invalidateQueries({ queryKey: keys.institutions(locale) });
      void queryClient.invalidateQueries({ queryKey: keys.history.of('institution', String(result.institution.id)) });
      void navigate(`/${locale}/workspace/institutions/${result.institution.id}`, { state: { mergedFrom: institution.name, moved: result.moved } });
    },
    onFailed: () => summary.current?.focus(),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof errors = {};
    if (!target) found.into = t('admin.merge.errors.into');
    if (!confirmed) found.confirm = t('admin.merge.errors.confirm');
    setErrors(found);
    if (focusFirstError(found, (field) => `merge-${field}`)) return;
    save.submit(target!);
  }

  return (
    <section className="panel" aria-labelledby="merge-heading">
      <h2 id="merge-heading">{t('admin.merge.heading')}</h2>
      <p>{t('admin.merge.help')}</p>
      <FormErrors heading={t('admin.institutions.errorsHeading')} errors={errors} failure={save.failure} summaryRef={summary} onReload={() => void queryClient.invalidateQueries({ queryKey: keys.adminInstitutions.all })} />
      <form noValidate onSubmit={submit}>
        <Field id="merge-into" label={t('admin.merge.into')} error={errors.into} required>
          {(props) => (
            <select {...props} value={into} onChange={(e) => setInto(e.target.value)}>
              <option value="">{t('admin.person.chooseInstitution')}</option>
              {others.map((i) => <option key={i.id} value={i.id}>{institutionName(others, i.id)}</option>)}
            </select>
          )}
        </Field>
        <Field id="merge-confirm" label={t('admin.merge.confirm', { merged: institution.name, into: target?.name ?? '…' })} error={errors.confirm} className="field-inline">
          {(props) => <input {...props} type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />}
        </Field>
        <p className="form-actions"><button type="submit" disabled={save.busy}>{t('admin.merge.submit')}</button></p>
      </form>
    </section>
  );
}
