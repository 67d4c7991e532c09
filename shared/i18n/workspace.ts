/**
 * Strings of the signed-in workspace (action reports, assignments, their
 * labels) and of the published actions on recommendation pages. Kept apart
 * from the core strings so that the public search page does not download
 * them: the web app loads them, in the reader's locale only, when a page that needs them loads
 * (app/i18n.ts).
 * Every locale has exactly the keys of `workspace/en.json`, and none of the
 * core keys (checked by i18n.test.ts).
 */
import ar from './workspace/ar.json' with { type: 'json' };
import en from './workspace/en.json' with { type: 'json' };
import es from './workspace/es.json' with { type: 'json' };
import fr from './workspace/fr.json' with { type: 'json' };
import pt from './workspace/pt.json' with { type: 'json' };
import type { Locale } from './index';

export type WorkspaceMessages = typeof en;

export const workspaceResources: Record<Locale, WorkspaceMessages> = { en, es, fr, pt, ar };
