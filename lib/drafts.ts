/**
 * Drafts: text a rep has typed but not saved yet (a note in the lead view), kept in the
 * extension's own key-value storage so closing the panel or the browser does not lose it.
 * Drafts are not records: they never enter the database, a backup or a count, and one is
 * dropped when it is saved, discarded, or left alone longer than `maxAgeMs`.
 *
 * Pure apart from the timers: the storage area comes in as an argument (the side panel passes
 * `browser.storage.local`; tests pass the fake browser's).
 */
import { RESEARCH_ITEMS } from './vocab';

/** The part of a `storage.StorageArea` drafts need. */
export interface DraftArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A draft as read back: what was typed, and when it was last kept. */
export interface Kept<T> {
  value: T;
  savedAt: number;
}

export interface DraftStore<T> {
  /** The draft kept under `key`, unless there is none or it is too old to offer. */
  load(key: string): Promise<Kept<T> | undefined>;
  /** Keeps `value` once typing pauses for `delayMs` (each call restarts the wait). */
  save(key: string, value: T): void;
  /** Drops the draft (saved or discarded), including a save still waiting. */
  clear(key: string): Promise<void>;
  /** Writes every waiting save now: the page is going away. */
  flush(): Promise<void>;
}

export interface DraftOptions<T> {
  /** Prefix of the storage keys, e.g. `draft:note:`. */
  prefix: string;
  /** Checks a stored value (storage outlives versions of this code). */
  parse: (v: unknown) => T | undefined;
  delayMs?: number;
  maxAgeMs?: number;
  now?: () => number;
}

/** A month: long enough for a note put aside, short enough not to haunt the lead. */
export const DRAFT_MAX_AGE_MS = 30 * 86_400_000;

export function draftStore<T>(area: DraftArea, opts: DraftOptions<T>): DraftStore<T> {
  const { prefix, parse, delayMs = 300, maxAgeMs = DRAFT_MAX_AGE_MS, now = Date.now } = opts;
  const waiting = new Map<string, { timer: ReturnType<typeof setTimeout>; value: T }>();

  const write = (key: string, value: T) => area.set({ [prefix + key]: { value, savedAt: now() } });

  return {
    async load(key) {
      const pending = waiting.get(key);
      if (pending) return { value: pending.value, savedAt: now() };
      const raw = (await area.get(prefix + key))[prefix + key] as { value?: unknown; savedAt?: unknown } | undefined;
      if (!raw || typeof raw.savedAt !== 'number') return undefined;
      const value = parse(raw.value);
      if (value === undefined || now() - raw.savedAt > maxAgeMs) {
        await area.remove(prefix + key);
        return undefined;
      }
      return { value, savedAt: raw.savedAt };
    },
    save(key, value) {
      const pending = waiting.get(key);
      if (pending) clearTimeout(pending.timer);
      const timer = setTimeout(() => {
        waiting.delete(key);
        void write(key, value).catch(() => undefined);
      }, delayMs);
      waiting.set(key, { timer, value });
    },
    async clear(key) {
      const pending = waiting.get(key);
      if (pending) clearTimeout(pending.timer);
      waiting.delete(key);
      await area.remove(prefix + key);
    },
    async flush() {
      const all = [...waiting];
      waiting.clear();
      await Promise.all(
        all.map(([key, p]) => {
          clearTimeout(p.timer);
          return write(key, p.value);
        }),
      );
    },
  };
}

/** A note being typed in the lead view: its markdown and the research item it answers. */
export interface NoteDraft {
  body: string;
  researchItem?: (typeof RESEARCH_ITEMS)[number];
}

export function parseNoteDraft(v: unknown): NoteDraft | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { body, researchItem } = v as { body?: unknown; researchItem?: unknown };
  if (typeof body !== 'string' || !body.trim()) return undefined;
  const item = RESEARCH_ITEMS.find((r) => r === researchItem);
  return item ? { body, researchItem: item } : { body };
}
