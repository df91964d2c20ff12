/**
 * Site rules: LinkedIn person and company pages, GitHub profiles and organisations, X/Twitter
 * profiles and posts, Crunchbase organisations. A rule claims URLs by their shape; its
 * selectors (all in ./selectors) read the layout. When a claimed page matches none of them the
 * rule says `matched: false` and generic extraction is used, so a layout change never silently
 * empties a lead.
 */
import { queryAll } from './dom';
import type { MetaFacts } from './meta';
import type { Alternatives } from './selectors';
import * as S from './selectors';
import type { PageKind, Partial, SiteRuleResult } from './types';
import {
  CAPS,
  clean,
  looksLikePersonName,
  pushUnique,
  safeEmail,
  safeUrl,
  socialProfile,
  twitterHandleUrl,
} from './util';

/** The first non-empty text among the alternatives. */
function pick(doc: ParentNode, alts: Alternatives, max: number = CAPS.field): string | undefined {
  for (const sel of alts)
    for (const el of queryAll(doc, sel, 5)) {
      const v = clean(el.textContent ?? '', max);
      if (v) return v;
    }
  return undefined;
}
/** The first element among the alternatives. */
function pickEl(doc: ParentNode, alts: Alternatives): Element | undefined {
  for (const sel of alts) {
    const el = queryAll(doc, sel, 1)[0];
    if (el) return el;
  }
  return undefined;
}
/** A link's target, unwrapping LinkedIn's redirect and X's t.co by the link's own text. */
function linkTarget(a: Element | undefined, base: string): string | undefined {
  if (!a) return undefined;
  const text = clean(a.textContent ?? '', 200);
  const href = a.getAttribute('href') ?? '';
  try {
    const u = new URL(href, base);
    const inner = u.searchParams.get('url');
    if (/linkedin\.com$/.test(u.hostname) && inner) return safeUrl(inner);
    if (u.hostname === 't.co' && text) return safeUrl(text.replace(/…$/, ''));
  } catch {
    // fall through
  }
  return safeUrl(href, base) ?? (text && /^[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(text) ? safeUrl(text) : undefined);
}

interface Rule {
  name: string;
  /** Whether the rule claims this URL. */
  claims(u: URL): boolean;
  /** What it reads; `undefined` when the layout matches none of its selectors. */
  read(doc: Document, u: URL, meta: MetaFacts, base: string): { partial: Partial; kind: PageKind } | undefined;
}

const host = (u: URL) => u.hostname.toLowerCase().replace(/^(www|m|mobile|[a-z]{2})\./, '');
const segs = (u: URL) => u.pathname.split('/').filter(Boolean);

/** "VP Sales at Acme" → title and company. */
function splitHeadline(h: string | undefined): { title?: string; company?: string } {
  if (!h) return {};
  const head = h.split(/\s[|·•]\s/)[0] ?? h;
  const m = /^(.{2,120}?)\s+(?:at|@|bei|chez)\s+(.{2,80})$/i.exec(head);
  return m ? { title: clean(m[1]), company: clean(m[2]) } : { title: clean(head) };
}

const RULES: Rule[] = [
  {
    name: 'linkedin-person',
    claims: (u) => host(u) === 'linkedin.com' && /^(in|pub)$/.test(segs(u)[0] ?? ''),
    read(doc, u) {
      const L = S.linkedinPerson;
      const name = pick(doc, L.name);
      if (!name) return undefined;
      const p: Partial = { source: 'site:linkedin', person: { fullName: name }, company: {} };
      const head = splitHeadline(pick(doc, L.headline));
      p.person.jobTitle = head.title;
      p.person.location = pick(doc, L.location);
      p.person.linkedin = socialProfile(`${u.origin}${u.pathname}`)?.url;
      p.company.name = pick(doc, L.company) ?? head.company;
      const cl = pickEl(doc, L.companyLink)?.getAttribute('href');
      const cs = cl ? socialProfile(safeUrl(cl, u.href) ?? '') : undefined;
      if (cs?.network === 'linkedin-company') p.company.linkedin = cs.url;
      return { partial: p, kind: 'person' };
    },
  },
  {
    name: 'linkedin-company',
    claims: (u) => host(u) === 'linkedin.com' && /^(company|school|showcase)$/.test(segs(u)[0] ?? ''),
    read(doc, u, _m, base) {
      const L = S.linkedinCompany;
      const name = pick(doc, L.name);
      if (!name) return undefined;
      const p: Partial = { source: 'site:linkedin', person: {}, company: { name } };
      p.company.description = pick(doc, L.description, CAPS.description);
      p.company.website = linkTarget(pickEl(doc, L.website), base);
      p.company.industry = pick(doc, L.industry);
      p.company.address = pick(doc, L.headquarters);
      const s = segs(u);
      p.company.linkedin = `https://www.linkedin.com/${s[0]}/${s[1]}`;
      return { partial: p, kind: 'company' };
    },
  },
  {
    name: 'github',
    claims: (u) => host(u) === 'github.com' && segs(u).length === 1 && !!socialProfile(u.href),
    read(doc, u, _m, base) {
      const G = S.githubProfile;
      const name = pick(doc, G.name) ?? pick(doc, G.login);
      const github = socialProfile(u.href)?.url;
      if (name) {
        const p: Partial = { source: 'site:github', person: { fullName: name, github }, company: {} };
        const org = pick(doc, G.company);
        if (org) p.company.name = clean(org.replace(/^@/, ''));
        p.person.location = pick(doc, G.location);
        p.person.website = linkTarget(pickEl(doc, G.website), base);
        const email = safeEmail(pickEl(doc, G.email)?.getAttribute('href') ?? '');
        if (email) p.person.emails = [email];
        for (const sel of G.social)
          for (const a of queryAll(doc, sel, 10)) {
            const s = socialProfile(safeUrl(a.getAttribute('href') ?? '', base) ?? '');
            if (s?.network === 'linkedin') p.person.linkedin ??= s.url;
            if (s?.network === 'twitter') p.person.twitter ??= s.url;
          }
        const bio = pick(doc, G.bio);
        if (bio && bio.length <= 120) p.person.jobTitle = splitHeadline(bio).title;
        return { partial: p, kind: 'person' };
      }
      const O = S.githubOrg;
      const orgName = pick(doc, O.name);
      if (!orgName) return undefined;
      const p: Partial = { source: 'site:github', person: {}, company: { name: orgName } };
      p.company.website = linkTarget(pickEl(doc, O.website), base);
      p.company.address = pick(doc, O.location);
      p.company.description = pick(doc, O.description, CAPS.description);
      return { partial: p, kind: 'company' };
    },
  },
  {
    name: 'x',
    claims: (u) =>
      (host(u) === 'twitter.com' || host(u) === 'x.com') &&
      (!!socialProfile(`${u.origin}/${segs(u)[0] ?? ''}`) || segs(u)[1] === 'status'),
    read(doc, u, meta, base) {
      const X = S.xProfile;
      const status = segs(u)[1] === 'status';
      const handle = segs(u)[0] ?? '';
      let name: string | undefined;
      const box = pickEl(doc, X.userName);
      if (box && !status) {
        const spans = queryAll(box, 'span', 40)
          .map((s) => clean(s.textContent ?? ''))
          .filter((s): s is string => !!s && !s.startsWith('@'));
        name = spans[0];
      }
      // The page title is "Name (@handle) / X" on profiles and "Name (@handle) on X" on posts.
      const t = /^(.{1,80}?)\s*\(@([a-z0-9_]{1,15})\)/i.exec(meta.ogTitle ?? meta.title ?? '');
      if (!name && t?.[2]?.toLowerCase() === handle.toLowerCase()) name = clean(t[1]);
      if (!name) return undefined;
      const twitter = twitterHandleUrl(handle);
      // Whose account it is is not stated: a person's name makes it a person, else an organisation.
      const asPerson = looksLikePersonName(name);
      const p: Partial = { source: 'site:x', person: {}, company: {} };
      if (asPerson) p.person = { fullName: name, twitter };
      else p.company = { name, twitter };
      if (!status) {
        const loc = pick(doc, X.location);
        const site = linkTarget(pickEl(doc, X.url), base);
        if (asPerson) {
          p.person.location = loc;
          p.person.website = site;
        } else {
          p.company.address = loc;
          p.company.website = site;
          p.company.description = pick(doc, X.description, CAPS.description);
        }
      }
      return { partial: p, kind: status ? 'other' : asPerson ? 'person' : 'company' };
    },
  },
  {
    name: 'crunchbase',
    claims: (u) => host(u) === 'crunchbase.com' && segs(u)[0] === 'organization' && !!segs(u)[1],
    read(doc, _u, _m, base) {
      const C = S.crunchbaseOrg;
      const name = pick(doc, C.name);
      if (!name) return undefined;
      const p: Partial = { source: 'site:crunchbase', person: {}, company: { name } };
      p.company.description = pick(doc, C.description, CAPS.description);
      p.company.website = linkTarget(pickEl(doc, C.website), base);
      const industries: string[] = [];
      for (const sel of C.industries)
        for (const a of queryAll(doc, sel, 10)) pushUnique(industries, clean(a.textContent ?? ''));
      if (industries.length) p.company.industry = clean(industries.join(', '));
      const places: string[] = [];
      for (const sel of C.location)
        for (const a of queryAll(doc, sel, 6)) pushUnique(places, clean(a.textContent ?? ''));
      if (places.length) p.company.address = clean(places.join(', '));
      for (const a of queryAll(doc, C.linkedin.join(','), 5)) {
        const s = socialProfile(safeUrl(a.getAttribute('href') ?? '', base) ?? '');
        if (s?.network === 'linkedin-company') p.company.linkedin ??= s.url;
      }
      for (const a of queryAll(doc, C.twitter.join(','), 5)) {
        const s = socialProfile(safeUrl(a.getAttribute('href') ?? '', base) ?? '');
        if (s?.network === 'twitter') p.company.twitter ??= s.url;
      }
      return { partial: p, kind: 'company' };
    },
  },
];

/** The site rule for `url`, if one claims it, and what it read. Never throws. */
export function runSiteRule(
  doc: Document,
  url: string,
  meta: MetaFacts,
  base: string,
): { rule?: SiteRuleResult; partial?: Partial; kind?: PageKind } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return {};
  }
  const rule = RULES.find((r) => r.claims(u));
  if (!rule) return {};
  try {
    const got = rule.read(doc, u, meta, base);
    if (!got) return { rule: { name: rule.name, matched: false } };
    return { rule: { name: rule.name, matched: true }, ...got };
  } catch {
    return { rule: { name: rule.name, matched: false } };
  }
}
