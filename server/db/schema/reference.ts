/**
 * Reference taxonomies: mechanisms, States, UPR cycles and sessions, SDGs and
 * the controlled vocabularies (themes, affected persons, UPR Info issues).
 * Names that people read are LocalizedText: one value per language code.
 */
import { boolean, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, unique } from 'drizzle-orm/pg-core';

export type LocalizedText = Record<string, string>;

export const mechanism = pgTable('mechanism', {
  id: serial('id').primaryKey(),
  /** Stable code used in URLs and filters: `UPR`, `CRC`, `SR-TORTURE`, `IACHR`. */
  code: text('code').notNull().unique(),
  /** upr | treaty_body | special_procedure | regional | national | other */
  family: text('family').notNull(),
  acronym: text('acronym'),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  /** The acronym by language where it differs from `acronym` (`{ en: 'IACHR', es: 'CIDH', … }`); empty without one. */
  shortName: jsonb('short_name').$type<LocalizedText>().notNull().default({}),
  /** Treaty the body monitors, for treaty bodies (e.g. `CRC`, `ICCPR`). */
  treaty: text('treaty'),
  /** Optimistic locking of an administrator's edits. */
  version: integer('version').notNull().default(1),
  /** Set once an administrator adds or edits the mechanism: the reference seed no longer overwrites it or its aliases. */
  editedBy: text('edited_by'),
  /** A retired mechanism takes no new recommendations (imports do not match its aliases); those it has keep it. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/** Every spelling under which a mechanism appears in sources, normalised (see normaliseLabel). */
export const mechanismAlias = pgTable('mechanism_alias', {
  alias: text('alias').primaryKey(),
  mechanismId: integer('mechanism_id').notNull().references(() => mechanism.id),
});

export const country = pgTable('country', {
  iso3: text('iso3').primaryKey(),
  iso2: text('iso2').notNull().unique(),
  m49: text('m49').notNull(),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  officialNameEn: text('official_name_en'),
  unMember: boolean('un_member').notNull(),
  /** UN regional group: African, Asia-Pacific, EEG, GRULAC, WEOG. */
  unRegionalGroup: text('un_regional_group'),
  m49Region: text('m49_region'),
  m49Subregion: text('m49_subregion'),
});

export const countryAlias = pgTable('country_alias', {
  alias: text('alias').primaryKey(),
  iso3: text('iso3').notNull().references(() => country.iso3),
});

export const uprCycle = pgTable('upr_cycle', {
  number: smallint('number').primaryKey(),
  firstSession: smallint('first_session').notNull(),
  lastSession: smallint('last_session'),
  startYear: smallint('start_year').notNull(),
  endYear: smallint('end_year'),
});

export const uprSession = pgTable('upr_session', {
  number: smallint('number').primaryKey(),
  cycle: smallint('cycle').notNull().references(() => uprCycle.number),
  /** Year the session was held, used as the year of recommendations that carry no date. */
  year: smallint('year').notNull(),
});

export const sdgGoal = pgTable('sdg_goal', {
  number: smallint('number').primaryKey(),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  shortTitle: jsonb('short_title').$type<LocalizedText>().notNull(),
});

export const sdgTarget = pgTable('sdg_target', {
  code: text('code').primaryKey(),
  goal: smallint('goal').notNull().references(() => sdgGoal.number),
  title: jsonb('title').$type<LocalizedText>().notNull(),
});

export const sdgIndicator = pgTable('sdg_indicator', {
  code: text('code').primaryKey(),
  target: text('target').notNull().references(() => sdgTarget.code),
  title: jsonb('title').$type<LocalizedText>().notNull(),
});

/**
 * Terms of a controlled vocabulary (`theme`, `affected_persons`,
 * `upr_info_issue`). Old or variant labels live in vocabularyAlias.
 */
export const vocabularyTerm = pgTable('vocabulary_term', {
  id: serial('id').primaryKey(),
  vocabulary: text('vocabulary').notNull(),
  key: text('key').notNull(),
  label: jsonb('label').$type<LocalizedText>().notNull(),
  /** Optimistic locking of an administrator's edits. */
  version: integer('version').notNull().default(1),
  /** Set once an administrator edits the term: the reference seed no longer overwrites its names. */
  editedBy: text('edited_by'),
  /** A retired term is no longer given to new labels (imports skip its aliases); labels that use it keep it. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
}, (t) => [unique('vocabulary_term_key').on(t.vocabulary, t.key)]);

export const vocabularyAlias = pgTable('vocabulary_alias', {
  vocabulary: text('vocabulary').notNull(),
  alias: text('alias').notNull(),
  termId: integer('term_id').notNull().references(() => vocabularyTerm.id),
}, (t) => [primaryKey({ columns: [t.vocabulary, t.alias] })]);
