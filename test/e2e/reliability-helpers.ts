/**
 * What the reliability tests share: waiting for a condition, messages from an extension page,
 * stopping the service worker for real, and reading every store.
 */
import type { Page } from 'playwright-core';
import { BACKUP_STORES } from '../../lib/backup';
import type { Reply } from '../../lib/protocol';
import { type Browser, currentWorker, readStore } from './harness';

export type Rec = { id: string; rev: number } & Record<string, unknown>;
export type Stores = Record<(typeof BACKUP_STORES)[number], Rec[]>;

/** Polls `fn` until `ok` holds (or the time is up) and returns the last value. */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Sends one request from an extension page as the panel does; `undefined` when no reply came. */
export function message<T = unknown>(page: Page, msg: unknown): Promise<Reply<T> | undefined> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m).catch(() => undefined), msg) as Promise<
    Reply<T> | undefined
  >;
}

/**
 * Stops the extension's service worker as Chrome does when it is idle (CDP Target.closeTarget
 * on its target), and waits until its target is gone.
 */
export async function stopWorker(b: Browser, page: Page): Promise<void> {
  const cdp = await b.context.newCDPSession(page);
  const workers = async () =>
    (
      (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] }
    ).targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(b.extensionId));
  const [sw] = await workers();
  if (!sw) throw new Error('no service worker to stop');
  await cdp.send('Target.closeTarget', { targetId: sw.targetId });
  const gone = await until(workers, (ts) => !ts.some((t) => t.targetId === sw.targetId), 10_000);
  await cdp.detach();
  if (gone.some((t) => t.targetId === sw.targetId)) throw new Error('the service worker did not stop');
}

/** Wakes the worker with a message and waits for its answer. */
export async function wake(b: Browser, page: Page): Promise<void> {
  const pong = await until(
    () => message(page, { type: 'ping' }),
    (r) => !!r?.ok,
  );
  if (!pong?.ok) throw new Error('the worker did not wake');
  await currentWorker(b);
}

/** Every record of every store, read through an extension page. */
export async function allStores(page: Page): Promise<Stores> {
  const out = {} as Stores;
  for (const s of BACKUP_STORES) out[s] = await readStore<Rec>(page, s);
  return out;
}

export function countAll(stores: Stores): number {
  return Object.values(stores).reduce((n, xs) => n + xs.length, 0);
}

/** Ids present in `before` and missing from `after`, per store. */
export function lostIds(before: Stores, after: Stores): string[] {
  const lost: string[] = [];
  for (const s of BACKUP_STORES) {
    const now = new Set(after[s].map((r) => r.id));
    for (const r of before[s]) if (!now.has(r.id)) lost.push(`${s}/${r.id}`);
  }
  return lost;
}

/** A CSV file of `n` contacts at 200 companies, HubSpot's headers; `tag` keeps files apart. */
export function contactsCsv(n: number, tag: string): string {
  const rows = ['First Name,Last Name,Email,Job Title,Company Name,Company Domain Name'];
  for (let i = 0; i < n; i++) {
    const co = i % 200;
    rows.push(`Ana${i},Lima ${tag},ana.${i}@${tag}-co${co}.example,Buyer,${tag} Company ${co},${tag}-co${co}.example`);
  }
  return rows.join('\r\n');
}
