/**
 * The pipeline board's rules: where a deal stands, what it still needs to leave its stage, what
 * a move does, what the column headers sum to, and which deal the rep should work next.
 * Pure: `now` and the time zone are arguments; every function returns values, none writes.
 */
import type { ErrorInfo } from './errors';
import { foldText } from './normalize';
import type { Contact, Deal, FollowUp, LeadSource, LeadStatus, Stage, Temperature } from './records';
import { bantComplete, median, temperatureOf } from './score';
import { startOfNextDay } from './time';

const DAY = 86_400_000;

/** Where a deal stands: still in play, or closed either way. */
export type DealStatus = Stage['kind'];

/**
 * The status of the deal's stage. A deal whose stage no longer exists (the rep deleted it in the
 * options) counts as open, so it stays visible and can be moved, rather than silently closed.
 */
export function stageStatus(deal: Pick<Deal, 'stage'>, stages: readonly Stage[]): DealStatus {
  return stages.find((s) => s.id === deal.stage)?.kind ?? 'open';
}

/** Whole days since the deal entered its stage (0 on the first day; never negative). */
export function daysInStage(deal: Pick<Deal, 'stageEnteredAt'>, now: number): number {
  return Math.max(0, Math.floor((now - deal.stageEnteredAt) / DAY));
}

/**
 * True when an open deal has sat in its stage longer than the stage's `staleDays` (exactly
 * `staleDays` is not yet rotting). A stage without `staleDays`, and a won or lost one, never rots.
 */
export function isRotting(deal: Pick<Deal, 'stageEnteredAt'>, stage: Stage, now: number): boolean {
  if (stage.kind !== 'open' || stage.staleDays === undefined) return false;
  return now - deal.stageEnteredAt > stage.staleDays * DAY;
}

/**
 * The stage's exit-checklist items the deal has not ticked. Ticks compare folded, so an item
 * reworded only in case or spacing keeps its tick. Built-in rule: an item whose text mentions
 * BANT (as a word, any case) counts as done when all four BANT answers are in (budget and need
 * written, authority other than `unknown`, any timeline) — the deal's fields are the truth, a
 * tick is not needed.
 */
export function missingExit(deal: Pick<Deal, 'checklistDone' | 'bant'>, stage: Stage): string[] {
  return exitChecker(stage)(deal);
}

/**
 * {@link missingExit} for one stage and many deals (the board): the stage's items are folded
 * once, not once per deal.
 */
export function exitChecker(stage: Stage): (deal: Pick<Deal, 'checklistDone' | 'bant'>) => string[] {
  const items = stage.exitChecklist.map((item) => ({ item, folded: foldText(item), bant: /\bbant\b/i.test(item) }));
  if (!items.length) return () => [];
  const bantItems = items.some((i) => i.bant);
  return (deal) => {
    const done = deal.checklistDone.length ? new Set(deal.checklistDone.map(foldText)) : undefined;
    const bantDone = bantItems && bantComplete(deal.bant);
    const out: string[] = [];
    for (const { item, folded, bant } of items) {
      if (done?.has(folded) || (bant && bantDone)) continue;
      out.push(item);
    }
    return out;
  };
}

/** The deal's next step: its earliest open follow-up, or none. */
export type NextStep =
  | { kind: 'follow-up'; followUpId: string; dueAt: number; overdue: boolean }
  /** `warning`: the deal is open and nothing is planned — the board flags it. */
  | { kind: 'none'; warning: boolean };

/**
 * The deal's next step from its follow-ups (those not open are ignored). A follow-up is overdue
 * once its due time has passed. Whether the deal is open comes from `stages` when given, else
 * from `closedAt` (set on every win and loss by {@link planMove}).
 */
export function nextStep(
  deal: Deal,
  followUpsOfDeal: readonly FollowUp[],
  now: number,
  stages?: readonly Stage[],
): NextStep {
  let next: FollowUp | undefined;
  for (const f of followUpsOfDeal) {
    if (f.status === 'open' && (!next || f.dueAt < next.dueAt)) next = f;
  }
  if (next) return { kind: 'follow-up', followUpId: next.id, dueAt: next.dueAt, overdue: next.dueAt < now };
  const open = stages ? stageStatus(deal, stages) === 'open' : deal.closedAt === undefined;
  return { kind: 'none', warning: open };
}

/** A column header of the board. */
export interface ColumnSummary {
  stageId: string;
  count: number;
  /** The sum of the deals' values. */
  total: number;
  /** The sum of value × the stage's probability, rounded to cents. */
  weighted: number;
}

/**
 * Count, total and weighted value per stage, in the stages' order, in one pass over the deals.
 * Deals in a stage that no longer exists are left out. Values are added as numbers: the board
 * shows one currency (the settings' default); converting between currencies is not done here.
 */
export function columnSummaries(deals: readonly Deal[], stages: readonly Stage[]): ColumnSummary[] {
  const byId = new Map<string, ColumnSummary & { probability: number }>();
  for (const s of stages)
    byId.set(s.id, { stageId: s.id, count: 0, total: 0, weighted: 0, probability: s.probability });
  for (const d of deals) {
    const col = byId.get(d.stage);
    if (!col) continue;
    col.count++;
    col.total += d.value;
    col.weighted += d.value * col.probability;
  }
  return stages.map((s) => {
    const c = byId.get(s.id)!;
    return { stageId: c.stageId, count: c.count, total: roundCents(c.total), weighted: roundCents(c.weighted) };
  });
}

/**
 * The median value of the open deals, for the score's value factor. Deals without a value (0)
 * are left out: an unpriced deal says nothing about what a typical deal is worth.
 */
export function medianOpenValue(deals: readonly Deal[], stages: readonly Stage[]): number {
  const open = new Set(stages.filter((s) => s.kind === 'open').map((s) => s.id));
  return median(
    deals
      .filter((d) => d.value > 0 && (open.has(d.stage) || !stages.some((s) => s.id === d.stage)))
      .map((d) => d.value),
  );
}

// ---------------------------------------------------------------------------------------------
// Moving a deal

/** The deal fields a move sets. A key present with the value `undefined` clears that field. */
export type DealMovePatch = Pick<Deal, 'stage' | 'stageEnteredAt' | 'checklistDone'> &
  Partial<Pick<Deal, 'closedAt' | 'lostReason'>>;

/** The activity a move records on the deal's timeline (the metrics are computed from these). */
export interface MoveActivity {
  kind: 'stage-change' | 'won' | 'lost';
  at: number;
  fromStage: string;
  toStage: string;
  /** English; the timeline shows it as written. */
  text: string;
}

/** What else a move asks the caller to do. */
export interface MoveEffects {
  /** Won: the deal's contact becomes a customer (`lifecycle: 'customer'`, `customerSince`). */
  makeCustomer?: true;
  /** Won: post-sale check-ins are scheduled from the cadence settings. */
  scheduleCheckIns?: true;
  /** The deal left Won or Lost for an open stage. */
  revived?: true;
}

/** The result of {@link planMove}. */
export type MovePlan =
  | {
      ok: true;
      patch: DealMovePatch;
      activity: MoveActivity;
      effects: MoveEffects;
      /** Exit-checklist items of the stage being left that were not done: a warning, not a block. */
      skippedExit: string[];
    }
  | { ok: false; error: ErrorInfo };

/**
 * Plans moving a deal to another stage, without writing anything. Rules: the target stage must
 * exist and differ from the current one; a lost stage needs a reason; a won or lost stage sets
 * `closedAt` (won also makes the contact a customer and schedules check-ins); leaving won or lost
 * for an open stage is a revival and clears `closedAt` and `lostReason`. The new stage starts
 * with an empty checklist, since its items are its own.
 */
export function planMove(
  deal: Deal,
  toStageId: string,
  stages: readonly Stage[],
  now: number,
  opts: { lostReason?: string } = {},
): MovePlan {
  const to = stages.find((s) => s.id === toStageId);
  if (!to) return fail('conflict', `There is no stage "${toStageId}".`);
  if (to.id === deal.stage) return fail('conflict', `The deal is already in ${to.name}.`);
  const from = stages.find((s) => s.id === deal.stage);
  const fromName = from?.name ?? deal.stage;
  const fromKind = from?.kind ?? 'open';
  const reason = opts.lostReason?.replace(/\s+/g, ' ').trim();
  if (to.kind === 'lost' && !reason) return fail('invalid', 'Say why the deal was lost, to move it to Lost.');

  const patch: DealMovePatch = { stage: to.id, stageEnteredAt: now, checklistDone: [] };
  const effects: MoveEffects = {};
  let activity: MoveActivity;
  const base = { at: now, fromStage: deal.stage, toStage: to.id };
  if (to.kind === 'won') {
    patch.closedAt = now;
    patch.lostReason = undefined;
    effects.makeCustomer = true;
    effects.scheduleCheckIns = true;
    activity = { ...base, kind: 'won', text: `Won (from ${fromName})` };
  } else if (to.kind === 'lost') {
    patch.closedAt = now;
    patch.lostReason = reason;
    activity = { ...base, kind: 'lost', text: `Lost (from ${fromName}): ${reason}` };
  } else if (fromKind !== 'open') {
    patch.closedAt = undefined;
    patch.lostReason = undefined;
    effects.revived = true;
    activity = { ...base, kind: 'stage-change', text: `Revived: ${fromName} → ${to.name}` };
  } else {
    activity = { ...base, kind: 'stage-change', text: `${fromName} → ${to.name}` };
  }
  const skippedExit = from && fromKind === 'open' ? missingExit(deal, from) : [];
  return { ok: true, patch, activity, effects, skippedExit };
}

// ---------------------------------------------------------------------------------------------
// Who next

/** Why a deal sits where it does in {@link whoNext}. */
export type WhoNextBucket = 'overdue' | 'due-today' | 'by-score';

/** One entry of the "who next" list. */
export interface WhoNextItem {
  deal: Deal;
  bucket: WhoNextBucket;
  /** The earliest open follow-up's due time, when there is one. */
  dueAt?: number;
  score: number;
}

/**
 * The open deals in the order the rep should work them: deals with an overdue follow-up first
 * (the longest overdue first), then those with a follow-up due later today (by time), then the
 * rest by score (highest first). Ties go to the higher score, then the earlier follow-up, then
 * the id, so the order is stable. "Today" ends at the next local midnight in `opts.timeZone`
 * (a valid IANA zone, as lib/time's `resolveTimeZone` gives; UTC when not given). Open means:
 * in an open stage when `opts.stages` is given,
 * else not closed (`closedAt` unset). A deal with no score counts as 0.
 */
export function whoNext(
  deals: readonly Deal[],
  followUpsByDeal: ReadonlyMap<string, readonly FollowUp[]>,
  scores: ReadonlyMap<string, number>,
  now: number,
  opts: { stages?: readonly Stage[]; timeZone?: string } = {},
): WhoNextItem[] {
  const endOfToday = startOfNextDay(now, opts.timeZone || 'UTC');
  const rank: Record<WhoNextBucket, number> = { overdue: 0, 'due-today': 1, 'by-score': 2 };
  const items: WhoNextItem[] = [];
  for (const deal of deals) {
    const open = opts.stages ? stageStatus(deal, opts.stages) === 'open' : deal.closedAt === undefined;
    if (!open) continue;
    let dueAt: number | undefined;
    for (const f of followUpsByDeal.get(deal.id) ?? []) {
      if (f.status === 'open' && (dueAt === undefined || f.dueAt < dueAt)) dueAt = f.dueAt;
    }
    const bucket: WhoNextBucket =
      dueAt === undefined ? 'by-score' : dueAt < now ? 'overdue' : dueAt < endOfToday ? 'due-today' : 'by-score';
    items.push({ deal, bucket, ...(dueAt === undefined ? {} : { dueAt }), score: scores.get(deal.id) ?? 0 });
  }
  return items.sort((a, b) => {
    if (a.bucket !== b.bucket) return rank[a.bucket] - rank[b.bucket];
    if (a.bucket !== 'by-score' && a.dueAt !== b.dueAt) return (a.dueAt ?? 0) - (b.dueAt ?? 0);
    if (a.score !== b.score) return b.score - a.score;
    const ad = a.dueAt ?? Number.POSITIVE_INFINITY;
    const bd = b.dueAt ?? Number.POSITIVE_INFINITY;
    if (ad !== bd) return ad - bd;
    return a.deal.id < b.deal.id ? -1 : a.deal.id > b.deal.id ? 1 : 0;
  });
}

// ---------------------------------------------------------------------------------------------
// Filters

/** The board's filters; every one given must hold. */
export interface DealFilter {
  /** The deal's temperature, set or derived ({@link temperatureOf}). */
  temperature?: Temperature;
  /** The lead status of the deal's contact. */
  leadStatus?: LeadStatus;
  /** The deal's lead source. */
  source?: LeadSource;
  /** A tag on the deal or on its contact, compared folded. */
  tag?: string;
  /** `true`: only deals with an open follow-up past due; `false`: only deals without one. */
  overdue?: boolean;
}

/**
 * The deals that pass every filter given, in their input order. `overdue` needs the deals'
 * follow-ups (`ctx.followUpsByDeal`); without them no deal has an overdue follow-up.
 */
export function filterDeals(
  deals: readonly Deal[],
  contactsById: ReadonlyMap<string, Contact>,
  filter: DealFilter,
  ctx: { now: number; followUpsByDeal?: ReadonlyMap<string, readonly FollowUp[]> },
): Deal[] {
  const tag = filter.tag === undefined ? undefined : foldText(filter.tag);
  return deals.filter((deal) => {
    if (filter.temperature && temperatureOf(deal) !== filter.temperature) return false;
    if (filter.source && deal.source !== filter.source) return false;
    const contact = deal.contactId ? contactsById.get(deal.contactId) : undefined;
    if (filter.leadStatus && contact?.leadStatus !== filter.leadStatus) return false;
    if (tag) {
      const tags = [...deal.tags, ...(contact?.tags ?? [])];
      if (!tags.some((t) => foldText(t) === tag)) return false;
    }
    if (filter.overdue !== undefined) {
      const follows = ctx.followUpsByDeal?.get(deal.id) ?? [];
      const overdue = follows.some((f) => f.status === 'open' && f.dueAt < ctx.now);
      if (overdue !== filter.overdue) return false;
    }
    return true;
  });
}

function fail(code: ErrorInfo['code'], message: string): MovePlan {
  return { ok: false, error: { code, message } };
}

function roundCents(n: number): number {
  return Math.round(n * 100) / 100;
}
