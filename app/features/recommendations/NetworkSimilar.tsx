import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { getNetworkSimilar } from '../../api/federation';
import { keys } from '../../api/query-keys';

/**
 * "How other States acted on similar recommendations": the Network hub's answer, asked by this
 * instance after the page is drawn (loaded apart from the page). Nothing is shown while it loads,
 * when the hub is away or when no other State received anything like it.
 */
export default function NetworkSimilar({ recommendationId }: { recommendationId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const similar = useQuery({
    queryKey: keys.recommendationNetworkSimilar(recommendationId, locale),
    queryFn: ({ signal }) => getNetworkSimilar(recommendationId, locale, signal),
    retry: false,
    staleTime: 5 * 60_000,
  });
  const items = similar.data?.items ?? [];
  if (!items.length) return null;
  return (
    <section aria-labelledby="network-similar-heading" className="network-similar">
      <h2 id="network-similar-heading">{t('networkSimilar.heading')}</h2>
      <ul className="related-list">
        {items.map((item) => (
          <li key={`${item.state.iso3}:${item.id}`} className="related-item">
            <p className="related-title">
              <strong>{item.state.name}</strong> · {[item.mechanism, item.symbol, item.year].filter(Boolean).join(' · ')}
            </p>
            <p lang={item.language}>{item.text}</p>
            <p className="muted small">
              {item.status ? t('networkSimilar.status', { status: t(`networkSimilar.statuses.${item.status.key}`, { defaultValue: item.status.key }) }) : t('networkSimilar.noStatus')}
            </p>
            {item.actions.length > 0 ? (
              <ul aria-label={t('networkSimilar.actions', { state: item.state.name })}>
                {item.actions.map((action) => <li key={action.id}>{action.title}</li>)}
              </ul>
            ) : <p className="muted small">{t('networkSimilar.noActions')}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
