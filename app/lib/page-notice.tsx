/**
 * The outcome of something a person did on a page (saved, closed, refused…):
 * announced to screen readers (status for success, alert for failure) and,
 * when it replaces the controls the person just used, given the focus so
 * keyboard users are not left on a control that disappeared. A refusal because
 * someone else saved first (409) offers to reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import { ApiError } from '../api/http';

export type Notice =
  | { kind: 'status'; message: string }
  | { kind: 'error'; title: string; message: string; conflict: boolean };

export function usePageNotice(initial: Notice | null = null) {
  const [notice, setNotice] = useState<Notice | null>(initial);
  const ref = useRef<HTMLDivElement>(null);
  const [focusRequests, setFocusRequests] = useState(0);
  useEffect(() => {
    if (focusRequests) ref.current?.focus();
  }, [focusRequests]);
  const show = useCallback((next: Notice | null, focus = false) => {
    setNotice(next);
    if (focus) setFocusRequests((n) => n + 1);
  }, []);
  return { notice, ref, show };
}

/** A failure as a notice: the server's message (already in the reader's language), a reload offer on 409. */
export function failureNotice(title: string, error: unknown, fallback: string): Notice {
  return {
    kind: 'error', title,
    message: error instanceof ApiError ? error.message : fallback,
    conflict: error instanceof ApiError && error.status === 409,
  };
}

export function NoticeRegion({ state, onReload }: { state: ReturnType<typeof usePageNotice>; onReload: () => void }) {
  const { t } = useTranslation();
  const { notice, ref, show } = state;
  return (
    <div ref={ref} tabIndex={-1} className="notice-region">
      {notice?.kind === 'status' && <div role="status" className="alert alert-success"><p>{notice.message}</p></div>}
      {notice?.kind === 'error' && (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{notice.title}</p>
          <p>{notice.message}</p>
          {notice.conflict && (
            <p>
              <button type="button" className="secondary" onClick={() => { show(null); onReload(); }}>
                {t('actionForm.reload')}
              </button>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
