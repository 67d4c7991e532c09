import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { inviteUser, type UserFilters } from '../../api/admin';
import { keys } from '../../api/query-keys';
import type { User } from '../../../shared/users';
import { useSave } from '../../api/use-save';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { Notice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/format-detail';
import { locales } from '../../../shared/i18n';
import { MEMBERSHIP_ROLES } from '../../../shared/vocabularies';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { roleText } from './labels';
import { useAllInstitutions, usePeople } from './queries';
import { useTranslation } from '../../i18n';
import { useWorkspacePage, WorkspacePage } from '../../components/WorkspacePage';

const PAGE_SIZE = 50;

/**
 * People: find them by name or email, role, institution or state; see their
 * roles and last sign-in; invite someone (they get an email with a one-time
 * link to choose a password).
 */
export default function PeoplePage() {
  const page = useWorkspacePage('admin.people.title');
  const { t, locale, me } = page;
  const staff = can(me, 'user:list');
  const [filters, setFilters] = useState<UserFilters>({ page: 1, page_size: PAGE_SIZE });
  const people = usePeople(filters, locale, staff);
  const institutions = useAllInstitutions(locale, staff);

  const filter = (change: Partial<UserFilters>) => setFilters((current) => ({ ...current, ...change, page: 1 }));

  return (
    <WorkspacePage page={page} className="admin-page" allowed={staff} notAllowed={t('admin.notStaff')}>
      {(me) => (
        <>
          <p className="intro">{t('admin.people.intro')}</p>
          <InviteForm csrf={me.csrf_token} />
          <section className="panel" aria-labelledby="people-list-heading">
            <h2 id="people-list-heading">{t('admin.people.listHeading')}</h2>
            <form role="search" aria-label={t('admin.people.filtersLabel')} className="form-row" onSubmit={(event) => event.preventDefault()}>
              <Field id="people-q" label={t('admin.people.search')}>
                {(props) => <input {...props} type="search" value={filters.q ?? ''} onChange={(e) => filter({ q: e.target.value || undefined })} />}
              </Field>
              <Field id="people-role" label={t('admin.people.role')}>
                {(props) => (
                  <select {...props} value={filters.role ?? ''} onChange={(e) => filter({ role: e.target.value || undefined })}>
                    <option value="">{t('admin.people.anyRole')}</option>
                    {MEMBERSHIP_ROLES.map((role) => <option key={role} value={role}>{t(`auth.roles.${role}`)}</option>)}
                  </select>
                )}
              </Field>
              <Field id="people-institution" label={t('admin.people.institution')}>
                {(props) => (
                  <select
                    {...props}
                    value={filters.institution_id ?? ''}
                    onChange={(e) => filter({ institution_id: e.target.value ? Number(e.target.value) : undefined })}
                  >
                    <option value="">{t('admin.people.anyInstitution')}</option>
                    {institutions.data?.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
                  </select>
                )}
              </Field>
              <Field id="people-active" label={t('admin.people.state')}>
                {(props) => (
                  <select {...props} value={filters.active ?? ''} onChange={(e) => filter({ active: (e.target.value || undefined) as UserFilters['active'] })}>
                    <option value="">{t('admin.people.anyState')}</option>
                    <option value="true">{t('admin.people.active')}</option>
                    <option value="false">{t('admin.people.inactive')}</option>
                  </select>
                )}
              </Field>
            </form>
            <QueryList query={people} loading={t('workspace.loadingList')} errorTitle={t('workspace.errorHeading')}>
              {(list) => (
                <>
                  <p role="status" className="muted">{t('admin.people.count', { count: list.total, number: formatNumber(list.total, locale) })}</p>
                  <DataTable
                    caption={t('admin.people.listHeading')}
                    rows={list.items}
                    rowKey={(person) => person.id}
                    rowProps={(person) => ({ 'data-person': person.email })}
                    empty={<p>{t('admin.people.none')}</p>}
                    columns={[
                      { header: t('admin.people.name'), cell: (person: User) => <Link to={`/${locale}/workspace/people/${person.id}`}>{person.display_name}</Link> },
                      { header: t('admin.people.email'), cell: (person) => person.email },
                      {
                        header: t('admin.people.roles'),
                        cell: (person) => person.memberships.length === 0
                          ? <span className="muted">{t('admin.people.noRoles')}</span>
                          : <ul className="plain-list">{person.memberships.map((m) => <li key={`${m.role}-${m.institution_id}`}>{roleText(t, m, institutions.data)}</li>)}</ul>,
                      },
                      {
                        header: t('admin.people.state'),
                        cell: (person) => (
                          <span className={`badge ${person.active ? 'state-published' : 'state-draft'}`}>
                            {person.active ? t('admin.people.active') : t('admin.people.inactive')}
                          </span>
                        ),
                      },
                      {
                        header: t('admin.people.lastSignIn'),
                        cell: (person) => person.last_sign_in_at
                          ? <time dateTime={person.last_sign_in_at}>{formatDateTime(person.last_sign_in_at, locale)}</time>
                          : <span className="muted">{person.password_set ? t('admin.people.never') : t('admin.people.invited')}</span>,
                      },
                    ]}
                  />
                  {list.total > list.page_size && (
                    <nav className="pager" aria-label={t('admin.people.pages')}>
                      <button type="button" className="secondary" disabled={list.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: list.page - 1 }))}>
                        {t('admin.people.previous')}
                      </button>{' '}
                      <button
                        type="button"
                        className="secondary"
                        disabled={list.page * list.page_size >= list.total}
                        onClick={() => setFilters((f) => ({ ...f, page: list.page + 1 }))}
                      >
                        {t('admin.people.next')}
                      </button>
                    </nav>
                  )}
                </>
              )}
            </QueryList>
          </section>
        </>
      )}
    </WorkspacePage>
  );
}

type InviteErrors = Partial<Record<'email' | 'name', string>>;

function InviteForm({ csrf }: { csrf: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<string>(locale);
  const [errors, setErrors] = useState<InviteErrors>({});
  const [invited, setInvited] = useState<User | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const save = useSave({
    save: (input: { email: string; display_name: string; locale: string }) => inviteUser(input, locale, csrf),
    onSaved: (user) => {
      setInvited(user);
      setEmail('');
      setName('');
      void queryClient.invalidateQueries({ queryKey: keys.people.all });
    },
    onFailed: () => summary.current?.focus(),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: InviteErrors = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) found.email = t('admin.invite.errors.email');
    if (name.trim().length < 2) found.name = t('admin.invite.errors.name');
    setErrors(found);
    setInvited(null);
    if (focusFirstError(found, (field) => `invite-${field}`)) {
      save.reset();
      return;
    }
    save.submit({ email: email.trim(), display_name: name.trim(), locale: language });
  }

  return (
    <section className="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('admin.invite.heading')}</h2>
      <p>{t('admin.invite.help')}</p>
      <FormErrors heading={t('admin.invite.errorsHeading')} errors={errors} failure={save.failure} summaryRef={summary} />
      {invited && (
        <Notice kind="success">
          <p>
            {t('admin.invite.sent', { email: invited.email })}{' '}
            <Link to={`/${locale}/workspace/people/${invited.id}`}>{t('admin.invite.giveRoles', { name: invited.display_name })}</Link>
          </p>
        </Notice>
      )}
      <form noValidate onSubmit={submit} className="form-row">
        <Field id="invite-email" label={t('admin.invite.email')} error={errors.email} required>
          {(props) => <input {...props} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field id="invite-name" label={t('admin.invite.name')} error={errors.name} required>
          {(props) => <input {...props} type="text" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="invite-language" label={t('admin.invite.language')}>
          {(props) => (
            <select {...props} value={language} onChange={(e) => setLanguage(e.target.value)}>
              {locales.map((code) => <option key={code} value={code}>{t(`languages.${code}`)}</option>)}
            </select>
          )}
        </Field>
        <p className="form-actions"><button type="submit" disabled={save.busy}>{save.busy ? t('admin.invite.sending') : t('admin.invite.submit')}</button></p>
      </form>
    </section>
  );
}
