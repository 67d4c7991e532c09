/**
 * Every cache key of the web app, in one place. A key starts with its family
 * (`keys.actions.all`), so that a change can refresh the whole family; the
 * locale comes last (answers carry labels in it). Pages read and write the
 * cache through these functions only, never through written-out arrays.
 */
import type { HistoryEntity } from '../../shared/history';
import type { ObligationFilters } from './obligations';
import type { ActionFilters } from './workspace';

export const keys = {
  // The account: who is signed in, their second factor, how people sign in here
  auth: {
    me: ['auth', 'me'] as const,
    secondFactor: ['auth', 'second-factor'] as const,
    signInMethods: ['auth', 'methods'] as const,
  },
  // The instance's settings: the public part (every page: name, logo, colour, languages, words) and the administrator's form
  settings: {
    all: ['settings'] as const,
    public: ['settings', 'public'] as const,
    admin: ['settings', 'admin'] as const,
  },
  /** The terms of a vocabulary the administrator keeps (themes, affected persons). */
  vocabulary: (vocabulary: string, locale: string) => ['vocabulary', vocabulary, locale] as const,
  // Public catalogue and portal
  recommendations: {
    all: ['recommendations'] as const,
    search: (query: unknown) => ['recommendations', query] as const,
  },
  recommendation: (id: string, locale: string) => ['recommendation', id, locale] as const,
  /** The list of mechanisms (a one-row search's facet) that several forms offer. */
  mechanismFacet: (locale: string) => ['mechanism-facet', locale] as const,
  dashboard: (query: unknown) => ['dashboard', query] as const,
  openData: (locale: string) => ['open-data', locale] as const,
  publicInstitutions: (locale: string) => ['public-institutions', locale] as const,
  publicInstitution: (id: string, locale: string) => ['public-institution', id, locale] as const,
  publicInstitutionRecommendations: (id: string, page: number, locale: string) =>
    ['public-institution-recommendations', id, page, locale] as const,
  publicInstitutionActions: (id: string, page: number, locale: string) => ['public-institution-actions', id, page, locale] as const,
  publicMechanism: (code: string, locale: string) => ['public-mechanism', code, locale] as const,
  publicMechanismFacets: (code: string | undefined, locale: string) => ['public-mechanism-facets', code, locale] as const,
  publicSdg: (goal: string, locale: string) => ['public-sdg', goal, locale] as const,
  responsibleInstitutions: {
    all: ['responsible-institutions'] as const,
    of: (recommendationId: number, locale: string) => ['responsible-institutions', recommendationId, locale] as const,
  },

  // Implementation status
  statusScales: (locale: string) => ['status-scales', locale] as const,
  recommendationStatus: (id: number, locale: string) => ['recommendation-status', id, locale] as const,
  recommendationRelated: (id: number, locale: string) => ['recommendation-related', id, locale] as const,
  recommendationNetworkSimilar: (id: number, locale: string) => ['recommendation-network-similar', id, locale] as const,

  // Workspace
  /** The state of scheduled backups (administrators: a failing one is shown on the workspace home). */
  backups: (locale: string) => ['backups', locale] as const,
  /** The secretariat's overview on the workspace home: counts of what waits. */
  overview: (locale: string) => ['overview', locale] as const,
  institutions: (locale: string) => ['institutions', locale] as const,

  // Administration: people and institutions (retired ones included)
  people: {
    all: ['people'] as const,
    list: (filters: unknown, locale: string) => ['people', 'list', filters, locale] as const,
    one: (id: number, locale: string) => ['people', id, locale] as const,
  },
  adminInstitutions: {
    all: ['admin-institutions'] as const,
    list: (locale: string) => ['admin-institutions', 'list', locale] as const,
    one: (id: number, locale: string) => ['admin-institutions', id, locale] as const,
    members: (id: number, locale: string) => ['admin-institutions', id, 'members', locale] as const,
  },
  queue: {
    all: ['queue'] as const,
    of: (institutionId: number | null, locale: string) => ['queue', institutionId, locale] as const,
  },
  actions: {
    all: ['actions'] as const,
    list: (filters: ActionFilters, locale: string) => ['actions', filters, locale] as const,
  },
  action: (id: string, locale: string) => ['action', id, locale] as const,
  history: {
    /** Every page of one record's history (any locale). */
    of: (entity: HistoryEntity, id: string) => ['history', entity, id] as const,
    page: (entity: HistoryEntity, id: string, locale: string) => ['history', entity, id, locale] as const,
  },
  indicators: {
    all: ['indicators'] as const,
    list: (filters: { recommendation_id?: number; institution_id?: number; page_size?: number }, locale: string) => ['indicators', filters, locale] as const,
  },
  indicator: (id: string, locale: string) => ['indicator', id, locale] as const,

  // Reporting rounds
  rounds: {
    all: ['rounds'] as const,
    list: (locale: string) => ['rounds', locale] as const,
  },
  roundDashboard: (id: string, locale: string) => ['round-dashboard', id, locale] as const,
  roundReportsDue: (roundId: string, institutionId: string, locale: string) =>
    ['round-reports-due', roundId, institutionId, locale] as const,

  // Reports
  reports: {
    all: ['reports'] as const,
    list: (locale: string) => ['reports', locale] as const,
  },
  report: (id: string, locale: string) => ['report', id, locale] as const,
  reportVersions: {
    of: (id: string) => ['report-versions', id] as const,
    list: (id: string, locale: string) => ['report-versions', id, locale] as const,
  },
  reportCycles: (mechanism: string, locale: string) => ['report-cycles', mechanism, locale] as const,
  reportSelectionCount: (selection: string) => ['report-selection-count', selection] as const,
  clusters: {
    all: ['report-clusters'] as const,
    list: (locale: string) => ['report-clusters', 'list', locale] as const,
    recommendations: (filter: { cluster: number | string; q: string; page: number }, locale: string) =>
      ['report-clusters', 'recommendations', filter.cluster, filter.q, filter.page, locale] as const,
  },

  // Implementation plans (workspace, then public)
  plans: {
    all: ['plans'] as const,
    list: (locale: string) => ['plans', 'list', locale] as const,
    one: (id: string, locale: string) => ['plans', id, locale] as const,
    progress: (id: string, locale: string) => ['plans', id, 'progress', locale] as const,
    revisions: (id: string, locale: string) => ['plans', id, 'revisions', locale] as const,
    activity: (id: string, locale: string) => ['plans', 'activity', id, locale] as const,
    coverage: (query: unknown, locale: string) => ['plans', 'coverage', query, locale] as const,
  },
  publicPlans: {
    list: (locale: string) => ['public-plans', locale] as const,
    one: (id: string, locale: string) => ['public-plans', id, locale] as const,
    progress: (id: string, locale: string) => ['public-plans', id, 'progress', locale] as const,
  },
  plannedActivities: (recommendationId: number, locale: string) => ['planned-activities', recommendationId, locale] as const,

  // Reporting obligations
  obligations: {
    all: ['obligations'] as const,
    list: (filters: ObligationFilters, locale: string) => ['obligations', filters, locale] as const,
  },
  obligation: {
    all: ['obligation'] as const,
    of: (id: string, locale: string) => ['obligation', id, locale] as const,
  },
  ratifications: {
    all: ['ratifications'] as const,
    list: (locale: string) => ['ratifications', locale] as const,
  },

  // Participation
  contributions: {
    of: (recommendationId: number) => ['contributions', recommendationId] as const,
    list: (recommendationId: number, locale: string) => ['contributions', recommendationId, locale] as const,
  },
  myOrganisations: (locale: string) => ['organisations', 'mine', locale] as const,
  organisations: {
    all: ['organisations', 'all'] as const,
    list: (state: string, locale: string) => ['organisations', 'all', state, locale] as const,
  },
  /** Label suggestions: the review queue and one recommendation's suggestions. */
  suggestions: {
    all: ['suggestions'] as const,
    queue: (filters: unknown, locale: string) => ['suggestions', 'queue', filters, locale] as const,
    of: (id: number, locale: string) => ['suggestions', 'of', id, locale] as const,
  },
  moderation: {
    all: ['moderation'] as const,
    list: (locale: string) => ['moderation', locale] as const,
  },
  /** The International Network of NMIRFs (a hub): registry, Committee, meetings, decisions, join requests, minutes. */
  network: {
    all: ['network'] as const,
    states: (locale: string) => ['network', 'states', locale] as const,
    state: (iso3: string, locale: string) => ['network', 'state', iso3, locale] as const,
    committee: (locale: string) => ['network', 'committee', locale] as const,
    meetings: (locale: string) => ['network', 'meetings', locale] as const,
    meeting: (id: string, locale: string) => ['network', 'meeting', id, locale] as const,
    minutes: (id: string) => ['network', 'minutes', id] as const,
    decision: (id: string) => ['network', 'decision', id] as const,
    joinRequests: (locale: string) => ['network', 'join-requests', locale] as const,
    timeliness: (locale: string) => ['network', 'timeliness', locale] as const,
    similar: (locale: string, query: unknown) => ['network', 'similar', locale, query] as const,
    /** The knowledge hub: every key below starts so. */
    hub: ['network', 'hub'] as const,
    hubResources: (locale: string, query: unknown) => ['network', 'hub', 'resources', locale, query] as const,
    hubResource: (id: string, locale: string) => ['network', 'hub', 'resource', id, locale] as const,
    hubSubmissions: (locale: string) => ['network', 'hub', 'submissions', locale] as const,
    /** The themes and mechanisms a contribution may be tagged with. */
    hubTags: (locale: string) => ['network', 'hub', 'tags', locale] as const,
    /** The requests and offers of cooperation: every key below starts so. */
    cooperationAll: ['network', 'cooperation'] as const,
    cooperation: (locale: string, status: 'open' | 'all' = 'open') => ['network', 'cooperation', locale, status] as const,
    cooperationDetail: (id: number, locale: string) => ['network', 'cooperation', 'detail', id, locale] as const,
  },
};
