/**
 * Generators of hostile pages for the extractor's property tests. Exported so a long campaign
 * can run them many more times than `npm test` does (e.g. `numRuns: 10_000`).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { CAPS, type Extraction } from '../../lib/extract/index';

/** Links no extracted field may ever hold. */
export const BAD_SCHEMES = [
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  'vbscript:msgbox',
  'file:///etc/passwd',
  'blob:x',
  'JaVaScRiPt:void(0)',
];

export const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
export const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '\u0000\u0007\u202e\u200b',
    '{"@type":',
    ']]>-->',
    '&#x6a;avascript:',
    'a'.repeat(5000),
  ),
);
export const text = fc.oneof(
  word,
  nasty,
  fc.constantFrom('Jane Doe', 'Acme Inc', 'VP Sales at Acme', 'jane [at] acme [dot] com'),
);
export const href = fc.oneof(
  fc.constantFrom(...BAD_SCHEMES),
  fc.constantFrom(
    'https://www.linkedin.com/in/x',
    'https://twitter.com/x',
    'https://github.com/x',
    'mailto:a@b.co',
    'tel:+1 555 123 4567',
    '/rel',
    '//evil.example/x',
  ),
  fc.webUrl(),
  nasty,
);
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A JSON-LD block: valid, broken, or stuffed with hostile values. */
export const jsonLdArb = fc.oneof(
  fc
    .record({
      type: fc.constantFrom('Person', 'Organization', 'LocalBusiness', 'ProfilePage', 'Article', 'Thing'),
      name: text,
      url: href,
      sameAs: fc.array(href, { maxLength: 4 }),
      email: text,
      telephone: text,
      description: text,
    })
    .map((o) =>
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': o.type,
        ...o,
        mainEntity: { '@type': 'Person', name: o.name, url: o.url },
      }).replace(/</g, '\\u003c'),
    ),
  nasty,
  fc.constant('{"@graph":[{"@id":"#a","knows":{"@id":"#a"},"@type":"Person","name":"Loop"}]}'),
);

/** One element of a hostile page. */
export const elementArb: fc.Arbitrary<string> = fc.oneof(
  href.map((h) => `<a href="${esc(h)}">${esc(h)}</a>`),
  fc
    .tuple(text, href)
    .map(
      ([t, h]) =>
        `<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">${esc(t)}</span><a itemprop="url" href="${esc(h)}">x</a></div>`,
    ),
  fc
    .tuple(text, href)
    .map(
      ([t, h]) =>
        `<div typeof="schema:Organization"><span property="schema:name">${esc(t)}</span><a property="schema:url" href="${esc(h)}">x</a></div>`,
    ),
  fc
    .tuple(text, href)
    .map(([t, h]) => `<div class="h-card"><a class="p-name u-url" href="${esc(h)}">${esc(t)}</a></div>`),
  fc
    .tuple(
      fc.constantFrom('og:title', 'og:site_name', 'twitter:site', 'twitter:creator', 'author', 'description', 'og:url'),
      text,
    )
    .map(([k, v]) => `<meta property="${k}" name="${k}" content="${esc(v)}">`),
  jsonLdArb.map((j) => `<script type="application/ld+json">${j}</script>`),
  text.map((t) => `<p>${esc(t)}</p>`),
  text.map((t) => `<address>${esc(t)}<br>Tel: +41 44 000 00 00<br>${esc(t)}</address>`),
  fc.integer({ min: 1, max: 800 }).map((n) => `${'<div>'.repeat(n)}deep${'</div>'.repeat(n)}`),
  fc.constant('<base href="javascript:alert(1)//">'),
);

/** A whole hostile page, as HTML. */
export const hostilePageArb = fc
  .array(elementArb, { maxLength: 12 })
  .map((parts) => `<!doctype html><html><head><title>T</title></head><body>${parts.join('\n')}</body></html>`);

/** A page URL: usually a site rule's, sometimes an odd one. */
export const pageUrlArb = fc.oneof(
  fc.constantFrom(
    'https://www.linkedin.com/in/x',
    'https://www.linkedin.com/company/x',
    'https://github.com/x',
    'https://x.com/x',
    'https://x.com/x/status/1',
    'https://www.crunchbase.com/organization/x',
    'https://example.com/impressum',
    'http://example.org/',
  ),
  fc.webUrl(),
);

const URL_FIELDS = ['linkedin', 'twitter', 'github', 'website'];

/** Every invariant a hostile page must not break; throws with the offending field. */
export function assertSafe(ex: Extraction): void {
  const subjects: Array<[string, Record<string, unknown>]> = [
    ['person', ex.person as Record<string, unknown>],
    ['company', ex.company as Record<string, unknown>],
    ...ex.people.map((p, i): [string, Record<string, unknown>] => [`people.${i}`, p as Record<string, unknown>]),
  ];
  for (const [name, obj] of subjects) {
    for (const [k, v] of Object.entries(obj)) {
      const values = Array.isArray(v) ? v : [v];
      expect(values.length, `${name}.${k} list`).toBeLessThanOrEqual(CAPS.list);
      for (const x of values) {
        expect(typeof x, `${name}.${k}`).toBe('string');
        const s = x as string;
        expect(s.length, `${name}.${k} length`).toBeLessThanOrEqual(
          k === 'description' ? CAPS.description : CAPS.field,
        );
        expect(s.trim(), `${name}.${k} empty`).not.toBe('');
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting that none are left.
        expect(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/.test(s), `${name}.${k} control chars`).toBe(false);
        if (URL_FIELDS.includes(k)) expect(s, `${name}.${k} scheme`).toMatch(/^https?:\/\//);
        if (k === 'emails') expect(s).toMatch(/^[^\s:]+@[^\s:]+$/);
      }
    }
  }
  expect(['person', 'company', 'contact', 'article', 'other']).toContain(ex.pageKind);
  expect(ex.people.length).toBeLessThanOrEqual(CAPS.people);
}
