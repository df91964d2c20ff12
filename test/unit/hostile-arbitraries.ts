/**
 * The hostile-page campaign's generators: everything of ./extract-arbitraries plus payloads that
 * try to run (scripts, event handlers, `javascript:`/`data:` links in every field), broken and
 * huge JSON-LD, deep nesting, odd encodings, prototype keys, and scripts that spoof Leadline with
 * `window.postMessage`, DOM events and `chrome.runtime.sendMessage`.
 *
 * Two markers make the invariants checkable:
 * - `PWN` is in every payload meant to run; whatever a page holds, a rendered card or panel has
 *   no element, attribute or link through which it could run (it may show up as *text*).
 * - `SCRIPT_MARK` is only inside executable script bodies, `<style>` and `on*` attributes: no
 *   value read off a page may ever contain it (those are code, never data).
 */
import fc from 'fast-check';
import { elementArb, esc, href, jsonLdArb, nasty, text, word } from './extract-arbitraries';

export const PWN = '__pwned';
export const SCRIPT_MARK = 'LLSCRIPTBODY';

/** Strings that would run if a renderer ever treated page text as markup or a link. */
export const PAYLOADS = [
  `<script>window.${PWN}=1</script>`,
  `<img src=x onerror="window.${PWN}=1">`,
  `"><svg onload=window.${PWN}=1>`,
  `'><iframe srcdoc="<script>parent.${PWN}=1</script>">`,
  `</textarea><script>window.${PWN}=1</script>`,
  `<a href="javascript:window.${PWN}=1">x</a>`,
  `<details open ontoggle=window.${PWN}=1>`,
  `{{constructor.constructor('window.${PWN}=1')()}}`,
  `\${window.${PWN}=1}`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.${PWN}=1>`,
  `[x](javascript:window.${PWN}=1)`,
  `<style>@import 'https://evil.example/${PWN}.css'</style>`,
];

/** Links that must never come out as a link (they run code, read files, or smuggle documents). */
export const HOSTILE_LINKS = [
  `javascript:window.${PWN}=1`,
  `JaVaScRiPt:window.${PWN}=1`,
  ` \tjavascript:window.${PWN}=1`,
  `java\tscript:window.${PWN}=1`,
  `java\nscript:window.${PWN}=1`,
  `java\u0000script:window.${PWN}=1`,
  `javascript&colon;window.${PWN}=1`,
  `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.${PWN}=1`,
  `&#x6A;avascript:window.${PWN}=1`,
  `\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54\uff1awindow.${PWN}=1`,
  `data:text/html,<script>window.${PWN}=1</script>`,
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+',
  `vbscript:${PWN}`,
  'file:///etc/passwd',
  `blob:https://evil.example/${PWN}`,
  `mailto:javascript:window.${PWN}=1`,
  `tel:javascript:window.${PWN}=1`,
  `https:javascript:window.${PWN}=1`,
  `//evil.example/${PWN}`,
  `chrome-extension://abcdefghijklmnop/${PWN}.html`,
  `about:blank#${PWN}`,
];

const payload = fc.constantFrom(...PAYLOADS);
const hostileLink = fc.constantFrom(...HOSTILE_LINKS);

/** Text that stresses regular expressions and encodings: long runs, odd code points, entities. */
const oddText = fc.oneof(
  fc.constantFrom(
    '\ud800 lone high surrogate',
    'lone low \udc00',
    '\ufeffBOM at the start',
    'right-to-left \u202eoverride\u202c',
    'zero\u200bwidth\u200djoiners',
    'nul\u0000and\u0007bell\u001b[31m',
    'line\u2028separator\u2029paragraph',
    'next\u0085line',
    'e\u0301\u0301\u0301 combining marks',
    '\ud83d\ude00 emoji and \ud83c\udff3\ufe0f\u200d\ud83c\udf08',
    '&#0; &#xD800; &#x110000; &#128512; &amp;amp; &lt;script&gt;',
    '+ADw-script+AD4-window.__pwned=1+ADw-/script+AD4-',
    '%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E',
    'Ｊａｎｅ　Ｄｏｅ',
    'xn--80ak6aa92e.com',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Any field value a page may offer. */
export const hostileText = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 3, arbitrary: payload },
  { weight: 2, arbitrary: oddText },
  { weight: 1, arbitrary: hostileLink },
  { weight: 1, arbitrary: fc.tuple(word, payload).map(([w, p]) => `${w} ${p}`) },
);
/** Any link a page may offer. */
export const hostileHref = fc.oneof({ weight: 3, arbitrary: hostileLink }, { weight: 2, arbitrary: href });

/** Keys that collide with `Object.prototype`. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Escapes for JSON inside `<script>`: `</script>` must not end the block early. */
const jsonInScript = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

const nestedJson = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { '@type': 'Person', name: `Level ${i}`, knows: v };
  return v;
};

/** JSON-LD with a hostile value in every field, broken, huge, deep, looping or polluting. */
export const hostileJsonLd = fc.oneof(
  jsonLdArb,
  fc
    .record({
      type: fc.constantFrom('Person', 'Organization', 'ProfilePage', 'Corporation', ['Person', 'Thing']),
      name: hostileText,
      jobTitle: hostileText,
      email: fc.oneof(hostileText, hostileLink),
      telephone: fc.oneof(hostileText, hostileLink),
      url: hostileHref,
      image: hostileHref,
      sameAs: fc.array(hostileHref, { maxLength: 6 }),
      worksFor: fc.record({ name: hostileText, url: hostileHref, logo: hostileHref }),
      address: fc.oneof(hostileText, fc.record({ streetAddress: hostileText, addressLocality: hostileText })),
      description: hostileText,
    })
    .map((o) =>
      jsonInScript({
        '@context': 'https://schema.org',
        '@type': o.type,
        name: o.name,
        jobTitle: o.jobTitle,
        email: o.email,
        telephone: o.telephone,
        url: o.url,
        image: o.image,
        sameAs: o.sameAs,
        worksFor: { '@type': 'Organization', ...o.worksFor },
        address: o.address,
        description: o.description,
      }),
    ),
  // Broken: cut anywhere, or never closed.
  fc
    .tuple(fc.nat(), fc.constantFrom('{"@type":"Person","name":"Cut Off","url":"https://a.example/x","sameAs":["'))
    .map(([n, s]) => s.slice(0, n % s.length)),
  fc.constant('{"@type":"Person","name":"Trailing comma",}'),
  fc.constant('<!--{"@type":"Person","name":"In a comment"}-->'),
  fc.constant('<![CDATA[{"@type":"Person","name":"In CDATA"}]]>'),
  fc.constant('NaN'),
  fc.constant('null'),
  fc.constant('"just a string"'),
  fc.constant('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['),
  // Reference loops through @id.
  fc.constant(
    jsonInScript({
      '@graph': [
        { '@id': '#a', '@type': 'Person', name: 'Loop A', knows: { '@id': '#b' }, worksFor: { '@id': '#c' } },
        { '@id': '#b', '@type': 'Person', name: 'Loop B', knows: { '@id': '#a' } },
        { '@id': '#c', '@type': 'Organization', name: 'Loop Co', member: [{ '@id': '#a' }, { '@id': '#c' }] },
      ],
    }),
  ),
  // Prototype keys (JSON.parse makes `__proto__` an own key; an object spread would not).
  fc
    .tuple(fc.constantFrom(...PROTO_KEYS), hostileText)
    .map(
      ([k, v]) =>
        `{"@type":"Person","name":"Proto Key","${k}":{"polluted":${JSON.stringify(v).replace(/</g, '\\u003c')},"@type":"Person"},"worksFor":{"${k}":"x","name":"Proto Co"}}`,
    ),
);

/** Scripts that imitate Leadline's messages (inert in the campaign; run for real in the E2E test). */
export const SPOOF_SCRIPTS = [
  `<script>/*${SCRIPT_MARK}*/window.postMessage({type:'capture.save',draft:{person:{fullName:'Spoofed Save'},sourceUrl:location.href}},'*')</script>`,
  `<script type="module">/*${SCRIPT_MARK}*/document.dispatchEvent(new CustomEvent('leadline:capture',{detail:{type:'data.wipe',confirm:'WIPE'}}))</script>`,
  `<script>/*${SCRIPT_MARK}*/try{chrome.runtime.sendMessage('abcdefghijklmnopabcdefghijklmnop',{type:'data.wipe',confirm:'WIPE'})}catch(e){}</script>`,
  `<script type="text/javascript">/*${SCRIPT_MARK}*/addEventListener('message',e=>{window.${PWN}=e.data})</script>`,
  `<style>/*${SCRIPT_MARK}*/body{background:url("javascript:window.${PWN}=1")}</style>`,
];

/** One element that tries to run, mislead or exhaust. */
export const hostileElementArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: elementArb },
  { weight: 4, arbitrary: hostileJsonLd.map((j) => `<script type="application/ld+json">${j}</script>`) },
  { weight: 1, arbitrary: fc.constantFrom(...SPOOF_SCRIPTS) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(hostileText, hostileHref)
      .map(
        ([t, h]) =>
          `<h1 onclick="/*${SCRIPT_MARK}*/window.${PWN}=1" onmouseover="${SCRIPT_MARK}">${esc(t)}</h1><a href="${esc(h)}" onclick="${SCRIPT_MARK}">${esc(t)}</a>`,
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(hostileText, hostileText, hostileHref, hostileHref)
      .map(
        ([n, t, u, e]) =>
          `<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">${esc(n)}</span><span itemprop="jobTitle">${esc(t)}</span><a itemprop="url sameAs" href="${esc(u)}">u</a><a itemprop="email" href="${esc(e)}">e</a><img itemprop="image" src="${esc(u)}" onerror="${SCRIPT_MARK}"><meta itemprop="telephone" content="${esc(t)}"></div>`,
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...PROTO_KEYS), hostileText)
      .map(
        ([k, v]) =>
          `<div itemscope itemtype="https://schema.org/Person" itemprop="${k}"><span itemprop="${k}">${esc(v)}</span><span itemprop="name">Proto Micro</span></div>`,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      // itemref loops: an item that refers to itself, and two that refer to each other.
      '<div itemscope itemtype="https://schema.org/Person" id="l1" itemref="l1 l2"><span itemprop="name">Ref Loop</span><div id="l2" itemscope itemref="l1" itemprop="knows"></div></div>',
      '<div typeof="schema:Person" resource="#me"><span property="schema:name">RDFa Me</span><div property="schema:knows" resource="#me" typeof="schema:Person"></div></div>',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(hostileText, hostileHref, hostileText)
      .map(
        ([n, u, c]) =>
          `<div class="h-card vcard"><a class="p-name fn u-url url" href="${esc(u)}">${esc(n)}</a><span class="p-org org">${esc(c)}</span><a class="u-email email" href="${esc(u)}">m</a><img class="u-photo photo" src="${esc(u)}"></div>`,
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'og:title',
          'og:site_name',
          'og:url',
          'og:image',
          'twitter:site',
          'twitter:creator',
          'author',
          'description',
          'profile:username',
        ),
        fc.oneof(hostileText, hostileHref),
      )
      .map(([k, v]) => `<meta property="${k}" name="${k}" content="${esc(v)}">`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<meta charset="utf-7">',
      '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">',
      `<meta http-equiv="refresh" content="0;url=javascript:window.${PWN}=1">`,
      `<base href="javascript:window.${PWN}=1//">`,
      `<base href="data:text/html,x/">`,
      '<base href="https://other.example/deep/">',
      `<link rel="canonical" href="javascript:window.${PWN}=1">`,
      `<link rel="me" href="data:text/html,${PWN}">`,
      `<iframe srcdoc="<script>parent.${PWN}=1</script>"></iframe>`,
      `<object data="javascript:window.${PWN}=1"></object><embed src="data:text/html,${PWN}">`,
      `<form action="javascript:window.${PWN}=1"><button formaction="javascript:${PWN}">go</button></form>`,
      `<svg><a xlink:href="javascript:window.${PWN}=1"><text>svg link</text></a><script>/*${SCRIPT_MARK}*/</script></svg>`,
      `<math><maction actiontype="statusline" xlink:href="javascript:${PWN}">m</maction></math>`,
      `<template><h1>Template Name</h1><script>/*${SCRIPT_MARK}*/</script></template>`,
      `<noscript><img src=x onerror="/*${SCRIPT_MARK}*/"></noscript>`,
      `<textarea></textarea><script>/*${SCRIPT_MARK}*/</script></textarea>`,
      `<a href="mailto:jane@acme.example?subject=<script>${PWN}</script>">mail</a>`,
      `<a href="tel:+41 44 000 00 00;ext=<img src=x onerror=${PWN}>">call</a>`,
      '<p>Jane Doe<br>VP Sales<br>jane&#64;acme&#46;example<br>+41&nbsp;44&nbsp;000&nbsp;00&nbsp;00</p>',
    ),
  },
  { weight: 1, arbitrary: oddText.map((t) => `<p title="${esc(t)}">${esc(t)}</p>`) },
  { weight: 1, arbitrary: nasty.map((t) => `<!-- ${esc(t)} -->`) },
);

/**
 * What makes a page expensive: text that stresses regular expressions, JSON-LD at the parse cap,
 * wide and deep JSON-LD, deep and wide DOM. One page in 12 has one of them, so a
 * 10,000-page campaign tries each of them hundreds of times and still finishes in minutes.
 */
const stressText = fc.oneof(
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => `${'a'.repeat(n)}@`),
  fc.integer({ min: 1_000, max: 30_000 }).map((n) => '1 '.repeat(n)),
  fc.integer({ min: 500, max: 20_000 }).map((n) => `${'+1 '.repeat(n)}x`),
  fc.integer({ min: 500, max: 20_000 }).map((n) => `${'jane [at] '.repeat(n)}acme`),
  fc.integer({ min: 500, max: 20_000 }).map((n) => `${'Jane Doe - '.repeat(n)}`),
  fc.integer({ min: 500, max: 20_000 }).map((n) => `© ${'x '.repeat(n)}`),
);

const heavyJsonLd = fc.oneof(
  // Huge: around the 500 KB parse cap, with the name at the end.
  fc
    .integer({ min: 450_000, max: 560_000 })
    .map((n) => jsonInScript({ '@type': 'Person', description: 'x'.repeat(n), name: 'Huge Block' })),
  // Many small blocks, and wide arrays.
  fc.integer({ min: 20, max: 5_000 }).map((n) =>
    jsonInScript({
      '@graph': Array.from({ length: n }, (_, i) => ({ '@type': 'Person', '@id': `#p${i}`, name: `P ${i}` })),
    }),
  ),
  // Deep: nested objects and arrays far beyond the depth cap.
  fc.integer({ min: 20, max: 3_000 }).map((d) => jsonInScript(nestedJson(d, 'bottom'))),
  fc.integer({ min: 100, max: 20_000 }).map((d) => `${'['.repeat(d)}{"@type":"Person","name":"Deep"}${']'.repeat(d)}`),
);

export const heavyElementArb: fc.Arbitrary<string> = fc.oneof(
  stressText.map((t) => `<p>${esc(t)}</p>`),
  stressText.map((t) => `<address>${esc(t)}</address>`),
  heavyJsonLd.map((j) => `<script type="application/ld+json">${j}</script>`),
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 200, max: 1_500 }), fc.constantFrom('div', 'span', 'b', 'li', 'table'))
      .map(([n, tag]) => `${`<${tag}>`.repeat(n)}deep ${PWN}${`</${tag}>`.repeat(n)}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 8_000 })
      .map((n) => `<ul>${'<li><a href="https://x.example/p">P</a></li>'.repeat(n)}</ul>`),
  },
);

/** A whole hostile page, as HTML. */
export const hostileDocArb = fc
  .record({
    title: hostileText,
    lang: fc.constantFrom('en', 'de', 'ar', '"><script>x</script>', ''),
    head: fc.array(hostileElementArb, { maxLength: 3 }),
    body: fc.array(hostileElementArb, { maxLength: 10 }),
    heavy: fc.oneof({ weight: 11, arbitrary: fc.constant('') }, { weight: 1, arbitrary: heavyElementArb }),
  })
  .map(
    ({ title, lang, head, body, heavy }) =>
      `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><title>${esc(title)}</title>${head.join('')}</head><body onload="/*${SCRIPT_MARK}*/window.${PWN}=1">${body.join('\n')}${heavy}</body></html>`,
  );
