/**
 * The numbers a rep and a manager steer by (DESIGN.md, Metrics). Each function reads a
 * {@link MetricsContext} built once by `prepareMetrics` and a period `[start, end)`.
 *
 * Conventions for all of them:
 * - A ratio or mean over nothing is `null`, never NaN or a division by zero.
 * - Money: one currency, the settings' default. Deals in another currency count in every count
 *   (leads, wins, open deals, the funnel) but their `value` is left out of every sum and mean
 *   (deal size, revenue, forecast, attainment); `computeInsights` reports how many were left out.
 * - Days are fractional: milliseconds ÷ 86,400,000.
 * - "Won/lost in the period": the deal's current stage is of kind won/lost and its close time
 *   (`closedAt`, else when it entered that stage) lies in the period. A revived deal is open again.
 */
import type { LeadSource, ObjectionCategory } from '../records';
import { LEAD_SOURCES, OBJECTION_CATEGORIES } from '../vocab';
import type { DealFacts, MetricsContext } from './context';
import type { Period } from './period';
import { DAY, quotaFor } from './period';

const inPeriod = (t: number | undefined, p: Pick<Period, 'start' | 'end'>): t is number =>
  t !== undefined && t >= p.start && t < p.end;

/** The median of a list (mean of the middle two for an even count); `null` when empty. Sorts a copy. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const mean = (sum: number, n: number): number | null => (n > 0 ? sum / n : null);

function closedIn(ctx: MetricsContext, period: Period, outcome: 'won' | 'lost'): DealFacts[] {
  return ctx.deals.filter((f) => f.outcome === outcome && inPeriod(f.closedAt, period));
}

// ---------------------------------------------------------------------------------------------
// Funnel

/** How many deals of the cohort reached a stage. */
export interface FunnelStep {
  stage: string;
  reached: number;
}
/** From one stage to the next: of those that reached `from`, how many reached `to`. */
export interface StageConversion {
  from: string;
  to: string;
  reached: number;
  advanced: number;
  /** advanced ÷ reached; null when none reached `from`. */
  rate: number | null;
}
export interface Conversion {
  /** Deals created in the period: the cohort. */
  cohort: number;
  /** One step per open stage in settings order, then the (first) won stage. */
  funnel: FunnelStep[];
  /** Between consecutive open stages, then last open stage → won. */
  steps: StageConversion[];
}

/**
 * Stage-to-stage conversion and the funnel.
 *
 * Cohort: deals created in the period, with their whole recorded history. A deal "reached"
 * stage i if it ever entered stage i or any later open stage, or Won (so skipped stages count
 * as passed, and a deal moved back keeps the furthest stage it reached). Every deal of the cohort
 * reached the first open stage, so the funnel's top is the cohort. For consecutive open stages
 * i, i+1 (and the last open stage → Won): rate = reached(i+1) ÷ reached(i).
 */
export function stageConversion(ctx: MetricsContext, period: Period): Conversion {
  const n = ctx.openStages.length;
  // reachedAtLeast[k] = deals whose furthest point is ≥ k; built from a histogram in one pass.
  const hist = new Array<number>(n + 1).fill(0);
  let cohort = 0;
  for (const f of ctx.deals) {
    if (!inPeriod(f.deal.createdAt, period)) continue;
    cohort++;
    hist[Math.min(f.furthest, n)]!++;
  }
  const reached = new Array<number>(n + 1).fill(0);
  let acc = 0;
  for (let k = n; k >= 0; k--) {
    acc += hist[k]!;
    reached[k] = acc;
  }
  const wonId = ctx.settings.stages.find((s) => s.kind === 'won')?.id ?? 'won';
  const ids = [...ctx.openStages.map((s) => s.id), wonId];
  const funnel = ids.map((stage, k) => ({ stage, reached: reached[k]! }));
  const steps: StageConversion[] = [];
  for (let k = 0; k < n; k++) {
    const r = reached[k]!;
    const a = reached[k + 1]!;
    steps.push({ from: ids[k]!, to: ids[k + 1]!, reached: r, advanced: a, rate: r > 0 ? a / r : null });
  }
  return { cohort, funnel, steps };
}

// ---------------------------------------------------------------------------------------------
// Closing

export interface WinRate {
  won: number;
  lost: number;
  /** won ÷ (won + lost); null when nothing closed. */
  rate: number | null;
}

/** Win rate: won ÷ (won + lost) among deals closed (won or lost) in the period. */
export function winRate(ctx: MetricsContext, period: Period): WinRate {
  let won = 0;
  let lost = 0;
  for (const f of ctx.deals) {
    if (f.outcome === 'open' || !inPeriod(f.closedAt, period)) continue;
    if (f.outcome === 'won') won++;
    else lost++;
  }
  return { won, lost, rate: mean(won, won + lost) };
}

export interface DealSize {
  /** Won deals in the default currency that were averaged. */
  count: number;
  total: number;
  /** total ÷ count; null when no deal was won. */
  mean: number | null;
}

/** Average deal size: the mean `value` of deals won in the period (default currency only; a 0 value counts). */
export function averageDealSize(ctx: MetricsContext, period: Period): DealSize {
  let count = 0;
  let total = 0;
  for (const f of closedIn(ctx, period, 'won')) {
    if (!f.inCurrency) continue;
    count++;
    total += f.deal.value;
  }
  return { count, total, mean: mean(total, count) };
}

export interface SalesCycle {
  count: number;
  meanDays: number | null;
  medianDays: number | null;
}

/**
 * Sales cycle length: days from `createdAt` to the close for deals won in the period (any
 * currency), mean and median. Negative spans (bad clocks) are clamped to 0.
 */
export function salesCycle(ctx: MetricsContext, period: Period): SalesCycle {
  const days = closedIn(ctx, period, 'won').map((f) => Math.max(0, f.closedAt! - f.deal.createdAt) / DAY);
  let sum = 0;
  for (const d of days) sum += d;
  return { count: days.length, meanDays: mean(sum, days.length), medianDays: median(days) };
}

// ---------------------------------------------------------------------------------------------
// Stages

export interface StageTime {
  stage: string;
  /** Completed stays in this stage that ended in the period. */
  completed: number;
  /** Median length of those stays, in days; null when none. */
  medianDays: number | null;
  /** Open deals in this stage now. */
  current: number;
  /** Median days those deals have been here so far, up to `now`; null when none. */
  currentMedianDays: number | null;
}
export interface TimeInStage {
  stages: StageTime[];
  /** The open stage with the longest completed median (earlier stage on a tie); null when none has one. */
  bottleneck: string | null;
}

/**
 * Time in each open stage, as a MEDIAN (a few deals parked for months would swamp a mean).
 *
 * Only completed stays count for `medianDays`: a stay is a stage interval from the stage-change
 * history that ended (the deal left the stage) within the period, measured from entering to
 * leaving. A deal that comes back to a stage has two stays, each counted. Deals still in a stage
 * are reported apart, as `current` and `currentMedianDays` (days up to `now`), because an
 * unfinished stay would bias the median down. Won/lost stages are not timed.
 */
export function timeInStage(ctx: MetricsContext, period: Period, now: number): TimeInStage {
  const done = new Map<string, number[]>();
  const open = new Map<string, number[]>();
  for (const s of ctx.openStages) {
    done.set(s.id, []);
    open.set(s.id, []);
  }
  for (const f of ctx.deals) {
    for (const iv of f.history) {
      if (iv.leftAt === undefined) {
        if (f.outcome === 'open') open.get(iv.stage)?.push(Math.max(0, now - iv.enteredAt) / DAY);
      } else if (inPeriod(iv.leftAt, period) && iv.leftAt >= iv.enteredAt) {
        done.get(iv.stage)?.push((iv.leftAt - iv.enteredAt) / DAY);
      }
    }
  }
  let bottleneck: string | null = null;
  let longest = Number.NEGATIVE_INFINITY;
  const stages = ctx.openStages.map((s) => {
    const d = done.get(s.id)!;
    const o = open.get(s.id)!;
    const medianDays = median(d);
    if (medianDays !== null && medianDays > longest) {
      longest = medianDays;
      bottleneck = s.id;
    }
    return { stage: s.id, completed: d.length, medianDays, current: o.length, currentMedianDays: median(o) };
  });
  return { stages, bottleneck };
}

export interface StalledDeal {
  dealId: string;
  title: string;
  stage: string;
  staleDays: number;
  daysInStage: number;
  daysSinceActivity: number;
  /** Also untouched for longer than `staleDays` (no activity of any kind), not merely slow. */
  idle: boolean;
}

/**
 * Stalled deals now: open deals in a stage with `staleDays` set that have been in it for more
 * than `staleDays` days. Entering the stage counts as activity, so a deal idle for longer than
 * `staleDays` is always also in the stage that long; `idle` marks those nobody touched at all
 * meanwhile. Longest in stage first.
 */
export function stalledDeals(ctx: MetricsContext, now: number): StalledDeal[] {
  const out: StalledDeal[] = [];
  for (const f of ctx.deals) {
    if (f.outcome !== 'open') continue;
    const stage = ctx.stageById.get(f.deal.stage);
    if (!stage?.staleDays) continue;
    const current = f.history[f.history.length - 1]!;
    const daysInStage = (now - current.enteredAt) / DAY;
    if (daysInStage <= stage.staleDays) continue;
    const daysSinceActivity = (now - Math.min(now, f.lastActivityAt)) / DAY;
    out.push({
      dealId: f.deal.id,
      title: f.deal.title,
      stage: stage.id,
      staleDays: stage.staleDays,
      daysInStage,
      daysSinceActivity,
      idle: daysSinceActivity > stage.staleDays,
    });
  }
  return out.sort((a, b) => b.daysInStage - a.daysInStage);
}

// ---------------------------------------------------------------------------------------------
// Pipeline

export interface Velocity {
  /** Open deals now (any currency). */
  openDeals: number;
  winRate: number | null;
  averageDealSize: number | null;
  averageCycleDays: number | null;
  /** Expected won value per day; null when an input is missing or the cycle is 0 days. */
  perDay: number | null;
}

/**
 * Pipeline velocity (DESIGN.md) = open deals × win rate × average deal size ÷ average sales cycle
 * in days, in the default currency per day. Open deals are counted now; the other three are
 * the period's {@link winRate}, {@link averageDealSize} and mean {@link salesCycle}.
 */
export function pipelineVelocity(ctx: MetricsContext, period: Period): Velocity {
  let openDeals = 0;
  for (const f of ctx.deals) if (f.outcome === 'open') openDeals++;
  const rate = winRate(ctx, period).rate;
  const size = averageDealSize(ctx, period).mean;
  const cycle = salesCycle(ctx, period).meanDays;
  const perDay = rate !== null && size !== null && cycle ? (openDeals * rate * size) / cycle : null;
  return { openDeals, winRate: rate, averageDealSize: size, averageCycleDays: cycle, perDay };
}

/** The forecast bucket for open deals without an expected close date. */
export const UNSCHEDULED = 'unscheduled';

export interface ForecastMonth {
  /** `YYYY-MM`, or {@link UNSCHEDULED}. */
  month: string;
  deals: number;
  /** Σ value × stage probability. */
  weighted: number;
  /** Σ value. */
  unweighted: number;
}
export interface Forecast {
  /** Months in order (past months included: those deals are overdue), then unscheduled. */
  months: ForecastMonth[];
  weighted: number;
  unweighted: number;
}

/**
 * Forecast by expected-close month: every deal open now, in the default currency, bucketed by
 * the `YYYY-MM` of `expectedClose` (deals without one in {@link UNSCHEDULED}), weighted by its
 * stage's probability (a stage unknown to the settings weighs 0). Not limited to the period.
 */
export function forecast(ctx: MetricsContext): Forecast {
  const buckets = new Map<string, ForecastMonth>();
  let weighted = 0;
  let unweighted = 0;
  for (const f of ctx.deals) {
    if (f.outcome !== 'open' || !f.inCurrency) continue;
    const month = f.deal.expectedClose?.slice(0, 7) ?? UNSCHEDULED;
    let b = buckets.get(month);
    if (!b) {
      b = { month, deals: 0, weighted: 0, unweighted: 0 };
      buckets.set(month, b);
    }
    const w = f.deal.value * (ctx.stageById.get(f.deal.stage)?.probability ?? 0);
    b.deals++;
    b.weighted += w;
    b.unweighted += f.deal.value;
    weighted += w;
    unweighted += f.deal.value;
  }
  const months = [...buckets.values()].sort((a, b) =>
    a.month === UNSCHEDULED ? 1 : b.month === UNSCHEDULED ? -1 : a.month < b.month ? -1 : 1,
  );
  return { months, weighted, unweighted };
}

export interface Attainment {
  /** Value won in the period (default currency). */
  won: number;
  /** From {@link quotaFor}; null when no quota covers the period. */
  quota: number | null;
  /** won ÷ quota; null without a quota or with a quota of 0. */
  ratio: number | null;
}

/** Attainment: value won in the period ÷ the period's quota (see {@link quotaFor} for how it is found). */
export function attainment(ctx: MetricsContext, period: Period): Attainment {
  const won = averageDealSize(ctx, period).total;
  const quota = quotaFor(period, ctx.settings);
  return { won, quota, ratio: quota ? won / quota : null };
}

// ---------------------------------------------------------------------------------------------
// Customers

export interface Churn {
  /** Customers at the start of the period. */
  atStart: number;
  /** Of those, how many churned in the period. */
  churned: number;
  /** churned ÷ atStart; null when there were no customers. */
  rate: number | null;
}

/**
 * Churn rate: customers at the start of the period who churned within it ÷ customers at the
 * start. A contact is a customer from `customerSince` (else `createdAt` when its lifecycle is
 * customer/churned) until `churnedAt` (else `updatedAt` when its lifecycle is churned). Customers
 * won and lost inside the period are not counted, so the rate stays within 0–1. A customer who
 * came back (lifecycle customer, `churnedAt` before `customerSince`) is a customer again.
 */
export function churnRate(ctx: MetricsContext, period: Period): Churn {
  let atStart = 0;
  let churned = 0;
  for (const c of ctx.contacts) {
    const since = c.customerSince ?? (c.lifecycle === 'lead' ? undefined : c.createdAt);
    if (since === undefined || since >= period.start) continue;
    let gone = c.churnedAt ?? (c.lifecycle === 'churned' ? c.updatedAt : undefined);
    if (gone !== undefined && gone < since && c.lifecycle === 'customer') gone = undefined;
    if (gone !== undefined && gone < period.start) continue;
    atStart++;
    if (gone !== undefined && gone < period.end) churned++;
  }
  return { atStart, churned, rate: mean(churned, atStart) };
}

// ---------------------------------------------------------------------------------------------
// Sources, touchpoints, objections, NPS

export interface SourceRow {
  source: LeadSource;
  /** Deals from this source created in the period. */
  leads: number;
  won: number;
  lost: number;
  /** won ÷ (won + lost) among this source's deals closed in the period. */
  winRate: number | null;
  /** Value won in the period (default currency). */
  revenue: number;
  /** settings.sourceCosts[source], taken as the cost for this period; undefined when not set. */
  cost?: number;
  /** (revenue − cost) ÷ cost; null without a cost or with a cost of 0. */
  returnOnSpend: number | null;
}

/**
 * Breakdown by lead source. Lists every source with a lead, a close or a cost; highest revenue
 * first, then in LEAD_SOURCES order.
 */
export function sourceBreakdown(ctx: MetricsContext, period: Period): SourceRow[] {
  const rows = new Map<string, SourceRow>();
  const row = (source: LeadSource): SourceRow => {
    let r = rows.get(source);
    if (!r) {
      r = { source, leads: 0, won: 0, lost: 0, winRate: null, revenue: 0, returnOnSpend: null };
      rows.set(source, r);
    }
    return r;
  };
  for (const f of ctx.deals) {
    const created = inPeriod(f.deal.createdAt, period);
    const closed = f.outcome !== 'open' && inPeriod(f.closedAt, period);
    if (!created && !closed) continue;
    const r = row(f.deal.source);
    if (created) r.leads++;
    if (closed && f.outcome === 'won') {
      r.won++;
      if (f.inCurrency) r.revenue += f.deal.value;
    } else if (closed) r.lost++;
  }
  for (const [source, cost] of Object.entries(ctx.settings.sourceCosts)) {
    if ((LEAD_SOURCES as readonly string[]).includes(source)) row(source as LeadSource).cost = cost;
  }
  for (const r of rows.values()) {
    r.winRate = mean(r.won, r.won + r.lost);
    r.returnOnSpend = r.cost ? (r.revenue - r.cost) / r.cost : null;
  }
  const order = (s: LeadSource) => LEAD_SOURCES.indexOf(s);
  return [...rows.values()].sort((a, b) => b.revenue - a.revenue || order(a.source) - order(b.source));
}

export interface Touchpoints {
  /** Deals won in the period. */
  deals: number;
  touchpoints: number;
  /** touchpoints ÷ deals; null when none was won. */
  average: number | null;
}

/**
 * Touchpoints per won deal: for deals won in the period, the mean count of their touchpoint
 * activities (TOUCHPOINT_KINDS) dated at or before the win; post-sale check-ins do not count.
 */
export function touchpointsPerWonDeal(ctx: MetricsContext, period: Period): Touchpoints {
  let deals = 0;
  let touchpoints = 0;
  for (const f of closedIn(ctx, period, 'won')) {
    deals++;
    for (const t of f.touchpointsAt) if (t <= f.closedAt!) touchpoints++;
  }
  return { deals, touchpoints, average: mean(touchpoints, deals) };
}

export interface ObjectionCount {
  category: ObjectionCategory;
  count: number;
  unresolved: number;
}

/**
 * Objection frequency: objections recorded (`createdAt`) in the period, counted per category
 * with how many are unresolved; most frequent first, ties in OBJECTION_CATEGORIES order.
 * Categories with none are left out.
 */
export function objectionFrequency(ctx: MetricsContext, period: Period): ObjectionCount[] {
  const counts = new Map<ObjectionCategory, ObjectionCount>();
  for (const o of ctx.objections) {
    if (!inPeriod(o.createdAt, period)) continue;
    let c = counts.get(o.category);
    if (!c) {
      c = { category: o.category, count: 0, unresolved: 0 };
      counts.set(o.category, c);
    }
    c.count++;
    if (!o.resolved) c.unresolved++;
  }
  const order = (s: ObjectionCategory) => OBJECTION_CATEGORIES.indexOf(s);
  return [...counts.values()].sort((a, b) => b.count - a.count || order(a.category) - order(b.category));
}

export interface Nps {
  /** Contacts counted (one answer each). */
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, −100…100; null with no answers. */
  score: number | null;
}

/**
 * NPS over the period: of each contact's answers dated (`at`) in the period only the latest
 * counts (ties: the later `createdAt`), so a contact asked twice is one voice with their current
 * view. 9–10 promoter, 7–8 passive, 0–6 detractor; score = 100 × (promoters − detractors) ÷ answers.
 */
export function nps(ctx: MetricsContext, period: Period): Nps {
  const latest = new Map<string, { at: number; createdAt: number; score: number }>();
  for (const a of ctx.nps) {
    if (!inPeriod(a.at, period)) continue;
    const prev = latest.get(a.contactId);
    if (!prev || a.at > prev.at || (a.at === prev.at && a.createdAt > prev.createdAt)) latest.set(a.contactId, a);
  }
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const { score } of latest.values()) {
    if (score >= 9) promoters++;
    else if (score >= 7) passives++;
    else detractors++;
  }
  const answers = latest.size;
  return {
    answers,
    promoters,
    passives,
    detractors,
    score: answers > 0 ? (100 * (promoters - detractors)) / answers : null,
  };
}
