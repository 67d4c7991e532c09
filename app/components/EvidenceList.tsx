import { useTranslation } from '../i18n';
import type { Evidence } from '../api/types';
import { formatBytes } from '../lib/format-detail';

/**
 * Evidence of an action: links open the source, files download. Used by the
 * workspace (with a remove button while the report is editable) and by the
 * public recommendation page.
 */
export function EvidenceList({ evidence, onRemove, busy }: {
  evidence: Evidence[];
  onRemove?: (item: Evidence) => void;
  busy?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (evidence.length === 0) return <p className="muted">{t('action.evidence.none')}</p>;
  return (
    <ul className="evidence-list">
      {evidence.map((item) => (
        <li key={item.id}>
          {item.kind === 'file' && item.download_url ? (
            <>
              <a href={item.download_url} download={item.file_name ?? undefined}>{item.title || item.file_name}</a>{' '}
              <span className="muted small">
                ({t('action.evidence.fileMeta', {
                  name: item.file_name ?? '',
                  size: item.size_bytes === null ? '' : formatBytes(item.size_bytes, locale),
                })})
              </span>
            </>
          ) : (
            <>
              <a href={item.url ?? undefined} rel="noopener noreferrer" target="_blank">
                {item.title}
                <span className="visually-hidden"> ({t('action.evidence.newWindow')})</span>
              </a>{' '}
              <span className="muted small evidence-url">{item.url}</span>
            </>
          )}
          {onRemove && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => onRemove(item)} aria-disabled={busy || undefined}>
                {t('action.evidence.remove')}<span className="visually-hidden">: {item.title || item.file_name}</span>
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
