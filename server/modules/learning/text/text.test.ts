import { describe, expect, it } from 'vitest';
import { analyse, cosine, dot, foldText, fromEntries, keepLargest, l2Normalise, normalise, TextVectoriser, tokenise } from './index';
import { normaliseKeepingAccents } from './normalise';
import { fnv1a } from './features';

describe('foldText', () => {
  it('lower-cases, folds accents and ligatures, and turns punctuation into single spaces', () => {
    expect(foldText('Élimination — NIÑOS, œuvre; l’égard (ÇA)  São')).toBe('elimination ninos oeuvre l egard ca sao');
  });
});

describe('normalise', () => {
  const cases: [string, string][] = [
    ['Ratify the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment', 'ratify the cat'],
    ['Ratify CAT', 'ratify cat'],
    ['Ratify the Optional Protocol to the Convention against Torture', 'ratify the opcat'],
    ['Ratify OP-CAT', 'ratify opcat'],
    ['Ratificar el Protocolo Facultativo de la Convención contra la Tortura', 'ratificar el opcat'],
    ['Ratifier le Protocole facultatif se rapportant à la Convention contre la torture', 'ratifier le opcat'],
    ['Ratificar o Protocolo Facultativo à Convenção contra a Tortura', 'ratificar o opcat'],
    [
      'Accede to the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families',
      'accede to the icrmw',
    ],
    [
      'Ratificar la Convención Internacional sobre la protección de los derechos de todos los trabajadores migratorios y de sus familiares',
      'ratificar la icrmw',
    ],
    ['accede to ICRMW', 'accede to icrmw'],
    ['Convention sur l’élimination de toutes les formes de discrimination à l’égard des femmes', 'cedaw'],
    ['Convención sobre la eliminación de todas las formas de discriminación contra la mujer', 'cedaw'],
    ['the CEDAW Committee', 'the cedaw committee'],
    ['Committee on the Elimination of Discrimination against Women', 'cedaw'],
    ['Convenção sobre os Direitos da Criança', 'crc'],
    ['Convention relative aux droits de l’enfant', 'crc'],
    [
      'Ratify the Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography',
      'ratify the opcrcsc',
    ],
    ['Ratify OP-CRC-SC', 'ratify opcrcsc'],
    [
      'Ratificar el Protocolo facultativo de la Convención sobre los Derechos del Niño relativo a la venta de niños, la prostitución infantil y la utilización de niños en la pornografía',
      'ratificar el opcrcsc',
    ],
    [
      'Ratify the Optional Protocol to the Convention on the Rights of the Child on the involvement of children in armed conflict',
      'ratify the opcrcac',
    ],
    ['International Convention on the Elimination of All Forms of Racial Discrimination', 'cerd'],
    ['ICERD', 'cerd'],
    ['Convención sobre los derechos de las personas con discapacidad', 'crpd'],
    ['Convention internationale pour la protection de toutes les personnes contre les disparitions forcées', 'ced'],
    ['International Covenant on Civil and Political Rights', 'iccpr'],
    ['Pacto Internacional de Derechos Civiles y Políticos (PIDCP)', 'iccpr iccpr'],
    ['Second Optional Protocol to the International Covenant on Civil and Political Rights', 'iccprop2'],
    ['ICCPR-OP2', 'iccprop2'],
    ['Pacte international relatif aux droits économiques, sociaux et culturels', 'icescr'],
    ['Protocolo Facultativo del Pacto Internacional de Derechos Económicos, Sociales y Culturales', 'opicescr'],
    ['OP-ICESCR', 'opicescr'],
  ];
  it.each(cases)('%s → %s', (text, expected) => {
    expect(normalise(text)).toBe(expected);
  });

  it('keeps the accents word for word when asked', () => {
    expect(normaliseKeepingAccents('Ratificar la Convención contra la Tortura y proteger a las niñas (CEDAW)')).toBe(
      'ratificar la cat y proteger a las niñas cedaw',
    );
    expect(normalise('Ratificar la Convención contra la Tortura y proteger a las niñas (CEDAW)')).toBe(
      'ratificar la cat y proteger a las ninas cedaw',
    );
  });

  it('leaves words that merely contain an acronym alone and is idempotent', () => {
    const text = 'Educate caterers; the Catalan crcs and indicate categories';
    expect(normalise(text)).toBe('educate caterers the catalan crcs and indicate categories');
    const mixed = 'Ratify the Convention against Torture and OP-CAT';
    expect(normalise(normalise(mixed))).toBe(normalise(mixed));
  });

  it('folds Arabic as search does: harakat and tatweel dropped without cutting words, one spelling of alef, yeh, ta marbuta and hamza', () => {
    const plain = 'تعزيز حقوق الانسان والمراه في مستشفي عام 2024';
    expect(normalise('تَعْزِيزُ حُقُوقِ الإِنْسَانِ والمرأة في مستشفى عـــام ٢٠٢٤')).toBe(plain);
    expect(normalise('تعزيز حقوق الٱنسان والمرآة، في مستشفى عام ۲۰۲۴')).toBe(plain);
    expect(tokenise(normalise('حُقُوقِ الإِنْسَانِ'))).toEqual(['حقوق', 'الانسان']);
    expect(normalise(normalise(plain))).toBe(plain);
  });
});

describe('tokenise and analyse', () => {
  it('drops single letters and keeps digits', () => {
    expect(tokenise('a ratify the opcat 2025 e x')).toEqual(['ratify', 'the', 'opcat', '2025']);
  });

  it('gives word 1-2-grams and character n-grams of each space-padded word', () => {
    const { words, chars } = analyse(
      { text: 'Ratify CAT' },
      { wordNgrams: [1, 2], charNgrams: [3, 4], wordBits: 10, charBits: 10, stem: false, sublinearTf: true, charWeight: 1 },
    );
    expect(words).toEqual(['ratify', 'cat', 'ratify cat']);
    // " ratify ": 3-grams " ra" rat ati tif ify "fy " (6), 4-grams (5); " cat ": 3-grams (3), 4-grams (2)
    expect(chars).toEqual([
      ' ra',
      'rat',
      'ati',
      'tif',
      'ify',
      'fy ',
      ' rat',
      'rati',
      'atif',
      'tify',
      'ify ',
      ' ca',
      'cat',
      'at ',
      ' cat',
      'cat ',
    ]);
  });

  it('stems words in the document language, never treaty tokens', () => {
    const options = {
      wordNgrams: [1, 1] as [number, number],
      charNgrams: [9, 9] as [number, number],
      wordBits: 10,
      charBits: 10,
      stem: true,
      sublinearTf: true,
      charWeight: 1,
    };
    expect(analyse({ text: 'Discriminación de niñas y CEDAW', language: 'es' }, options).words).toEqual([
      'discrimin',
      'de',
      'niñ'.normalize('NFKD').replace(/\p{M}/gu, ''),
      'cedaw',
    ]);
    expect(analyse({ text: 'ratifying conventions', language: 'en' }, options).words).toEqual(['ratifi', 'conven']);
    expect(analyse({ text: 'ratifying conventions' }, options).words).toEqual(['ratifying', 'conventions']);
  });
});

describe('fnv1a', () => {
  it('matches the published FNV-1a test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});

describe('sparse vectors', () => {
  const a = fromEntries([
    [5, 3],
    [1, 4],
  ]);
  const b = fromEntries([
    [1, 1],
    [7, 2],
    [5, 0],
  ]);
  it('keeps indices ascending and drops zeros', () => {
    expect([...a.indices]).toEqual([1, 5]);
    expect([...b.indices]).toEqual([1, 7]);
  });
  it('computes dot, cosine and unit length by hand', () => {
    expect(dot(a, b)).toBe(4);
    expect(cosine(a, b)).toBeCloseTo(4 / (5 * Math.sqrt(5)), 6);
    expect([...l2Normalise(a).values]).toEqual([expect.closeTo(0.8, 6), expect.closeTo(0.6, 6)]);
    expect(cosine(a, fromEntries([]))).toBe(0);
  });
  it('keeps the largest entries', () => {
    const kept = keepLargest(
      fromEntries([
        [1, 1],
        [2, 5],
        [3, 2],
      ]),
      2,
    );
    expect([...kept.indices]).toEqual([2, 3]);
    expect(kept.values[0]).toBeCloseTo(5 / Math.sqrt(29), 6);
  });
});

describe('TextVectoriser', () => {
  const options = {
    wordNgrams: [1, 1] as [number, number],
    charNgrams: [9, 9] as [number, number],
    wordBits: 20,
    charBits: 4,
    stem: false,
    sublinearTf: true,
    charWeight: 1,
  };

  it('weighs words by smooth idf and sublinear tf, to unit length (hand-computed)', () => {
    // Three documents; "aa" is everywhere, "bb" in two, "cc" in one.
    const { vectoriser, vectors } = TextVectoriser.fitTransform([{ text: 'aa bb' }, { text: 'aa bb bb' }, { text: 'aa cc' }], options);
    const idfAa = Math.log(4 / 4) + 1;
    const idfBb = Math.log(4 / 3) + 1;
    const idfCc = Math.log(4 / 2) + 1;
    // document 2: tf(bb) = 1 + ln 2
    const v2 = [idfAa, (1 + Math.log(2)) * idfBb];
    const n2 = Math.hypot(...v2);
    const v3 = [idfAa, idfCc];
    const n3 = Math.hypot(...v3);
    expect(cosine(vectors[1], vectors[2])).toBeCloseTo((v2[0] * v3[0]) / (n2 * n3), 5);
    const v1 = [idfAa, idfBb];
    expect(dot(vectors[0], vectors[1])).toBeCloseTo((v1[0] * v2[0] + v1[1] * v2[1]) / (Math.hypot(...v1) * n2), 5);
    // transform() of a fitted text gives the same vector; an unseen word gets the idf of df = 0
    expect(dot(vectoriser.transform({ text: 'aa bb bb' }), vectors[1])).toBeCloseTo(1, 6);
    const unseen = vectoriser.transform({ text: 'aa zz' });
    const vu = [idfAa, Math.log(4 / 1) + 1];
    expect(Math.max(...unseen.values)).toBeCloseTo(vu[1] / Math.hypot(...vu), 5);
  });

  it('gives each block unit length before joining them with the character weight', () => {
    const both = { ...options, charNgrams: [3, 3] as [number, number], charBits: 20, charWeight: 1 };
    const v = TextVectoriser.fit([{ text: 'hello world' }], both).transform({ text: 'hello world' });
    const wordBlock = Math.hypot(...[...v.values].filter((_, k) => v.indices[k] < 1 << 20));
    const charBlock = Math.hypot(...[...v.values].filter((_, k) => v.indices[k] >= 1 << 20));
    expect(wordBlock).toBeCloseTo(Math.SQRT1_2, 5);
    expect(charBlock).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('makes a treaty acronym and its full name the same text', () => {
    const docs = [{ text: 'Ratify the Convention against Torture' }, { text: 'Ratify the CAT' }, { text: 'Abolish the death penalty' }];
    const { vectors } = TextVectoriser.fitTransform(docs);
    expect(cosine(vectors[0], vectors[1])).toBeCloseTo(1, 5);
    expect(cosine(vectors[0], vectors[2])).toBeLessThan(0.3);
  });

  it('survives serialisation', () => {
    const docs = [
      { text: 'Combat violence against women', language: 'en' },
      { text: 'Combatir la violencia contra la mujer', language: 'es' },
    ];
    const fitted = TextVectoriser.fit(docs, { wordBits: 12, charBits: 12 });
    const copy = TextVectoriser.deserialise(fitted.serialise());
    expect(copy.options).toEqual(fitted.options);
    expect(copy.documents).toBe(2);
    expect([...copy.idf]).toEqual([...fitted.idf]);
    expect(dot(copy.transform(docs[1]), fitted.transform(docs[1]))).toBeCloseTo(1, 6);
  });
});
