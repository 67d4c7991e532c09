/**
 * Scores recommendations with a model off the server's thread (score-catalogue.ts): each
 * field's best suggestions at or above its decision threshold (bands high and medium), without
 * the labels a record holds or had rejected.
 *
 * In: { fields: [{ field, bytes }], records: [{ id, text, language, exclude: { field: keys } }], limit }.
 * Out: { ok: [{ recommendation_id, field, key, confidence, band }] } or { error, stack }.
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { Suggester } = await import('../learning/suggester.ts');

parentPort.on('message', ({ fields, records, limit }) => {
  try {
    const models = fields.map(({ field, bytes }) => [field, Suggester.deserialise(bytes)]);
    const out = [];
    for (const record of records) {
      for (const [field, suggester] of models) {
        const exclude = new Set(record.exclude[field] ?? []);
        for (const s of suggester.suggest(record, limit, exclude, false)) {
          if (s.band === 'low') continue;
          out.push({ recommendation_id: record.id, field, key: s.label, confidence: s.confidence, band: s.band });
        }
      }
    }
    parentPort.postMessage({ ok: out });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  }
});
