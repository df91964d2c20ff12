/**
 * Periods for the metrics: half-open ranges of instants `[start, end)`, cut on calendar
 * boundaries in the rep's time zone, and the quota that applies to each.
 */
import type { Settings } from '../records';

/** One day in milliseconds; day counts in the metrics are this, fractional (no DST fuss). */
export const DAY = 86_400_000;

/**
 * A reporting period: `[start, end)` in ms since the epoch.
 *
 * - `label` names it for people and exports: `2026-07`, `2026-Q3`, `2026`, or for a custom range
 *   `2026-01-15/2026-02-15` (ISO interval; the end date is exclusive, like `end`).
 * - `months` lists the calendar months (`YYYY-MM`) that lie wholly inside the period, in order;
 *   {@link quotaFor} sums quotas over them.
 */
export interface Period {
  start: number;
  end: number;
  label: string;
  months: string[];
}

export type PeriodUnit = 'month' | 'quarter' | 'year';

interface YMD {
  year: number;
  month: number; // 1–12
  day: number;
}

// Intl formatters are costly to build, and a period helper may be called per render.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what the caller should see.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz || undefined,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone (`''` = the runtime's own zone). */
function zonedFields(ms: number, tz: string): YMD & { hour: number; minute: number; second: number } {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(tz).formatToParts(ms)) {
    if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  }
  return out;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffset(ms: number, tz: string): number {
  const f = zonedFields(ms, tz);
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant a local calendar day begins in a zone (month may overflow; Date.UTC normalises it). */
export function startOfLocalDay(year: number, month: number, day: number, tz: string): number {
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - zoneOffset(guess, tz);
  // Re-check at the candidate: across a DST change the offset there can differ from the guess's.
  const second = guess - zoneOffset(first, tz);
  return second;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const monthKey = (year: number, month: number) => `${pad(year, 4)}-${pad(month)}`;

/** The local calendar date of an instant in a zone, as `YYYY-MM-DD`. */
export function localDate(ms: number, tz: string): string {
  const f = zonedFields(ms, tz);
  return `${monthKey(f.year, f.month)}-${pad(f.day)}`;
}

/**
 * The calendar month, quarter or year around `now` in time zone `tz` (IANA name; `''` means the
 * runtime's zone). `shift` moves by whole units: `-1` is the previous month/quarter/year.
 * Throws RangeError for an unknown time zone.
 */
export function periodOf(unit: PeriodUnit, now: number, tz: string, shift = 0): Period {
  const f = zonedFields(now, tz);
  const span = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
  // Months since year 0, snapped to the unit's first month, then shifted.
  const index = f.year * 12 + (f.month - 1);
  const first = index - (index % span) + shift * span;
  const year = Math.floor(first / 12);
  const month0 = first - year * 12;
  const months: string[] = [];
  for (let i = 0; i < span; i++) {
    const m = first + i;
    months.push(monthKey(Math.floor(m / 12), (m % 12) + 1));
  }
  const label =
    unit === 'month'
      ? monthKey(year, month0 + 1)
      : unit === 'quarter'
        ? `${pad(year, 4)}-Q${month0 / 3 + 1}`
        : pad(year, 4);
  return {
    start: startOfLocalDay(year, month0 + 1, 1, tz),
    end: startOfLocalDay(year, month0 + 1 + span, 1, tz),
    label,
    months,
  };
}

/**
 * A custom period `[start, end)`; `months` are the calendar months (in `tz`) wholly inside it,
 * so a quota applies only to months the range covers entirely.
 */
export function customPeriod(start: number, end: number, tz: string): Period {
  const months: string[] = [];
  if (end > start) {
    const f = zonedFields(start, tz);
    let m = f.year * 12 + (f.month - 1);
    for (;;) {
      const y = Math.floor(m / 12);
      const mStart = startOfLocalDay(y, (m % 12) + 1, 1, tz);
      if (mStart >= end) break;
      const mEnd = startOfLocalDay(y, (m % 12) + 2, 1, tz);
      if (mStart >= start && mEnd <= end) months.push(monthKey(y, (m % 12) + 1));
      m++;
    }
  }
  return { start, end, label: `${localDate(start, tz)}/${localDate(end, tz)}`, months };
}

/**
 * The quota for a period, or `null` when no quota entry covers any part of it.
 *
 * The period's whole months are covered greedily by the largest calendar unit that fits:
 * a whole year (Jan–Dec all inside) uses its `YYYY` entry, else a whole quarter its `YYYY-Qn`
 * entry, else the month its `YYYY-MM` entry. A year without an entry falls back to its quarters,
 * and a quarter without one to its months, summing what is there. Larger quotas are never split
 * down to smaller units (a month inside a yearly quota alone has no quota): ramps are rarely even.
 * Parts with no entry add nothing; if no part has an entry the result is `null`.
 * Duplicate entries for one period: the first wins.
 */
export function quotaFor(period: Pick<Period, 'months'>, settings: Pick<Settings, 'quotas'>): number | null {
  const byPeriod = new Map<string, number>();
  for (const q of settings.quotas) if (!byPeriod.has(q.period)) byPeriod.set(q.period, q.amount);
  const inside = new Set(period.months);
  let total = 0;
  let found = false;

  const month = (key: string): void => {
    const a = byPeriod.get(key);
    if (a !== undefined) {
      total += a;
      found = true;
    }
  };
  const quarter = (year: string, q: number): void => {
    const a = byPeriod.get(`${year}-Q${q}`);
    if (a !== undefined) {
      total += a;
      found = true;
      return;
    }
    for (let i = 1; i <= 3; i++) month(`${year}-${pad((q - 1) * 3 + i)}`);
  };

  const done = new Set<string>();
  for (const key of period.months) {
    if (done.has(key)) continue;
    const year = key.slice(0, 4);
    const m = Number(key.slice(5, 7));
    const yearMonths = Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
    if (m === 1 && yearMonths.every((k) => inside.has(k))) {
      for (const k of yearMonths) done.add(k);
      const a = byPeriod.get(year);
      if (a !== undefined) {
        total += a;
        found = true;
      } else for (let q = 1; q <= 4; q++) quarter(year, q);
      continue;
    }
    const q = Math.floor((m - 1) / 3) + 1;
    const qMonths = [1, 2, 3].map((i) => `${year}-${pad((q - 1) * 3 + i)}`);
    if (m === (q - 1) * 3 + 1 && qMonths.every((k) => inside.has(k))) {
      for (const k of qMonths) done.add(k);
      quarter(year, q);
      continue;
    }
    done.add(key);
    month(key);
  }
  return found ? total : null;
}
