/**
 * Reads page snapshots for the capture card. The extractor needs a DOM, which a service
 * worker lacks: Chrome reads in an offscreen document (reason DOM_PARSER); Firefox's
 * background is an event page with its own DOMParser.
 */
import { browser } from 'wxt/browser';
import { t } from '../../components/i18n';
import type { CaptureLaunchLike, PageRead } from '../../lib/clip';
import type { ReadRequest } from '../offscreen/read';

type Snapshot = ReadRequest['snapshot'];

interface OffscreenApi {
  createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void>;
}
interface RuntimeWithContexts {
  getContexts?(f: { contextTypes: string[] }): Promise<unknown[]>;
}

let creating: Promise<void> | undefined;
async function ensureOffscreen(): Promise<void> {
  const runtime = browser.runtime as unknown as RuntimeWithContexts;
  const existing = (await runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? [];
  if (existing.length) return;
  const offscreen = (globalThis as unknown as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  if (!offscreen) throw new Error(t('error.noReader'));
  creating ??= offscreen
    .createDocument({
      url: browser.runtime.getURL('/offscreen.html'),
      reasons: ['DOM_PARSER'],
      justification: 'Read the prospect details of a page the rep clipped.',
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

export async function readSnapshot(snapshot: Snapshot, launch: CaptureLaunchLike): Promise<PageRead> {
  // Firefox's event page has a DOM: read here. A dynamic import keeps the extractor out of
  // Chrome's worker bundle, where this branch is compiled away.
  if (import.meta.env.FIREFOX) return (await import('../offscreen/read')).readHtml(snapshot, launch);
  await ensureOffscreen();
  const req: ReadRequest = { target: 'leadline-offscreen', snapshot, launch };
  const read = (await browser.runtime.sendMessage(req)) as PageRead | undefined;
  if (!read) throw new Error(t('error.readFailed'));
  return read;
}

export interface RuleHealth {
  lastSuccess?: number;
  lastFailure?: number;
  lastFailureUrl?: string;
}

/** Keeps each site rule's last success and failure, so a changed layout shows in the options page. */
export async function recordRuleHealth(rule: string, matched: boolean, url: string, now: number): Promise<void> {
  const { ruleHealth = {} } = (await browser.storage.local.get('ruleHealth')) as {
    ruleHealth?: Record<string, RuleHealth>;
  };
  const h = ruleHealth[rule] ?? {};
  if (matched) h.lastSuccess = now;
  else {
    h.lastFailure = now;
    h.lastFailureUrl = url.slice(0, 300);
  }
  ruleHealth[rule] = h;
  await browser.storage.local.set({ ruleHealth });
}
