/**
 * The lengths and ranges the API accepts, for the zod contracts beside this
 * file and for the web app's form fields (maxLength, min, max), so that a
 * limit is written once. No zod here: the web app imports this module at run
 * time without carrying zod into the browser bundle. limits.test.ts checks
 * that each contract enforces the limit it is given.
 */
export const LIMITS = {
  /** A record's name or title in one language (institutions, rounds, obligations, indicators). */
  localizedName: { min: 2, max: 300 },
  action: {
    title: 300,
    description: 20_000,
    progress: { min: 0, max: 100 },
    currencyLength: 3,
    programme: 100,
  },
  evidence: { title: 300, url: 2000 },
  /** Implementation plans (shared/plans.ts): texts, the adoption's citation, milestones, links per activity, a revision's reason. */
  plan: {
    title: 300, description: 20_000, legalInstrument: 300, url: 2000, objectiveCode: 30, milestones: 50, milestoneTitle: 300,
    recommendations: 500, links: 100, revisionReason: 2000,
  },
  round: {
    /** Days: reminders before the due date, escalations after it. */
    days: { min: 1, max: 365 },
    reminders: 6,
  },
  /** `recommendations`: the most a draft may cover. */
  report: { title: 300, sectionText: 50_000, recommendations: 5000 },
  /** The recommendation search: the words, and the years a period may name. */
  search: { query: 500, year: { min: 1900, max: 2100 } },
  assessment: { reason: 5000 },
  obligation: { notes: 4000 },
  /** A treaty's ratification as the secretariat corrects it: the year, and every how many years its periodic report is due. */
  ratification: { year: { min: 1945, max: 2100 }, periodicity: { min: 1, max: 10 } },
  /** Why the secretariat rejects a contribution or an organisation (the author receives it). */
  moderation: { reason: 2000 },
  /** The Network's knowledge hub and cooperation board (shared/network/knowledge.ts): a contribution's texts and tags, the moderation's reason, cooperation's texts. */
  hub: {
    title: { min: 3, max: 300 }, summary: 2000, body: 50_000, link: 2000, tags: 20, reason: 5000,
    topic: { min: 3, max: 300 }, description: 10_000, response: 5000, agreement: 5000, parties: 20,
  },
} as const;
