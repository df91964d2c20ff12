/**
 * Wall-clock arithmetic in an IANA time zone, with nothing but `Intl.DateTimeFormat`.
 *
 * Instants are ms since the epoch; a wall-clock time is what a clock on the rep's wall shows in
 * their zone. Days are stepped on the calendar (year, month, day) and turned into an instant once,
 * at the end, so "tomorrow 9:00" is 9:00 even when the night in between is 23 or 25 hours long.
 *
 * DST rule (the same as Temporal's `disambiguation: 'compatible'`): a wall time that does not
 * exist (the clock jumps from 02:00 to 03:00, so 02:30 never happens) moves forward by the length
 * of the gap (02:30 → 03:30); a wall time that happens twice (03:00 → 02:00, so 02:30 is seen
 * twice) takes the earlier of the two instants.
 *
 * Nothing here reads the clock or the browser's zone: `now` and `tz` are always arguments.
 */

/** ms in one minute, hour and (24-hour) day. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A wall-clock reading: month 1–12, ISO weekday 1 = Monday … 7 = Sunday. */
export interface ZonedParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** A wall-clock time to turn into an instant. Out-of-range fields roll over (`d: 32` is the next month). */
export interface ZonedInput {
  y: number;
  m: number;
  d: number;
  hh?: number;
  mm?: number;
  ss?: number;
  ms?: number;
}

// One formatter per zone: building one costs far more than formatting with it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when `tz` is an IANA zone name this engine knows. */
export function isValidTimeZone(tz: string): boolean {
  if (!tz) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone to compute in: the rep's setting when it is a valid zone, else the browser's
 * (the caller passes `Intl.DateTimeFormat().resolvedOptions().timeZone`), else UTC.
 */
export function resolveTimeZone(setting: string, browserZone: string): string {
  if (isValidTimeZone(setting)) return setting;
  if (isValidTimeZone(browserZone)) return browserZone;
  return 'UTC';
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(y: number, m: number, d: number): number {
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** What the wall clock shows in `tz` at `instant`. */
export function zonedParts(instant: number, tz: string): ZonedParts {
  const parts = formatterFor(tz).formatToParts(new Date(instant));
  let y = 0;
  let m = 0;
  let d = 0;
  let hh = 0;
  let mm = 0;
  let ss = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        m = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        // Some older engines print midnight as 24 even with h23.
        hh = Number(p.value) % 24;
        break;
      case 'minute':
        mm = Number(p.value);
        break;
      case 'second':
        ss = Number(p.value);
        break;
      case 'era':
        bc = p.value === 'BC' || p.value === 'B';
        break;
    }
  }
  if (bc) y = 1 - y;
  return { y, m, d, hh, mm, ss, weekday: isoWeekday(y, m, d) };
}

/** The wall clock's reading read as if it were UTC, in ms (for offset arithmetic). */
function wallAsUtc(p: ZonedInput): number {
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  t.setUTCFullYear(p.y, p.m - 1, p.d);
  t.setUTCHours(p.hh ?? 0, p.mm ?? 0, p.ss ?? 0, p.ms ?? 0);
  return t.getTime();
}

/** The zone's offset from UTC at `instant`, in ms (Rome in summer: +2 h). */
export function offsetAt(instant: number, tz: string): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return wallAsUtc(zonedParts(whole, tz)) - whole;
}

/**
 * The instant at which the wall clock in `tz` shows the given time.
 * A time in a DST gap moves forward by the gap; a time shown twice takes the earlier instant.
 */
export function instantFromZoned(p: ZonedInput, tz: string): number {
  const local = wallAsUtc(p);
  // No zone changes its offset twice within a day, so the offsets half a day either side are the
  // only candidates: the one before a transition and the one after it.
  const before = offsetAt(local - 12 * HOUR_MS, tz);
  const after = offsetAt(local + 12 * HOUR_MS, tz);
  // The common case: no change nearby, so the wall time exists exactly once.
  if (before === after) return local - before;
  const candidates = [local - before, local - after].sort((a, b) => a - b);
  for (const t of candidates) {
    if (t + offsetAt(t, tz) === local) return t;
  }
  // In a gap: read the wall time with the offset in force before the jump, which lands after it,
  // later by the size of the gap (02:30 in a 02:00 → 03:00 jump becomes 03:30).
  return local - before;
}

/** Parses `'HH:MM'` into hours and minutes, clamped to a real time of day (bad input → 09:00). */
export function parseHhMm(hhmm: string): { hh: number; mm: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return { hh: 9, mm: 0 };
  return { hh: Math.min(23, Number(m[1])), mm: Math.min(59, Number(m[2])) };
}

/** The calendar date `n` days after the given one (negative goes back). */
function shiftDate(y: number, m: number, d: number, n: number): { y: number; m: number; d: number } {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d + n);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** `n` calendar days later (or earlier) at the same wall-clock time. */
export function addDays(instant: number, n: number, tz: string): number {
  const p = zonedParts(instant, tz);
  const ms = ((instant % 1000) + 1000) % 1000;
  return instantFromZoned({ ...shiftDate(p.y, p.m, p.d, n), hh: p.hh, mm: p.mm, ss: p.ss, ms }, tz);
}

/** The first instant of the local day that holds `instant` (midnight, or later if midnight was skipped). */
export function startOfDay(instant: number, tz: string): number {
  const p = zonedParts(instant, tz);
  return instantFromZoned({ y: p.y, m: p.m, d: p.d }, tz);
}

/** The first instant of the next local day. */
export function startOfNextDay(instant: number, tz: string): number {
  const p = zonedParts(instant, tz);
  return instantFromZoned(shiftDate(p.y, p.m, p.d, 1), tz);
}

/** The local date of `instant` as `YYYY-MM-DD`. */
export function dateKey(instant: number, tz: string): string {
  const p = zonedParts(instant, tz);
  const yyyy = p.y < 0 ? `-${String(-p.y).padStart(4, '0')}` : String(p.y).padStart(4, '0');
  return `${yyyy}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

// An empty list of working days cannot come through the settings schema; treat it as every day
// rather than loop for ever.
function workingSet(workingDays: readonly number[]): ReadonlySet<number> {
  const s = new Set(workingDays.filter((w) => w >= 1 && w <= 7));
  return s.size ? s : new Set([1, 2, 3, 4, 5, 6, 7]);
}

/** True when the local day of `instant` is one of `workingDays` (ISO weekdays). */
export function isWorkingDay(instant: number, workingDays: readonly number[], tz: string): boolean {
  return workingSet(workingDays).has(zonedParts(instant, tz).weekday);
}

/**
 * `n` working days later, at the same wall-clock time. Non-working days are not counted:
 * 1 working day after a Friday (Mon–Fri week) is Monday, after a Saturday also Monday.
 * `n = 0` gives the instant itself on a working day, else the next working day at the same time.
 * Negative `n` counts backwards.
 */
export function addWorkingDays(instant: number, n: number, workingDays: readonly number[], tz: string): number {
  const work = workingSet(workingDays);
  const p = zonedParts(instant, tz);
  let date = { y: p.y, m: p.m, d: p.d };
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(Math.trunc(n));
  if (left === 0) {
    while (!work.has(isoWeekday(date.y, date.m, date.d))) date = shiftDate(date.y, date.m, date.d, 1);
  }
  while (left > 0) {
    date = shiftDate(date.y, date.m, date.d, step);
    if (work.has(isoWeekday(date.y, date.m, date.d))) left--;
  }
  if (date.y === p.y && date.m === p.m && date.d === p.d) return instant;
  const ms = ((instant % 1000) + 1000) % 1000;
  return instantFromZoned({ ...date, hh: p.hh, mm: p.mm, ss: p.ss, ms }, tz);
}

/**
 * The first working day strictly after the local day of `instant`, at `hhmm`
 * ("next working day 9:00"): from a Friday or a Saturday it is Monday.
 */
export function nextWorkingDayAt(instant: number, hhmm: string, workingDays: readonly number[], tz: string): number {
  const work = workingSet(workingDays);
  const p = zonedParts(instant, tz);
  let date = shiftDate(p.y, p.m, p.d, 1);
  while (!work.has(isoWeekday(date.y, date.m, date.d))) date = shiftDate(date.y, date.m, date.d, 1);
  return instantFromZoned({ ...date, ...parseHhMm(hhmm) }, tz);
}

/**
 * The local day `days` calendar days after `instant`'s day, at `hhmm`, moved forward to the first
 * working day on or after it. Used by presets and cadences that count calendar days.
 */
export function calendarDaysAt(
  instant: number,
  days: number,
  hhmm: string,
  workingDays: readonly number[],
  tz: string,
): number {
  const work = workingSet(workingDays);
  const p = zonedParts(instant, tz);
  let date = shiftDate(p.y, p.m, p.d, days);
  while (!work.has(isoWeekday(date.y, date.m, date.d))) date = shiftDate(date.y, date.m, date.d, 1);
  return instantFromZoned({ ...date, ...parseHhMm(hhmm) }, tz);
}

/** The quick choices a rep clicks when setting or snoozing a follow-up. */
export const PRESETS = ['later-today', 'tomorrow-9', 'in-3-days', 'next-week'] as const;
export type Preset = (typeof PRESETS)[number];

/** The part of Settings the presets need. */
export interface PresetSettings {
  workingDays: readonly number[];
  /** `HH:MM`, when the rep's working day starts. */
  dayStart: string;
  /** `HH:MM`, the latest "later today" may be; {@link DAY_END} when absent. */
  dayEnd?: string;
}

/** The end of a working day for "later today" (there is no setting for it yet). */
export const DAY_END = '18:00';
/** How far ahead "later today" looks. */
export const LATER_TODAY_MS = 3 * HOUR_MS;
/** "Later today" is not offered for less than this before the end of the day. */
const LATER_TODAY_MIN_MS = 30 * MINUTE_MS;

/** Rounds up to the next quarter hour of the wall clock (zones are whole quarter hours off UTC). */
function ceilQuarterHour(instant: number): number {
  const q = 15 * MINUTE_MS;
  return Math.ceil(instant / q) * q;
}

/**
 * The due instant for a preset:
 * - `later-today`: now + 3 h, rounded up to the quarter hour, but no later than the day's end
 *   (18:00); if less than 30 minutes of the day are left (or the day is over), the next working
 *   day at `dayStart` instead. It ignores whether today is a working day: the rep is at work now.
 * - `tomorrow-9`: the next working day at `dayStart` (from a Friday: Monday), 9:00 local even
 *   across a DST change.
 * - `in-3-days`: three calendar days on, at `dayStart`, moved forward to a working day.
 * - `next-week`: next week's Monday at `dayStart`, or the first working day after it.
 */
export function presetDue(preset: Preset, now: number, settings: PresetSettings, tz: string): number {
  switch (preset) {
    case 'later-today': {
      const p = zonedParts(now, tz);
      const end = instantFromZoned({ y: p.y, m: p.m, d: p.d, ...parseHhMm(settings.dayEnd ?? DAY_END) }, tz);
      const candidate = ceilQuarterHour(now + LATER_TODAY_MS);
      if (candidate <= end) return candidate;
      if (end - now >= LATER_TODAY_MIN_MS) return end;
      return nextWorkingDayAt(now, settings.dayStart, settings.workingDays, tz);
    }
    case 'tomorrow-9':
      return nextWorkingDayAt(now, settings.dayStart, settings.workingDays, tz);
    case 'in-3-days':
      return calendarDaysAt(now, 3, settings.dayStart, settings.workingDays, tz);
    case 'next-week': {
      const w = zonedParts(now, tz).weekday;
      return calendarDaysAt(now, 8 - w, settings.dayStart, settings.workingDays, tz);
    }
  }
}
