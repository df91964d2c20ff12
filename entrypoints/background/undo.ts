/**
 * What a delete touched, kept for its undo in `storage.session`: in memory, gone when the
 * browser closes, and it outlives a stopped worker (nothing is kept in the worker's globals).
 */
import { browser } from 'wxt/browser';
import type { UndoStep } from '../../lib/delete';

/** How long a delete can be undone; the toast offers it for a few seconds of that. */
const UNDO_TTL_MS = 10 * 60_000;
const PREFIX = 'undo:';

interface Kept {
  expiresAt: number;
  steps: UndoStep[];
}

export const undoStore = {
  async save(id: string, steps: UndoStep[], now: number): Promise<void> {
    const all = await browser.storage.session.get(null);
    const expired = Object.entries(all)
      .filter(([k, v]) => k.startsWith(PREFIX) && (v as Kept).expiresAt <= now)
      .map(([k]) => k);
    if (expired.length) await browser.storage.session.remove(expired);
    const kept: Kept = { expiresAt: now + UNDO_TTL_MS, steps };
    await browser.storage.session.set({ [PREFIX + id]: kept });
  },
  async take(id: string, now: number): Promise<UndoStep[] | undefined> {
    const key = PREFIX + id;
    const kept = (await browser.storage.session.get(key))[key] as Kept | undefined;
    if (!kept) return undefined;
    await browser.storage.session.remove(key);
    return kept.expiresAt > now ? kept.steps : undefined;
  },
};
