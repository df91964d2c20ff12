/**
 * The side panel's only door to the outside: it reads the database directly (reads are safe
 * from any Leadline page), sends every write to the background, and listens for its change
 * events. Components receive what this module loads; they never touch `browser` or the DB.
 */
import { browser } from 'wxt/browser';
import { t } from '../../components/i18n';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import { defaultSettings } from '../../lib/defaults';
import { type ChangeEvent, isChangeEvent } from '../../lib/events';
import type { Reply, ReplyValues, RequestInput } from '../../lib/protocol';
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

/** Sends a request to the background; resolves with its value or rejects with its message. */
export async function send<K extends RequestInput['type']>(
  req: Extract<RequestInput, { type: K }>,
): Promise<K extends keyof ReplyValues ? ReplyValues[K] : never> {
  const reply = (await browser.runtime.sendMessage(req)) as Reply<never> | undefined;
  if (!reply) throw new Error(t('error.noAnswer'));
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}

export function onChange(listener: (e: ChangeEvent) => void): () => void {
  const l = (m: unknown) => {
    if (isChangeEvent(m)) listener(m);
  };
  browser.runtime.onMessage.addListener(l);
  return () => browser.runtime.onMessage.removeListener(l);
}

export async function loadSettings(): Promise<Settings> {
  return (await (await db()).get('settings', 'settings')) ?? defaultSettings(Date.now());
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
    settings: stored ?? defaultSettings(Date.now()),
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
    settings: stored ?? defaultSettings(Date.now()),
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
