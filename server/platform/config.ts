/** Process configuration, read once from the environment. */
import path from 'node:path';

/** Outgoing mail server. Without SMTP_HOST nothing is sent: mail waits in the outbox. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
}

/** Civil-society participation: how much one account or address may post, report or register. */
export interface ParticipationSettings {
  /** Contributions one account may post per minute, and per day. */
  postsPerMinutePerAccount: number;
  postsPerDayPerAccount: number;
  /** The same from one address (several people of an organisation may share one). */
  postsPerMinutePerAddress: number;
  postsPerDayPerAddress: number;
  /** Organisation registrations from one address per hour. */
  registrationsPerHourPerAddress: number;
  /** Abuse reports from one address per hour. */
  reportsPerHourPerAddress: number;
  /** Distinct reporters that hide a contribution until the secretariat reviews it. */
  reportsToHide: number;
  /** How long an emailed confirmation link stays valid. */
  confirmationHours: number;
}

/** A national instance's publishing to the Network hub, and the hub's harvesting. */
export interface NetworkSettings {
  /**
   * The default of the instance setting `network_publish` (until an administrator saves the settings), NETWORK_PUBLISH=on:
   * the instance publishes its public data (/.well-known/nmirf-network.json and the signed package).
   */
  publish: boolean;
  /** NETWORK_KEY_FILE: the instance's Ed25519 private key (npm run network:keygen); needed to publish. */
  keyFile: string | null;
  /** The default of the instance setting `network_hub_url`, NETWORK_HUB_URL: the hub the instance publishes for. */
  hubUrl: string | null;
  /** How often the `federation-publication` job publishes what changed (NETWORK_PUBLICATION_MINUTES, default 10). */
  publicationMinutes: number;
  /** On a hub, how often every registered instance is harvested (NETWORK_HARVEST_MINUTES, default 60). */
  harvestMinutes: number;
}

/** What the instance is: a State's own (`national`, today's application) or the International Network of NMIRFs' hub. */
export type InstanceRole = 'national' | 'hub';

export interface Config {
  /**
   * INSTANCE_ROLE: `national` (default) or `hub`. A hub runs the same server and also answers the Network's
   * routes (/api/v1/network/…); a national instance answers 404 there.
   */
  instanceRole: InstanceRole;
  port: number;
  host: string;
  /** Directory of the embedded database. */
  dataDir: string;
  /** Uploaded evidence files (default DATA_DIR/uploads). With several app servers, shared storage. */
  uploadDir: string;
  maxUploadBytes: number;
  maxImportBytes: number;
  /** When set, a real PostgreSQL is used instead of the embedded one. */
  databaseUrl: string | null;
  /** Load demo recommendations, institutions and logins into an empty database. */
  seedDemo: boolean;
  logLevel: string;
  /** Address people use to reach this instance, without a trailing slash (links in emails). */
  publicUrl: string;
  /** Session cookie only over HTTPS. Default: on in production or when PUBLIC_URL is https. */
  secureCookies: boolean;
  session: {
    /** A session not used for this long ends (sliding). */
    idleMinutes: number;
    /** A session ends this long after sign-in, used or not. */
    absoluteMinutes: number;
  };
  loginThrottle: {
    /** Failed sign-ins on one account within the window that lock it. */
    accountFailures: number;
    /** Failed sign-ins from one address within the window that lock it. */
    addressFailures: number;
    windowMinutes: number;
    lockMinutes: number;
    /** Password-reset requests from one address within the window. */
    resetRequestsPerAddress: number;
    /** Password-reset emails to one account within the window (more are silently not sent). */
    resetMailsPerAccount: number;
  };
  /** How long a password-reset link stays valid. */
  passwordResetMinutes: number;
  smtp: SmtpConfig | null;
  /** The From of every email. */
  mailFrom: string;
  /** How often the outbox is checked for mail to send (a new mail is sent at once anyway). */
  mailPollSeconds: number;
  /** The instance's calendar (IANA name): reminders fall due on its days. Default: the machine's. */
  timeZone: string;
  /** How often scheduled jobs (reporting-round notices) run; each run is idempotent. */
  jobMinutes: number;
  /** Whether this server runs the scheduled jobs (JOBS=off: it only serves; another server of the database runs them). */
  runJobs: boolean;
  /** The licence the open datasets are published under. */
  openDataLicence: { name: string; url: string };
  /** The State this instance follows up (ISO 3166 alpha-3): its ratifications and reporting obligations. */
  stateIso3: string;
  participation: ParticipationSettings;
  /** Federation with the Network hub (docs/decisions/0017-federation.md). */
  network: NetworkSettings;
  /** Scheduled backups into a directory, or null (BACKUP_DIR not set): none. */
  backup: BackupSchedule | null;
  /** Single sign-on with the government's OpenID Connect provider; null when OIDC_ISSUER is not set. */
  oidc: OidcSettings | null;
  /**
   * Who may sign in with a password: `everyone`, or only the accounts of
   * civil-society organisations (PASSWORD_SIGN_IN=off: staff use single sign-on).
   */
  passwordSignIn: 'everyone' | 'organisations';
  /**
   * The default of the instance setting `second_factor_required` (until an administrator saves the settings): the
   * secretariat and administrators must use a second factor (TOTP), without one they can only set it up.
   */
  secondFactorRequired: boolean;
  /** Bytes of public answers the server keeps to answer repeated visitor requests (RESPONSE_CACHE_MB; 0: none). */
  responseCacheBytes: number;
  /** Retraining of the label suggestions: every this many hours, or sooner after this many newly confirmed labels. */
  suggest: { retrainHours: number; retrainLabels: number };
}

/** Scheduled backups: an archive into `dir` at each due time, the newest `keep` kept. */
export interface BackupSchedule {
  dir: string;
  /** Due every this many hours, counted from midnight UTC (24: daily at 00:00 UTC). */
  everyHours: number;
  keep: number;
}

export interface OidcSettings {
  /** The provider's issuer URL; its metadata is read from `/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The text of the sign-in button (e.g. the name of the government's identity service). */
  buttonLabel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number between 0 and 65535, got "${env.PORT}"`);
  }
  const host = env.HOST ?? '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL?.trim() || localUrl(host, port)).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(publicUrl)) throw new Error(`PUBLIC_URL must start with http:// or https://, got "${env.PUBLIC_URL}"`);
  const smtpHost = env.SMTP_HOST?.trim() || null;
  const smtpSecure = flag(env, 'SMTP_SECURE', false);
  const uploadDir = path.resolve(env.UPLOAD_DIR ?? path.join(env.DATA_DIR ?? './data', 'uploads'));
  const oidc = oidcSettings(env);
  const passwordSignIn = onOff(env, 'PASSWORD_SIGN_IN', true) ? 'everyone' as const : 'organisations' as const;
  if (passwordSignIn === 'organisations' && !oidc) {
    throw new Error('PASSWORD_SIGN_IN=off needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): otherwise nobody of the staff could sign in');
  }
  return {
    instanceRole: instanceRole(env.INSTANCE_ROLE),
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    uploadDir,
    maxUploadBytes: positive(env, 'MAX_UPLOAD_MB', 20) * 1024 * 1024,
    maxImportBytes: positive(env, 'MAX_IMPORT_MB', 200) * 1024 * 1024,
    databaseUrl: env.DATABASE_URL?.trim() || null,
    // Demo data (with its published demo password) by default only on the embedded database.
    seedDemo: flag(env, 'SEED_DEMO', !env.DATABASE_URL?.trim()),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl,
    secureCookies: flag(env, 'SECURE_COOKIES', env.NODE_ENV === 'production' || publicUrl.startsWith('https:')),
    session: {
      idleMinutes: positive(env, 'SESSION_IDLE_MINUTES', 8 * 60),
      absoluteMinutes: positive(env, 'SESSION_MAX_MINUTES', 7 * 24 * 60),
    },
    loginThrottle: {
      accountFailures: positive(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 5),
      addressFailures: positive(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 20),
      windowMinutes: positive(env, 'LOGIN_WINDOW_MINUTES', 15),
      lockMinutes: positive(env, 'LOGIN_LOCK_MINUTES', 15),
      resetRequestsPerAddress: positive(env, 'PASSWORD_RESET_MAX_PER_ADDRESS', 10),
      resetMailsPerAccount: positive(env, 'PASSWORD_RESET_MAX_PER_ACCOUNT', 3),
    },
    passwordResetMinutes: positive(env, 'PASSWORD_RESET_MINUTES', 60),
    smtp: smtpHost
      ? {
        host: smtpHost,
        port: positive(env, 'SMTP_PORT', smtpSecure ? 465 : 587),
        secure: smtpSecure,
        user: env.SMTP_USER?.trim() || null,
        password: env.SMTP_PASSWORD || null,
      }
      : null,
    mailFrom: env.MAIL_FROM?.trim() || `Open NMIRF <no-reply@${mailDomain(new URL(publicUrl).hostname)}>`,
    mailPollSeconds: positive(env, 'MAIL_POLL_SECONDS', 5),
    timeZone: timeZone(env.TIME_ZONE?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone),
    jobMinutes: positive(env, 'JOB_MINUTES', 60),
    runJobs: onOff(env, 'JOBS', true),
    openDataLicence: {
      name: env.OPEN_DATA_LICENCE?.trim() || 'CC BY 4.0',
      url: env.OPEN_DATA_LICENCE_URL?.trim() || 'https://creativecommons.org/licenses/by/4.0/',
    },
    stateIso3: stateIso3(env.STATE_ISO3),
    participation: {
      postsPerMinutePerAccount: positive(env, 'PARTICIPATION_POSTS_PER_MINUTE', 3),
      postsPerDayPerAccount: positive(env, 'PARTICIPATION_POSTS_PER_DAY', 30),
      postsPerMinutePerAddress: positive(env, 'PARTICIPATION_POSTS_PER_MINUTE_PER_ADDRESS', 10),
      postsPerDayPerAddress: positive(env, 'PARTICIPATION_POSTS_PER_DAY_PER_ADDRESS', 200),
      registrationsPerHourPerAddress: positive(env, 'PARTICIPATION_REGISTRATIONS_PER_HOUR', 5),
      reportsPerHourPerAddress: positive(env, 'PARTICIPATION_REPORTS_PER_HOUR', 20),
      reportsToHide: positive(env, 'PARTICIPATION_REPORTS_TO_HIDE', 3),
      confirmationHours: positive(env, 'PARTICIPATION_CONFIRMATION_HOURS', 48),
    },
    network: {
      publish: onOff(env, 'NETWORK_PUBLISH', false),
      keyFile: env.NETWORK_KEY_FILE?.trim() ? path.resolve(env.NETWORK_KEY_FILE.trim()) : null,
      hubUrl: env.NETWORK_HUB_URL?.trim().replace(/\/+$/, '') || null,
      harvestMinutes: positive(env, 'NETWORK_HARVEST_MINUTES', 60),
      publicationMinutes: positive(env, 'NETWORK_PUBLICATION_MINUTES', 10),
    },
    backup: backupSchedule(env, uploadDir),
    oidc,
    passwordSignIn,
    secondFactorRequired: onOff(env, 'SECOND_FACTOR_REQUIRED', false),
    responseCacheBytes: wholeNumber(env, 'RESPONSE_CACHE_MB', 64) * 1024 * 1024,
    suggest: { retrainHours: positive(env, 'SUGGEST_RETRAIN_HOURS', 24), retrainLabels: positive(env, 'SUGGEST_RETRAIN_LABELS', 200) },
  };
}

function oidcSettings(env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return null;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OIDC_ISSUER must be the URL of the identity provider, got "${issuer}"`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`OIDC_ISSUER must be an https:// URL (http:// only on this machine), got "${issuer}"`);
  }
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) throw new Error('OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed too');
  return { issuer, clientId, clientSecret, buttonLabel: env.OIDC_BUTTON_LABEL?.trim() || 'Single sign-on' };
}

function backupSchedule(env: NodeJS.ProcessEnv, uploadDir: string): BackupSchedule | null {
  const raw = env.BACKUP_DIR?.trim();
  const everyHours = positive(env, 'BACKUP_EVERY_HOURS', 24);
  const keep = positive(env, 'BACKUP_KEEP', 7);
  if (!raw) {
    for (const name of ['BACKUP_EVERY_HOURS', 'BACKUP_KEEP']) {
      if (env[name]?.trim()) throw new Error(`${name} needs BACKUP_DIR, the directory scheduled backups are written to`);
    }
    return null;
  }
  if (everyHours > 24 * 366) throw new Error(`BACKUP_EVERY_HOURS must be at most ${24 * 366} (a year), got "${env.BACKUP_EVERY_HOURS}"`);
  const dir = path.resolve(raw);
  const relative = path.relative(uploadDir, dir);
  if (!relative || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new Error(`BACKUP_DIR must not be UPLOAD_DIR or inside it (each backup would hold the previous ones), got "${raw}"`);
  }
  return { dir, everyHours, keep };
}

/**
 * The address of this server as the machine itself reaches it: what the
 * console prints at start-up and what emails link to when PUBLIC_URL is not
 * set. A wildcard interface (0.0.0.0, ::) is reached on loopback.
 */
export function localUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** A domain for the default From address: an IP literal is not one. */
function mailDomain(hostname: string): string {
  return /^[\d.]+$|^\[/.test(hostname) ? 'localhost' : hostname;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number (0 or more), got "${raw}"`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new Error(`${name} must be on or off, got "${env[name]}"`);
}

function instanceRole(raw: string | undefined): InstanceRole {
  const role = raw?.trim().toLowerCase() || 'national';
  if (role !== 'national' && role !== 'hub') throw new Error(`INSTANCE_ROLE must be national or hub, got "${raw}"`);
  return role;
}

function stateIso3(raw: string | undefined): string {
  const code = raw?.trim().toUpperCase() || 'PRY';
  if (!/^[A-Z]{3}$/.test(code)) throw new Error(`STATE_ISO3 must be an ISO 3166 alpha-3 code such as PRY, got "${raw}"`);
  return code;
}

function timeZone(name: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name;
  } catch {
    throw new Error(`TIME_ZONE must be an IANA time zone such as America/Asuncion, got "${name}"`);
  }
}
