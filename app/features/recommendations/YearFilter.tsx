import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
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
          <YearInput id={`${id}-from`} name="year_from" label={t('search.yearFrom')} value={fromValue}
            invalid={invalid} describedBy={describedBy} onChange={setFromValue} />
          <YearInput id={`${id}-to`} name="year_to" label={t('search.yearTo')} value={toValue}
            invalid={invalid} describedBy={describedBy} onChange={setToValue} />
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

interface YearInputProps {
  id: string;
  name: string;
  label: string;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (value: string) => void;
}

/** One end of the year range: a labelled number field that shares the range's error and hint. */
function YearInput({ id, name, label, value, invalid, describedBy, onChange }: YearInputProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={1900}
        max={2100}
        step={1}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
