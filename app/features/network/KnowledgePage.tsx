import { keys } from '../../api/query-keys';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { feedUrl, listCooperation, searchResources, type HubTags, type ResourceSearchResult } from '../../api/knowledge';
import { DataTable } from '../../components/DataTable';
import { DetailPage } from '../../components/DetailPage';
import { QueryList } from '../../components/QueryList';
import { useTranslation, type TFunction } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import './strings';
import { groupLabel } from './labels';
import { tagLabel, useHubTags } from './queries';

/** The facets in the order the page shows them, and the parameter each one sets. */
const FACETS = [['kind', 'kind'], ['language', 'lang'], ['theme', 'theme'], ['mechanism', 'mechanism'], ['sdg', 'sdg'], ['region', 'region'], ['nmirf_type', 'nmirf_type']] as const;
type Facet = (typeof FACETS)[number][0];

/** How a facet's value reads. */
function facetValue(t: TFunction, tags: HubTags | undefined, facet: Facet, key: string): string {
  if (facet === 'kind') return t(`network.knowledge.kinds.${key}`);
  if (facet === 'language') return t(`network.knowledge.languages.${key}`);
  if (facet === 'nmirf_type') return t(`network.types.${key}`);
  if (facet === 'region') return groupLabel(t, key);
  if (facet === 'sdg') return t('network.knowledge.sdg', { goal: key });
  return tagLabel(tags, facet, key);
}

/**
 * The knowledge hub's public page: the published practices, lessons, event reports, documents and
 * tools, searched with the catalogue's search (the words are read in every language, whatever the
 * page's language), with facets; the feed for OHCHR's hub; the open requests and offers of cooperation.
 */
export default function KnowledgePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries([...params].filter(([name]) => ['q', 'lang', 'kind', 'theme', 'mechanism', 'sdg', 'region', 'nmirf_type'].includes(name)));
  const [words, setWords] = useState(query.q ?? '');
  const title = t('network.knowledge.title');
  useDocumentTitle(title, t('app.name'));
  const results = useQuery({
    queryKey: keys.network.hubResources(locale, query),
    queryFn: ({ signal }) => searchResources(query, locale, signal),
    placeholderData: keepPreviousData,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (words.trim()) next.set('q', words.trim());
    else next.delete('q');
    setParams(next);
  }
  function toggle(parameter: string, key: string) {
    const next = new URLSearchParams(params);
    if (next.get(parameter) === key) next.delete(parameter);
    else next.set(parameter, key);
    setParams(next);
  }

  return (
    <DetailPage title={title} back={{ to: `/${locale}/network`, label: t('network.back') }} intro={<p>{t('network.knowledge.intro')}</p>} className="page network-knowledge">
      <p className="network-links"><Link to={`/${locale}/workspace/network/hub`}>{t('network.knowledge.workspace.link')}</Link></p>
      <form role="search" onSubmit={submit} className="network-hub-search">
        <label htmlFor="hub-q">{t('network.knowledge.searchLabel')}</label>
        <input id="hub-q" type="search" value={words} onChange={(event) => setWords(event.target.value)} />
        <button type="submit">{t('network.knowledge.search')}</button>
        <p className="small muted" id="hub-q-help">{t('network.knowledge.searchHelp')}</p>
      </form>
      <QueryList query={results} loading={t('network.loading')} errorTitle={t('network.loadError')}>
        {(data) => <Results data={data} query={query} onToggle={toggle} />}
      </QueryList>
      <p className="small">
        {t('network.knowledge.feed')}{' '}
        <a href={feedUrl('json')}>JSON</a>{' · '}<a href={feedUrl('csv')}>CSV</a>
      </p>
      <CooperationSection />
    </DetailPage>
  );
}

function Results({ data, query, onToggle }: { data: ResourceSearchResult; query: Record<string, string>; onToggle: (parameter: string, key: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const tags = useHubTags(locale);
  return (
    <div className="network-hub-results">
      <nav aria-label={t('network.knowledge.facets')} className="network-hub-facets">
        {FACETS.filter(([facet]) => data.facets[facet]?.length).map(([facet, parameter]) => (
          <section key={facet} aria-labelledby={`facet-${facet}`}>
            <h2 id={`facet-${facet}`} className="h3">{t(`network.knowledge.facet.${facet}`)}</h2>
            <ul>
              {data.facets[facet].map((entry) => (
                <li key={entry.key}>
                  <button type="button" className="link" aria-pressed={query[parameter] === entry.key} onClick={() => onToggle(parameter, entry.key)}>
                    {facetValue(t, tags.data, facet, entry.key)} ({formatNumber(entry.count, locale)})
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
      <section aria-labelledby="hub-results-heading">
        <h2 id="hub-results-heading">{t('network.knowledge.found', { count: data.total, n: formatNumber(data.total, locale) })}</h2>
        <ul className="network-hub-list">
          {data.items.map((item) => (
            <li key={item.id} data-resource={item.id}>
              <h3><Link to={`/${locale}/network/hub/${item.id}`} lang={item.language}>{item.title}</Link></h3>
              <p className="small muted">
                {t(`network.knowledge.kinds.${item.kind}`)}{' · '}{t(`network.knowledge.languages.${item.language}`)}{' · '}{item.contributor_iso3 ? item.contributor_name : t('network.knowledge.partner')}
                {item.published_at && <>{' · '}{formatDate(item.published_at.slice(0, 10), locale)}</>}
              </p>
              <p lang={item.language}>{item.summary}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function CooperationSection() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const cooperation = useQuery({ queryKey: keys.network.cooperation(locale), queryFn: ({ signal }) => listCooperation(locale, 'open', signal) });
  return (
    <section aria-labelledby="cooperation-heading">
      <h2 id="cooperation-heading">{t('network.knowledge.cooperation.heading')}</h2>
      <p>{t('network.knowledge.cooperation.intro')}</p>
      <QueryList query={cooperation} loading={t('network.loading')} errorTitle={t('network.loadError')}>
        {({ items }) => (
          <DataTable
            caption={t('network.knowledge.cooperation.heading')}
            rows={items}
            rowKey={(item) => item.id}
            empty={<p>{t('network.knowledge.cooperation.none')}</p>}
            columns={[
              { header: t('network.knowledge.cooperation.topic'), cell: (item) => <span lang={item.language}>{item.topic}</span> },
              { header: t('network.knowledge.cooperation.kind'), cell: (item) => t(`network.knowledge.cooperation.kinds.${item.kind}`) },
              { header: t('network.knowledge.cooperation.state'), cell: (item) => item.state_name },
              { header: t('network.knowledge.cooperation.help'), cell: (item) => item.help.map((help) => t(`network.knowledge.cooperation.helps.${help}`)).join(', ') },
              { header: t('network.knowledge.cooperation.responses'), cell: (item) => formatNumber(item.responses_count, locale) },
            ]}
          />
        )}
      </QueryList>
    </section>
  );
}
