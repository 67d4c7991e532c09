/** Formatting helpers that follow the user-interface locale (shared with the server's documents). */
export { formatDate, formatNumber } from '../../shared/format';
