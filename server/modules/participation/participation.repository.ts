/** SQL for organisations, their members and contributions, abuse reports. */
import type pg from 'pg';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface OrganisationRow {
  id: number;
  name: string;
  kind: 'civil_society' | 'nhri' | 'academia';
  contact_email: string;
  website: string | null;
  description: string;
  state: 'email_pending' | 'awaiting_verification' | 'verified' | 'rejected' | 'suspended';
  state_reason: string | null;
  version: number;
  created_at: Date;
  members: { user_id: number; display_name: string; email: string; locale: string }[];
}

export interface PersonRow { id: number; email: string; display_name: string; locale: string }

/** A new account with its password hash; null when the address already has one. */
export async function insertAccount(tx: Queryable, a: { email: string; displayName: string; locale: string; passwordHash: string }): Promise<number | null> {
  const { rows } = await tx.query<{ id: number }>(
    `insert into app_user (email, display_name, locale, password_hash) values ($1, $2, $3, $4)
     on conflict (email) do nothing returning id`,
    [a.email, a.displayName, a.locale, a.passwordHash],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

export async function personByEmail(q: Queryable, email: string): Promise<(PersonRow & { active: boolean }) | null> {
  const { rows } = await q.query('select id, email, display_name, locale, active from app_user where email = $1', [email]);
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

export async function insertOrganisation(
  tx: Queryable, o: { name: string; kind: string; contactEmail: string; website: string | null; description: string; now: Date },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `insert into organisation (name, kind, contact_email, website, description, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $6) returning id`,
    [o.name, o.kind, o.contactEmail, o.website, o.description, o.now],
  );
  return rows[0].id;
}

export async function insertMember(tx: Queryable, organisationId: number, userId: number): Promise<void> {
  await tx.query('insert into organisation_member (organisation_id, user_id) values ($1, $2)', [organisationId, userId]);
}

export async function insertEmailToken(tx: Queryable, t: { tokenHash: string; organisationId: number; now: Date; expiresAt: Date }): Promise<void> {
  await tx.query(
    'insert into organisation_email_token (token_hash, organisation_id, created_at, expires_at) values ($1, $2, $3, $4)',
    [t.tokenHash, t.organisationId, t.now, t.expiresAt],
  );
}

/** Spends a confirmation token that is still usable; its organisation, or null. */
export async function spendEmailToken(tx: Queryable, tokenHash: string, now: Date): Promise<number | null> {
  const { rows } = await tx.query<{ organisation_id: number }>(
    `update organisation_email_token set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2 returning organisation_id`,
    [tokenHash, now],
  );
  return rows[0]?.organisation_id ?? null;
}

const ORGANISATION_COLUMNS = `o.id, o.name, o.kind, o.contact_email, o.website, o.description, o.state, o.state_reason, o.version, o.created_at,
  coalesce((select json_agg(json_build_object('user_id', u.id, 'display_name', u.display_name, 'email', u.email, 'locale', u.locale) order by m.id)
            from organisation_member m join app_user u on u.id = m.user_id where m.organisation_id = o.id and u.active), '[]'::json) as members`;

export async function organisations(q: Queryable, filter: { state?: string; ids?: number[] }, lock = false): Promise<OrganisationRow[]> {
  const { rows } = await q.query<OrganisationRow>(
    `select ${ORGANISATION_COLUMNS} from organisation o
     where ($1::text is null or o.state = $1) and ($2::int[] is null or o.id = any($2))
     order by o.created_at, o.id ${lock ? 'for update of o' : ''}`,
    [filter.state ?? null, filter.ids ?? null],
  );
  return rows;
}

export async function setOrganisationState(
  tx: Queryable, id: number, change: { state: string; reason: string | null; decidedBy: number | null; now: Date },
): Promise<void> {
  await tx.query(
    `update organisation set state = $2, state_reason = $3, decided_by = coalesce($4, decided_by), decided_at = case when $4::bigint is null then decided_at else $5 end,
       updated_at = $5, version = version + 1 where id = $1`,
    [id, change.state, change.reason, change.decidedBy, change.now],
  );
}

export async function secretariat(q: Queryable): Promise<PersonRow[]> {
  const { rows } = await q.query(
    `select distinct u.id, u.email, u.display_name, u.locale from membership m join app_user u on u.id = m.user_id
     where m.role = 'secretariat' and u.active order by u.id`,
  );
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export interface ContributionRow {
  id: number;
  recommendation_id: number;
  recommendation_symbol: string | null;
  kind: 'comment' | 'assessment';
  organisation_id: number;
  organisation_name: string;
  organisation_kind: 'civil_society' | 'nhri' | 'academia';
  organisation_state: string;
  author_id: number | null;
  author_name: string | null;
  author_email: string | null;
  author_locale: string | null;
  body: string;
  assessor_kind: 'nhri' | 'civil_society' | null;
  status_key: string | null;
  state: 'pending' | 'approved' | 'rejected';
  rejection_reason: string | null;
  hidden: boolean;
  version: number;
  moderated_at: Date | null;
  created_at: Date;
  evidence: { id: number; kind: 'link' | 'file'; title: string; url: string | null; file_name: string | null; media_type: string | null }[];
  reports: { reason: string; created_at: string }[];
}

const CONTRIBUTION_SELECT = `select c.id, c.recommendation_id, r.document_symbol as recommendation_symbol, c.kind,
    c.organisation_id, o.name as organisation_name, o.kind as organisation_kind, o.state as organisation_state,
    c.author_id, u.display_name as author_name, u.email as author_email, u.locale as author_locale,
    c.body, c.assessor_kind, c.status_key, c.state, c.rejection_reason, c.hidden, c.version, c.moderated_at, c.created_at,
    coalesce((select json_agg(json_build_object('id', e.id, 'kind', e.kind, 'title', e.title, 'url', e.url, 'file_name', e.file_name, 'media_type', e.media_type) order by e.id)
              from contribution_evidence e where e.contribution_id = c.id), '[]'::json) as evidence,
    coalesce((select json_agg(json_build_object('reason', a.reason, 'created_at', a.created_at) order by a.id)
              from abuse_report a where a.contribution_id = c.id and a.reviewed_at is null), '[]'::json) as reports
  from contribution c join organisation o on o.id = c.organisation_id join recommendation r on r.id = c.recommendation_id
  left join app_user u on u.id = c.author_id`;

function contributionRows(rows: ContributionRow[]): ContributionRow[] {
  return rows.map((row) => ({
    ...row, id: Number(row.id), recommendation_id: Number(row.recommendation_id), author_id: row.author_id == null ? null : Number(row.author_id),
  }));
}

/** What the public sees of a recommendation: approved, not hidden, oldest first. */
export async function publicContributions(q: Queryable, recommendationId: number): Promise<ContributionRow[]> {
  const { rows } = await q.query(`${CONTRIBUTION_SELECT}
    where c.recommendation_id = $1 and c.state = 'approved' and not c.hidden order by c.moderated_at, c.id`, [recommendationId]);
  return contributionRows(rows);
}

/** What the moderation queue holds: waiting for a decision, or hidden by reports. */
const IN_MODERATION = `(c.state = 'pending' or c.hidden)`;

/** The moderation queue: waiting for a decision, or hidden by reports. */
export async function moderationQueue(q: Queryable): Promise<ContributionRow[]> {
  const { rows } = await q.query(`${CONTRIBUTION_SELECT}
    where ${IN_MODERATION} order by c.created_at, c.id limit 500`);
  return contributionRows(rows);
}

/** How many contributions the moderation queue holds. */
export async function moderationQueueCount(q: Queryable): Promise<number> {
  const { rows } = await q.query(`select count(*)::int as n from contribution c where ${IN_MODERATION}`);
  return rows[0].n;
}

export async function contributionsOfOrganisations(q: Queryable, organisationIds: number[]): Promise<ContributionRow[]> {
  const { rows } = await q.query(`${CONTRIBUTION_SELECT}
    where c.organisation_id = any($1::int[]) order by c.created_at desc, c.id desc limit 1000`, [organisationIds]);
  return contributionRows(rows);
}

export async function contribution(q: Queryable, id: number, lock = false): Promise<ContributionRow | null> {
  const { rows } = await q.query(`${CONTRIBUTION_SELECT} where c.id = $1 ${lock ? 'for update of c' : ''}`, [id]);
  return contributionRows(rows)[0] ?? null;
}

export async function insertContribution(
  tx: Queryable, c: { organisationId: number; authorId: number; recommendationId: number; kind: string; body: string; assessorKind: string | null; statusKey: string | null; now: Date },
): Promise<number> {
  const { rows } = await tx.query(
    `insert into contribution (organisation_id, author_id, recommendation_id, kind, body, assessor_kind, status_key, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id`,
    [c.organisationId, c.authorId, c.recommendationId, c.kind, c.body, c.assessorKind, c.statusKey, c.now],
  );
  return Number(rows[0].id);
}

export async function insertEvidence(
  tx: Queryable, e: { contributionId: number; kind: 'link' | 'file'; title: string; url?: string; storedName?: string; fileName?: string; mediaType?: string; sizeBytes?: number; sha256?: string },
): Promise<number> {
  const { rows } = await tx.query(
    `insert into contribution_evidence (contribution_id, kind, title, url, stored_name, file_name, media_type, size_bytes, sha256)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [e.contributionId, e.kind, e.title, e.url ?? null, e.storedName ?? null, e.fileName ?? null, e.mediaType ?? null, e.sizeBytes ?? null, e.sha256 ?? null],
  );
  return Number(rows[0].id);
}

export async function countEvidence(q: Queryable, contributionId: number): Promise<number> {
  const { rows } = await q.query('select count(*)::int as n from contribution_evidence where contribution_id = $1', [contributionId]);
  return rows[0].n;
}

export async function evidenceFile(q: Queryable, contributionId: number, evidenceId: number) {
  const { rows } = await q.query<{ stored_name: string | null; file_name: string | null; media_type: string | null; size_bytes: number | null }>(
    'select stored_name, file_name, media_type, size_bytes from contribution_evidence where contribution_id = $1 and id = $2', [contributionId, evidenceId]);
  return rows[0] ?? null;
}

export async function moderate(
  tx: Queryable, id: number, change: { state?: string; rejectionReason?: string | null; hidden?: boolean; assessmentId?: number | null; moderatedBy: number | null; now: Date },
): Promise<void> {
  await tx.query(
    `update contribution set state = coalesce($2, state), rejection_reason = case when $2::text is null then rejection_reason else $3 end,
       hidden = coalesce($4, hidden), assessment_id = coalesce($5, assessment_id),
       moderated_by = coalesce($6, moderated_by), moderated_at = case when $6::bigint is null then moderated_at else $7 end,
       updated_at = $7, version = version + 1
     where id = $1`,
    [id, change.state ?? null, change.rejectionReason ?? null, change.hidden ?? null, change.assessmentId ?? null, change.moderatedBy, change.now],
  );
}

/** Records a report; false when this reporter already reported it. */
export async function insertReport(tx: Queryable, r: { contributionId: number; reporter: string; reason: string; now: Date }): Promise<boolean> {
  const { rowCount } = await tx.query(
    `insert into abuse_report (contribution_id, reporter, reason, created_at) values ($1, $2, $3, $4)
     on conflict (contribution_id, reporter) do nothing`,
    [r.contributionId, r.reporter, r.reason, r.now],
  );
  return rowCount === 1;
}

export async function openReports(q: Queryable, contributionId: number): Promise<number> {
  const { rows } = await q.query('select count(*)::int as n from abuse_report where contribution_id = $1 and reviewed_at is null', [contributionId]);
  return rows[0].n;
}

export async function markReportsReviewed(tx: Queryable, contributionId: number, now: Date): Promise<void> {
  await tx.query('update abuse_report set reviewed_at = $2 where contribution_id = $1 and reviewed_at is null', [contributionId, now]);
}

/** The instance's key for reporter fingerprints: created once, then read. */
export async function reporterKey(q: Queryable, candidate: string): Promise<string> {
  await q.query(`insert into participation_secret (name, value) values ('reporter_key', $1) on conflict (name) do nothing`, [candidate]);
  const { rows } = await q.query(`select value from participation_secret where name = 'reporter_key'`);
  return rows[0].value;
}
