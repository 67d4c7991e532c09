import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate } from 'react-router';
import { createInstitution, type InstitutionInput } from '../../api/admin';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { DataTable } from '../../components/DataTable';
import { Notice, SignInNotice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { InstitutionForm } from './InstitutionForm';
import { institutionState } from './labels';
import { useAllInstitutions } from './queries';

/** Every institution, retired and merged ones included, and the form that creates one. */
export default function InstitutionsAdminPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession(true);
  const me = session.data;
  const staff = can(me, 'user:list');
  const institutions = useAllInstitutions(locale, staff);
  const title = t('admin.institutions.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);
  const save = useSave({
    save: (input: InstitutionInput) => createInstitution(input, locale, me!.csrf_token),
    onSaved: (created) => {
      void queryClient.invalidateQueries({ queryKey: keys.adminInstitutions.all });
      void queryClient.invalidateQueries({ queryKey: keys.institutions(locale) });
      void navigate(`/${locale}/workspace/institutions/${created.id}`, { state: { created: true } });
    },
  });

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  return (
    <div className="page admin-page">
      <p className="back-link">
        <Link to={`/${locale}/workspace`}><span aria-hidden="true">← </span>{t('action.backToWorkspace')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && <SignInNotice />}
      {me && !staff && <Notice kind="info"><p>{t('admin.notStaff')}</p></Notice>}
      {staff && (
        <>
          <p className="intro">{t('admin.institutions.intro')}</p>
          <section className="panel" aria-labelledby="institutions-list-heading">
            <h2 id="institutions-list-heading">{t('admin.institutions.listHeading')}</h2>
            <QueryList query={institutions} loading={t('workspace.loadingList')} errorTitle={t('workspace.errorHeading')}>
              {(list) => (
                <DataTable
                  caption={t('admin.institutions.listHeading')}
                  rows={list}
                  rowKey={(i) => i.id}
                  empty={<p>{t('admin.institutions.none')}</p>}
                  columns={[
                    { header: t('admin.institutions.name'), cell: (i) => <Link to={`/${locale}/workspace/institutions/${i.id}`}>{i.name}</Link> },
                    { header: t('admin.institutions.acronym'), cell: (i) => i.acronym ?? '' },
                    { header: t('portal.institution.branch'), cell: (i) => t(`portal.institution.branches.${i.branch}`) },
                    {
                      header: t('admin.people.state'),
                      cell: (i) => <span className={`badge ${i.active ? 'state-published' : 'state-draft'}`}>{institutionState(t, i, list)}</span>,
                    },
                  ]}
                />
              )}
            </QueryList>
          </section>
          <section className="panel" aria-labelledby="institution-create-heading">
            <h2 id="institution-create-heading">{t('admin.institutions.createHeading')}</h2>
            <InstitutionForm busy={save.busy} failure={save.failure} submitLabel={t('admin.institutions.create')} onSubmit={save.submit} />
          </section>
        </>
      )}
    </div>
  );
}
