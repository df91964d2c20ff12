/**
 * Bounded DOM access: every query is capped, so a page of a million nodes costs what a page of
 * a few thousand does. Works on a browser `Document` and on linkedom's.
 */
import { CAPS } from './util';

/** At most `max` elements matching `selector`; never throws on a bad selector. */
export function queryAll(root: ParentNode, selector: string, max: number = CAPS.nodes): Element[] {
  try {
    const list = root.querySelectorAll(selector);
    const n = Math.min(list.length, max);
    const out: Element[] = [];
    for (let i = 0; i < n; i++) out.push(list[i] as Element);
    return out;
  } catch {
    return [];
  }
}

/** The first element matching `selector`, or `null`. */
export function query(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

// Tag names as `nodeName` gives them: upper case in HTML documents, lower case in XHTML (and for
// `svg` everywhere), so both spellings are listed rather than upper-casing every element's name.
const bothCases = (names: string) => new Set(names.split(' ').flatMap((n) => [n, n.toLowerCase()]));
const SKIP = bothCases('SCRIPT STYLE TEMPLATE SVG CANVAS IFRAME OBJECT HEAD SELECT TEXTAREA');
const BLOCK = bothCases(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TBODY TD TH THEAD TR UL BODY HTML',
);

/**
 * Whether an element has the `hidden` attribute. The reflected property is read (a third of the
 * cost of `hasAttribute` in Chromium); elements without it (SVG, MathML) and forms whose control
 * named "hidden" shadows it are asked for the attribute.
 */
function isHidden(el: Element): boolean {
  const h = (el as HTMLElement).hidden as unknown;
  return typeof h === 'boolean' ? h : typeof h === 'string' ? true : el.hasAttribute('hidden');
}

/** Where people lists put names: headings, bold text, and elements with a "name" class. */
const NAME_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6', 'STRONG', 'B', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b']);
/** People-list candidates kept of each kind (a tag, or the "name" class), and in all. */
const NAMES_PER_KIND = 400;
const NAMES_IN_ALL = 1500;
/** Address blocks kept. */
const ADDRESSES = 20;

/** Elements a page walk gathers for the heuristics that look for elements, not text. */
interface Gathered {
  names: Element[];
  addresses: Element[];
  /** People-list candidates kept of each kind so far. */
  kinds: Map<string, number>;
  /** How many more people-list candidates may be kept in all. */
  room: number;
}

/**
 * What `el` (whose `nodeName` is `name`) may be for the heuristics: a people-list candidate
 * (its kind: the tag, or ".name"), an address block, both or neither. One read of its class
 * (and of its id, for addresses) on top of what the walk reads anyway.
 */
function classify(el: Element, name: string): { kind: string; address: boolean } | undefined {
  const c = el.className;
  // Most classes say neither: one test settles them.
  const cls = typeof c === 'string' && c.length > 3 && /name|dress/i.test(c) ? c : '';
  const id = el.id;
  const kind = NAME_TAGS.has(name) ? name : cls && /name/i.test(cls) ? '.name' : '';
  const address =
    name === 'ADDRESS' ||
    name === 'address' ||
    (!!cls && /address|adresse/i.test(cls)) ||
    (!!id && id.length > 6 && /address/i.test(id));
  return kind || address ? { kind, address } : undefined;
}

/** Keeps what `classify` found, where its caps leave room. */
function keep(el: Element, what: { kind: string; address: boolean }, into: Gathered): void {
  if (what.address && into.addresses.length < ADDRESSES) into.addresses.push(el);
  if (!what.kind || into.room <= 0) return;
  const n = into.kinds.get(what.kind) ?? 0;
  if (n >= NAMES_PER_KIND) return;
  into.kinds.set(what.kind, n + 1);
  into.room--;
  into.names.push(el);
}

/** A text walk's result: the lines, and the node it stopped at when a cap was hit. */
interface Walk {
  lines: string[];
  /** The first node not read (the walk hit a cap there); `undefined` when the walk read everything. */
  stop?: Node;
}

/**
 * Walks the visible text under `root` as lines: block elements and `<br>` break lines, `<script>`,
 * `<style>`, `hidden` and the like are skipped. Forward walks read in document order; backward
 * walks read from the end (for a page's footer) and give the lines in document order too.
 * Iterative over sibling links, with nothing allocated per node: deep nesting cannot overflow the
 * stack, and every DOM property read costs (tens of nanoseconds in Chromium), so each node is
 * asked as little as possible. Stops after `maxNodes` nodes or once `maxChars` characters were
 * read, or (backward) after leaving `until`. Visible elements the heuristics look for are
 * gathered into `into` on the way, in document order (a backward walk keeps them as it leaves
 * them, which, reversed, is document order).
 */
function walkText(
  root: Node,
  maxChars: number,
  maxNodes: number,
  backward = false,
  until?: Node,
  into?: Gathered,
): Walk {
  const lines: string[] = [];
  let cur = '';
  let chars = 0;
  let nodes = 0;
  const flush = () => {
    if (!cur) return;
    const s = cur.replace(/\s+/g, ' ').trim();
    if (s) lines.push(s);
    cur = '';
  };
  // Whether each element entered on the way down to `node` is a block: its end breaks a line.
  const blocks: boolean[] = [];
  // Backward, with `into`: what each entered element is to be kept as, when it is left.
  const pending: Array<{ el: Element; what: { kind: string; address: boolean } } | undefined> = [];
  const later: Array<{ el: Element; what: { kind: string; address: boolean } }> = [];
  let node: Node = root;
  let stop: Node | undefined;
  walk: for (;;) {
    if (++nodes > maxNodes || chars > maxChars) {
      stop = node;
      break;
    }
    const type = node.nodeType;
    if (type === 3) {
      const t = node.nodeValue ?? '';
      cur = backward ? t + cur : cur + t;
      chars += t.length;
      if (cur.length > 2000) flush();
    } else if (type === 1 || type === 9 || type === 11) {
      let enter = true;
      let block = false;
      let name = '';
      if (type === 1) {
        name = node.nodeName;
        enter = !SKIP.has(name) && !isHidden(node as Element);
        block = enter && BLOCK.has(name);
      }
      if (enter) {
        if (block) flush();
        const what = into && type === 1 ? classify(node as Element, name) : undefined;
        if (what && !backward) keep(node as Element, what, into!);
        const first = backward ? node.lastChild : node.firstChild;
        if (first) {
          blocks.push(block);
          if (into && backward) pending.push(what && { el: node as Element, what });
          node = first;
          continue;
        }
        if (what && backward) later.push({ el: node as Element, what });
        if (block) flush();
      }
    }
    // `node` is done: on to its next sibling, or up, leaving each ancestor with no more children.
    for (;;) {
      if (node === root || node === until) break walk;
      const next = backward ? node.previousSibling : node.nextSibling;
      if (next) {
        node = next;
        continue walk;
      }
      const up = node.parentNode;
      if (!up) break walk;
      node = up;
      if (blocks.pop()) flush();
      if (into && backward) {
        const left = pending.pop();
        if (left) later.push(left);
      }
    }
  }
  flush();
  if (backward) {
    lines.reverse();
    if (into) for (let i = later.length - 1; i >= 0; i--) keep(later[i]!.el, later[i]!.what, into);
  }
  return stop ? { lines, stop } : { lines };
}

/**
 * The visible text of `root` as lines (block elements and `<br>` break lines), capped in nodes
 * and characters. `<noscript>` counts: its text is what a page shows when scripts are off, and
 * often where an obfuscated address hides.
 */
export function textLines(root: Node | null | undefined, maxChars: number = CAPS.text): string[] {
  if (!root) return [];
  return walkText(root, maxChars, CAPS.walk).lines;
}

/** The page's text for the heuristics, and the elements the same walk noticed. */
export interface PageText {
  /** Visible lines, in document order: the page's top and, when the page is longer, its end. */
  lines: string[];
  /**
   * Where a people list's names may be, among the visible elements read: `<h2>`–`<h6>`,
   * `<strong>`, `<b>`, and elements whose class contains "name" (case-insensitively); at most
   * 400 of each kind and 1,500 in all, in document order. Gathered by the text walk because
   * queries for them scan every element of the page (`[class*="name" i]` alone takes
   * milliseconds on a big one).
   */
  names: Element[];
  /**
   * The first 20 visible `<address>` elements and elements whose class or id says address
   * ("address", "adresse"), among those read, in document order.
   */
  addresses: Element[];
}

/**
 * The visible text of a whole page for the text heuristics, bounded: the first `CAPS.text`
 * characters (at most `CAPS.walk` nodes), and when the page is longer, also its last
 * `CAPS.tailText` characters (at most `CAPS.tailWalk` nodes), where the footer's copyright,
 * imprint, address, email and phone are. The head and the tail never overlap (the tail walk
 * stops where the head stopped).
 */
export function pageText(root: Node | null | undefined): PageText {
  if (!root) return { lines: [], names: [], addresses: [] };
  const into: Gathered = { names: [], addresses: [], kinds: new Map(), room: NAMES_IN_ALL };
  const head = walkText(root, CAPS.text, CAPS.walk, false, undefined, into);
  if (!head.stop) return { lines: head.lines, names: into.names, addresses: into.addresses };
  const tail = walkText(root, CAPS.tailText, CAPS.tailWalk, true, head.stop, into);
  return { lines: head.lines.concat(tail.lines), names: into.names, addresses: into.addresses };
}

/** The visible text of one element, one line, capped. */
export function textOf(el: Element | null | undefined, max = 2000): string {
  if (!el) return '';
  // The common case, a name or a title in one text node (maybe inside a link or a span), without
  // walking: follow only children down a few levels.
  let n: Node = el;
  for (let depth = 0; depth < 4; depth++) {
    if (SKIP.has(n.nodeName) || isHidden(n as Element)) return '';
    const only: Node | null = n.firstChild;
    if (!only || only !== n.lastChild) break;
    if (only.nodeType === 3) return (only.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (only.nodeType !== 1) break;
    n = only;
  }
  return walkText(el, max, CAPS.walk).lines.join(' ');
}

/** The page's base URL: `<base href>` resolved against the page URL. */
export function baseUrlOf(doc: Document, url: string): string {
  const href = query(doc, 'base[href]')?.getAttribute('href');
  if (href) {
    try {
      const b = new URL(href, url);
      if (b.protocol === 'http:' || b.protocol === 'https:') return b.href;
    } catch {
      // fall through to the page URL
    }
  }
  return url;
}
