/** SQL for status scales and implementation assessments. */
import type pg from 'pg';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface ScaleStepRow { assessor_kind: string; key: string; label: Record<string, string>; position: number; active: boolean }
export interface AssessmentRow { id: number; assessor_kind: string; status_key: string; reason: string; assessed_on: string; created_at: Date }

export async function scaleSteps(db: Queryable, assessorKind?: string): Promise<ScaleStepRow[]> {
  const { rows } = await db.query(
    `select assessor_kind, key, label, position, active from status_scale_step
     where $1::text is null or assessor_kind = $1 order by assessor_kind, position, key`,
    [assessorKind ?? null],
  );
  return rows;
}

/** Keys of an assessor's scale that assessments already use. */
export async function usedKeys(db: Queryable, assessorKind: string): Promise<string[]> {
  const { rows } = await db.query('select distinct status_key from implementation_assessment where assessor_kind = $1 order by status_key', [assessorKind]);
  return rows.map((row) => row.status_key);
}

/** Replaces an assessor's scale in the caller's transaction (the caller checked that used keys stay). */
export async function replaceScale(tx: Queryable, assessorKind: string, steps: { key: string; label: Record<string, string>; active: boolean }[]) {
  await tx.query('delete from status_scale_step where assessor_kind = $1 and key <> all($2::text[])', [assessorKind, steps.map((s) => s.key)]);
  await tx.query(
    `insert into status_scale_step (assessor_kind, key, label, position, active)
     select $1, s.key, s.label, s.position, s.active
     from jsonb_to_recordset($2::jsonb) as s(key text, label jsonb, position smallint, active boolean)
     on conflict (assessor_kind, key) do update set label = excluded.label, position = excluded.position, active = excluded.active`,
    [assessorKind, JSON.stringify(steps.map((step, i) => ({ ...step, position: i + 1 })))],
  );
}

/**
 * An assessment that came from an organisation's contribution is public only
 * while that contribution is: taken down, or hidden by abuse reports pending
 * review, it leaves the recommendation's statuses too (the row itself stays:
 * the history is append-only).
 */
export const PUBLIC_ASSESSMENT = `not exists (select 1 from contribution c where c.assessment_id = implementation_assessment.id
  and (c.state <> 'approved' or c.hidden))`;

export async function assessmentsOf(db: Queryable, recommendationId: number): Promise<AssessmentRow[]> {
  const { rows } = await db.query(
    `select id, assessor_kind, status_key, reason, assessed_on, created_at from implementation_assessment
     where recommendation_id = $1 and ${PUBLIC_ASSESSMENT} order by assessed_on desc, id desc`,
    [recommendationId],
  );
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function insertAssessment(
  tx: Queryable, a: { recommendationId: number; assessorKind: string; statusKey: string; reason: string; assessedOn: string; createdBy: number },
): Promise<AssessmentRow> {
  const { rows } = await tx.query(
    `insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id, assessor_kind, status_key, reason, assessed_on, created_at`,
    [a.recommendationId, a.assessorKind, a.statusKey, a.reason, a.assessedOn, a.createdBy],
  );
  return { ...rows[0], id: Number(rows[0].id) };
}
