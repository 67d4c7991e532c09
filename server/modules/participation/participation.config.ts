/**
 * Settings of participation: how much one account or one address may post,
 * how many distinct reporters hide a contribution, how long a confirmation
 * link lives. Read from the environment (PARTICIPATION_*) unless given.
 */
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

export const DEFAULT_PARTICIPATION_SETTINGS: ParticipationSettings = {
  postsPerMinutePerAccount: 3,
  postsPerDayPerAccount: 30,
  postsPerMinutePerAddress: 10,
  postsPerDayPerAddress: 200,
  registrationsPerHourPerAddress: 5,
  reportsPerHourPerAddress: 20,
  reportsToHide: 3,
  confirmationHours: 48,
};

const ENV_NAMES: Record<keyof ParticipationSettings, string> = {
  postsPerMinutePerAccount: 'PARTICIPATION_POSTS_PER_MINUTE',
  postsPerDayPerAccount: 'PARTICIPATION_POSTS_PER_DAY',
  postsPerMinutePerAddress: 'PARTICIPATION_POSTS_PER_MINUTE_PER_ADDRESS',
  postsPerDayPerAddress: 'PARTICIPATION_POSTS_PER_DAY_PER_ADDRESS',
  registrationsPerHourPerAddress: 'PARTICIPATION_REGISTRATIONS_PER_HOUR',
  reportsPerHourPerAddress: 'PARTICIPATION_REPORTS_PER_HOUR',
  reportsToHide: 'PARTICIPATION_REPORTS_TO_HIDE',
  confirmationHours: 'PARTICIPATION_CONFIRMATION_HOURS',
};

export function readParticipationSettings(env: NodeJS.ProcessEnv = process.env): ParticipationSettings {
  const settings = { ...DEFAULT_PARTICIPATION_SETTINGS };
  for (const key of Object.keys(ENV_NAMES) as (keyof ParticipationSettings)[]) {
    const raw = env[ENV_NAMES[key]]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${ENV_NAMES[key]} must be a positive whole number, got "${raw}"`);
    settings[key] = value;
  }
  return settings;
}
