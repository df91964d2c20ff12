/**
 * vCard export of a contact, for the rep's address book (Apple Contacts, Outlook, Google).
 * vCard 3.0 (RFC 2426), not 4.0: it is the version every address book still reads.
 *
 * Values are escaped as text values must be (backslash, comma, semicolon, newline), and lines
 * are folded at 75 octets of UTF-8 without cutting a character in two. Pure: no browser APIs.
 * The name and location splitters live here because the CSV export needs the same split.
 */
import type { Company, Contact } from './records';

const CRLF = '\r\n';

/** Particles that belong to the family name: "Ludwig van Beethoven" → family "van Beethoven". */
const PARTICLES = new Set([
  'al',
  'bin',
  'da',
  'dal',
  'de',
  'del',
  'della',
  'der',
  'di',
  'dos',
  'du',
  'el',
  'la',
  'le',
  'st',
  'st.',
  'ten',
  'ter',
  'van',
  'von',
  'zu',
]);

/**
 * A full name split into given and family name for formats that want them apart (vCard `N`,
 * CSV "First Name"/"Last Name"). The last word is the family name, with any lower-case
 * particles before it; one word is a given name alone. A heuristic: names are not all Western.
 */
export function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { first: words[0] ?? '', last: '' };
  let i = words.length - 1;
  while (i > 1 && PARTICLES.has((words[i - 1] ?? '').toLowerCase())) i--;
  return { first: words.slice(0, i).join(' '), last: words.slice(i).join(' ') };
}

/**
 * A location as Leadline keeps it ("Lyon, Auvergne-Rhône-Alpes, France") split into parts for
 * formats that want them apart: three or more parts are city, region, country (extra middle
 * parts go to the region); two are city and country; one is a city.
 */
export function splitLocation(location: string): { city: string; region: string; country: string } {
  const parts = location
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return { city: '', region: '', country: '' };
  if (parts.length === 1) return { city: parts[0] ?? '', region: '', country: '' };
  if (parts.length === 2) return { city: parts[0] ?? '', region: '', country: parts[1] ?? '' };
  return { city: parts[0] ?? '', region: parts.slice(1, -1).join(', '), country: parts.at(-1) ?? '' };
}

/** Escapes a vCard text value: `\` `,` `;` and line breaks (RFC 2426 §5, RFC 6350 §3.4). */
export function escapeVCardText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds one content line so that no physical line exceeds 75 octets (RFC 6350 §3.2): a
 * continuation starts with one space, which counts toward its 75. Cuts fall between code
 * points, never inside a multi-byte UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch);
    if (bytes + n > limit) {
      out.push(current);
      current = ' ';
      bytes = 1;
      limit = 75;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join(CRLF);
}

function utf8Length(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** One contact (and its company, if any) as a vCard 3.0 object, CRLF line endings, folded. */
export function contactToVCard(contact: Contact, company?: Company): string {
  const lines: string[] = ['BEGIN:VCARD', 'VERSION:3.0'];
  const { first, last } = splitName(contact.name);
  lines.push(`FN:${escapeVCardText(contact.name)}`);
  lines.push(`N:${[last, first, '', '', ''].map(escapeVCardText).join(';')}`);
  if (company) lines.push(`ORG:${escapeVCardText(company.name)}`);
  if (contact.jobTitle) lines.push(`TITLE:${escapeVCardText(contact.jobTitle)}`);
  contact.emails.forEach((e, i) => {
    lines.push(`EMAIL;TYPE=INTERNET${i === 0 ? ',PREF' : ''}:${escapeVCardText(e)}`);
  });
  contact.phones.forEach((p, i) => {
    lines.push(`TEL;TYPE=VOICE${i === 0 ? ',PREF' : ''}:${escapeVCardText(p)}`);
  });
  if (contact.location) {
    const { city, region, country } = splitLocation(contact.location);
    // ADR: post office box; extended address; street; locality; region; postal code; country.
    lines.push(`ADR;TYPE=WORK:${['', '', '', city, region, '', country].map(escapeVCardText).join(';')}`);
    lines.push(`LABEL;TYPE=WORK:${escapeVCardText(contact.location)}`);
  }
  // URIs are not text values: RFC 6350 leaves them unescaped. Ours are normalised http(s).
  const website = contact.profiles.website ?? company?.website;
  if (website) lines.push(`URL:${website}`);
  for (const [network, url] of [
    ['linkedin', contact.profiles.linkedin],
    ['twitter', contact.profiles.twitter],
    ['github', contact.profiles.github],
  ] as const) {
    if (!url) continue;
    // Apple's X-SOCIALPROFILE is what address books show as a profile; URL keeps it for the rest.
    lines.push(`X-SOCIALPROFILE;TYPE=${network}:${url}`);
    lines.push(`URL;TYPE=${network}:${url}`);
  }
  if (contact.photoUrl) lines.push(`PHOTO;VALUE=uri:${contact.photoUrl}`);
  if (contact.tags.length) lines.push(`CATEGORIES:${contact.tags.map(escapeVCardText).join(',')}`);
  lines.push(`UID:${escapeVCardText(contact.id)}`);
  lines.push(`REV:${new Date(contact.updatedAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** Several contacts as one `.vcf` file: their vCards one after another. */
export function contactsToVCards(contacts: readonly Contact[], companiesById: ReadonlyMap<string, Company>): string {
  return contacts.map((c) => contactToVCard(c, c.companyId ? companiesById.get(c.companyId) : undefined)).join('');
}
