/**
 * The indicators whose measurements show an activity's progress: those of its lead and co-responsible
 * institutions (the indicators module's list), ticked or not; a linked indicator of another institution
 * stays listed so that it can be unlinked.
 */
import { useQueries } from '@tanstack/react-query';
import { listIndicators } from '../../api/followup';
import { shouldRetry } from '../../api/http';
import { keys } from '../../api/query-keys';
import { useTranslation } from '../../i18n';

export function IndicatorChoices({ prefix, institutionIds, selected, onChange }: {
  prefix: string;
  institutionIds: number[];
  selected: number[];
  onChange: (ids: number[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const lists = useQueries({
    queries: institutionIds.map((institutionId) => {
      const filters = { institution_id: institutionId, page_size: 100 };
      return {
        queryKey: keys.indicators.list(filters, locale),
        queryFn: ({ signal }: { signal: AbortSignal }) => listIndicators(filters, locale, signal),
        retry: shouldRetry,
      };
    }),
  });
  const loading = lists.some((list) => list.isPending);
  const offered = lists.flatMap((list) => list.data?.items ?? []).filter((item, index, all) => all.findIndex((other) => other.id === item.id) === index);
  const others = selected.filter((id) => !offered.some((item) => item.id === id));
  const choices = [
    ...offered.map((item) => ({ id: item.id, label: `${item.name} (${item.unit}) · ${item.institution.acronym ?? item.institution.name}` })),
    ...others.map((id) => ({ id, label: t('plans.indicators.other', { id }) })),
  ];
  const toggle = (id: number, checked: boolean) => onChange(checked ? [...selected, id] : selected.filter((other) => other !== id));
  return (
    <fieldset className="form-group" aria-busy={loading || undefined}>
      <legend>{t('plans.indicators.legend')}</legend>
      <p className="hint small muted">{t('plans.indicators.hint')}</p>
      {choices.length === 0
        ? <p className="muted small">{loading ? t('plans.indicators.loading') : t('plans.indicators.none')}</p>
        : (
          <ul className="check-list">
            {choices.map((choice) => (
              <li key={choice.id}>
                <input type="checkbox" id={`${prefix}-indicator-${choice.id}`} checked={selected.includes(choice.id)} onChange={(e) => toggle(choice.id, e.target.checked)} />
                <label htmlFor={`${prefix}-indicator-${choice.id}`}>{choice.label}</label>
              </li>
            ))}
          </ul>
        )}
    </fieldset>
  );
}
