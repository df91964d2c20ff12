/**
 * The hostile-page campaign's extraction side, in a worker thread so the test can stop a page
 * that hangs (a synchronous endless loop would freeze the test's own thread, and with it every
 * timer that could report it). For each page it runs what the browser runs: the page's DOM,
 * the capture script's snapshot of it, and the offscreen reader's parse and read of that
 * snapshot, timing the extraction. Started by hostile.test.tsx through ./hostile-worker.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { parseHTML } from 'linkedom';
import { type CaptureLaunchLike, readSnapshot } from '../../lib/clip';
import { extract } from '../../lib/extract/index';
import { snapshotHtml } from '../../lib/snapshot';

export interface PageJob {
  id: number;
  html: string;
  url: string;
  launch: CaptureLaunchLike;
}

export type PageResult =
  | {
      id: number;
      ok: true;
      /** Milliseconds: `extract` on the page, and the offscreen read of its snapshot. */
      ms: { extract: number; read: number };
      ex: ReturnType<typeof extract>;
      read: ReturnType<typeof readSnapshot>;
      /** Keys that appeared on Object.prototype (a polluted prototype reaches every object). */
      polluted: string[];
    }
  | { id: number; ok: false; error: string };

const PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

function run(job: PageJob): PageResult {
  const doc = parseHTML(job.html).document as unknown as Document;
  let t = performance.now();
  const ex = extract(doc, job.url, job.html);
  const extractMs = performance.now() - t;
  // What the offscreen document does with what the capture script sends.
  const snapshot = snapshotHtml(doc);
  const inert = parseHTML(snapshot).document as unknown as Document;
  t = performance.now();
  const read = readSnapshot(inert, job.url, doc.title, job.launch);
  const readMs = performance.now() - t;
  const polluted = Object.getOwnPropertyNames(Object.prototype).filter((k) => !PROTO_KEYS.has(k));
  return { id: job.id, ok: true, ms: { extract: extractMs, read: readMs }, ex, read, polluted };
}

parentPort?.on('message', (job: PageJob) => {
  let result: PageResult;
  try {
    result = run(job);
  } catch (e) {
    result = { id: job.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort?.postMessage(result);
});
