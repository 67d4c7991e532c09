/**
 * What the server itself says to people: refusals and errors of the API, field names in validation
 * messages, and the emails it sends (subject and body), in every locale. Parameters are written
 * `{name}`; a message about a `count` has its singular under `<key>_one`. Only the server reads them
 * (server/platform/http/messages.ts); the web app never downloads them.
 * Every locale has exactly the keys of `server/en.json` with the same parameters (checked by i18n.test.ts).
 */
import ar from './server/ar.json' with { type: 'json' };
import en from './server/en.json' with { type: 'json' };
import es from './server/es.json' with { type: 'json' };
import fr from './server/fr.json' with { type: 'json' };
import pt from './server/pt.json' with { type: 'json' };
import type { Locale } from './languages';

export type ServerMessages = typeof en;
export type ServerMessageKey = keyof ServerMessages;

export const serverResources: Record<Locale, ServerMessages> = { en, es, fr, pt, ar };
