/** Who is making a request, as the policies see it. */
import type { MembershipRole } from '../../db/schema/people';

export interface Membership {
  role: MembershipRole;
  /** Null for secretariat and administrator, who act across institutions. */
  institutionId: number | null;
}

export interface OrganisationMembership {
  organisationId: number;
  /** email_pending | awaiting_verification | verified | rejected | suspended: only a verified one may publish. */
  state: string;
}

export interface Actor {
  userId: number;
  email: string;
  displayName: string;
  locale: string;
  memberships: Membership[];
  /** Participating organisations (civil society, NHRI, academia) the person writes for, with their state. */
  organisations?: OrganisationMembership[];
  /** Whether the person has a second factor (TOTP) turned on. */
  secondFactor?: boolean;
  /** The instance requires a second factor of this person and they have none yet: they may only set it up. */
  secondFactorSetupRequired?: boolean;
  /** The session's CSRF token, echoed by the web app on every write. */
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the session plugin; null for visitors. */
    actor: Actor | null;
  }
}
