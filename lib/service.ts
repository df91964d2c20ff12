/**
 * The background's request handlers, as plain functions over a database handle and `now`, so
 * every rule about who may write what is tested without a browser. The background entrypoint
 * only wires `runtime.onMessage` to `handleMessage` and broadcasts the changes.
 */

import type { IDBPTransaction, StoreNames } from 'idb';
import type { CaptureLaunchLike, PageRead } from './clip';
import { importBackup, importCsv, wipeAll } from './data-service';
import type { Db } from './db/open';
import { type Change, type Patch, transact, validate, type Writer } from './db/repo';
import type { LeadlineDB } from './db/schema';
import { companyMatch, dedupeKeys, diffClip, findMatch, mergeClip, neverCaptureMatches } from './dedupe';
import { defaultSettings } from './defaults';
import { applyUndo, removeRecord, type UndoStep } from './delete';
import { describeZodError, type ErrorInfo, LeadlineError, toErrorInfo } from './errors';
import {
  checkInFollowUps,
  complete,
  type FollowUpPatch,
  nextTouchFollowUp,
  reschedule,
  snooze,
  staleDeals,
  staleFollowUp,
} from './followups';
import { newId } from './ids';
import { siteCovers } from './marker-sites';
import {
  companyDomain,
  domainOf,
  foldText,
  normalizeEmail,
  normalizePhone,
  normalizeUrl,
  profileKey,
} from './normalize';
import { matchPage } from './page-match';
import {
  type ClipDraft,
  CONTENT_SCRIPT_TYPES,
  type LookupResult,
  type Reply,
  type Request,
  requestSchema,
  type SaveClipResult,
  type TabContext,
} from './protocol';
import type { Company, Contact, DraftOf, Settings, StoreName } from './records';
import { type Preset, presetDue, resolveTimeZone } from './time';

/** Who sent a message, as `runtime.onMessage` reports it. */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** Set when the message comes from a tab (a content script). */
  tabId?: number;
}

export interface ServiceContext {
  db: Db;
  now: number;
  /** This extension's id and origin (`chrome-extension://ID`), to tell our pages from others. */
  extensionId: string;
  extensionOrigin: string;
  version: string;
  /** The browser's IANA time zone; the settings may name another. */
  timeZone: string;
  /** Reads a page snapshot into drafts; needs a DOM, so the background supplies it. */
  readSnapshot?: (
    snapshot: { html: string; url: string; title: string },
    launch: CaptureLaunchLike,
  ) => Promise<PageRead>;
  /** Remembers a site rule's last success or failure (kept outside the records). */
  recordRuleHealth?: (rule: string, matched: boolean, url: string, now: number) => Promise<void>;
  /**
   * The active tab of a window. Its `url` and `title` are there only where the browser lets
   * Leadline read them (a gesture granted `activeTab`, or the rep opted the site in).
   */
  activeTab?: (windowId: number) => Promise<{ id: number; url?: string; title?: string } | undefined>;
  /** Clips the page in a tab, as the toolbar button does. */
  clipTab?: (tabId: number) => Promise<void>;
  /** Keeps what a delete touched until it is undone or expires (outside the records: it is short-lived). */
  undo?: {
    save(id: string, steps: UndoStep[], now: number): Promise<void>;
    take(id: string, now: number): Promise<UndoStep[] | undefined>;
  };
}

export type SenderKind = 'page' | 'content' | 'foreign';

/** Our own extension pages, our content scripts (in a tab), or anything else (refused). */
export function senderKind(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  const fromOurOrigin = typeof sender.url === 'string' && sender.url.startsWith(`${extensionOrigin}/`);
  if (fromOurOrigin && sender.tabId === undefined) return 'page';
  if (fromOurOrigin) return 'page'; // our page opened as a tab (e.g. sidepanel.html in a tab)
  if (sender.tabId !== undefined) return 'content';
  return 'foreign';
}

/**
 * Validates and runs one message. Never throws: a malformed, unknown or forbidden message gets
 * an error reply and changes nothing.
 */
export async function handleMessage(
  raw: unknown,
  sender: SenderInfo,
  ctx: ServiceContext,
): Promise<{ reply: Reply; changes: Change[] }> {
  const kind = senderKind(sender, ctx.extensionId, ctx.extensionOrigin);
  if (kind === 'foreign')
    return fail({ code: 'forbidden', message: 'Messages from outside Leadline are not accepted.' });
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) {
    const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
    return fail({
      code: 'invalid',
      message: `Malformed request${typeof type === 'string' ? ` "${type.slice(0, 40)}"` : ''}: ${describeZodError(parsed.error)}`,
    });
  }
  const req = parsed.data;
  if (kind === 'content' && !CONTENT_SCRIPT_TYPES.has(req.type)) {
    return fail({ code: 'forbidden', message: `A web page may not send "${req.type}".` });
  }
  try {
    const { value, changes } = await route(req, ctx, sender);
    return { reply: { ok: true, value }, changes };
  } catch (e) {
    return fail(toErrorInfo(e));
  }
}

function fail(error: ErrorInfo): { reply: Reply; changes: Change[] } {
  return { reply: { ok: false, error }, changes: [] };
}

/** Every store but settings: a delete may touch any record. */
const RECORD_STORES = [
  'contacts',
  'companies',
  'deals',
  'activities',
  'notes',
  'followUps',
  'objections',
  'nps',
] as const;

async function route(
  req: Request,
  ctx: ServiceContext,
  sender: SenderInfo,
): Promise<{ value: unknown; changes: Change[] }> {
  const { db, now } = ctx;
  switch (req.type) {
    case 'ping':
      return { value: { version: ctx.version }, changes: [] };
    case 'capture.lookup':
      return { value: await lookupClip(db, req.draft), changes: [] };
    case 'capture.save':
      return transact(
        db,
        ['contacts', 'companies', 'deals', 'activities', 'notes', 'followUps', 'settings'],
        now,
        (w) => saveClip(w, req.draft, ctx.timeZone, req.contactId),
      );
    case 'capture.read':
      if (!ctx.readSnapshot) throw new LeadlineError('unavailable', 'Page reading is not available here.');
      return { value: await ctx.readSnapshot(req.snapshot, req.launch), changes: [] };
    case 'capture.ruleHealth':
      await ctx.recordRuleHealth?.(req.rule, req.matched, req.url, now);
      return { value: null, changes: [] };
    case 'settings.update':
      return transact(db, ['settings', 'deals', 'activities'], now, (w) =>
        updateSettings(w, req.rev, req.patch, req.moveDeals),
      );
    case 'activity.log':
      return transact(db, ['deals', 'activities', 'followUps', 'settings'], now, (w) =>
        logActivity(w, req, ctx.timeZone),
      );
    case 'followUp.create':
      return transact(db, ['followUps', 'settings'], now, async (w) => {
        const settings = await readSettings(w);
        const dueAt =
          req.dueAt ?? presetDue(req.preset ?? 'tomorrow-9', w.now, settings, zoneOf(settings, ctx.timeZone));
        const f = await w.create('followUps', {
          dueAt,
          kind: req.kind,
          text: req.text,
          dealId: req.dealId,
          contactId: req.contactId,
        });
        return { id: f.id, rev: f.rev };
      });
    case 'deal.create':
      return transact(db, ['deals', 'contacts', 'activities', 'settings'], now, (w) => createDeal(w, req));
    case 'contact.churn':
      return transact(db, ['contacts', 'activities'], now, async (w) => {
        const c = await w.update('contacts', req.contactId, req.rev, {
          lifecycle: 'churned',
          churnedAt: w.now,
          churnReason: req.reason,
        });
        await w.create('activities', { kind: 'churned', at: w.now, contactId: c.id, text: req.reason });
        return { id: c.id, rev: c.rev };
      });
    case 'followUp.complete':
      return transact(db, ['followUps', 'activities'], now, (w) => completeFollowUp(w, req.id, req.rev));
    case 'followUp.snooze':
      return transact(db, ['followUps', 'settings'], now, (w) =>
        snoozeFollowUp(w, req.id, req.rev, req.until ?? req.preset ?? 'tomorrow-9', ctx.timeZone),
      );
    case 'deal.move':
      return transact(db, ['deals', 'activities', 'settings', 'contacts', 'followUps'], now, (w) =>
        moveDeal(w, req.id, req.rev, req.stage, ctx.timeZone, req.lostReason),
      );
    case 'record.create':
      return transact(db, [req.store], now, async (w) => {
        const r = await w.create(req.store, req.draft as DraftOf<StoreName>);
        return { id: r.id, rev: r.rev };
      });
    case 'record.update':
      return transact(db, [req.store], now, async (w) => {
        const r = await w.update(req.store, req.id, req.rev, req.patch as Patch<StoreName>);
        return { id: r.id, rev: r.rev };
      });
    case 'record.delete':
      if (req.store === 'settings') throw new LeadlineError('forbidden', 'Settings cannot be deleted.');
      return transact(db, [req.store], now, async (w) => {
        await w.delete(req.store, req.id, req.rev);
        return { id: req.id };
      });
    case 'data.import':
      return req.kind === 'backup'
        ? importBackup(db, req.text, req.mode, now)
        : importCsv(db, { text: req.text, mapping: req.mapping, skipInvalid: req.skipInvalid }, now);
    case 'data.wipe':
      return wipeAll(db, now);
    case 'record.remove': {
      const done = await transact(db, RECORD_STORES, now, (w) =>
        removeRecord(w, req.store, req.id, req.rev, req.deals),
      );
      const { steps, ...counts } = done.value;
      let undoId: string | undefined;
      if (ctx.undo) {
        // Kept after the commit: the transaction must not wait on anything but itself.
        undoId = newId();
        await ctx.undo.save(undoId, steps, now).catch(() => {
          undoId = undefined;
        });
      }
      return { value: { ...counts, undoId }, changes: done.changes };
    }
    case 'undo.apply': {
      const steps = await ctx.undo?.take(req.undoId, now);
      if (!steps) throw new LeadlineError('not-found', 'It is too late to undo that.');
      return transact(db, RECORD_STORES, now, async (w) => ({ restored: await applyUndo(w, steps) }));
    }
    case 'followUp.reschedule':
      return transact(db, ['followUps'], now, async (w) => {
        const current = await w.get('followUps', req.id);
        if (!current) throw new LeadlineError('not-found', 'That follow-up no longer exists.');
        const fu = await w.update('followUps', req.id, req.rev, clearing(reschedule(current, req.dueAt, w.now)));
        return { id: fu.id, rev: fu.rev };
      });
    case 'tab.context':
      return { value: await tabContext(req.windowId, ctx), changes: [] };
    case 'tab.clip':
      if (!ctx.clipTab) throw new LeadlineError('unavailable', 'Clipping from the panel is not available here.');
      await ctx.clipTab(req.tabId);
      return { value: null, changes: [] };
    case 'page.lookup':
      return { value: await lookupSenderPage(sender, ctx), changes: [] };
  }
}

// ---------------------------------------------------------------------------------------------
// The page beside the panel, and the marker on opted-in sites

async function storedSettings(db: Db, now: number): Promise<Settings> {
  return (await db.get('settings', 'settings')) ?? defaultSettings(now);
}

/** What the panel may know of the tab beside it, and the lead that page belongs to. */
export async function tabContext(windowId: number, ctx: ServiceContext): Promise<TabContext> {
  const tab = await ctx.activeTab?.(windowId);
  if (!tab || tab.url?.startsWith(`${ctx.extensionOrigin}/`)) return { canClip: false };
  const url = tab.url ? normalizeUrl(tab.url) : undefined;
  // No address (not granted), or not a web page (the browser's own pages, files, PDFs in the viewer).
  if (!url) return { tabId: tab.id, canClip: false };
  const settings = await storedSettings(ctx.db, ctx.now);
  const match = await matchPage(ctx.db, url, settings.stages);
  return {
    tabId: tab.id,
    url,
    title: tab.title,
    match,
    canClip: !neverCaptureMatches(url, settings.neverCapture),
  };
}

/**
 * The marker's question. The page is the sender's own address as the browser reports it, so
 * a page cannot ask about anyone else's; and only on a site the rep opted in to.
 */
async function lookupSenderPage(sender: SenderInfo, ctx: ServiceContext) {
  if (sender.tabId === undefined || !sender.url) return null;
  const url = normalizeUrl(sender.url);
  if (!url) return null;
  const settings = await storedSettings(ctx.db, ctx.now);
  if (!settings.markerSites.some((site) => siteCovers(site, url))) return null;
  return (await matchPage(ctx.db, url, settings.stages)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Settings

/** The stored settings, or the defaults when none were saved yet. */
export async function readSettings(w: Writer): Promise<Settings> {
  return (await w.get('settings', 'settings')) ?? defaultSettings(w.now);
}

/**
 * Saves a settings change. Removing a stage that still holds deals needs somewhere to move
 * them (`moveDeals`); each moved deal gets a stage-change activity, so no deal is orphaned.
 */
export async function updateSettings(
  w: Writer,
  rev: number,
  patch: Record<string, unknown>,
  moveDeals: { from: string; to: string }[],
): Promise<{ rev: number }> {
  const stored = await w.get('settings', 'settings');
  const current = stored ?? defaultSettings(w.now);
  if ((stored?.rev ?? 0) !== rev) {
    throw new LeadlineError(
      'stale',
      'Settings were changed in another window. Reload them and apply your change again.',
    );
  }
  const next = validate('settings', {
    ...current,
    ...patch,
    id: 'settings',
    rev: current.rev,
    createdAt: current.createdAt,
  });
  const kept = new Set(next.stages.map((s) => s.id));
  for (const removed of current.stages.filter((s) => !kept.has(s.id))) {
    const deals = await w.tx.objectStore('deals').index('by-stage').getAll(removed.id);
    if (!deals.length) continue;
    const to = moveDeals.find((m) => m.from === removed.id)?.to;
    const target = to ? next.stages.find((s) => s.id === to) : undefined;
    if (!target) {
      throw new LeadlineError(
        'conflict',
        `${deals.length} deal${deals.length === 1 ? '' : 's'} are still in ${removed.name}: choose a stage to move them to.`,
      );
    }
    for (const d of deals) {
      await w.update('deals', d.id, d.rev, {
        stage: target.id,
        stageEnteredAt: w.now,
        closedAt: target.kind === 'open' ? null : (d.closedAt ?? w.now),
      });
      await w.create('activities', {
        kind: 'stage-change',
        at: w.now,
        dealId: d.id,
        contactId: d.contactId,
        fromStage: removed.id,
        toStage: target.id,
        text: `${removed.name} was removed; moved to ${target.name}`,
      });
    }
  }
  if (stored) {
    const r = await w.update('settings', 'settings', rev, next);
    return { rev: r.rev };
  }
  const r = await w.put('settings', { ...next, rev: 1, createdAt: w.now, updatedAt: w.now });
  return { rev: r.rev };
}

// ---------------------------------------------------------------------------------------------
// Capture

/** The clip's values in record form: normalised, with junk dropped rather than refused. */
function clipContactFields(draft: ClipDraft) {
  const p = draft.person;
  const url = (u?: string) => (u ? normalizeUrl(u) : undefined);
  return {
    name: p.fullName,
    jobTitle: p.jobTitle || undefined,
    location: p.location || undefined,
    emails: p.emails.map(normalizeEmail).filter((e): e is string => !!e),
    phones: p.phones.map(normalizePhone).filter((e): e is string => !!e),
    profiles: dropEmpty({
      linkedin: url(p.linkedin),
      twitter: url(p.twitter),
      github: url(p.github),
      website: url(p.website),
    }),
    photoUrl: url(p.photoUrl),
  };
}

function dropEmpty<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

type ReadTx = IDBPTransaction<LeadlineDB, StoreNames<LeadlineDB>[], IDBTransactionMode>;

/** The contact a clip is about, through the dedupe indexes and lib/dedupe's rules. */
async function matchClip(tx: ReadTx, draft: ClipDraft) {
  const keys = dedupeKeys(draft);
  const contacts = tx.objectStore('contacts');
  const many = async (index: 'by-email' | 'by-profile', values: string[]) =>
    (await Promise.all(values.map((v) => contacts.index(index).getAll(v, 10)))).flat();
  const [byEmail, byProfile, byName] = await Promise.all([
    many('by-email', keys.emails),
    many('by-profile', keys.profileKeys),
    keys.nameKey ? contacts.index('by-name').getAll(keys.nameKey, 20) : Promise.resolve([]),
  ]);
  const companiesById = new Map<string, Company>();
  for (const c of byName) {
    if (!c.companyId || companiesById.has(c.companyId)) continue;
    const co = await tx.objectStore('companies').get(c.companyId);
    if (co) companiesById.set(co.id, co);
  }
  return findMatch(draft, { byEmail, byProfile, byName }, companiesById);
}

const asText = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);

export async function lookupClip(db: Db, draft: ClipDraft): Promise<LookupResult> {
  const tx = db.transaction(['contacts', 'companies'], 'readonly');
  const found = await matchClip(tx as unknown as ReadTx, draft);
  if (!found) return { changes: [], jobChange: false };
  const company = found.contact.companyId ? await tx.objectStore('companies').get(found.contact.companyId) : undefined;
  const diff = diffClip(found.contact, company, draft);
  return {
    match: { contactId: found.contact.id, rev: found.contact.rev, by: found.reason, name: found.contact.name },
    changes: diff.changes.map((c) => ({ field: c.field, before: asText(c.before), after: asText(c.after) })),
    jobChange: diff.jobChange,
  };
}

async function findOrCreateCompany(w: Writer, draft: ClipDraft): Promise<Company | undefined> {
  const c = draft.company;
  if (!c) return undefined;
  const domain = c.domain ? companyDomain(c.domain) : c.website ? companyDomain(c.website) : undefined;
  const store = w.tx.objectStore('companies');
  const [byDomain, byName] = await Promise.all([
    domain ? store.index('by-domain').getAll(domain, 5) : Promise.resolve([]),
    store.index('by-name').getAll(foldText(c.name), 20),
  ]);
  const found = companyMatch({ ...c, domain }, byDomain, byName);
  if (found) return found.company;
  const url = (u?: string) => (u ? normalizeUrl(u) : undefined);
  return w.create('companies', {
    name: c.name,
    domain,
    website: url(c.website),
    description: c.description || undefined,
    industry: c.industry || undefined,
    address: c.address || undefined,
    profiles: dropEmpty({ linkedin: url(c.linkedin), twitter: url(c.twitter) }),
  });
}

const CARD_PRESETS = { tomorrow: 'tomorrow-9', 'in-3-days': 'in-3-days', 'next-week': 'next-week' } as const;

/** The rep's zone: the one in settings when valid, else the browser's. */
export function zoneOf(settings: Settings, browserZone: string): string {
  return resolveTimeZone(settings.timeZone, browserZone);
}

/** Saves a reviewed clip: updates the known contact or creates contact, company and a deal in the first stage. */
export async function saveClip(w: Writer, draft: ClipDraft, tz: string, contactId?: string): Promise<SaveClipResult> {
  const settings = await readSettings(w);
  const firstStage = settings.stages.find((s) => s.kind === 'open');
  if (!firstStage) throw new LeadlineError('conflict', 'The pipeline has no open stage to put a new deal in.');
  const fields = clipContactFields(draft);
  const match = contactId
    ? await w.get('contacts', contactId)
    : (await matchClip(w.tx as unknown as ReadTx, draft))?.contact;
  const company = await findOrCreateCompany(w, draft);
  const sourceUrl = normalizeUrl(draft.sourceUrl);

  let contact: Contact;
  let created = false;
  if (match) {
    contact = await w.update('contacts', match.id, match.rev, {
      ...mergeClip(match, draft, w.now, { companyId: company?.id }),
      tags: [...new Set([...match.tags, ...draft.tags])],
    });
  } else {
    created = true;
    contact = await w.create('contacts', {
      ...fields,
      source: draft.source,
      tags: draft.tags,
      companyId: company?.id,
      clippedFrom: sourceUrl,
      clippedAt: w.now,
    });
  }

  // A known contact keeps its open deal; a new one (or one whose deals are all closed) gets one.
  const deals = await w.tx.objectStore('deals').index('by-contact').getAll(contact.id);
  const openIds = new Set(settings.stages.filter((s) => s.kind === 'open').map((s) => s.id));
  let deal = deals.find((d) => openIds.has(d.stage));
  if (!deal) {
    deal = await w.create('deals', {
      title: company ? `${contact.name} — ${company.name}` : contact.name,
      contactId: contact.id,
      companyId: company?.id,
      stage: firstStage.id,
      stageEnteredAt: w.now,
      currency: settings.defaultCurrency,
      source: draft.source,
      tags: draft.tags,
      kind: deals.length > 0 ? 'revival' : 'new',
    });
    await w.create('activities', {
      kind: 'stage-change',
      at: w.now,
      dealId: deal.id,
      contactId: contact.id,
      toStage: firstStage.id,
      text: `Created in ${firstStage.name}`,
    });
  }
  await w.create('activities', {
    kind: 'clip',
    at: w.now,
    dealId: deal.id,
    contactId: contact.id,
    text: `Clipped from ${draft.pageTitle || sourceUrl || 'a page'}`,
  });
  if (draft.note?.trim()) {
    await w.create('notes', {
      subjectKind: 'contact',
      subjectId: contact.id,
      kind: 'note',
      body: draft.note,
      sourceUrl,
      pageTitle: draft.pageTitle || undefined,
    });
  }
  const preset = draft.followUp === 'none' ? undefined : CARD_PRESETS[draft.followUp];
  const dueAt = preset ? presetDue(preset, w.now, settings, zoneOf(settings, tz)) : undefined;
  if (dueAt !== undefined) {
    await w.create('followUps', {
      dueAt,
      kind: 'call',
      text: `Follow up with ${contact.name}`,
      dealId: deal.id,
      contactId: contact.id,
      origin: 'manual',
    });
  }
  return { contactId: contact.id, dealId: deal.id, companyId: company?.id, created };
}

// ---------------------------------------------------------------------------------------------
// Pipeline

async function moveDeal(w: Writer, id: string, rev: number, stageId: string, tz: string, lostReason?: string) {
  const settings = await readSettings(w);
  const deal = await w.get('deals', id);
  if (!deal) throw new LeadlineError('not-found', 'That deal no longer exists.');
  const to = settings.stages.find((s) => s.id === stageId);
  if (!to) throw new LeadlineError('conflict', `There is no stage "${stageId}".`);
  if (deal.stage === stageId) throw new LeadlineError('conflict', `The deal is already in ${to.name}.`);
  if (to.kind === 'lost' && !lostReason?.trim()) {
    throw new LeadlineError('invalid', 'Say why the deal was lost: the reason is what makes a revival possible later.');
  }
  const from = deal.stage;
  const updated = await w.update('deals', id, rev, {
    stage: stageId,
    stageEnteredAt: w.now,
    closedAt: to.kind === 'open' ? null : w.now,
    lostReason: to.kind === 'lost' ? lostReason : null,
  });
  const fromName = settings.stages.find((s) => s.id === from)?.name ?? from;
  await w.create('activities', {
    kind: 'stage-change',
    at: w.now,
    dealId: id,
    contactId: deal.contactId,
    fromStage: from,
    toStage: stageId,
    text: `${fromName} → ${to.name}${to.kind === 'lost' && lostReason ? `: ${lostReason}` : ''}`,
  });
  if (to.kind === 'won' && deal.contactId) {
    const contact = await w.get('contacts', deal.contactId);
    if (contact && contact.lifecycle !== 'customer') {
      await w.update('contacts', contact.id, contact.rev, {
        lifecycle: 'customer',
        customerSince: w.now,
        leadStatus: 'sql',
      });
    }
  }
  if (to.kind === 'won') {
    // Post-sale check-ins (7, 30, 90 days by default): the relationship goes on after the close.
    const subject = { dealId: id, contactId: deal.contactId };
    for (const draft of checkInFollowUps(subject, w.now, settings, zoneOf(settings, tz))) {
      await w.create('followUps', draft);
    }
  }
  return { id: updated.id, rev: updated.rev };
}

// ---------------------------------------------------------------------------------------------
// Research clippings

/**
 * Saves a selection as a research clipping. It goes to the contact whose profile the page is,
 * else to the company whose site it is (created from the domain when new), so research done
 * on a company's own site lands on that company.
 */
export async function addClipping(
  w: Writer,
  clip: { text: string; url: string; title: string },
): Promise<{ noteId: string; subjectName: string }> {
  const url = normalizeUrl(clip.url);
  if (!url) throw new LeadlineError('invalid', 'Only clippings from http(s) pages can be saved.');
  const key = profileKey(url);
  const contact = key ? await w.tx.objectStore('contacts').index('by-profile').get(key) : undefined;
  let subject: { kind: 'contact' | 'company'; id: string; name: string };
  if (contact) subject = { kind: 'contact', id: contact.id, name: contact.name };
  else {
    // A site on an IP address or a local name has no domain to be its identity: file by name.
    const host = domainOf(url);
    const domain = companyDomain(url);
    const siteName = clip.title
      .split(/\s[|–—-]\s/)
      .pop()
      ?.trim();
    const name = siteName && siteName.length <= 60 ? siteName : (host ?? 'Unknown site');
    const companies = w.tx.objectStore('companies');
    let company = domain
      ? await companies.index('by-domain').get(domain)
      : await companies.index('by-name').get(foldText(name));
    company ??= await w.create('companies', { name, domain, website: new URL(url).origin });
    subject = { kind: 'company', id: company.id, name: company.name };
  }
  const note = await w.create('notes', {
    subjectKind: subject.kind,
    subjectId: subject.id,
    kind: 'clipping',
    body: clip.text.trim(),
    sourceUrl: url,
    pageTitle: clip.title || undefined,
  });
  return { noteId: note.id, subjectName: subject.name };
}

// ---------------------------------------------------------------------------------------------
// Follow-ups

/** A lib/followups patch for Writer.update: its `undefined` fields mean "clear" there. */
function clearing<T extends Record<string, unknown>>(patch: T): { [K in keyof T]: T[K] | null } {
  return Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === undefined ? null : v])) as {
    [K in keyof T]: T[K] | null;
  };
}

/** Marks a follow-up done and logs it on the deal's timeline. */
export async function completeFollowUp(w: Writer, id: string, rev: number): Promise<{ id: string; rev: number }> {
  const current = await w.get('followUps', id);
  if (!current) throw new LeadlineError('not-found', 'That follow-up no longer exists.');
  const fu = await w.update('followUps', id, rev, clearing(complete(current, w.now)));
  await w.create('activities', {
    kind: 'follow-up-done',
    at: w.now,
    dealId: fu.dealId,
    contactId: fu.contactId,
    text: fu.text,
  });
  return { id: fu.id, rev: fu.rev };
}

/** Moves a follow-up's due time (to an instant or a preset); it will be notified again then. */
export async function snoozeFollowUp(
  w: Writer,
  id: string,
  rev: number,
  to: number | Preset,
  tz: string,
): Promise<{ id: string; rev: number }> {
  const current = await w.get('followUps', id);
  if (!current) throw new LeadlineError('not-found', 'That follow-up no longer exists.');
  let patch: FollowUpPatch;
  if (typeof to === 'number') {
    if (to <= w.now) throw new LeadlineError('invalid', 'Snooze to a time in the future.');
    patch = { ...reschedule(current, to, w.now), snoozeCount: current.snoozeCount + 1 };
  } else {
    const settings = await readSettings(w);
    patch = snooze(current, w.now, to, { settings, tz: zoneOf(settings, tz) });
  }
  const fu = await w.update('followUps', id, rev, clearing(patch));
  return { id: fu.id, rev: fu.rev };
}

// ---------------------------------------------------------------------------------------------
// Activities and deals

/**
 * Logs a touchpoint. When the deal has no open follow-up, the stage's cadence suggests the
 * next touch, so no open deal is left without a next step.
 */
async function logActivity(
  w: Writer,
  req: Extract<Request, { type: 'activity.log' }>,
  tz: string,
): Promise<{ id: string; followUpId?: string }> {
  const deal = await w.get('deals', req.dealId);
  if (!deal) throw new LeadlineError('not-found', 'That deal no longer exists.');
  const a = await w.create('activities', {
    kind: req.kind,
    at: req.at ?? w.now,
    text: req.text,
    dealId: deal.id,
    contactId: deal.contactId,
  });
  const settings = await readSettings(w);
  const open = settings.stages.find((s) => s.id === deal.stage)?.kind === 'open';
  const pending = await w.tx.objectStore('followUps').index('by-deal').getAll(deal.id);
  if (!open || pending.some((f) => f.status === 'open')) return { id: a.id };
  const next = nextTouchFollowUp(
    { dealId: deal.id, contactId: deal.contactId },
    a.at,
    deal.stage,
    settings,
    zoneOf(settings, tz),
  );
  if (!next) return { id: a.id };
  const f = await w.create('followUps', next);
  return { id: a.id, followUpId: f.id };
}

/** A new deal for a known contact (upsell, cross-sell, revival), in the first open stage. */
async function createDeal(
  w: Writer,
  req: Extract<Request, { type: 'deal.create' }>,
): Promise<{ id: string; rev: number }> {
  const contact = await w.get('contacts', req.contactId);
  if (!contact) throw new LeadlineError('not-found', 'That contact no longer exists.');
  const settings = await readSettings(w);
  const first = settings.stages.find((s) => s.kind === 'open');
  if (!first) throw new LeadlineError('conflict', 'The pipeline has no open stage to put a new deal in.');
  const deal = await w.create('deals', {
    title: req.title,
    contactId: contact.id,
    companyId: contact.companyId,
    stage: first.id,
    stageEnteredAt: w.now,
    value: req.value ?? 0,
    currency: settings.defaultCurrency,
    kind: req.kind,
    source:
      req.kind === 'revival'
        ? 'closed-lost-revival'
        : contact.lifecycle === 'customer'
          ? 'existing-customer'
          : contact.source,
  });
  await w.create('activities', {
    kind: 'stage-change',
    at: w.now,
    dealId: deal.id,
    contactId: contact.id,
    toStage: first.id,
    text: `New ${req.kind} deal in ${first.name}`,
  });
  return { id: deal.id, rev: deal.rev };
}

// ---------------------------------------------------------------------------------------------
// Stale deals

/**
 * The stale-deal alert: every open deal with no activity for longer than its stage allows gets
 * one follow-up due now ("No activity for 23 days in Proposal"), unless it already has an open
 * one. Only the activities of the longest stale window are read: an older last activity is
 * stale either way, and the deal's stage entry stands in for it.
 */
export async function createStaleFollowUps(w: Writer): Promise<number> {
  const settings = await readSettings(w);
  const longest = Math.max(0, ...settings.stages.map((s) => s.staleDays ?? 0));
  if (!longest) return 0;
  const openStages = new Set(settings.stages.filter((s) => s.kind === 'open').map((s) => s.id));
  const deals = (await w.tx.objectStore('deals').getAll()).filter((d) => openStages.has(d.stage));
  const since = w.now - (longest + 1) * 86_400_000;
  const last = new Map<string, number>();
  for (const a of await w.tx.objectStore('activities').index('by-at').getAll(IDBKeyRange.lowerBound(since))) {
    if (a.dealId && a.at > (last.get(a.dealId) ?? 0)) last.set(a.dealId, a.at);
  }
  const hasOpenStale = new Set(
    (await w.tx.objectStore('followUps').index('by-open-due').getAll())
      .filter((f) => f.origin === 'stale' && f.dealId)
      .map((f) => f.dealId as string),
  );
  let made = 0;
  for (const stale of staleDeals(deals, last, settings.stages, w.now)) {
    if (hasOpenStale.has(stale.deal.id)) continue;
    await w.create('followUps', staleFollowUp(stale, w.now));
    made++;
  }
  return made;
}
