import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { getSimilarAcrossStates, type SimilarSearch } from '../../api/federation';
import { keys } from '../../api/query-keys';
import { DetailPage } from '../../components/DetailPage';
import { QueryList } from '../../components/QueryList';
import { useTranslation } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { GROUPS, groupLabel } from './labels';
import './strings';

/**
 * Recommendations to other States that ask the same thing, across languages, with what each State
 * published on them (the hub's GET /api/v1/network/similar; decision 0021). The search is in the
 * address, so an answer can be shared.
 */
export default function SimilarPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [params, setParams] = useSearchParams();
  const search: SimilarSearch = {
    text: params.get('text') ?? undefined, region: params.get('region') ?? undefined,
    mechanism: params.get('mechanism') ?? undefined, status: params.get('status') === 'implemented' ? 'implemented' : undefined,
  };
  const [text, setText] = useState(search.text ?? '');
  const similar = useQuery({
    queryKey: keys.network.similar(locale, search),
    queryFn: ({ signal }) => getSimilarAcrossStates(search, locale, signal),
    enabled: Boolean(search.text && search.text.trim().length >= 3),
    select: (data) => data.items,
  });
  const title = t('network.similar.title');
  useDocumentTitle(title, t('app.name'));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['text', 'region', 'mechanism', 'status']) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    setParams(next);
  };

  return (
    <DetailPage
      title={title}
      back={{ to: `/${locale}/network`, label: t('network.back') }}
      className="page portal-page network-similar"
      intro={<p className="intro">{t('network.similar.intro')}</p>}
    >
      <form role="search" onSubmit={submit} className="network-similar-form">
        <label htmlFor="similar-text">{t('network.similar.text')}</label>
        <textarea id="similar-text" name="text" rows={4} minLength={3} maxLength={4000} required value={text} onChange={(e) => setText(e.target.value)} />
        <label htmlFor="similar-region">{t('network.similar.region')}</label>
        <select id="similar-region" name="region" defaultValue={search.region ?? ''}>
          <option value="">{t('network.similar.any')}</option>
          {Object.keys(GROUPS).map((group) => <option key={group} value={group}>{groupLabel(t, group)}</option>)}
        </select>
        <label htmlFor="similar-mechanism">{t('network.similar.mechanism')}</label>
        <input id="similar-mechanism" name="mechanism" maxLength={60} defaultValue={search.mechanism ?? ''} />
        <label className="checkbox">
          <input type="checkbox" name="status" value="implemented" defaultChecked={search.status === 'implemented'} /> {t('network.similar.implementedOnly')}
        </label>
        <button type="submit">{t('network.similar.submit')}</button>
      </form>
      {search.text && (
        <section aria-labelledby="similar-results-heading">
          <h2 id="similar-results-heading">{t('network.similar.results')}</h2>
          <QueryList query={similar} loading={t('network.loading')} errorTitle={t('network.loadError')}>
            {(items) => items.length === 0 ? <p>{t('network.similar.none')}</p> : (
              <ol className="network-similar-results" data-similar-results="">
                {items.map((item) => (
                  <li key={`${item.state.iso3}:${item.id}`} data-state={item.state.iso3}>
                    <h3>{item.state.name} · {[item.mechanism, item.symbol, item.paragraph, item.year].filter(Boolean).join(' · ')}</h3>
                    <p lang={item.language}>{item.text}</p>
                    <p className="muted small">
                      {t('network.similar.similarity', { value: formatNumber(item.similarity, locale) })}
                      {' · '}
                      {item.status ? t('network.similar.status', { status: t(`network.similar.statuses.${item.status.key}`, { defaultValue: item.status.key }) }) : t('network.similar.noStatus')}
                    </p>
                    {item.actions.length > 0 ? (
                      <ul aria-label={t('network.similar.actions', { state: item.state.name })}>
                        {item.actions.map((action) => <li key={action.id}>{action.title}</li>)}
                      </ul>
                    ) : <p className="muted small">{t('network.similar.noActions')}</p>}
                  </li>
                ))}
              </ol>
            )}
          </QueryList>
        </section>
      )}
    </DetailPage>
  );
}
