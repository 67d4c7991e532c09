import { execFileSync } from 'node:child_process';

/**
 * Whether Poppler's `pdftotext` is installed (tests read PDFs back with it). CI installs poppler-utils, and there a
 * missing pdftotext fails the tests that need it; elsewhere they are skipped and say what to install.
 */
export const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
