/**
 * Reschedule a follow-up to any date and time, read and written in the rep's time zone (the
 * one in settings, else the browser's) and kept as an instant. A wall time that does not exist
 * on the day the clocks go forward moves on by the gap (lib/time).
 */
import { useState } from 'preact/hooks';
import { formatDateTime, formatRelative } from '../lib/format';
import { HOUR_MS, instantFromZoned, zonedParts } from '../lib/time';
import { errorText, t } from './i18n';

export interface RescheduleFormProps {
  dueAt: number;
  now: number;
  timeZone: string;
  locale?: string;
  onSave: (dueAt: number) => Promise<unknown>;
  onCancel: () => void;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` and `HH:MM` of an instant on the wall clock of `tz`. */
export function wallClock(instant: number, tz: string): { date: string; time: string } {
  const p = zonedParts(instant, tz);
  return { date: `${String(p.y).padStart(4, '0')}-${pad(p.m)}-${pad(p.d)}`, time: `${pad(p.hh)}:${pad(p.mm)}` };
}

/** The instant a date and time typed in `tz` stand for; `undefined` while they are incomplete. */
export function fromWallClock(date: string, time: string, tz: string): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const [, y, m, day] = d.map(Number) as [number, number, number, number];
  const [, hh, mm] = t.map(Number) as [number, number, number];
  if (m < 1 || m > 12 || day < 1 || day > 31 || hh > 23 || mm > 59) return undefined;
  return instantFromZoned({ y, m, d: day, hh, mm }, tz);
}

export function RescheduleForm({ dueAt, now, timeZone, locale, onSave, onCancel }: RescheduleFormProps) {
  // An overdue follow-up starts from an hour from now, not from a time already past.
  const [value, setValue] = useState(() => wallClock(dueAt > now ? dueAt : now + HOUR_MS, timeZone));
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const instant = fromWallClock(value.date, value.time, timeZone);
  return (
    <form
      class="reschedule"
      aria-label={t('resched.label')}
      onSubmit={(e) => {
        e.preventDefault();
        if (instant === undefined) return;
        setSaving(true);
        onSave(instant).then(
          () => setSaving(false),
          (err: unknown) => {
            setSaving(false);
            setError(errorText(err));
          },
        );
      }}
    >
      <div class="reschedule-fields">
        <label>
          <span>{t('resched.date')}</span>
          <input
            type="date"
            name="dueDate"
            required
            value={value.date}
            onInput={(e) => setValue((v) => ({ ...v, date: e.currentTarget.value }))}
          />
        </label>
        <label>
          <span>{t('resched.time')}</span>
          <input
            type="time"
            name="dueTime"
            required
            value={value.time}
            onInput={(e) => setValue((v) => ({ ...v, time: e.currentTarget.value }))}
          />
        </label>
      </div>
      <p class="muted small" data-testid="reschedule-preview">
        {instant === undefined
          ? t('resched.pick')
          : `${formatDateTime(instant, locale, timeZone)} · ${formatRelative(instant, now, locale)}${
              instant <= now ? ` · ${t('resched.past')}` : ''
            }`}
        <br />
        {t('resched.zone', { zone: timeZone.replace(/_/g, ' ') })}
      </p>
      {error && (
        <p class="error small" role="alert">
          {error}
        </p>
      )}
      <div class="reschedule-actions">
        <button type="submit" class="primary" disabled={instant === undefined || saving}>
          {t('resched.save')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
