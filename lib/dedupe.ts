/**
 * Dedupe on clip: is the person a rep just clipped already in Leadline, and what changed since?
 *
 * The background looks candidates up through the `by-email`, `by-profile` and `by-name` indexes
 * (keys from {@link dedupeKeys}), then calls {@link findMatch}; when there is a match it shows
 * {@link diffClip} on the card and applies {@link mergeClip}. Pure: no browser APIs, `now` is an
 * argument.
 */

import { domainOf, foldText, normalizeEmail, normalizePhone, normalizeUrl, profileKey } from './normalize';
import type { Company, Contact, Profiles } from './records';
import { LIMITS } from './records';

// ---------------------------------------------------------------------------------------------
// The draft a content script sends

/** The person on a reviewed capture card. Raw page values: nothing here is normalised yet. */
export interface ClipPerson {
  fullName: string;
  jobTitle?: string;
  location?: string;
  emails: string[];
  phones: string[];
  linkedin?: string;
  twitter?: string;
  github?: string;
  website?: string;
  photoUrl?: string;
}

/** The company on a reviewed capture card, when the page showed one. */
export interface ClipCompany {
  name: string;
  /** A bare host (`acme.com`); when absent the website's host stands in. */
  domain?: string;
  website?: string;
  description?: string;
  industry?: string;
  size?: string;
  address?: string;
  linkedin?: string;
}

/**
 * What the capture content script sends once the rep has reviewed the card: the values as shown
 * (and possibly edited) on it, the page it came from, and the optional note the rep wrote. The
 * parsed `capture.*` message payload (`ClipDraft` of lib/protocol, which adds the lead source,
 * tags and a follow-up preset) is assignable to this: dedupe needs only these fields, and keeps
 * zod out of its import graph.
 */
export interface ClipDraft {
  person: ClipPerson;
  company?: ClipCompany;
  /** The page the lead was clipped from. */
  sourceUrl: string;
  pageTitle?: string;
  /** A first note or clipping (markdown). */
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Keys

/** The lookup keys of a draft, in the canonical forms the contact indexes hold. */
export interface DedupeKeys {
  /** Normalised, unique emails (the `by-email` index). */
  emails: string[];
  /** Canonical LinkedIn/X/GitHub profile keys (the `by-profile` index); a website is not an identity. */
  profileKeys: string[];
  /** The folded name (the `by-name` index). */
  nameKey: string;
  /** `foldText(name) + '|' + foldText(company name or domain)`; absent without a company, since a name alone is no identity. */
  nameCompanyKey?: string;
}

/** The keys to look a draft up by; see {@link DedupeKeys}. */
export function dedupeKeys(draft: ClipDraft): DedupeKeys {
  const emails = unique(draft.person.emails.map(normalizeEmail));
  const p = draft.person;
  const profileKeys = unique([p.linkedin, p.twitter, p.github].map((u) => (u ? profileKey(u) : undefined)));
  const nameKey = foldText(draft.person.fullName);
  const companyKey = draft.company ? foldText(draft.company.name) || foldText(draftDomain(draft.company) ?? '') : '';
  return {
    emails,
    profileKeys,
    nameKey,
    ...(nameKey && companyKey ? { nameCompanyKey: `${nameKey}|${companyKey}` } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Matching

/** Why a draft was matched to an existing contact, strongest first. */
export type MatchReason = 'email' | 'profile' | 'name-company';

/** Contacts found through each index for a draft's {@link dedupeKeys}. */
export interface MatchCandidates {
  byEmail: readonly Contact[];
  byProfile: readonly Contact[];
  byName: readonly Contact[];
}

/**
 * The existing contact a draft is, and why: an email in common beats a profile link in common,
 * which beats the same folded name at the same company (a name alone never matches: two
 * "Maria Rossi" at different companies are two people). Candidates are re-checked, so a loose
 * index lookup cannot produce a false match. Among several, the one sharing the most keys wins,
 * then the most recently updated.
 */
export function findMatch(
  draft: ClipDraft,
  candidates: MatchCandidates,
  companiesById: ReadonlyMap<string, Company>,
): { contact: Contact; reason: MatchReason } | undefined {
  const keys = dedupeKeys(draft);
  const emails = new Set(keys.emails);
  const profiles = new Set(keys.profileKeys);
  const overlap = (c: Contact) =>
    c.emails.filter((e) => emails.has(e)).length + c.profileKeys.filter((k) => profiles.has(k)).length;
  const best = (list: readonly Contact[]) =>
    [...list].sort((a, b) => overlap(b) - overlap(a) || b.updatedAt - a.updatedAt || cmp(a.id, b.id))[0];

  const byEmail = best(candidates.byEmail.filter((c) => c.emails.some((e) => emails.has(e))));
  if (byEmail) return { contact: byEmail, reason: 'email' };
  const byProfile = best(candidates.byProfile.filter((c) => c.profileKeys.some((k) => profiles.has(k))));
  if (byProfile) return { contact: byProfile, reason: 'profile' };
  const draftCompany = draft.company;
  if (!keys.nameKey || !draftCompany) return undefined;
  const byName = best(
    candidates.byName.filter((c) => {
      if (c.nameKey !== keys.nameKey || !c.companyId) return false;
      const company = companiesById.get(c.companyId);
      return !!company && sameCompany(company, draftCompany);
    }),
  );
  return byName ? { contact: byName, reason: 'name-company' } : undefined;
}

/**
 * The existing company a draft's company is: the same domain first (the domain is a company's
 * identity), else the same name with legal forms ignored ("Acme, Inc." is "ACME") — unless both
 * have domains and they differ, which makes them two companies that share a name.
 */
export function companyMatch(
  draftCompany: ClipCompany | undefined,
  byDomain: readonly Company[],
  byName: readonly Company[],
): { company: Company; reason: 'domain' | 'name' } | undefined {
  if (!draftCompany) return undefined;
  const domain = draftDomain(draftCompany);
  if (domain) {
    const hit = oldestFirst(byDomain.filter((c) => c.domain === domain))[0];
    if (hit) return { company: hit, reason: 'domain' };
  }
  const key = companyNameKey(draftCompany.name);
  if (!key) return undefined;
  const hit = oldestFirst(
    byName.filter((c) => companyNameKey(c.name) === key && !(domain && c.domain && c.domain !== domain)),
  )[0];
  return hit ? { company: hit, reason: 'name' } : undefined;
}

// ---------------------------------------------------------------------------------------------
// What changed

/** A field the card can show as changed. */
export type ClipField =
  | 'name'
  | 'jobTitle'
  | 'location'
  | 'company'
  | 'emails'
  | 'phones'
  | 'linkedin'
  | 'twitter'
  | 'github'
  | 'website'
  | 'photoUrl';

/** One changed field: for lists, `after` is the merged list (old values kept, new ones appended). */
export interface FieldChange {
  field: ClipField;
  before: string | string[] | undefined;
  after: string | string[] | undefined;
}

/** What a clip would change on an existing contact. */
export interface ClipDiff {
  changes: FieldChange[];
  /**
   * A different job title or a different company than before: the signal a rep most wants
   * (a champion who moved is a new lead). Filling a field that was empty is not a job change,
   * and text that differs only in case, accents, punctuation or spacing is no change at all.
   */
  jobChange: boolean;
}

/**
 * The fields a clip changes on `existing`. A value the draft leaves empty is never a change (the
 * page did not show it; it was not removed); text is compared folded ("VP Sales" = "vp  sales");
 * profile links by their canonical key.
 */
export function diffClip(existing: Contact, existingCompany: Company | undefined, draft: ClipDraft): ClipDiff {
  const changes: FieldChange[] = [];
  const p = draft.person;
  let jobChange = false;

  for (const field of ['name', 'jobTitle', 'location'] as const) {
    const before = existing[field];
    const after = clean(field === 'name' ? p.fullName : p[field]);
    if (after && foldText(after) !== foldText(before ?? '')) {
      changes.push({ field, before, after });
      if (field === 'jobTitle' && before) jobChange = true;
    }
  }

  if (draft.company && clean(draft.company.name)) {
    const before = existingCompany?.name;
    if (!existingCompany || !sameCompany(existingCompany, draft.company)) {
      changes.push({ field: 'company', before, after: clean(draft.company.name) });
      // A contact with a company id we could not load still had a company.
      if (existingCompany || existing.companyId) jobChange = true;
    }
  }

  const emails = mergeList(existing.emails, p.emails.map(normalizeEmail));
  if (emails.length > existing.emails.length) changes.push({ field: 'emails', before: existing.emails, after: emails });
  const phones = mergeList(existing.phones, p.phones.map(normalizePhone));
  if (phones.length > existing.phones.length) changes.push({ field: 'phones', before: existing.phones, after: phones });

  const profiles = profileChanges(existing.profiles, draft);
  for (const [field, after] of Object.entries(profiles) as [keyof Profiles, string][]) {
    changes.push({ field, before: existing.profiles[field], after });
  }
  const photo = p.photoUrl ? normalizeUrl(p.photoUrl) : undefined;
  if (photo && photo !== existing.photoUrl)
    changes.push({ field: 'photoUrl', before: existing.photoUrl, after: photo });

  return { changes, jobChange };
}

/** The contact fields {@link mergeClip} may set. */
export type ContactPatch = Partial<
  Pick<
    Contact,
    | 'name'
    | 'jobTitle'
    | 'location'
    | 'emails'
    | 'phones'
    | 'profiles'
    | 'photoUrl'
    | 'companyId'
    | 'clippedFrom'
    | 'clippedAt'
  >
>;

/**
 * The patch that folds a clip into an existing contact: emails and phones are added, never
 * removed (old first, capped at the schema's list limit); single values (name, title, location,
 * profile links, photo) take the newer value when it differs beyond folding, since the draft is
 * what the rep just reviewed; an empty draft value never clears one. The company is set when the
 * caller resolved the draft's company to `opts.companyId` (through {@link companyMatch}, or a
 * company it creates). Records the clip's source and time; `rev` and `updatedAt` are the
 * repository's to set.
 */
export function mergeClip(
  existing: Contact,
  draft: ClipDraft,
  now: number,
  opts: { companyId?: string } = {},
): ContactPatch {
  const patch: ContactPatch = { clippedAt: now };
  const p = draft.person;
  const source = normalizeUrl(draft.sourceUrl);
  if (source) patch.clippedFrom = source;

  for (const field of ['name', 'jobTitle', 'location'] as const) {
    const after = clean(field === 'name' ? p.fullName : p[field]);
    if (after && foldText(after) !== foldText(existing[field] ?? '')) patch[field] = after;
  }
  const emails = mergeList(existing.emails, p.emails.map(normalizeEmail));
  if (emails.length > existing.emails.length) patch.emails = emails;
  const phones = mergeList(existing.phones, p.phones.map(normalizePhone));
  if (phones.length > existing.phones.length) patch.phones = phones;
  const profiles = profileChanges(existing.profiles, draft);
  if (Object.keys(profiles).length) patch.profiles = { ...existing.profiles, ...profiles };
  const photo = p.photoUrl ? normalizeUrl(p.photoUrl) : undefined;
  if (photo && photo !== existing.photoUrl) patch.photoUrl = photo;
  if (opts.companyId && opts.companyId !== existing.companyId) patch.companyId = opts.companyId;
  return patch;
}

// ---------------------------------------------------------------------------------------------
// Never-capture sites

/**
 * Whether `url` is on a site the rep listed as never to clip. An entry is a host or a domain,
 * and a domain covers its subdomains: `bank.com` matches `bank.com`, `www.bank.com` and
 * `secure.bank.com`, never `notbank.com`. Entries pasted as URLs (`https://intranet.acme.com/x`)
 * count by their host; a leading `*.`, `.` or `www.` and a port are ignored. A URL that cannot be
 * parsed matches nothing (there is no page to clip either).
 */
export function neverCaptureMatches(url: string, neverCapture: readonly string[]): boolean {
  let host: string;
  try {
    host = hostKey(new URL(url).hostname);
  } catch {
    return false;
  }
  if (!host) return false;
  return neverCapture.some((entry) => {
    const e = entryHost(entry);
    return !!e && (host === e || host.endsWith(`.${e}`));
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'kg',
  'pty',
]);

/** A company name folded, with trailing legal forms dropped: "Acme, Inc." → "acme". */
export function companyNameKey(name: string): string {
  const words = foldText(name).split(' ').filter(Boolean);
  // Keep at least one word: a company called "Limited" is still called something.
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

function sameCompany(company: Company, draft: ClipCompany): boolean {
  const domain = draftDomain(draft);
  if (domain && company.domain === domain) return true;
  const key = companyNameKey(draft.name);
  return !!key && companyNameKey(company.name) === key;
}

/** The draft company's domain as the `by-domain` index holds it: lower case, no `www.`. */
function draftDomain(company: ClipCompany): string | undefined {
  const raw = company.domain?.trim() || company.website?.trim();
  return raw ? domainOf(raw) : undefined;
}

function profileChanges(existing: Profiles, draft: ClipDraft): Profiles {
  const out: Profiles = {};
  for (const network of ['linkedin', 'twitter', 'github', 'website'] as const) {
    const raw = draft.person[network];
    const url = raw ? normalizeUrl(raw) : undefined;
    if (!url) continue;
    const before = existing[network];
    // Profile links compare by canonical key, so `/in/jo/` and `in/jo?trk=x` are the same person.
    const same =
      before !== undefined &&
      (network === 'website' ? before === url : (profileKey(before) ?? before) === (profileKey(url) ?? url));
    if (!same) out[network] = url;
  }
  return out;
}

function mergeList(existing: readonly string[], added: readonly (string | undefined)[]): string[] {
  const out = [...existing];
  const seen = new Set(existing);
  for (const v of added) {
    if (!v || seen.has(v) || out.length >= LIMITS.list) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}

function unique(xs: readonly (string | undefined)[]): string[] {
  return [...new Set(xs.filter((x): x is string => !!x))];
}

function clean(s: string | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t || undefined;
}

function hostKey(host: string): string {
  return host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

function entryHost(entry: string): string | undefined {
  let s = entry.trim().toLowerCase();
  if (!s) return undefined;
  if (s.includes('://')) {
    try {
      return hostKey(new URL(s).hostname) || undefined;
    } catch {
      return undefined;
    }
  }
  // A bare entry may still carry a path or a port: `bank.com/login`, `intranet:8080`.
  s = s.split(/[/?#]/)[0] ?? '';
  s = s.replace(/:\d+$/, '').replace(/^\*?\./, '');
  return hostKey(s) || undefined;
}

function oldestFirst(list: readonly Company[]): Company[] {
  return [...list].sort((a, b) => a.createdAt - b.createdAt || cmp(a.id, b.id));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
