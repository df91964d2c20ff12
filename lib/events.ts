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
