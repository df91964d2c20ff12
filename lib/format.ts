/**
 * Dates, numbers and money for people, through `Intl` (so the rep's language and region
 * decide the form). Formatters are cached: creating one costs far more than using it.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** "€12,000" — whole units unless the value has cents; a bad currency code falls back to a plain number. */
export function formatMoney(value: number, currency: string, locale?: string): string {
  const cents = Math.round(value * 100) % 100 !== 0;
  try {
    return cached(
      `m|${locale}|${currency}|${cents}`,
      () => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: cents ? 2 : 0 }),
    ).format(value);
  } catch {
    return `${formatNumber(value, locale)} ${currency}`;
  }
}

/** "€12K" for tight places such as column headers. */
export function formatMoneyShort(value: number, currency: string, locale?: string): string {
  try {
    return cached(
      `ms|${locale}|${currency}`,
      () =>
        new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }),
    ).format(value);
  } catch {
    return `${formatNumber(value, locale)} ${currency}`;
  }
}

export function formatNumber(value: number, locale?: string, maximumFractionDigits = 0): string {
  return cached(
    `n|${locale}|${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits }),
  ).format(value);
}

export function formatPercent(ratio: number, locale?: string): string {
  return cached(
    `p|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
  ).format(ratio);
}

/** "Tue 24 Nov, 09:00" in the rep's time zone. */
export function formatDateTime(instant: number, locale?: string, timeZone?: string): string {
  return cached(
    `dt|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: timeZone || undefined,
      }),
  ).format(instant);
}

export function formatDate(instant: number, locale?: string, timeZone?: string): string {
  return cached(
    `d|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: timeZone || undefined,
      }),
  ).format(instant);
}

/** "in 3 days", "2 hours ago" relative to `now`. */
export function formatRelative(instant: number, now: number, locale?: string): string {
  const rtf = cached(`r|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const diff = instant - now;
  const abs = Math.abs(diff);
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;
  if (abs < HOUR) return rtf.format(Math.round(diff / MIN), 'minute');
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
  if (abs < 30 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  if (abs < 365 * DAY) return rtf.format(Math.round(diff / (30 * DAY)), 'month');
  return rtf.format(Math.round(diff / (365 * DAY)), 'year');
}

/**
 * The locale dates, numbers and money are formatted in: the browser's UI language (`en-GB`,
 * `it-IT`) when the messages are in that language, else the messages' own language, so words
 * and figures never mix two languages (a German browser gets English messages and English
 * figures, since Leadline has no German).
 */
export function pickLocale(uiLanguage: string, messagesLanguage: string): string {
  const ui = uiLanguage.replace(/_/g, '-');
  if (ui.split('-')[0]?.toLowerCase() !== messagesLanguage.toLowerCase()) return messagesLanguage;
  try {
    return Intl.getCanonicalLocales(ui)[0] ?? messagesLanguage;
  } catch {
    return messagesLanguage;
  }
}
