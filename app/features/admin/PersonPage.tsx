import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { useParams } from 'react-router';
import { resetSecondFactor, setUserActive, setUserRoles, type RoleAssignment } from '../../api/admin';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { DataTable } from '../../components/DataTable';
import { DetailPage } from '../../components/DetailPage';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { Notice, SignInNotice } from '../../components/Notice';
import { QueryBoundary } from '../../components/QueryBoundary';
import { formatDateTime } from '../../lib/format-detail';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { User } from '../../../shared/users';
import { INSTITUTION_ROLES, isStaffRole, STAFF_ROLES } from '../../../shared/vocabularies';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { institutionName, roleText } from './labels';
import { ChangeHistory } from '../../components/ChangeHistory';
import { useAllInstitutions, usePerson } from './queries';


/**
 * One person: their account's state, last sign-in and second factor,
 * deactivate or reactivate, turn off a lost second factor, the roles they
 * hold, and the record of changes to the account.
 */
export default function PersonPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = Number(useParams().id);
  const session = useSession(true);
  const me = session.data;
  const person = usePerson(id, locale);
  const back = { to: `/${locale}/workspace/people`, label: t('admin.people.back') };
  useDocumentTitle(person.data?.display_name ?? t('admin.people.title'), t('app.name'));

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;
  if (!me || !can(me, 'user:list')) {
    return <DetailPage title={t('admin.people.title')} back={back}>{me ? <Notice kind="info"><p>{t('admin.notStaff')}</p></Notice> : <SignInNotice />}</DetailPage>;
  }
  return (
    <QueryBoundary query={person} loading={t('workspace.loading')} errorTitle={t('workspace.errorHeading')} title={t('admin.people.title')}>
      {(user) => (
        <DetailPage title={user.display_name} back={back} className="page admin-page">
          <AccountSection user={user} csrf={me.csrf_token} administrator={can(me, 'user:deactivate')} />
          <SecondFactorSection user={user} csrf={me.csrf_token} canReset={can(me, 'second_factor:reset')} />
          <RolesSection user={user} csrf={me.csrf_token} administrator={can(me, 'staff_role:manage')} />
          <ChangeHistory entity="user" id={user.id} />
        </DetailPage>
      )}
    </QueryBoundary>
  );
}

function useRefresh(id: number) {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  return (user?: User) => {
    if (user) queryClient.setQueryData(keys.people.one(id, i18n.language), user);
    void queryClient.invalidateQueries({ queryKey: keys.people.all });
    void queryClient.invalidateQueries({ queryKey: keys.history.of('user', String(id)) });
  };
}

function AccountSection({ user, csrf, administrator }: { user: User; csrf: string; administrator: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const refresh = useRefresh(user.id);
  const summary = useRef<HTMLDivElement>(null);
  const save = useSave({
    save: (active: boolean) => setUserActive(user.id, active, user.version, locale, csrf),
    onSaved: (saved) => refresh(saved),
    onFailed: () => summary.current?.focus(),
    savedMessage: user.active ? t('admin.person.reactivated') : t('admin.person.deactivated'),
  });
  return (
    <section className="panel" aria-labelledby="account-heading">
      <h2 id="account-heading">{t('admin.person.accountHeading')}</h2>
      <dl className="detail-list">
        <dt>{t('admin.people.email')}</dt><dd>{user.email}</dd>
        <dt>{t('admin.people.state')}</dt>
        <dd>
          <span className={`badge ${user.active ? 'state-published' : 'state-draft'}`}>
            {user.active ? t('admin.people.active') : t('admin.people.inactive')}
          </span>
        </dd>
        <dt>{t('admin.person.password')}</dt><dd>{user.password_set ? t('admin.person.passwordSet') : t('admin.people.invited')}</dd>
        <dt>{t('admin.people.lastSignIn')}</dt>
        <dd>{user.last_sign_in_at ? <time dateTime={user.last_sign_in_at}>{formatDateTime(user.last_sign_in_at, locale)}</time> : t('admin.people.never')}</dd>
      </dl>
      <FormErrors heading={t('admin.person.errorsHeading')} errors={{}} failure={save.failure} summaryRef={summary} onReload={() => refresh()} />
      {save.notice && <Notice kind="success"><p>{save.notice}</p></Notice>}
      {administrator && (
        <>
          <p className="hint muted">{user.active ? t('admin.person.deactivateHelp') : t('admin.person.reactivateHelp')}</p>
          <p>
            <button type="button" className={user.active ? 'secondary' : undefined} disabled={save.busy} onClick={() => save.submit(!user.active)}>
              {user.active ? t('admin.person.deactivate') : t('admin.person.reactivate')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

/** Whether the person has a second factor; an administrator turns off one the person lost. */
function SecondFactorSection({ user, csrf, canReset }: { user: User; csrf: string; canReset: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const refresh = useRefresh(user.id);
  const summary = useRef<HTMLDivElement>(null);
  const [confirming, setConfirming] = useState(false);
  const save = useSave({
    save: () => resetSecondFactor(user.id, user.version, locale, csrf),
    onSaved: (saved) => { setConfirming(false); refresh(saved); },
    onFailed: () => summary.current?.focus(),
    savedMessage: t('admin.person.secondFactorReset'),
  });
  return (
    <section className="panel" aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading">{t('admin.person.secondFactorHeading')}</h2>
      <p>{user.second_factor ? t('admin.person.secondFactorOn') : t('admin.person.secondFactorOff')}</p>
      <FormErrors heading={t('admin.person.errorsHeading')} errors={{}} failure={save.failure} summaryRef={summary} onReload={() => refresh()} />
      {save.notice && <Notice kind="success"><p>{save.notice}</p></Notice>}
      {canReset && user.second_factor && (
        confirming ? (
          <>
            <p className="hint muted" id="second-factor-reset-help">{t('admin.person.secondFactorResetHelp')}</p>
            <p className="button-row">
              <button type="button" disabled={save.busy} aria-describedby="second-factor-reset-help" onClick={() => save.submit(undefined)}>
                {t('admin.person.secondFactorResetConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>{t('vocabularies.cancel')}</button>
            </p>
          </>
        ) : (
          <p><button type="button" className="secondary" onClick={() => setConfirming(true)}>{t('admin.person.secondFactorResetButton')}</button></p>
        )
      )}
    </section>
  );
}

const roleKey = (assignment: RoleAssignment) => `${assignment.role}@${assignment.institution_id ?? ''}`;
const sameRole = (a: RoleAssignment, b: RoleAssignment) => roleKey(a) === roleKey(b);

function RolesSection({ user, csrf, administrator }: { user: User; csrf: string; administrator: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const institutions = useAllInstitutions(locale);
  const refresh = useRefresh(user.id);
  const initial = user.memberships as RoleAssignment[];
  const [roles, setRoles] = useState<RoleAssignment[]>(initial);
  const [role, setRole] = useState<RoleAssignment['role']>(INSTITUTION_ROLES[0]);
  const [institution, setInstitution] = useState('');
  const [addError, setAddError] = useState<string | undefined>();
  const summary = useRef<HTMLDivElement>(null);
  const save = useSave({
    save: (next: RoleAssignment[]) => setUserRoles(user.id, next, user.version, locale, csrf),
    onSaved: (saved) => refresh(saved),
    onFailed: () => summary.current?.focus(),
    savedMessage: t('admin.person.rolesSaved'),
  });
  // After a save (or a reload) the stored roles are the starting point again.
  const memberships = JSON.stringify(user.memberships);
  useEffect(() => setRoles(JSON.parse(memberships) as RoleAssignment[]), [memberships]);
  const staffRole = isStaffRole(role);
  const active = institutions.data?.filter((i) => i.active) ?? [];
  const changed = roles.length !== initial.length || roles.some((r) => !initial.some((i) => sameRole(i, r)));
  const roleOptions = administrator ? [...INSTITUTION_ROLES, ...STAFF_ROLES] : INSTITUTION_ROLES;

  function add() {
    const next: RoleAssignment = { role, institution_id: staffRole ? null : Number(institution) || null };
    if (!staffRole && next.institution_id === null) {
      setAddError(t('admin.person.errors.institution'));
      document.getElementById('role-institution')?.focus();
      return;
    }
    setAddError(undefined);
    if (!roles.some((r) => sameRole(r, next))) setRoles([...roles, next]);
  }

  return (
    <section className="panel" aria-labelledby="roles-heading">
      <h2 id="roles-heading">{t('admin.person.rolesHeading')}</h2>
      <p>{administrator ? t('admin.person.rolesHelpAdministrator') : t('admin.person.rolesHelpSecretariat')}</p>
      <FormErrors heading={t('admin.person.errorsHeading')} errors={{}} failure={save.failure} summaryRef={summary} onReload={() => refresh()} />
      {save.notice && !changed && <Notice kind="success"><p>{save.notice}</p></Notice>}
      <DataTable
        caption={t('admin.person.rolesHeading')}
        rows={roles}
        rowKey={(r) => `${r.role}-${r.institution_id}`}
        empty={<p>{t('admin.people.noRoles')}</p>}
        columns={[
          { header: t('admin.people.role'), cell: (r) => t(`auth.roles.${r.role}`) },
          { header: t('admin.people.institution'), cell: (r) => (r.institution_id === null ? t('admin.person.allInstitutions') : institutionName(institutions.data, r.institution_id)) },
        ]}
        actionsHeader={t('admin.person.actions')}
        actions={(r) => {
          const allowed = administrator || !isStaffRole(r.role);
          return allowed ? (
            <button type="button" className="secondary" onClick={() => setRoles(roles.filter((x) => !sameRole(x, r)))}>
              {t('admin.person.remove')}<span className="visually-hidden">: {roleText(t, r, institutions.data)}</span>
            </button>
          ) : null;
        }}
      />
      <fieldset className="form-row">
        <legend>{t('admin.person.addHeading')}</legend>
        <Field id="role-role" label={t('admin.people.role')}>
          {(props) => (
            <select {...props} value={role} onChange={(e) => setRole(e.target.value as RoleAssignment['role'])}>
              {roleOptions.map((r) => <option key={r} value={r}>{t(`auth.roles.${r}`)}</option>)}
            </select>
          )}
        </Field>
        {!staffRole && (
          <Field id="role-institution" label={t('admin.people.institution')} error={addError} hint={t('admin.person.activeOnly')}>
            {(props) => (
              <select {...props} value={institution} onChange={(e) => setInstitution(e.target.value)}>
                <option value="">{t('admin.person.chooseInstitution')}</option>
                {active.map((i) => <option key={i.id} value={i.id}>{institutionName(institutions.data, i.id)}</option>)}
              </select>
            )}
          </Field>
        )}
        <p className="form-actions"><button type="button" className="secondary" onClick={add}>{t('admin.person.add')}</button></p>
      </fieldset>
      <p>
        <button
          type="button"
          disabled={save.busy || !changed}
          onClick={() => save.submit(roles)}
        >
          {t('admin.person.saveRoles')}
        </button>
      </p>
    </section>
  );
}
