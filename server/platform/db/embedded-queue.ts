/**
 * Serialises the PostgreSQL wire protocol of several client connections onto
 * the single session of PGlite.
 *
 * PGlite has one backend session. pglite-socket's own queue hands it one
 * protocol message at a time, in arrival order, and keeps a connection's
 * turn only while a transaction is open. But a parameterised query is a
 * sequence of messages (Parse, Bind, Describe, Execute, then Sync) that share
 * the session's unnamed statement and portal: two connections' sequences
 * interleaved there answer one client with the other's rows. This queue keeps
 * a connection's turn from its first message of a sequence to its Sync (or a
 * simple Query), and for as long as it holds a transaction open.
 */
import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

export class ProtocolQueue {
  private queue: Pending[] = [];
  private processing = false;
  /** The connection whose turn it is: mid-sequence or inside a transaction. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private next(): Pending | undefined {
    if (this.owner === null) return this.queue.shift();
    const index = this.queue.findIndex((p) => p.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        let bytes = 0;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item!.message, {
            onRawData: (data: Uint8Array) => { bytes += data.length; item!.onData(data); },
          }));
        } catch (error) {
          this.release(item.handlerId);
          item.reject(error as Error);
          continue;
        }
        const type = item.message[0];
        const sequenceDone = type === SYNC || type === SIMPLE_QUERY || type === TERMINATE;
        this.owner = sequenceDone && !this.db.isInTransaction() ? null : item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }

  private release(handlerId: number) {
    if (this.owner === handlerId) this.owner = null;
  }

  /** A connection went away: drop what it queued. */
  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((p) => {
      if (p.handlerId !== handlerId) return true;
      p.reject(new Error('connection closed'));
      return false;
    });
  }

  /** A connection went away mid-turn: end its sequence and roll back its transaction, then serve the others. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    // A Sync ends an unfinished extended-protocol sequence; ROLLBACK ends the transaction.
    // (exec takes PGlite's own lock, so it runs outside runExclusive, as in pglite-socket.)
    await this.db.runExclusive(() => this.db.execProtocolRawStream(new Uint8Array([SYNC, 0, 0, 0, 4]), { onRawData: () => undefined }));
    if (this.db.isInTransaction()) await this.db.exec('rollback');
    this.owner = null;
    await this.process();
  }

  getQueueLength(): number {
    return this.queue.length;
  }
}
