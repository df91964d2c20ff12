/**
 * The one pass over the records that every metric reads from: activities grouped by deal, each
 * deal's stage history rebuilt from its stage-change activities, its outcome and close time.
 * Build it once with {@link prepareMetrics}; the metric functions then only filter and sum.
 */
import type {
  Activity,
  ActivityKind,
  Contact,
  Deal,
  NpsAnswer,
  Objection,
  Settings,
  Stage,
  TOUCHPOINT_KINDS,
} from '../records';

/** The records the metrics read. Missing lists count as empty. */
export interface MetricsData {
  deals: readonly Deal[];
  activities: readonly Activity[];
  objections?: readonly Objection[];
  nps?: readonly NpsAnswer[];
  contacts?: readonly Contact[];
}

/** A stretch of time a deal spent in one stage: `[enteredAt, leftAt)`; no `leftAt` while it is still there. */
export interface StageInterval {
  stage: string;
  enteredAt: number;
  leftAt?: number;
}

/** What the metrics need to know of one deal, computed once. */
export interface DealFacts {
  deal: Deal;
  /** From the kind of the deal's current stage; a stage the settings no longer know counts as open. */
  outcome: 'open' | 'won' | 'lost';
  /** Stage intervals in time order; the last one is the current stage and has no `leftAt`. */
  history: StageInterval[];
  /**
   * The furthest point the deal reached on the way to Won: the index of an open stage in settings
   * order, or the number of open stages for Won. At least 0: every deal entered the pipeline.
   */
  furthest: number;
  /** For won and lost deals: `closedAt`, else when it entered its closing stage. */
  closedAt?: number;
  /** The later of: the deal's latest activity of any kind, and when it entered its current stage. */
  lastActivityAt: number;
  /** Times of the deal's touchpoint activities (TOUCHPOINT_KINDS), unsorted. */
  touchpointsAt: number[];
  /** Whether `value` is in the settings' default currency, so it may be summed. */
  inCurrency: boolean;
}

/** The prepared records plus the stage layout of the settings. */
export interface MetricsContext {
  settings: Settings;
  currency: string;
  /** Open stages in settings order: the funnel. */
  openStages: Stage[];
  stageById: Map<string, Stage>;
  deals: DealFacts[];
  objections: readonly Objection[];
  nps: readonly NpsAnswer[];
  contacts: readonly Contact[];
}

/**
 * Whether an activity kind is a touchpoint (TOUCHPOINT_KINDS). A switch over the literal kinds is
 * cheaper than a Set or keyed lookup in the loop over every activity; a unit test keeps the two
 * lists in step.
 */
export function isTouchpoint(kind: ActivityKind): kind is (typeof TOUCHPOINT_KINDS)[number] {
  switch (kind) {
    case 'call':
    case 'email':
    case 'meeting':
    case 'message':
    case 'demo':
    case 'proposal':
      return true;
    default:
      return false;
  }
}

/**
 * Rebuilds a deal's stage intervals from its stage-change activities (any order; they are sorted
 * by `at`). Stage changes are the source of truth, and gaps are bridged:
 * - no stage changes at all: one interval in the current stage from `stageEnteredAt`;
 * - the creation record missing (the first change has a `fromStage`): that stage is assumed from
 *   `createdAt` to the first change;
 * - a change to the stage the deal is already in is ignored; a change without `toStage` too;
 * - the last recorded stage differs from `deal.stage` (a lost write): the deal is assumed to have
 *   moved at `stageEnteredAt` (or at the last change, if that is later).
 */
export function stageHistory(deal: Deal, stageChanges: readonly Activity[]): StageInterval[] {
  // Activities usually arrive in time order; sort (a copy) only when they do not.
  let changes = stageChanges;
  for (let i = 1; i < changes.length; i++) {
    const a = changes[i - 1]!;
    const b = changes[i]!;
    if (b.at < a.at || (b.at === a.at && b.createdAt < a.createdAt)) {
      changes = [...stageChanges].sort((x, y) => x.at - y.at || x.createdAt - y.createdAt);
      break;
    }
  }
  const out: StageInterval[] = [];
  for (const c of changes) {
    if (c.toStage === undefined) continue;
    const last = out[out.length - 1];
    if (!last && c.fromStage !== undefined && c.fromStage !== c.toStage) {
      out.push({ stage: c.fromStage, enteredAt: Math.min(deal.createdAt, c.at), leftAt: c.at });
    } else if (last) {
      if (last.stage === c.toStage) continue;
      last.leftAt = c.at;
    }
    out.push({ stage: c.toStage, enteredAt: c.at });
  }
  const last = out[out.length - 1];
  if (!last) return [{ stage: deal.stage, enteredAt: deal.stageEnteredAt }];
  if (last.stage !== deal.stage) {
    const at = Math.max(deal.stageEnteredAt, last.enteredAt);
    last.leftAt = at;
    out.push({ stage: deal.stage, enteredAt: at });
  }
  return out;
}

/**
 * Groups activities by deal once and derives each deal's facts; O(deals + activities), plus
 * sorting each deal's own few stage changes. Activities without a `dealId`, or on unknown deals,
 * are ignored.
 */
export function prepareMetrics(data: MetricsData, settings: Settings): MetricsContext {
  const stageById = new Map(settings.stages.map((s) => [s.id, s]));
  const openStages = settings.stages.filter((s) => s.kind === 'open');
  const progress = new Map<string, number>(openStages.map((s, i) => [s.id, i]));
  for (const s of settings.stages) if (s.kind === 'won') progress.set(s.id, openStages.length);

  interface Acc {
    changes: Activity[];
    touchpointsAt: number[];
    lastAt: number;
  }
  const byDeal = new Map<string, Acc>();
  for (const d of data.deals) byDeal.set(d.id, { changes: [], touchpointsAt: [], lastAt: Number.NEGATIVE_INFINITY });
  for (const a of data.activities) {
    if (a.dealId === undefined) continue;
    const acc = byDeal.get(a.dealId);
    if (!acc) continue;
    if (a.at > acc.lastAt) acc.lastAt = a.at;
    if (a.kind === 'stage-change') acc.changes.push(a);
    else if (isTouchpoint(a.kind)) acc.touchpointsAt.push(a.at);
  }

  const currency = settings.defaultCurrency;
  const deals: DealFacts[] = [];
  for (const deal of data.deals) {
    const acc = byDeal.get(deal.id)!;
    const history = stageHistory(deal, acc.changes);
    const kind = stageById.get(deal.stage)?.kind ?? 'open';
    let furthest = 0;
    for (const iv of history) {
      const p = progress.get(iv.stage);
      if (p !== undefined && p > furthest) furthest = p;
    }
    const current = history[history.length - 1]!;
    deals.push({
      deal,
      outcome: kind,
      history,
      furthest,
      closedAt: kind === 'open' ? undefined : (deal.closedAt ?? current.enteredAt),
      lastActivityAt: Math.max(acc.lastAt, current.enteredAt),
      touchpointsAt: acc.touchpointsAt,
      inCurrency: deal.currency === currency,
    });
  }
  return {
    settings,
    currency,
    openStages,
    stageById,
    deals,
    objections: data.objections ?? [],
    nps: data.nps ?? [],
    contacts: data.contacts ?? [],
  };
}
