/**
 * Importing this module adds the workspace strings to i18next. Only the
 * lazily loaded workspace pages and the recommendation page import it, so the
 * search page's first bundle stays without them.
 */
import { workspaceResources } from '../../../shared/i18n/workspace';
import { addStrings } from '../../i18n';

addStrings(workspaceResources);
