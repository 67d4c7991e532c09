/**
 * The top of a form after a failed submit: how many fields need attention
 * (each field says why, next to it), and what the server refused, with a
 * reload offer when someone else saved first (409).
 */
import type { Ref } from 'react';
import { useTranslation } from '../i18n';
import type { SaveFailure } from '../api/use-save';
import { ErrorNotice } from './Notice';

export function FormErrors({ heading, errors, failure, failureTitle, onReload, summaryRef }: {
  /** The title of the count of invalid fields. */
  heading: string;
  errors: Record<string, string | undefined>;
  failure?: SaveFailure | null;
  failureTitle?: string;
  /** Offered on a version conflict. */
  onReload?: () => void;
  /** Given, the summary is a focus target (tabIndex -1) that a failed submit can move to. */
  summaryRef?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const count = Object.values(errors).filter(Boolean).length;
  const content = (
    <>
      {count > 0 && <ErrorNotice title={heading} message={t('actionForm.errors.count', { number: count })} />}
      {failure && (
        <ErrorNotice title={failureTitle ?? t('actionForm.saveError')} message={failure.message}>
          {failure.conflict && onReload && (
            <p><button type="button" className="secondary" onClick={onReload}>{t('actionForm.reload')}</button></p>
          )}
        </ErrorNotice>
      )}
    </>
  );
  return summaryRef ? <div ref={summaryRef} tabIndex={-1} className="notice-region">{content}</div> : content;
}

/** Moves the focus to the first field in error (by its element id); true when there was one. */
export function focusFirstError(errors: Record<string, string | undefined>, idOf: (name: string) => string): boolean {
  const first = Object.keys(errors).find((name) => errors[name]);
  if (!first) return false;
  document.getElementById(idOf(first))?.focus();
  return true;
}
