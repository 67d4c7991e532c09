/**
 * Importing this module loads the Network's strings (the reader's locale only) before the module
 * that imports it runs. Only the Network's pages, lazily loaded on a hub, import it: a national
 * instance's pages never download them.
 */
import { type Catalogue, needStrings } from '../../i18n';
import './network.css';

await needStrings('network', import.meta.glob<Catalogue>('./*.json', { base: '../../../shared/i18n/network', import: 'default' }));
