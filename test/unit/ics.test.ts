import { describe, expect, it } from 'vitest';
import { followUpsToIcs, followUpTitle } from '../../lib/ics';
import { type FollowUp, followUpSchema } from '../../lib/records';

const utc = (y: number, m: number, d: number, hh = 0, mm = 0) => Date.UTC(y, m - 1, d, hh, mm);
const NOW = utc(2026, 3, 20, 10);

function fu(id: string, dueAt: number, extra: Partial<FollowUp> = {}): FollowUp {
  return followUpSchema.parse({ id, createdAt: NOW - 1_000, updatedAt: NOW, rev: 1, dueAt, ...extra });
}

const names: Record<string, string> = { c1: 'Maria Rossi', c2: 'Jan Novák' };
const deals: Record<string, string> = { d1: 'Acme, renewal; 2026', d9: 'Orphan deal' };
const opts = { now: NOW, contactName: (id: string) => names[id], dealTitle: (id: string) => deals[id] };

/** A small reader of what we write: unfolds lines and splits components into property maps. */
function parseIcs(text: string) {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  const events: Array<Record<string, string>> = [];
  const alarms: Array<Record<string, string>> = [];
  const stack: string[] = [];
  let current: Record<string, string> = {};
  for (const line of lines) {
    if (!line) continue;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      current = {};
      if (value === 'VEVENT') events.push(current);
      if (value === 'VALARM') alarms.push(current);
    } else if (name === 'END') {
      expect(stack.pop()).toBe(value);
      current = events.at(-1) ?? {};
    } else {
      current[name] = unescapeText(value);
    }
  }
  expect(stack).toEqual([]);
  return { lines, events, alarms };
}

describe('followUpsToIcs', () => {
  it('writes one VEVENT per open follow-up with its UID, UTC start, duration and alarm', () => {
    const list = [
      fu('f2', utc(2026, 3, 30, 7), { contactId: 'c1', dealId: 'd1', text: 'Send the proposal' }),
      fu('f1', utc(2026, 3, 29, 1, 30), { kind: 'email', dealId: 'd1' }),
      fu('f3', utc(2026, 3, 21, 14), { status: 'done' }),
      fu('f4', utc(2026, 4, 2, 16, 45), { kind: 'check-in', contactId: 'c2', rev: 4 }),
      fu('f5', utc(2026, 4, 3, 9), { status: 'cancelled' }),
    ];
    const text = followUpsToIcs(list, opts);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const { events, alarms, lines } = parseIcs(text);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(events.map((e) => e.UID)).toEqual(['f1@leadline', 'f2@leadline', 'f4@leadline']);
    expect(events.map((e) => e.DTSTART)).toEqual(['20260329T013000Z', '20260330T070000Z', '20260402T164500Z']);
    expect(events.map((e) => e.DURATION)).toEqual(['PT15M', 'PT15M', 'PT15M']);
    expect(events.map((e) => e.DTSTAMP)).toEqual(Array(3).fill('20260320T100000Z'));
    expect(events.map((e) => e.SEQUENCE)).toEqual(['0', '0', '3']);
    expect(events.map((e) => e.SUMMARY)).toEqual([
      'Email: Acme, renewal; 2026',
      'Call: Maria Rossi — Send the proposal',
      'Check-in: Jan Novák',
    ]);
    expect(events[1]?.DESCRIPTION).toBe('Send the proposal\nContact: Maria Rossi\nDeal: Acme, renewal; 2026');
    expect(alarms).toHaveLength(3);
    expect(alarms.map((a) => a['TRIGGER;VALUE=DATE-TIME'])).toEqual(events.map((e) => e.DTSTART));
    expect(alarms.map((a) => a.ACTION)).toEqual(['DISPLAY', 'DISPLAY', 'DISPLAY']);
    expect(alarms[1]?.DESCRIPTION).toBe('Call: Maria Rossi — Send the proposal');
  });

  it('gives a valid calendar with no events for an empty list', () => {
    const text = followUpsToIcs([], opts);
    const { events, lines } = parseIcs(text);
    expect(events).toEqual([]);
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('PRODID:-//Leadline//Follow-ups//EN');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
  });

  it('escapes commas, semicolons, backslashes and newlines, and folds long lines', () => {
    const awkward = 'Price, terms; scope\nthen C:\\path and more words to make this line long enough to fold';
    const text = followUpsToIcs([fu('f1', utc(2026, 5, 1, 8), { contactId: 'c1', text: awkward })], opts);
    // The schema cleans the text (one line); the export must keep what it holds.
    const held = fu('x', 0, { text: awkward }).text;
    expect(text).toContain('Price\\, terms\\; scope');
    expect(text).toMatch(/\r\n[ \t]/); // a folded line
    for (const line of text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(75);
    const { events, alarms } = parseIcs(text);
    expect(events[0]?.SUMMARY).toBe(`Call: Maria Rossi — ${held}`);
    expect(alarms[0]?.DESCRIPTION).toBe(`Call: Maria Rossi — ${held}`);
    // Raw newlines inside a value would break the format: every line is a property or a fold.
    const raw = followUpsToIcs([{ ...fu('f2', utc(2026, 5, 1, 8)), text: 'line one\nline two, three' }], opts);
    const parsed = parseIcs(raw);
    expect(parsed.events[0]?.SUMMARY).toBe('Call — line one\nline two, three');
    expect(parsed.alarms[0]?.DESCRIPTION).toBe('Call — line one\nline two, three');
  });

  it('clamps the duration to 15–30 minutes', () => {
    const one = [fu('f1', utc(2026, 5, 1, 8))];
    expect(parseIcs(followUpsToIcs(one, { ...opts, durationMinutes: 60 })).events[0]?.DURATION).toBe('PT30M');
    expect(parseIcs(followUpsToIcs(one, { ...opts, durationMinutes: 5 })).events[0]?.DURATION).toBe('PT15M');
    expect(parseIcs(followUpsToIcs(one, { ...opts, durationMinutes: 20 })).events[0]?.DURATION).toBe('PT20M');
  });
});

describe('followUpTitle', () => {
  it('prefers the contact, falls back to the deal, then the kind alone', () => {
    expect(followUpTitle(fu('a', 0, { contactId: 'c1', dealId: 'd1', text: 'hi' }), opts)).toBe(
      'Call: Maria Rossi — hi',
    );
    expect(followUpTitle(fu('a', 0, { contactId: 'zz', dealId: 'd9', kind: 'meeting' }), opts)).toBe(
      'Meeting: Orphan deal',
    );
    expect(followUpTitle(fu('a', 0, { kind: 'message', text: 'ping' }))).toBe('Message — ping');
  });
});
