import { browser } from 'wxt/browser';
import type { Change } from '../../lib/db/repo';
import type { TabEvent } from '../../lib/events';
import type { ChangeEvent } from '../../lib/protocol';

/** Tells every open Leadline page what changed; nobody listening is not an error. */
export function broadcast(changes: Change[]): void {
  const event: ChangeEvent = { type: 'leadline.changed', changes };
  browser.runtime.sendMessage(event).catch(() => undefined);
}

/** Tells open panels a gesture may have let Leadline read the active tab, so they ask again. */
export function broadcastTab(): void {
  const event: TabEvent = { type: 'leadline.tab' };
  browser.runtime.sendMessage(event).catch(() => undefined);
}

/**
 * Tells open pages to re-read everything: sent on every worker start, because a worker stopped
 * between a commit and its broadcast left them showing what was there before that write.
 */
export function broadcastResync(): void {
  const event: ChangeEvent = { type: 'leadline.changed', changes: [], resync: true };
  browser.runtime.sendMessage(event).catch(() => undefined);
}
