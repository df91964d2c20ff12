/**
 * OpenGraph, Twitter card and plain `<meta>` tags, and the canonical URL: the page's own
 * description of itself. These are facts the generic rules weigh (a title is not yet a name).
 */
import { query, queryAll } from './dom';
import { clean, safeUrl } from './util';

/** The page's meta facts, cleaned. */
export interface MetaFacts {
  title?: string;
  ogTitle?: string;
  ogType?: string;
  ogSiteName?: string;
  ogUrl?: string;
  description?: string;
  author?: string;
  applicationName?: string;
  twitterSite?: string;
  twitterCreator?: string;
  /** Twitter card label/data pairs, e.g. "written by" → "Jane Doe". */
  labels: Record<string, string>;
  canonical?: string;
  profileFirstName?: string;
  profileLastName?: string;
  articleAuthor?: string;
}

/** Reads the meta facts of `doc` (links resolved against `base`). */
export function readMeta(doc: Document, base: string): MetaFacts {
  const m = new Map<string, string>();
  for (const el of queryAll(doc, 'meta[content]', 500)) {
    const key = (
      el.getAttribute('property') ??
      el.getAttribute('name') ??
      el.getAttribute('itemprop') ??
      ''
    ).toLowerCase();
    const v = el.getAttribute('content') ?? '';
    if (key && !m.has(key)) m.set(key, v);
  }
  const get = (k: string) => clean(m.get(k));
  const labels: Record<string, string> = {};
  for (let i = 1; i <= 4; i++) {
    const l = get(`twitter:label${i}`);
    const d = get(`twitter:data${i}`);
    if (l && d) labels[l.toLowerCase()] = d;
  }
  const titleEl = query(doc, 'title');
  return {
    title: clean(titleEl?.textContent ?? ''),
    ogTitle: get('og:title') ?? get('twitter:title'),
    ogType: get('og:type')?.toLowerCase(),
    ogSiteName: get('og:site_name'),
    ogUrl: safeUrl(m.get('og:url') ?? '', base),
    description: get('description') ?? get('og:description'),
    author: get('author'),
    applicationName: get('application-name'),
    twitterSite: get('twitter:site'),
    twitterCreator: get('twitter:creator'),
    labels,
    canonical: safeUrl(query(doc, 'link[rel~="canonical" i][href]')?.getAttribute('href') ?? '', base),
    profileFirstName: get('profile:first_name'),
    profileLastName: get('profile:last_name'),
    articleAuthor: get('article:author') ?? get('author'),
  };
}
