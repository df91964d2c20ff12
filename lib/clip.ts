/**
 * Turns what the extractor read off a page into the capture card's drafts: one per person (a
 * team or speaker page gives several), each field's source named for the card, and a notice
 * when a site rule did not recognise the page's layout.
 */
import { extract } from './extract';
import { derivedSource } from './extract/in-page';
import type { Extraction, Person, SourceName } from './extract/types';
import { clean, safeUrl } from './extract/util';
import { domainOf } from './normalize';
import type { ClipDraftInput } from './protocol';

export interface CaptureLaunchLike {
  mode: 'page' | 'link';
  linkUrl?: string;
  linkText?: string;
}

export interface PageRead {
  drafts: ClipDraftInput[];
  /** Card field name → a label of where its value came from. */
  sources: Record<string, string>;
  notice?: string;
  /** What `notice` says, for a UI that words it in its own language. */
  noticeCode?: { kind: 'layout'; site: string } | { kind: 'company' };
  pageKind: Extraction['pageKind'];
  siteRule?: Extraction['siteRule'];
}

const SITE_NAMES: Record<string, string> = {
  'linkedin-person': 'LinkedIn',
  'linkedin-company': 'LinkedIn',
  linkedin: 'LinkedIn',
  github: 'GitHub',
  twitter: 'X',
  x: 'X',
  crunchbase: 'Crunchbase',
};

/** "JSON-LD", "LinkedIn rule", "page text"… */
export function sourceLabel(s: SourceName): string {
  if (s.startsWith('site:')) {
    const name = s.slice(5);
    return `${SITE_NAMES[name] ?? name} rule`;
  }
  return {
    jsonld: 'JSON-LD',
    microdata: 'microdata',
    rdfa: 'RDFa',
    hcard: 'h-card',
    meta: 'page meta',
    text: 'page text',
  }[s as 'jsonld'];
}

const CARD_FIELDS: Record<string, string> = {
  'person.fullName': 'fullName',
  'person.jobTitle': 'jobTitle',
  'person.location': 'location',
  'person.emails': 'emails',
  'person.phones': 'phones',
  'person.linkedin': 'linkedin',
  'person.website': 'website',
  'person.twitter': 'twitter',
  'person.github': 'github',
  'company.name': 'company',
};

/** The drafts the card opens with, from an extraction (pure; `readPage` does the reading). */
export function draftsFrom(ex: Extraction, url: string, title: string, launch: CaptureLaunchLike): PageRead {
  const source = derivedSource(url);
  const company = ex.company.name
    ? {
        name: ex.company.name,
        domain: ex.company.domain,
        website: ex.company.website,
        description: ex.company.description,
        industry: ex.company.industry,
        address: ex.company.address,
        linkedin: ex.company.linkedin,
        twitter: ex.company.twitter,
      }
    : undefined;
  const draftOf = (p: Person): ClipDraftInput => ({
    ...base(p),
    // On a speaker or team page each person may bring their own organisation.
    company: p.company && p.company !== company?.name ? { name: p.company } : company,
  });
  const base = (p: Person): ClipDraftInput => ({
    person: {
      fullName: p.fullName ?? '',
      jobTitle: p.jobTitle,
      location: p.location,
      emails: p.emails ?? [],
      phones: p.phones ?? [],
      linkedin: p.linkedin,
      twitter: p.twitter,
      github: p.github,
      website: p.website,
    },
    company,
    sourceUrl: url,
    pageTitle: title,
    source,
  });

  if (launch.mode === 'link' && launch.linkUrl) {
    // A linked profile: we cannot read that page from here, so start from the link itself. The
    // link and its text are the page's (a `javascript:` link has a context menu too): only an
    // http(s) link becomes a profile, and the text is cleaned like any extracted value.
    const link = safeUrl(launch.linkUrl);
    const person: Person = { fullName: clean(launch.linkText, 120) };
    const host = (link && domainOf(link)) ?? '';
    if (!link) {
      // nothing to keep but the text
    } else if (/linkedin\.com$/.test(host)) person.linkedin = link;
    else if (/(^|\.)(x|twitter)\.com$/.test(host)) person.twitter = link;
    else if (/github\.com$/.test(host)) person.github = link;
    else person.website = link;
    return {
      drafts: [{ ...draftOf(person), company: undefined, source: link ? derivedSource(link) : 'other' }],
      sources: {},
      pageKind: 'person',
    };
  }

  const sources: Record<string, string> = {};
  for (const [k, s] of Object.entries(ex.sources)) {
    const field = CARD_FIELDS[k];
    if (field) sources[field] = sourceLabel(s);
  }
  const people = ex.people.filter((p) => p.fullName);
  const drafts =
    people.length > 1
      ? people.map(draftOf)
      : [draftOf(people.length === 1 && !ex.person.fullName ? (people[0] as Person) : ex.person)];
  const noticeCode: PageRead['noticeCode'] =
    ex.siteRule && !ex.siteRule.matched
      ? { kind: 'layout', site: SITE_NAMES[ex.siteRule.name] ?? ex.siteRule.name }
      : !drafts[0]?.person.fullName && ex.pageKind === 'company'
        ? { kind: 'company' }
        : undefined;
  const notice =
    noticeCode?.kind === 'layout'
      ? `Leadline did not recognise this ${noticeCode.site} page's layout, so it read the page with its general rules. Check the fields before saving.`
      : noticeCode?.kind === 'company'
        ? 'This looks like a company page: add the person you want to reach.'
        : undefined;
  return { drafts, sources, notice, noticeCode, pageKind: ex.pageKind, siteRule: ex.siteRule };
}

/**
 * Reads a page snapshot: every source, the h-cards included, then the card's drafts. Runs in
 * an extension page (the offscreen document, or Firefox's background page) over the HTML the
 * capture script sent, so the extractor's size costs the web page nothing.
 */
export function readSnapshot(doc: Document, url: string, title: string, launch: CaptureLaunchLike): PageRead {
  return draftsFrom(extract(doc, url), url, title || doc.title, launch);
}
