import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../lib/defaults';
import {
  columnSummaries,
  daysInStage,
  exitChecker,
  filterDeals,
  isRotting,
  medianOpenValue,
  missingExit,
  nextStep,
  planMove,
  stageStatus,
  whoNext,
} from '../../lib/pipeline';
import {
  type Contact,
  contactSchema,
  type Deal,
  dealSchema,
  type FollowUp,
  followUpSchema,
  type Stage,
} from '../../lib/records';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Monday 15 June 2026, 12:00 UTC. */
const NOW = Date.UTC(2026, 5, 15, 12);
const stages = defaultSettings(0).stages;
const stage = (id: string): Stage => stages.find((s) => s.id === id)!;
const base = { createdAt: 1, updatedAt: 1, rev: 1 };

function deal(id: string, fields: Record<string, unknown> = {}): Deal {
  return dealSchema.parse({ ...base, id, title: `Deal ${id}`, stage: 'meeting', stageEnteredAt: NOW - DAY, ...fields });
}
function followUp(id: string, dealId: string, dueAt: number, status = 'open'): FollowUp {
  return followUpSchema.parse({ ...base, id, dealId, dueAt, status });
}
function contact(id: string, fields: Record<string, unknown>): Contact {
  return contactSchema.parse({ ...base, id, name: `Person ${id}`, ...fields });
}

describe('stage status and age', () => {
  it('reads the stage kind, and treats a vanished stage as open', () => {
    expect(stageStatus(deal('a', { stage: 'won' }), stages)).toBe('won');
    expect(stageStatus(deal('a', { stage: 'lost' }), stages)).toBe('lost');
    expect(stageStatus(deal('a'), stages)).toBe('open');
    expect(stageStatus(deal('a', { stage: 'deleted-stage' }), stages)).toBe('open');
  });

  it('counts whole days in the stage and rots only past staleDays', () => {
    const d = deal('a', { stage: 'prospecting', stageEnteredAt: NOW - 14 * DAY - HOUR });
    expect(daysInStage(d, NOW)).toBe(14);
    expect(daysInStage(deal('b', { stageEnteredAt: NOW + HOUR }), NOW)).toBe(0);
    expect(isRotting(d, stage('prospecting'), NOW)).toBe(true);
    expect(isRotting(deal('c', { stageEnteredAt: NOW - 14 * DAY }), stage('prospecting'), NOW)).toBe(false);
    expect(isRotting(deal('d', { stageEnteredAt: 0 }), stage('won'), NOW)).toBe(false);
  });
});

describe('missingExit', () => {
  it('lists unticked items, comparing ticks folded', () => {
    const d = deal('a', { checklistDone: ['researched the  company'] });
    expect(missingExit(d, stage('prospecting'))).toEqual(['Found the decision maker']);
  });

  it('counts a BANT item as done when all four BANT answers are in', () => {
    const partial = deal('a', { bant: { budget: '10k', authority: 'decision-maker', need: 'CRM' } });
    expect(missingExit(partial, stage('qualification'))).toEqual(['BANT filled in']);
    const full = deal('b', { bant: { budget: '10k', authority: 'decision-maker', need: 'CRM', timeline: 'later' } });
    expect(missingExit(full, stage('qualification'))).toEqual([]);
  });
});

describe('exitChecker', () => {
  it('answers for many deals what missingExit answers for each', () => {
    const s = {
      ...stage('prospecting'),
      exitChecklist: ['Researched the company', 'BANT: all four known', 'Café visité'],
    };
    const check = exitChecker(s);
    const deals = [
      deal('a'),
      deal('b', { checklistDone: ['cafe  visite', 'researched the company'] }),
      deal('c', { bant: { budget: '1', authority: 'user', need: 'n', timeline: 'now' } }),
    ];
    for (const d of deals) expect(check(d)).toEqual(missingExit(d, s));
    expect(check(deals[1]!)).toEqual(['BANT: all four known']);
    expect(check(deals[2]!)).toEqual(['Researched the company', 'Café visité']);
  });
});

describe('nextStep', () => {
  it('is the earliest open follow-up, overdue once past due', () => {
    const d = deal('a');
    const step = nextStep(
      d,
      [followUp('f1', 'a', NOW + DAY), followUp('f2', 'a', NOW - HOUR), followUp('f0', 'a', NOW - DAY, 'done')],
      NOW,
    );
    expect(step).toEqual({ kind: 'follow-up', followUpId: 'f2', dueAt: NOW - HOUR, overdue: true });
    expect(nextStep(d, [followUp('f1', 'a', NOW + DAY)], NOW)).toMatchObject({ overdue: false });
  });

  it('warns about an open deal with nothing planned, not a closed one', () => {
    expect(nextStep(deal('a'), [], NOW)).toEqual({ kind: 'none', warning: true });
    expect(nextStep(deal('b', { stage: 'won', closedAt: NOW }), [], NOW)).toEqual({ kind: 'none', warning: false });
    expect(nextStep(deal('c', { stage: 'lost' }), [], NOW, stages)).toEqual({ kind: 'none', warning: false });
  });
});

describe('columnSummaries', () => {
  it('counts, totals and weights each column by its probability', () => {
    const deals = [
      deal('a', { stage: 'prospecting', value: 1_000 }),
      deal('b', { stage: 'prospecting', value: 3_000 }),
      deal('c', { stage: 'proposal', value: 12_345.5 }),
      deal('d', { stage: 'negotiation', value: 8_000 }),
      deal('e', { stage: 'negotiation', value: 2_000 }),
      deal('f', { stage: 'won', value: 5_000 }),
      deal('g', { stage: 'nowhere', value: 99 }),
    ];
    const byStage = Object.fromEntries(columnSummaries(deals, stages).map((c) => [c.stageId, c]));
    // 4,000 × 5% = 200; 12,345.50 × 50% = 6,172.75; 10,000 × 75% = 7,500; 5,000 × 100%.
    expect(byStage.prospecting).toEqual({ stageId: 'prospecting', count: 2, total: 4_000, weighted: 200 });
    expect(byStage.qualification).toEqual({ stageId: 'qualification', count: 0, total: 0, weighted: 0 });
    expect(byStage.proposal).toEqual({ stageId: 'proposal', count: 1, total: 12_345.5, weighted: 6_172.75 });
    expect(byStage.negotiation).toEqual({ stageId: 'negotiation', count: 2, total: 10_000, weighted: 7_500 });
    expect(byStage.won).toEqual({ stageId: 'won', count: 1, total: 5_000, weighted: 5_000 });
    expect(columnSummaries(deals, stages).map((c) => c.stageId)).toEqual(stages.map((s) => s.id));
  });

  it('takes the median of priced open deals for the score', () => {
    const deals = [
      deal('a', { value: 1_000 }),
      deal('b', { value: 0 }),
      deal('c', { value: 3_000 }),
      deal('d', { stage: 'won', value: 100_000 }),
    ];
    expect(medianOpenValue(deals, stages)).toBe(2_000);
  });
});

describe('planMove', () => {
  it('refuses a lost stage without a reason', () => {
    const plan = planMove(deal('a'), 'lost', stages, NOW, { lostReason: '   ' });
    expect(plan).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'Say why the deal was lost, to move it to Lost.' },
    });
  });

  it('closes a lost deal with its reason', () => {
    const plan = planMove(deal('a', { stage: 'proposal' }), 'lost', stages, NOW, {
      lostReason: ' Went  with a competitor ',
    });
    expect(plan.ok && plan.patch).toEqual({
      stage: 'lost',
      stageEnteredAt: NOW,
      checklistDone: [],
      closedAt: NOW,
      lostReason: 'Went with a competitor',
    });
    expect(plan.ok && plan.activity).toEqual({
      kind: 'lost',
      at: NOW,
      fromStage: 'proposal',
      toStage: 'lost',
      text: 'Lost (from Proposal): Went with a competitor',
    });
  });

  it('wins: sets closedAt, makes a customer and schedules check-ins', () => {
    const plan = planMove(deal('a', { stage: 'negotiation', checklistDone: ['Terms agreed'] }), 'won', stages, NOW);
    expect(plan).toEqual({
      ok: true,
      patch: { stage: 'won', stageEnteredAt: NOW, checklistDone: [], closedAt: NOW, lostReason: undefined },
      activity: { kind: 'won', at: NOW, fromStage: 'negotiation', toStage: 'won', text: 'Won (from Negotiation)' },
      effects: { makeCustomer: true, scheduleCheckIns: true },
      skippedExit: ['Objections answered'],
    });
  });

  it('revives a lost deal: clears closedAt and the reason', () => {
    const lost = deal('a', { stage: 'lost', closedAt: NOW - 30 * DAY, lostReason: 'Timing' });
    const plan = planMove(lost, 'qualification', stages, NOW);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.patch).toEqual({
      stage: 'qualification',
      stageEnteredAt: NOW,
      checklistDone: [],
      closedAt: undefined,
      lostReason: undefined,
    });
    expect({ ...lost, ...plan.patch }.closedAt).toBeUndefined();
    expect(plan.activity).toMatchObject({ kind: 'stage-change', text: 'Revived: Lost → Qualification' });
    expect(plan.effects).toEqual({ revived: true });
    expect(plan.skippedExit).toEqual([]);
  });

  it('moves between open stages with a stage-change activity', () => {
    const plan = planMove(deal('a', { stage: 'prospecting' }), 'meeting', stages, NOW);
    expect(plan.ok && plan.activity.text).toBe('Prospecting → Meeting');
    expect(plan.ok && plan.effects).toEqual({});
    expect(plan.ok && plan.skippedExit).toEqual(['Researched the company', 'Found the decision maker']);
  });

  it('refuses the same stage and an unknown one', () => {
    expect(planMove(deal('a'), 'meeting', stages, NOW)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The deal is already in Meeting.' },
    });
    expect(planMove(deal('a'), 'nope', stages, NOW)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('whoNext', () => {
  it('puts overdue first (oldest first), then due today by time, then the rest by score', () => {
    const deals = [
      deal('high'),
      deal('low'),
      deal('today-late'),
      deal('today-early'),
      deal('overdue-new'),
      deal('overdue-old'),
      deal('tomorrow'),
      deal('won', { stage: 'won', closedAt: NOW }),
    ];
    const followUps = new Map<string, FollowUp[]>([
      ['today-late', [followUp('f1', 'today-late', NOW + 10 * HOUR)]],
      ['today-early', [followUp('f2', 'today-early', NOW + 2 * HOUR)]],
      ['overdue-new', [followUp('f3', 'overdue-new', NOW - HOUR)]],
      ['overdue-old', [followUp('f4', 'overdue-old', NOW - 3 * DAY), followUp('f5', 'overdue-old', NOW + DAY)]],
      ['tomorrow', [followUp('f6', 'tomorrow', NOW + 13 * HOUR)]],
      ['low', [followUp('f7', 'low', NOW - DAY, 'done')]],
      ['won', [followUp('f8', 'won', NOW - DAY)]],
    ]);
    const scores = new Map([
      ['high', 90],
      ['low', 10],
      ['tomorrow', 50],
      ['today-late', 99],
    ]);
    const order = whoNext(deals, followUps, scores, NOW, { stages, timeZone: 'UTC' });
    expect(order.map((i) => i.deal.id)).toEqual([
      'overdue-old',
      'overdue-new',
      'today-early',
      'today-late',
      'high',
      'tomorrow',
      'low',
    ]);
    expect(order.map((i) => i.bucket)).toEqual([
      'overdue',
      'overdue',
      'due-today',
      'due-today',
      'by-score',
      'by-score',
      'by-score',
    ]);
  });

  it('ends "today" at local midnight in the rep’s time zone', () => {
    // 14:00 UTC is 23:00 in Tokyo (UTC+9): a follow-up at 15:30 UTC is today in UTC, tomorrow in Tokyo.
    const at = Date.UTC(2026, 5, 15, 14);
    const deals = [deal('a'), deal('b')];
    const followUps = new Map([['a', [followUp('f1', 'a', at + 1.5 * HOUR)]]]);
    const scores = new Map([['b', 80]]);
    expect(whoNext(deals, followUps, scores, at, { timeZone: 'UTC' }).map((i) => i.deal.id)).toEqual(['a', 'b']);
    expect(whoNext(deals, followUps, scores, at, { timeZone: 'Asia/Tokyo' }).map((i) => i.deal.id)).toEqual(['b', 'a']);
  });
});

describe('filterDeals', () => {
  const contacts = new Map([
    ['c1', contact('c1', { leadStatus: 'sql', tags: ['Conférence'] })],
    ['c2', contact('c2', { leadStatus: 'mql' })],
  ]);
  const deals = [
    deal('a', { contactId: 'c1', bant: { timeline: 'now' }, source: 'referral' }),
    deal('b', { contactId: 'c2', temperature: 'hot', source: 'event', tags: ['VIP'] }),
    deal('c', { contactId: 'c2', source: 'event' }),
  ];
  const followUpsByDeal = new Map([
    ['a', [followUp('f1', 'a', NOW - HOUR)]],
    ['b', [followUp('f2', 'b', NOW + HOUR)]],
  ]);
  const ids = (filter: Parameters<typeof filterDeals>[2]) =>
    filterDeals(deals, contacts, filter, { now: NOW, followUpsByDeal }).map((d) => d.id);

  it('filters by each field, all of them together', () => {
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ temperature: 'hot' })).toEqual(['a', 'b']);
    expect(ids({ temperature: 'cold' })).toEqual(['c']);
    expect(ids({ leadStatus: 'mql' })).toEqual(['b', 'c']);
    expect(ids({ source: 'event' })).toEqual(['b', 'c']);
    expect(ids({ tag: 'conference' })).toEqual(['a']);
    expect(ids({ tag: 'vip' })).toEqual(['b']);
    expect(ids({ overdue: true })).toEqual(['a']);
    expect(ids({ overdue: false })).toEqual(['b', 'c']);
    expect(ids({ temperature: 'hot', source: 'event', leadStatus: 'mql' })).toEqual(['b']);
  });
});
