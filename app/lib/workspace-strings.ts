/**
 * Importing this module loads the workspace strings (the reader's locale only) before the module
 * that imports it runs. Only the lazily loaded workspace pages and the recommendation page import
 * it, so the search page's first bundle stays without them.
 */
import { type Catalogue, needStrings } from '../i18n';

await needStrings('workspace', import.meta.glob<Catalogue>('./*.json', { base: '../../shared/i18n/workspace', import: 'default' }));
