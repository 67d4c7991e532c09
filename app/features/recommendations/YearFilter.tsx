import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacetValue } from '../../api/types';

interface Props {
  from: string;
  to: string;
  /** The year facet of the current results, to show the range they cover. */
  years: FacetValue[] | undefined;
  onApply: (from: string, to: string) => void;
}

export function YearFilter({ from, to, years, onApply }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [fromValue, setFromValue] = useState(from);
  const [toValue, setToValue] = useState(to);
  const [invalid, setInvalid] = useState(false);

  // Follow the URL (back/forward, removed chips).
  useEffect(() => setFromValue(from), [from]);
  useEffect(() => setToValue(to), [to]);

  const numericYears = (years ?? []).map((y) => Number(y.key)).filter((y) => Number.isInteger(y));
  const first = numericYears.length ? Math.min(...numericYears) : undefined;
  const last = numericYears.length ? Math.max(...numericYears) : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const a = fromValue.trim();
    const b = toValue.trim();
    if (a && b && Number(a) > Number(b)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onApply(a, b);
  }

  const errorId = `${id}-error`;
  const rangeId = `${id}-range`;
  const describedBy = [invalid ? errorId : '', first !== undefined ? rangeId : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form className="facet year-filter" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('search.facets.year')}</legend>
        {first !== undefined && (
          <p id={rangeId} className="muted small">
            {t('search.yearRange', { first, last })}
          </p>
        )}
        <div className="year-inputs">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('search.yearFrom')}</label>
            <input
              id={`${id}-from`}
              name="year_from"
              type="number"
              inputMode="numeric"
              min={1900}
              max={2100}
              step={1}
              value={fromValue}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(e) => setFromValue(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('search.yearTo')}</label>
            <input
              id={`${id}-to`}
              name="year_to"
              type="number"
              inputMode="numeric"
              min={1900}
              max={2100}
              step={1}
              value={toValue}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(e) => setToValue(e.target.value)}
            />
          </div>
        </div>
        {invalid && (
          <p id={errorId} className="field-error" role="alert">
            {t('search.yearError')}
          </p>
        )}
        <button type="submit" className="secondary">{t('search.yearApply')}</button>
      </fieldset>
    </form>
  );
}
