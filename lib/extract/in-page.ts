/**
 * What runs inside the web page (the capture content script): every source but microformats,
 * whose parser is too big to inject. `hcardHtml` cuts out the h-card roots so only they travel
 * to the extension, where `extractHCards` (./hcard) parses them and `mergeExtractions` joins the
 * two. Nothing here throws: a source that fails is skipped.
 */
import type { LEAD_SOURCES } from '../records';
import { baseUrlOf, query, queryAll } from './dom';
import { extractGeneric } from './generic';
import { extractJsonLd } from './jsonld';
import { mergePartials, rank } from './merge';
import { type MetaFacts, readMeta } from './meta';
import { extractMicrodata } from './microdata';
import { extractRdfa } from './rdfa';
import { runSiteRule } from './sites';
import type { Extraction, PageKind, Partial, SourceName } from './types';
import { PLATFORM_HOSTS } from './util';

export type { Company, Extraction, PageKind, Person, SiteRuleResult, SourceName } from './types';

/** Runs `f`, or returns `undefined` if it throws: one broken source must not lose the others. */
function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

const EMPTY_META: MetaFacts = { labels: {} };

/** The kind a partial argues for, with its source, in the order they are trusted. */
function decideKind(
  site: { kind?: PageKind; source?: SourceName },
  generic: PageKind | undefined,
  structured: Array<Partial | undefined>,
): { kind: PageKind; source?: SourceName } {
  if (site.kind) return { kind: site.kind, source: site.source };
  // A contact or imprint page is that, whatever organisation markup it carries.
  if (generic === 'contact') return { kind: generic, source: 'text' };
  for (const p of structured) if (p?.pageKind) return { kind: p.pageKind, source: p.source };
  return { kind: generic ?? 'other', source: generic ? 'text' : undefined };
}

/**
 * Extracts the person, company, page kind and people of `doc` (the page at `url`), without
 * microformats. Pure: reads the document, never changes it.
 */
export function extractInPage(doc: Document, url: string): Extraction {
  const base = attempt(() => baseUrlOf(doc, url)) ?? url;
  const meta = attempt(() => readMeta(doc, base)) ?? EMPTY_META;
  const site = attempt(() => runSiteRule(doc, url, meta, base)) ?? {};
  const structured = [
    attempt(() => extractJsonLd(doc, base)),
    attempt(() => extractMicrodata(doc, base)),
    attempt(() => extractRdfa(doc, base)),
  ];
  // A matched site rule knows the page; the generic heuristics would only add the platform's noise.
  const generic = site.rule?.matched ? undefined : attempt(() => extractGeneric(doc, url, base, meta));
  const { kind, source } = decideKind({ kind: site.kind, source: site.partial?.source }, generic?.kind, structured);
  const ex = attempt(() =>
    mergePartials([site.partial, ...structured, generic?.meta, generic?.text], kind, source),
  ) ?? { person: {}, company: {}, pageKind: 'other', people: [], sources: {} };
  if (site.rule) ex.siteRule = site.rule;
  return ex;
}

const HCARD_CAP = 200_000;

/**
 * The outer HTML of the page's h-card (and v1 vcard) roots, capped at 200 KB, with the page's
 * `<base>` first; `undefined` when there is none. This is all the microformats parser needs.
 */
export function hcardHtml(doc: Document): string | undefined {
  try {
    // Most pages have none: two single-class queries settle that at once, where the list walks the page.
    if (!query(doc, '.h-card') && !query(doc, '.vcard')) return undefined;
    const roots = queryAll(doc, '.h-card, .vcard', 500).filter((el) => !el.parentElement?.closest('.h-card, .vcard'));
    if (!roots.length) return undefined;
    let html = doc.querySelector('base[href]')?.outerHTML ?? '';
    for (const el of roots) {
      const h = el.outerHTML;
      if (html.length + h.length > HCARD_CAP) break;
      html += h;
    }
    return html || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Joins the in-page extraction with what the h-cards gave (see ./hcard), by the same
 * precedence as everything else: h-card values beat `<meta>` and text heuristics, and lose to
 * site rules, JSON-LD, microdata and RDFa. When the h-card settles that the page is a person's
 * (or a company's) and the in-page guess was weaker, the kind follows it.
 */
export function mergeExtractions(inPage: Extraction, hcard?: Partial): Extraction {
  if (!hcard) return inPage;
  try {
    const kindSource = inPage.sources.pageKind;
    const weakKind = rank(kindSource) > rank('hcard') && inPage.pageKind !== 'contact' && inPage.pageKind !== 'article';
    let kind = inPage.pageKind;
    let src = kindSource;
    if (hcard.pageKind && (weakKind || inPage.pageKind === 'other')) {
      kind = hcard.pageKind;
      src = 'hcard';
    }
    // Rebuild partials from the in-page extraction, keeping each field's source.
    const parts = new Map<SourceName, Partial>();
    const partOf = (s: SourceName) => {
      let p = parts.get(s);
      if (!p) {
        p = { source: s, person: {}, company: {} };
        parts.set(s, p);
      }
      return p;
    };
    const becamePerson = kind === 'person' && inPage.pageKind !== 'person';
    for (const side of ['person', 'company'] as const) {
      for (const [f, v] of Object.entries(inPage[side])) {
        const s = inPage.sources[`${side}.${f}`] ?? 'text';
        // A site-derived company (name, website from the page's own site) is wrong once the page is a person's.
        if (becamePerson && side === 'company' && rank(s) >= rank('meta')) {
          if (f === 'emails' || f === 'phones') (partOf(s).person as Record<string, unknown>)[f] = v;
          continue;
        }
        (partOf(s)[side] as Record<string, unknown>)[f] = v;
      }
    }
    if (inPage.people.length) partOf(inPage.sources.people ?? 'text').people = inPage.people;
    const merged = mergePartials([...parts.values(), hcard], kind, src);
    if (inPage.siteRule) merged.siteRule = inPage.siteRule;
    return merged;
  } catch {
    return inPage;
  }
}

/** The lead source a clip from `url` counts as: LinkedIn, X, GitHub and the like are 'social'. */
export function derivedSource(url: string): (typeof LEAD_SOURCES)[number] {
  try {
    const host = new URL(url).hostname.toLowerCase();
    if (PLATFORM_HOSTS.test(host) && !/(^|\.)(crunchbase\.com|wikipedia\.org|google\.com)$/.test(host)) return 'social';
    if (/(^|\.)(mastodon\.\w+|bsky\.app|threads\.net|tiktok\.com|xing\.com)$/.test(host)) return 'social';
    if (/(^|\.)(eventbrite\.\w+|meetup\.com|lu\.ma|sessionize\.com|hopin\.com)$/.test(host)) return 'event';
  } catch {
    // not a URL: other
  }
  return 'other';
}
