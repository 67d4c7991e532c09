/** People for tests: accounts with roles, signed in through the real login endpoint. */
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../shared/permissions';
import type { MembershipRole } from '../db/schema/people';
import { isStateRole, NETWORK_ROLES, type NetworkRole } from '../../shared/network/roles';
import { createUser } from '../modules/auth/use-cases/create-user';
import { inTransaction, type Database } from '../platform/db/database';

export const TEST_PASSWORD = 'a long enough passphrase';

export async function resetPeople(db: Database): Promise<void> {
  await db.pool.query(`truncate app_user, user_session, login_throttle, password_token, mail_outbox, membership, network_role,
    institution, audit_log restart identity cascade`);
}

export async function createInstitution(db: Database, name: string): Promise<number> {
  const { rows } = await db.pool.query(
    `insert into institution (name, branch) values ($1, 'executive') returning id`, [JSON.stringify({ en: name })]);
  return rows[0].id;
}

/** An account holding `role` (at `institutionId` for institution roles); no role: signed in, nothing more. */
export async function createPerson(db: Database, email: string, role?: MembershipRole, institutionId?: number): Promise<number> {
  return inTransaction(db.pool, async (tx) => {
    const { id } = await createUser(tx, { email, displayName: email.split('@')[0], locale: 'en', password: TEST_PASSWORD });
    if (role) {
      await tx.query('insert into membership (user_id, institution_id, role) values ($1, $2, $3)',
        [id, role === 'secretariat' || role === 'administrator' ? null : institutionId, role]);
    }
    return id;
  });
}

/** A participating organisation (civil society by default), verified unless told otherwise. */
export async function createOrganisation(db: Database, name: string, state = 'verified', kind = 'civil_society'): Promise<number> {
  const { rows } = await db.pool.query(
    `insert into organisation (name, kind, contact_email, state) values ($1, $2, $3, $4) returning id`,
    [name, kind, `contact@${name.toLowerCase().replace(/\W+/g, '-')}.example.org`, state]);
  return rows[0].id;
}

/** Makes an account a member of an organisation (it then holds the organisation_member role). */
export async function joinOrganisation(db: Database, userId: number, organisationId: number): Promise<void> {
  await db.pool.query('insert into organisation_member (organisation_id, user_id) values ($1, $2)', [organisationId, userId]);
}

/** Gives a person a role on the Network's hub (a State's roles at `iso3`, which must be in the registry). */
export async function grantNetworkRole(db: Database, userId: number, role: NetworkRole, iso3: string | null = null): Promise<void> {
  await db.pool.query('insert into network_role (user_id, role, iso3) values ($1, $2, $3)', [userId, role, isStateRole(role) ? iso3 : null]);
}

export interface Session { cookie: string; csrf: string }

export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD, address = '127.0.0.1'): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: address });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = String(response.headers['set-cookie']).split(';')[0];
  return { cookie, csrf: response.json().csrf_token };
}

/** Headers for a request as this person (none for a visitor). */
export function as(session: Session | null): Record<string, string> {
  return session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {};
}

/**
 * One person per role, signed in: institution roles held at `institution`, the
 * organisation member writing for `organisation`, `authenticated` a signed-in
 * person with no role. The address is the role's name at example.org
 * (`focalpoint@example.org`).
 */
export async function signInRoles<K extends string>(
  app: FastifyInstance, db: Database, people: readonly { key: K; role: Role }[],
  where: { institution: number; organisation: number; state?: string },
): Promise<Record<K, { userId: number | null; session: Session | null }>> {
  const result = {} as Record<K, { userId: number | null; session: Session | null }>;
  for (const { key, role } of people) {
    if (role === 'anonymous') { result[key] = { userId: null, session: null }; continue; }
    const email = `${key.replace(/\W/g, '')}@example.org`;
    const network = (NETWORK_ROLES as readonly string[]).includes(role);
    const membership = role === 'authenticated' || role === 'organisation_member' || network ? undefined : role as MembershipRole;
    const userId = await createPerson(db, email, membership, where.institution);
    if (role === 'organisation_member') await joinOrganisation(db, userId, where.organisation);
    if (network) await grantNetworkRole(db, userId, role as NetworkRole, where.state ?? null);
    result[key] = { userId, session: await signIn(app, email) };
  }
  return result;
}
