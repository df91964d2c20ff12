/**
 * The shape of what the extractor returns: the fields a rep reviews in the capture card before
 * a clip becomes a Contact, a Company and a Deal. Field names match the labels of the capture
 * corpus (shared/corpus), so the scorer compares like with like. Empty fields are omitted.
 */

/** A person found on the page: the prospect, or one of several on a team or speaker page. */
export interface Person {
  fullName?: string;
  jobTitle?: string;
  location?: string;
  linkedin?: string;
  twitter?: string;
  github?: string;
  website?: string;
  emails?: string[];
  phones?: string[];
  /** In a people list only: the name of this person's own organisation (speakers come from many). */
  company?: string;
}

/** The company: the person's employer, or the page's own organisation. */
export interface Company {
  name?: string;
  domain?: string;
  website?: string;
  address?: string;
  linkedin?: string;
  twitter?: string;
  industry?: string;
  description?: string;
  emails?: string[];
  phones?: string[];
}

/** What kind of page it is: a profile, an organisation, a contact/imprint page, an article, or else. */
export type PageKind = 'person' | 'company' | 'contact' | 'article' | 'other';

/** Where a value came from; `site:NAME` for a site rule. */
export type SourceName = 'jsonld' | 'microdata' | 'rdfa' | 'hcard' | 'meta' | 'text' | `site:${string}`;

/** Which site rule claimed the URL, and whether its selectors found anything on the page. */
export interface SiteRuleResult {
  name: string;
  matched: boolean;
}

/** The full extraction: `sources` maps `person.fullName`, `company.emails`, `pageKind`… to their source. */
export interface Extraction {
  person: Person;
  company: Company;
  pageKind: PageKind;
  people: Person[];
  sources: Record<string, SourceName>;
  siteRule?: SiteRuleResult;
}

/** What one source module finds; merged by `mergePartials` in precedence order. */
export interface Partial {
  source: SourceName;
  person: Person;
  company: Company;
  people?: Person[];
  /** The kind this source argues for, if it has an opinion. */
  pageKind?: PageKind;
}

/** Field names, for loops that copy or check every field. */
export const PERSON_SCALARS = ['fullName', 'jobTitle', 'location', 'linkedin', 'twitter', 'github', 'website'] as const;
/** A person in a people list also keeps their organisation's name. */
export const PEOPLE_SCALARS = [...PERSON_SCALARS, 'company'] as const;
export const COMPANY_SCALARS = [
  'name',
  'domain',
  'website',
  'address',
  'linkedin',
  'twitter',
  'industry',
  'description',
] as const;
export const URL_FIELDS = new Set(['linkedin', 'twitter', 'github', 'website']);
