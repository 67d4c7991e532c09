/** Who is making a request, as the policies see it. */
import type {
  ContextConfigDefault, FastifyBaseLogger, FastifySchema, FastifyTypeProvider, FastifyTypeProviderDefault,
  RawRequestDefaultExpression, RawServerBase, RawServerDefault, RouteGenericInterface,
} from 'fastify';
import type { FastifyRequestType, ResolveFastifyRequestType } from 'fastify/types/type-provider';
import type { SignedInAction } from '../../../shared/permissions';
import type { MembershipRole } from '../../db/schema/people';
import type { NetworkRole } from '../../../shared/network/roles';

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
  /** Roles held on the hub of the International Network of NMIRFs, with the State for a State's roles. */
  networkRoles?: { role: NetworkRole; iso3: string | null }[];
  /** Whether the person has a second factor (TOTP) turned on. */
  secondFactor?: boolean;
  /** The instance requires a second factor of this person and they have none yet: they may only set it up. */
  secondFactorSetupRequired?: boolean;
  /** The session's CSRF token, echoed by the web app on every write. */
  csrfToken: string;
}

/**
 * The actor a route's handler sees: a route whose `config.permission` is closed to
 * visitors only runs for a signed-in person (the request pipeline answers 401
 * before the handler), so its handler gets `Actor`; other routes get `Actor | null`.
 */
export type ActorOf<ContextConfig> = ContextConfig extends { permission: SignedInAction } ? Actor : Actor | null;

declare module 'fastify' {
  // The type parameters repeat Fastify's own declaration (they must be identical to merge).
  interface FastifyRequest<
    RouteGeneric extends RouteGenericInterface = RouteGenericInterface,
    RawServer extends RawServerBase = RawServerDefault,
    RawRequest extends RawRequestDefaultExpression<RawServer> = RawRequestDefaultExpression<RawServer>,
    SchemaCompiler extends FastifySchema = FastifySchema,
    TypeProvider extends FastifyTypeProvider = FastifyTypeProviderDefault,
    ContextConfig = ContextConfigDefault,
    Logger extends FastifyBaseLogger = FastifyBaseLogger,
    RequestType extends FastifyRequestType = ResolveFastifyRequestType<TypeProvider, SchemaCompiler, RouteGeneric>,
  > {
    /** Set by the session plugin; null for visitors, never null in a route whose permission is closed to them. */
    actor: ActorOf<ContextConfig>;
  }
}
