/**
 * The field a person types a one-time code in: the code of their authenticator
 * app when turning the second factor on, or, signing in, that code or a
 * recovery code (letters too: `numeric` off).
 */
import type { Ref } from 'react';

export function OneTimeCodeField({ id, label, hint, numeric, inputRef, value, onChange, invalid }: {
  id: string;
  label: string;
  hint?: string;
  numeric?: boolean;
  inputRef: Ref<HTMLInputElement>;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <p id={hintId} className="hint">{hint}</p>}
      <input
        id={id}
        ref={inputRef}
        name="code"
        type="text"
        inputMode={numeric ? 'numeric' : 'text'}
        autoComplete="one-time-code"
        aria-describedby={hintId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        required
      />
    </div>
  );
}
