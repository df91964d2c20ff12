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

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'HEAD',
  'SELECT',
  'TEXTAREA',
]);
const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TBODY TD TH THEAD TR UL BODY HTML'.split(
    ' ',
  ),
);

/**
 * The visible text of `root` as lines (block elements and `<br>` break lines), walked without
 * recursion and capped in nodes and characters. `<noscript>` counts: its text is what a page
 * shows when scripts are off, and often where an obfuscated address hides.
 */
export function textLines(root: Node | null | undefined, maxChars: number = CAPS.text): string[] {
  if (!root) return [];
  const lines: string[] = [];
  let cur = '';
  let chars = 0;
  let nodes = 0;
  const flush = () => {
    const s = cur.replace(/\s+/g, ' ').trim();
    if (s) lines.push(s);
    cur = '';
  };
  // Explicit stack of [node, leaving?] pairs: deep nesting cannot overflow the call stack.
  const stack: Array<[Node, boolean]> = [[root, false]];
  while (stack.length) {
    const [node, leaving] = stack.pop()!;
    if (leaving) {
      flush();
      continue;
    }
    if (++nodes > CAPS.walk || chars > maxChars) break;
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      cur += t;
      chars += t.length;
      if (cur.length > 2000) flush();
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = (node as Element).tagName?.toUpperCase() ?? '';
    if (SKIP.has(tag)) continue;
    if (node.nodeType === 1 && (node as Element).hasAttribute('hidden')) continue;
    if (BLOCK.has(tag)) {
      flush();
      stack.push([node, true]);
    }
    // Children pushed in reverse so they pop in document order; sibling links are cheap in every DOM.
    const start = stack.length;
    for (let c = node.firstChild; c; c = c.nextSibling) stack.push([c, false]);
    reverseFrom(stack, start);
  }
  flush();
  return lines;
}

function reverseFrom<T>(a: T[], from: number): void {
  for (let i = from, j = a.length - 1; i < j; i++, j--) {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/** The visible text of one element, one line, capped. */
export function textOf(el: Element | null | undefined, max = 2000): string {
  if (!el) return '';
  return textLines(el, max).join(' ');
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
