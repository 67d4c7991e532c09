/**
 * Errors that become HTTP answers. Everything else is a 500 with a generic
 * message (the detail goes to the log, never to the client).
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestLocale, type Locale } from './locale';
import { message, type MessageKey } from './messages';
import { validationMessage } from './validation-messages';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    /** Extra fields of the answer, e.g. the current version on a 409. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(messageKey);
  }
}

export const notFound = (key: MessageKey = 'not_found') => new HttpError(404, 'not_found', key);
export const badRequest = (key: MessageKey, params: Record<string, string | number> = {}) =>
  new HttpError(400, 'bad_request', key, params);
/** A save based on an old version: the caller gets the current one and must reload. */
export const staleVersion = (currentVersion: number) =>
  new HttpError(409, 'conflict', 'stale_version', {}, { current_version: currentVersion });

/** zod's own translations, for the messages of rules a schema words itself (refine). */
const zodLocales = { en: z.locales.en, es: z.locales.es, fr: z.locales.fr, pt: z.locales.pt, ar: z.locales.ar } as const;

/** What is wrong with the input, in the caller's language and words (validation-messages.ts). */
function localizedValidation(request: FastifyRequest, locale: Locale, context: string): string | null {
  const schemas = request.routeOptions.schema as Record<string, unknown> | undefined;
  const schema = schemas?.[context] as z.ZodType | undefined;
  const input = (request as unknown as Record<string, unknown>)[context === 'querystring' ? 'query' : context];
  if (!schema || typeof schema.safeParse !== 'function') return null;
  const result = schema.safeParse(input, { error: zodLocales[locale]().localeError } as never);
  if (result.success) return null;
  return validationMessage(result.error.issues[0], schema, input, context, locale);
}

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = requestLocale(request);
    if (error instanceof HttpError) {
      return reply.status(error.statusCode)
        .send({ error: error.code, message: message(error.messageKey, locale, error.params), ...error.details });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const detail = localizedValidation(request, locale, error.validationContext ?? 'querystring')
        ?? message('bad_request', locale);
      return reply.status(400).send({ error: 'bad_request', message: detail });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ error: 'too_many_requests', message: message('too_many_requests', locale) });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed requests caught by Fastify itself (bad JSON, body too large, …).
      return reply.status(error.statusCode).send({ error: 'bad_request', message: message('bad_request', locale) });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal_error', message: message('internal_error', locale) });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: 'not_found', message: message('not_found', requestLocale(request)) });
  });
}
