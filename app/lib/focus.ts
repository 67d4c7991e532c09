import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

let navigated = false;

/** Notes the first navigation inside the app; call once, high in the tree. */
export function useNavigationTracker() {
  const location = useLocation();
  const initial = useRef(location.key);
  if (location.key !== initial.current) navigated = true;
}

/**
 * Moves keyboard and screen-reader focus to a page's heading when the page is
 * reached by navigation inside the app (not on the first load, where the
 * browser's own focus handling is right). Pass `ready` false while the heading
 * is not rendered yet.
 */
export function useFocusOnNavigation(ref: RefObject<HTMLElement | null>, ready = true) {
  useEffect(() => {
    if (ready && navigated) ref.current?.focus();
  }, [ready, ref]);
}
