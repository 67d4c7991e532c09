import { lazy, Suspense, useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http';
import { calendarFeedUrl, type ObligationFilters } from '../../api/obligations';
import type { Obligation } from '../../api/types';
import { DownloadLinks } from '../../components/DownloadLinks';
import { formatDate, formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import { isKind, isStatus, OBLIGATION_KINDS, OBLIGATION_STATUSES } from './labels';
import { useObligationList } from './queries';
import { StatusBadge } from './StatusBadge';
import '../../lib/workspace-strings';

// Only the secretariat records obligations and corrects ratifications: visitors do not download those forms.
const CalendarManage = lazy(() => import('./CalendarManage'));

type Group = 'late' | 'upcoming' | 'undated' | 'met';
const GROUPS: Group[] = ['late', 'upcoming', 'undated', 'met'];

function groupOf(o: Obligation): Group {
  if (o.status === 'met') return 'met';
  if (o.status === 'late') return 'late';
  return o.due_on ? 'upcoming' : 'undated';
}

/**
 * The State's reporting calendar, for everyone: late obligations first, then
 * the coming ones by due date, those whose date is still to be set, and the
 * met ones with the day they were met. Filters live in the address, so that a
 * filtered calendar can be shared and its feed subscribed to.
 */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const kind = params.get('kind');
  const filters: ObligationFilters = { status: isStatus(status) ? status : undefined, kind: isKind(kind) ? kind : undefined };
  const list = useObligationList(filters, locale);
  const session = useSession();
  const title = t('calendar.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading);

  function setFilter(name: 'status' | 'kind', value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  const items = list.data?.items ?? [];
  const groups = GROUPS.map((group) => ({ group, items: items.filter((o) => groupOf(o) === group) }))
    .filter((g) => g.items.length > 0);
  // Met ones: the most recently met first.
  for (const g of groups) if (g.group === 'met') g.items.sort((a, b) => (b.met_on ?? '').localeCompare(a.met_on ?? ''));

  return (
    <div className="page calendar-page">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      <p className="intro">{t('calendar.intro')}</p>

      <form className="calendar-filters" aria-label={t('calendar.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="calendar-status">{t('calendar.fields.status')}</label>
          <select id="calendar-status" value={filters.status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t('calendar.allStatuses')}</option>
            {OBLIGATION_STATUSES.map((s) => <option key={s} value={s}>{t(`calendar.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="calendar-kind">{t('calendar.fields.kind')}</label>
          <select id="calendar-kind" value={filters.kind ?? ''} onChange={(e) => setFilter('kind', e.target.value)}>
            <option value="">{t('calendar.allKinds')}</option>
            {OBLIGATION_KINDS.map((k) => <option key={k} value={k}>{t(`calendar.kinds.${k}`)}</option>)}
          </select>
        </div>
      </form>

      <p className="subscribe">
        <a href={calendarFeedUrl(filters, locale)} type="text/calendar" aria-describedby="calendar-subscribe-hint">
          {t('calendar.subscribe')}
        </a>
        <span id="calendar-subscribe-hint" className="hint small muted">{t('calendar.subscribeHint')}</span>
      </p>

      <p role="status" className="results-count">
        {list.isPending ? t('calendar.loading') : list.data ? t('calendar.count', { count: items.length, number: formatNumber(items.length, locale) }) : ''}
      </p>
      {list.isError && (
        <FormAlert title={t('calendar.errorHeading')} message={list.error instanceof ApiError ? list.error.message : t('auth.genericError')} />
      )}
      {list.data && items.length === 0 && <p>{t('calendar.none')}</p>}
      {items.length > 0 && <DownloadLinks path="/api/v1/obligations" query={{ ...filters }} list={t('exports.calendar')} />}

      {groups.map(({ group, items: rows }) => (
        <section key={group} className="panel calendar-group" aria-labelledby={`calendar-${group}-heading`} data-group={group}>
          <h2 id={`calendar-${group}-heading`}>{t(`calendar.groups.${group}`)}</h2>
          {group === 'undated' && <p className="hint small muted">{t('calendar.undatedHint')}</p>}
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t(`calendar.groups.${group}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.fields.obligation')}</th>
                  <th scope="col">{t('calendar.fields.mechanism')}</th>
                  <th scope="col">{t('calendar.fields.dueOn')}</th>
                  <th scope="col">{t('calendar.fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((o) => (
                  <tr key={o.id} data-obligation={o.id} className={o.status === 'late' ? 'row-overdue' : undefined}>
                    <th scope="row">
                      <Link to={`/${locale}/obligations/${o.id}`}>{o.title}</Link>
                      <span className="small muted obligation-kind"> · {t(`calendar.kinds.${o.kind}`)}</span>
                    </th>
                    <td>{o.mechanism ? <abbr title={o.mechanism.name}>{o.mechanism.short}</abbr> : '—'}</td>
                    <td>
                      {o.due_on ? <time dateTime={o.due_on}>{formatDate(o.due_on, locale)}</time> : t('calendar.toBeSet')}
                      {o.due_on_estimated && <span className="small muted" data-estimated=""> ({t('calendar.estimated')})</span>}
                    </td>
                    <td>
                      <StatusBadge status={o.status} />
                      {o.met_on && <> {t('calendar.metOn', { date: formatDate(o.met_on, locale) })}</>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      {can(session.data, 'obligation:manage') && session.data && (
        <Suspense fallback={<p role="status">{t('workspace.loadingList')}</p>}>
          <CalendarManage
            csrf={session.data.csrf_token}
            onCreated={(created) => void navigate(`/${locale}/obligations/${created.id}`, { state: { created: true } })}
          />
        </Suspense>
      )}
    </div>
  );
}
