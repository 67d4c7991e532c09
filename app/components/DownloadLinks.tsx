import { useTranslation } from '../i18n';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type ExportQuery = URLSearchParams | Record<string, QueryValue>;

/**
 * The address of a list's export: the list's path with `.csv` or `.xlsx`, the
 * same filters, labels in `locale`, and no paging (an export holds every row).
 */
export function exportHref(path: string, format: ExportFormat, query: ExportQuery, locale: string): string {
  const params = new URLSearchParams();
  const entries = query instanceof URLSearchParams ? [...query] : Object.entries(query);
  for (const [name, value] of entries) {
    if (name === 'page' || name === 'page_size' || name === 'locale') continue;
    for (const item of [value].flat()) if (item !== undefined && item !== null && item !== '') params.append(name, String(item));
  }
  params.set('locale', locale);
  return `${path}.${format}?${params}`;
}

/**
 * "Download CSV" and "Download XLSX" for a list the page shows, with the
 * filters it shows it with. `list` names the list for screen readers (after
 * the visible text, so the visible words stay the start of the link's name),
 * which tells several download links on one page apart.
 */
export function DownloadLinks({ path, query = {}, list }: { path: string; query?: ExportQuery; list: string }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="download-links">
      {EXPORT_FORMATS.map((format) => (
        <a key={format} className="download-link" href={exportHref(path, format, query, i18n.language)} download>
          {t(`exports.${format}`)}
          <span className="visually-hidden"> ({list})</span>
        </a>
      ))}
    </p>
  );
}
