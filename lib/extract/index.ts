/**
 * The page extractor: pure functions over a `Document` and its URL.
 *
 * - `extractInPage(doc, url)` — everything but microformats; small enough for the capture script.
 * - `hcardHtml(doc)` — the h-card roots' HTML, to send out of the page.
 * - `extractHCards(html, url)` — microformats h-card via microformats-parser (extension or Node).
 * - `mergeExtractions(inPage, hcard)` and `extract(doc, url, html?)` — all of it at once.
 *
 * The in-page script must import `./in-page`, not this module, to stay small.
 */
import { extractHCards } from './hcard';
import { extractInPage, hcardHtml, mergeExtractions } from './in-page';
import type { Extraction } from './types';

export { extractHCards } from './hcard';
export { derivedSource, extractInPage, hcardHtml, mergeExtractions } from './in-page';
export type { Company, Extraction, PageKind, Partial, Person, SiteRuleResult, SourceName } from './types';
export { CAPS } from './util';

/**
 * The whole extraction: in-page sources, then the h-cards (of `html` when given — the page's
 * full HTML or just its h-card roots — else of `doc`), merged. Never throws.
 */
export function extract(doc: Document, url: string, html?: string): Extraction {
  const inPage = extractInPage(doc, url);
  const cards = html ?? hcardHtml(doc);
  if (!cards) return inPage;
  let base = url;
  try {
    const b = doc.querySelector('base[href]')?.getAttribute('href');
    if (b) base = new URL(b, url).href;
  } catch {
    // keep the page URL
  }
  return mergeExtractions(inPage, extractHCards(cards, base));
}
