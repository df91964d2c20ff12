/**
 * Normalisation of the values a rep types or a page offers: what goes into a record is
 * always in one canonical form, so dedupe and indexes can compare like with like.
 * Pure: no browser APIs.
 */

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;

/** Lower-cased, trimmed email, with a `mailto:` prefix and query removed; `undefined` if it is not an email. */
export function normalizeEmail(input: string): string | undefined {
  let s = input.trim();
  if (/^mailto:/i.test(s)) s = s.slice(7);
  s = s.split('?')[0] ?? '';
  try {
    s = decodeURIComponent(s);
  } catch {
    // A stray % is not worth failing over; keep the raw text.
  }
  s = s.trim().toLowerCase();
  return EMAIL_RE.test(s) && s.length <= 254 ? s : undefined;
}

/**
 * A phone number as `+` and digits when it has an international prefix, else the digits as
 * written (spaces, dots and dashes folded to single spaces); `undefined` when it has fewer than 6 digits.
 */
export function normalizePhone(input: string): string | undefined {
  let s = input.trim();
  if (/^tel:/i.test(s)) s = s.slice(4);
  try {
    s = decodeURIComponent(s);
  } catch {
    // keep as is
  }
  // Drop extension-style notes and letters; keep digits, +, spaces and common separators.
  s = s
    .replace(/\(0\)/g, '')
    .replace(/[^\d+()\s./-]/g, ' ')
    .trim();
  const digits = s.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 17) return undefined;
  const intl = s.startsWith('+') || s.startsWith('00');
  if (intl) return `+${s.startsWith('00') ? digits.slice(2) : digits}`;
  return s
    .replace(/[()./-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Only `http:` and `https:` URLs survive, absolute and without a fragment; anything else is `undefined`. */
export function normalizeUrl(input: string, base?: string): string | undefined {
  return httpUrl(input, base)?.href;
}

/** The parts of a link that {@link httpUrl} gives: its canonical `href` and what is read from it. */
export interface HttpUrl {
  /** Absolute, http(s), no fragment: what {@link normalizeUrl} returns. */
  href: string;
  hostname: string;
  pathname: string;
}

// Links parsed without a base (up to 512 characters) are remembered, at most PARSED_MAX of them,
// then all forgotten at once: the browser's URL parser costs microseconds a call, and an import
// meets each link several times (the CSV mapping, the record schema, the profile key, the
// write's validation).
const PARSED = new Map<string, HttpUrl | null>();
const PARSED_MAX = 20_000;

/** An http(s) link parsed (see {@link normalizeUrl} for what passes), or `undefined`. */
export function httpUrl(input: string, base?: string): HttpUrl | undefined {
  const s = input.trim();
  if (!s || s.length > 2048) return undefined;
  const remember = base === undefined && s.length <= 512;
  if (remember) {
    const known = PARSED.get(s);
    if (known !== undefined) return known ?? undefined;
  }
  const parsed = parseHttp(s, base);
  if (remember) {
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    PARSED.set(s, parsed ?? null);
  }
  return parsed;
}

function parseHttp(s: string, base: string | undefined): HttpUrl | undefined {
  let url: URL;
  try {
    url = base ? new URL(s, base) : new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return undefined;
  url.hash = '';
  // Frozen: the same object is handed to every caller that parses this link.
  return Object.freeze({ href: url.href, hostname: url.hostname, pathname: url.pathname });
}

/**
 * The canonical key of a profile URL, used for dedupe: no scheme, no `www.`/`m.`/country
 * prefix on LinkedIn, `x.com` as `twitter.com`, no query, no trailing slash, lower case.
 */
export function profileKey(input: string): string | undefined {
  const url = httpUrl(input);
  if (!url) return undefined;
  let host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  if (/^[a-z]{2}\.linkedin\.com$/.test(host)) host = 'linkedin.com';
  if (host === 'x.com') host = 'twitter.com';
  const path = decodeSafe(url.pathname).replace(/\/+$/, '').toLowerCase();
  return `${host}${path}`;
}

/** The registrable-looking domain of a URL or bare host: lower case, no `www.`. */
export function domainOf(input: string): string | undefined {
  return httpUrl(input)
    ?.hostname.toLowerCase()
    .replace(/^www\./, '');
}

/**
 * A domain fit to be a company's identity: a host name with a real top-level domain. IP
 * addresses and local names (`127.0.0.1`, `intranet`) give `undefined`.
 */
export function companyDomain(input: string): string | undefined {
  const host = domainOf(input);
  return host && /^[a-z0-9.-]+\.[a-z]{2,}$/.test(host) ? host : undefined;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Case, accents, punctuation and spacing folded: "  José  O'Neil " → "jose oneil". */
export function foldText(input: string): string {
  // Printable ASCII (most names, emails, titles) has no accents to strip and no letters or
  // digits beyond a-z and 0-9: the same folding without Unicode decomposition and classes.
  if (PRINTABLE_ASCII.test(input))
    return input
      .toLowerCase()
      .replace(/['`]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whitespace collapsed and trimmed, and capped at `max` characters. */
export function cleanText(input: string, max = 500): string {
  const s = input.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
