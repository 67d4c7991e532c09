/**
 * A small suggestion model stored straight into the database, for tests that need one without
 * the cost of a real training: SDG goals learned in process from a few texts.
 */
import type pg from 'pg';
import { trainOneVsRest } from '../modules/learning/classifier';
import { trainSuggester } from '../modules/learning/suggester';
import { inTransaction } from '../platform/db/database';
import { insertModel } from '../modules/suggestions/suggestions.repository';

const TEXTS: [string, string][] = [
  ['prevent torture and ill-treatment in detention', '16'], ['investigate torture by the police', '16'], ['access to justice for victims', '16'],
  ['free primary education for every child', '4'], ['build schools and train teachers', '4'], ['inclusive education budget', '4'],
];

/** Stores the model; returns its version. */
export async function storeSmallModel(pool: pg.Pool): Promise<number> {
  const items = TEXTS.map(([text, label], i) => ({ id: -(i + 1), text, language: 'en', labels: [label], reference: true }));
  const { suggester } = await trainSuggester(items, ['4', '16'], async (...args) => trainOneVsRest(...args));
  return inTransaction(pool, (tx) => insertModel(tx, {
    trainedBy: 'system:test', trainingSize: 0, millis: 0, confirmedLabels: 0, quality: {},
    fields: [{ field: 'sdg_goal', bytes: suggester.serialise() }],
  }));
}
