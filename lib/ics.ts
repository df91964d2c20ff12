/**
 * Open follow-ups as an iCalendar (.ics) file, so a rep can see them in the calendar they already
 * use. Built with the `ics` package, which escapes text (commas, semicolons, backslashes,
 * newlines) and folds long lines.
 */
import { createEvents, type EventAttributes } from 'ics';
import { compareFollowUps } from './followups';
import type { FollowUp, FollowUpKind } from './records';

/** How a follow-up kind reads at the start of an event's title. */
export const KIND_LABELS: Record<FollowUpKind, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  message: 'Message',
  'check-in': 'Check-in',
};

/** The follow-up fields the export reads; a full `FollowUp` fits. */
export type IcsFollowUp = Pick<
  FollowUp,
  'id' | 'dueAt' | 'kind' | 'text' | 'status' | 'createdAt' | 'updatedAt' | 'rev'
> &
  Partial<Pick<FollowUp, 'dealId' | 'contactId'>>;

export interface IcsOptions {
  /** The contact's name, for the title (lookups stay with the caller: this module reads no database). */
  contactName?: (id: string) => string | undefined;
  /** The deal's title, for the title when there is no contact, and for the description. */
  dealTitle?: (id: string) => string | undefined;
  /** The export time (DTSTAMP). */
  now: number;
  /** Length of each event in minutes, 15–30 (default 15). */
  durationMinutes?: number;
  /** The calendar's name shown by clients that read X-WR-CALNAME. */
  calName?: string;
}

/** The event title: "Call: Maria Rossi — send the proposal". */
export function followUpTitle(f: IcsFollowUp, opts: Pick<IcsOptions, 'contactName' | 'dealTitle'> = {}): string {
  const who =
    (f.contactId !== undefined ? opts.contactName?.(f.contactId) : undefined) ??
    (f.dealId !== undefined ? opts.dealTitle?.(f.dealId) : undefined);
  const head = who ? `${KIND_LABELS[f.kind]}: ${who}` : KIND_LABELS[f.kind];
  const text = f.text.trim();
  return text ? `${head} — ${text}` : head;
}

// The library escapes SUMMARY and DESCRIPTION of an event but only the newlines of an alarm's
// DESCRIPTION, so the alarm text is escaped here (RFC 5545 §3.3.11).
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/;/g, '\\;').replace(/,/g, '\\,');
}

/**
 * The open follow-ups as an .ics calendar: one VEVENT each (UID `<id>@leadline`, DTSTART in UTC,
 * a 15–30 minute duration, a display alarm at the due time), in due order. Done and cancelled
 * follow-ups are left out; an empty list gives a calendar with no events. Throws if the library
 * refuses an event (it validates every field).
 */
export function followUpsToIcs(followUps: readonly IcsFollowUp[], opts: IcsOptions): string {
  const minutes = Math.min(30, Math.max(15, Math.round(opts.durationMinutes ?? 15)));
  const open = followUps.filter((f) => f.status === 'open').sort(compareFollowUps);
  const events = open.map((f) => {
    const title = followUpTitle(f, opts);
    const details = [
      f.text.trim(),
      f.contactId !== undefined && opts.contactName?.(f.contactId) ? `Contact: ${opts.contactName(f.contactId)}` : '',
      f.dealId !== undefined && opts.dealTitle?.(f.dealId) ? `Deal: ${opts.dealTitle(f.dealId)}` : '',
    ].filter(Boolean);
    // `timestamp` (DTSTAMP) is read by the library but missing from its types; without it the
    // library stamps the export with the machine's clock.
    const event: EventAttributes & { timestamp: number } = {
      uid: `${f.id}@leadline`,
      title,
      start: f.dueAt,
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes },
      timestamp: opts.now,
      created: f.createdAt,
      lastModified: f.updatedAt,
      // A calendar that imports the file again replaces an event whose SEQUENCE went up.
      sequence: Math.max(0, f.rev - 1),
      status: 'CONFIRMED',
      categories: ['Leadline', KIND_LABELS[f.kind]],
      alarms: [{ action: 'display', description: escapeText(title), trigger: f.dueAt }],
    };
    if (details.length) event.description = details.join('\n');
    return event;
  });
  const { error, value } = createEvents(events, {
    productId: '-//Leadline//Follow-ups//EN',
    calName: opts.calName ?? 'Leadline follow-ups',
  });
  if (error || value === null) throw new Error(`Could not build the calendar: ${error?.message ?? 'no output'}`);
  return value;
}
