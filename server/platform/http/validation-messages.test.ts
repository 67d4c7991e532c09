/**
 * Out-of-range or malformed input is explained in the reader's words and
 * language: what is wrong and what is accepted, never zod's technical wording
 * (">=1900", "expected string to have <=500 characters").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app';
import { locales as LOCALES } from '../../../shared/i18n/languages';
import { message } from './messages';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => t.close());

const get = async (url: string, locale: string) => {
  const response = await t.app.inject({ url, headers: { 'accept-language': locale } });
  expect(response.statusCode, url).toBe(400);
  expect(response.json().error).toBe('bad_request');
  return response.json().message as string;
};

const EXPECTED: Record<string, Record<string, string>> = {
  'year_from=99': {
    en: 'Invalid parameter: the start year must be between 1900 and 2100.',
    es: 'Parámetro no válido: el año inicial debe estar entre 1900 y 2100.',
    fr: 'Paramètre non valide : l’année de début doit se situer entre 1900 et 2100.',
    pt: 'Parâmetro inválido: o ano inicial deve estar entre 1900 e 2100.',
  },
  'year_to=3000': {
    en: 'Invalid parameter: the end year must be between 1900 and 2100.',
    es: 'Parámetro no válido: el año final debe estar entre 1900 y 2100.',
    fr: 'Paramètre non valide : l’année de fin doit se situer entre 1900 et 2100.',
    pt: 'Parâmetro inválido: o ano final deve estar entre 1900 e 2100.',
  },
  'year_to=abc': {
    en: 'Invalid parameter: the end year must be a number.',
    es: 'Parámetro no válido: el año final debe ser un número.',
    fr: 'Paramètre non valide : l’année de fin doit être un nombre.',
    pt: 'Parâmetro inválido: o ano final deve ser um número.',
  },
  [`q=${'a'.repeat(10_000)}`]: {
    en: 'Invalid parameter: the search text is too long (at most 500 characters).',
    es: 'Parámetro no válido: el texto de búsqueda es demasiado largo (máximo 500 caracteres).',
    fr: 'Paramètre non valide : le texte recherché est trop long (au plus 500 caractères).',
    pt: 'Parâmetro inválido: o texto da pesquisa é longo demais (no máximo 500 caracteres).',
  },
  // A parameter no page asks people to type is named as the API names it, the rule still in plain words.
  'page_size=1000': {
    en: 'Invalid parameter page_size: must be between 1 and 100',
    es: 'Parámetro no válido page_size: debe estar entre 1 y 100',
    fr: 'Paramètre non valide page_size : doit se situer entre 1 et 100',
    pt: 'Parâmetro inválido page_size: deve estar entre 1 e 100',
  },
  'position=supported&position=maybe': {
    en: 'Invalid parameter position: must be one of: supported, noted, supported_in_part',
    es: 'Parámetro no válido position: debe ser uno de estos valores: supported, noted, supported_in_part',
    fr: 'Paramètre non valide position : doit être l’une de ces valeurs : supported, noted, supported_in_part',
    pt: 'Parâmetro inválido position: deve ser um destes valores: supported, noted, supported_in_part',
  },
};

describe('search filters out of range or malformed', () => {
  it.each(Object.keys(EXPECTED).map((query) => [query.slice(0, 40), query]))('%s is explained in the reader\'s words, in each language, on the search and the dashboard', async (_, query) => {
    for (const locale of Object.keys(EXPECTED[query])) {
      expect(await get(`/api/v1/recommendations?${query}`, locale)).toBe(EXPECTED[query][locale]);
      expect(await get(`/api/v1/recommendations.csv?${query}`, locale)).toBe(EXPECTED[query][locale]);
      expect(await get(`/api/v1/public/dashboard?${query}`, locale)).toBe(EXPECTED[query][locale]);
    }
  });

  it('in every language of the list (Arabic too, whose words are not written above), is told with that language\'s sentence', async () => {
    for (const locale of LOCALES) {
      // The catalogue's sentences about a parameter, any words in their {placeholders}.
      const sentences = (['invalid_value', 'invalid_parameter'] as const).map((key) => new RegExp(`^${
        message(key, locale).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.+')}$`));
      for (const query of Object.keys(EXPECTED)) {
        const answer = await get(`/api/v1/recommendations?${query}`, locale);
        expect(sentences.some((sentence) => sentence.test(answer)), `${query} in ${locale}: ${answer}`).toBe(true);
      }
    }
  });

  it('never shows zod\'s technical wording', async () => {
    for (const query of ['year_from=99', 'year_to=1999.5', 'page=0', 'cycle=99', 'country=PARAGUAY', 'sdg=goal', `q=${'é'.repeat(600)}`]) {
      for (const locale of LOCALES) expect(await get(`/api/v1/recommendations?${query}`, locale), query).not.toMatch(/[<>]=|expected (number|string|int|array)|se esperaba|received|NaN|invalid input|too (big|small)|demasiado (grande|pequeño)/i);
    }
  });
});

describe('bodies', () => {
  it('name the field and say what it needs', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'fr' }, payload: { email: 'ana@example.org' } });
    expect(missing.json().message).toBe('Paramètre non valide password : est obligatoire');
  });
});
