import { describe, expect, it } from 'vitest';
import { companySchema, contactSchema } from '../../lib/records';
import { contactsToVCards, contactToVCard, escapeVCardText, foldLine, splitLocation, splitName } from '../../lib/vcard';

const NOW = Date.UTC(2024, 4, 1, 12, 30, 15, 123);
const base = { createdAt: NOW, updatedAt: NOW, rev: 1 };

/** Undoes folding (RFC 6350 §3.2): a CRLF followed by one space joins the lines. */
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('escaping and folding', () => {
  it('escapes backslashes, commas, semicolons and line breaks', () => {
    expect(escapeVCardText('a\\b,c;d\ne\r\nf')).toBe('a\\\\b\\,c\\;d\\ne\\nf');
  });

  it('folds at 75 octets, continuation lines start with a space, and unfolds to the original', () => {
    const line = `NOTE:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.map((p) => p.length)).toEqual([75, 75, 57]);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(line);
  });

  it('never cuts a multi-byte character, counting octets not characters', () => {
    const line = `FN:${'é'.repeat(50)}${'😀'.repeat(20)}`;
    const folded = foldLine(line);
    const enc = new TextEncoder();
    for (const part of folded.split('\r\n')) {
      expect(enc.encode(part).length).toBeLessThanOrEqual(75);
      expect(part).not.toMatch(/\uFFFD/);
    }
    // 'FN:' (3) + 36 × 'é' (72) = 75 octets on the first line.
    expect(folded.split('\r\n')[0]).toBe(`FN:${'é'.repeat(36)}`);
    expect(unfold(folded)).toBe(line);
  });

  it('leaves a short line alone', () => {
    expect(foldLine('FN:Ada')).toBe('FN:Ada');
  });
});

describe('name and location splits', () => {
  it.each([
    ['Ada Lovelace', 'Ada', 'Lovelace'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Mary Jane Watson', 'Mary Jane', 'Watson'],
    ['Cher', 'Cher', ''],
  ])('splitName(%s)', (name, first, last) => {
    expect(splitName(name)).toEqual({ first, last });
  });
  it('splits a location into city, region, country', () => {
    expect(splitLocation('Lyon, Auvergne-Rhône-Alpes, France')).toEqual({
      city: 'Lyon',
      region: 'Auvergne-Rhône-Alpes',
      country: 'France',
    });
    expect(splitLocation('Bonn, Germany')).toEqual({ city: 'Bonn', region: '', country: 'Germany' });
  });
});

describe('contactToVCard', () => {
  const company = companySchema.parse({
    ...base,
    id: 'co1',
    name: 'Smith; Jones, & Co',
    website: 'https://sj.example.com',
  });
  const contact = contactSchema.parse({
    ...base,
    id: '4b1c1a2e-0000-4000-8000-000000000001',
    name: 'Ludwig van Beethoven',
    jobTitle: 'Composer, pianist; \\ genius',
    emails: ['ludwig@example.com', 'lvb@example.org'],
    phones: ['+49 30 123456'],
    location: 'Bonn, NRW, Germany',
    tags: ['vip', 'a,b'],
    profiles: { linkedin: 'https://www.linkedin.com/in/lvb' },
    companyId: 'co1',
  });
  const card = contactToVCard(contact, company);
  const lines = unfold(card).split('\r\n');

  it('writes a vCard 3.0 with CRLF line ends', () => {
    expect(lines[0]).toBe('BEGIN:VCARD');
    expect(lines[1]).toBe('VERSION:3.0');
    expect(lines.at(-2)).toBe('END:VCARD');
    expect(card.endsWith('END:VCARD\r\n')).toBe(true);
    expect(card.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes the properties, escaped', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'FN:Ludwig van Beethoven',
        'N:van Beethoven;Ludwig;;;',
        'ORG:Smith\\; Jones\\, & Co',
        'TITLE:Composer\\, pianist\\; \\\\ genius',
        'EMAIL;TYPE=INTERNET,PREF:ludwig@example.com',
        'EMAIL;TYPE=INTERNET:lvb@example.org',
        'TEL;TYPE=VOICE,PREF:+4930123456',
        'ADR;TYPE=WORK:;;;Bonn;NRW;;Germany',
        'LABEL;TYPE=WORK:Bonn\\, NRW\\, Germany',
        'URL:https://sj.example.com/',
        'X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/lvb',
        'CATEGORIES:vip,a\\,b',
        'UID:4b1c1a2e-0000-4000-8000-000000000001',
        'REV:2024-05-01T12:30:15Z',
      ]),
    );
  });

  it('folds every physical line to 75 octets', () => {
    const long = contactSchema.parse({ ...base, id: 'x', name: 'N', jobTitle: 'Ü'.repeat(120) });
    const text = contactToVCard(long);
    const enc = new TextEncoder();
    for (const line of text.split('\r\n')) expect(enc.encode(line).length).toBeLessThanOrEqual(75);
    expect(unfold(text)).toContain(`TITLE:${'Ü'.repeat(120)}`);
    expect(text).not.toContain('ORG:');
  });

  it('joins several contacts into one file', () => {
    const other = contactSchema.parse({ ...base, id: 'y', name: 'Clara Schumann' });
    const text = contactsToVCards([contact, other], new Map([[company.id, company]]));
    expect(text.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect(text).toContain('ORG:Smith\\; Jones\\, & Co');
    expect(text).toContain('N:Schumann;Clara;;;');
  });
});
