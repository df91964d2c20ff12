/**
 * Generic extraction, for any page no site rule claims (or whose layout a rule no longer
 * recognises): who the page is about, judged from the page's own words — the site name, a
 * personal home page's name, an article's author, "Name – Title" lines, imprint role lines —
 * and its contact details. Returns two partials: what came from `<meta>` tags and what came
 * from the visible page.
 */
import { domainOf } from '../normalize';
import { type Contacts, readAddress, readLinks, textEmails, textPhones } from './contacts';
import { pageText, query, queryAll, textOf } from './dom';
import type { MetaFacts } from './meta';
import type { Company, PageKind, Partial, Person } from './types';
import {
  CAPS,
  clean,
  fixCase,
  JOB_WORD,
  looksLikePersonName,
  PLATFORM_HOSTS,
  pushUnique,
  registrableDomain,
  SHARED_HOSTS,
  safeUrl,
  safeUrlObject,
  twitterHandleUrl,
} from './util';

const fold = (s: string | undefined) =>
  (s ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Title segments: "Team | Acme Corp" → ["Team", "Acme Corp"]. */
export function titleSegments(title: string | undefined): string[] {
  if (!title) return [];
  return title
    .split(/\s+[|–—·•»:]\s+|\s+-\s+|\s*\|\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 6);
}

/**
 * Whether a link could resolve to the site's home page ("/" or "/index.*" on the page's
 * origin), judged from its text without parsing it; `true` whenever unsure (escapes, spaces,
 * dot segments, non-ASCII). Most links of a big page are settled here for nothing.
 */
function mayLeadHome(raw: string, host: string, pageIsHome: boolean): boolean {
  if (/[^\x21-\x7e]|%|\\/.test(raw)) return true;
  const path = raw.replace(/[?#][\s\S]*$/, '');
  if (path === '') return pageIsHome;
  if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(path)) return path.toLowerCase().includes(host);
  if (path.includes('.')) return true;
  // "/" alone is home; any other plain path ("/people", "team/") names a page below it.
  return path === '/';
}

/** Text of the links that lead to the site's home page (logo, brand, header name); of the first 400 links. */
export function homeLinkTexts(doc: Document, url: string): string[] {
  const out: string[] = [];
  let origin = '';
  let host = '';
  let pageIsHome = false;
  try {
    const page = new URL(url);
    origin = page.origin;
    host = page.hostname.toLowerCase();
    pageIsHome = /^\/(index\.\w+)?$/.test(page.pathname);
  } catch {
    return out;
  }
  // The live list of anchors is walked only as far as needed; `a[href]` would collect all of them.
  const anchors = doc.getElementsByTagName('a');
  for (let i = 0, seen = 0; i < anchors.length && seen < 400; i++) {
    const a = anchors[i]!;
    const raw = a.getAttribute('href');
    if (raw === null) continue;
    seen++;
    const rel = /(^|\s)home(\s|$)/i.test(a.getAttribute('rel') ?? '');
    const cls = /brand|logo|site-?title|site-?name/i.test(a.getAttribute('class') ?? '');
    // "index.html" links from a sub-folder site (GitHub Pages project sites) are home too.
    const marked = rel || cls || /^(\.\/)?index\.html?$/i.test(raw);
    if (!marked && !mayLeadHome(raw, host, pageIsHome)) continue;
    const u = safeUrlObject(raw, url);
    if (!u) continue;
    const home = u.origin === origin && /^\/(index\.\w+)?$/.test(u.pathname);
    if (!home && !marked) continue;
    const text =
      clean(textOf(a, 200)) ??
      clean(
        a
          .querySelector('img[alt]')
          ?.getAttribute('alt')
          ?.replace(/\blogo\b/i, ''),
      );
    if (text) out.push(text);
    if (out.length >= 10) break;
  }
  return out;
}

/**
 * The site's name: og:site_name, else a home link's text that the title repeats, else the
 * title's last segment. `homes` is `homeLinkTexts(doc, url)` when the caller has it already.
 */
export function siteName(
  doc: Document,
  url: string,
  meta: MetaFacts,
  homes?: string[],
): { name?: string; from: 'meta' | 'text' } {
  if (meta.ogSiteName) return { name: meta.ogSiteName, from: 'meta' };
  if (meta.applicationName) return { name: meta.applicationName, from: 'meta' };
  const segs = titleSegments(meta.title);
  homes ??= homeLinkTexts(doc, url);
  for (const h of homes) {
    const match = segs.find((s) => fold(s) === fold(h));
    if (match) return { name: match, from: 'text' };
  }
  if (segs.length > 1) return { name: segs[segs.length - 1], from: 'meta' };
  return { from: 'text' };
}

/** The holder in "© 2024 Acme Inc. All rights reserved." */
export function copyrightHolder(lines: string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 60; i--) {
    const line = lines[i]!.slice(0, 300);
    const m = /(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{2,4})?\s*)?(?:by\s+)?(.{2,120})/i.exec(line);
    if (!m?.[1]) continue;
    const holder = m[1]
      .split(/\s+[·|•–—-]\s+|\.\s+|\s+all rights|\s+alle rechte|\s+tous droits/i)[0]!
      .replace(/^\d{4}\s*/, '')
      .replace(/[.,;\s]+$/, '')
      .trim();
    if (holder && holder.length <= 80 && /\p{L}/u.test(holder) && !/^(the\s+)?(author|owner)s?$/i.test(holder))
      return holder;
  }
  return undefined;
}

// "Sr. Technical Program Manager at Acme" / "… on the Disaster Relief by Amazon team".
const CAPW = "[A-Z][\\w&.'’-]*";
const JOB_SRC = JOB_WORD.source.replace(/^\\b\(|\)\\b$/g, '');
const TITLE_AT = new RegExp(
  `((?:(?:Sr|Jr|Snr|Sen)\\.\\s+)?(?:${CAPW}\\s+){0,4}?(?:${JOB_SRC})(?:\\s+(?:of|for)\\s+${CAPW}(?:\\s+${CAPW}){0,2})?)\\s+(?:at|@|with|on the|in the|for)\\s+((?:${CAPW})(?:\\s+(?:${CAPW}|by|of|and|&)){0,5})`,
  'u',
);

/** A job title and employer stated in a sentence, e.g. "Staff Engineer at Acme". */
export function titleAtCompany(text: string): { jobTitle: string; company?: string } | undefined {
  for (const sentence of text.slice(0, 3000).split(/(?<=[a-z]{3})[.!?]\s+|\n/)) {
    const m = TITLE_AT.exec(sentence.slice(0, 400));
    if (!m?.[1]) continue;
    const company = m[2]?.replace(/\s+(by|of|and|&)$/, '').trim();
    return { jobTitle: m[1].trim(), company };
  }
  return undefined;
}

const NAME_TITLE = /^(.{3,60}?)\s*(?:[-–—|,]|\s·\s)\s*(.{2,100})$/;

/** "Jane Doe – Head of Sales" lines. */
function nameTitleLines(lines: string[]): Person[] {
  const out: Person[] = [];
  for (const line of lines.slice(0, 400)) {
    if (line.length > 160) continue;
    const m = NAME_TITLE.exec(line);
    if (m?.[1] && m[2] && looksLikePersonName(m[1]) && JOB_WORD.test(m[2]) && !/[@:]/.test(m[2]))
      out.push({ fullName: m[1].trim(), jobTitle: clean(m[2]) });
    if (out.length >= CAPS.people) break;
  }
  return out;
}

const ROLE_LABEL =
  /^(Geschäftsführ\p{L}*|Inhaber(?:in)?|Vertretungsberechtigte?r?(?: Geschäftsführer)?|Verantwortliche?r?(?: für den Inhalt)?|Ansprechpartner(?:in)?|Kontaktperson|CEO|Managing Directors?|Owner|Director|Contact person|Gérant|Directeur|Responsable(?: de la publication)?)\s*:?\s*(.*)$/iu;

/** An imprint's "Geschäftsführung: Jane Doe" (on one line or two). */
function roleLines(lines: string[]): Person | undefined {
  for (let i = 0; i < lines.length && i < 2000; i++) {
    const m = ROLE_LABEL.exec(lines[i]!.slice(0, 200));
    if (!m?.[1]) continue;
    const name = m[2]?.trim() || lines[i + 1]?.trim();
    if (name && looksLikePersonName(name.replace(/,.*$/, '')))
      return { fullName: name.replace(/,.*$/, ''), jobTitle: m[1] };
  }
  return undefined;
}

// Where the names of a people list are, when no page walk gathered them (see `pageText`): one
// query each, because Chromium answers a lone tag name fast but walks every element for a list.
const NAME_QUERIES = ['h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', '[class*="name" i]'];

/** The people-list candidates by query: at most 400 of each kind, 1,500 in all. */
function queryNames(doc: Document): Element[] {
  const out: Element[] = [];
  const seen = new Set<Element>();
  for (const sel of NAME_QUERIES)
    for (const el of queryAll(doc, sel, Math.min(400, 1500 - out.length)))
      if (!seen.has(el)) {
        seen.add(el);
        out.push(el);
      }
  return out;
}

/**
 * People of a team or speaker page: repeated name headings, each with a title line and links.
 * The candidates are `names` from the page walk (`pageText`) when the caller has them, else
 * queried; either way at most 400 of each kind (heading level, bold, "name" class) and 1,500
 * in all (a team page has tens of people; the list keeps 100). Of equal-sized groups, the one
 * that starts earlier in the page wins.
 */
export function peopleList(doc: Document, base: string, names?: Element[]): Person[] {
  const groups = new Map<string, Element[]>();
  for (const el of names ?? queryNames(doc)) {
    const text = clean(textOf(el, 100));
    if (!looksLikePersonName(text)) continue;
    const key = `${el.tagName}.${el.getAttribute('class') ?? ''}`;
    const g = groups.get(key) ?? [];
    groups.set(key, g);
    g.push(el);
  }
  let best: Element[] = [];
  for (const g of groups.values())
    if (g.length > best.length || (g.length === best.length && g.length && precedes(g[0]!, best[0]!))) best = g;
  if (best.length < 2) return [];
  const out: Person[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < best.length && i < CAPS.people; i++) {
    const el = best[i]!;
    const fullName = fixCase(clean(textOf(el, 100)) ?? '');
    if (!fullName || seen.has(fold(fullName))) continue;
    seen.add(fold(fullName));
    const p: Person = { fullName };
    const next = el.nextElementSibling;
    const t = clean(textOf(next, 200), 120);
    if (t && t.length <= 100 && (JOB_WORD.test(t) || (t.split(' ').length <= 6 && !looksLikePersonName(t))))
      p.jobTitle = t;
    // The person's card: the nearest ancestor holding this one name only. The group is in
    // document order and an element's descendants are a run of it, so only the neighbours
    // can share an ancestor with this one.
    const before = best[i - 1];
    const after = best[i + 1];
    let card: Element = el;
    for (let up = el.parentElement, k = 0; up && k < 3; up = up.parentElement, k++) {
      if ((before && up.contains(before)) || (after && up.contains(after))) break;
      card = up;
    }
    const links = readLinks(card, base);
    for (const s of links.social) {
      if (s.network === 'linkedin') p.linkedin ??= s.url;
      else if (s.network === 'twitter') p.twitter ??= s.url;
      else if (s.network === 'github') p.github ??= s.url;
    }
    if (links.emails.length) p.emails = links.emails.slice(0, 3);
    out.push(p);
  }
  return out.length >= 2 ? out : [];
}

/** Whether `a` comes before `b` in the document. */
function precedes(a: Element, b: Element): boolean {
  // 4 is Node.DOCUMENT_POSITION_FOLLOWING: `b` follows `a`.
  return (a.compareDocumentPosition(b) & 4) !== 0;
}

const CONTACT_PATH =
  /(impressum|imprint|kontakt|contact|contacto|contatti|legal-?notice|mentions-legales|about\/contact)/i;
const PERSONAL_WORDS = /\b(about me|contact me|my name is|hire me|my resume|my cv|i'm an?|i am an?|über mich)\b/i;

/** The generic partials: one from meta tags, one from the visible page. */
export function extractGeneric(
  doc: Document,
  url: string,
  base: string,
  meta: MetaFacts,
): { meta: Partial; text: Partial; kind: PageKind; links: Contacts } {
  const m: Partial = { source: 'meta', person: {}, company: {} };
  const t: Partial = { source: 'text', person: {}, company: {} };
  const body = doc.body ?? doc.documentElement;
  const page = pageText(body);
  const lines = page.lines;
  const links = readLinks(doc, base);
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    // an unparsable URL: no site-derived company
  }
  const platform = PLATFORM_HOSTS.test(host);

  // --- Whose page is it?
  const homes = homeLinkTexts(doc, url);
  const site = platform ? { from: 'text' as const } : siteName(doc, url, meta, homes);
  const segs = titleSegments(meta.title);
  const h1 = clean(textOf(query(doc, 'h1'), 200));
  const nameVotes = new Map<string, { name: string; n: number }>();
  const profileName =
    meta.profileFirstName && meta.profileLastName ? `${meta.profileFirstName} ${meta.profileLastName}` : undefined;
  for (const c of [meta.ogTitle, segs[0], site.name, h1, meta.author, profileName, ...homes]) {
    if (!c || !looksLikePersonName(c)) continue;
    const k = fold(c);
    const v = nameVotes.get(k) ?? { name: c, n: 0 };
    // Prefer a mixed-case spelling over an all-caps heading.
    if (v.name === v.name.toUpperCase()) v.name = c;
    v.n++;
    nameVotes.set(k, v);
  }
  let homeName: string | undefined;
  for (const v of nameVotes.values())
    if (v.n >= 2 && (!homeName || v.n > (nameVotes.get(fold(homeName))?.n ?? 0))) homeName = v.name;
  const personal =
    !!homeName &&
    !platform &&
    (meta.ogType === 'profile' ||
      links.social.some((s) => s.me) ||
      links.links.some((l) => l.me) ||
      PERSONAL_WORDS.test(lines.slice(0, 300).join('\n')));

  const writtenBy = Object.entries(meta.labels).find(([k]) => /written by|author|autor/.test(k))?.[1];
  const article =
    !platform &&
    (meta.ogType === 'article' ||
      !!writtenBy ||
      !!query(doc, 'meta[property="article:published_time"]') ||
      // Most pages have no <article>: the tag index says so before any attribute scan.
      (!!doc.getElementsByTagName('article')[0] && !!query(doc, 'article [rel~="author"]')));

  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    // no path
  }
  const contact =
    CONTACT_PATH.test(path) || (!!h1 && /^(impressum|imprint|contact( us)?|kontakt|legal notice)$/i.test(h1));

  let kind: PageKind = 'other';
  if (contact) kind = 'contact';
  else if (personal) kind = 'person';
  else if (article) kind = 'article';

  // --- The person
  if (personal && homeName) {
    m.person.fullName = fixCase(homeName);
    if (meta.twitterCreator || meta.twitterSite)
      m.person.twitter = twitterHandleUrl(meta.twitterCreator ?? meta.twitterSite);
    t.person.website = safeUrl('/', url);
    const stated = titleAtCompany([meta.description ?? '', ...lines.slice(0, 80)].join('\n'));
    if (stated) {
      t.person.jobTitle = clean(stated.jobTitle);
      if (stated.company) t.company.name = clean(stated.company);
    }
  } else if (article) {
    const author = writtenBy ?? (looksLikePersonName(meta.articleAuthor) ? meta.articleAuthor : undefined);
    if (author && !/^https?:/i.test(author)) m.person.fullName = clean(author);
    if (meta.twitterCreator && fold(meta.twitterCreator) !== fold(meta.twitterSite))
      m.person.twitter = twitterHandleUrl(meta.twitterCreator);
  } else {
    const role = roleLines(lines);
    const signed = nameTitleLines(lines);
    if (role) t.person = role;
    else if (signed.length === 1 && !site.name) {
      t.person = signed[0]!;
      kind = contact ? kind : 'person';
    }
  }

  // --- The site's own company, unless the site is a platform or a person's home page.
  if (!platform && !personal) {
    const name = site.name ?? copyrightHolder(lines);
    if (name && !looksLikePersonName(name)) {
      (site.name && site.from === 'meta' ? m : t).company.name = clean(name);
      if (!SHARED_HOSTS.test(host)) t.company.website = siteWebsite(url, links);
      if (meta.twitterSite) m.company.twitter = twitterHandleUrl(meta.twitterSite);
      if (kind === 'other') kind = 'company';
    }
    t.company.address = readAddress(doc, page.addresses);
    if (t.company.address && kind === 'other') kind = 'company';
  }

  // --- Contact details go to the page's subject.
  const subject: Person | Company = kind === 'person' ? t.person : t.company;
  const emails: string[] = [...links.emails];
  for (const e of textEmails(lines)) pushUnique(emails, e);
  const phones: string[] = [...links.phones];
  for (const p of textPhones(lines)) pushUnique(phones, p, true);
  if (emails.length) subject.emails = emails.slice(0, CAPS.list);
  if (phones.length) subject.phones = phones.slice(0, CAPS.list);
  const toPerson = kind === 'person';
  const people = kind !== 'person' && kind !== 'article' ? peopleList(doc, base, page.names) : [];
  if (people.length) t.people = people;
  // Profiles inside a team member's card are the member's, not the company's.
  const theirs = new Set(people.flatMap((p) => [p.linkedin, p.twitter, p.github]).filter(Boolean));
  const mine = links.social.filter((s) => s.me);
  for (const s of (mine.length ? mine : links.social).filter((x) => !theirs.has(x.url))) {
    if (s.network === 'linkedin' && toPerson) t.person.linkedin ??= s.url;
    else if (s.network === 'linkedin-company' && !toPerson) t.company.linkedin ??= s.url;
    else if (s.network === 'twitter') (toPerson ? t.person : t.company).twitter ??= s.url;
    else if (s.network === 'github' && toPerson) t.person.github ??= s.url;
  }
  if (toPerson && !t.person.website) {
    // A signature's or profile's own site: a link whose text is its host ("lanziani.com") or a rel=me link.
    const own = links.links.find(
      (l) => l.me || fold(l.text) === fold(domainOf(l.href)) || fold(l.text) === fold(l.href),
    );
    if (own) t.person.website = own.href;
  }
  return { meta: m, text: t, kind, links };
}

/** The company's website: its registrable domain's home when the page links to it, else the page's origin. */
function siteWebsite(url: string, links: Contacts): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const root = registrableDomain(u.hostname);
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  if (host !== root) {
    const home = links.links.find((l) => {
      const h = new URL(l.href);
      return h.hostname.replace(/^www\./, '') === root && /^\/?$/.test(h.pathname);
    });
    if (home) return home.href;
  }
  return safeUrl('/', url);
}
