/**
 * The side panel's only door to the outside: it reads the database directly (reads are safe
 * from any Leadline page), sends every write to the background, and listens for its change
 * events. Components receive what this module loads; they never touch `browser` or the DB.
 */
import { browser } from 'wxt/browser';
import { t } from '../../components/i18n';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import { draftStore, type NoteDraft, parseNoteDraft } from '../../lib/drafts';
import { type ChangeEvent, isChangeEvent, isTabEvent } from '../../lib/events';
import type { Reply, ReplyValues, RequestInput, TabContext } from '../../lib/protocol';
import type {
  Activity,
  Company,
  Contact,
  Deal,
  FollowUp,
  Note,
  NpsAnswer,
  Objection,
  Settings,
} from '../../lib/records';
import { ENGAGEMENT_WINDOW_DAYS } from '../../lib/score';

let dbPromise: Promise<Db> | undefined;
export function db(): Promise<Db> {
  dbPromise ??= openLeadlineDb({
    onBlocking: () => {
      void dbPromise?.then((d) => d.close());
      dbPromise = undefined;
    },
  });
  return dbPromise;
}

/**
 * Sends a request to the background; resolves with its value or rejects with its message (and
 * its `code`: `stale` lets a view offer to reload).
 */
export async function send<K extends RequestInput['type']>(
  req: Extract<RequestInput, { type: K }>,
): Promise<K extends keyof ReplyValues ? ReplyValues[K] : never> {
  const reply = (await browser.runtime.sendMessage(req).catch(() => undefined)) as Reply<never> | undefined;
  if (!reply) {
    // The worker was stopped before it answered: the write happened whole or not at all, and
    // waking it makes it tell every open page to re-read, so the view shows which.
    void browser.runtime.sendMessage({ type: 'ping' }).catch(() => undefined);
    // Already in the UI's language (`shown`), so errorText shows it as it is.
    throw Object.assign(new Error(t('error.noAnswer')), { code: 'unavailable', shown: true });
  }
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}

/** Notes being typed, per subject, kept in the extension's storage until they are saved. */
export const noteDrafts = draftStore<NoteDraft>(browser.storage.local, {
  prefix: 'draft:note:',
  parse: parseNoteDraft,
});

export function onChange(listener: (e: ChangeEvent) => void): () => void {
  const l = (m: unknown) => {
    if (isChangeEvent(m)) listener(m);
  };
  browser.runtime.onMessage.addListener(l);
  return () => browser.runtime.onMessage.removeListener(l);
}

/**
 * What is on the tab beside the panel, as far as Leadline may know it. The background reads
 * the tab (the panel has no `tabs` permission and learns only what the background may tell).
 */
export async function loadTabContext(): Promise<TabContext> {
  const win = await browser.windows.getCurrent();
  if (win.id === undefined) return { canClip: false };
  return send({ type: 'tab.context', windowId: win.id });
}

/**
 * Calls `listener` when the tab beside the panel may have changed: another tab became active,
 * the page loaded or moved, or a gesture let Leadline read it. Calls close together come as one.
 */
export function onTabChange(listener: () => void): () => void {
  let windowId: number | undefined;
  void browser.windows.getCurrent().then((w) => {
    windowId = w.id;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(listener, 120);
  };
  const activated = (info: { windowId: number }) => {
    if (info.windowId === windowId) soon();
  };
  const updated = (
    _id: number,
    change: { status?: string; url?: string },
    tab: { active: boolean; windowId: number },
  ) => {
    if (tab.active && tab.windowId === windowId && (change.status === 'complete' || change.url)) soon();
  };
  const message = (m: unknown) => {
    if (isTabEvent(m)) soon();
  };
  browser.tabs.onActivated.addListener(activated);
  browser.tabs.onUpdated.addListener(updated);
  browser.runtime.onMessage.addListener(message);
  return () => {
    clearTimeout(timer);
    browser.tabs.onActivated.removeListener(activated);
    browser.tabs.onUpdated.removeListener(updated);
    browser.runtime.onMessage.removeListener(message);
  };
}

/**
 * The default settings, for a Leadline whose settings were never saved. Fetched only then: they
 * carry the suggested playbook answers, text the panel's start-up bundle need not hold.
 */
async function defaults(): Promise<Settings> {
  const { defaultSettings } = await import('../../lib/defaults');
  return defaultSettings(Date.now());
}

export async function loadSettings(): Promise<Settings> {
  return (await (await db()).get('settings', 'settings')) ?? (await defaults());
}

export interface BoardData {
  settings: Settings;
  deals: Deal[];
  /** The earliest open follow-up of each deal. */
  nextFollowUp: Map<string, FollowUp>;
  /** Every open follow-up, by due time (the follow-ups view and the badge count). */
  openFollowUps: FollowUp[];
  /** Activities of the engagement window (the last 30 days), for the lead score. */
  recentActivities: Activity[];
}

let preloaded: { board: Promise<BoardData>; stale: boolean; off: () => void } | undefined;

/**
 * Starts the board's read before the first render, so the database works while the panel's
 * first frame is drawn (effects run only after it). A change event before the read is taken
 * makes it stale: {@link takeBoard} then reads afresh.
 */
export function preloadBoard(): void {
  if (preloaded) return;
  const board = loadBoard();
  // Taken (and its errors shown) by the first takeBoard.
  board.catch(() => undefined);
  const p = { board, stale: false, off: () => {} };
  p.off = onChange(() => {
    p.stale = true;
  });
  preloaded = p;
}

/** The preloaded board the first time (unless a change made it stale), else a fresh read. */
export function takeBoard(): Promise<BoardData> {
  const p = preloaded;
  preloaded = undefined;
  if (!p) return loadBoard();
  p.off();
  return p.stale ? loadBoard() : p.board;
}

/** Everything the board needs, in one read transaction (two index reads; no per-deal queries). */
export async function loadBoard(): Promise<BoardData> {
  const d = await db();
  const tx = d.transaction(['deals', 'followUps', 'settings', 'activities'], 'readonly');
  const since = Date.now() - ENGAGEMENT_WINDOW_DAYS * 86_400_000;
  const [deals, open, stored, recentActivities] = await Promise.all([
    tx.objectStore('deals').getAll(),
    tx.objectStore('followUps').index('by-open-due').getAll(),
    tx.objectStore('settings').get('settings'),
    tx.objectStore('activities').index('by-at').getAll(IDBKeyRange.lowerBound(since)),
  ]);
  const nextFollowUp = new Map<string, FollowUp>();
  // `open` is sorted by due time, so the first seen per deal is its next one.
  for (const f of open) if (f.dealId && !nextFollowUp.has(f.dealId)) nextFollowUp.set(f.dealId, f);
  return {
    settings: stored ?? (await defaults()),
    deals,
    nextFollowUp,
    openFollowUps: open,
    recentActivities,
  };
}

export interface LeadData {
  settings: Settings;
  deal: Deal;
  contact?: Contact;
  company?: Company;
  /** Newest first. */
  activities: Activity[];
  followUps: FollowUp[];
  notes: Note[];
  objections: Objection[];
  nps: NpsAnswer[];
  /** Other deals of the same contact (earlier wins, upsells). */
  otherDeals: Deal[];
}

/** Everything the lead view shows, in one read transaction. */
export async function loadLead(dealId: string): Promise<LeadData | undefined> {
  const d = await db();
  const tx = d.transaction(
    ['deals', 'contacts', 'companies', 'activities', 'followUps', 'notes', 'objections', 'nps', 'settings'],
    'readonly',
  );
  const deal = await tx.objectStore('deals').get(dealId);
  if (!deal) return undefined;
  const byRange = (id: string) => IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
  const [contact, company, activities, followUps, objections, stored] = await Promise.all([
    deal.contactId ? tx.objectStore('contacts').get(deal.contactId) : undefined,
    deal.companyId ? tx.objectStore('companies').get(deal.companyId) : undefined,
    tx.objectStore('activities').index('by-deal').getAll(byRange(deal.id)),
    tx.objectStore('followUps').index('by-deal').getAll(deal.id),
    tx.objectStore('objections').index('by-deal').getAll(deal.id),
    tx.objectStore('settings').get('settings'),
  ]);
  const subjects = [deal.id, deal.contactId, deal.companyId].filter((x): x is string => !!x);
  const notes = (
    await Promise.all(subjects.map((s) => tx.objectStore('notes').index('by-subject').getAll(byRange(s))))
  ).flat();
  const nps = deal.contactId ? await tx.objectStore('nps').index('by-contact').getAll(deal.contactId) : [];
  const otherDeals = deal.contactId
    ? (await tx.objectStore('deals').index('by-contact').getAll(deal.contactId)).filter((x) => x.id !== deal.id)
    : [];
  return {
    settings: stored ?? (await defaults()),
    deal,
    contact,
    company,
    activities: activities.reverse(),
    followUps,
    notes: notes.sort((a, b) => b.createdAt - a.createdAt),
    objections,
    nps: nps.sort((a, b) => b.at - a.at),
    otherDeals,
  };
}

/** Contacts, companies and notes for the search index and the lead-status and tag filters (loaded after first paint). */
export async function loadSearchRecords(): Promise<{ contacts: Contact[]; companies: Company[]; notes: Note[] }> {
  const d = await db();
  const tx = d.transaction(['contacts', 'companies', 'notes'], 'readonly');
  const [contacts, companies, notes] = await Promise.all([
    tx.objectStore('contacts').getAll(),
    tx.objectStore('companies').getAll(),
    tx.objectStore('notes').getAll(),
  ]);
  return { contacts, companies, notes };
}
