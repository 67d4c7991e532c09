import { useEffect } from 'react';

/** Sets document.title to "<page> – Open NMIRF" while the page is shown. */
export function useDocumentTitle(title: string | null | undefined, appName: string) {
  useEffect(() => {
    document.title = title ? `${title} – ${appName}` : appName;
  }, [title, appName]);
}
