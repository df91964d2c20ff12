/**
 * RDFa (Lite, plus the common `prefix:term` forms of vCard, GoodRelations and FOAF):
 * `typeof` starts an item, `property` adds a value to the nearest item, and a `rel` element
 * links its enclosing item to the items (or the `resource`) inside it.
 */
import { queryAll } from './dom';
import { addProp, type Item, interpretItems, localName } from './items';
import { propertyValue } from './microdata';
import type { Partial } from './types';
import { safeUrl } from './util';

/** Top-level RDFa items. */
export function rdfaItems(doc: Document, base: string): Item[] {
  const typed = queryAll(doc, '[typeof]', 1000);
  if (!typed.length) return [];
  const itemOf = new Map<Element, Item>();
  for (const el of typed) {
    const types = (el.getAttribute('typeof') ?? '').split(/\s+/).filter(Boolean).map(localName);
    itemOf.set(el, { types, props: {} });
  }
  const ownerOf = (el: Element | null): Item | undefined => {
    const o = el?.closest('[typeof]');
    return o ? itemOf.get(o) : undefined;
  };
  const roots: Item[] = [];
  for (const el of typed) {
    const item = itemOf.get(el)!;
    const prop = el.getAttribute('property');
    if (prop) {
      const owner = ownerOf(el.parentElement);
      if (owner) {
        for (const p of prop.split(/\s+/).slice(0, 5)) addProp(owner, p, item);
        continue;
      }
    }
    // Nearest ancestor that is either a rel (linking us) or a typed node (we are not linked).
    const link = el.parentElement?.closest('[rel],[typeof]');
    if (link && !link.hasAttribute('typeof') && link.hasAttribute('rel')) {
      const owner = ownerOf(link);
      if (owner) {
        for (const p of (link.getAttribute('rel') ?? '').split(/\s+/).slice(0, 5))
          if (p.includes(':')) addProp(owner, p, item);
        continue;
      }
    }
    roots.push(item);
  }
  for (const el of queryAll(doc, '[property]')) {
    if (el.hasAttribute('typeof')) continue;
    const owner = ownerOf(el);
    if (!owner) continue;
    const value = el.hasAttribute('resource')
      ? safeUrl(el.getAttribute('resource') ?? '', base)
      : propertyValue(el, base);
    for (const p of (el.getAttribute('property') ?? '').split(/\s+/).slice(0, 5)) addProp(owner, p, value);
  }
  // A rel with a resource and no typed child: a link from the enclosing item (foaf:page, vcard:url).
  for (const el of queryAll(doc, '[rel][resource],[rel][href]')) {
    if (el.hasAttribute('typeof') || el.closest('[typeof]') === null) continue;
    const rels = (el.getAttribute('rel') ?? '').split(/\s+/).filter((r) => r.includes(':'));
    if (!rels.length) continue;
    const owner = ownerOf(el);
    const ref = el.getAttribute('resource') ?? el.getAttribute('href') ?? '';
    // An empty reference is the document itself.
    const value = safeUrl(ref === '' ? base : ref, base);
    if (owner) for (const r of rels.slice(0, 5)) addProp(owner, r, value);
  }
  return roots;
}

/** The person, company and people stated in RDFa. */
export function extractRdfa(doc: Document, base: string): Partial {
  return interpretItems(rdfaItems(doc, base), base, 'rdfa');
}
