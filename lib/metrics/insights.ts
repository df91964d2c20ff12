/**
 * Everything the Insights view shows, computed in one go, and its CSV export.
 */
import type { Settings } from '../records';
import type { MetricsContext, MetricsData } from './context';
import { prepareMetrics } from './context';
import type {
  Attainment,
  Churn,
  Conversion,
  DealSize,
  Forecast,
  Nps,
  ObjectionCount,
  SalesCycle,
  SourceRow,
  StalledDeal,
  TimeInStage,
  Touchpoints,
  Velocity,
  WinRate,
} from './metrics';
import {
  attainment,
  averageDealSize,
  churnRate,
  forecast,
  nps,
  objectionFrequency,
  pipelineVelocity,
  salesCycle,
  sourceBreakdown,
  stageConversion,
  stalledDeals,
  timeInStage,
  touchpointsPerWonDeal,
  winRate,
} from './metrics';
import type { Period } from './period';

/** All metrics for one period, as of `now`. Each field is documented on the function that makes it. */
export interface Insights {
  period: Period;
  now: number;
  /** The currency every sum is in (the settings' default). */
  currency: string;
  /** Deals left out of money sums because they are in another currency, by currency. */
  skippedCurrencies: Record<string, number>;
  conversion: Conversion;
  winRate: WinRate;
  averageDealSize: DealSize;
  salesCycle: SalesCycle;
  timeInStage: TimeInStage;
  stalled: StalledDeal[];
  velocity: Velocity;
  forecast: Forecast;
  attainment: Attainment;
  churn: Churn;
  sources: SourceRow[];
  touchpoints: Touchpoints;
  objections: ObjectionCount[];
  nps: Nps;
}

/**
 * Computes every metric for a period. The records are grouped and each deal's history rebuilt
 * once (O(deals + activities)); the metrics then make single passes over the prepared deals.
 */
export function computeInsights(data: MetricsData, period: Period, now: number, settings: Settings): Insights {
  return insightsFor(prepareMetrics(data, settings), period, now);
}

/**
 * {@link computeInsights} over records prepared once (`prepareMetrics`): the Insights view
 * prepares when it loads and only this when the rep picks another period.
 */
export function insightsFor(ctx: MetricsContext, period: Period, now: number): Insights {
  const skippedCurrencies: Record<string, number> = {};
  for (const f of ctx.deals) {
    if (!f.inCurrency) skippedCurrencies[f.deal.currency] = (skippedCurrencies[f.deal.currency] ?? 0) + 1;
  }
  return {
    period,
    now,
    currency: ctx.currency,
    skippedCurrencies,
    conversion: stageConversion(ctx, period),
    winRate: winRate(ctx, period),
    averageDealSize: averageDealSize(ctx, period),
    salesCycle: salesCycle(ctx, period),
    timeInStage: timeInStage(ctx, period, now),
    stalled: stalledDeals(ctx, now),
    velocity: pipelineVelocity(ctx, period),
    forecast: forecast(ctx),
    attainment: attainment(ctx, period),
    churn: churnRate(ctx, period),
    sources: sourceBreakdown(ctx, period),
    touchpoints: touchpointsPerWonDeal(ctx, period),
    objections: objectionFrequency(ctx, period),
    nps: nps(ctx, period),
  };
}

type Cell = string | number | null;

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
function field(v: Cell): string {
  // Six decimals keep 0.1 + 0.2 from printing as 0.30000000000000004.
  let s = v === null ? '' : typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : v;
  // Spreadsheets run text that starts like a formula; segments can hold names the rep typed.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The insights as CSV: a header `metric,segment,value`, then one row per number (segment empty
 * when the metric has none), CRLF line ends, RFC 4180 quoting. Missing values (`null`) are empty
 * cells. Numbers are rounded to 6 decimals; ratios stay ratios (0.75, not 75%).
 */
export function insightsToCsv(i: Insights): string {
  const rows: [string, string, Cell][] = [];
  const add = (metric: string, segment: string, value: Cell) => rows.push([metric, segment, value]);

  add('period', '', i.period.label);
  add('currency', '', i.currency);
  for (const [cur, n] of Object.entries(i.skippedCurrencies)) add('deals-in-other-currency', cur, n);

  add('cohort', '', i.conversion.cohort);
  for (const f of i.conversion.funnel) add('funnel', f.stage, f.reached);
  for (const s of i.conversion.steps) add('conversion', `${s.from}>${s.to}`, s.rate);

  add('won', '', i.winRate.won);
  add('lost', '', i.winRate.lost);
  add('win-rate', '', i.winRate.rate);
  add('won-value', '', i.averageDealSize.total);
  add('average-deal-size', '', i.averageDealSize.mean);
  add('sales-cycle-days', 'mean', i.salesCycle.meanDays);
  add('sales-cycle-days', 'median', i.salesCycle.medianDays);

  for (const s of i.timeInStage.stages) {
    add('time-in-stage-median-days', s.stage, s.medianDays);
    add('deals-in-stage', s.stage, s.current);
    add('current-stay-median-days', s.stage, s.currentMedianDays);
  }
  add('bottleneck', '', i.timeInStage.bottleneck);
  add('stalled-deals', '', i.stalled.length);

  add('open-deals', '', i.velocity.openDeals);
  add('pipeline-velocity-per-day', '', i.velocity.perDay);

  for (const m of i.forecast.months) {
    add('forecast-weighted', m.month, m.weighted);
    add('forecast-unweighted', m.month, m.unweighted);
  }
  add('forecast-weighted', 'total', i.forecast.weighted);
  add('forecast-unweighted', 'total', i.forecast.unweighted);

  add('quota', '', i.attainment.quota);
  add('attainment', '', i.attainment.ratio);

  add('customers-at-start', '', i.churn.atStart);
  add('churned', '', i.churn.churned);
  add('churn-rate', '', i.churn.rate);

  for (const s of i.sources) {
    add('source-leads', s.source, s.leads);
    add('source-won', s.source, s.won);
    add('source-win-rate', s.source, s.winRate);
    add('source-revenue', s.source, s.revenue);
    add('source-cost', s.source, s.cost ?? null);
    add('source-return-on-spend', s.source, s.returnOnSpend);
  }

  add('touchpoints-per-won-deal', '', i.touchpoints.average);
  for (const o of i.objections) {
    add('objections', o.category, o.count);
    add('objections-unresolved', o.category, o.unresolved);
  }

  add('nps', '', i.nps.score);
  add('nps-answers', '', i.nps.answers);
  add('nps-promoters', '', i.nps.promoters);
  add('nps-passives', '', i.nps.passives);
  add('nps-detractors', '', i.nps.detractors);

  const lines = ['metric,segment,value'];
  for (const [m, s, v] of rows) lines.push(`${field(m)},${field(s)},${field(v)}`);
  return `${lines.join('\r\n')}\r\n`;
}
