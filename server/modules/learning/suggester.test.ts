import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/seeded-random';
import { trainOneVsRest } from './classifier';
import { referenceTexts } from './reference-texts';
import {
  bandQuality,
  fitCalibration,
  type LabelledText,
  microF1,
  predictedSets,
  rankingQuality,
  Suggester,
  suggestionText,
  trainSuggester,
  tuneHighThreshold,
} from './suggester';
import { trainInWorker } from './train-in-worker';

const inProcess = async (...args: Parameters<typeof trainOneVsRest>) => trainOneVsRest(...args);

/** A small labelled corpus written for the test: three topics, texts in English and Spanish. */
function corpus(): LabelledText[] {
  const topics: Record<string, string[]> = {
    torture: [
      'prevent torture in places of detention',
      'investigate allegations of torture by police',
      'ratify the Optional Protocol to the Convention against Torture',
      'prevenir la tortura en los centros de detención',
    ],
    education: [
      'guarantee free primary education for all children',
      'improve access to school for girls',
      'increase the education budget and train teachers',
      'garantizar la educación primaria gratuita',
    ],
    women: [
      'combat violence against women',
      'ensure equal pay for women',
      'adopt a law against domestic violence against women',
      'combatir la violencia contra las mujeres',
    ],
  };
  const random = seededRandom(9);
  const items: LabelledText[] = [];
  let id = 1;
  for (let round = 0; round < 12; round++) {
    for (const [label, texts] of Object.entries(topics)) {
      const text = texts[Math.floor(random() * texts.length)];
      const extra = round % 3 === 0 && label === 'education' ? ['women'] : [];
      items.push({
        id: id++,
        text: `${text} (State ${round})`,
        language: /ó|ñ|las |la /.test(text) ? 'es' : 'en',
        labels: [label, ...extra],
      });
    }
  }
  return items;
}

describe('suggestionText', () => {
  it('leaves out the recommending States in brackets at the end, nothing else', () => {
    expect(suggestionText('Ratify the OP-CAT (France) (Lithuania);')).toBe('Ratify the OP-CAT');
    expect(suggestionText('Ratify the Convention (CAT) and report')).toBe('Ratify the Convention (CAT) and report');
    expect(suggestionText('(Chile)')).toBe('(Chile)');
  });
});

describe('calibration and thresholds', () => {
  it('recovers the slope and offset that generated the outcomes (Platt scaling)', () => {
    const random = seededRandom(4);
    const scores: number[] = [];
    const outcomes: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const z = random() * 8 - 4;
      scores.push(z);
      outcomes.push(random() < 1 / (1 + Math.exp(-(1.7 * z - 0.6))) ? 1 : 0);
    }
    const { a, b } = fitCalibration(scores, outcomes);
    expect(a).toBeCloseTo(1.7, 1);
    expect(b).toBeCloseTo(-0.6, 1);
  });

  it('measures micro-F1, P@1, R@5 and bands as computed by hand', () => {
    const p = [Float64Array.of(0.9, 0.6, 0.1), Float64Array.of(0.2, 0.3, 0.95), Float64Array.of(0.4, 0.45, 0.1)];
    const gold = [[0], [1, 2], [0]];
    // threshold 0.5: {0,1}, {2}, {1} (top one kept) → tp 2, fp 2, fn 2 → F1 = 4 / 8
    expect(predictedSets(p, 0.5)).toEqual([[0, 1], [2], [1]]);
    expect(microF1(predictedSets(p, 0.5), gold)).toBeCloseTo(0.5, 10);
    const ranking = rankingQuality(p, gold, 1);
    expect(ranking.precisionAt1).toBeCloseTo(2 / 3, 10);
    expect(ranking.recallAtK).toBeCloseTo((1 + 0.5 + 0) / 3, 10);
    expect(bandQuality(p, gold, 0.9)).toEqual({ precision: 1, coverage: 2 / 3 });
  });

  it('puts the high band where everything above it is precise enough', () => {
    // 20 suggestions: the 12 most confident right, then a wrong one at 0.8, then right ones.
    const rows: Float64Array[] = [];
    const gold: number[][] = [];
    for (let k = 0; k < 20; k++) {
      rows.push(Float64Array.of(0.99 - k * 0.01));
      gold.push(k === 12 ? [] : [0]);
    }
    expect(tuneHighThreshold(rows, gold, 1)).toBeCloseTo(0.99 - 11 * 0.01, 10);
    // 19 right of 20 = 0.95: the whole list passes at 0.95
    expect(tuneHighThreshold(rows, gold, 0.95)).toBeCloseTo(0.99 - 19 * 0.01, 10);
  });
});

describe('trainSuggester', () => {
  it('suggests the right label first, with examples carrying it and the words that weighed', async () => {
    const items = corpus();
    const { suggester } = await trainSuggester(items, ['education', 'torture', 'women'], inProcess, { train: { epochs: 30 } });
    const [best] = suggester.suggest({ text: 'Prevent torture in prisons and detention centres', language: 'en' }, 3);
    expect(best.label).toBe('torture');
    expect(best.examples).toHaveLength(3);
    for (const id of best.examples) expect(items.find((i) => i.id === id)!.labels).toContain('torture');
    expect(best.words.some((w) => w.includes('tortur'))).toBe(true);
    // Spanish text, English and Spanish training texts
    expect(suggester.suggest({ text: 'Erradicar la violencia contra las mujeres', language: 'es' }, 1)[0].label).toBe('women');
    // excluded labels (set already, or rejected) are left out
    expect(suggester.suggest({ text: 'Prevent torture', language: 'en' }, 3, new Set(['torture'])).map((s) => s.label)).not.toContain(
      'torture',
    );
    expect(suggester.quality.heldBack).toBeGreaterThan(0);
    expect(['high', 'medium', 'low']).toContain(best.band);
  });

  it('learns from reference texts alone (a new instance) and never shows them as examples', async () => {
    const references = referenceTexts('sdg_goal');
    const labels = [...new Set(references.flatMap((r) => r.labels))];
    const { suggester } = await trainSuggester(references, labels, inProcess, { train: { epochs: 10 } });
    const top = suggester.suggest(
      { text: 'Garantizar una educación primaria gratuita y de calidad para todos los niños', language: 'es' },
      3,
    );
    expect(top[0].label).toBe('4');
    expect(top[0].examples).toEqual([]);
  });

  it('survives serialisation with the same answers', async () => {
    const { suggester } = await trainSuggester(corpus(), ['education', 'torture', 'women'], inProcess, { train: { epochs: 10 } });
    const copy = Suggester.deserialise(suggester.serialise());
    const doc = { text: 'Free schooling for girls', language: 'en' };
    expect(copy.suggest(doc, 3)).toEqual(suggester.suggest(doc, 3));
    expect(copy.quality).toEqual(suggester.quality);
  });

  it('trains in worker threads to the same model as in process', async () => {
    const items = corpus();
    const labels = ['education', 'torture', 'women'];
    const settings = { train: { epochs: 10 }, parts: 2 };
    const inThread = await trainSuggester(items, labels, inProcess, settings);
    const { bytes } = await trainInWorker(items, labels, settings);
    const fromWorker = Suggester.deserialise(bytes);
    const doc = { text: 'Stop violence against women', language: 'en' };
    const a = inThread.suggester.suggest(doc, 3);
    const b = fromWorker.suggest(doc, 3);
    expect(b.map((s) => s.label)).toEqual(a.map((s) => s.label));
    b.forEach((s, k) => expect(s.confidence).toBeCloseTo(a[k].confidence, 5));
  });

  it('refuses to train without a labelled text', async () => {
    await expect(trainSuggester([{ id: 1, text: 'x', labels: [] }], ['a'], inProcess)).rejects.toThrow('no labelled text');
  });
});
