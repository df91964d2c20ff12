/**
 * Generic contact details: `mailto:`/`tel:` links, Cloudflare-protected and obfuscated emails
 * ("name [at] domain [dot] com"), labelled phones in visible text, social profile links, and
 * postal addresses in `<address>` blocks. All scanning is linear and on capped text.
 */
import { queryAll, textLines } from './dom';
import { CAPS, clean, type Network, pushUnique, safeEmail, safePhone, safeUrl, socialProfile } from './util';

/** What the links and text of a page offer, before deciding whose it is. */
export interface Contacts {
  emails: string[];
  phones: string[];
  /** Profile links by network, in page order; `me` marks `rel=me` links. */
  social: Array<{ network: Network; url: string; me: boolean }>;
  /** Other links, for website guesses: href and the link's text. */
  links: Array<{ href: string; text: string; me: boolean }>;
}

const CONTACT_CAP = 30;

/** Email, phone and profile links of the page (capped). */
export function readLinks(doc: Document, base: string): Contacts {
  const out: Contacts = { emails: [], phones: [], social: [], links: [] };
  const emails: string[] = [];
  const phones: string[] = [];
  for (const a of queryAll(doc, 'a[href],link[rel~="me" i][href]', 3000)) {
    const raw = (a.getAttribute('href') ?? '').trim();
    const me = /(^|\s)me(\s|$)/i.test(a.getAttribute('rel') ?? '');
    if (/^mailto:/i.test(raw)) {
      for (const part of raw.slice(7).split('?')[0]!.split(',')) pushUnique(emails, safeEmail(part));
      continue;
    }
    if (/^tel:/i.test(raw)) {
      // The phone as written in the link's text when it is one, else the tel: value.
      const text = (a.textContent ?? '').trim();
      pushUnique(phones, safePhone(text) ?? safePhone(raw), true);
      continue;
    }
    const href = safeUrl(raw, base);
    if (!href) continue;
    const s = socialProfile(href);
    if (s) {
      if (out.social.length < CONTACT_CAP && !out.social.some((x) => x.url.toLowerCase() === s.url.toLowerCase()))
        out.social.push({ ...s, me });
    } else if (out.links.length < 500) out.links.push({ href, text: clean(a.textContent ?? '', 100) ?? '', me });
  }
  // Cloudflare's email protection: the first byte is the XOR key of the rest.
  for (const el of queryAll(doc, '[data-cfemail]', 50))
    pushUnique(emails, safeEmail(decodeCf(el.getAttribute('data-cfemail') ?? '')));
  out.emails = emails;
  out.phones = phones;
  return out;
}

function decodeCf(hex: string): string {
  if (!/^[0-9a-f]{4,400}$/i.test(hex)) return '';
  const key = Number.parseInt(hex.slice(0, 2), 16);
  let s = '';
  for (let i = 2; i + 1 < hex.length; i += 2) s += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16) ^ key);
  return s;
}

/** "jane [at] acme [dot] com", "jane(at)acme.com", "jane at acme dot com" → "jane@acme.com". */
export function deobfuscate(text: string): string {
  return text
    .replace(/\s?[[({<]\s?(?:at|@|ät)\s?[\])}>]\s?/gi, '@')
    .replace(/\s?[[({<]\s?(?:dot|punkt|\.)\s?[\])}>]\s?/gi, '.')
    .replace(/\b([\w.+-]{1,64}) at ([\w-]{1,63}(?: dot [\w-]{1,63}){1,4})\b/gi, (m, user: string, dom: string) =>
      / dot /i.test(dom) ? `${user}@${dom.replace(/ dot /gi, '.')}` : m,
    );
}

/** Emails written in the text (after undoing the common obfuscations). */
export function textEmails(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (out.length >= CAPS.list) break;
    if (!/@|\bat\b|\(at\)|\[at\]/i.test(line)) continue;
    const text = deobfuscate(line.slice(0, 1000));
    for (const token of text.split(/[\s<>()[\]{},;:"'|]+/)) {
      if (token.includes('@')) pushUnique(out, safeEmail(token.replace(/^[.]+|[.]+$/g, '')));
    }
  }
  return out;
}

const PHONE_LABEL =
  /(?:^|[^\p{L}])(?:tel(?:efon|ephone|\.)?|phone|ph|fon|mobile?|mobil|handy|cell|office|call|t|m)\s*[.:]?\s*(\+?\(?\d[\d\s()./-]{5,22}\d)/iu;
const PHONE_INTL = /(?:^|[\s:(])(\+\d{1,3}[\s./-]?\(?\d[\d\s()./-]{5,18}\d)/;
const FAX = /\bfax\b|\btelefax\b|\bf\s*:/i;

/** Phones in the text: after a phone label ("Tel:", "Office:") or in international form; never fax. */
export function textPhones(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (out.length >= CAPS.list) break;
    if (!/\d{2}/.test(line)) continue;
    // One line may hold "Tel: … Fax: …": look at the parts separately.
    for (const part of line.slice(0, 300).split(/\s[|·•]\s|,\s(?=\p{L})/u)) {
      const m = PHONE_LABEL.exec(part) ?? PHONE_INTL.exec(part);
      if (!m?.[1]) continue;
      const before = part.slice(0, m.index + m[0].length - m[1].length);
      if (FAX.test(before.slice(-12))) continue;
      const phone = m[1].replace(/[\s(./-]+$/, '').trim();
      // Dates and ranges are not phones.
      if (/^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/.test(phone)) continue;
      pushUnique(out, safePhone(phone), true);
    }
  }
  return out;
}

const CONTACT_LINE = /@|\b(tel|phone|telefon|fax|e-?mail|mail|www\.|https?:|website|web|mobil|handy|uid|ust|vat)\b/i;
const POSTCODE_LINE =
  /^(?:[A-Z]{1,2}-?)?\d{4,5}\s+\p{Lu}|\b\p{Lu}[\p{L} .'-]+,?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/u;

/** A postal address from `<address>` or an element named address: the street, postcode and country lines. */
export function readAddress(doc: Document): string | undefined {
  const blocks = queryAll(doc, 'address, [class*="address" i], [id*="address" i], [class*="adresse" i]', 20);
  for (const el of blocks) {
    if (el.closest('[itemscope],[typeof],.h-card,.vcard,.h-adr,.adr')) continue;
    const lines: string[] = [];
    for (const l of textLines(el, 3000)) {
      if (CONTACT_LINE.test(l) || /:\s*$/.test(l)) break;
      lines.push(l);
      if (lines.length > 12) break;
    }
    const at = lines.findIndex((l) => POSTCODE_LINE.test(l));
    let parts: string[];
    if (at >= 0) {
      parts = [];
      const street = lines[at - 1];
      if (street && /\d/.test(street) && street.length < 80) parts.push(street);
      parts.push(lines[at]!);
      const country = lines[at + 1];
      if (country && !/\d/.test(country) && country.length <= 30) parts.push(country);
    } else if (lines.length && lines.length <= 5 && lines.some((l) => /\d/.test(l))) parts = lines;
    else continue;
    const s = clean(parts.join(', '));
    if (s && s.length >= 8) return s;
  }
  return undefined;
}
