/** The language list as zod schemas, for the contracts in shared/ (validation, the web app's types, OpenAPI). */
import { z } from 'zod';
import { locales } from './languages';

/** One of the supported languages. */
export const localeSchema = z.enum(locales);

