import { useId, useState } from 'react';
import { useTranslation } from '../../i18n';
import type { FacetValue } from '../../api/types';
import { formatNumber } from '../../lib/format';

const VISIBLE = 8;

interface Props {
  legend: string;
  /** Values with counts from the API, best first. */
  values: FacetValue[];
  selected: string[];
  /** Label of a selected value that the current results no longer count. */
  labelOf: (key: string) => string;
  onToggle: (key: string) => void;
}

/** One facet: a fieldset of checkboxes "label (count)"; long lists show the first few and a toggle. */
export function FacetGroup({ legend, values, selected, labelOf, onToggle }: Props) {
  const { t, i18n } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const id = useId();

  const options: FacetValue[] = [...values];
  for (const key of selected) {
    if (!values.some((value) => value.key === key)) options.push({ key, label: labelOf(key), count: 0 });
  }
  const shown = expanded ? options : options.filter((option, index) => index < VISIBLE || selected.includes(option.key));
  const listId = `${id}-list`;

  return (
    <fieldset className="facet">
      <legend>{legend}</legend>
      {options.length === 0 ? (
        <p className="muted small">{t('search.noOptions')}</p>
      ) : (
        <ul id={listId} className="facet-options">
          {shown.map((option) => {
            const inputId = `${id}-${option.key.replace(/[^\w-]/g, '_')}`;
            return (
              <li key={option.key}>
                <input
                  type="checkbox"
                  id={inputId}
                  value={option.key}
                  checked={selected.includes(option.key)}
                  onChange={() => onToggle(option.key)}
                />
                <label htmlFor={inputId}>
                  {t('search.facetOption', { label: option.label, number: formatNumber(option.count, i18n.language) })}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {options.length > VISIBLE && (
        <button
          type="button"
          className="link-button small"
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('search.showFewer') : t('search.showAll', { number: formatNumber(options.length, i18n.language) })}
        </button>
      )}
    </fieldset>
  );
}
