/**
 * Merging what the sources found, field by field.
 *
 * Precedence, highest first — the first source with a value wins a scalar field:
 *   1. site rule (`site:*`): it knows the layout of the page it claimed;
 *   2. JSON-LD: written for machines, explicit about types and the main entity;
 *   3. microdata, 4. RDFa: explicit, but tied to visible markup and older vocabularies;
 *   5. h-card (microformats): explicit, but often the author card of a feed;
 *   6. `<meta>` (OpenGraph, Twitter card): the page's self-description, not a profile;
 *   7. text: heuristics over the visible page.
 * A lower source fills a person's (or company's) field only when it names the same person
 * (or company) as the winning name, or names none, so two subjects are never mixed. Lists
 * (emails, phones) are unions in precedence order, deduplicated.
 */
import { domainOf } from '../normalize';
import {
  COMPANY_SCALARS,
  type Company,
  type Extraction,
  type PageKind,
  type Partial,
  PEOPLE_SCALARS,
  PERSON_SCALARS,
  type Person,
  type SourceName,
  URL_FIELDS,
} from './types';
import { CAPS, clean, pushUnique, safeEmail, safePhone, safeUrl } from './util';

/** The rank of a source: lower wins. */
export function rank(s: SourceName | undefined): number {
  if (!s) return 99;
  if (s.startsWith('site:')) return 0;
  return ({ jsonld: 1, microdata: 2, rdfa: 3, hcard: 4, meta: 5, text: 6 } as Record<string, number>)[s] ?? 7;
}

const fold = (s: unknown) =>
  String(s ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

type Side = 'person' | 'company';

function mergeSide(
  side: Side,
  partials: Partial[],
  out: Record<string, unknown>,
  sources: Record<string, SourceName>,
  nameKey: string,
): void {
  const scalars: readonly string[] = side === 'person' ? PERSON_SCALARS : COMPANY_SCALARS;
  for (const p of partials) {
    const got = p[side] as Record<string, unknown>;
    const theirName = got[nameKey];
    if (out[nameKey] && theirName && fold(theirName) !== fold(out[nameKey])) continue;
    for (const f of scalars) {
      if (out[f] === undefined && got[f] !== undefined && got[f] !== '') {
        out[f] = got[f];
        sources[`${side}.${f}`] = p.source;
      }
    }
    for (const f of ['emails', 'phones'] as const) {
      const list = got[f];
      if (!Array.isArray(list) || !list.length) continue;
      const into = (out[f] as string[] | undefined) ?? [];
      const before = into.length;
      for (const v of list) pushUnique(into, typeof v === 'string' ? v : undefined, f === 'phones');
      if (into.length > before) {
        out[f] = into;
        sources[`${side}.${f}`] ??= p.source;
      }
    }
  }
}

/** Merges partials (in any order: they are sorted by precedence) into one extraction. */
export function mergePartials(
  parts: Array<Partial | undefined>,
  pageKind: PageKind,
  kindSource?: SourceName,
): Extraction {
  const partials = parts.filter((p): p is Partial => !!p).sort((a, b) => rank(a.source) - rank(b.source));
  const sources: Record<string, SourceName> = {};
  const person: Record<string, unknown> = {};
  const company: Record<string, unknown> = {};
  mergeSide('person', partials, person, sources, 'fullName');
  mergeSide('company', partials, company, sources, 'name');
  const peopleFrom = partials.find((p) => p.people?.length);
  const ex: Extraction = {
    person: person as Person,
    company: company as Company,
    pageKind,
    people: peopleFrom?.people ?? [],
    sources,
  };
  if (peopleFrom) sources.people = peopleFrom.source;
  if (kindSource) sources.pageKind = kindSource;
  return finalize(ex);
}

/** The company's domain from its website, when no source stated one. */
function deriveDomain(ex: Extraction): void {
  const c = ex.company;
  if (!c.domain && c.website) {
    const d = domainOf(c.website);
    if (d) {
      c.domain = d;
      ex.sources['company.domain'] = ex.sources['company.website'] ?? 'text';
    }
  }
}

function cleanPerson(p: Record<string, unknown>, scalars: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of scalars) {
    const v = p[f];
    const c = URL_FIELDS.has(f) ? safeUrl(v) : clean(v, f === 'description' ? CAPS.description : CAPS.field);
    if (c) out[f] = f === 'domain' ? c.toLowerCase().replace(/^www\./, '') : c;
  }
  const emails: string[] = [];
  for (const e of Array.isArray(p.emails) ? p.emails : []) pushUnique(emails, safeEmail(e));
  const phones: string[] = [];
  for (const t of Array.isArray(p.phones) ? p.phones : []) pushUnique(phones, safePhone(t), true);
  if (emails.length) out.emails = emails;
  if (phones.length) out.phones = phones;
  return out;
}

/**
 * The last, defensive pass: every field cleaned and capped again, every link http(s), empty
 * fields and their sources dropped, the domain derived. Whatever a source did, this holds.
 */
export function finalize(ex: Extraction): Extraction {
  deriveDomain(ex);
  const person = cleanPerson(ex.person as Record<string, unknown>, PERSON_SCALARS) as Person;
  const company = cleanPerson(ex.company as Record<string, unknown>, COMPANY_SCALARS) as Company;
  if (company.domain && !/^[a-z0-9.-]+\.[a-z0-9-]{2,}$/.test(company.domain)) delete company.domain;
  const people = (Array.isArray(ex.people) ? ex.people : [])
    .slice(0, CAPS.people)
    .map((p) => cleanPerson(p as Record<string, unknown>, PEOPLE_SCALARS) as Person)
    .filter((p) => p.fullName);
  const sources: Record<string, SourceName> = {};
  for (const [k, v] of Object.entries(ex.sources)) {
    const [side, f] = k.split('.') as [string, string | undefined];
    const obj = side === 'person' ? person : side === 'company' ? company : undefined;
    const keep =
      side === 'people' ? people.length > 0 : !f || (obj && (obj as Record<string, unknown>)[f] !== undefined);
    if (keep) sources[k] = v;
  }
  const out: Extraction = { person, company, pageKind: ex.pageKind, people, sources };
  if (ex.siteRule) out.siteRule = ex.siteRule;
  return out;
}
