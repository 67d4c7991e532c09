import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { createInstitution, type InstitutionInput } from '../../api/admin';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { DataTable } from '../../components/DataTable';
import { QueryList } from '../../components/QueryList';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { InstitutionForm } from './InstitutionForm';
import { institutionState } from './labels';
import { useAllInstitutions } from './queries';
import { useWorkspacePage, WorkspacePage } from '../../components/WorkspacePage';

/** Every institution, retired and merged ones included, and the form that creates one. */
export default function InstitutionsAdminPage() {
  const page = useWorkspacePage('admin.institutions.title');
  const { t, locale, me } = page;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const staff = can(me, 'user:list');
  const institutions = useAllInstitutions(locale, staff);
  const save = useSave({
    save: (input: InstitutionInput) => createInstitution(input, locale, me!.csrf_token),
    onSaved: (created) => {
      void queryClient.invalidateQueries({ queryKey: keys.adminInstitutions.all });
      void queryClient.invalidateQueries({ queryKey: keys.institutions(locale) });
      void navigate(`/${locale}/workspace/institutions/${created.id}`, { state: { created: true } });
    },
  });

  return (
    <WorkspacePage page={page} className="admin-page" allowed={staff} notAllowed={t('admin.notStaff')}>
      {(_me) => (
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
    </WorkspacePage>
  );
}
