/**
 * Small helpers every source shares: caps on what a hostile page can make us walk or return,
 * text cleaning, http(s)-only links, and the recognisers for social profile URLs and person names.
 */
import { normalizeEmail, normalizePhone, normalizeUrl } from '../normalize';

/** Caps: the most any page can cost us, and the longest value we hand on. */
export const CAPS = {
  field: 300,
  description: 1000,
  list: 10,
  people: 100,
  /** Elements looked at by any one query. */
  nodes: 5000,
  /**
   * Characters of visible text read from the top of a page for the text heuristics (a long
   * profile or imprint page is 20,000). Every DOM read costs in the browser, so the top and
   * the end of a huge page are read, not all of it.
   */
  text: 100_000,
  /** Nodes walked to build the visible text (of the page's top, or of one element). */
  walk: 12_000,
  /** Characters read from the end of a page longer than that (its footer), besides its top. */
  tailText: 20_000,
  /** Nodes walked from the end of a page for those. */
  tailWalk: 3_000,
  /** Depth of nested JSON-LD or item trees followed. */
  depth: 12,
  /** Bytes of one JSON-LD script parsed. */
  jsonld: 500_000,
} as const;

// Control characters (C0, C1 but tab/newline, bidi overrides, zero-width) never reach a card.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Control characters stripped, whitespace collapsed, capped at `max`; `undefined` when empty. */
export function clean(input: unknown, max: number = CAPS.field): string | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  let s = String(input);
  if (s.length > max * 8) s = s.slice(0, max * 8);
  // Markup inside a value (a name with a <script> in JSON-LD) is never part of the value.
  s = s
    .replace(CONTROL_RE, '')
    .replace(/<\/?[a-z][^<>]{0,200}>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!s) return undefined;
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** An absolute http(s) URL (resolved against `base`), or `undefined`: never `javascript:`, `data:`… */
export function safeUrl(input: unknown, base?: string): string | undefined {
  return safeUrlObject(input, base)?.href;
}

/**
 * `safeUrl` as a parsed `URL` (fragment dropped), for callers that go on to read its host or
 * path: one parse instead of three on pages with thousands of links.
 */
export function safeUrlObject(input: unknown, base?: string): URL | undefined {
  if (typeof input !== 'string') return undefined;
  const s = input.replace(CONTROL_RE, '').trim();
  if (!s || s.length > 2048 || /^(mailto|tel|sms|javascript|data|vbscript|file|blob):/i.test(s)) return undefined;
  let u: URL;
  try {
    if (base) {
      // What normalizeUrl checks, on the one parse: http(s), a dotted host (or localhost), no fragment.
      u = new URL(s, base);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
      if (!u.hostname.includes('.') && u.hostname !== 'localhost') return undefined;
      u.hash = '';
    } else {
      // A bare "example.com" is only taken as a host when there is no base to resolve it against.
      const href = normalizeUrl(s);
      if (!href) return undefined;
      u = new URL(href);
    }
  } catch {
    return undefined;
  }
  return u.href.length <= CAPS.field ? u : undefined;
}

/** A normalised email from a `mailto:` link or text, or `undefined`. */
export function safeEmail(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 400) return undefined;
  const v = normalizeEmail(input.replace(CONTROL_RE, ''));
  return v && v.length <= CAPS.field ? v : undefined;
}

/** A phone as written (trimmed), when it has the digits of a phone number. */
export function safePhone(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 100) return undefined;
  let s = input.replace(CONTROL_RE, '').trim();
  if (/^tel:/i.test(s)) {
    s = s.slice(4);
    try {
      s = decodeURIComponent(s);
    } catch {
      // keep the raw text
    }
  }
  s = clean(s, 60) ?? '';
  return s && normalizePhone(s) ? s : undefined;
}

/** Digits only, for comparing phones written differently. */
export function phoneDigits(s: string): string {
  return s.replace(/\D/g, '');
}

/** Adds `v` to a capped list unless it is already there (phones compared by their last 7+ digits). */
export function pushUnique(list: string[], v: string | undefined, phone = false): void {
  if (!v || list.length >= CAPS.list) return;
  if (phone) {
    const d = phoneDigits(v);
    if (list.some((x) => samePhone(phoneDigits(x), d))) return;
  } else if (list.some((x) => x.toLowerCase() === v.toLowerCase())) return;
  list.push(v);
}

function samePhone(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 7 ? l.endsWith(s) : s === l;
}

// ---------------------------------------------------------------------------------------------
// Social profiles

export type Network = 'linkedin' | 'linkedin-company' | 'twitter' | 'github';

// First path segments that are site pages, not accounts.
const X_RESERVED = new Set([
  'share',
  'intent',
  'home',
  'hashtag',
  'search',
  'i',
  'explore',
  'settings',
  'login',
  'signup',
  'messages',
  'notifications',
  'tos',
  'privacy',
  'about',
  'compose',
]);
const GITHUB_RESERVED = new Set([
  'about',
  'features',
  'pricing',
  'login',
  'join',
  'explore',
  'topics',
  'trending',
  'collections',
  'events',
  'sponsors',
  'marketplace',
  'orgs',
  'settings',
  'site',
  'security',
  'enterprise',
  'team',
  'customer-stories',
  'readme',
  'apps',
  'search',
  'notifications',
  'new',
  'organizations',
  'contact',
]);

/** Which network a profile URL belongs to, with its canonical form; `undefined` for other links. */
export function socialProfile(href: string): { network: Network; url: string } | undefined {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return undefined;
  }
  return socialProfileOf(u);
}

/** `socialProfile` of a URL already parsed. */
export function socialProfileOf(u: URL): { network: Network; url: string } | undefined {
  return socialProfileAt(u.hostname, u.origin, u.pathname);
}

/** `socialProfile` of a URL given by its parts, as the URL parser gives them. */
export function socialProfileAt(
  hostname: string,
  origin: string,
  pathname: string,
): { network: Network; url: string } | undefined {
  const host = hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  // Most links on a page are not to a network: settle those before splitting the path.
  if (!/(^|\.)(linkedin\.com|twitter\.com|x\.com|github\.com)$/.test(host)) return undefined;
  const parts = pathname.split('/').filter(Boolean);
  const first = (parts[0] ?? '').toLowerCase();
  if (host === 'linkedin.com' || /^[a-z]{2}\.linkedin\.com$/.test(host)) {
    if ((first === 'in' || first === 'pub') && parts[1]) return { network: 'linkedin', url: origin + pathname };
    if ((first === 'company' || first === 'school' || first === 'showcase') && parts[1])
      return { network: 'linkedin-company', url: origin + pathname };
    return undefined;
  }
  if (host === 'twitter.com' || host === 'x.com') {
    if (!/^@?[a-z0-9_]{1,15}$/i.test(parts[0] ?? '') || X_RESERVED.has(first) || parts.length > 1) return undefined;
    return { network: 'twitter', url: `https://${host}/${(parts[0] ?? '').replace(/^@/, '')}` };
  }
  if (host === 'github.com') {
    if (parts.length !== 1 || GITHUB_RESERVED.has(first) || !/^[a-z0-9-]{1,39}$/i.test(first)) return undefined;
    return { network: 'github', url: `https://github.com/${parts[0]}` };
  }
  return undefined;
}

/** A Twitter handle ("@acme" or "acme") as a profile URL. */
export function twitterHandleUrl(handle: string | undefined): string | undefined {
  const h = handle?.trim().replace(/^@/, '');
  if (!h) return undefined;
  if (/^https?:/i.test(h)) return socialProfile(h)?.url;
  return /^[a-z0-9_]{1,15}$/i.test(h) ? `https://twitter.com/${h}` : undefined;
}

/** Hosts of platforms: their own branding is never the prospect's company. */
export const PLATFORM_HOSTS =
  /(^|\.)(linkedin\.com|twitter\.com|x\.com|github\.com|crunchbase\.com|facebook\.com|instagram\.com|medium\.com|youtube\.com|reddit\.com|wikipedia\.org|google\.com)$/i;
/** Shared hosting: a site there is the owner's, but the domain is nobody's identity. */
export const SHARED_HOSTS =
  /(^|\.)(github\.io|gitlab\.io|netlify\.app|vercel\.app|pages\.dev|herokuapp\.com|wordpress\.com|blogspot\.com|wixsite\.com|squarespace\.com|substack\.com|notion\.site|sites\.google\.com|carrd\.co|webflow\.io|glitch\.me|neocities\.org|tumblr\.com)$/i;

/** The registrable-looking part of a host: "a.b.example.co.uk" → "example.co.uk". */
export function registrableDomain(host: string): string {
  const labels = host
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.');
  if (labels.length <= 2) return labels.join('.');
  const tld = labels[labels.length - 1] ?? '';
  const sld = labels[labels.length - 2] ?? '';
  // Second-level registries such as co.uk, com.au, re.kr, ac.jp.
  const take = tld.length === 2 && sld.length <= 3 ? 3 : 2;
  return labels.slice(-take).join('.');
}

// ---------------------------------------------------------------------------------------------
// Names and titles

// Words that make a name an organisation's, not a person's.
const ORG_WORDS = new Set(
  `the inc ltd llc gmbh ag sa sas sarl bv nv plc co corp corporation company group lab labs team studio studios
  media digital systems solutions software technologies technology tech consulting partners services agency
  bakery pizza restaurant cafe shop store wallet bank capital ventures foundation institute university college
  school center centre club association society network news blog home welcome about contact impressum imprint
  kontakt page profile official international global smart online web app apps cloud data ai analytics
  marketing design project projects products hotel clinic press magazine journal events conference`.split(/\s+/),
);
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'del', 'la', 'le', 'bin', 'al', 'du', 'dos']);

/** Whether a string reads like a person's name: 2–4 capitalised words, no digits, no company words. */
export function looksLikePersonName(input: string | undefined): boolean {
  if (!input || input.length > 60) return false;
  const words = input.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  let capitals = 0;
  for (const w of words) {
    const lower = w.toLowerCase().replace(/[.,]$/, '');
    if (ORG_WORDS.has(lower) || JOB_WORD.test(w)) return false;
    if (PARTICLES.has(lower)) continue;
    if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(w)) return false;
    capitals++;
  }
  return capitals >= 2;
}

/** "ABE DIAZ" → "Abe Diaz"; names already in mixed case are kept. */
export function fixCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());
}

/** Words that make a phrase a job title. */
export const JOB_WORD =
  /\b(CEO|CTO|CFO|COO|CMO|CIO|CPO|CSO|VP|SVP|EVP|Vice President|President|Chair(?:man|woman|person)?|Co-?Founder|Founder|Owner|Partner|Principal|Director|Manager|Engineer|Developer|Designer|Architect|Consultant|Analyst|Scientist|Researcher|Professor|Lecturer|Head|Lead|Officer|Specialist|Coordinator|Administrator|Evangelist|Advocate|Editor|Writer|Journalist|Producer|Recruiter|Representative|Associate|Intern|Student|Attorney|Lawyer|Accountant|Executive|Strategist|Programmer|Postdoc|PhD|Fellow|Geschäftsführ\p{L}*|Inhaber(?:in)?|Gründer(?:in)?|Vorstand|Leiter(?:in)?|Directeur|Directrice|Gérant)\b/iu;
