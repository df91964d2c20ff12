/**
 * The lead score: 0–100, with the factors that make it up, so the UI can show why a deal ranks
 * where it does. Pure: `now` and the deal's activities are arguments.
 *
 * Weights (max points, 100 in all):
 *
 * | factor      | max | points |
 * |-------------|-----|--------|
 * | budget      |   7 | BANT budget written down |
 * | authority   |   7 | decision-maker 7, influencer 4, user 2, unknown/unset 0 |
 * | need        |   7 | BANT need written down |
 * | timeline    |   7 | BANT timeline answered (even "none": knowing there is none is qualification) |
 * | company     |   7 | the deal has a company (research can start) |
 * | temperature |  25 | hot 25, warm 15, cold 0 |
 * | engagement  |  25 | 5 per touchpoint in the last 30 days, at most 5 counted |
 * | value       |  15 | log2(value ÷ median open value), from ¼ × median (0) to 4 × median (15); 8 at the median |
 *
 * Fit (the first five, 35) says whether the deal is qualified; temperature and engagement (50)
 * say whether it is moving now, which is what ordering the rep's day needs most; value (15)
 * breaks ties toward the bigger deals without letting one large deal drown the rest (hence
 * log-scaled and capped). Every factor is a whole number, and the score is their sum.
 */

import type { Activity, Bant, Company, Deal, Temperature } from './records';
import { TOUCHPOINT_KINDS } from './vocab';

const DAY = 86_400_000;
/** How far back touchpoints count toward engagement. */
export const ENGAGEMENT_WINDOW_DAYS = 30;

/** Factor keys, stable for translation in the UI. */
export type ScoreFactorKey =
  | 'budget'
  | 'authority'
  | 'need'
  | 'timeline'
  | 'company'
  | 'temperature'
  | 'engagement'
  | 'value';

/** One line of "why this score": `points` out of `max`; `label` is English, the UI translates by `key`. */
export interface ScoreFactor {
  key: ScoreFactorKey;
  label: string;
  points: number;
  max: number;
}

/** A score and the factors it is the sum of. */
export interface LeadScore {
  score: number;
  factors: ScoreFactor[];
  /** The temperature the score used (set by the rep, or derived). */
  temperature: Temperature;
  /** Touchpoints counted toward engagement. */
  touchpoints: number;
}

/** The maximum points of each factor; they add up to 100. */
export const SCORE_WEIGHTS: Readonly<Record<ScoreFactorKey, number>> = {
  budget: 7,
  authority: 7,
  need: 7,
  timeline: 7,
  company: 7,
  temperature: 25,
  engagement: 25,
  value: 15,
};

const LABELS: Readonly<Record<ScoreFactorKey, string>> = {
  budget: 'Budget known',
  authority: 'Talking to the decision maker',
  need: 'Need stated',
  timeline: 'Timeline known',
  company: 'Company known',
  temperature: 'Temperature',
  engagement: 'Touchpoints in the last 30 days',
  value: 'Deal value against the median',
};

const AUTHORITY_SHARE = { 'decision-maker': 1, influencer: 4 / 7, user: 2 / 7, unknown: 0 } as const;
const TEMPERATURE_SHARE: Readonly<Record<Temperature, number>> = { hot: 1, warm: 0.6, cold: 0 };
const POINTS_PER_TOUCHPOINT = 5;

/**
 * The deal's temperature: the rep's own setting when there is one, else derived from the BANT
 * timeline — `now` → hot, `within-2-months` → warm, `later`, `none` or unanswered → cold.
 */
export function temperatureOf(deal: Pick<Deal, 'temperature' | 'bant'>): Temperature {
  if (deal.temperature) return deal.temperature;
  switch (deal.bant.timeline) {
    case 'now':
      return 'hot';
    case 'within-2-months':
      return 'warm';
    default:
      return 'cold';
  }
}

/**
 * Which BANT questions have an answer. An authority of `unknown` is no answer (the rep has not
 * found out); a timeline of `none` is one (the buyer said there is none).
 */
export function bantAnswered(bant: Bant): Record<keyof Bant, boolean> {
  return {
    budget: !!bant.budget?.trim(),
    authority: !!bant.authority && bant.authority !== 'unknown',
    need: !!bant.need?.trim(),
    timeline: !!bant.timeline,
  };
}

/** True when all four BANT questions have an answer (see {@link bantAnswered}). */
export function bantComplete(bant: Bant): boolean {
  const a = bantAnswered(bant);
  return a.budget && a.authority && a.need && a.timeline;
}

/** What {@link scoreDeal} needs besides the deal. */
export interface ScoreContext {
  /** The deal's activities (its timeline); only touchpoints in the last 30 days count. */
  activities: readonly Activity[];
  /** The deal's company, when loaded; a `companyId` on the deal counts as known too. */
  company?: Company;
  /** The median value of the open deals (see `medianOpenValue` in lib/pipeline). */
  medianValue: number;
  now: number;
}

/** The 0–100 score of a deal and the factors it sums; see the weights at the top of this module. */
export function scoreDeal(deal: Deal, ctx: ScoreContext): LeadScore {
  const w = SCORE_WEIGHTS;
  const temperature = temperatureOf(deal);
  const touchpoints = countTouchpoints(ctx.activities, ctx.now);
  const points = scorePoints(deal, temperature, touchpoints, !!(deal.companyId || ctx.company), ctx.medianValue);
  const factors = (Object.keys(w) as ScoreFactorKey[]).map((key) => ({
    key,
    label: LABELS[key],
    points: points[key],
    max: w[key],
  }));
  return { score: factors.reduce((s, f) => s + f.points, 0), factors, temperature, touchpoints };
}

/**
 * The touchpoints among `activities` that count toward engagement at `now`: of a touchpoint
 * kind, in the last 30 days, and not "in the future" (a typo, a clock change).
 */
export function countTouchpoints(activities: readonly Pick<Activity, 'at' | 'kind'>[], now: number): number {
  const since = now - ENGAGEMENT_WINDOW_DAYS * DAY;
  let n = 0;
  for (const a of activities) if (isTouchpointAt(a, since, now)) n++;
  return n;
}

const TOUCH_KINDS: ReadonlySet<string> = new Set(TOUCHPOINT_KINDS);
function isTouchpointAt(a: Pick<Activity, 'at' | 'kind'>, since: number, now: number): boolean {
  return a.at > since && a.at <= now && TOUCH_KINDS.has(a.kind);
}

/**
 * The scores of many deals at once (the board): each deal's touchpoints counted from one pass
 * over `activities` (any deal's, e.g. the engagement window's), the same points as
 * {@link scoreDeal} without building the factor lists. A deal counts its `companyId` only.
 */
export function scoreDeals(
  deals: readonly Deal[],
  activities: readonly Pick<Activity, 'at' | 'kind' | 'dealId'>[],
  medianValue: number,
  now: number,
): Map<string, number> {
  const since = now - ENGAGEMENT_WINDOW_DAYS * DAY;
  const touches = new Map<string, number>();
  for (const a of activities)
    if (a.dealId && isTouchpointAt(a, since, now)) touches.set(a.dealId, (touches.get(a.dealId) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const d of deals) {
    const p = scorePoints(d, temperatureOf(d), touches.get(d.id) ?? 0, !!d.companyId, medianValue);
    out.set(d.id, p.budget + p.authority + p.need + p.timeline + p.company + p.temperature + p.engagement + p.value);
  }
  return out;
}

/** Each factor's points; see the weights at the top of this module. */
function scorePoints(
  deal: Deal,
  temperature: Temperature,
  touchpoints: number,
  companyKnown: boolean,
  medianValue: number,
): Record<ScoreFactorKey, number> {
  const w = SCORE_WEIGHTS;
  const answered = bantAnswered(deal.bant);
  return {
    budget: answered.budget ? w.budget : 0,
    authority: Math.round(w.authority * AUTHORITY_SHARE[deal.bant.authority ?? 'unknown']),
    need: answered.need ? w.need : 0,
    timeline: answered.timeline ? w.timeline : 0,
    company: companyKnown ? w.company : 0,
    temperature: Math.round(w.temperature * TEMPERATURE_SHARE[temperature]),
    engagement: Math.min(w.engagement, touchpoints * POINTS_PER_TOUCHPOINT),
    value: valuePoints(deal.value, medianValue, w.value),
  };
}

/**
 * Value points on a log scale around the median: a deal a quarter of the median or less gets 0,
 * four times or more gets `max`, the median itself half. With no median to compare with (no
 * open deal has a value yet), any value at all is worth half.
 */
function valuePoints(value: number, median: number, max: number): number {
  if (!(value > 0)) return 0;
  if (!(median > 0) || !Number.isFinite(median)) return Math.round(max / 2);
  const share = (Math.log2(value / median) + 2) / 4;
  return Math.round(max * Math.min(1, Math.max(0, share)));
}

/** The median of some numbers (the mean of the middle two for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
