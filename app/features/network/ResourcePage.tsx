import { keys } from '../../api/query-keys';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { getResource, resourceFileUrl } from '../../api/knowledge';
import { DetailPage } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useTranslation } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { Fact } from './Fact';
import './strings';
import { groupLabel } from './labels';
import { tagLabel, useHubTags } from './queries';

/** One published resource of the knowledge hub: its text in its language, its tags and its files. */
export default function ResourcePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = useParams().id ?? '';
  const resource = useQuery({ queryKey: keys.network.hubResource(id, locale), queryFn: ({ signal }) => getResource(id, locale, signal) });
  const tags = useHubTags(locale);
  const back = { to: `/${locale}/network/hub`, label: t('network.knowledge.back') };
  useDocumentTitle(resource.data?.title ?? t('network.knowledge.title'), t('app.name'));
  if (resource.isError || !resource.data) {
    return <QueryBoundary query={resource} back={back} loading={t('network.loading')} title={t('network.knowledge.title')} errorTitle={t('network.loadError')} />;
  }
  const item = resource.data;
  const list = (values: string[]) => values.join(', ') || '—';
  return (
    <DetailPage title={<span lang={item.language}>{item.title}</span>} back={back} className="page narrow network-resource">
      <p lang={item.language}>{item.summary}</p>
      {item.body && <p lang={item.language} className="pre-wrap">{item.body}</p>}
      <dl className="details">
        <Fact label={t('network.knowledge.facet.kind')}>{t(`network.knowledge.kinds.${item.kind}`)}</Fact>
        <Fact label={t('network.knowledge.facet.language')}>{t(`network.knowledge.languages.${item.language}`)}</Fact>
        <Fact label={t('network.knowledge.contributor')}>{item.contributor_iso3 ? item.contributor_name : t('network.knowledge.partner')}</Fact>
        {item.published_at && <Fact label={t('network.knowledge.published')}>{formatDate(item.published_at.slice(0, 10), locale)}</Fact>}
        <Fact label={t('network.knowledge.facet.theme')}>{list(item.themes.map((key) => tagLabel(tags.data, 'theme', key)))}</Fact>
        <Fact label={t('network.knowledge.facet.mechanism')}>{list(item.mechanisms.map((key) => tagLabel(tags.data, 'mechanism', key)))}</Fact>
        <Fact label={t('network.knowledge.facet.sdg')}>{list(item.sdgs.map((goal) => t('network.knowledge.sdg', { goal })))}</Fact>
        <Fact label={t('network.knowledge.facet.region')}>{list(item.regions.map((region) => groupLabel(t, region)))}</Fact>
        <Fact label={t('network.knowledge.facet.nmirf_type')}>{list(item.nmirf_types.map((type) => t(`network.types.${type}`)))}</Fact>
        {item.link && <Fact label={t('network.knowledge.link')}><a href={item.link} rel="noopener noreferrer">{item.link}</a></Fact>}
      </dl>
      {item.files.length > 0 && (
        <section aria-labelledby="resource-files-heading">
          <h2 id="resource-files-heading">{t('network.knowledge.files')}</h2>
          <ul>
            {item.files.map((file) => (
              <li key={file.id}><a href={resourceFileUrl(file.id)} download>{file.file_name}</a> <span className="muted small">({formatNumber(Math.ceil(file.size_bytes / 1024), locale)} KB)</span></li>
            ))}
          </ul>
        </section>
      )}
    </DetailPage>
  );
}
