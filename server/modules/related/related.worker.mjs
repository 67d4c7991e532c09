/**
 * Runs the related scan (related.scan.ts) in a worker thread, so that a scan
 * of the whole catalogue never holds the server's thread. Plain JavaScript so
 * that Node starts it as it is; the scan is TypeScript, loaded through tsx.
 *
 * In: one message { records, only } (only: the States to scan, or null for all).
 * Out: { pairs } or { error, stack }.
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { scanRecords, SCAN_SETTINGS } = await import('./related.scan.ts');

parentPort.once('message', ({ records, only }) => {
  try {
    parentPort.postMessage({ pairs: scanRecords(records, SCAN_SETTINGS, only ? new Set(only) : undefined) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  }
});
parentPort.postMessage({ ready: true });
