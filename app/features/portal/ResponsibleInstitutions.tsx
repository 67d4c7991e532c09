import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { getResponsibleInstitutions } from '../../api/portal';
import { langIfOther } from '../../components/page-parts';
import { keys } from '../../api/query-keys';

/** On a recommendation's page: the institutions responsible for it (the lead first), each linking to its page. */
export function ResponsibleInstitutions({ recommendationId }: { recommendationId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const list = useQuery({
    queryKey: keys.responsibleInstitutions.of(recommendationId, locale),
    queryFn: ({ signal }) => getResponsibleInstitutions(recommendationId, locale, signal),
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="responsible-heading" className="responsible-institutions">
      <h2 id="responsible-heading">{t('portal.responsible.heading')}</h2>
      {list.isPending && <p role="status">{t('portal.loading')}</p>}
      {list.isError && <p className="muted">{t('portal.listError')}</p>}
      {list.data && items.length === 0 && <p className="muted">{t('portal.responsible.none')}</p>}
      {items.length > 0 && (
        <ul className="plain-list responsible-list">
          {items.map((item) => (
            <li key={item.id}>
              <Link to={`/${locale}/institutions/${item.id}`} lang={langIfOther(item.name_language, locale)}>{item.name}</Link>
              {item.acronym && <span className="muted"> ({item.acronym})</span>}{' '}
              <span className={`badge responsibility-${item.responsibility}`}>{t(`portal.responsibility.${item.responsibility}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
