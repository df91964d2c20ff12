/**
 * The hostile-page campaign: generated pages full of scripts, event handlers, `javascript:` and
 * `data:` links in every field, broken, huge, deep and looping JSON-LD, prototype keys, odd
 * encodings and scripts that imitate Leadline's messages go through the whole capture path:
 *
 *   page DOM → extract; capture snapshot → offscreen parse → drafts (worker thread, timed)
 *   → drafts checked by the protocol's schema → the capture card rendered with them
 *   → `capture.lookup` and `capture.save` from the tab's content script, as the background runs them
 *   → the panel's own loaders read the lead back → its board card, lead view and brief rendered.
 *
 * Promises checked on every page: extraction never throws and never hangs (a page whose
 * extraction takes over 2 s on three runs fails; one whose worker stops answering in 30 s is
 * killed and fails), no value holds script or style code, links are http(s) only, no prototype
 * is polluted, a draft the card can send is saved, and nothing rendered holds an element, an
 * event handler or a link through which page text could run (`assertInert`).
 *
 * `npm test` runs LEADLINE_HOSTILE_PAGES pages (1,000 by default); `npm run test:long` runs
 * 10,000. LEADLINE_HOSTILE_SEED replays a run.
 */
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { type ComponentChild, render } from 'preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brief } from '../../components/Brief';
import { CaptureCard } from '../../components/CaptureCard';
import { DealCard } from '../../components/DealCard';
import { LeadView } from '../../components/LeadView';
import { db, loadBoard, loadLead } from '../../entrypoints/sidepanel/data';
import { buildBoard, scoreAll } from '../../entrypoints/sidepanel/model';
import type { CaptureLaunchLike } from '../../lib/clip';
import { wipeAll } from '../../lib/data-service';
import { extract } from '../../lib/extract/index';
import { medianOpenValue } from '../../lib/pipeline';
import { type ClipDraftInput, clipDraftSchema, type Reply, type SaveClipResult } from '../../lib/protocol';
import { scoreDeal } from '../../lib/score';
import { handleMessage, type ServiceContext } from '../../lib/service';
import { assertSafe, pageUrlArb } from './extract-arbitraries';
import { hostileDocArb, hostileHref, hostileText, PROTO_KEYS, SCRIPT_MARK } from './hostile-arbitraries';
import type { PageJob, PageResult } from './hostile-worker';

const PAGES = Number(process.env.LEADLINE_HOSTILE_PAGES ?? 1_000);
/** Drafts of raw page values: a quarter of the page count. */
const RAW = Math.ceil(PAGES / 4);
const SEED = process.env.LEADLINE_HOSTILE_SEED ? Number(process.env.LEADLINE_HOSTILE_SEED) : undefined;
/** A page's extraction may take this long: a hang guard, not a performance target (see bench/). */
const MAX_EXTRACT_MS = 2_000;
/** A worker that has not answered a page in this time is taken to hang (parsing included). */
const WATCHDOG_MS = 30_000;

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}`;

// ---------------------------------------------------------------------------------------------
// The extraction worker, with a watchdog

class Extractor {
  private worker!: Worker;
  private next = 0;
  private pending = new Map<number, (r: PageResult) => void>();
  restarts = 0;

  constructor() {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(new URL('./hostile-worker.mjs', import.meta.url));
    this.worker.on('message', (r: PageResult) => {
      this.pending.get(r.id)?.(r);
      this.pending.delete(r.id);
    });
    this.worker.on('error', (e) => {
      for (const done of this.pending.values()) done({ id: -1, ok: false, error: `worker died: ${e.stack}` });
      this.pending.clear();
    });
  }

  run(job: Omit<PageJob, 'id'>): Promise<PageResult> {
    const id = this.next++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        // A hung worker never answers again: replace it, and fail this page.
        void this.worker.terminate();
        this.restarts++;
        this.start();
        resolve({ id, ok: false, error: `no answer in ${WATCHDOG_MS} ms: the extraction hangs on this page` });
      }, WATCHDOG_MS);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.worker.postMessage({ ...job, id });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------
// What "inert" means for a rendered tree

/** Elements through which text could run, load something, or navigate. */
const FORBIDDEN_TAGS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'img',
  'image',
  'video',
  'audio',
  'source',
  'track',
  'picture',
  'link',
  'meta',
  'base',
  'style',
  'template',
  'portal',
  'math',
  'svg',
  'marquee',
]);
const URL_ATTRS = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background',
  'cite',
  'ping',
  'srcset',
  'manifest',
]);
/** Links a rendered view may hold: the page's http(s) links, mailto/tel, and the panel's own routes. */
const SAFE_LINK = /^(https?:\/\/|mailto:|tel:|#)/i;

/** Throws, naming the element, if anything in `root` could run, load or navigate to page text. */
function assertInert(root: Element, where: string): void {
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const tag = el.tagName.toLowerCase();
    expect(FORBIDDEN_TAGS.has(tag), `${where}: a <${tag}> element was rendered`).toBe(false);
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      const value = attr.value;
      expect(name.startsWith('on'), `${where}: <${tag} ${name}> is an event handler`).toBe(false);
      expect(name, `${where}: <${tag}> has srcdoc`).not.toBe('srcdoc');
      if (URL_ATTRS.has(name)) expect(value, `${where}: <${tag} ${name}>`).toMatch(SAFE_LINK);
      if (name === 'style') expect(value, `${where}: <${tag} style>`).not.toMatch(/url\(|expression|javascript/i);
    }
  }
}

/** Every string inside a value, with its path. */
function* strings(v: unknown, path = ''): Generator<[string, string]> {
  if (typeof v === 'string') yield [path, v];
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* strings(x, `${path}[${i}]`);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) yield* strings(x, `${path}.${k}`);
}

const DRAFT_URLS = ['linkedin', 'twitter', 'github', 'website', 'photoUrl'];
// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting that none are left.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/;

/** The drafts the card opens with hold only safe values: no code, no control characters, http(s) links. */
function assertSafeDrafts(drafts: ClipDraftInput[]): void {
  for (const [i, d] of drafts.entries()) {
    for (const k of DRAFT_URLS) {
      const u = (d.person as Record<string, unknown>)[k];
      if (u !== undefined) expect(u, `draft ${i} person.${k}`).toMatch(/^https?:\/\//);
    }
    for (const k of ['website', 'linkedin', 'twitter']) {
      const u = (d.company as Record<string, unknown> | undefined)?.[k];
      if (u !== undefined) expect(u, `draft ${i} company.${k}`).toMatch(/^https?:\/\//);
    }
    for (const [path, s] of strings({ person: d.person, company: d.company })) {
      expect(CONTROL.test(s), `draft ${i}${path} has control characters`).toBe(false);
    }
  }
}

function mount(node: ComponentChild): HTMLElement {
  const { document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  const root = document.getElementById('root') as unknown as HTMLElement;
  render(node, root);
  return root;
}

const noop = () => Promise.resolve(undefined);

// ---------------------------------------------------------------------------------------------

let extractor: Extractor;
beforeAll(() => {
  extractor = new Extractor();
});
afterAll(async () => {
  await extractor?.close();
});

const launchArb: fc.Arbitrary<CaptureLaunchLike> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ mode: 'page' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hostileHref, hostileText)
      .map(([linkUrl, linkText]) => ({ mode: 'link' as const, linkUrl, linkText })),
  },
);

/** Pages that once broke a promise, run first on every campaign. */
const REGRESSIONS: [string, string, CaptureLaunchLike][] = [
  // One 220 KB text line in an <address>: the postcode pattern took 36 s over it.
  [
    `<html><body><address>${'Jane Doe - '.repeat(20_000)}</address></body></html>`,
    'https://example.com/',
    { mode: 'page' },
  ],
  // "Clip linked profile" on a javascript: link put that link into the card as a website.
  [
    '<html><body><a href="javascript:window.__pwned=1">Jane\u202e Doe</a></body></html>',
    'https://example.com/',
    { mode: 'link', linkUrl: 'javascript:window.__pwned=1', linkText: 'Jane\u202e Doe\u0000' },
  ],
];

/** Renders the capture card as the content script mounts it; checks it is inert and shows values as typed. */
function checkCard(drafts: ClipDraftInput[], sources: Record<string, string>, notice?: string): void {
  const card = mount(
    <CaptureCard
      drafts={drafts}
      sources={sources}
      notice={notice}
      lookup={() => new Promise(() => undefined)}
      save={() => new Promise(() => undefined)}
      onClose={() => undefined}
    />,
  );
  assertInert(card, 'capture card');
  const first = drafts[0];
  const nameInput = card.querySelector('input[name="fullName"]') as HTMLInputElement | null;
  // The name is the input's value, character for character: text, not markup.
  if (first && nameInput) {
    expect(nameInput.value ?? nameInput.getAttribute('value') ?? '').toBe(first.person.fullName ?? '');
  }
}

const renderMarkdown = () => Promise.resolve(parseHTML('<p></p>').document.createDocumentFragment());
const actions = {
  update: noop,
  create: noop,
  move: noop,
  logActivity: noop,
  addFollowUp: noop,
  completeFollowUp: noop,
  snoozeFollowUp: noop,
  newDeal: noop,
  churn: noop,
  rescheduleFollowUp: noop,
  remove: noop,
  reload: noop,
  openBrief: () => undefined,
  back: () => undefined,
};

/**
 * What the panel shows of a saved deal, read with the panel's own loaders: the board card, the
 * lead view and the brief, each checked inert; stored links are http(s) only.
 */
async function checkPanel(dealId: string, now: number): Promise<void> {
  const lead = await loadLead(dealId);
  if (!lead) throw new Error('the saved deal is not there');
  for (const [path, s] of strings([lead.contact, lead.company, lead.deal, lead.notes])) {
    if (/(url|website|linkedin|twitter|github)$/i.test(path)) expect(s, path).toMatch(/^https?:\/\//);
  }
  const board = await loadBoard();
  const model = buildBoard(board, { query: '' }, now, scoreAll(board, now), new Map());
  const view = [...model.columns.values()].flat().find((v) => v.deal.id === dealId);
  if (!view) throw new Error('the saved deal is not on the board');
  assertInert(
    mount(
      <DealCard
        view={view}
        now={now}
        focused={false}
        onOpen={() => undefined}
        onFocus={() => undefined}
        onKeyDown={() => undefined}
        onDragStart={() => undefined}
      />,
    ),
    'board card',
  );
  const score = scoreDeal(lead.deal, {
    activities: lead.activities,
    company: lead.company,
    medianValue: medianOpenValue(board.deals, board.settings.stages),
    now,
  });
  assertInert(
    mount(<LeadView data={lead} score={score} now={now} renderMarkdown={renderMarkdown as never} actions={actions} />),
    'lead view',
  );
  assertInert(
    mount(
      <Brief data={lead} score={score} now={now} renderMarkdown={renderMarkdown as never} onBack={() => undefined} />,
    ),
    'brief',
  );
}

async function context(): Promise<ServiceContext> {
  return {
    db: await db(),
    now: Date.now(),
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    version: 'test',
    timeZone: 'Europe/Rome',
  };
}

/** A draft made of page values as they are, without the extractor's cleaning: what a content script could send. */
const rawDraftArb: fc.Arbitrary<ClipDraftInput> = fc
  .record({
    fullName: hostileText,
    jobTitle: hostileText,
    location: hostileText,
    emails: fc.array(fc.oneof(hostileText, hostileHref), { maxLength: 3 }),
    phones: fc.array(fc.oneof(hostileText, hostileHref), { maxLength: 3 }),
    linkedin: hostileHref,
    twitter: hostileHref,
    github: hostileHref,
    website: hostileHref,
    photoUrl: hostileHref,
    company: fc.record({
      name: hostileText,
      domain: hostileHref,
      website: hostileHref,
      description: hostileText,
      industry: hostileText,
      address: hostileText,
      linkedin: hostileHref,
      twitter: hostileHref,
    }),
    sourceUrl: hostileHref,
    pageTitle: hostileText,
    tags: fc.array(hostileText, { maxLength: 3 }),
  })
  .map((r) => {
    const cut = (s: string, n: number) => s.slice(0, n);
    return {
      person: {
        fullName: cut(r.fullName, 300).trim() || 'x',
        jobTitle: cut(r.jobTitle, 300),
        location: cut(r.location, 300),
        emails: r.emails.map((e) => cut(e, 254)),
        phones: r.phones.map((p) => cut(p, 40)),
        linkedin: cut(r.linkedin, 2048),
        twitter: cut(r.twitter, 2048),
        github: cut(r.github, 2048),
        website: cut(r.website, 2048),
        photoUrl: cut(r.photoUrl, 2048),
      },
      company: {
        name: cut(r.company.name, 300).trim() || 'x',
        domain: cut(r.company.domain, 253),
        website: cut(r.company.website, 2048),
        description: cut(r.company.description, 2000),
        industry: cut(r.company.industry, 300),
        address: cut(r.company.address, 300),
        linkedin: cut(r.company.linkedin, 2048),
        twitter: cut(r.company.twitter, 2048),
      },
      sourceUrl: cut(r.sourceUrl, 2048),
      pageTitle: cut(r.pageTitle, 500),
      tags: r.tags.map((t) => cut(t, 60)),
      followUp: 'none' as const,
    };
  });

describe('hostile pages (campaign)', () => {
  const time = { worker: 0, card: 0, db: 0, panel: 0 };
  const stats = { pages: 0, drafts: 0, slowestExtractMs: 0, bytes: 0, payloadsShownAsText: 0, slowRetried: 0 };

  it(
    `${PAGES.toLocaleString('en')} generated pages: extraction never throws or hangs, nothing from a page can run in the card or the panel`,
    async () => {
      const database = await db();
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(hostileDocArb, pageUrlArb, launchArb, async (html, url, launch) => {
          stats.pages++;
          stats.bytes += html.length;
          // Leads pile up across pages (so dedupe meets hostile values too), but the panel reads
          // the whole board each time: start over every 25 pages to keep a page's cost flat.
          if (stats.pages % 25 === 0) await wipeAll(database, Date.now());
          let t0 = performance.now();
          let r = await extractor.run({ html, url, launch });
          // Wall-clock time on a shared 2-core machine has spikes (a 150 ms page once took 2.8 s
          // while other builds ran): a page counts as hanging only when it is slow three times.
          for (let tries = 1; r.ok && Math.max(r.ms.extract, r.ms.read) >= MAX_EXTRACT_MS && tries < 3; tries++) {
            stats.slowRetried++;
            const again = await extractor.run({ html, url, launch });
            r = again.ok
              ? {
                  ...again,
                  ms: { extract: Math.min(r.ms.extract, again.ms.extract), read: Math.min(r.ms.read, again.ms.read) },
                }
              : again;
          }
          time.worker += performance.now() - t0;
          t0 = performance.now();
          if (!r.ok) throw new Error(`extraction failed: ${r.error}`);
          stats.slowestExtractMs = Math.max(stats.slowestExtractMs, r.ms.extract, r.ms.read);
          expect(r.ms.extract, 'extract() took too long (hang guard)').toBeLessThan(MAX_EXTRACT_MS);
          expect(r.ms.read, 'the offscreen read took too long (hang guard)').toBeLessThan(MAX_EXTRACT_MS);
          expect(r.polluted, 'Object.prototype was polluted').toEqual([]);

          // What the extractor returns: capped, clean, http(s) links only, and never code.
          assertSafe(r.ex);
          for (const [path, s] of strings([r.ex, r.read])) {
            expect(s.includes(SCRIPT_MARK), `${path} holds script or style code`).toBe(false);
          }
          assertSafeDrafts(r.read.drafts);
          checkCard(r.read.drafts, r.read.sources, r.read.notice);
          if ([...strings(r.read.drafts)].some(([, v]) => /<[a-z]|javascript:/i.test(v))) stats.payloadsShownAsText++;
          time.card += performance.now() - t0;

          // The rep saves what the card shows: the tab's content script sends it.
          const ctx = await context();
          const sender = { id: EXT_ID, url, tabId: 7 };
          for (const draft of r.read.drafts.slice(0, 2)) {
            if (!clipDraftSchema.safeParse(draft).success) continue;
            stats.drafts++;
            t0 = performance.now();
            const lookup = await handleMessage({ type: 'capture.lookup', draft }, sender, ctx);
            expect(lookup.reply.ok, JSON.stringify(lookup.reply)).toBe(true);
            const { reply } = await handleMessage({ type: 'capture.save', draft }, sender, ctx);
            expect(reply.ok, `a draft the card may send was refused: ${JSON.stringify(reply)}`).toBe(true);
            time.db += performance.now() - t0;
            t0 = performance.now();
            await checkPanel((reply as Extract<Reply<SaveClipResult>, { ok: true }>).value.dealId, ctx.now);
            time.panel += performance.now() - t0;
          }
        }),
        // The regressions run first and count among the runs: generate PAGES pages besides them.
        { numRuns: PAGES + REGRESSIONS.length, seed: SEED, examples: REGRESSIONS },
      );
      const seconds = (performance.now() - started) / 1000;
      // The numbers the README and the issue report quote.
      console.log(
        `hostile pages: ${stats.pages - REGRESSIONS.length} generated pages and ${REGRESSIONS.length} regressions (${(stats.bytes / 1e6).toFixed(1)} MB of HTML) in ${seconds.toFixed(1)} s; ` +
          `${stats.drafts} drafts saved and rendered; ${stats.payloadsShownAsText} cards showed markup or a javascript: link as text; slowest extraction ${stats.slowestExtractMs.toFixed(0)} ms (${stats.slowRetried} slow runs retried); ` +
          `worker restarts ${extractor.restarts}; time ${JSON.stringify(time, (_, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
      );
      expect(stats.pages).toBeGreaterThanOrEqual(PAGES + REGRESSIONS.length);
    },
    // Generous: a loaded 2-core machine, and shrinking a failure re-runs many pages.
    Math.max(600_000, PAGES * 300),
  );

  it(
    `${RAW.toLocaleString('en')} drafts of raw page values, as a content script could send them: the card, the background and the panel keep them inert`,
    async () => {
      const ctx = await context();
      let saved = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(rawDraftArb, { minLength: 1, maxLength: 3 }), async (drafts) => {
          if ((saved + refused) % 25 === 0) await wipeAll(ctx.db, Date.now());
          checkCard(drafts, { fullName: drafts[0]?.person.jobTitle ?? '' }, drafts[0]?.pageTitle);
          const draft = drafts[0] as ClipDraftInput;
          const { reply } = await handleMessage(
            { type: 'capture.save', draft },
            { id: EXT_ID, url: 'https://evil.example/', tabId: 9 },
            ctx,
          );
          if (!reply.ok) {
            // Refused as a whole, with a reason: fine (nothing is written half).
            expect(reply.error.code).toBe('invalid');
            refused++;
            return;
          }
          saved++;
          await checkPanel((reply as Extract<Reply<SaveClipResult>, { ok: true }>).value.dealId, ctx.now);
        }),
        { numRuns: RAW, seed: SEED },
      );
      console.log(`raw drafts: ${saved} saved and rendered, ${refused} refused as invalid`);
      expect(saved).toBeGreaterThan(RAW / 4);
    },
    Math.max(600_000, RAW * 300),
  );

  it('keys named like Object.prototype members neither pollute it nor hide the data beside them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROTO_KEYS), fc.constantFrom('jsonld', 'microdata', 'rdfa'), (key, syntax) => {
        const html =
          syntax === 'jsonld'
            ? `<script type="application/ld+json">{"@type":"Person","name":"Jane Proto","${key}":{"polluted":"yes"},"jobTitle":"CTO"}</script>`
            : syntax === 'microdata'
              ? `<div itemscope itemtype="https://schema.org/Person"><span itemprop="${key}">yes</span><span itemprop="name">Jane Proto</span><span itemprop="jobTitle">CTO</span></div>`
              : `<div vocab="https://schema.org/" typeof="Person"><span property="${key}">yes</span><span property="name">Jane Proto</span><span property="jobTitle">CTO</span></div>`;
        const doc = parseHTML(`<html><body>${html}</body></html>`).document as unknown as Document;
        const ex = extract(doc, 'https://example.com/', html);
        expect(ex.person.fullName, `${syntax} with a "${key}" key`).toBe('Jane Proto');
        expect(ex.person.jobTitle).toBe('CTO');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});
