/**
 * No message from a page is accepted by the background. A web page has no door to the
 * background (no `externally_connectable`; the E2E test checks that for real), so what reaches
 * `runtime.onMessage` from outside Leadline's pages is either another extension or a tab's
 * content script. A generated campaign sends every potent request (each one would change the
 * data if a Leadline page sent it: the first test proves that) from senders that are not
 * Leadline's pages, and a content script's requests beyond what a capture needs, and junk from
 * everyone: each is refused and the database is unchanged, record for record.
 *
 * LEADLINE_HOSTILE_MESSAGES sets the count (1,000 in `npm test`, 10,000 in `npm run test:long`).
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BackupStores, emptyStores, serializeBackup } from '../../lib/backup';
import { readAllStores } from '../../lib/data-service';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import { CONTENT_SCRIPT_TYPES, type RequestInput, requestSchema } from '../../lib/protocol';
import { handleMessage, type SenderInfo, type ServiceContext } from '../../lib/service';
import { stubUnimplementedEvents } from './fake-events';
import { PAYLOADS } from './hostile-arbitraries';

const RUNS = Number(process.env.LEADLINE_HOSTILE_MESSAGES ?? 1_000);
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const PANEL: SenderInfo = { id: ID, url: `${ORIGIN}/sidepanel.html` };
const NOW = Date.UTC(2026, 10, 23, 9);

let db: Db;
let ctx: ServiceContext;

interface Seeded {
  contactId: string;
  contactRev: number;
  dealId: string;
  dealRev: number;
  followUpId: string;
  followUpRev: number;
}

/** A database with a lead in it (contact, company, deal, note, follow-up), as a clip makes. */
async function seed(): Promise<Seeded> {
  const { reply } = await handleMessage(
    {
      type: 'capture.save',
      draft: {
        person: { fullName: 'Maria Rossi', emails: ['maria@acme.example'], jobTitle: 'CTO' },
        company: { name: 'Acme Robotics', website: 'https://acme.example/' },
        sourceUrl: 'https://acme.example/team',
        note: 'Met at the summit',
        followUp: 'tomorrow',
      },
    },
    PANEL,
    ctx,
  );
  if (!reply.ok) throw new Error(reply.error.message);
  const { contactId, dealId } = reply.value as { contactId: string; dealId: string };
  const contact = await db.get('contacts', contactId);
  const deal = await db.get('deals', dealId);
  const [fu] = await db.getAll('followUps');
  if (!contact || !deal || !fu) throw new Error('the seed did not land');
  return {
    contactId,
    contactRev: contact.rev,
    dealId,
    dealRev: deal.rev,
    followUpId: fu.id,
    followUpRev: fu.rev,
  };
}

/** Every request that writes, aimed at the seeded records; `t` is page text to carry. */
const POTENT: Record<string, (s: Seeded, t: string) => RequestInput> = {
  'data.wipe': () => ({ type: 'data.wipe', confirm: 'WIPE' }),
  'data.import backup': () => ({
    type: 'data.import',
    kind: 'backup',
    mode: 'replace',
    text: serializeBackup(emptyStores(), NOW, 1),
  }),
  'data.import csv': (_, t) => ({
    type: 'data.import',
    kind: 'csv',
    text: `Name,Email,Job Title\nEve Spoof,eve@evil.example,${JSON.stringify(t.slice(0, 200))}`,
  }),
  'record.create': (s, t) => ({
    type: 'record.create',
    store: 'notes',
    draft: { subjectKind: 'contact', subjectId: s.contactId, body: t || 'x' },
  }),
  'record.update': (s, t) => ({
    type: 'record.update',
    store: 'contacts',
    id: s.contactId,
    rev: s.contactRev,
    patch: { jobTitle: t.slice(0, 200) || 'x' },
  }),
  'record.delete': (s) => ({ type: 'record.delete', store: 'contacts', id: s.contactId, rev: s.contactRev }),
  'deal.move': (s) => ({ type: 'deal.move', id: s.dealId, rev: s.dealRev, stage: 'won' }),
  'deal.create': (s, t) => ({
    type: 'deal.create',
    contactId: s.contactId,
    kind: 'upsell',
    title: t.slice(0, 200) || 'x',
  }),
  'contact.churn': (s, t) => ({
    type: 'contact.churn',
    contactId: s.contactId,
    rev: s.contactRev,
    reason: t.slice(0, 200) || 'x',
  }),
  'activity.log': (s, t) => ({ type: 'activity.log', dealId: s.dealId, kind: 'call', text: t.slice(0, 2000) }),
  'followUp.create': (s, t) => ({
    type: 'followUp.create',
    dealId: s.dealId,
    preset: 'tomorrow-9',
    text: t.slice(0, 200),
  }),
  'followUp.complete': (s) => ({ type: 'followUp.complete', id: s.followUpId, rev: s.followUpRev }),
  'followUp.snooze': (s) => ({ type: 'followUp.snooze', id: s.followUpId, rev: s.followUpRev, preset: 'next-week' }),
  'settings.update': () => ({ type: 'settings.update', rev: 0, patch: { neverCapture: ['acme.example'] } }),
  'capture.save': (_, t) => ({
    type: 'capture.save',
    draft: { person: { fullName: t.slice(0, 200).trim() || 'Eve Spoof' }, sourceUrl: 'https://evil.example/' },
  }),
};
const POTENT_NAMES = Object.keys(POTENT);
/** The potent requests a tab's content script may not send (a capture may save; nothing else writes). */
const NOT_FOR_CONTENT = POTENT_NAMES.filter(
  (n) => !CONTENT_SCRIPT_TYPES.has((POTENT[n] as (s: Seeded, t: string) => RequestInput)({} as Seeded, '').type),
);

const pageText = fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 80 }));

/** Senders that are not Leadline's own pages and not a tab: other extensions, spoofed URLs. */
const foreignSender: fc.Arbitrary<SenderInfo> = fc.oneof(
  fc.constant({}),
  fc.constant({ id: 'ponmlkjihgfedcbaponmlkjihgfedcba' }),
  fc.constant({ id: 'ponmlkjihgfedcbaponmlkjihgfedcba', url: `${ORIGIN}/sidepanel.html` }),
  fc.constant({ id: 'ponmlkjihgfedcbaponmlkjihgfedcba', url: `${ORIGIN}/options.html`, tabId: 3 }),
  fc.constant({ id: undefined, url: `${ORIGIN}/sidepanel.html` }),
  fc.constant({ id: ID.toUpperCase(), url: `${ORIGIN}/sidepanel.html` }),
  // Our id but no tab and no page of ours: nothing legitimate sends that.
  fc.constant({ id: ID }),
  fc.constant({ id: ID, url: 'https://evil.example/' }),
  fc.constant({ id: ID, url: ORIGIN }),
  fc.constant({ id: ID, url: `${ORIGIN}.evil.example/sidepanel.html` }),
  fc.constant({ id: ID, url: `${ORIGIN}@evil.example/` }),
  fc.constant({ id: ID, url: `https://evil.example/${ORIGIN}/sidepanel.html` }),
  fc.webUrl().map((url) => ({ id: ID, url })),
  fc.record({ id: fc.string({ maxLength: 40 }), url: fc.webUrl(), tabId: fc.option(fc.nat(), { nil: undefined }) }),
);
/** A tab's content script: our id, a web page's URL, a tab. */
const contentSender: fc.Arbitrary<SenderInfo> = fc.record({
  id: fc.constant(ID),
  url: fc.oneof(fc.webUrl(), fc.constant('https://www.linkedin.com/in/eve/'), fc.constant('about:blank')),
  tabId: fc.nat(),
});

const sortById = (xs: { id: string }[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
async function snapshot(): Promise<BackupStores> {
  const all = await readAllStores(db);
  for (const k of Object.keys(all) as (keyof BackupStores)[]) (all[k] as { id: string }[]) = sortById(all[k]);
  return all;
}

beforeEach(async () => {
  db = await openLeadlineDb();
  ctx = { db, now: NOW, extensionId: ID, extensionOrigin: ORIGIN, version: '0.1.0', timeZone: 'Europe/Rome' };
});

describe('messages that do not come from Leadline (campaign)', () => {
  it.each(POTENT_NAMES)('"%s" is potent: from a Leadline page it would change the data', async (name) => {
    const s = await seed();
    const req = (POTENT[name] as (s: Seeded, t: string) => RequestInput)(s, 'Spoofed text');
    expect(requestSchema.safeParse(req).success).toBe(true);
    const before = await snapshot();
    const { reply, changes } = await handleMessage(req, PANEL, ctx);
    expect(reply, name).toMatchObject({ ok: true });
    expect(changes.length).toBeGreaterThan(0);
    expect(await snapshot()).not.toEqual(before);
  });

  it(`${RUNS.toLocaleString('en')} spoofed requests from other extensions and spoofed senders: all refused, nothing written`, async () => {
    const s = await seed();
    const before = await snapshot();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POTENT_NAMES), pageText, foreignSender, async (name, t, sender) => {
        sent++;
        const req = (POTENT[name] as (s: Seeded, t: string) => RequestInput)(s, t);
        const { reply, changes } = await handleMessage(req, sender, ctx);
        expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(changes).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(sent).toBe(RUNS);
    expect(await snapshot()).toEqual(before);
  }, 300_000);

  it(`${RUNS.toLocaleString('en')} requests a content script may not send: all refused, nothing written`, async () => {
    const s = await seed();
    const before = await snapshot();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NOT_FOR_CONTENT), pageText, contentSender, async (name, t, sender) => {
        sent++;
        const req = (POTENT[name] as (s: Seeded, t: string) => RequestInput)(s, t);
        const { reply, changes } = await handleMessage(req, sender, ctx);
        expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(changes).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(sent).toBe(RUNS);
    expect(await snapshot()).toEqual(before);
  }, 300_000);

  it(`${RUNS.toLocaleString('en')} junk and mangled messages from anyone: never a throw, a refusal writes nothing`, async () => {
    const s = await seed();
    // What a page could get into a message: any JSON, or a real request with one field swapped for junk.
    const mangled = fc
      .tuple(fc.constantFrom(...POTENT_NAMES), fc.jsonValue({ maxDepth: 3 }), fc.nat())
      .map(([name, junk, i]) => {
        const req = (POTENT[name] as (s: Seeded, t: string) => RequestInput)(s, 'x') as Record<string, unknown>;
        const keys = Object.keys(req).filter((k) => k !== 'type');
        const k = keys[i % Math.max(keys.length, 1)];
        return k ? { ...req, [k]: junk } : req;
      });
    const message = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      mangled,
      fc.constantFrom(
        { type: '__proto__' },
        { type: 'constructor' },
        { type: ['data.wipe'], confirm: 'WIPE' },
        { type: 'data.wipe', confirm: 'wipe' },
        { type: 'data.wipe', confirm: ['WIPE'] },
        { type: 'record.delete', store: '__proto__', id: 'x' },
        { type: 'record.delete', store: 'settings', id: 'settings' },
        JSON.parse('{"type":"data.wipe","__proto__":{"confirm":"WIPE"}}'),
      ),
    );
    const sender = fc.oneof(foreignSender, contentSender, fc.constant(PANEL));
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(message, sender, async (raw, from) => {
        sent++;
        const before = await snapshot();
        const { reply, changes } = await handleMessage(raw, from, ctx);
        expect(typeof reply.ok).toBe('boolean');
        if (!reply.ok) {
          expect(changes).toEqual([]);
          expect(await snapshot()).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
    expect(sent).toBe(RUNS);
  }, 300_000);
});

describe('the real entrypoints refuse what does not come from Leadline', () => {
  it('the background worker answers a spoofed wipe with a refusal and deletes nothing', async () => {
    const s = await seed();
    const before = await snapshot();
    stubUnimplementedEvents();
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Leadline',
      version: '0.1.0',
    });
    vi.resetModules();
    (await import('../../entrypoints/background/index')).default.main();
    const own = fakeBrowser.runtime.id;
    const tab = { id: 4, index: 0, highlighted: false, active: true, pinned: false, incognito: false };
    const senders = [
      { id: 'ponmlkjihgfedcbaponmlkjihgfedcba', url: 'https://evil.example/' },
      { id: own, url: 'https://evil.example/', tab },
      { id: own, url: 'https://evil.example/' },
    ];
    for (const sender of senders) {
      for (const req of [{ type: 'data.wipe', confirm: 'WIPE' }, POTENT['record.delete']?.(s, '')]) {
        const replies = await fakeBrowser.runtime.onMessage.trigger(req, sender);
        expect(replies, JSON.stringify(sender)).toEqual([
          { ok: false, error: expect.objectContaining({ code: 'forbidden' }) },
        ]);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('the offscreen reader answers only the background, never a tab', async () => {
    (globalThis as { DOMParser?: unknown }).DOMParser = parseHTML('<html></html>').DOMParser;
    vi.resetModules();
    await import('../../entrypoints/offscreen/main');
    const req = {
      target: 'leadline-offscreen',
      snapshot: { html: '<h1>Jane Doe</h1>', url: 'https://example.com/', title: 'Jane Doe' },
      launch: { mode: 'page' },
    };
    const tab = { id: 4, index: 0, highlighted: false, active: true, pinned: false, incognito: false };
    const fromTab = await fakeBrowser.runtime.onMessage.trigger(req, { id: fakeBrowser.runtime.id, tab });
    const fromOther = await fakeBrowser.runtime.onMessage.trigger(req, { id: 'ponmlkjihgfedcbaponmlkjihgfedcba' });
    expect([...fromTab, ...fromOther]).toEqual([undefined, undefined]);
    const fromBackground = await fakeBrowser.runtime.onMessage.trigger(req, { id: fakeBrowser.runtime.id });
    expect(fromBackground[0]).toMatchObject({ drafts: [expect.anything()] });
  });
});
