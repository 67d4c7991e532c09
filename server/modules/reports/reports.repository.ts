/** SQL for report drafts, their sections and versions. */
import type pg from 'pg';
import type { CompiledSection } from './compile';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface DraftRow {
  id: number; template: string; title: string; language: string; grouping: string; include_earlier: boolean;
  cluster_source?: 'instance' | 'theme' | null;
  selection: { recommendation_ids?: number[]; search?: Record<string, unknown> };
  version: number; updated_at: Date;
}
export interface SectionRow {
  key: string; position: number; group_heading: string | null; heading: string; generated_text: string;
  edited_text: string | null; edited_at: Date | null; orphaned: boolean;
}

export async function findDraft(db: Queryable, id: number, forUpdate = false): Promise<DraftRow | null> {
  const { rows } = await db.query(`select * from report_draft where id = $1 ${forUpdate ? 'for update' : ''}`, [id]);
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

export async function listDrafts(db: Queryable): Promise<DraftRow[]> {
  const { rows } = await db.query('select * from report_draft order by updated_at desc, id desc limit 200');
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function sectionsOf(db: Queryable, draftId: number): Promise<SectionRow[]> {
  const { rows } = await db.query('select * from report_section where draft_id = $1 order by position, id', [draftId]);
  return rows;
}

export async function insertDraft(tx: Queryable, d: Omit<DraftRow, 'id' | 'version' | 'updated_at'>, actorId: number): Promise<number> {
  const { rows } = await tx.query(
    `insert into report_draft (template, title, language, grouping, include_earlier, selection, created_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [d.template, d.title, d.language, d.grouping, d.include_earlier, JSON.stringify(d.selection), actorId],
  );
  return Number(rows[0].id);
}

/**
 * A fresh compilation arrives in batches (so memory stays flat): each batch is
 * staged in a temporary table of the transaction, then `applyCompilation`
 * merges them all at once.
 */
export async function startCompilation(tx: Queryable): Promise<void> {
  await tx.query(`create temporary table report_fresh (key text primary key, group_heading text, heading text not null,
    text text not null, position int not null) on commit drop`);
}

export async function stageSections(tx: Queryable, sections: CompiledSection[], firstPosition: number): Promise<void> {
  if (!sections.length) return;
  await tx.query(
    `insert into report_fresh (key, group_heading, heading, text, position)
     select key, group_heading, heading, text, ord from jsonb_to_recordset($1::jsonb) as s(key text, group_heading text, heading text, text text, ord int)`,
    [JSON.stringify(sections.map((s, i) => ({ key: s.key, group_heading: s.groupHeading, heading: s.heading, text: s.text, ord: firstPosition + i })))],
  );
}

/**
 * Merges the staged compilation: compiled text replaces compiled text; a
 * section a person edited keeps its edit unless `overwriteEdits`; a section
 * whose recommendation left the selection goes, unless edited (then it stays,
 * flagged).
 */
export async function applyCompilation(tx: Queryable, draftId: number, overwriteEdits: boolean): Promise<void> {
  await tx.query(
    `with gone as (
       delete from report_section r where r.draft_id = $1 and not exists (select 1 from report_fresh f where f.key = r.key)
         and (r.edited_text is null or $2) returning r.id
     ), kept as (
       update report_section r set orphaned = true where r.draft_id = $1 and not exists (select 1 from report_fresh f where f.key = r.key)
         and r.edited_text is not null and not $2 returning r.id
     )
     insert into report_section (draft_id, key, position, group_heading, heading, generated_text)
     select $1, key, position, group_heading, heading, text from report_fresh
     on conflict (draft_id, key) do update set position = excluded.position, group_heading = excluded.group_heading,
       heading = excluded.heading, generated_text = excluded.generated_text, orphaned = false,
       edited_text = case when $2 then null else report_section.edited_text end,
       edited_by = case when $2 then null else report_section.edited_by end,
       edited_at = case when $2 then null else report_section.edited_at end`,
    [draftId, overwriteEdits],
  );
  await tx.query('drop table report_fresh');
}

/** With the cluster grouping, what the headings came from at this compilation. */
export async function setClusterSource(tx: Queryable, draftId: number, source: 'instance' | 'theme' | null): Promise<void> {
  await tx.query('update report_draft set cluster_source = $2 where id = $1', [draftId, source]);
}

export async function editSection(tx: Queryable, draftId: number, key: string, text: string | null, actorId: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update report_section set edited_text = $3, edited_by = case when $3::text is null then null else $4::bigint end,
       edited_at = case when $3::text is null then null else now() end where draft_id = $1 and key = $2`,
    [draftId, key, text, actorId],
  );
  return rowCount === 1;
}

/** Bumps the draft's version and keeps the whole new state as a version row. */
export async function saveVersion(tx: Queryable, draftId: number, reason: string, actorId: number): Promise<number> {
  const { rows } = await tx.query('update report_draft set version = version + 1, updated_at = now() where id = $1 returning version', [draftId]);
  const version = rows[0].version as number;
  await tx.query(
    `insert into report_version (draft_id, version, reason, sections, created_by)
     select $1, $2, $3, coalesce(jsonb_agg(to_jsonb(s) - 'id' - 'draft_id' order by s.position), '[]'), $4 from report_section s where s.draft_id = $1`,
    [draftId, version, reason, actorId],
  );
  return version;
}

export async function versionsOf(db: Queryable, draftId: number) {
  const { rows } = await db.query(
    `select v.version, v.reason, v.created_at, u.display_name from report_version v left join app_user u on u.id = v.created_by
     where v.draft_id = $1 order by v.version desc`, [draftId]);
  return rows as { version: number; reason: string; created_at: Date; display_name: string | null }[];
}
