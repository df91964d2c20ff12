/**
 * The change event the background broadcasts after every write. Kept apart from the protocol
 * so the pages that listen for it do not load zod.
 */
import type { StoreName } from './records';

/** Broadcast by the background after every write, so open panels re-read what changed. */
export interface ChangeEvent {
  type: 'leadline.changed';
  changes: { store: StoreName; id: string; op: 'create' | 'update' | 'delete' }[];
  /**
   * Sent when the background (re)starts: a worker stopped between a commit and its broadcast
   * leaves open pages unaware of that write, so they re-read everything they show.
   */
  resync?: true;
}

export function isChangeEvent(m: unknown): m is ChangeEvent {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'leadline.changed';
}

/**
 * Broadcast by the background when a gesture (the toolbar button, the shortcut, the context
 * menu) may have let Leadline read the active tab: open panels ask again what is on it.
 */
export interface TabEvent {
  type: 'leadline.tab';
}

export function isTabEvent(m: unknown): m is TabEvent {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'leadline.tab';
}
