/**
 * schema.org (and the older data-vocabulary.org) microdata: `itemscope`/`itemtype`/`itemprop`.
 * `itemref` is not followed; it is rare on the pages reps clip.
 */
import { queryAll } from './dom';
import { addProp, type Item, interpretItems, localName } from './items';
import type { Partial } from './types';
import { safeUrl } from './util';

const URL_ATTR: Record<string, string> = {
  A: 'href',
  AREA: 'href',
  LINK: 'href',
  IMG: 'src',
  AUDIO: 'src',
  VIDEO: 'src',
  SOURCE: 'src',
  IFRAME: 'src',
  EMBED: 'src',
  OBJECT: 'data',
};

/** The value of a property element, by the microdata rules (content, URL attributes, text). */
export function propertyValue(el: Element, base: string): string | undefined {
  const tag = el.tagName.toUpperCase();
  if (el.hasAttribute('content')) return el.getAttribute('content') ?? undefined;
  const attr = URL_ATTR[tag];
  if (attr) {
    const raw = el.getAttribute(attr) ?? '';
    // mailto:/tel: stay as text so they can become emails and phones; other schemes are dropped.
    if (/^(mailto|tel):/i.test(raw.trim())) return raw.trim();
    return safeUrl(raw, base);
  }
  if (tag === 'TIME' && el.hasAttribute('datetime')) return el.getAttribute('datetime') ?? undefined;
  if ((tag === 'DATA' || tag === 'METER') && el.hasAttribute('value')) return el.getAttribute('value') ?? undefined;
  return (el.textContent ?? '').slice(0, 4000);
}

/** Top-level microdata items. */
export function microdataItems(doc: Document, base: string): Item[] {
  const scopes = queryAll(doc, '[itemscope]', 1000);
  if (!scopes.length) return [];
  const itemOf = new Map<Element, Item>();
  for (const el of scopes) {
    const types = (el.getAttribute('itemtype') ?? '').split(/\s+/).filter(Boolean).map(localName);
    itemOf.set(el, { types, props: {} });
  }
  for (const el of queryAll(doc, '[itemprop]')) {
    const owner = (el.hasAttribute('itemscope') ? el.parentElement : el)?.closest('[itemscope]');
    const ownerItem = owner ? itemOf.get(owner) : undefined;
    if (!ownerItem) continue;
    const own = itemOf.get(el);
    const value = own ?? propertyValue(el, base);
    for (const name of (el.getAttribute('itemprop') ?? '').split(/\s+/).slice(0, 5)) addProp(ownerItem, name, value);
  }
  return scopes.filter((el) => !el.hasAttribute('itemprop')).map((el) => itemOf.get(el)!);
}

/** The person, company and people stated in microdata. */
export function extractMicrodata(doc: Document, base: string): Partial {
  return interpretItems(microdataItems(doc, base), base, 'microdata');
}
