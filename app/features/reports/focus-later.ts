import { useEffect, useState } from 'react';

/**
 * Moves the focus to the element with a given id once it is rendered: the
 * control a person used (a section's edit button) comes back only after the
 * state change that closes the editor.
 */
export function useFocusLater() {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    if (!target) return;
    document.getElementById(target)?.focus();
    setTarget(null);
  }, [target]);
  return setTarget;
}
