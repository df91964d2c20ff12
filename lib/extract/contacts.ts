/**
 * Generic contact details: `mailto:`/`tel:` links, Cloudflare-protected and obfuscated emails
 * ("name [at] domain [dot] com"), labelled phones in visible text, social profile links, and
 * postal addresses in `<address>` blocks. All scanning is linear and on capped text.
 */
import { queryAll, textLines } from './dom';
import {
  CAPS,
  clean,
  type Network,
  pushUnique,
  safeEmail,
  safePhone,
  safeUrlObject,
  socialProfileAt,
  socialProfileOf,
} from './util';

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
/** Other links kept for the website guesses. */
const LINKS_CAP = 500;
/** Links read from the top of the page, and from its end (footers hold the site's own profiles). */
const HEAD_LINKS = 2500;
const TAIL_LINKS = 500;
// A link that may lead to a network. Anything with escapes, spaces or non-ASCII is parsed to be
// sure: the URL parser decodes and maps hosts ("%6Cinkedin.com", full-width letters).
const NETWORK_HINT = /linkedin|twitter|x\.com|github|[^\x21-\x7e]|%|\\/i;

/**
 * Email, phone and profile links of the page (or of one element of it): of its first 2,500 and
 * last 500 links. A link is parsed at most once, plain site paths ("/about") not at all, and once
 * 500 other links are kept only links that may be profiles are looked at further, so a page of
 * tens of thousands of links costs what a few thousand do.
 */
export function readLinks(doc: Document | Element, base: string): Contacts {
  const out: Contacts = { emails: [], phones: [], social: [], links: [] };
  const emails: string[] = [];
  const phones: string[] = [];
  const baseUrl = safeUrlObject(base);
  // On a network's own pages a relative link may be a profile too.
  const onNetwork = NETWORK_HINT.test(baseUrl?.hostname ?? base);
  // A plain site path ("/about", "/people/7?tab=2") off a base without credentials resolves to
  // the base's origin and the path as written: no need to parse the thousands a big page has.
  const plain = baseUrl && !baseUrl.username && !baseUrl.password ? baseUrl : undefined;
  const visit = (a: Element, raw: string) => {
    if (/^mailto:/i.test(raw)) {
      for (const part of raw.slice(7).split('?')[0]!.split(',')) pushUnique(emails, safeEmail(part));
      return;
    }
    if (/^tel:/i.test(raw)) {
      // The phone as written in the link's text when it is one, else the tel: value.
      const text = (a.textContent ?? '').trim();
      pushUnique(phones, safePhone(text) ?? safePhone(raw), true);
      return;
    }
    // Past the caps a link can add nothing but an email or a phone: skip the parse.
    if (out.links.length >= LINKS_CAP) {
      if (out.social.length >= CONTACT_CAP) return;
      const relative = !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(raw);
      if (!NETWORK_HINT.test(raw) && !(relative && onNetwork)) return;
    }
    let href: string;
    let s: ReturnType<typeof socialProfileOf>;
    // The same for a link to the base's own origin written out ("https://site.example/about").
    const local = plain && raw.startsWith(plain.origin) ? raw.slice(plain.origin.length) : raw;
    if (plain && local.charCodeAt(0) === 47 && PLAIN_PATH.test(local) && !DOT_SEGMENT.test(local)) {
      const path = local.replace(/#[\s\S]*$/, '');
      href = plain.origin + path;
      if (href.length > CAPS.field) return;
      s = onNetwork ? socialProfileAt(plain.hostname, plain.origin, path.replace(/\?[\s\S]*$/, '')) : undefined;
    } else {
      const u = safeUrlObject(raw, base);
      if (!u) return;
      href = u.href;
      s = socialProfileOf(u);
    }
    if (s) {
      if (out.social.length < CONTACT_CAP && !out.social.some((x) => x.url.toLowerCase() === s.url.toLowerCase()))
        out.social.push({ ...s, me: isMe(a) });
    } else if (out.links.length < LINKS_CAP)
      out.links.push({ href, text: clean(a.textContent ?? '', 100) ?? '', me: isMe(a) });
  };
  // The live list of anchors, read from each end only as far as needed: `a[href]` would
  // collect all of them first. Anchors without an href are passed over.
  const anchors = doc.getElementsByTagName('a');
  const n = anchors.length;
  const els: Element[] = [];
  const raws: string[] = [];
  let i = 0;
  for (; i < n && els.length < HEAD_LINKS; i++) {
    const a = anchors[i]!;
    const raw = a.getAttribute('href');
    if (raw === null) continue;
    els.push(a);
    raws.push(raw.trim());
  }
  const tailEls: Element[] = [];
  const tailRaws: string[] = [];
  for (let j = n - 1; j >= i && tailEls.length < TAIL_LINKS; j--) {
    const a = anchors[j]!;
    const raw = a.getAttribute('href');
    if (raw === null) continue;
    tailEls.push(a);
    tailRaws.push(raw.trim());
  }
  els.push(...tailEls.reverse());
  raws.push(...tailRaws.reverse());
  // The few `<link rel=me>` go in their place among the anchors (document order).
  const mes = queryAll(doc, 'link[rel~="me" i][href]', 20).map((el) => ({ el, at: positionAmong(el, els) }));
  const visitMe = (el: Element) => visit(el, (el.getAttribute('href') ?? '').trim());
  let m = 0;
  for (let k = 0; k < els.length; k++) {
    while (m < mes.length && mes[m]!.at <= k) visitMe(mes[m++]!.el);
    visit(els[k]!, raws[k]!);
  }
  while (m < mes.length) visitMe(mes[m++]!.el);
  // Cloudflare's email protection: the first byte is the XOR key of the rest.
  for (const el of queryAll(doc, '[data-cfemail]', 50))
    pushUnique(emails, safeEmail(decodeCf(el.getAttribute('data-cfemail') ?? '')));
  out.emails = emails;
  out.phones = phones;
  return out;
}

/** Whether a link is `rel=me`. */
function isMe(a: Element): boolean {
  return /(^|\s)me(\s|$)/i.test(a.getAttribute('rel') ?? '');
}

// An absolute path (not "//host") of characters the URL parser keeps as they are in a path and
// a query, then any fragment: resolved, it is the base's origin followed by it, fragment dropped.
const PLAIN_PATH = /^\/(?![/\\])[\w\-~!$&()*+,;=:@/.]*(\?[\w\-~!$&()*+,;=:@/.?]*)?(#[\s\S]*)?$/;
// "." and ".." segments are resolved by the parser: those paths are parsed.
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;

/** How many of `list` (in document order) come before `el`: a binary search by document position. */
function positionAmong(el: Element, list: ArrayLike<Element>): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // 4 is Node.DOCUMENT_POSITION_FOLLOWING: `el` comes after list[mid].
    if (list[mid]!.compareDocumentPosition(el) & 4) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

const ADDRESS_BLOCKS = 20;
/** Longer lines are not address lines (see `readAddress`). */
const MAX_ADDRESS_LINE = 200;

/**
 * The first 20 elements (in document order) that are an `<address>` or whose class or id says
 * address ("address", "adresse"). Three plain queries, merged, rather than one selector list:
 * Chromium answers `address` from its tag index, and the two attribute scans are each cheaper
 * alone than together.
 */
function addressBlocks(doc: Document): Element[] {
  const byClass = queryAll(doc, '[class*="dres" i]')
    .filter((el) => /address|adresse/i.test(el.getAttribute('class') ?? ''))
    .slice(0, ADDRESS_BLOCKS);
  const found = [
    ...queryAll(doc, 'address', ADDRESS_BLOCKS),
    ...byClass,
    ...queryAll(doc, '[id*="address" i]', ADDRESS_BLOCKS),
  ];
  const unique = [...new Set(found)];
  // 4 is Node.DOCUMENT_POSITION_FOLLOWING: `b` comes after `a`.
  unique.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
  return unique.slice(0, ADDRESS_BLOCKS);
}

/**
 * A postal address from `<address>` or an element named address: the street, postcode and
 * country lines. `blocks` are the candidates a page walk gathered (see `pageText`), when the
 * caller has them; else they are queried.
 */
export function readAddress(doc: Document, blocks?: Element[]): string | undefined {
  for (const el of blocks ?? addressBlocks(doc)) {
    if (el.closest('[itemscope],[typeof],.h-card,.vcard,.h-adr,.adr')) continue;
    const lines: string[] = [];
    for (const l of textLines(el, 3000)) {
      // An address line is short. One long text node is one long line, and POSTCODE_LINE
      // backtracks over it quadratically (a 200 KB line took 36 s): stop at the first such line.
      if (l.length > MAX_ADDRESS_LINE || CONTACT_LINE.test(l) || /:\s*$/.test(l)) break;
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
