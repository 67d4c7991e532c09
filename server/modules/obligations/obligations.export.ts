/** The reporting calendar as a table: one row per obligation as the JSON list presents it. */
import type { z } from 'zod';
import type { obligationSchema } from '../../../shared/obligations';
import type { TableRow } from '../../platform/export/tables';
import { joined } from '../exports/list-export';

export const OBLIGATION_COLUMNS = ['id', 'kind', 'status', 'mechanism', 'mechanism_name', 'instrument', 'instrument_name', 'title', 'due_on',
  'due_on_source', 'met_on', 'recommendation_ids', 'notes', 'derived'] as const;

export function obligationRow(obligation: z.infer<typeof obligationSchema>): TableRow {
  return {
    id: obligation.id,
    kind: obligation.kind,
    status: obligation.status,
    mechanism: obligation.mechanism?.code ?? null,
    mechanism_name: obligation.mechanism?.name ?? null,
    instrument: obligation.instrument?.code ?? null,
    instrument_name: obligation.instrument?.name ?? null,
    title: obligation.title,
    due_on: obligation.due_on,
    due_on_source: obligation.due_on_source,
    met_on: obligation.met_on,
    recommendation_ids: joined(obligation.recommendation_ids),
    notes: obligation.notes,
    derived: obligation.derived,
  };
}
