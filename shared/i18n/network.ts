/**
 * Strings of the International Network of NMIRFs' pages (a hub only: registry, Executive
 * Committee, meetings, decision records, join requests, minutes). Kept apart from the core and
 * workspace strings so that a national instance's pages never download them: the web app loads
 * them, in the reader's locale only, when a Network page loads (app/i18n.ts).
 * Every locale has exactly the keys of `network/en.json`, and none of the core or workspace keys
 * (checked by i18n.test.ts).
 */
import ar from './network/ar.json' with { type: 'json' };
import en from './network/en.json' with { type: 'json' };
import es from './network/es.json' with { type: 'json' };
import fr from './network/fr.json' with { type: 'json' };
import pt from './network/pt.json' with { type: 'json' };
import type { Locale } from './index';

export type NetworkMessages = typeof en;

export const networkResources: Record<Locale, NetworkMessages> = { en, es, fr, pt, ar };
