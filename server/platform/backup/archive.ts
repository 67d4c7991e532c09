/**
 * The backup archive: a gzip-compressed POSIX tar (ustar), written and read
 * as a stream, so neither the database dump nor the evidence files have to
 * fit in memory. Any `tar -xzf` can open it. Each member's SHA-256 is computed
 * while it passes; the manifest (the last member) lists them, and restore
 * refuses an archive whose members do not match it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { PassThrough, Writable } from 'node:stream';

export interface MemberDigest { size: number; sha256: string }

export class CorruptArchive extends Error {}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`archive member name too long: ${name}`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.fill(' ', 148, 156);
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

/** Writes members one after the other into FILE (gzip tar). */
export class ArchiveWriter {
  private readonly tar = new PassThrough();
  private readonly done: Promise<void>;
  readonly digests: Record<string, MemberDigest> = {};

  constructor(file: string) {
    this.done = pipeline(this.tar, createGzip(), fs.createWriteStream(file, { flags: 'wx' }));
    this.done.catch(() => undefined); // reported by finish() or abort()
  }

  private async write(chunk: Buffer): Promise<void> {
    if (!this.tar.write(chunk)) await new Promise((resolve) => this.tar.once('drain', resolve));
  }

  /** Adds a file from disk under `name`; its digest is computed as it is copied. */
  async addFile(name: string, source: string): Promise<MemberDigest> {
    const { size, mtime } = await fs.promises.stat(source);
    await this.write(header(name, size, mtime));
    const hash = createHash('sha256');
    let copied = 0;
    for await (const chunk of fs.createReadStream(source)) {
      hash.update(chunk as Buffer);
      copied += (chunk as Buffer).length;
      await this.write(chunk as Buffer);
    }
    if (copied !== size) throw new Error(`${source} changed while it was being archived`);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding) await this.write(Buffer.alloc(padding));
    return (this.digests[name] = { size, sha256: hash.digest('hex') });
  }

  async addBuffer(name: string, content: Buffer): Promise<void> {
    await this.write(header(name, content.length, new Date()));
    await this.write(content);
    const padding = (BLOCK - (content.length % BLOCK)) % BLOCK;
    if (padding) await this.write(Buffer.alloc(padding));
    this.digests[name] = { size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.tar.end();
    await this.done;
  }

  /** Stops writing after a failure (the caller removes the partial file). */
  async abort(): Promise<void> {
    this.tar.destroy(new Error('backup aborted'));
    await this.done.catch(() => undefined);
  }
}

/**
 * Reads FILE and hands each member to `place`, which says where on disk it
 * goes (or throws to refuse the name). Returns each member's size and SHA-256.
 * A damaged gzip stream, a bad header checksum or a truncated member is a
 * CorruptArchive.
 */
export async function extractArchive(file: string, place: (name: string) => string): Promise<Record<string, MemberDigest>> {
  const digests: Record<string, MemberDigest> = {};
  let pending: Buffer = Buffer.alloc(0);
  type Member = { name: string; remaining: number; padding: number; out: fs.WriteStream; hash: ReturnType<typeof createHash>; size: number };
  let current: Member | null = null;
  const open = () => current as Member | null;
  let ended = false;

  const writeOut = (out: fs.WriteStream, chunk: Buffer) => new Promise<void>((resolve, reject) => {
    out.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
  const closeOut = (out: fs.WriteStream) => new Promise<void>((resolve, reject) => {
    out.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });

  const consume = async () => {
    for (;;) {
      if (ended) { pending = Buffer.alloc(0); return; }
      if (current) {
        if (current.remaining > 0) {
          if (!pending.length) return;
          const take = pending.subarray(0, Math.min(pending.length, current.remaining));
          pending = pending.subarray(take.length);
          current.remaining -= take.length;
          current.hash.update(take);
          await writeOut(current.out, take);
          continue;
        }
        if (pending.length < current.padding) return;
        pending = pending.subarray(current.padding);
        await closeOut(current.out);
        digests[current.name] = { size: current.size, sha256: current.hash.digest('hex') };
        current = null;
        continue;
      }
      if (pending.length < BLOCK) return;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((byte) => byte === 0)) { ended = true; continue; }
      const stored = parseInt(block.subarray(148, 156).toString('ascii').replace(/\0.*$/, '').trim(), 8);
      let sum = 0;
      for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : block[i];
      if (sum !== stored) throw new CorruptArchive('a member header is damaged');
      const name = block.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const size = parseInt(block.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
      const type = String.fromCharCode(block[156]);
      if ((type !== '0' && type !== '\0') || !Number.isFinite(size)) throw new CorruptArchive(`unexpected member ${name}`);
      if (digests[name]) throw new CorruptArchive(`member ${name} appears twice`);
      const target = place(name);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const out = fs.createWriteStream(target, { flags: 'wx' });
      // Errors reach the write and end callbacks; after a failure the stream is destroyed
      // while a write may still be on its way, which must not become an uncaught 'error'.
      out.on('error', () => undefined);
      current = { name, size, remaining: size, padding: (BLOCK - (size % BLOCK)) % BLOCK, out, hash: createHash('sha256') };
    }
  };

  try {
    await pipeline(fs.createReadStream(file), createGunzip(), new Writable({
      write(chunk: Buffer, _encoding, callback) {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        consume().then(() => callback(), callback);
      },
    }));
  } catch (error) {
    open()?.out.destroy();
    if (error instanceof CorruptArchive) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE') throw new CorruptArchive(`not a readable backup archive (${(error as Error).message})`);
    throw error;
  }
  if (open() || !ended) {
    open()?.out.destroy();
    throw new CorruptArchive('the archive is truncated');
  }
  return digests;
}
