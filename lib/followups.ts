/**
 * Follow-up rules: which list a follow-up shows in, when the one alarm rings, which follow-ups to
 * notify, the badge, the edits a rep makes (complete, snooze, reschedule) and the cadences that
 * suggest follow-ups. Pure: `now` and the time zone are arguments, and nothing is written here —
 * edits return the fields to patch, and the repository bumps `rev` and `updatedAt` when it writes.
 *
 * Definitions used everywhere (list buckets, badge colour):
 * - **due**: open and `dueAt ≤ now`;
 * - **overdue**: open and due before the start of today (local), i.e. carried over from an
 *   earlier day — such as everything that fell due while the browser was closed overnight;
 * - **today**: open and due within today (local), whether its time has passed or not;
 * - **upcoming**: open and due after today.
 * The day boundary, not the minute, separates overdue from due, so a follow-up does not change
 * list (or the badge colour) while the rep is looking at it; the list marks the due ones of today.
 */
import type { Deal, FollowUp, FollowUpKind, Settings, Stage } from './records';
import {
  addWorkingDays,
  calendarDaysAt,
  DAY_MS,
  instantFromZoned,
  MINUTE_MS,
  type Preset,
  type PresetSettings,
  parseHhMm,
  presetDue,
  startOfDay,
  startOfNextDay,
  zonedParts,
} from './time';

/** The fields of a follow-up these rules read; a full `FollowUp` fits. */
export type FollowUpLike = Pick<FollowUp, 'id' | 'dueAt' | 'status' | 'createdAt'> &
  Partial<Pick<FollowUp, 'notifiedAt'>>;

export type Bucket = 'overdue' | 'today' | 'upcoming' | 'done';

/** True when the follow-up is open and its due time has come. */
export function isDue(f: Pick<FollowUp, 'dueAt' | 'status'>, now: number): boolean {
  return f.status === 'open' && f.dueAt <= now;
}

/**
 * Follow-ups due before this instant are overdue (the start of today in `tz`). The background
 * counts them with one index count, `openDue < overdueBefore(now, tz)`, for the badge colour.
 */
export function overdueBefore(now: number, tz: string): number {
  return startOfDay(now, tz);
}

/** Which list a follow-up belongs in; anything not open (done or cancelled) is `'done'`. */
export function bucketOf(f: Pick<FollowUp, 'dueAt' | 'status'>, now: number, tz: string): Bucket {
  if (f.status !== 'open') return 'done';
  if (f.dueAt < startOfDay(now, tz)) return 'overdue';
  if (f.dueAt < startOfNextDay(now, tz)) return 'today';
  return 'upcoming';
}

/** Orders by due time, then creation time, then id, so equal due times keep one stable order. */
export function compareFollowUps(a: FollowUpLike, b: FollowUpLike): number {
  return a.dueAt - b.dueAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Open follow-ups split into the three lists of the Follow-ups view, each in due order. */
export function groupFollowUps<F extends FollowUpLike>(
  list: readonly F[],
  now: number,
  tz: string,
): { overdue: F[]; today: F[]; upcoming: F[] } {
  // The day's bounds once, not per follow-up: Intl formatting is the costly part.
  const dayStart = startOfDay(now, tz);
  const nextDay = startOfNextDay(now, tz);
  const out = { overdue: [] as F[], today: [] as F[], upcoming: [] as F[] };
  for (const f of list) {
    if (f.status !== 'open') continue;
    if (f.dueAt < dayStart) out.overdue.push(f);
    else if (f.dueAt < nextDay) out.today.push(f);
    else out.upcoming.push(f);
  }
  out.overdue.sort(compareFollowUps);
  out.today.sort(compareFollowUps);
  out.upcoming.sort(compareFollowUps);
  return out;
}

/** True when a notification was already shown for the follow-up's current due time. */
export function wasNotified(f: Pick<FollowUp, 'dueAt' | 'notifiedAt'>): boolean {
  return f.notifiedAt !== undefined && f.notifiedAt >= f.dueAt;
}

/**
 * When the one alarm should ring: the earliest due time after `now` among open follow-ups not yet
 * notified for that due time; `undefined` when there is none (clear the alarm). Follow-ups already
 * due are not the alarm's business: {@link dueToNotify} handles them when the worker starts or the
 * alarm rings, and then the alarm is set again.
 */
export function nextAlarmAt(openFollowUps: readonly FollowUpLike[], now: number): number | undefined {
  let next: number | undefined;
  for (const f of openFollowUps) {
    if (f.status !== 'open' || f.dueAt <= now || wasNotified(f)) continue;
    if (next === undefined || f.dueAt < next) next = f.dueAt;
  }
  return next;
}

/**
 * The follow-ups to notify now: open, due, and not yet notified for their current due time — both
 * those the alarm rang for and those that fell due while the browser was closed. After showing
 * them, write {@link markNotified}: a restart then finds `notifiedAt ≥ dueAt` and stays quiet,
 * while a snooze or reschedule moves `dueAt` past `notifiedAt`, so it notifies again.
 * In due order; many at the same instant keep a stable order.
 */
export function dueToNotify<F extends FollowUpLike>(openFollowUps: readonly F[], now: number): F[] {
  return openFollowUps.filter((f) => f.status === 'open' && f.dueAt <= now && !wasNotified(f)).sort(compareFollowUps);
}

/** What the worker does on start, after a write and when the alarm rings. */
export interface NotificationPlan<F> {
  /** Show these (then mark them notified). */
  notify: F[];
  /** Set the one alarm for this instant, or clear it when undefined. */
  alarmAt: number | undefined;
}

/** {@link dueToNotify} and {@link nextAlarmAt} together: what to show now and when to wake next. */
export function planNotifications<F extends FollowUpLike>(
  openFollowUps: readonly F[],
  now: number,
): NotificationPlan<F> {
  return { notify: dueToNotify(openFollowUps, now), alarmAt: nextAlarmAt(openFollowUps, now) };
}

/** The patch recording that a notification was shown for the current due time. */
export function markNotified(now: number): Pick<FollowUp, 'notifiedAt'> {
  return { notifiedAt: now };
}

/** Toolbar badge colours: red when something is overdue (from an earlier day), amber when only due today. */
export const BADGE_COLORS = { overdue: '#D93025', due: '#E37400' } as const;

/** The toolbar badge: its text, colour and a tooltip. */
export interface Badge {
  /** `''` when nothing is due (the badge hides); capped at `'99+'`. */
  text: string;
  color: string;
  title: string;
}

/**
 * The badge for `countDue` due follow-ups (open, `dueAt ≤ now`), of which `countOverdue` are
 * overdue (due before today). Both come from index counts over `openDue`.
 */
export function badgeFor(countDue: number, countOverdue = 0): Badge {
  const overdue = Math.max(0, Math.floor(countOverdue));
  const due = Math.max(overdue, Math.floor(countDue));
  if (due <= 0) return { text: '', color: BADGE_COLORS.due, title: 'Leadline: no follow-ups due' };
  const text = due > 99 ? '99+' : String(due);
  const noun = due === 1 ? 'follow-up' : 'follow-ups';
  return {
    text,
    color: overdue > 0 ? BADGE_COLORS.overdue : BADGE_COLORS.due,
    title: `Leadline: ${due} ${noun} due${overdue > 0 ? `, ${overdue} overdue` : ''}`,
  };
}

/** Fields an edit changes; spread over the record (`{...f, ...patch}`) and write it. */
export type FollowUpPatch = Partial<
  Pick<FollowUp, 'status' | 'doneAt' | 'dueAt' | 'snoozeCount' | 'notifiedAt' | 'openDue'>
>;

/**
 * Marks a follow-up done. It leaves the alarm and the badge because only open follow-ups carry
 * `openDue`, the indexed field both read. Completing a done one keeps its first `doneAt`.
 */
export function complete(f: Pick<FollowUp, 'status' | 'doneAt'>, now: number): FollowUpPatch {
  return { status: 'done', doneAt: f.status === 'done' && f.doneAt !== undefined ? f.doneAt : now, openDue: undefined };
}

/** Cancels a follow-up (no longer needed; it is not counted as done). */
export function cancel(): FollowUpPatch {
  return { status: 'cancelled', openDue: undefined };
}

/** The settings and zone a snooze preset needs. */
export interface PresetContext {
  settings: PresetSettings;
  tz: string;
}

/**
 * Moves a follow-up's due time forward: by `minutes` from now, or to a preset ("tomorrow 9:00").
 * It reopens a done or cancelled one, counts the snooze, and clears `notifiedAt` so the new due
 * time notifies again.
 */
export function snooze(f: Pick<FollowUp, 'snoozeCount'>, now: number, minutes: number): FollowUpPatch;
export function snooze(
  f: Pick<FollowUp, 'snoozeCount'>,
  now: number,
  preset: Preset,
  ctx: PresetContext,
): FollowUpPatch;
export function snooze(
  f: Pick<FollowUp, 'snoozeCount'>,
  now: number,
  by: number | Preset,
  ctx?: PresetContext,
): FollowUpPatch {
  let dueAt: number;
  if (typeof by === 'number') dueAt = now + Math.max(1, Math.round(by)) * MINUTE_MS;
  else if (ctx) dueAt = presetDue(by, now, ctx.settings, ctx.tz);
  else throw new TypeError('snooze: a preset needs the settings and time zone');
  return { ...reopenAt(dueAt), snoozeCount: (f.snoozeCount ?? 0) + 1 };
}

/**
 * Sets a new due time chosen by the rep. Unlike a snooze it is not counted; like one it reopens
 * the follow-up and lets it notify again. A time in the past is allowed: it is then due at once.
 * `now` is unused today and kept so every edit has the same shape.
 */
export function reschedule(_f: Pick<FollowUp, 'dueAt'>, dueAt: number, _now: number): FollowUpPatch {
  return reopenAt(Math.max(0, Math.round(dueAt)));
}

function reopenAt(dueAt: number): FollowUpPatch {
  return { status: 'open', dueAt, openDue: dueAt, doneAt: undefined, notifiedAt: undefined };
}

// ---------------------------------------------------------------------------------------------
// Cadences

/** A follow-up a cadence suggests: what the repository needs to create one. */
export interface FollowUpDraft {
  dueAt: number;
  kind: FollowUpKind;
  text: string;
  dealId?: string;
  contactId?: string;
  origin: 'first-touch' | 'next-touch' | 'check-in' | 'stale';
}

/** Whom a suggested follow-up is about. */
export interface FollowUpSubject {
  dealId?: string;
  contactId?: string;
}

/** The part of Settings the cadences read. */
export type CadenceSettings = Pick<Settings, 'workingDays' | 'dayStart' | 'cadences'>;

/** The day of `instant` at `dayStart`, or `instant` itself when that time has already passed. */
function todayAtDayStart(instant: number, dayStart: string, tz: string): number {
  const p = zonedParts(instant, tz);
  return Math.max(instant, instantFromZoned({ y: p.y, m: p.m, d: p.d, ...parseHhMm(dayStart) }, tz));
}

/**
 * When to first contact a lead clipped at `clippedAt`: `firstTouchDays` working days later at
 * `dayStart` (1 after a Friday clip is Monday 9:00; a weekend clip counts from Monday).
 * With 0: today at `dayStart` on a working day (or at the clip if that is later), else the next
 * working day.
 */
export function firstTouchDue(clippedAt: number, settings: CadenceSettings, tz: string): number {
  const n = settings.cadences.firstTouchDays;
  const day = addWorkingDays(clippedAt, n, settings.workingDays, tz);
  if (n === 0 && day === clippedAt) return todayAtDayStart(clippedAt, settings.dayStart, tz);
  const p = zonedParts(day, tz);
  return instantFromZoned({ y: p.y, m: p.m, d: p.d, ...parseHhMm(settings.dayStart) }, tz);
}

/**
 * When to touch a deal again after an activity at `activityAt` in stage `stageId`: the stage's
 * `nextTouchDays` calendar days later at `dayStart`, moved forward to a working day. Undefined when
 * the stage has no next-touch cadence (as Won and Lost have none by default).
 */
export function nextTouchDue(
  activityAt: number,
  stageId: string,
  settings: CadenceSettings,
  tz: string,
): number | undefined {
  const days = settings.cadences.nextTouchDays[stageId];
  if (days === undefined) return undefined;
  const due = calendarDaysAt(activityAt, days, settings.dayStart, settings.workingDays, tz);
  // Zero days never suggests a time before the activity itself: then it is the next working day.
  return days === 0 && due < activityAt
    ? calendarDaysAt(activityAt, 1, settings.dayStart, settings.workingDays, tz)
    : due;
}

/**
 * Post-sale check-ins: each of `checkInDays` calendar days after the win, at `dayStart`, moved
 * forward to a working day. Ascending, without duplicates (two that land on one day become one).
 */
export function checkInDues(wonAt: number, settings: CadenceSettings, tz: string): number[] {
  const dues = settings.cadences.checkInDays.map((d) =>
    calendarDaysAt(wonAt, d, settings.dayStart, settings.workingDays, tz),
  );
  return [...new Set(dues)].sort((a, b) => a - b);
}

/** A deal with no activity for longer than its stage allows. */
export interface StaleDeal<D> {
  deal: D;
  stage: Stage;
  /** Whole days since the last sign of life. */
  days: number;
  /** The last activity, or the stage entry when that is later (a stage move is a sign of life). */
  since: number;
}

/**
 * Open deals whose last activity is more than their stage's `staleDays` ago (24-hour days), most
 * stale first. The clock starts at the later of the last activity and `stageEnteredAt`, so a deal
 * with no activity counts from its stage entry. Closed deals, stages of kind won/lost and stages
 * with no `staleDays` are never stale.
 */
export function staleDeals<D extends Pick<Deal, 'id' | 'stage' | 'stageEnteredAt'> & Partial<Pick<Deal, 'closedAt'>>>(
  deals: readonly D[],
  lastActivityByDeal: ReadonlyMap<string, number>,
  stages: readonly Stage[],
  now: number,
): StaleDeal<D>[] {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const out: StaleDeal<D>[] = [];
  for (const deal of deals) {
    const stage = byId.get(deal.stage);
    if (stage?.kind !== 'open' || !stage.staleDays || deal.closedAt !== undefined) continue;
    const since = Math.max(lastActivityByDeal.get(deal.id) ?? deal.stageEnteredAt, deal.stageEnteredAt);
    const idle = now - since;
    if (idle > stage.staleDays * DAY_MS) out.push({ deal, stage, days: Math.floor(idle / DAY_MS), since });
  }
  return out.sort((a, b) => b.days - a.days || (a.deal.id < b.deal.id ? -1 : a.deal.id > b.deal.id ? 1 : 0));
}

/** The follow-up for a lead just clipped. */
export function firstTouchFollowUp(
  subject: FollowUpSubject,
  clippedAt: number,
  settings: CadenceSettings,
  tz: string,
): FollowUpDraft {
  return {
    ...subject,
    dueAt: firstTouchDue(clippedAt, settings, tz),
    kind: 'email',
    text: 'First touch',
    origin: 'first-touch',
  };
}

/** The next-touch follow-up after an activity, or undefined when the stage has no cadence. */
export function nextTouchFollowUp(
  subject: FollowUpSubject,
  activityAt: number,
  stageId: string,
  settings: CadenceSettings,
  tz: string,
): FollowUpDraft | undefined {
  const dueAt = nextTouchDue(activityAt, stageId, settings, tz);
  if (dueAt === undefined) return undefined;
  return { ...subject, dueAt, kind: 'call', text: 'Next touch', origin: 'next-touch' };
}

/** The post-sale check-in follow-ups for a won deal. */
export function checkInFollowUps(
  subject: FollowUpSubject,
  wonAt: number,
  settings: CadenceSettings,
  tz: string,
): FollowUpDraft[] {
  const days = [...new Set(settings.cadences.checkInDays)].sort((a, b) => a - b);
  const seen = new Set<number>();
  const out: FollowUpDraft[] = [];
  for (const d of days) {
    const dueAt = calendarDaysAt(wonAt, d, settings.dayStart, settings.workingDays, tz);
    if (seen.has(dueAt)) continue;
    seen.add(dueAt);
    out.push({ ...subject, dueAt, kind: 'check-in', text: `Check-in, ${d} days after the win`, origin: 'check-in' });
  }
  return out;
}

/**
 * A follow-up, due now, for a stale deal. The caller skips deals that already have an open stale
 * follow-up, so one idle deal does not pile up reminders.
 */
export function staleFollowUp(
  stale: StaleDeal<Pick<Deal, 'id'> & Partial<Pick<Deal, 'contactId'>>>,
  now: number,
): FollowUpDraft {
  const draft: FollowUpDraft = {
    dealId: stale.deal.id,
    dueAt: now,
    kind: 'call',
    text: `No activity for ${stale.days} days in ${stale.stage.name}`,
    origin: 'stale',
  };
  if (stale.deal.contactId !== undefined) draft.contactId = stale.deal.contactId;
  return draft;
}

/** Re-exported so callers that snooze by preset need one import. */
export type { Preset, PresetSettings };
