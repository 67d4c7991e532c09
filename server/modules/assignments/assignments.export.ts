/**
 * An institution's queue as the API shows it (one presenter for the JSON list
 * and its export), and the export: every assignment, in the queue's order.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { queueItemSchema } from '../../../shared/assignments';
import type { Locale } from '../../platform/http/locale';
import { allPages } from '../exports/list-export';
import { bestText, Labeller } from '../recommendations/recommendations.presenter';
import { labelMaps } from '../taxonomies/taxonomies.repository';
import { institutionQueue } from './assignments.repository';

type QueueRow = Awaited<ReturnType<typeof institutionQueue>>['rows'][number];

export function presentQueueItem(row: QueueRow, labels: Labeller, locale: Locale): z.infer<typeof queueItemSchema> {
  return {
    id: row.id,
    responsibility: row.responsibility,
    due_date: row.due_date,
    overdue: row.overdue === true,
    version: row.version,
    recommendation: {
      id: row.recommendation_id,
      mechanism: labels.mechanism(row.mechanism_id),
      symbol: row.document_symbol,
      paragraph: row.paragraph,
      date: row.document_date,
      text: bestText(row.texts, locale, row.original_language).text,
    },
  };
}

export const QUEUE_COLUMNS = ['id', 'recommendation_id', 'mechanism', 'symbol', 'paragraph', 'date', 'responsibility', 'due_date', 'overdue', 'text'] as const;

export async function* queueRows(db: pg.Pool, institutionId: number, today: string, locale: Locale) {
  const labels = new Labeller(await labelMaps(db), locale);
  for await (const rows of allPages(async (page, pageSize) => (await institutionQueue(db, institutionId, page, pageSize, today)).rows)) {
    for (const row of rows) {
      const item = presentQueueItem(row, labels, locale);
      yield {
        id: item.id,
        recommendation_id: item.recommendation.id,
        mechanism: item.recommendation.mechanism.key,
        symbol: item.recommendation.symbol,
        paragraph: item.recommendation.paragraph,
        date: item.recommendation.date,
        responsibility: item.responsibility,
        due_date: item.due_date,
        overdue: item.overdue,
        text: item.recommendation.text,
      };
    }
  }
}
