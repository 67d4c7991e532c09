/**
 * `npm start`: open the database (embedded unless DATABASE_URL is set), bring
 * it to the current schema, load reference and demo data, and serve.
 */
import { buildApp } from './app';
import { readConfig } from './platform/config';
import { openDatabase } from './platform/db/database';
import { prepareDatabase } from './platform/db/migrate';
import { demoLoginsPresent, DEMO_PASSWORD, seedDemoData } from './db/seeds/demo';
import { sweepOrphanEvidence } from './modules/actions/evidence-sweep';
import { queueObligationNotices } from './modules/obligations/obligation-notices';
import { facetIndex } from './modules/recommendations/recommendations.facet-index';
import { queueRoundNotices } from './modules/rounds/round-notices';
import { UploadStore } from './platform/files/uploads';
import { dayIn } from './platform/clock';
import { startJobRunner } from './platform/jobs/runner';
import { firstAdministratorHint } from './modules/users/use-cases/create-administrator';

async function main() {
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await prepareDatabase(db.pool);
  if (config.seedDemo) await seedDemoData(db.pool);
  const app = await buildApp({ db, logLevel: config.logLevel, uploadDir: config.uploadDir, maxUploadBytes: config.maxUploadBytes, maxImportBytes: config.maxImportBytes });

  const jobs = startJobRunner(db.pool, [{
    name: 'round-notices',
    everyMinutes: config.jobMinutes,
    run: (now) => queueRoundNotices(db.pool, dayIn(now, config.timeZone), config.publicUrl),
  }, {
    name: 'obligation-notices',
    everyMinutes: config.jobMinutes,
    run: (now) => queueObligationNotices(db.pool, dayIn(now, config.timeZone), { publicUrl: config.publicUrl, stateIso3: config.stateIso3 }),
  }, {
    name: 'evidence-sweep',
    everyMinutes: 24 * 60,
    run: (now) => sweepOrphanEvidence(db.pool, new UploadStore(config.uploadDir), now),
  }], { onError: (job, error) => app.log.error({ err: error, job }, 'scheduled job failed') });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: shutting down`);
    await jobs.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.listen({ port: config.port, host: config.host });
  const where = db.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL from DATABASE_URL';
  console.log(`Open NMIRF listening on ${address} (${where})`);
  console.log(`  public search: ${address}/    API documentation: ${address}/api/docs`);
  // Load the search's facet index now rather than on the first search (a second or two at 300k records).
  facetIndex(db.pool).catch((error) => app.log.warn(`facet index not loaded at start-up: ${error.message}`));
  const logins = config.seedDemo ? await demoLoginsPresent(db.pool) : [];
  if (logins.length) {
    console.log(`  demo logins (password for all: ${DEMO_PASSWORD}; demo data only, never on a real instance):`);
    for (const login of logins) console.log(`    ${login.role.padEnd(22)} ${login.email}`);
  }
  const hint = await firstAdministratorHint(db.pool);
  if (hint) console.log(hint);
}

main().catch((error) => {
  console.error(`Open NMIRF could not start: ${error?.message ?? error}`);
  process.exit(1);
});
