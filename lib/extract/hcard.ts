/**
 * Microformats h-card (and v1 hCard, which the parser maps to h-card) with `microformats-parser`.
 * ~196 KB minified: it runs in the extension (service worker or an extension page) or in Node,
 * never inside the web page. Feed it `hcardHtml(doc)` from the page.
 */
import { mf2 } from 'microformats-parser';
import { addProp, type Item, interpretItems, type Value } from './items';
import type { Partial } from './types';
import { CAPS, clean } from './util';

type MfNode = { type?: string[]; properties: Record<string, unknown[]>; children?: MfNode[]; value?: unknown };

const isNode = (v: unknown): v is MfNode =>
  !!v && typeof v === 'object' && Array.isArray((v as MfNode).type) && typeof (v as MfNode).properties === 'object';

const fold = (s: unknown) =>
  String(s ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

function toItem(n: MfNode, depth: number): Item {
  const props = n.properties ?? {};
  const types = (n.type ?? []).map((t) => t.replace(/^h-/, ''));
  if (types.includes('card')) {
    // A card whose name is its organisation's name is the organisation's card (vCard's "fn org").
    const name = props.name?.[0];
    const org = props.org?.[0];
    const orgName = isNode(org) ? org.properties?.name?.[0] : org;
    const isOrg = typeof name === 'string' && typeof orgName === 'string' && fold(name) === fold(orgName);
    types.push(isOrg ? 'organization' : 'person');
  }
  const item: Item = { types, props: {} };
  for (const [k, vs] of Object.entries(props)) {
    if (!Array.isArray(vs)) continue;
    for (const v of vs.slice(0, 50)) addProp(item, k, toValue(v, depth + 1));
  }
  return item;
}

function toValue(v: unknown, depth: number): Value | undefined {
  if (typeof v === 'string') return v;
  if (!v || typeof v !== 'object') return undefined;
  if (isNode(v)) {
    if (depth > CAPS.depth) return typeof v.value === 'string' ? v.value : undefined;
    return toItem(v, depth);
  }
  const o = v as { value?: unknown };
  return typeof o.value === 'string' ? o.value : undefined;
}

/** Every h-card in the parsed document, top-level or nested, bounded. */
function allCards(items: MfNode[]): Array<{ node: MfNode; top: boolean }> {
  const out: Array<{ node: MfNode; top: boolean }> = [];
  const stack: Array<{ node: MfNode; top: boolean; depth: number }> = items.map((node) => ({
    node,
    top: true,
    depth: 0,
  }));
  while (stack.length && out.length < 500) {
    const { node, top, depth } = stack.shift()!;
    if (node.type?.includes('h-card')) out.push({ node, top });
    if (depth > CAPS.depth) continue;
    for (const c of node.children ?? []) stack.push({ node: c, top: false, depth: depth + 1 });
    for (const vs of Object.values(node.properties ?? {}))
      if (Array.isArray(vs)) for (const v of vs) if (isNode(v)) stack.push({ node: v, top: false, depth: depth + 1 });
  }
  return out;
}

const sameUrl = (a: unknown, b: string) =>
  typeof a === 'string' && a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/**
 * The person or company of the page's h-cards: the representative card (the one whose URL is
 * the page, else the fullest top-level card); several unrelated cards make a people list.
 */
export function extractHCards(html: string, url: string): Partial | undefined {
  try {
    if (!html || html.length > 2_000_000) return undefined;
    const parsed = mf2(html, { baseUrl: url });
    const cards = allCards(parsed.items as unknown as MfNode[]);
    if (!cards.length) return undefined;
    const size = (n: MfNode) => Object.keys(n.properties ?? {}).length;
    let origin = url;
    try {
      origin = new URL(url).origin;
    } catch {
      // keep the URL as is
    }
    const mine = cards.filter((c) => (c.node.properties.url ?? []).some((u) => sameUrl(u, url) || sameUrl(u, origin)));
    const named = cards.filter((c) => clean(c.node.properties.name?.[0]));
    const distinct = new Set(named.map((c) => fold(c.node.properties.name?.[0])));
    let main: MfNode | undefined;
    if (mine.length) main = mine.reduce((a, b) => (size(b.node) > size(a.node) ? b : a)).node;
    else if (distinct.size === 1) main = named.reduce((a, b) => (size(b.node) > size(a.node) ? b : a)).node;
    if (main) {
      const p = interpretItems([toItem(main, 0)], url, 'hcard');
      return p;
    }
    // Several cards of different people: a team or speaker list.
    const items = named.filter((c) => c.top).map((c) => toItem(c.node, 0));
    const p = interpretItems(items, url, 'hcard');
    if (p.people?.length) p.pageKind = undefined;
    return p;
  } catch {
    return undefined;
  }
}
