import { describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n';
import { workspaceResources } from '../../shared/i18n/workspace';
import { contrastRatio, MIN_CONTRAST, primaryContrast } from '../../shared/settings-rules';
import { inInstanceWords } from '../i18n';
import { mix } from './instance-settings';

const texts = {
  name: { es: 'SIMORE Plus', en: 'SIMORE Plus (English)' },
  description: { es: 'Sistema de Monitoreo de Recomendaciones' },
  terminology: { es: { focal_point: 'enlace institucional', focal_points: 'enlaces institucionales', secretariat: 'Unidad Técnica' }, en: { focal_point: 'liaison officer' } },
  defaultLanguage: 'es',
};

describe("the instance's words in the interface", () => {
  it('puts the name and description in place of the interface\'s own, per language, with the default language as fallback', () => {
    const es = inInstanceWords(resources.es.translation, 'es', texts, resources.es.translation) as { app: { name: string; tagline: string } };
    expect(es.app).toMatchObject({ name: 'SIMORE Plus', tagline: 'Sistema de Monitoreo de Recomendaciones' });
    const fr = inInstanceWords(resources.fr.translation, 'fr', texts, resources.fr.translation) as { app: { name: string; tagline: string } };
    expect(fr.app.name).toBe('SIMORE Plus');
    expect(fr.app.tagline).toBe(resources.fr.translation.app.tagline);
  });

  it('replaces the words it calls otherwise, singular and plural, keeping capitals, and leaves the rest alone', () => {
    const catalogue = { a: 'Punto focal', b: 'Los puntos focales de la institución', c: 'La secretaría publica', d: 'Sin términos', terms: { focal_point: 'punto focal' } };
    expect(inInstanceWords(catalogue, 'es', texts, resources.es.translation)).toEqual({
      a: 'Enlace institucional', b: 'Los enlaces institucionales de la institución', c: 'La Unidad Técnica publica', d: 'Sin términos',
      terms: { focal_point: 'punto focal' },
    });
    // Whole words only; other languages keep theirs.
    expect(inInstanceWords({ a: 'focal pointer', b: 'Focal point of the ministry' }, 'en', texts, resources.en.translation)).toEqual({ a: 'focal pointer', b: 'Liaison officer of the ministry' });
    expect(inInstanceWords({ a: 'Point focal' }, 'fr', texts, resources.fr.translation)).toEqual({ a: 'Point focal' });
    // The real workspace catalogue: every "punto focal" is gone from Spanish, none is left half-replaced.
    const rewritten = JSON.stringify(inInstanceWords(workspaceResources.es, 'es', texts, resources.es.translation));
    expect(JSON.stringify(workspaceResources.es)).toMatch(/punto focal/i);
    expect(rewritten.replace(/"terms":\{[^}]*\}/g, '')).not.toMatch(/puntos? focal/i);
    expect(rewritten).toMatch(/enlace institucional/i);
  });

  it('without settings, the catalogue as it is', () => {
    expect(inInstanceWords(resources.en.translation, 'en', null, resources.en.translation)).toBe(resources.en.translation);
  });
});

describe('the primary colour', () => {
  it('is checked for WCAG AA contrast against white and the page background', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(primaryContrast('#1a4f8b')).toBeGreaterThan(MIN_CONTRAST);
    expect(primaryContrast('#767676')).toBeLessThan(MIN_CONTRAST); // 4.54 on white, less on #f5f6f8
    expect(primaryContrast('#ffdd00')).toBeLessThan(2);
  });

  it('gives its darker and lighter shades by mixing', () => {
    expect(mix('#1a4f8b', '#000000', 0)).toBe('#1a4f8b');
    expect(mix('#1a4f8b', '#ffffff', 1)).toBe('#ffffff');
    expect(mix('#204060', '#000000', 0.5)).toBe('#102030');
  });
});
