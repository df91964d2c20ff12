import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  dateKey,
  HOUR_MS,
  instantFromZoned,
  isValidTimeZone,
  isWorkingDay,
  nextWorkingDayAt,
  offsetAt,
  type PresetSettings,
  parseHhMm,
  presetDue,
  resolveTimeZone,
  startOfDay,
  startOfNextDay,
  zonedParts,
} from '../../lib/time';

const ROME = 'Europe/Rome';
const NY = 'America/New_York';
const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const officeWeek: PresetSettings = { workingDays: WEEKDAYS, dayStart: '09:00' };
const sevenDays: PresetSettings = { workingDays: EVERY_DAY, dayStart: '09:00' };
/** An instant written in UTC, so the expected values never go through the code under test. */
const utc = (y: number, m: number, d: number, hh = 0, mm = 0) => Date.UTC(y, m - 1, d, hh, mm);
const iso = (t: number) => new Date(t).toISOString();

// Calendar facts used below (2026): Rome goes CET→CEST on Sun 29 March at 01:00Z and back on
// Sun 25 October at 01:00Z; New York goes EST→EDT on Sun 8 March at 07:00Z and back on Sun
// 1 November at 06:00Z. 27 March and 23 October are Fridays.

describe('zonedParts and offsets', () => {
  it('reads the wall clock in a zone, with the ISO weekday', () => {
    expect(zonedParts(utc(2026, 3, 29, 1, 30), ROME)).toEqual({
      y: 2026,
      m: 3,
      d: 29,
      hh: 3,
      mm: 30,
      ss: 0,
      weekday: 7,
    });
    expect(zonedParts(utc(2026, 3, 29, 0, 30), ROME)).toMatchObject({ hh: 1, mm: 30 });
    expect(zonedParts(utc(2026, 3, 28, 4, 0), NY)).toMatchObject({ d: 28, hh: 0, weekday: 6 });
    expect(zonedParts(utc(2026, 1, 1), 'UTC')).toMatchObject({ y: 2026, m: 1, d: 1, hh: 0, weekday: 4 });
  });

  it('knows the offset on each side of a change', () => {
    expect(offsetAt(utc(2026, 3, 29, 0, 59), ROME)).toBe(HOUR_MS);
    expect(offsetAt(utc(2026, 3, 29, 1, 0), ROME)).toBe(2 * HOUR_MS);
    expect(offsetAt(utc(2026, 11, 1, 5, 59), NY)).toBe(-4 * HOUR_MS);
    expect(offsetAt(utc(2026, 11, 1, 6, 0), NY)).toBe(-5 * HOUR_MS);
    expect(offsetAt(utc(2026, 6, 1), 'Asia/Kolkata')).toBe(5.5 * HOUR_MS);
  });
});

describe('instantFromZoned', () => {
  it('turns an ordinary wall time into its instant', () => {
    expect(iso(instantFromZoned({ y: 2026, m: 7, d: 15, hh: 9, mm: 0 }, ROME))).toBe('2026-07-15T07:00:00.000Z');
    expect(iso(instantFromZoned({ y: 2026, m: 1, d: 15, hh: 9, mm: 0 }, NY))).toBe('2026-01-15T14:00:00.000Z');
  });

  it.each([
    [
      'Rome gap: 02:30 does not exist, moves forward to 03:30 CEST',
      ROME,
      2026,
      3,
      29,
      2,
      30,
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'Rome overlap: 02:30 happens twice, the earlier (CEST) wins',
      ROME,
      2026,
      10,
      25,
      2,
      30,
      '2026-10-25T00:30:00.000Z',
    ],
    ['New York gap: 02:30 → 03:30 EDT', NY, 2026, 3, 8, 2, 30, '2026-03-08T07:30:00.000Z'],
    ['New York overlap: 01:30 → the EDT one', NY, 2026, 11, 1, 1, 30, '2026-11-01T05:30:00.000Z'],
    ['the edge of a gap: 03:00 exists', ROME, 2026, 3, 29, 3, 0, '2026-03-29T01:00:00.000Z'],
    ['the edge of an overlap: 03:00 is once, CET', ROME, 2026, 10, 25, 3, 0, '2026-10-25T02:00:00.000Z'],
  ])('%s', (_label, tz, y, m, d, hh, mm, expected) => {
    expect(iso(instantFromZoned({ y, m, d, hh, mm }, tz))).toBe(expected);
  });

  it('rolls over out-of-range days and months', () => {
    expect(iso(instantFromZoned({ y: 2026, m: 1, d: 32, hh: 9 }, 'UTC'))).toBe('2026-02-01T09:00:00.000Z');
    expect(iso(instantFromZoned({ y: 2026, m: 13, d: 1 }, 'UTC'))).toBe('2027-01-01T00:00:00.000Z');
  });

  it('round-trips every wall time it reads, taking the earlier instant only when a time repeats', () => {
    const zones = [
      ROME,
      NY,
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'America/Santiago',
      'Pacific/Chatham',
      'UTC',
      'Asia/Tokyo',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: utc(2000, 1, 1) / 60_000, max: utc(2040, 1, 1) / 60_000 }),
        (tz, minute) => {
          const t = minute * 60_000;
          const wall = zonedParts(t, tz);
          const back = instantFromZoned(wall, tz);
          expect(zonedParts(back, tz)).toEqual(wall);
          expect(back).toBeLessThanOrEqual(t);
          // Only in an overlap does it differ, and then by at most the size of a DST shift.
          expect(t - back).toBeLessThanOrEqual(2 * HOUR_MS);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('day arithmetic', () => {
  it('keeps the wall-clock time across a short and a long night', () => {
    const satSpring = utc(2026, 3, 28, 9); // Sat 10:00 CET
    expect(iso(addDays(satSpring, 1, ROME))).toBe('2026-03-29T08:00:00.000Z'); // Sun 10:00 CEST
    expect(addDays(satSpring, 1, ROME) - satSpring).toBe(23 * HOUR_MS);
    const satAutumn = utc(2026, 10, 24, 8); // Sat 10:00 CEST
    expect(iso(addDays(satAutumn, 1, ROME))).toBe('2026-10-25T09:00:00.000Z'); // Sun 10:00 CET
    expect(addDays(satAutumn, 1, ROME) - satAutumn).toBe(25 * HOUR_MS);
    expect(iso(addDays(utc(2026, 3, 29, 8), -1, ROME))).toBe('2026-03-28T09:00:00.000Z');
    expect(iso(addDays(utc(2026, 1, 31, 12), 30, 'UTC'))).toBe('2026-03-02T12:00:00.000Z');
  });

  it('moves a day that lands in a gap forward, and keeps seconds and ms', () => {
    // Sat 02:30 CET + 1 day = Sun 02:30, which does not exist: 03:30 CEST.
    expect(iso(addDays(utc(2026, 3, 28, 1, 30), 1, ROME))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(addDays(utc(2026, 5, 5, 10, 0) + 12_345, 2, ROME))).toBe('2026-05-07T10:00:12.345Z');
  });

  it('finds the start of a 23-hour day, the next day, and a day whose midnight was skipped', () => {
    expect(iso(startOfDay(utc(2026, 3, 29, 12), ROME))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(startOfNextDay(utc(2026, 3, 29, 12), ROME))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(startOfDay(utc(2026, 10, 25, 12), ROME))).toBe('2026-10-24T22:00:00.000Z');
    // Santiago jumps from 00:00 to 01:00 on 6 September 2026: the day starts at 01:00 local.
    const sod = startOfDay(utc(2026, 9, 6, 15), 'America/Santiago');
    expect(iso(sod)).toBe('2026-09-06T04:00:00.000Z');
    expect(zonedParts(sod, 'America/Santiago')).toMatchObject({ d: 6, hh: 1, mm: 0 });
  });

  it('names the local date of an instant', () => {
    const t = utc(2026, 3, 28, 23, 30);
    expect(dateKey(t, ROME)).toBe('2026-03-29');
    expect(dateKey(t, NY)).toBe('2026-03-28');
    expect(dateKey(utc(2026, 12, 31, 23, 59), 'UTC')).toBe('2026-12-31');
  });
});

describe('working days', () => {
  const fri = utc(2026, 3, 27, 13); // Fri 14:00 CET
  const sat = utc(2026, 3, 28, 13);

  it('tells working days by the local date', () => {
    expect(isWorkingDay(fri, WEEKDAYS, ROME)).toBe(true);
    expect(isWorkingDay(sat, WEEKDAYS, ROME)).toBe(false);
    expect(isWorkingDay(sat, [1, 2, 3, 4, 5, 6], ROME)).toBe(true);
    // 23:30Z on Friday is already Saturday in Rome but still Friday in New York.
    expect(isWorkingDay(utc(2026, 3, 27, 23, 30), WEEKDAYS, ROME)).toBe(false);
    expect(isWorkingDay(utc(2026, 3, 27, 23, 30), WEEKDAYS, NY)).toBe(true);
  });

  it('skips the weekend, keeping the wall time across the DST change', () => {
    expect(iso(addWorkingDays(fri, 1, WEEKDAYS, ROME))).toBe('2026-03-30T12:00:00.000Z'); // Mon 14:00 CEST
    expect(iso(addWorkingDays(fri, 5, WEEKDAYS, ROME))).toBe('2026-04-03T12:00:00.000Z');
    expect(iso(addWorkingDays(sat, 1, WEEKDAYS, ROME))).toBe('2026-03-30T12:00:00.000Z');
    expect(iso(addWorkingDays(sat, 0, WEEKDAYS, ROME))).toBe('2026-03-30T12:00:00.000Z');
    expect(addWorkingDays(fri, 0, WEEKDAYS, ROME)).toBe(fri);
    expect(iso(addWorkingDays(utc(2026, 3, 30, 12), -1, WEEKDAYS, ROME))).toBe('2026-03-27T13:00:00.000Z');
    expect(iso(addWorkingDays(fri, 1, [1, 2, 3, 4, 5, 6], ROME))).toBe('2026-03-28T13:00:00.000Z');
    // An empty list (the schema forbids it) counts every day rather than looping for ever.
    expect(iso(addWorkingDays(fri, 1, [], ROME))).toBe('2026-03-28T13:00:00.000Z');
  });

  it('finds the next working day at a time of day', () => {
    expect(iso(nextWorkingDayAt(fri, '09:00', WEEKDAYS, ROME))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(nextWorkingDayAt(utc(2026, 3, 26, 20), '08:30', WEEKDAYS, ROME))).toBe('2026-03-27T07:30:00.000Z');
  });
});

describe('presets', () => {
  describe('"tomorrow 9:00" across DST changes', () => {
    it.each([
      ['Rome spring, made Saturday (7-day week)', ROME, utc(2026, 3, 28, 16), sevenDays, '2026-03-29T07:00:00.000Z'],
      ['Rome spring, made on the change day', ROME, utc(2026, 3, 29, 16), sevenDays, '2026-03-30T07:00:00.000Z'],
      ['Rome spring, made Friday, weekend skipped', ROME, utc(2026, 3, 27, 16), officeWeek, '2026-03-30T07:00:00.000Z'],
      ['Rome autumn, made Saturday (7-day week)', ROME, utc(2026, 10, 24, 16), sevenDays, '2026-10-25T08:00:00.000Z'],
      ['Rome autumn, made on the change day', ROME, utc(2026, 10, 25, 16), sevenDays, '2026-10-26T08:00:00.000Z'],
      [
        'Rome autumn, made Friday, weekend skipped',
        ROME,
        utc(2026, 10, 23, 16),
        officeWeek,
        '2026-10-26T08:00:00.000Z',
      ],
      ['New York spring, made Saturday', NY, utc(2026, 3, 7, 20), sevenDays, '2026-03-08T13:00:00.000Z'],
      ['New York spring, made Friday', NY, utc(2026, 3, 6, 20), officeWeek, '2026-03-09T13:00:00.000Z'],
      ['New York autumn, made Saturday', NY, utc(2026, 10, 31, 20), sevenDays, '2026-11-01T14:00:00.000Z'],
      [
        'New York autumn, made Friday late evening',
        NY,
        utc(2026, 10, 31, 3, 30),
        officeWeek,
        '2026-11-02T14:00:00.000Z',
      ],
    ])('%s', (_label, tz, now, settings, expected) => {
      const due = presetDue('tomorrow-9', now, settings, tz);
      expect(iso(due)).toBe(expected);
      expect(zonedParts(due, tz)).toMatchObject({ hh: 9, mm: 0 });
    });
  });

  it('"later today" is three hours on, rounded to the quarter, capped at 18:00, else the next working day', () => {
    // Fri 27 March, Rome (CET, UTC+1).
    expect(iso(presetDue('later-today', utc(2026, 3, 27, 9, 7), officeWeek, ROME))).toBe('2026-03-27T12:15:00.000Z');
    expect(iso(presetDue('later-today', utc(2026, 3, 27, 9, 0), officeWeek, ROME))).toBe('2026-03-27T12:00:00.000Z');
    expect(iso(presetDue('later-today', utc(2026, 3, 27, 15, 0), officeWeek, ROME))).toBe('2026-03-27T17:00:00.000Z');
    expect(iso(presetDue('later-today', utc(2026, 3, 27, 16, 45), officeWeek, ROME))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(presetDue('later-today', utc(2026, 3, 27, 22, 0), officeWeek, ROME))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(presetDue('later-today', utc(2026, 3, 27, 15, 0), { ...officeWeek, dayEnd: '20:00' }, ROME))).toBe(
      '2026-03-27T18:00:00.000Z',
    );
  });

  it('"in 3 days" counts calendar days and lands on a working day at dayStart', () => {
    const wed = utc(2026, 3, 25, 15); // Wed 16:00 CET → Sat → Mon 30 (CEST)
    expect(iso(presetDue('in-3-days', wed, officeWeek, ROME))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(presetDue('in-3-days', wed, sevenDays, ROME))).toBe('2026-03-28T08:00:00.000Z');
    const mon = utc(2026, 3, 23, 10);
    expect(iso(presetDue('in-3-days', mon, { workingDays: WEEKDAYS, dayStart: '08:30' }, ROME))).toBe(
      '2026-03-26T07:30:00.000Z',
    );
  });

  it('"next week" is next Monday at dayStart, or the first working day after it', () => {
    expect(iso(presetDue('next-week', utc(2026, 3, 25, 15), officeWeek, ROME))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(presetDue('next-week', utc(2026, 3, 23, 15), officeWeek, ROME))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(presetDue('next-week', utc(2026, 3, 29, 15), officeWeek, ROME))).toBe('2026-03-30T07:00:00.000Z');
    expect(
      iso(presetDue('next-week', utc(2026, 3, 25, 15), { ...officeWeek, workingDays: [2, 3, 4, 5, 6] }, ROME)),
    ).toBe('2026-03-31T07:00:00.000Z');
  });
});

describe('settings helpers', () => {
  it('resolves the zone from the setting, then the browser, then UTC', () => {
    expect(resolveTimeZone('', NY)).toBe(NY);
    expect(resolveTimeZone(ROME, NY)).toBe(ROME);
    expect(resolveTimeZone('Not/AZone', NY)).toBe(NY);
    expect(resolveTimeZone('Not/AZone', '')).toBe('UTC');
    expect(isValidTimeZone('Europe/Rome')).toBe(true);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('parses HH:MM, clamping nonsense to a real time', () => {
    expect(parseHhMm('08:30')).toEqual({ hh: 8, mm: 30 });
    expect(parseHhMm('99:99')).toEqual({ hh: 23, mm: 59 });
    expect(parseHhMm('nine')).toEqual({ hh: 9, mm: 0 });
  });
});
