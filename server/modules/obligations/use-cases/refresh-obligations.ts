/**
 * The obligations the app works out by itself, kept up to date:
 *
 * - One open periodic report per treaty the State is party to whose body asks
 *   for periodic reports (`treaty_instrument.periodicity_years`). The first
 *   one's date is to be set by the secretariat: each committee fixes it in its
 *   concluding observations (and many now follow their own review calendars),
 *   so a computed date would mislead. Once a report is marked met, the next
 *   one is due `periodicity_years` after the met report's due date (to be set
 *   when that had no date).
 * - The State's next UPR review and its voluntary mid-term report, counted
 *   from the date of its latest UPR document in the catalogue (the outcome of
 *   its latest review): the UPR cycle is four and a half years, so the next
 *   review falls 54 months later; the Human Rights Council encourages a
 *   mid-term report halfway, which OHCHR's calendar places about two and a
 *   half years (30 months) after the review.
 *
 * Each derived obligation has a key (`periodic:CRC`, `upr_review`,
 * `upr_midterm`) and the date its due date was counted from (`basis_on`).
 * A refresh updates the due date of an open one while it is still the derived
 * one (`due_on_source = 'derived'`): a date the secretariat set is never
 * overwritten. When the basis moves on (a new UPR review in the catalogue) the
 * open obligation moves with it; once one is met, a new one is created only
 * for a new basis. Open obligations that no longer apply (the treaty is no
 * longer ratified, the catalogue has no UPR document) are removed unless the
 * secretariat dated them.
 *
 * Idempotent: runs at start-up and with the scheduled notices, after a change
 * of ratifications, and on demand. Every change is in the audit log.
 */
import type pg from 'pg';
import type { LocalizedText } from '../../../db/schema/reference';
import { type AuditActor, writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { locales } from '../../../../shared/i18n/languages';
import { message, type MessageKey } from '../../../platform/http/messages';
import { addMonths, addYears } from '../../../platform/clock';
import * as repository from '../obligations.repository';

const REFRESH_LOCK = 7_460_010;
export const UPR_REVIEW_AFTER_MONTHS = 54;
export const UPR_MIDTERM_AFTER_MONTHS = 30;

export interface RefreshResult { created: number; updated: number; removed: number }

interface Target {
  key: string;
  kind: 'periodic_report' | 'upr_review' | 'upr_midterm';
  mechanism_id: number;
  instrument_code: string | null;
  title: LocalizedText;
  basis_on: string | null;
  due_on: string | null;
}

export function localized(key: MessageKey, params: (locale: string) => Record<string, string> = () => ({})): LocalizedText {
  return Object.fromEntries(locales.map((locale) => [locale, message(key, locale, params(locale))]));
}

async function targets(tx: pg.PoolClient, iso3: string, existing: repository.ObligationRow[]): Promise<Target[]> {
  const result: Target[] = [];
  const lastMet = (key: string) => existing.filter((o) => o.derived_key === key && o.met_on)
    .sort((a, b) => (a.met_on! < b.met_on! ? -1 : a.met_on! > b.met_on! ? 1 : a.id - b.id)).at(-1);
  const { rows: bodies } = await tx.query('select id, name from mechanism');
  const bodyName = new Map(bodies.map((b) => [b.id as number, b.name as LocalizedText]));
  for (const r of await repository.ratifications(tx, iso3)) {
    if (r.status !== 'party' || !r.periodicity_years) continue;
    const key = `periodic:${r.instrument_code}`;
    const last = lastMet(key);
    const name = bodyName.get(r.mechanism_id) ?? {};
    result.push({
      key, kind: 'periodic_report', mechanism_id: r.mechanism_id, instrument_code: r.instrument_code,
      title: localized('obligation_title_periodic_report', (locale) => ({ mechanism: name[locale] ?? name.en ?? r.mechanism_code })),
      basis_on: last ? last.due_on ?? last.met_on : null,
      due_on: last?.due_on ? addYears(last.due_on, r.periodicity_years) : null,
    });
  }
  const latestUpr = await repository.latestUprDocumentDate(tx, iso3);
  const upr = await repository.mechanismByCode(tx, 'UPR');
  if (latestUpr && upr) {
    result.push(
      { key: 'upr_review', kind: 'upr_review', mechanism_id: upr.id, instrument_code: null, title: localized('obligation_title_upr_review'),
        basis_on: latestUpr, due_on: addMonths(latestUpr, UPR_REVIEW_AFTER_MONTHS) },
      { key: 'upr_midterm', kind: 'upr_midterm', mechanism_id: upr.id, instrument_code: null, title: localized('obligation_title_upr_midterm'),
        basis_on: latestUpr, due_on: addMonths(latestUpr, UPR_MIDTERM_AFTER_MONTHS) },
    );
  }
  return result;
}

/** Brings the derived obligations of `iso3` up to date inside the caller's transaction. */
export async function refreshDerivedObligations(tx: pg.PoolClient, iso3: string, actor: AuditActor): Promise<RefreshResult> {
  await tx.query('select pg_advisory_xact_lock($1)', [REFRESH_LOCK]); // one refresh at a time, across processes
  const existing = await repository.derivedObligations(tx);
  const wanted = await targets(tx, iso3, existing);
  const result: RefreshResult = { created: 0, updated: 0, removed: 0 };
  const audit = (action: string, id: number, before?: unknown, after?: unknown) =>
    writeAudit(tx, { actor, action, entity: 'reporting_obligation', entityId: id, before, after });

  for (const target of wanted) {
    const open = existing.find((o) => o.derived_key === target.key && !o.met_on);
    if (open) {
      if (open.due_on_source === 'derived' && (open.due_on !== target.due_on || open.basis_on !== target.basis_on)) {
        const after = await repository.updateObligation(tx, open.id, open.version, { ...open, due_on: target.due_on, basis_on: target.basis_on });
        await audit('update', open.id, open, after);
        result.updated += 1;
      }
      continue;
    }
    if (existing.some((o) => o.derived_key === target.key && o.met_on && o.basis_on === target.basis_on)) continue; // met for this basis
    const created = await repository.insertObligation(tx, {
      kind: target.kind, mechanism_id: target.mechanism_id, instrument_code: target.instrument_code, title: target.title,
      due_on: target.due_on, due_on_source: 'derived', met_on: null, recommendation_ids: [], notes: null,
      derived_key: target.key, basis_on: target.basis_on,
    }, null);
    await audit('create', created.id, undefined, created);
    result.created += 1;
  }

  const keys = new Set(wanted.map((t) => t.key));
  for (const stale of existing.filter((o) => !o.met_on && !keys.has(o.derived_key!) && o.due_on_source === 'derived')) {
    await repository.deleteObligation(tx, stale.id);
    await audit('delete', stale.id, stale);
    result.removed += 1;
  }
  return result;
}

/** The secretariat asks for a refresh now (after an import, say). */
export async function refreshObligations(pool: pg.Pool, actor: Actor, iso3: string): Promise<RefreshResult> {
  authorize(actor, 'obligation:manage');
  return inTransaction(pool, (tx) => refreshDerivedObligations(tx, iso3, actor));
}
