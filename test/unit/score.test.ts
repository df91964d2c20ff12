import { describe, expect, it } from 'vitest';
import { type Activity, activitySchema, type Deal, dealSchema } from '../../lib/records';
import { bantComplete, median, SCORE_WEIGHTS, scoreDeal, scoreDeals, temperatureOf } from '../../lib/score';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12);
const base = { createdAt: 1, updatedAt: 1, rev: 1 };

function deal(fields: Record<string, unknown> = {}): Deal {
  return dealSchema.parse({ ...base, id: 'd1', title: 'Deal', stage: 'meeting', stageEnteredAt: 1, ...fields });
}
function touch(kind: string, daysAgo: number, id = `a${kind}${daysAgo}`): Activity {
  return activitySchema.parse({ ...base, id, kind, at: NOW - daysAgo * DAY, dealId: 'd1' });
}
const points = (s: ReturnType<typeof scoreDeal>) => Object.fromEntries(s.factors.map((f) => [f.key, f.points]));

describe('temperatureOf', () => {
  it.each([
    ['now', 'hot'],
    ['within-2-months', 'warm'],
    ['later', 'cold'],
    ['none', 'cold'],
    [undefined, 'cold'],
  ] as const)('timeline %s → %s', (timeline, expected) => {
    expect(temperatureOf(deal({ bant: timeline ? { timeline } : {} }))).toBe(expected);
  });

  it('keeps the temperature the rep set', () => {
    expect(temperatureOf(deal({ temperature: 'hot', bant: { timeline: 'none' } }))).toBe('hot');
    expect(temperatureOf(deal({ temperature: 'cold', bant: { timeline: 'now' } }))).toBe('cold');
  });
});

describe('scoreDeal', () => {
  it('has weights that add up to 100', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('scores a fully qualified, hot, engaged, large deal 100', () => {
    const s = scoreDeal(
      deal({
        companyId: 'co1',
        value: 40_000,
        bant: { budget: '40k', authority: 'decision-maker', need: 'CRM', timeline: 'now' },
      }),
      {
        activities: [1, 2, 3, 4, 5, 6].map((d) => touch('call', d)),
        medianValue: 10_000,
        now: NOW,
      },
    );
    expect(s.score).toBe(100);
    expect(s.factors.every((f) => f.points === f.max)).toBe(true);
  });

  it('breaks a partial deal into factors that sum to the score', () => {
    const s = scoreDeal(deal({ value: 10_000, bant: { authority: 'influencer', timeline: 'within-2-months' } }), {
      activities: [
        touch('email', 1),
        touch('meeting', 29),
        touch('call', 31), // too old
        touch('note', 2), // not a touchpoint
        touch('stage-change', 3),
        { ...touch('call', 0), at: NOW + DAY }, // in the future
      ],
      medianValue: 10_000,
      now: NOW,
    });
    expect(points(s)).toEqual({
      budget: 0,
      authority: 4,
      need: 0,
      timeline: 7,
      company: 0,
      temperature: 15,
      engagement: 10,
      value: 8,
    });
    expect(s.score).toBe(44);
    expect(s.factors.reduce((a, f) => a + f.points, 0)).toBe(s.score);
    expect(s.temperature).toBe('warm');
    expect(s.touchpoints).toBe(2);
    expect(s.factors.find((f) => f.key === 'engagement')?.label).toBe('Touchpoints in the last 30 days');
  });

  it('scales value on a log scale around the median, capped both ways', () => {
    const v = (value: number, medianValue = 10_000) =>
      scoreDeal(deal({ value }), { activities: [], medianValue, now: NOW }).factors.find((f) => f.key === 'value')
        ?.points;
    expect(v(0)).toBe(0);
    expect(v(2_500)).toBe(0);
    expect(v(5_000)).toBe(4);
    expect(v(20_000)).toBe(11);
    expect(v(40_000)).toBe(15);
    expect(v(1_000_000)).toBe(15);
    expect(v(500, 0)).toBe(8);
  });

  it('orders deals sensibly: hot and engaged above cold and silent', () => {
    const ctx = { medianValue: 10_000, now: NOW };
    const hot = scoreDeal(deal({ value: 10_000, bant: { timeline: 'now' } }), {
      ...ctx,
      activities: [touch('call', 2), touch('email', 5)],
    });
    const warm = scoreDeal(deal({ value: 10_000, bant: { timeline: 'within-2-months' } }), {
      ...ctx,
      activities: [touch('call', 2)],
    });
    const cold = scoreDeal(deal({ value: 10_000, bant: { timeline: 'later' } }), { ...ctx, activities: [] });
    const coldBig = scoreDeal(deal({ value: 80_000, bant: { timeline: 'later' } }), { ...ctx, activities: [] });
    expect([hot.score, warm.score, cold.score, coldBig.score]).toEqual([50, 35, 15, 22]);
    expect(hot.score).toBeGreaterThan(warm.score);
    expect(warm.score).toBeGreaterThan(coldBig.score);
  });
});

describe('BANT helpers', () => {
  it('needs all four answers, and an unknown authority is no answer', () => {
    expect(bantComplete({ budget: '10k', authority: 'user', need: 'x', timeline: 'none' })).toBe(true);
    expect(bantComplete({ budget: '10k', authority: 'unknown', need: 'x', timeline: 'now' })).toBe(false);
    expect(bantComplete({ budget: ' ', authority: 'user', need: 'x', timeline: 'now' })).toBe(false);
  });

  it('computes a median', () => {
    expect(median([])).toBe(0);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});

describe('scoreDeals (the board: many deals at once)', () => {
  it('gives every deal the score scoreDeal gives it, from one list of everyone’s activities', () => {
    const deals = [
      deal({ id: 'd1', companyId: 'co1', value: 40_000, bant: { budget: 'b', authority: 'decision-maker' } }),
      deal({ id: 'd2', value: 2_000, bant: { timeline: 'now' } }),
      deal({ id: 'd3', value: 0, temperature: 'warm', bant: { need: 'n', authority: 'user' } }),
      deal({ id: 'd4', value: 10_000 }),
    ];
    const at = (id: string, kind: string, daysAgo: number, dealId: string) =>
      activitySchema.parse({ ...base, id, kind, at: NOW - daysAgo * DAY, dealId });
    const activities = [
      at('a1', 'call', 1, 'd1'),
      at('a2', 'email', 2, 'd1'),
      at('a3', 'stage-change', 1, 'd1'),
      at('a4', 'meeting', 31, 'd2'),
      at('a5', 'demo', -1, 'd2'),
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => at(`b${d}`, 'message', d, 'd3')),
      at('a6', 'call', 3, 'elsewhere'),
    ];
    const scores = scoreDeals(deals, activities, 10_000, NOW);
    for (const d of deals) {
      const own = activities.filter((a) => a.dealId === d.id);
      expect(scores.get(d.id), d.id).toBe(scoreDeal(d, { activities: own, medianValue: 10_000, now: NOW }).score);
    }
    expect(scores.size).toBe(4);
  });
});
