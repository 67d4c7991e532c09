/**
 * npm run suggest:train [-- --no-score]
 *
 * Trains a new version of the label suggestion model on the configured database (the embedded one
 * under DATA_DIR, attaching to a running server's, or DATABASE_URL), stores it with its training
 * date, size and the quality measured on held-back records, then scores the catalogue with it
 * (unless --no-score). Exit status: 0 trained; 1 the training failed (the previous model stays);
 * 2 the command line is wrong; 3 the database failed.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Database } from '../platform/db/database';
import { scoreCatalogue } from '../modules/suggestions/score-catalogue';
import { type Train, trainModel } from '../modules/suggestions/train-models';
import { type CommandIo, openPreparedDatabase, runIfMain } from './command';

const USAGE = 'usage: npm run suggest:train [-- --no-score]';

export async function suggestTrainCommand(args: string[], io: CommandIo, options: { train?: Train } = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { 'no-score': { type: 'boolean' } } });
  } catch (error) {
    io.stderr(`suggest:train: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let db: Database;
  try {
    db = await openPreparedDatabase(io.env);
  } catch (error) {
    io.stderr(`suggest:train: the database failed: ${(error as Error).message}\n`);
    return 3;
  }
  try {
    let model;
    try {
      model = await trainModel(db.pool, { actor: `cli:${os.userInfo().username}`, train: options.train });
    } catch (error) {
      io.stderr(`suggest:train: the training failed, the previous model stays: ${(error as Error).message}\n`);
      return 1;
    }
    io.stdout(`model version ${model.version}: ${model.trainingSize} labelled recommendations, ${(model.byteSize / 1e6).toFixed(1)} MB, ${(model.millis / 1000).toFixed(1)} s\n`);
    for (const [field, q] of Object.entries(model.quality)) {
      io.stdout(`  ${field}: ${q.training_size} records, ${q.labels} labels; held back ${q.held_back}: micro-F1 ${q.micro_f1}, P@1 ${q.precision_at_1}, R@5 ${q.recall_at_5}, high band ${q.high_precision} precise covering ${q.high_coverage}\n`);
    }
    if (!parsed.values['no-score']) {
      const scored = await scoreCatalogue(db.pool);
      io.stdout(`scored ${scored.scored} recommendations: ${scored.pending} suggestions wait for review\n`);
    }
    return 0;
  } catch (error) {
    io.stderr(`suggest:train: the database failed: ${(error as Error).message}\n`);
    return 3;
  } finally {
    await db.close();
  }
}

runIfMain(import.meta.url, (args, io) => suggestTrainCommand(args, io));
