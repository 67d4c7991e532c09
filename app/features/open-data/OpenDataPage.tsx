import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { getOpenData, type DatasetFormat } from '../../api/openData';
import { formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { PageStatus } from '../../components/page-parts';
import { keys } from '../../api/query-keys';

const FORMATS: DatasetFormat[] = ['csv', 'json', 'xlsx'];

/**
 * The open data page: each dataset with its downloads and data dictionary,
 * the licence, and where the API is described. Everything comes from
 * /api/v1/open-data, so the page says exactly what the server publishes.
 */
export default function OpenDataPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const index = useQuery({
    queryKey: keys.openData(locale),
    queryFn: ({ signal }) => getOpenData(locale, signal),
  });
  const title = t('openData.title');
  useDocumentTitle(index.isError ? t('portal.errorHeading') : title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !index.isPending);

  if (!index.data) return <PageStatus error={index.error} heading={heading} />;
  const { licence, datasets } = index.data;

  return (
    <div className="page open-data-page">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      <p className="intro">{t('openData.intro')}</p>

      <section aria-labelledby="licence-heading">
        <h2 id="licence-heading">{t('openData.licenceHeading')}</h2>
        <p>
          {t('openData.licenceText')}{' '}
          <a href={licence.url} rel="license">{licence.name}</a>
        </p>
      </section>

      <section aria-labelledby="datasets-heading">
        <h2 id="datasets-heading">{t('openData.datasetsHeading')}</h2>
        <p className="muted small">{t('openData.formatsHint')}</p>
        {datasets.map((dataset) => (
          <section key={dataset.name} className="panel dataset" aria-labelledby={`dataset-${dataset.name}`}>
            <h3 id={`dataset-${dataset.name}`}>{dataset.title}</h3>
            <p className="dataset-downloads">
              <span>{t('openData.downloads')}:</span>{' '}
              {FORMATS.map((format, i) => (
                <span key={format}>
                  {i > 0 && ' · '}
                  <a href={dataset.downloads[format]} download>
                    <span className="visually-hidden">{dataset.title}, </span>{format.toUpperCase()}
                  </a>
                </span>
              ))}
            </p>
            <details>
              <summary>{t('openData.dictionary', { number: formatNumber(dataset.fields.length, locale) })}</summary>
              <div className="table-scroll">
                <table className="data-table dictionary-table">
                  <caption className="visually-hidden">{t('openData.dictionaryCaption', { dataset: dataset.title })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('openData.field')}</th>
                      <th scope="col">{t('openData.type')}</th>
                      <th scope="col">{t('openData.description')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dataset.fields.map((field) => (
                      <tr key={field.name}>
                        <th scope="row"><code>{field.name}</code></th>
                        <td>{t(`openData.types.${field.type}`, { defaultValue: field.type })}</td>
                        <td>{field.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </section>
        ))}
      </section>

      <section aria-labelledby="api-heading">
        <h2 id="api-heading">{t('openData.apiHeading')}</h2>
        <p>
          {t('openData.apiText')} <a href={`/api/v1/open-data?locale=${locale}`}><code>/api/v1/open-data</code></a>.
        </p>
        <p><a href="/api/docs">{t('openData.apiDocs')}</a></p>
      </section>
    </div>
  );
}
