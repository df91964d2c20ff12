/**
 * The one message protocol between Leadline's contexts. Every request is a member of one zod
 * discriminated union on `type`; every reply is `{ ok: true, value } | { ok: false, error }`.
 * The background is the only writer: it parses every message with `requestSchema`, checks the
 * sender, and a content script may send only the `CONTENT_SCRIPT_TYPES`.
 *
 * UI code imports only the *types* from here (`import type`), so zod stays out of the panel.
 */
import { z } from 'zod';
import type { PageRead } from './clip';
import type { ImportSummary } from './data-service';
import { REMOVABLE_STORES } from './delete';
import type { ErrorInfo } from './errors';
import type { PageMatch } from './page-match';
import { id, leadSource, SCHEMAS, type StoreName } from './records';
import { SNAPSHOT_MAX } from './snapshot';
import { PRESETS } from './time';
import { FOLLOW_UP_KINDS, TOUCHPOINT_KINDS } from './vocab';

const storeName = z.enum(Object.keys(SCHEMAS) as [StoreName, ...StoreName[]]);
const text = (max: number) => z.string().max(max);
const optionalUrl = text(2048).optional();

/** What the capture card sends: the reviewed values of one person (and their company). */
export const clipDraftSchema = z.object({
  person: z.object({
    fullName: text(300).min(1, 'a name is needed'),
    jobTitle: text(300).optional(),
    location: text(300).optional(),
    emails: z.array(text(254)).max(20).default([]),
    phones: z.array(text(40)).max(20).default([]),
    linkedin: optionalUrl,
    twitter: optionalUrl,
    github: optionalUrl,
    website: optionalUrl,
    photoUrl: optionalUrl,
  }),
  company: z
    .object({
      name: text(300).min(1),
      domain: text(253).optional(),
      website: optionalUrl,
      description: text(2000).optional(),
      industry: text(300).optional(),
      address: text(300).optional(),
      linkedin: optionalUrl,
      twitter: optionalUrl,
    })
    .optional(),
  sourceUrl: text(2048),
  pageTitle: text(500).default(''),
  source: leadSource.default('other'),
  tags: z.array(text(60)).max(20).default([]),
  /** A first note, markdown. */
  note: text(20_000).optional(),
  /** A quick follow-up: a preset, resolved in the rep's time zone by the background. */
  followUp: z.enum(['none', 'tomorrow', 'in-3-days', 'next-week']).default('tomorrow'),
});
export type ClipDraft = z.output<typeof clipDraftSchema>;
export type ClipDraftInput = z.input<typeof clipDraftSchema>;

/**
 * No runtime message carries more than Chrome's 64 MiB. The file's own limit
 * (lib/import-file `IMPORT_MAX_BYTES`, 30 MiB) is lower: lib/backup and lib/csv check it and
 * name it in their refusal, so this bound only stops what could not be a file Leadline sent.
 */
export const DATA_IMPORT_MAX_CHARS = 64 * 1024 * 1024;

const stageMove = z.object({
  type: z.literal('deal.move'),
  id,
  rev: z.number().int(),
  stage: id,
  lostReason: text(300).optional(),
});

/**
 * Every request. Documented per message:
 * - `ping`: is the worker up; replies `{ version }`.
 * - `capture.lookup`: is this clipped person already in Leadline; replies `LookupResult`.
 * - `capture.save`: save a reviewed clip (create, or update the matched contact); replies `SaveClipResult`.
 * - `deal.move`: move a deal to a stage (an activity is logged; Won/Lost have effects).
 * - `capture.read`: read a page snapshot into the card's drafts (in an extension page; see lib/clip.ts).
 * - `capture.ruleHealth`: a site rule found (or did not find) its page's layout, for the options page.
 * - `settings.update`: change settings; deals of removed stages are moved as `moveDeals` says.
 * - `activity.log`: a touchpoint on a deal; suggests the next touch when the deal has no next step.
 * - `followUp.create`: a follow-up at an instant or a preset ("tomorrow 9:00" in the rep's zone).
 * - `deal.create`: a new deal (upsell, cross-sell, revival) for a contact, in the first stage.
 * - `contact.churn`: a customer left; the date is kept for the churn rate.
 * - `followUp.complete` / `followUp.snooze`: close a follow-up (an activity is logged) or move its due time.
 * - `record.create` / `record.update` / `record.delete`: generic writes, each validated by the store's schema.
 * - `data.import`: a backup file (replace everything, or merge) or a CSV file (always merged), checked whole
 *   and written in one transaction; replies `ImportSummary` (lib/data-service.ts).
 * - `data.wipe`: delete every record, settings included; `confirm` must be the word the rep typed, `WIPE`.
 * - `record.remove`: delete from the lead view: the record and what belongs to it, detaching what only
 *   refers to it (a contact's deals are kept or deleted as `deals` says); replies `RemoveResult`, whose
 *   `undoId` undoes it for a few minutes.
 * - `undo.apply`: put back exactly what a `record.remove` touched, unless some of it changed since.
 * - `followUp.reschedule`: a new due time the rep picked (an instant); not counted as a snooze.
 * - `tab.context`: what the tab beside the panel (the active tab of `windowId`) is, where Leadline may read
 *   its address (after a gesture that granted `activeTab`, or on an opted-in site); replies `TabContext`.
 * - `tab.clip`: clip the page in a tab, as the toolbar button does.
 * - `page.lookup`: from the marker script on an opted-in site: is this page (the sender's own address,
 *   never one the message names) a stored contact or company; replies a `PageMatch` or `null`.
 */
export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('capture.lookup'), draft: clipDraftSchema }),
  z.object({
    type: z.literal('capture.save'),
    draft: clipDraftSchema,
    /** The contact the card matched, when the rep chose to update it. */
    contactId: id.optional(),
  }),
  z.object({
    type: z.literal('capture.read'),
    snapshot: z.object({
      /** The page's serialised DOM, capped by the capture script. */
      html: text(SNAPSHOT_MAX),
      url: text(2048),
      title: text(1000),
    }),
    launch: z.object({
      mode: z.enum(['page', 'link']),
      linkUrl: text(2048).optional(),
      linkText: text(1000).optional(),
    }),
  }),
  z.object({ type: z.literal('capture.ruleHealth'), rule: text(40), matched: z.boolean(), url: text(2048) }),
  stageMove,
  z.object({
    type: z.literal('settings.update'),
    /** The settings' `rev` the editor started from (0 when none are stored yet). */
    rev: z.number().int().nonnegative(),
    patch: z.record(z.string(), z.unknown()),
    /** Deals in removed stages go here: `{ from: removedStageId, to: stageId }`. */
    moveDeals: z
      .array(z.object({ from: id, to: id }))
      .max(20)
      .default([]),
  }),
  z.object({
    type: z.literal('activity.log'),
    dealId: id,
    kind: z.enum(TOUCHPOINT_KINDS),
    text: text(5000).default(''),
    at: z.number().int().nonnegative().optional(),
  }),
  z
    .object({
      type: z.literal('followUp.create'),
      dealId: id.optional(),
      contactId: id.optional(),
      kind: z.enum(FOLLOW_UP_KINDS).default('call'),
      text: text(300).default(''),
      dueAt: z.number().int().nonnegative().optional(),
      preset: z.enum(PRESETS).optional(),
    })
    .refine((m) => (m.dueAt === undefined) !== (m.preset === undefined), 'give either dueAt or preset')
    .refine((m) => m.dealId || m.contactId, 'a follow-up is about a deal or a contact'),
  z.object({
    type: z.literal('deal.create'),
    contactId: id,
    kind: z.enum(['new', 'upsell', 'cross-sell', 'revival']),
    title: text(300).min(1),
    value: z.number().nonnegative().finite().optional(),
  }),
  z.object({ type: z.literal('contact.churn'), contactId: id, rev: z.number().int(), reason: text(300).min(1) }),
  z.object({ type: z.literal('followUp.complete'), id, rev: z.number().int() }),
  z
    .object({
      type: z.literal('followUp.snooze'),
      id,
      rev: z.number().int(),
      /** An instant, or a preset resolved in the rep's zone. */
      until: z.number().int().nonnegative().optional(),
      preset: z.enum(PRESETS).optional(),
    })
    .refine((m) => (m.until === undefined) !== (m.preset === undefined), 'give either until or preset'),
  z.object({ type: z.literal('record.create'), store: storeName, draft: z.record(z.string(), z.unknown()) }),
  z.object({
    type: z.literal('record.update'),
    store: storeName,
    id,
    rev: z.number().int(),
    patch: z.record(z.string(), z.unknown()),
  }),
  z.object({ type: z.literal('record.delete'), store: storeName, id, rev: z.number().int().optional() }),
  z
    .object({
      type: z.literal('data.import'),
      kind: z.enum(['backup', 'csv']),
      mode: z.enum(['replace', 'merge']).default('merge'),
      /** The file's text; lib/backup and lib/csv refuse it above 30 MiB of UTF-8 before parsing it. */
      text: z.string().max(DATA_IMPORT_MAX_CHARS),
      /** CSV: the field each column fills (`null` ignores it); detected from the headers when absent. */
      mapping: z.array(text(40).nullable()).max(500).optional(),
      /** CSV: import the good rows although some are bad (the rep chose to skip those lines). */
      skipInvalid: z.boolean().default(false),
    })
    .refine((m) => m.kind === 'backup' || m.mode === 'merge', 'a CSV file is merged into what is stored'),
  z.object({ type: z.literal('data.wipe'), confirm: z.literal('WIPE') }),
  z
    .object({
      type: z.literal('record.remove'),
      store: z.enum(REMOVABLE_STORES),
      id,
      rev: z.number().int(),
      deals: z.enum(['keep', 'delete']).optional(),
    })
    .refine(
      (m) => m.store !== 'contacts' || m.deals !== undefined,
      'say whether the contact’s deals are kept or deleted',
    ),
  z.object({ type: z.literal('undo.apply'), undoId: id }),
  z.object({
    type: z.literal('followUp.reschedule'),
    id,
    rev: z.number().int(),
    dueAt: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('tab.context'), windowId: z.number().int() }),
  z.object({ type: z.literal('tab.clip'), tabId: z.number().int().nonnegative() }),
  z.object({ type: z.literal('page.lookup') }),
]);
export type Request = z.output<typeof requestSchema>;
export type RequestInput = z.input<typeof requestSchema>;
export type RequestType = Request['type'];

/** The only requests a content script (running in a web page's tab) may send. */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<RequestType> = new Set([
  'ping',
  'capture.read',
  'capture.lookup',
  'capture.save',
  'capture.ruleHealth',
  'page.lookup',
]);

export interface LookupResult {
  match?: { contactId: string; rev: number; by: 'email' | 'profile' | 'name-company'; name: string };
  changes: { field: string; before?: string; after?: string }[];
  jobChange: boolean;
}
/** What a `record.remove` did: records deleted and detached, per store; `undoId` when it can be undone. */
export interface RemoveResult {
  deleted: Partial<Record<StoreName, number>>;
  detached: Partial<Record<StoreName, number>>;
  undoId?: string;
}

/** The tab beside the panel, as far as Leadline may know it. */
export interface TabContext {
  /** Absent when the window has no tab, or its tab is one of Leadline's own pages. */
  tabId?: number;
  /** Absent when Leadline may not read the tab's address (no gesture, not an opted-in site). */
  url?: string;
  title?: string;
  /** The stored contact or company this page belongs to. */
  match?: PageMatch;
  /** The page can be clipped from the panel: its address is readable and not on the never-capture list. */
  canClip: boolean;
}

export interface SaveClipResult {
  contactId: string;
  dealId: string;
  companyId?: string;
  created: boolean;
}

/** The value each request's reply carries. */
export interface ReplyValues {
  ping: { version: string };
  'capture.lookup': LookupResult;
  'capture.save': SaveClipResult;
  'capture.read': PageRead;
  'capture.ruleHealth': null;
  'deal.move': { id: string; rev: number };
  'settings.update': { rev: number };
  'activity.log': { id: string; followUpId?: string };
  'followUp.create': { id: string; rev: number };
  'deal.create': { id: string; rev: number };
  'contact.churn': { id: string; rev: number };
  'followUp.complete': { id: string; rev: number };
  'followUp.snooze': { id: string; rev: number };
  'record.create': { id: string; rev: number };
  'record.update': { id: string; rev: number };
  'record.delete': { id: string };
  'data.import': ImportSummary;
  'data.wipe': { deleted: number };
  'record.remove': RemoveResult;
  'undo.apply': { restored: number };
  'followUp.reschedule': { id: string; rev: number };
  'tab.context': TabContext;
  'tab.clip': null;
  'page.lookup': PageMatch | null;
}

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
export type ReplyFor<K extends RequestType> = Reply<ReplyValues[K]>;

export type { ChangeEvent } from './events';
export { isChangeEvent } from './events';
