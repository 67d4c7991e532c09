import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import type { ActionSummary } from '../../api/types';
import { formatDate } from '../../lib/format';
import { stateLabel, typeLabel } from '../../lib/action-model';

/** Action reports as a list of links to their pages, with state, type and last change. */
export function ReportList({ items, showInstitution = false }: { items: ActionSummary[]; showInstitution?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <ul className="report-list">
      {items.map((item) => (
        <li key={item.id} className="report-item">
          <Link to={`/${locale}/workspace/actions/${item.id}`} lang={item.title_language}>{item.title}</Link>
          <ul className="result-meta">
            <li><span className={`badge state-${item.state}`}>{stateLabel(t, item.state)}</span></li>
            {showInstitution && <li>{item.institution.acronym ?? item.institution.name}</li>}
            <li>{typeLabel(t, item.action_type)}</li>
            <li>{t('workspace.reports.updated', { date: formatDate(item.updated_at, locale) })}</li>
          </ul>
        </li>
      ))}
    </ul>
  );
}
