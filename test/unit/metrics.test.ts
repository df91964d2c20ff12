// Metrics on a small hand-made pipeline: every expected number is worked out by hand beside it.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../lib/defaults';
import {
  attainment,
  averageDealSize,
  churnRate,
  computeInsights,
  customPeriod,
  forecast,
  insightsFor,
  insightsToCsv,
  isTouchpoint,
  type MetricsData,
  median,
  nps,
  objectionFrequency,
  type Period,
  periodOf,
  pipelineVelocity,
  prepareMetrics,
  quotaFor,
  salesCycle,
  sourceBreakdown,
  stageConversion,
  stageHistory,
  stalledDeals,
  timeInStage,
  touchpointsPerWonDeal,
  UNSCHEDULED,
  winRate,
} from '../../lib/metrics';
import type {
  Activity,
  ActivityKind,
  Contact,
  Deal,
  LeadSource,
  NpsAnswer,
  Objection,
  ObjectionCategory,
  Settings,
} from '../../lib/records';
import { ACTIVITY_KINDS, TOUCHPOINT_KINDS } from '../../lib/records';

const DAY = 86_400_000;
/** Midnight UTC of a 2026 date (or another year). */
const day = (month: number, date: number, year = 2026) => Date.UTC(year, month - 1, date);

const NOW = day(6, 15); // 2026-06-15, inside Q2
const Q2 = periodOf('quarter', NOW, 'UTC'); // [2026-04-01, 2026-07-01)

let seq = 0;
const meta = (at: number) => ({ id: `r${++seq}`, createdAt: at, updatedAt: at, rev: 1 });

function deal(
  id: string,
  d: { createdAt: number; stage: string; stageEnteredAt: number; value: number; source: LeadSource } & Partial<Deal>,
): Deal {
  return {
    ...meta(d.createdAt),
    id,
    title: `Deal ${id}`,
    currency: 'EUR',
    bant: {},
    tags: [],
    kind: 'new',
    checklistDone: [],
    ...d,
  };
}

const activity = (dealId: string, at: number, kind: ActivityKind, extra: Partial<Activity> = {}): Activity => ({
  ...meta(at),
  kind,
  at,
  text: '',
  dealId,
  ...extra,
});

/** Stage changes along a path; the first entry is the creation record (no fromStage). */
function path(dealId: string, steps: [string, number][]): Activity[] {
  return steps.map(([toStage, at], i) =>
    activity(dealId, at, 'stage-change', { toStage, fromStage: i > 0 ? steps[i - 1]![0] : undefined }),
  );
}

const settings: Settings = {
  ...defaultSettings(0),
  quotas: [
    { period: '2026-Q2', amount: 30_000 },
    { period: '2026-04', amount: 8_000 },
    { period: '2026-05', amount: 9_000 },
    { period: '2026-01', amount: 5_000 },
    { period: '2026-03', amount: 7_000 },
    { period: '2026', amount: 100_000 },
    { period: '2025-Q1', amount: 10_000 },
    { period: '2025-Q4', amount: 20_000 },
  ],
  sourceCosts: { referral: 4_000, outbound: 10_000, 'purchased-list': 2_000, event: 0 },
};
// Default stages: prospecting 5% (stale 14 d), qualification 10% (14), meeting 25% (21),
// proposal 50% (21), negotiation 75% (30), won, lost.

const deals: Deal[] = [
  // d1: the full path, 5 + 10 + 10 + 10 + 10 days, won May 16 (cycle 45 d).
  deal('d1', {
    createdAt: day(4, 1),
    stage: 'won',
    stageEnteredAt: day(5, 16),
    closedAt: day(5, 16),
    value: 10_000,
    source: 'referral',
  }),
  // d2: skips proposal and negotiation, won May 25 (cycle 50 d).
  deal('d2', {
    createdAt: day(4, 5),
    stage: 'won',
    stageEnteredAt: day(5, 25),
    closedAt: day(5, 25),
    value: 5_000,
    source: 'outbound',
  }),
  // d3: lost from qualification on Apr 20.
  deal('d3', {
    createdAt: day(4, 10),
    stage: 'lost',
    stageEnteredAt: day(4, 20),
    closedAt: day(4, 20),
    value: 3_000,
    source: 'outbound',
    lostReason: 'price',
  }),
  // d4: moved BACK from meeting to qualification, then to meeting again; open, in meeting since May 11.
  deal('d4', {
    createdAt: day(4, 15),
    stage: 'meeting',
    stageEnteredAt: day(5, 11),
    value: 8_000,
    source: 'referral',
    expectedClose: '2026-07-20',
  }),
  // d5: NO activities at all; in proposal since May 20.
  deal('d5', {
    createdAt: day(5, 1),
    stage: 'proposal',
    stageEnteredAt: day(5, 20),
    value: 20_000,
    source: 'event',
    expectedClose: '2026-06-30',
  }),
  // d6: creation record missing (first change is prospecting → qualification); no expectedClose.
  deal('d6', {
    createdAt: day(5, 10),
    stage: 'qualification',
    stageEnteredAt: day(5, 20),
    value: 4_000,
    source: 'inbound',
  }),
  // d7: in prospecting exactly 14 days (= staleDays, not more).
  deal('d7', {
    createdAt: day(6, 1),
    stage: 'prospecting',
    stageEnteredAt: day(6, 1),
    value: 1_000,
    source: 'social',
    expectedClose: '2026-07-05',
  }),
  // d8: created before the period, won inside it; closedAt missing → the time it entered Won (Apr 10).
  deal('d8', { createdAt: day(3, 1), stage: 'won', stageEnteredAt: day(4, 10), value: 6_000, source: 'referral' }),
  // d9: won in USD (counts as a win, not in EUR sums); cycle Apr 20 → May 30 = 40 d.
  deal('d9', {
    createdAt: day(4, 20),
    stage: 'won',
    stageEnteredAt: day(5, 30),
    closedAt: day(5, 30),
    value: 9_999,
    currency: 'USD',
    source: 'event',
  }),
  // d10: created and lost before the period.
  deal('d10', {
    createdAt: day(12, 1, 2025),
    stage: 'lost',
    stageEnteredAt: day(1, 10),
    closedAt: day(1, 10),
    value: 2_500,
    source: 'purchased-list',
  }),
  // d11: open in negotiation since Jun 1 (14 d ≤ 30).
  deal('d11', {
    createdAt: day(5, 5),
    stage: 'negotiation',
    stageEnteredAt: day(6, 1),
    value: 12_000,
    source: 'referral',
    expectedClose: '2026-06-20',
  }),
  // d12: open, USD, so left out of the forecast.
  deal('d12', {
    createdAt: day(6, 10),
    stage: 'prospecting',
    stageEnteredAt: day(6, 10),
    value: 5_000,
    currency: 'USD',
    source: 'social',
    expectedClose: '2026-06-25',
  }),
];

const activities: Activity[] = [
  ...path('d1', [
    ['prospecting', day(4, 1)],
    ['qualification', day(4, 6)],
    ['meeting', day(4, 16)],
    ['proposal', day(4, 26)],
    ['negotiation', day(5, 6)],
    ['won', day(5, 16)],
  ]),
  ...path('d2', [
    ['prospecting', day(4, 5)],
    ['qualification', day(4, 10)],
    ['meeting', day(4, 30)],
    ['won', day(5, 25)],
  ]),
  ...path('d3', [
    ['prospecting', day(4, 10)],
    ['qualification', day(4, 12)],
    ['lost', day(4, 20)],
  ]),
  ...path('d4', [
    ['prospecting', day(4, 15)],
    ['qualification', day(4, 20)],
    ['meeting', day(4, 25)],
    ['qualification', day(5, 1)],
    ['meeting', day(5, 11)],
  ]),
  activity('d6', day(5, 20), 'stage-change', { fromStage: 'prospecting', toStage: 'qualification' }),
  ...path('d7', [['prospecting', day(6, 1)]]),
  ...path('d8', [
    ['prospecting', day(3, 1)],
    ['negotiation', day(3, 21)],
    ['won', day(4, 10)],
  ]),
  ...path('d9', [
    ['prospecting', day(4, 20)],
    ['won', day(5, 30)],
  ]),
  ...path('d10', [
    ['prospecting', day(12, 1, 2025)],
    ['lost', day(1, 10)],
  ]),
  ...path('d11', [
    ['prospecting', day(5, 5)],
    ['negotiation', day(6, 1)],
  ]),
  ...path('d12', [['prospecting', day(6, 10)]]),
  // Touchpoints. d1: 8 before the win, a check-in after it (not counted), and a note (not a touchpoint).
  ...(['call', 'email', 'email', 'meeting', 'demo', 'proposal', 'message', 'call'] as const).map((k, i) =>
    activity('d1', day(4, 2 + i), k),
  ),
  activity('d1', day(5, 20), 'call'),
  activity('d1', day(4, 3), 'note'),
  // d2: 5; d8: 3; d9: none.
  ...[1, 2, 3, 4, 5].map((i) => activity('d2', day(4, 10 + i), 'call')),
  ...[1, 2, 3].map((i) => activity('d8', day(3, 5 + i), 'email')),
  // Recent touches keep d4 and d6 from being idle.
  activity('d4', day(6, 10), 'call'),
  activity('d6', day(6, 12), 'call'),
];

const objection = (at: number, category: ObjectionCategory, resolved: boolean): Objection => ({
  ...meta(at),
  dealId: 'd4',
  category,
  said: '…',
  resolved,
});
const objections: Objection[] = [
  objection(day(4, 2), 'price', true),
  objection(day(4, 12), 'price', false),
  objection(day(5, 2), 'price', true),
  objection(day(3, 20), 'price', false), // before the period
  objection(day(5, 3), 'timing', false),
  objection(day(5, 4), 'timing', false),
  objection(day(5, 5), 'authority', false),
  objection(day(5, 6), 'competitor', true),
];

const answer = (contactId: string, at: number, score: number, createdAt = at): NpsAnswer => ({
  ...meta(at),
  createdAt,
  contactId,
  score,
  at,
});
const npsAnswers: NpsAnswer[] = [
  answer('n1', day(4, 10), 6),
  answer('n1', day(5, 10), 10), // n1's latest in the period: promoter
  answer('n2', day(4, 20), 9),
  answer('n3', day(5, 1), 8),
  answer('n4', day(6, 1), 3),
  answer('n5', day(3, 1), 7), // before the period
  answer('n6', day(5, 1), 5, day(5, 1)),
  answer('n6', day(5, 1), 9, day(5, 1) + 1), // same `at`, recorded later: this one counts
];

function contact(id: string, c: Partial<Contact>): Contact {
  return {
    ...meta(day(1, 1, 2024)),
    id,
    name: id,
    emails: [],
    phones: [],
    profiles: {},
    leadStatus: 'sql',
    source: 'other',
    tags: [],
    lifecycle: 'customer',
    profileKeys: [],
    nameKey: id,
    ...c,
  };
}
const contacts: Contact[] = [
  contact('c1', { customerSince: day(6, 1, 2025) }),
  contact('c2', { customerSince: day(1, 1, 2025), churnedAt: day(5, 10), lifecycle: 'churned' }),
  contact('c3', { customerSince: day(4, 15), churnedAt: day(6, 1), lifecycle: 'churned' }),
  contact('c4', { customerSince: day(1, 1, 2024), churnedAt: day(2, 1), lifecycle: 'churned' }),
  contact('c5', { lifecycle: 'lead' }),
  contact('c6', { customerSince: day(3, 1, 2025), lifecycle: 'churned', updatedAt: day(6, 5) }),
  contact('c7', { customerSince: day(3, 1), churnedAt: day(11, 1, 2025), lifecycle: 'customer' }),
];

const data: MetricsData = { deals, activities, objections, nps: npsAnswers, contacts };
const ctx = prepareMetrics(data, settings);

describe('periods', () => {
  it('cuts the quarter around now in UTC', () => {
    expect(Q2).toEqual({
      start: day(4, 1),
      end: day(7, 1),
      label: '2026-Q2',
      months: ['2026-04', '2026-05', '2026-06'],
    });
  });

  it('cuts months and years on local midnight, across DST', () => {
    // Berlin: March 2026 starts in CET (UTC+1), April in CEST (UTC+2).
    const march = periodOf('month', Date.UTC(2026, 2, 15), 'Europe/Berlin');
    expect(march.start).toBe(Date.UTC(2026, 1, 28, 23)); // 2026-03-01 00:00 +01:00
    expect(march.end).toBe(Date.UTC(2026, 2, 31, 22)); // 2026-04-01 00:00 +02:00
    expect(march.label).toBe('2026-03');
    // 2026-01-01 00:30 in Tokyo is still 2025 in UTC: the year is Tokyo's.
    const year = periodOf('year', Date.UTC(2025, 11, 31, 15, 30), 'Asia/Tokyo');
    expect(year.label).toBe('2026');
    expect(year.start).toBe(Date.UTC(2025, 11, 31, 15)); // 2026-01-01 00:00 +09:00
    expect(year.months).toHaveLength(12);
  });

  it('shifts by whole units, over year ends', () => {
    expect(periodOf('quarter', day(2, 10), 'UTC', -1).label).toBe('2025-Q4');
    expect(periodOf('month', day(12, 10, 2025), 'UTC', 1)).toMatchObject({ label: '2026-01', start: day(1, 1) });
  });

  it('lists only whole months inside a custom period', () => {
    const p = customPeriod(day(4, 15), day(6, 1), 'UTC');
    expect(p.months).toEqual(['2026-05']); // April is cut at the 15th; June starts at the end
    expect(p.label).toBe('2026-04-15/2026-06-01');
    expect(customPeriod(day(5, 1), day(5, 1), 'UTC').months).toEqual([]);
  });
});

describe('quotaFor', () => {
  it('takes the exact entry, else sums the parts, else null', () => {
    expect(quotaFor(Q2, settings)).toBe(30_000); // exact 2026-Q2
    expect(quotaFor(periodOf('month', day(4, 5), 'UTC'), settings)).toBe(8_000); // exact 2026-04
    expect(quotaFor(periodOf('month', NOW, 'UTC'), settings)).toBeNull(); // June: no entry (2026 and Q2 are not split)
    expect(quotaFor(periodOf('quarter', day(2, 1), 'UTC'), settings)).toBe(12_000); // no Q1 entry: Jan 5,000 + Feb none + Mar 7,000
    expect(quotaFor(periodOf('year', NOW, 'UTC'), settings)).toBe(100_000); // exact 2026
    expect(quotaFor(periodOf('year', day(6, 1, 2025), 'UTC'), settings)).toBe(30_000); // no 2025: Q1 10,000 + Q4 20,000
    expect(quotaFor(periodOf('year', day(6, 1, 2027), 'UTC'), settings)).toBeNull();
    expect(quotaFor(customPeriod(day(4, 15), day(6, 1), 'UTC'), settings)).toBe(9_000); // whole months: May
    expect(quotaFor(customPeriod(day(4, 1), day(7, 1), 'UTC'), settings)).toBe(30_000); // a whole quarter → its entry
  });
});

describe('stage history', () => {
  const d = deals.find((x) => x.id === 'd4')!;
  const d4Changes = activities.filter((a) => a.dealId === 'd4' && a.kind === 'stage-change');

  it('keeps a move back as separate stays', () => {
    expect(stageHistory(d, d4Changes)).toEqual([
      { stage: 'prospecting', enteredAt: day(4, 15), leftAt: day(4, 20) },
      { stage: 'qualification', enteredAt: day(4, 20), leftAt: day(4, 25) },
      { stage: 'meeting', enteredAt: day(4, 25), leftAt: day(5, 1) },
      { stage: 'qualification', enteredAt: day(5, 1), leftAt: day(5, 11) },
      { stage: 'meeting', enteredAt: day(5, 11) },
    ]);
  });

  it('sorts out-of-order changes and ignores repeats', () => {
    const shuffled = [d4Changes[3]!, d4Changes[0]!, d4Changes[4]!, d4Changes[2]!, d4Changes[1]!];
    const repeat = activity('d4', day(5, 12), 'stage-change', { fromStage: 'meeting', toStage: 'meeting' });
    expect(stageHistory(d, [...shuffled, repeat])).toEqual(stageHistory(d, d4Changes));
  });

  it('falls back to createdAt and stageEnteredAt when records are missing', () => {
    const d6 = deals.find((x) => x.id === 'd6')!;
    expect(
      stageHistory(
        d6,
        activities.filter((a) => a.dealId === 'd6'),
      ),
    ).toEqual([
      { stage: 'prospecting', enteredAt: day(5, 10), leftAt: day(5, 20) }, // assumed from createdAt
      { stage: 'qualification', enteredAt: day(5, 20) },
    ]);
    const d5 = deals.find((x) => x.id === 'd5')!;
    expect(stageHistory(d5, [])).toEqual([{ stage: 'proposal', enteredAt: day(5, 20) }]);
    // The move to the current stage was never recorded: assumed at stageEnteredAt.
    const moved = { ...d5, stage: 'negotiation', stageEnteredAt: day(6, 2) };
    expect(stageHistory(moved, path('d5', [['prospecting', day(5, 1)]]))).toEqual([
      { stage: 'prospecting', enteredAt: day(5, 1), leftAt: day(6, 2) },
      { stage: 'negotiation', enteredAt: day(6, 2) },
    ]);
  });
});

describe('metrics over Q2 2026', () => {
  it('stage-to-stage conversion and the funnel', () => {
    const c = stageConversion(ctx, Q2);
    // Created in Q2: d1 d2 d3 d4 d5 d6 d7 d9 d11 d12 = 10 (d8 in March, d10 in 2025).
    expect(c.cohort).toBe(10);
    // Furthest reached (0 prospecting … 4 negotiation, 5 won): d1 5, d2 5, d3 1, d4 2 (went back, kept 2),
    // d5 3, d6 1, d7 0, d9 5, d11 4, d12 0.
    expect(c.funnel).toEqual([
      { stage: 'prospecting', reached: 10 }, // all
      { stage: 'qualification', reached: 8 }, // all but d7, d12
      { stage: 'meeting', reached: 6 }, // d1 d2 d4 d5 d9 d11 (d9, d11 skipped it)
      { stage: 'proposal', reached: 5 }, // d1 d2 d5 d9 d11
      { stage: 'negotiation', reached: 4 }, // d1 d2 d9 d11
      { stage: 'won', reached: 3 }, // d1 d2 d9
    ]);
    expect(c.steps.map((s) => [s.from, s.to, s.rate])).toEqual([
      ['prospecting', 'qualification', 0.8], // 8/10
      ['qualification', 'meeting', 0.75], // 6/8
      ['meeting', 'proposal', 5 / 6], // 5/6
      ['proposal', 'negotiation', 0.8], // 4/5
      ['negotiation', 'won', 0.75], // 3/4
    ]);
  });

  it('win rate', () => {
    // Closed in Q2: won d1 d2 d8 d9, lost d3 (d10 lost in January) → 4/5 = 0.8.
    expect(winRate(ctx, Q2)).toEqual({ won: 4, lost: 1, rate: 0.8 });
  });

  it('average deal size (default currency only)', () => {
    // EUR wins: d1 10,000 + d2 5,000 + d8 6,000 = 21,000 over 3 → 7,000 (d9 is USD).
    expect(averageDealSize(ctx, Q2)).toEqual({ count: 3, total: 21_000, mean: 7_000 });
  });

  it('sales cycle length', () => {
    // d1 Apr 1→May 16 = 45, d2 Apr 5→May 25 = 50, d8 Mar 1→Apr 10 = 40, d9 Apr 20→May 30 = 40.
    // mean 175/4 = 43.75; median of 40 40 45 50 = (40+45)/2 = 42.5.
    expect(salesCycle(ctx, Q2)).toEqual({ count: 4, meanDays: 43.75, medianDays: 42.5 });
  });

  it('time in each stage and the bottleneck', () => {
    const t = timeInStage(ctx, Q2, NOW);
    expect(t.stages).toEqual([
      // Completed in Q2: d1 5, d2 5, d3 2, d4 5, d6 10, d9 40, d11 27 → 2 5 5 5 10 27 40 → median 5.
      // Still there: d7 14 d, d12 5 d → median 9.5.
      { stage: 'prospecting', completed: 7, medianDays: 5, current: 2, currentMedianDays: 9.5 },
      // d1 10, d2 20, d3 8, d4 5 and 10 (two stays) → 5 8 10 10 20 → 10. Now: d6 since May 20 = 26 d.
      { stage: 'qualification', completed: 5, medianDays: 10, current: 1, currentMedianDays: 26 },
      // d1 10, d2 25, d4 6 → 6 10 25 → 10. Now: d4 since May 11 = 35 d.
      { stage: 'meeting', completed: 3, medianDays: 10, current: 1, currentMedianDays: 35 },
      // d1 10. Now: d5 since May 20 = 26 d.
      { stage: 'proposal', completed: 1, medianDays: 10, current: 1, currentMedianDays: 26 },
      // d1 10, d8 20 (Mar 21→Apr 10, left in Q2) → 15. Now: d11 since Jun 1 = 14 d.
      { stage: 'negotiation', completed: 2, medianDays: 15, current: 1, currentMedianDays: 14 },
    ]);
    expect(t.bottleneck).toBe('negotiation'); // the longest median, 15
  });

  it('stalled deals', () => {
    // d4 meeting 35 > 21; d5 proposal 26 > 21; d6 qualification 26 > 14; d7 14 is not > 14;
    // d11 14 ≤ 30; d12 5 ≤ 14. d5 has no activity since May 20 (26 d > 21): idle.
    expect(stalledDeals(ctx, NOW).map((s) => [s.dealId, s.stage, s.daysInStage, s.daysSinceActivity, s.idle])).toEqual([
      ['d4', 'meeting', 35, 5, false], // last call Jun 10
      ['d5', 'proposal', 26, 26, true],
      ['d6', 'qualification', 26, 3, false], // last call Jun 12
    ]);
  });

  it('pipeline velocity', () => {
    // open now: d4 d5 d6 d7 d11 d12 = 6; 6 × 0.8 × 7,000 ÷ 43.75 = 33,600 ÷ 43.75 = 768 per day.
    const v = pipelineVelocity(ctx, Q2);
    expect(v).toMatchObject({ openDeals: 6, winRate: 0.8, averageDealSize: 7_000, averageCycleDays: 43.75 });
    expect(v.perDay).toBeCloseTo(768, 9);
  });

  it('forecast by expected-close month', () => {
    // d5 20,000 × 0.5 = 10,000 and d11 12,000 × 0.75 = 9,000 in June → 19,000 of 32,000;
    // d4 8,000 × 0.25 = 2,000 and d7 1,000 × 0.05 = 50 in July → 2,050 of 9,000;
    // d6 4,000 × 0.1 = 400, no date → unscheduled; d12 is USD: left out.
    const f = forecast(ctx);
    expect(f.months.map((m) => [m.month, m.deals, m.unweighted])).toEqual([
      ['2026-06', 2, 32_000],
      ['2026-07', 2, 9_000],
      [UNSCHEDULED, 1, 4_000],
    ]);
    expect(f.months[0]!.weighted).toBeCloseTo(19_000, 9);
    expect(f.months[1]!.weighted).toBeCloseTo(2_050, 9);
    expect(f.months[2]!.weighted).toBeCloseTo(400, 9);
    expect(f.weighted).toBeCloseTo(21_450, 9); // 19,000 + 2,050 + 400
    expect(f.unweighted).toBe(45_000); // 32,000 + 9,000 + 4,000
  });

  it('attainment against the quota, and a period without one', () => {
    expect(attainment(ctx, Q2)).toEqual({ won: 21_000, quota: 30_000, ratio: 0.7 }); // 21,000 / 30,000
    // April: d8 6,000 won Apr 10 / 8,000 = 0.75.
    expect(attainment(ctx, periodOf('month', day(4, 20), 'UTC'))).toEqual({ won: 6_000, quota: 8_000, ratio: 0.75 });
    // June: nothing won, no quota.
    expect(attainment(ctx, periodOf('month', NOW, 'UTC'))).toEqual({ won: 0, quota: null, ratio: null });
  });

  it('churn rate', () => {
    // At Apr 1: c1, c2, c6 (churned, no date: its updatedAt Jun 5), c7 (came back in March) = 4;
    // not c3 (customer from Apr 15), c4 (churned in February), c5 (a lead).
    // Churned in Q2: c2 (May 10), c6 (Jun 5) → 2/4 = 0.5.
    expect(churnRate(ctx, Q2)).toEqual({ atStart: 4, churned: 2, rate: 0.5 });
  });

  it('breakdown by lead source', () => {
    expect(sourceBreakdown(ctx, Q2)).toEqual([
      // leads d1 d4 d11; won d1 10,000 + d8 6,000 (created in March, won in April); (16,000 − 4,000)/4,000 = 3
      { source: 'referral', leads: 3, won: 2, lost: 0, winRate: 1, revenue: 16_000, cost: 4_000, returnOnSpend: 3 },
      // leads d2 d3; won d2, lost d3 → 1/2; (5,000 − 10,000)/10,000 = −0.5
      {
        source: 'outbound',
        leads: 2,
        won: 1,
        lost: 1,
        winRate: 0.5,
        revenue: 5_000,
        cost: 10_000,
        returnOnSpend: -0.5,
      },
      // leads d5 d9; d9 won in USD: a win, no EUR revenue; cost 0 → no return on spend
      { source: 'event', leads: 2, won: 1, lost: 0, winRate: 1, revenue: 0, cost: 0, returnOnSpend: null },
      { source: 'inbound', leads: 1, won: 0, lost: 0, winRate: null, revenue: 0, returnOnSpend: null }, // d6
      { source: 'social', leads: 2, won: 0, lost: 0, winRate: null, revenue: 0, returnOnSpend: null }, // d7 d12
      // only a cost: (0 − 2,000)/2,000 = −1
      {
        source: 'purchased-list',
        leads: 0,
        won: 0,
        lost: 0,
        winRate: null,
        revenue: 0,
        cost: 2_000,
        returnOnSpend: -1,
      },
    ]);
  });

  it('touchpoints per won deal', () => {
    // d1 8 (the May 20 check-in is after the win, the note is no touchpoint), d2 5, d8 3, d9 0 → 16/4 = 4.
    expect(touchpointsPerWonDeal(ctx, Q2)).toEqual({ deals: 4, touchpoints: 16, average: 4 });
  });

  it('objection frequency', () => {
    // In Q2: price 3 (1 unresolved; the March one is outside), timing 2 (2), competitor 1, authority 1
    // (competitor before authority: same count, vocabulary order).
    expect(objectionFrequency(ctx, Q2)).toEqual([
      { category: 'price', count: 3, unresolved: 1 },
      { category: 'timing', count: 2, unresolved: 2 },
      { category: 'competitor', count: 1, unresolved: 0 },
      { category: 'authority', count: 1, unresolved: 1 },
    ]);
  });

  it('NPS, the latest answer per contact', () => {
    // n1 10 (latest), n2 9, n6 9 (recorded later at the same time) → 3 promoters; n3 8 passive;
    // n4 3 detractor; n5 outside. 100 × (3 − 1) / 5 = 40.
    expect(nps(ctx, Q2)).toEqual({ answers: 5, promoters: 3, passives: 1, detractors: 1, score: 40 });
  });

  it('knows the touchpoint kinds', () => {
    expect(ACTIVITY_KINDS.filter(isTouchpoint)).toEqual([...TOUCHPOINT_KINDS]);
  });

  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('computeInsights and CSV', () => {
  const insights = computeInsights(data, Q2, NOW, settings);

  it('bundles every metric and reports other currencies', () => {
    expect(insights.currency).toBe('EUR');
    expect(insights.skippedCurrencies).toEqual({ USD: 2 }); // d9, d12
    expect(insights.winRate.rate).toBe(0.8);
    expect(insights.attainment.ratio).toBe(0.7);
    expect(insights.nps.score).toBe(40);
    expect(insights.stalled).toHaveLength(3);
    expect(insights.timeInStage.bottleneck).toBe('negotiation');
  });

  it('gives the same figures from records prepared once, for any period', () => {
    const prepared = prepareMetrics(data, settings);
    expect(insightsFor(prepared, Q2, NOW)).toEqual(insights);
    const year = { ...Q2, start: Q2.start - 90 * 86_400_000, label: 'longer' };
    expect(insightsFor(prepared, year, NOW)).toEqual(computeInsights(data, year, NOW, settings));
  });

  it('writes metric,segment,value rows', () => {
    const csv = insightsToCsv(insights);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('metric,segment,value');
    expect(lines).toContain('period,,2026-Q2');
    expect(lines).toContain('win-rate,,0.8');
    expect(lines).toContain('conversion,meeting>proposal,0.833333'); // 5/6 to six decimals
    expect(lines).toContain('forecast-weighted,2026-06,19000');
    expect(lines).toContain('forecast-weighted,unscheduled,400');
    expect(lines).toContain('source-return-on-spend,outbound,-0.5');
    expect(lines).toContain('source-return-on-spend,event,'); // null → empty
    expect(lines).toContain('objections-unresolved,timing,2');
    expect(lines).toContain('nps,,40');
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.every((r) => r.length === 3)).toBe(true);
  });

  it('quotes per RFC 4180 and defuses formulas', () => {
    const odd: Period = { ...Q2, label: 'Q2, "big"' };
    expect(insightsToCsv({ ...insights, period: odd }).split('\r\n')).toContain('period,,"Q2, ""big"""');
    const formula: Period = { ...Q2, label: '=HYPERLINK("x")' };
    expect(insightsToCsv({ ...insights, period: formula }).split('\r\n')).toContain('period,,"\'=HYPERLINK(""x"")"');
  });
});

describe('edge cases', () => {
  it('empty data gives nulls, never NaN', () => {
    const empty = computeInsights({ deals: [], activities: [] }, Q2, NOW, defaultSettings(0));
    expect(empty.winRate).toEqual({ won: 0, lost: 0, rate: null });
    expect(empty.averageDealSize.mean).toBeNull();
    expect(empty.salesCycle).toEqual({ count: 0, meanDays: null, medianDays: null });
    expect(empty.velocity.perDay).toBeNull();
    expect(empty.conversion.cohort).toBe(0);
    expect(empty.conversion.steps.every((s) => s.rate === null)).toBe(true);
    expect(empty.timeInStage.bottleneck).toBeNull();
    expect(empty.forecast).toEqual({ months: [], weighted: 0, unweighted: 0 });
    expect(empty.attainment).toEqual({ won: 0, quota: null, ratio: null }); // no quotas at all
    expect(empty.churn.rate).toBeNull();
    expect(empty.sources).toEqual([]);
    expect(empty.touchpoints.average).toBeNull();
    expect(empty.objections).toEqual([]);
    expect(empty.nps.score).toBeNull();
    expect(insightsToCsv(empty)).not.toMatch(/NaN|Infinity|null|undefined/);
  });

  it('a zero quota and zero cycle give null, not Infinity', () => {
    const s: Settings = { ...settings, quotas: [{ period: '2026-Q2', amount: 0 }] };
    // One deal won the day it was made: cycle 0 days.
    const quick = deal('q', {
      createdAt: day(5, 1),
      stage: 'won',
      stageEnteredAt: day(5, 1),
      closedAt: day(5, 1),
      value: 100,
      source: 'other',
    });
    const c = prepareMetrics({ deals: [quick], activities: [] }, s);
    expect(attainment(c, Q2)).toEqual({ won: 100, quota: 0, ratio: null });
    expect(pipelineVelocity(c, Q2)).toMatchObject({ averageCycleDays: 0, perDay: null });
  });

  it('a revived deal counts as open, and a deal in an unknown stage weighs 0', () => {
    const revived = deal('r', {
      createdAt: day(4, 1),
      stage: 'qualification',
      stageEnteredAt: day(5, 1),
      closedAt: day(4, 20),
      value: 1_000,
      source: 'closed-lost-revival',
      expectedClose: '2026-08-01',
    });
    const orphan = deal('o', {
      createdAt: day(4, 1),
      stage: 'gone',
      stageEnteredAt: day(4, 1),
      value: 500,
      source: 'other',
      expectedClose: '2026-08-01',
    });
    const c = prepareMetrics(
      {
        deals: [revived, orphan],
        activities: [
          ...path('r', [
            ['prospecting', day(4, 1)],
            ['lost', day(4, 20)],
            ['qualification', day(5, 1)],
          ]),
        ],
      },
      settings,
    );
    expect(winRate(c, Q2)).toEqual({ won: 0, lost: 0, rate: null }); // lost once, open again now
    // 1,000 × 0.1 = 100 + 500 × 0 (unknown stage) = 100, out of 1,500.
    const f = forecast(c);
    expect(f.months).toHaveLength(1);
    expect(f.months[0]!.weighted).toBeCloseTo(100, 9);
    expect(f.unweighted).toBe(1_500);
    expect(stageConversion(c, Q2).funnel[1]).toEqual({ stage: 'qualification', reached: 1 }); // r only
  });

  it('measures days as fractional 24-hour spans', () => {
    const half = deal('h', {
      createdAt: day(5, 1),
      stage: 'won',
      stageEnteredAt: day(5, 1) + DAY / 2,
      closedAt: day(5, 1) + DAY / 2,
      value: 1,
      source: 'other',
    });
    expect(salesCycle(prepareMetrics({ deals: [half], activities: [] }, settings), Q2).meanDays).toBe(0.5);
  });
});
