/**
 * The secretariat's clusters for reports: the headings (named in each language, in their
 * order) that the composer's "by cluster" grouping uses, and the recommendations in them. An
 * unclustered recommendation shows the clusters suggested for it and why; a person accepts one,
 * or moves a selection into a cluster (or out of every cluster) before composing.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  acceptClusterSuggestion, type Cluster, type ClusterFilter, type ClusterRecommendation, clusterRecommendations, createCluster, deleteCluster,
  listClusters, moveToCluster, releaseFromCluster, updateCluster,
} from '../../api/clusters';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { Notice, SignInNotice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { useTranslation } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { failureNotice, NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { can } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { INTERFACE_LANGUAGES } from '../../../shared/settings-rules';
import { LIMITS } from '../../../shared/limits';
import { useSession } from '../../api/session';
import '../../lib/workspace-strings';

const percent = (value: number, locale: string) => `${formatNumber(Math.round(value * 100), locale)} %`;

export default function ClustersPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useSession(true);
  const me = session.data;
  const allowed = can(me, 'cluster:read');
  const mayManage = can(me, 'cluster:manage');
  const clusters = useQuery({
    queryKey: keys.clusters.list(locale),
    queryFn: ({ signal }) => listClusters(locale, signal),
    enabled: allowed,
    staleTime: 0,
  });
  const title = t('clusters.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);
  const pageNotice = usePageNotice();

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  return (
    <div className="page clusters-page">
      <p className="back-link">
        <Link to={`/${locale}/workspace/reports`}><span aria-hidden="true">← </span>{t('reports.back')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && <SignInNotice />}
      {me && !allowed && <Notice kind="info"><p>{t('clusters.notAllowed')}</p></Notice>}
      {allowed && me && (
        <>
          <p className="intro">{t('clusters.intro')}</p>
          <NoticeRegion state={pageNotice} onReload={() => void clusters.refetch()} />
          <QueryList query={clusters} loading={t('clusters.loading')} errorTitle={t('clusters.loadError')}>
            {(data) => (
              <>
                <ClusterTable items={data.items} mayManage={mayManage} csrf={me.csrf_token} notice={pageNotice} />
                {mayManage && <AddCluster csrf={me.csrf_token} notice={pageNotice} />}
                <Recommendations clusters={data.items} unclustered={data.unclustered} mayManage={mayManage} csrf={me.csrf_token} notice={pageNotice} />
              </>
            )}
          </QueryList>
        </>
      )}
    </div>
  );
}

type PageNotice = ReturnType<typeof usePageNotice>;

/** After any change: the list, the counts and the recommendations are asked again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.clusters.all });
}

function ClusterTable({ items, mayManage, csrf, notice }: { items: Cluster[]; mayManage: boolean; csrf: string; notice: PageNotice }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const refresh = useRefresh();
  const [editing, setEditing] = useState<Cluster | null>(null);
  const [deleting, setDeleting] = useState<Cluster | null>(null);
  const move = useSave({
    save: ({ cluster, position }: { cluster: Cluster; position: number }) => updateCluster(cluster.id, { version: cluster.version, position }, locale, csrf),
    onSaved: () => void refresh(),
    onFailed: (failure) => notice.show({ kind: 'error', title: t('clusters.saveError'), ...failure }, true),
  });
  return (
    <section className="panel" aria-labelledby="clusters-list-heading">
      <h2 id="clusters-list-heading">{t('clusters.listHeading')}</h2>
      <p className="hint small muted">{items.length ? t('clusters.inUse') : t('clusters.noneYet')}</p>
      <DataTable
        caption={t('clusters.listHeading')}
        className="cluster-list"
        rows={items}
        rowKey={(cluster) => cluster.id}
        rowProps={(cluster) => ({ 'data-cluster': cluster.id })}
        empty={<p>{t('clusters.empty')}</p>}
        columns={[
          { header: t('clusters.columns.position'), cell: (cluster) => formatNumber(cluster.position, locale) },
          { header: t('clusters.columns.name'), cell: (cluster) => cluster.name },
          { header: t('clusters.columns.members'), cell: (cluster) => formatNumber(cluster.members, locale) },
        ]}
        actionsHeader={mayManage ? t('clusters.columns.actions') : undefined}
        actions={mayManage ? (cluster) => (
          <span className="button-row">
            <button type="button" className="secondary" disabled={move.busy || cluster.position === 1}
              onClick={() => move.submit({ cluster, position: cluster.position - 1 })}
              aria-label={t('clusters.upOne', { name: cluster.name })}>{t('clusters.up')}</button>
            <button type="button" className="secondary" disabled={move.busy || cluster.position === items.length}
              onClick={() => move.submit({ cluster, position: cluster.position + 1 })}
              aria-label={t('clusters.downOne', { name: cluster.name })}>{t('clusters.down')}</button>
            <button type="button" className="secondary" onClick={() => { setDeleting(null); setEditing(cluster); }}
              aria-label={t('clusters.renameOne', { name: cluster.name })}>{t('clusters.rename')}</button>
            <button type="button" className="secondary" onClick={() => { setEditing(null); setDeleting(cluster); }}
              aria-label={t('clusters.deleteOne', { name: cluster.name })}>{t('clusters.delete')}</button>
          </span>
        ) : undefined}
      />
      {editing && <ClusterForm key={editing.id} cluster={editing} csrf={csrf} onDone={() => setEditing(null)} notice={notice} />}
      {deleting && <DeleteForm key={deleting.id} cluster={deleting} others={items.filter((c) => c.id !== deleting.id)} csrf={csrf} onDone={() => setDeleting(null)} notice={notice} />}
    </section>
  );
}

function AddCluster({ csrf, notice }: { csrf: string; notice: PageNotice }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open) return <p><button type="button" onClick={() => setOpen(true)}>{t('clusters.add')}</button></p>;
  return <ClusterForm cluster={null} csrf={csrf} onDone={() => setOpen(false)} notice={notice} />;
}

/** A new cluster's names, or an existing one's (against its version). */
function ClusterForm({ cluster, csrf, onDone, notice }: { cluster: Cluster | null; csrf: string; onDone: () => void; notice: PageNotice }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const refresh = useRefresh();
  const [label, setLabel] = useState<Record<string, string>>(cluster ? { ...cluster.label } : {});
  const [error, setError] = useState<string | undefined>();
  const save = useSave({
    save: () => (cluster ? updateCluster(cluster.id, { version: cluster.version, label }, locale, csrf) : createCluster(label, locale, csrf)),
    onSaved: () => {
      void refresh();
      notice.show({ kind: 'status', message: cluster ? t('clusters.renamed') : t('clusters.created') });
      onDone();
    },
  });
  const formId = cluster ? `cluster-form-${cluster.id}` : 'cluster-form-new';

  function submit(event: FormEvent) {
    event.preventDefault();
    save.reset();
    if (!Object.values(label).some((name) => name.trim())) {
      setError(t('clusters.errors.name'));
      document.getElementById(`${formId}-${INTERFACE_LANGUAGES[0]}`)?.focus();
      return;
    }
    setError(undefined);
    save.submit(undefined);
  }

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-heading`}>
      <h3 id={`${formId}-heading`}>{cluster ? t('clusters.renameHeading', { name: cluster.name }) : t('clusters.addHeading')}</h3>
      <FormErrors heading={t('clusters.errors.heading')} errors={{ name: error }} failure={save.failure} failureTitle={t('clusters.saveError')} onReload={() => { void refresh(); onDone(); }} />
      <fieldset className="form-group">
        <legend>{t('clusters.names')}</legend>
        <div className="form-row">
          {INTERFACE_LANGUAGES.map((code) => (
            <div key={code} className="field">
              <label htmlFor={`${formId}-${code}`}>{t(`languages.${code}`)}</label>
              <input id={`${formId}-${code}`} type="text" lang={code} maxLength={LIMITS.localizedName.max} value={label[code] ?? ''}
                aria-invalid={error ? true : undefined} aria-describedby={error ? `${formId}-error` : undefined}
                onChange={(e) => setLabel({ ...label, [code]: e.target.value })} />
            </div>
          ))}
        </div>
        {error && <p id={`${formId}-error`} className="field-error">{error}</p>}
      </fieldset>
      <p className="button-row">
        <button type="submit" disabled={save.busy}>{t('clusters.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>{t('clusters.cancel')}</button>
      </p>
    </form>
  );
}

/** Deletes a cluster: an empty one at once, one with recommendations once it is said where they go. */
function DeleteForm({ cluster, others, csrf, onDone, notice }: { cluster: Cluster; others: Cluster[]; csrf: string; onDone: () => void; notice: PageNotice }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const refresh = useRefresh();
  const [moveTo, setMoveTo] = useState<string>('');
  const save = useSave({
    save: () => deleteCluster(cluster.id, { version: cluster.version, move_to: moveTo ? Number(moveTo) : undefined }, locale, csrf),
    onSaved: () => {
      void refresh();
      notice.show({ kind: 'status', message: t('clusters.deleted', { name: cluster.name }) }, true);
      onDone();
    },
  });
  const id = `cluster-delete-${cluster.id}`;
  return (
    <form className="workspace-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => { e.preventDefault(); save.submit(undefined); }}>
      <h3 id={`${id}-heading`}>{t('clusters.deleteHeading', { name: cluster.name })}</h3>
      <FormErrors heading={t('clusters.errors.heading')} errors={{}} failure={save.failure} failureTitle={t('clusters.deleteError')} onReload={() => { void refresh(); onDone(); }} />
      {cluster.members > 0 ? (
        <Field id={`${id}-to`} label={t('clusters.moveMembersTo', { count: cluster.members })} hint={t('clusters.moveMembersHint')}>
          {(props) => (
            <select {...props} value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
              <option value="">{t('clusters.chooseCluster')}</option>
              {others.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          )}
        </Field>
      ) : <p>{t('clusters.deleteEmpty')}</p>}
      <p className="button-row">
        <button type="submit" disabled={save.busy}>{t('clusters.deleteConfirm', { name: cluster.name })}</button>
        <button type="button" className="secondary" onClick={onDone}>{t('clusters.cancel')}</button>
      </p>
    </form>
  );
}

/** The recommendations with their cluster; suggestions for unclustered ones; moving a selection. */
function Recommendations({ clusters, unclustered, mayManage, csrf, notice }: {
  clusters: Cluster[]; unclustered: number; mayManage: boolean; csrf: string; notice: PageNotice;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const refresh = useRefresh();
  const [filter, setFilter] = useState<{ cluster: ClusterFilter; q: string; page: number }>({ cluster: 'none', q: '', page: 1 });
  const [draft, setDraft] = useState({ cluster: 'none', q: '' });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [target, setTarget] = useState('');
  const page = useQuery({
    queryKey: keys.clusters.recommendations(filter, locale),
    queryFn: ({ signal }) => clusterRecommendations(filter, locale, signal),
    staleTime: 0,
  });
  const done = (message: string) => {
    setSelected(new Set());
    void refresh();
    notice.show({ kind: 'status', message });
  };
  const failed = (error: unknown) => notice.show(failureNotice(t('clusters.moveError'), error, t('auth.genericError')), true);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<{ moved: number }>, message: (moved: number) => string) {
    setBusy(true);
    try {
      done(message((await action()).moved));
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }
  const clusterName = (id: number) => clusters.find((c) => c.id === id)?.name ?? '';

  function apply(event: FormEvent) {
    event.preventDefault();
    setSelected(new Set());
    setFilter({ cluster: draft.cluster === 'none' || draft.cluster === 'any' ? draft.cluster : Number(draft.cluster), q: draft.q.trim(), page: 1 });
  }

  return (
    <section className="panel" aria-labelledby="clusters-recommendations-heading">
      <h2 id="clusters-recommendations-heading">{t('clusters.recommendations.heading')}</h2>
      <p className="hint small muted">{t('clusters.recommendations.unclustered', { count: unclustered, number: formatNumber(unclustered, locale) })}</p>
      <form className="form-row" onSubmit={apply} aria-label={t('clusters.recommendations.filters')}>
        <Field id="clusters-filter" label={t('clusters.recommendations.show')}>
          {(props) => (
            <select {...props} value={draft.cluster} onChange={(e) => setDraft({ ...draft, cluster: e.target.value })}>
              <option value="none">{t('clusters.recommendations.none')}</option>
              <option value="any">{t('clusters.recommendations.any')}</option>
              {clusters.map((c) => <option key={c.id} value={c.id}>{t('clusters.recommendations.inCluster', { name: c.name })}</option>)}
            </select>
          )}
        </Field>
        <Field id="clusters-q" label={t('clusters.recommendations.words')}>
          {(props) => <input {...props} type="search" maxLength={500} value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />}
        </Field>
        <p className="button-row"><button type="submit">{t('clusters.recommendations.apply')}</button></p>
      </form>
      <QueryList query={page} loading={t('clusters.recommendations.loading')} errorTitle={t('clusters.recommendations.error')}>
        {(data) => (
          <>
            <p role="status">{t('clusters.recommendations.total', { count: data.total, number: formatNumber(data.total, locale) })}</p>
            {mayManage && data.items.length > 0 && (
              <div className="panel cluster-bulk" role="group" aria-label={t('clusters.bulk.label')}>
                <p>{t('clusters.bulk.selected', { count: selected.size, number: formatNumber(selected.size, locale) })}</p>
                <div className="form-row">
                  <Field id="clusters-target" label={t('clusters.bulk.target')}>
                    {(props) => (
                      <select {...props} value={target} onChange={(e) => setTarget(e.target.value)}>
                        <option value="">{t('clusters.chooseCluster')}</option>
                        {clusters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                      </select>
                    )}
                  </Field>
                  <p className="button-row">
                    <button type="button" disabled={busy || !selected.size || !target}
                      onClick={() => void run(() => moveToCluster(Number(target), [...selected], locale, csrf),
                        (moved) => t('clusters.bulk.moved', { count: moved, number: formatNumber(moved, locale), name: clusterName(Number(target)) }))}>
                      {t('clusters.bulk.move')}
                    </button>
                    <button type="button" className="secondary" disabled={busy || !selected.size}
                      onClick={() => void run(() => releaseFromCluster([...selected], locale, csrf),
                        (moved) => t('clusters.bulk.released', { count: moved, number: formatNumber(moved, locale) }))}>
                      {t('clusters.bulk.release')}
                    </button>
                  </p>
                </div>
              </div>
            )}
            {data.items.length === 0 ? <p>{t('clusters.recommendations.empty')}</p> : (
              <ul className="cluster-recommendations">
                {data.items.map((item) => (
                  <RecommendationItem key={item.id} item={item} mayManage={mayManage} busy={busy}
                    selected={selected.has(item.id)}
                    onSelect={(on) => setSelected((current) => {
                      const next = new Set(current);
                      if (on) next.add(item.id); else next.delete(item.id);
                      return next;
                    })}
                    onAccept={(clusterId) => void run(() => acceptClusterSuggestion(clusterId, item.id, locale, csrf),
                      () => t('clusters.suggestions.accepted', { citation: item.citation, name: clusterName(clusterId) }))}
                  />
                ))}
              </ul>
            )}
            {data.total > data.page_size && (
              <p className="button-row">
                <button type="button" className="secondary" disabled={filter.page <= 1} onClick={() => setFilter({ ...filter, page: filter.page - 1 })}>
                  {t('clusters.recommendations.previous')}
                </button>
                <span>{t('clusters.recommendations.page', { page: filter.page, pages: Math.ceil(data.total / data.page_size) })}</span>
                <button type="button" className="secondary" disabled={filter.page * data.page_size >= data.total} onClick={() => setFilter({ ...filter, page: filter.page + 1 })}>
                  {t('clusters.recommendations.next')}
                </button>
              </p>
            )}
          </>
        )}
      </QueryList>
    </section>
  );
}

function RecommendationItem({ item, mayManage, busy, selected, onSelect, onAccept }: {
  item: ClusterRecommendation; mayManage: boolean; busy: boolean; selected: boolean; onSelect: (on: boolean) => void; onAccept: (clusterId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = `cluster-rec-${item.id}`;
  return (
    <li className="cluster-recommendation" data-recommendation={item.id}>
      <p>
        {mayManage && <input id={`${id}-select`} type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-labelledby={`${id}-citation`} />}{' '}
        <strong id={`${id}-citation`}>{item.citation}</strong>
      </p>
      <p className="small">{item.text}</p>
      <p className="small muted">
        {item.cluster
          ? t(item.cluster.source === 'suggestion' ? 'clusters.recommendations.clusterAccepted' : 'clusters.recommendations.cluster', { name: item.cluster.name })
          : t('clusters.recommendations.noCluster')}
        {' · '}
        {t('clusters.recommendations.primaryTheme', { name: item.primary_theme ?? t('clusters.recommendations.noTheme') })}
      </p>
      {item.suggestions.length > 0 && (
        <div className="cluster-suggestions">
          <p className="small">{t('clusters.suggestions.heading')}</p>
          <ul>
            {item.suggestions.map((s) => (
              <li key={s.cluster_id} data-suggestion={s.cluster_id}>
                <strong>{s.name}</strong> ({percent(s.score, locale)})
                {s.themes.length > 0 && <> — {t('clusters.suggestions.themes', { themes: s.themes.join('; ') })}</>}
                {s.linked && <> — {t('clusters.suggestions.linked', { citation: s.linked.citation, similarity: percent(s.linked.similarity, locale) })}</>}
                {mayManage && (
                  <>
                    {' '}
                    <button type="button" className="secondary" disabled={busy} onClick={() => onAccept(s.cluster_id)}
                      aria-label={t('clusters.suggestions.acceptOne', { name: s.name, citation: item.citation })}>
                      {t('clusters.suggestions.accept')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
