/**
 * Metrics for the Insights view (DESIGN.md, Metrics): pure functions over records and a period.
 *
 * Typical use: `computeInsights(data, periodOf('month', now, tz), now, settings)`. For one number,
 * prepare once and call the metric: `winRate(prepareMetrics(data, settings), period)`.
 */
export type { DealFacts, MetricsContext, MetricsData, StageInterval } from './context';
export { isTouchpoint, prepareMetrics, stageHistory } from './context';
export type { Insights } from './insights';
export { computeInsights, insightsFor, insightsToCsv } from './insights';
export type {
  Attainment,
  Churn,
  Conversion,
  DealSize,
  Forecast,
  ForecastMonth,
  FunnelStep,
  Nps,
  ObjectionCount,
  SalesCycle,
  SourceRow,
  StageConversion,
  StageTime,
  StalledDeal,
  TimeInStage,
  Touchpoints,
  Velocity,
  WinRate,
} from './metrics';
export {
  attainment,
  averageDealSize,
  churnRate,
  forecast,
  median,
  nps,
  objectionFrequency,
  pipelineVelocity,
  salesCycle,
  sourceBreakdown,
  stageConversion,
  stalledDeals,
  timeInStage,
  touchpointsPerWonDeal,
  UNSCHEDULED,
  winRate,
} from './metrics';
export type { Period, PeriodUnit } from './period';
export { customPeriod, DAY, localDate, periodOf, quotaFor, startOfLocalDay } from './period';
