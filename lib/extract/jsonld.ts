/**
 * JSON-LD: every `<script type="application/ld+json">`, arrays and `@graph` flattened, `@id`
 * references resolved within the page. Broken JSON is skipped; nothing here throws.
 */
import { queryAll } from './dom';
import { addProp, type Item, interpretItems, localName } from './items';
import type { Partial } from './types';
import { CAPS } from './util';

/** The JSON-LD documents of the page, parsed (broken ones skipped). */
export function readJsonLd(doc: Document): unknown[] {
  const out: unknown[] = [];
  for (const s of queryAll(doc, 'script[type*="ld+json" i]', 20)) {
    const raw = (s.textContent ?? '').trim();
    if (!raw || raw.length > CAPS.jsonld) continue;
    try {
      out.push(JSON.parse(raw.replace(/^\s*(<!--|<!\[CDATA\[)/, '').replace(/(-->|\]\]>)\s*$/, '')));
    } catch {
      // A page's broken JSON-LD is the page's problem: skip it.
    }
  }
  return out;
}

/** JSON-LD nodes as `Item`s. */
export function jsonLdItems(docs: unknown[]): Item[] {
  const byId = new Map<string, Record<string, unknown>>();
  const roots: Record<string, unknown>[] = [];
  let budget = 5000;
  const collect = (v: unknown, depth: number, top: boolean) => {
    if (budget-- <= 0 || depth > CAPS.depth || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 200)) collect(x, depth + 1, top);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o['@id'] === 'string' && Object.keys(o).length > 1) byId.set(o['@id'], o);
    if (Array.isArray(o['@graph'])) collect(o['@graph'], depth + 1, true);
    else if (top) roots.push(o);
    for (const [k, x] of Object.entries(o))
      if (k !== '@graph' && x && typeof x === 'object') collect(x, depth + 1, false);
  };
  for (const d of docs) collect(d, 0, true);

  const made = new Map<Record<string, unknown>, Item>();
  const toItem = (o: Record<string, unknown>, depth: number): Item => {
    const known = made.get(o);
    if (known) return known;
    const item: Item = { types: [], props: {} };
    made.set(o, item);
    const t = o['@type'];
    for (const x of Array.isArray(t) ? t : [t]) if (typeof x === 'string') item.types.push(localName(x));
    for (const [k, v] of Object.entries(o)) {
      if (k.startsWith('@')) continue;
      for (const x of (Array.isArray(v) ? v : [v]).slice(0, 50)) addProp(item, k, toValue(x, depth + 1));
    }
    return item;
  };
  const toValue = (x: unknown, depth: number): string | Item | undefined => {
    if (typeof x === 'string') return x;
    if (typeof x === 'number') return String(x);
    if (!x || typeof x !== 'object' || Array.isArray(x) || depth > CAPS.depth) return undefined;
    const o = x as Record<string, unknown>;
    if ('@value' in o) return typeof o['@value'] === 'string' ? o['@value'] : undefined;
    const ref = typeof o['@id'] === 'string' ? byId.get(o['@id']) : undefined;
    if (ref && ref !== o) return toItem(ref, depth);
    if (Object.keys(o).length === 1 && typeof o['@id'] === 'string') return o['@id'];
    return toItem(o, depth);
  };
  return roots.slice(0, 200).map((r) => toItem(r, 0));
}

/** The person, company and people stated in the page's JSON-LD. */
export function extractJsonLd(doc: Document, base: string): Partial {
  return interpretItems(jsonLdItems(readJsonLd(doc)), base, 'jsonld');
}
