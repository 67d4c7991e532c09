/**
 * The suggestion models an app server holds in memory: the current version (the newest stored
 * with its bytes), read again when a newer one is stored (by this server's job, another server's
 * or `npm run suggest:train`), and an older version asked for by a decision while its bytes are
 * kept.
 */
import type pg from 'pg';
import type { SuggestionField } from '../../../shared/suggestions';
import { Suggester } from '../learning/suggester';
import * as repository from './suggestions.repository';

export interface LoadedModel {
  version: number;
  row: repository.ModelRow;
  fields: Map<SuggestionField, Suggester>;
}

export class SuggestionModels {
  private current: Promise<LoadedModel | null> | null = null;
  private currentVersion: number | null = null;
  private older: Promise<LoadedModel | null> | null = null;
  private olderVersion: number | null = null;

  constructor(private readonly pool: pg.Pool) {}

  private async load(version: number, row: repository.ModelRow | null): Promise<LoadedModel | null> {
    const meta = row ?? (await repository.listModels(this.pool, 1_000)).find((m) => m.id === version) ?? null;
    if (!meta) return null;
    const stored = await repository.modelFields(this.pool, version);
    if (stored.length === 0) return null;
    return { version, row: meta, fields: new Map(stored.map((f) => [f.field, Suggester.deserialise(new Uint8Array(f.bytes))])) };
  }

  /** The newest model, or null while the instance has none. */
  async latest(): Promise<LoadedModel | null> {
    const row = await repository.latestModel(this.pool);
    if (!row) return null;
    if (this.currentVersion !== row.id || !this.current) {
      this.currentVersion = row.id;
      const loading = this.load(row.id, row);
      this.current = loading;
      loading.catch(() => { if (this.current === loading) this.current = null; });
    }
    return this.current;
  }

  /** A given version (the current one, or an older one whose bytes are still stored), or null. */
  async version(version: number): Promise<LoadedModel | null> {
    const latest = await this.latest();
    if (latest?.version === version) return latest;
    if (this.olderVersion !== version || !this.older) {
      this.olderVersion = version;
      const loading = this.load(version, null);
      this.older = loading;
      loading.catch(() => { if (this.older === loading) this.older = null; });
    }
    return this.older;
  }
}
