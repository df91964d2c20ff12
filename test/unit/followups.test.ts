import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../lib/defaults';
import {
  BADGE_COLORS,
  badgeFor,
  bucketOf,
  type CadenceSettings,
  cancel,
  checkInDues,
  checkInFollowUps,
  complete,
  dueToNotify,
  firstTouchDue,
  firstTouchFollowUp,
  groupFollowUps,
  markNotified,
  nextAlarmAt,
  nextTouchDue,
  nextTouchFollowUp,
  overdueBefore,
  planNotifications,
  reschedule,
  snooze,
  staleDeals,
  staleFollowUp,
} from '../../lib/followups';
import { type Deal, type FollowUp, followUpSchema } from '../../lib/records';
import { DAY_MS, HOUR_MS, MINUTE_MS, type PresetSettings } from '../../lib/time';

const ROME = 'Europe/Rome';
const utc = (y: number, m: number, d: number, hh = 0, mm = 0) => Date.UTC(y, m - 1, d, hh, mm);
const iso = (t: number) => new Date(t).toISOString();
const settings = defaultSettings(0);
const presetSettings: PresetSettings = { workingDays: settings.workingDays, dayStart: settings.dayStart };

/** A follow-up as the database holds it: through the schema, so `openDue` is there while open. */
function fu(id: string, dueAt: number, extra: Partial<FollowUp> = {}): FollowUp {
  return followUpSchema.parse({ id, createdAt: 1_000, updatedAt: 1_000, rev: 1, dueAt, ...extra });
}

/** What the repository does with a patch: spread it over the record and validate it again. */
function apply(f: FollowUp, patch: Partial<FollowUp>): FollowUp {
  return followUpSchema.parse({ ...f, ...patch, rev: f.rev + 1 });
}

/** The index counts the background makes for the badge (`openDue ≤ now`, `openDue < start of today`). */
function badgeCounts(store: readonly FollowUp[], now: number, tz: string) {
  const before = overdueBefore(now, tz);
  return {
    due: store.filter((f) => f.openDue !== undefined && f.openDue <= now).length,
    overdue: store.filter((f) => f.openDue !== undefined && f.openDue < before).length,
  };
}

// Tue 10 March 2026, 15:00 in Rome (CET, UTC+1).
const NOW = utc(2026, 3, 10, 14);

describe('buckets', () => {
  it('splits by local day: overdue before today, today (due or not yet), upcoming after', () => {
    expect(bucketOf(fu('a', utc(2026, 3, 9, 22, 59)), NOW, ROME)).toBe('overdue'); // Mon 23:59
    expect(bucketOf(fu('b', utc(2026, 3, 9, 23, 0)), NOW, ROME)).toBe('today'); // Tue 00:00
    expect(bucketOf(fu('c', NOW - HOUR_MS), NOW, ROME)).toBe('today');
    expect(bucketOf(fu('d', utc(2026, 3, 10, 22, 59)), NOW, ROME)).toBe('today'); // Tue 23:59
    expect(bucketOf(fu('e', utc(2026, 3, 10, 23, 0)), NOW, ROME)).toBe('upcoming'); // Wed 00:00
    expect(bucketOf(fu('f', NOW - DAY_MS * 3, { status: 'done' }), NOW, ROME)).toBe('done');
    expect(bucketOf(fu('g', NOW + DAY_MS, { status: 'cancelled' }), NOW, ROME)).toBe('done');
    // 03:00Z is Tuesday 04:00 in Rome but still Monday 23:00 in New York: the zone decides.
    expect(bucketOf(fu('h', utc(2026, 3, 10, 3)), NOW, ROME)).toBe('today');
    expect(bucketOf(fu('h', utc(2026, 3, 10, 3)), NOW, 'America/New_York')).toBe('overdue');
  });

  it('groups and sorts by due time then creation, stable for many at one instant', () => {
    const same = utc(2026, 3, 10, 16);
    const many = Array.from({ length: 40 }, (_, i) =>
      fu(`s${String(i).padStart(2, '0')}`, same, { createdAt: 1_000 + (i % 5) }),
    );
    const others = [
      fu('late', utc(2026, 3, 12, 8)),
      fu('old2', utc(2026, 3, 2, 8)),
      fu('old1', utc(2026, 3, 1, 8)),
      fu('early', utc(2026, 3, 10, 7)),
      fu('gone', utc(2026, 3, 10, 7), { status: 'done' }),
    ];
    // Shuffle deterministically: reversing and interleaving must not change the order.
    const input = [...many.slice().reverse(), ...others];
    const g = groupFollowUps(input, NOW, ROME);
    expect(g.overdue.map((f) => f.id)).toEqual(['old1', 'old2']);
    expect(g.upcoming.map((f) => f.id)).toEqual(['late']);
    expect(g.today[0]?.id).toBe('early');
    const rest = g.today.slice(1);
    expect(rest).toHaveLength(40);
    const expected = [...many].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)).map((f) => f.id);
    expect(rest.map((f) => f.id)).toEqual(expected);
    expect(groupFollowUps([...input].reverse(), NOW, ROME).today.map((f) => f.id)).toEqual(g.today.map((f) => f.id));
  });
});

describe('alarm and notifications', () => {
  it('sets one alarm for the earliest future follow-up, however many share the instant', () => {
    const at = NOW + 30 * MINUTE_MS;
    const store = [
      ...Array.from({ length: 25 }, (_, i) => fu(`m${i}`, at)),
      fu('later', at + HOUR_MS),
      fu('past', NOW - HOUR_MS),
      fu('done', NOW + MINUTE_MS, { status: 'done' }),
    ];
    expect(nextAlarmAt(store, NOW)).toBe(at);
    expect(nextAlarmAt([], NOW)).toBeUndefined();
    expect(nextAlarmAt([fu('p', NOW)], NOW)).toBeUndefined();
    // When the alarm rings, all 25 are notified together, in a stable order, and the alarm moves on.
    const plan = planNotifications(store, at);
    expect(plan.notify.map((f) => f.id)).toEqual(['past', ...Array.from({ length: 25 }, (_, i) => `m${i}`).sort()]);
    expect(plan.alarmAt).toBe(at + HOUR_MS);
  });

  it('notifies each due follow-up once, across a simulated browser restart', () => {
    // The browser was closed overnight; two fell due meanwhile, one is still ahead.
    let store = [fu('a', NOW - 10 * HOUR_MS), fu('b', NOW - 2 * HOUR_MS), fu('c', NOW + 2 * HOUR_MS)];
    const start = (now: number) => {
      const plan = planNotifications(store, now);
      const shown = new Set(plan.notify.map((f) => f.id));
      store = store.map((f) => (shown.has(f.id) ? apply(f, markNotified(now)) : f));
      return { shown: [...shown], alarmAt: plan.alarmAt };
    };
    expect(start(NOW)).toEqual({ shown: ['a', 'b'], alarmAt: NOW + 2 * HOUR_MS });
    // The worker is stopped and started again (a browser restart): nothing repeats.
    expect(start(NOW + 5 * MINUTE_MS)).toEqual({ shown: [], alarmAt: NOW + 2 * HOUR_MS });
    // The alarm rings for c; then a restart right after stays quiet too.
    expect(start(NOW + 2 * HOUR_MS)).toEqual({ shown: ['c'], alarmAt: undefined });
    expect(start(NOW + 3 * HOUR_MS)).toEqual({ shown: [], alarmAt: undefined });
    expect(dueToNotify(store, NOW + 4 * HOUR_MS)).toEqual([]);
  });

  it('notifies again after a snooze, and not before its new due time', () => {
    let f = apply(fu('a', NOW - HOUR_MS), markNotified(NOW));
    expect(dueToNotify([f], NOW)).toEqual([]);
    f = apply(f, snooze(f, NOW, 15));
    expect(f.dueAt).toBe(NOW + 15 * MINUTE_MS);
    expect(f.snoozeCount).toBe(1);
    expect(f.notifiedAt).toBeUndefined();
    expect(dueToNotify([f], NOW + 10 * MINUTE_MS)).toEqual([]);
    expect(nextAlarmAt([f], NOW + 10 * MINUTE_MS)).toBe(NOW + 15 * MINUTE_MS);
    expect(dueToNotify([f], NOW + 15 * MINUTE_MS).map((x) => x.id)).toEqual(['a']);
    f = apply(f, markNotified(NOW + 15 * MINUTE_MS));
    expect(dueToNotify([f], NOW + 20 * MINUTE_MS)).toEqual([]);
    // A reschedule into the future notifies again too, without counting as a snooze.
    f = apply(f, reschedule(f, NOW + DAY_MS, NOW + 20 * MINUTE_MS));
    expect(f.snoozeCount).toBe(1);
    expect(nextAlarmAt([f], NOW + 20 * MINUTE_MS)).toBe(NOW + DAY_MS);
    expect(dueToNotify([f], NOW + DAY_MS).map((x) => x.id)).toEqual(['a']);
  });

  it('completion takes a follow-up out of the alarm, the notifications and the badge', () => {
    let store = [fu('a', NOW - DAY_MS), fu('b', NOW - MINUTE_MS), fu('c', NOW + HOUR_MS)];
    expect(badgeCounts(store, NOW, ROME)).toEqual({ due: 2, overdue: 1 });
    store = store.map((f) => (f.id === 'a' || f.id === 'c' ? apply(f, complete(f, NOW)) : f));
    const done = store.find((f) => f.id === 'a');
    expect(done?.status).toBe('done');
    expect(done?.doneAt).toBe(NOW);
    expect(done && 'openDue' in done).toBe(false);
    expect(badgeCounts(store, NOW, ROME)).toEqual({ due: 1, overdue: 0 });
    expect(nextAlarmAt(store, NOW)).toBeUndefined();
    expect(dueToNotify(store, NOW).map((f) => f.id)).toEqual(['b']);
    const cancelled = apply(store[1] as FollowUp, cancel());
    expect(cancelled.status).toBe('cancelled');
    expect(dueToNotify([cancelled], NOW)).toEqual([]);
  });
});

describe('edits', () => {
  it('completing twice keeps the first doneAt', () => {
    const f = apply(fu('a', NOW), complete(fu('a', NOW), NOW));
    expect(complete(f, NOW + DAY_MS).doneAt).toBe(NOW);
  });

  it('snoozes to a preset with the settings and zone, reopening a done follow-up', () => {
    const friday = utc(2026, 3, 27, 16); // Fri 17:00 CET
    const f = fu('a', friday, { status: 'done', doneAt: friday, snoozeCount: 2 });
    const patch = snooze(f, friday, 'tomorrow-9', { settings: presetSettings, tz: ROME });
    expect(patch).toMatchObject({ status: 'open', dueAt: utc(2026, 3, 30, 7), openDue: utc(2026, 3, 30, 7) });
    expect(patch.snoozeCount).toBe(3);
    expect(apply(f, patch).doneAt).toBeUndefined();
    expect(() =>
      (snooze as unknown as (f: FollowUp, now: number, by: string) => unknown)(f, friday, 'tomorrow-9'),
    ).toThrow(/preset/);
    expect(snooze(f, friday, 0).dueAt).toBe(friday + MINUTE_MS);
  });

  it('reschedules to the past as due at once', () => {
    const f = fu('a', NOW + DAY_MS);
    const r = apply(f, reschedule(f, NOW - HOUR_MS, NOW));
    expect(r.dueAt).toBe(NOW - HOUR_MS);
    expect(dueToNotify([r], NOW).map((x) => x.id)).toEqual(['a']);
  });
});

describe('badge', () => {
  it.each([
    [0, 0, '', BADGE_COLORS.due],
    [1, 0, '1', BADGE_COLORS.due],
    [5, 2, '5', BADGE_COLORS.overdue],
    [99, 0, '99', BADGE_COLORS.due],
    [100, 100, '99+', BADGE_COLORS.overdue],
    [123_456, 0, '99+', BADGE_COLORS.due],
  ])('%i due, %i overdue → "%s"', (due, overdue, text, color) => {
    expect(badgeFor(due, overdue)).toMatchObject({ text, color });
  });

  it('explains itself in the tooltip', () => {
    expect(badgeFor(3, 1).title).toBe('Leadline: 3 follow-ups due, 1 overdue');
    expect(badgeFor(1).title).toBe('Leadline: 1 follow-up due');
    expect(badgeFor(0, 2).text).toBe('2');
  });

  it('turns red at midnight for what was due yesterday', () => {
    const store = [fu('a', utc(2026, 3, 10, 18))]; // Tue 19:00 Rome
    const evening = utc(2026, 3, 10, 20);
    const next = utc(2026, 3, 10, 23, 1); // Wed 00:01 Rome
    const e = badgeCounts(store, evening, ROME);
    const n = badgeCounts(store, next, ROME);
    expect(badgeFor(e.due, e.overdue).color).toBe(BADGE_COLORS.due);
    expect(badgeFor(n.due, n.overdue).color).toBe(BADGE_COLORS.overdue);
  });
});

describe('cadences', () => {
  const cs: CadenceSettings = settings;
  const friClip = utc(2026, 3, 27, 15); // Fri 16:00 CET; Monday is after the DST change

  it('first touch after a Friday clip is Monday 9:00, local', () => {
    expect(iso(firstTouchDue(friClip, cs, ROME))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(firstTouchDue(utc(2026, 3, 28, 10), cs, ROME))).toBe('2026-03-30T07:00:00.000Z'); // Saturday clip
    expect(iso(firstTouchDue(utc(2026, 3, 24, 10), cs, ROME))).toBe('2026-03-25T08:00:00.000Z'); // Tue → Wed
    const two = { ...cs, cadences: { ...cs.cadences, firstTouchDays: 2 } };
    expect(iso(firstTouchDue(friClip, two, ROME))).toBe('2026-03-31T07:00:00.000Z');
  });

  it('a first touch of 0 days is today at dayStart, or at the clip when later, on a working day', () => {
    const zero = { ...cs, cadences: { ...cs.cadences, firstTouchDays: 0 } };
    expect(iso(firstTouchDue(utc(2026, 3, 24, 6), zero, ROME))).toBe('2026-03-24T08:00:00.000Z');
    expect(firstTouchDue(utc(2026, 3, 24, 13), zero, ROME)).toBe(utc(2026, 3, 24, 13));
    expect(iso(firstTouchDue(utc(2026, 3, 28, 13), zero, ROME))).toBe('2026-03-30T07:00:00.000Z');
  });

  it('drafts the first touch for the deal and contact', () => {
    expect(firstTouchFollowUp({ dealId: 'd1', contactId: 'c1' }, friClip, cs, ROME)).toEqual({
      dealId: 'd1',
      contactId: 'c1',
      dueAt: utc(2026, 3, 30, 7),
      kind: 'email',
      text: 'First touch',
      origin: 'first-touch',
    });
  });

  it("next touch follows the stage's days, on a working day", () => {
    const thu = utc(2026, 3, 26, 15); // Thu; prospecting = 2 days → Sat → Mon
    expect(iso(nextTouchDue(thu, 'prospecting', cs, ROME) ?? 0)).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(nextTouchDue(utc(2026, 3, 23, 15), 'proposal', cs, ROME) ?? 0)).toBe('2026-03-27T08:00:00.000Z');
    expect(nextTouchDue(thu, 'won', cs, ROME)).toBeUndefined();
    expect(nextTouchDue(thu, 'no-such-stage', cs, ROME)).toBeUndefined();
    const zero = { ...cs, cadences: { ...cs.cadences, nextTouchDays: { meeting: 0 } } };
    expect(iso(nextTouchDue(utc(2026, 3, 24, 6), 'meeting', zero, ROME) ?? 0)).toBe('2026-03-24T08:00:00.000Z');
    expect(iso(nextTouchDue(utc(2026, 3, 24, 13), 'meeting', zero, ROME) ?? 0)).toBe('2026-03-25T08:00:00.000Z');
    expect(nextTouchFollowUp({ dealId: 'd' }, thu, 'lost', cs, ROME)).toBeUndefined();
    expect(nextTouchFollowUp({ dealId: 'd' }, thu, 'prospecting', cs, ROME)).toMatchObject({
      dealId: 'd',
      kind: 'call',
      origin: 'next-touch',
    });
  });

  it('check-ins fall 7, 30 and 90 days after the win at dayStart, moved off the weekend', () => {
    const wonAt = utc(2026, 1, 5, 9); // Mon 5 January, 10:00 CET
    // +7: Mon 12 Jan; +30: Wed 4 Feb; +90: Sun 5 April → Mon 6 April (CEST).
    expect(checkInDues(wonAt, cs, ROME).map(iso)).toEqual([
      '2026-01-12T08:00:00.000Z',
      '2026-02-04T08:00:00.000Z',
      '2026-04-06T07:00:00.000Z',
    ]);
    const drafts = checkInFollowUps({ dealId: 'd1', contactId: 'c1' }, wonAt, cs, ROME);
    expect(drafts.map((d) => [d.kind, d.origin, d.dealId, d.text])).toEqual([
      ['check-in', 'check-in', 'd1', 'Check-in, 7 days after the win'],
      ['check-in', 'check-in', 'd1', 'Check-in, 30 days after the win'],
      ['check-in', 'check-in', 'd1', 'Check-in, 90 days after the win'],
    ]);
    // Two that land on the same Monday (Saturday and Sunday) become one.
    const weekend = { ...cs, cadences: { ...cs.cadences, checkInDays: [6, 5, 7] } };
    expect(checkInDues(wonAt, weekend, ROME).map(iso)).toEqual(['2026-01-12T08:00:00.000Z']);
    expect(checkInFollowUps({}, wonAt, weekend, ROME)).toHaveLength(1);
  });

  it('finds stale deals, most stale first', () => {
    const now = utc(2026, 6, 1, 12);
    type D = Pick<Deal, 'id' | 'stage' | 'stageEnteredAt' | 'closedAt' | 'contactId'>;
    const deals: D[] = [
      { id: 'd1', stage: 'prospecting', stageEnteredAt: now - 60 * DAY_MS, contactId: 'c1' },
      { id: 'd2', stage: 'prospecting', stageEnteredAt: now - 60 * DAY_MS },
      { id: 'd3', stage: 'meeting', stageEnteredAt: now - 30 * DAY_MS - HOUR_MS },
      { id: 'd4', stage: 'won', stageEnteredAt: now - 300 * DAY_MS },
      { id: 'd5', stage: 'negotiation', stageEnteredAt: now - 300 * DAY_MS, closedAt: now - DAY_MS },
      { id: 'd6', stage: 'gone', stageEnteredAt: now - 300 * DAY_MS },
      { id: 'd7', stage: 'qualification', stageEnteredAt: now - 5 * DAY_MS },
      { id: 'd8', stage: 'qualification', stageEnteredAt: now - 14 * DAY_MS },
    ];
    const last = new Map([
      ['d1', now - 15 * DAY_MS - MINUTE_MS],
      ['d2', now - 10 * DAY_MS],
      ['d7', now - 40 * DAY_MS], // older than the stage entry: the entry counts
    ]);
    const stale = staleDeals(deals, last, settings.stages, now);
    expect(stale.map((s) => [s.deal.id, s.days])).toEqual([
      ['d3', 30],
      ['d1', 15],
    ]);
    expect(stale[1]?.since).toBe(now - 15 * DAY_MS - MINUTE_MS);
    const first = stale[1];
    if (!first) throw new Error('expected a stale deal');
    expect(staleFollowUp(first, now)).toEqual({
      dealId: 'd1',
      contactId: 'c1',
      dueAt: now,
      kind: 'call',
      text: 'No activity for 15 days in Prospecting',
      origin: 'stale',
    });
  });
});
