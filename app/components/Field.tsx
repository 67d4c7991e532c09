/**
 * One form field with its accessible wiring: the label points at the control,
 * the hint and the error are read with it (aria-describedby), the control says
 * when it is invalid, and the error's id lets a summary or a focus move find
 * it. The control is the child, given the props to spread on it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  required: boolean | undefined;
}

/** The ids a control is described by: its own hint, other hints it shares, its error; undefined when none. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

export const errorId = (id: string) => `${id}-error`;

/** A field's error, where aria-describedby expects it. */
export function FieldError({ id, error, announce }: { id: string; error: string | undefined | null; announce?: boolean }) {
  return error ? <p id={errorId(id)} className="field-error" role={announce ? 'alert' : undefined}>{error}</p> : null;
}

export function Field({
  id, label, hint, error, required, showRequired, describedByIds, className, announce, children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Marks the control required (the browser and assistive technology say so). */
  required?: boolean;
  /** Also says "(required)" after the label. */
  showRequired?: boolean;
  /** Other hints the control is described by (a hint shared by several fields). */
  describedByIds?: string[];
  className?: string;
  /** The error is announced as it appears (for a form whose errors come one at a time). */
  announce?: boolean;
  children: (props: ControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : null;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label}
        {showRequired && <span className="muted small"> ({t('actionForm.required')})</span>}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(hintId, ...(describedByIds ?? []), error && errorId(id)),
        required: required || undefined,
      })}
      {hint && <p id={hintId!} className="hint small muted">{hint}</p>}
      <FieldError id={id} error={error} announce={announce} />
    </div>
  );
}
