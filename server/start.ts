/**
 * What `npm start` does, as a function the tests can call in process: open
 * the database (embedded unless DATABASE_URL is set), bring it to the current
 * schema, load reference and demo data, serve, and run the scheduled jobs.
 */
import { runPublication } from './modules/federation/publication-job';
import { harvestAll } from './modules/federation/hub/harvest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './platform/config';
import { openDatabase, type Database } from './platform/db/database';
import { prepareDatabase } from './platform/db/migrate';
import { demoLoginsPresent, DEMO_PASSWORD, seedDemoData } from './db/seeds/demo';
import { hubDemoLoginsPresent, seedHubDemo } from './db/seeds/hub-demo';
import { queueCommitteeNotices } from './modules/network/use-cases/committee';
import { sweepOrphanEvidence } from './modules/actions/evidence-sweep';
import { queueObligationNotices } from './modules/obligations/obligation-notices';
import { facetIndex } from './modules/recommendations/recommendations.facet-index';
import { queueRoundNotices } from './modules/rounds/round-notices';
import { InstanceSettings } from './modules/settings/instance-settings';
import { UploadStore } from './platform/files/uploads';
import { dayIn } from './platform/clock';
import { startJobRunner, type Job } from './platform/jobs/runner';
import { RELATED_SCAN_MINUTES, runRelatedScan } from './modules/related/related.job';
import { runSuggestJob, SUGGEST_JOB_MINUTES } from './modules/suggestions/suggestions.job';
import { runScheduledBackup } from './modules/operations/scheduled-backup';
import { firstAdministratorHint } from './modules/users/use-cases/create-administrator';

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  /** Where the server listens, as Fastify reports it. */
  address: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The console (start-up lines). */
  print?: (line: string) => void;
  logStream?: NodeJS.WritableStream;
  webDist?: string;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  // Evidence files must be storable (several app servers share one UPLOAD_DIR): say so before anything else starts.
  const uploads = new UploadStore(config.uploadDir);
  await uploads.ensureWritable();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, owner: true });
  let app: FastifyInstance | null = null;
  try {
    await prepareDatabase(db.pool);
    // A hub loads the Network's demo instead of a State's.
    if (config.seedDemo) await (config.instanceRole === 'hub' ? seedHubDemo(db.pool) : seedDemoData(db.pool));
    app = await buildApp({
      db, logLevel: config.logLevel, logStream: options.logStream, webDist: options.webDist, uploadDir: config.uploadDir,
      maxUploadBytes: config.maxUploadBytes, maxImportBytes: config.maxImportBytes, auth: { config },
    });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await db.close();
    throw error;
  }
  const server = app;

  // JOBS=off: a server that only serves (another server of the same database runs the scheduled jobs).
  const jobs = startJobRunner(db.pool, config.runJobs ? scheduledJobs(db, config, uploads) : [],
    { onError: (job, error) => server.log.error({ err: error, job }, 'scheduled job failed') });

  let stopped: Promise<void> | null = null;
  const stop = () => stopped ??= (async () => {
    await jobs.stop();
    await server.close();
    await db.close();
  })();

  let address: string;
  try {
    address = await server.listen({ port: config.port, host: config.host });
  } catch (error) {
    await stop();
    throw error;
  }
  const where = db.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL from DATABASE_URL';
  // The address people are told (and emails link to): PUBLIC_URL, or this server's own address (config.localUrl).
  print(`Open NMIRF at ${config.publicUrl}/ (listening on ${address}; ${where})`);
  print(`  public search: ${config.publicUrl}/    API documentation: ${config.publicUrl}/api/docs`);
  // Load the search's facet index now rather than on the first search (a second or two at 300k records).
  facetIndex(db.pool).catch((error) => server.log.warn(`facet index not loaded at start-up: ${error.message}`));
  if (config.instanceRole === 'hub') print(`  hub of the International Network of NMIRFs (INSTANCE_ROLE=hub): ${config.publicUrl}/api/v1/network/states`);
  const logins = !config.seedDemo ? [] : config.instanceRole === 'hub' ? await hubDemoLoginsPresent(db.pool) : await demoLoginsPresent(db.pool);
  if (logins.length) {
    print(`  demo logins (password for all: ${DEMO_PASSWORD}; demo data only, never on a real instance):`);
    for (const login of logins) print(`    ${login.role.padEnd(22)} ${login.email}`);
  }
  const hint = await firstAdministratorHint(db.pool);
  if (hint) print(hint);
  return { app: server, db, address, stop };
}

/** Every scheduled job of an app server (the runner makes each due time run once across servers). */
export function scheduledJobs(db: Database, config: Config, uploads = new UploadStore(config.uploadDir)): Job[] {
  // The calendar and the State are the instance's settings at the time each job runs.
  const settings = new InstanceSettings(db.pool, config);
  return [{
    name: 'round-notices',
    everyMinutes: config.jobMinutes,
    run: async (now) => {
      const { row } = await settings.load();
      return queueRoundNotices(db.pool, dayIn(now, row.time_zone), config.publicUrl);
    },
  }, {
    name: 'obligation-notices',
    everyMinutes: config.jobMinutes,
    run: async (now) => {
      const { row } = await settings.load();
      return queueObligationNotices(db.pool, dayIn(now, row.time_zone), { publicUrl: config.publicUrl, stateIso3: row.state_iso3 });
    },
  }, {
    name: 'related-scan',
    everyMinutes: RELATED_SCAN_MINUTES,
    run: () => runRelatedScan(db.pool),
  }, {
    name: 'suggest-train',
    everyMinutes: SUGGEST_JOB_MINUTES,
    run: (now) => runSuggestJob(db.pool, config.suggest, now),
  }, {
    name: 'evidence-sweep',
    everyMinutes: 24 * 60,
    run: (now) => sweepOrphanEvidence(db.pool, uploads, now),
  }, {
    // While the settings say the instance publishes to the Network: what changed since the last version, published.
    name: 'federation-publication',
    everyMinutes: config.network.publicationMinutes,
    run: (now) => runPublication(db.pool, settings, config.network.keyFile, now),
  }, ...(config.instanceRole === 'hub' ? [{
    name: 'network-committee-notices',
    everyMinutes: config.jobMinutes,
    run: async (now: Date) => {
      const { row } = await settings.load();
      return queueCommitteeNotices(db.pool, dayIn(now, row.time_zone), config.publicUrl);
    },
  }, {
    // Every registered State's instance, once per period across the hub's servers (job_slot).
    name: 'network-harvest',
    everyMinutes: config.network.harvestMinutes,
    run: () => harvestAll(db.pool),
  }] : []), ...(config.backup ? [{
    name: 'backup',
    everyMinutes: config.backup.everyHours * 60,
    run: (_now: Date, dueAt: Date) => runScheduledBackup(db.pool, dueAt, {
      schedule: config.backup!, uploadDir: config.uploadDir, source: db.kind, publicUrl: config.publicUrl,
    }),
  }] : [])];
}
