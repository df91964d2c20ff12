/**
 * One model for structured data, whatever the syntax: JSON-LD, microdata, RDFa and h-card are
 * each read into `Item`s (types and properties by their local name, lower case), and one
 * interpreter maps the schema.org, data-vocabulary.org, vCard, GoodRelations and FOAF terms onto
 * a person, a company and a list of people.
 */
import type { Company, PageKind, Partial, Person, SourceName } from './types';
import { CAPS, clean, pushUnique, safeEmail, safePhone, safeUrl, socialProfile } from './util';

/** A typed node: `types` and property names are local names in lower case ("person", "jobtitle"). */
export interface Item {
  types: string[];
  props: Record<string, Value[]>;
}
export type Value = string | Item;

/** The local name of a term or type URL: "http://schema.org/Person" → "person", "gr:legalName" → "legalname". */
export function localName(term: string): string {
  const s = term.trim();
  const i = Math.max(s.lastIndexOf('/'), s.lastIndexOf('#'), s.lastIndexOf(':'));
  return s.slice(i + 1).toLowerCase();
}

/** Adds a value to an item's property, keeping each item small. */
export function addProp(item: Item, name: string, value: Value | undefined): void {
  if (value === undefined || value === '') return;
  const key = localName(name);
  if (!key || key === '__proto__') return;
  // Own keys only: `props.constructor` would otherwise be Object itself, and pushing to it throws,
  // which lost the whole source (a page's `"constructor"` key hid its JSON-LD).
  let list = Object.hasOwn(item.props, key) ? item.props[key] : undefined;
  if (!list) {
    list = [];
    item.props[key] = list;
  }
  if (list.length < 50) list.push(value);
}

const PERSON_TYPE = /^(person|individual)$/;
const ORG_TYPE =
  /(organi[sz]ation|business|corporation|company|store|restaurant|agency|^ngo$|school|university|college|hotel|clinic|bank|shop|brand|service|dentist|physician|airline|consortium|cooperative|^org$|bakery|cafe|office|attorney|library|museum|hospital|establishment|legalservice)/;
const ARTICLE_TYPE = /(article|blogposting|posting|report|review|creativework|howto|newsarticle)$/;
const PAGE_TYPE = /^(profilepage|aboutpage|contactpage|webpage|itempage|collectionpage)$/;

const isPerson = (it: Item) => it.types.some((t) => PERSON_TYPE.test(t));
const isOrg = (it: Item) => !isPerson(it) && it.types.some((t) => ORG_TYPE.test(t));

function texts(it: Item, ...names: string[]): string[] {
  const out: string[] = [];
  for (const n of names) for (const v of it.props[n] ?? []) if (typeof v === 'string') out.push(v);
  return out;
}
function first(it: Item, ...names: string[]): string | undefined {
  for (const n of names) for (const v of it.props[n] ?? []) if (typeof v === 'string' && clean(v)) return v;
  return undefined;
}
function items(it: Item, ...names: string[]): Item[] {
  const out: Item[] = [];
  for (const n of names) for (const v of it.props[n] ?? []) if (typeof v !== 'string') out.push(v);
  return out;
}

/** An address item or text as one line: street, locality, region and postcode, country. */
export function addressLine(v: Value | undefined, depth = 0): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return clean(v);
  if (depth > 3) return undefined;
  const whole = first(v, 'label');
  const street = first(v, 'streetaddress', 'street-address', 'street', 'extended-address', 'extendedaddress');
  const locality = first(v, 'addresslocality', 'locality', 'city');
  const region = first(v, 'addressregion', 'region');
  const postal = first(v, 'postalcode', 'postal-code', 'zip');
  let country = first(v, 'addresscountry', 'country-name', 'countryname', 'country');
  if (!country) {
    const c = items(v, 'addresscountry', 'country')[0];
    if (c) country = first(c, 'name');
  }
  const parts: string[] = [];
  if (street) parts.push(street);
  if (region && /^[A-Z]{2}$/.test(region.trim())) {
    if (locality) parts.push(locality);
    parts.push(postal ? `${region} ${postal}` : region);
  } else {
    if (postal || locality) parts.push([postal, locality].filter(Boolean).join(' '));
    if (region) parts.push(region);
  }
  if (country) parts.push(country);
  const line = parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(', ');
  if (line) return clean(line);
  if (whole) return clean(whole);
  // A place with a name or a nested address (schema.org Place.address).
  const nested = items(v, 'address', 'adr')[0];
  return nested ? addressLine(nested, depth + 1) : clean(first(v, 'name'));
}

/** Sorts the links of a subject into profiles and a website. */
function applyLinks(target: Person | Company, urls: string[], base: string, person: boolean): void {
  for (const raw of urls) {
    const href = safeUrl(raw, base);
    if (!href) continue;
    const social = socialProfile(href);
    if (social) {
      const key = social.network === 'linkedin-company' || social.network === 'linkedin' ? 'linkedin' : social.network;
      if (key === 'github' && !person) continue;
      if (key === 'linkedin' && (social.network === 'linkedin') !== person) continue;
      const t = target as Record<string, unknown>;
      t[key] ??= social.url;
    } else target.website ??= href;
  }
}

function contacts(target: Person | Company, it: Item): void {
  const emails: string[] = target.emails ?? [];
  const phones: string[] = target.phones ?? [];
  const points = [it, ...items(it, 'contactpoint', 'contactpoints')];
  for (const p of points) {
    for (const e of texts(p, 'email')) pushUnique(emails, safeEmail(e));
    for (const t of texts(p, 'telephone', 'tel', 'phone')) pushUnique(phones, safePhone(t), true);
    // h-card/vCard tel and email may be nested items with a value.
    for (const t of items(p, 'tel')) pushUnique(phones, safePhone(first(t, 'value')), true);
  }
  if (emails.length) target.emails = emails;
  if (phones.length) target.phones = phones;
}

/** A person from a Person item (schema.org, data-vocabulary.org, h-card, FOAF). */
export function toPerson(it: Item, base: string): { person: Person; company?: Company } {
  const person: Person = {};
  let name = first(it, 'name', 'fn');
  const given = first(it, 'givenname', 'given-name', 'firstname');
  const family = first(it, 'familyname', 'family-name', 'lastname', 'surname');
  if ((!name || !clean(name)) && (given || family)) name = [given, family].filter(Boolean).join(' ');
  person.fullName = clean(name);
  person.jobTitle = clean(first(it, 'jobtitle', 'job-title', 'title', 'role'));
  const loc = (it.props.homelocation ?? it.props.address ?? it.props.adr ?? it.props.location)?.[0];
  person.location = addressLine(loc) ?? addressLine(locFromFlat(it));
  applyLinks(person, [...texts(it, 'url', 'uid'), ...texts(it, 'sameas', 'me')], base, true);
  contacts(person, it);
  let company: Company | undefined;
  const employer = (it.props.worksfor ?? it.props.affiliation ?? it.props.org ?? it.props['organization-name'])?.[0];
  if (typeof employer === 'string') company = { name: clean(employer) };
  else if (employer) company = toCompany(employer, base);
  return { person, company };
}

// h-card may put locality/region on the card itself rather than in an adr.
function locFromFlat(it: Item): Item | undefined {
  const keys = ['locality', 'region', 'country-name'];
  if (!keys.some((k) => it.props[k])) return undefined;
  const adr: Item = { types: ['adr'], props: {} };
  for (const k of keys) for (const v of it.props[k] ?? []) addProp(adr, k, v);
  return adr;
}

/** A company from an Organization item (or subtype), a GoodRelations BusinessEntity, an org h-card. */
export function toCompany(it: Item, base: string): Company {
  const company: Company = {};
  company.name = clean(first(it, 'legalname', 'name', 'fn', 'org', 'organization-name', 'alternatename'));
  const adr = (it.props.address ?? it.props.adr ?? it.props.location)?.[0];
  company.address = addressLine(adr) ?? addressLine(locFromFlat(it));
  company.description = clean(first(it, 'description', 'note', 'slogan'), CAPS.description);
  company.industry = clean(first(it, 'industry'));
  applyLinks(company, [...texts(it, 'url', 'uid', 'page', 'homepage'), ...texts(it, 'sameas')], base, false);
  contacts(company, it);
  return company;
}

/** All items reachable from the roots (bounded), for finding the subjects anywhere in a graph. */
function walk(roots: Item[]): Item[] {
  const out: Item[] = [];
  const seen = new Set<Item>();
  const stack: Array<[Item, number]> = roots.map((r) => [r, 0]);
  while (stack.length && out.length < 500) {
    const [it, d] = stack.shift()!;
    if (seen.has(it)) continue;
    seen.add(it);
    out.push(it);
    if (d >= CAPS.depth) continue;
    for (const vs of Object.values(it.props)) for (const v of vs) if (typeof v !== 'string') stack.push([v, d + 1]);
  }
  return out;
}

/**
 * The subjects of a set of items: the main entity of a profile page first, then a lone Person
 * (several Persons make a people list), then the first Organization; an article's author and
 * publisher when nothing else is named.
 */
export function interpretItems(roots: Item[], base: string, source: SourceName): Partial {
  const out: Partial = { source, person: {}, company: {} };
  const all = walk(roots);
  let kind: PageKind | undefined;
  let main: Item | undefined;
  for (const it of all) {
    if (it.types.some((t) => PAGE_TYPE.test(t))) {
      const m = items(it, 'mainentity', 'about')[0];
      if (m && (isPerson(m) || isOrg(m))) {
        main = m;
        break;
      }
    }
  }
  const article = all.find((it) => it.types.some((t) => ARTICLE_TYPE.test(t)));
  // Persons that are only an author, a founder or an employee of something else are not the subject.
  const nestedPersons = new Set<Item>();
  for (const it of all)
    for (const [k, vs] of Object.entries(it.props))
      if (k !== 'mainentity')
        for (const v of vs) if (typeof v !== 'string' && isPerson(v) && it !== v) nestedPersons.add(v);
  const persons = all.filter((it) => isPerson(it) && !nestedPersons.has(it) && first(it, 'name', 'fn', 'givenname'));
  const orgs = all.filter(isOrg);

  let personItem = main && isPerson(main) ? main : undefined;
  if (!personItem && !main && persons.length === 1) personItem = persons[0];
  if (!personItem && !main && persons.length === 0 && article) {
    const author = items(article, 'author', 'creator')[0];
    if (author && !isOrg(author)) personItem = author;
  }
  if (personItem) {
    const { person, company } = toPerson(personItem, base);
    out.person = person;
    if (company) out.company = company;
    kind = 'person';
  }
  if (!out.company.name) {
    const orgItem =
      (main && isOrg(main) ? main : undefined) ??
      (article ? items(article, 'publisher')[0] : undefined) ??
      orgs.find((o) => !personItem || !Object.values(personItem.props).some((vs) => vs.includes(o))) ??
      orgs[0];
    if (orgItem) {
      out.company = { ...toCompany(orgItem, base), ...stripEmpty(out.company) };
      if (!personItem) kind = 'company';
    }
  }
  if (!personItem && persons.length > 1) {
    out.people = persons.slice(0, CAPS.people).map((p) => {
      const { person, company } = toPerson(p, base);
      return company?.name ? { ...person, company: company.name } : person;
    });
  }
  if (article && !main) kind = 'article';
  out.pageKind = kind;
  return out;
}

function stripEmpty<T extends object>(o: T): T {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && !(Array.isArray(v) && !v.length)) r[k] = v;
  return r as T;
}
