// The page beside the panel, the marker's lookup, delete with undo, reschedule, and the note
// sections: the rules behind the side panel's lead actions, through the same message handler
// the background runs.
import { beforeEach, describe, expect, it } from 'vitest';
import { fromWallClock, wallClock } from '../../components/RescheduleForm';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import { STORE_NAMES } from '../../lib/db/schema';
import type { UndoStep } from '../../lib/delete';
import { markerPatterns, parseMarkerSite, siteCovers } from '../../lib/marker-sites';
import { appendSection, checklistSection, firstLine, researchSection } from '../../lib/note-sections';
import { domainCandidates, profileKeyCandidates } from '../../lib/page-match';
import type { ClipDraftInput, RemoveResult, TabContext } from '../../lib/protocol';
import { handleMessage, type SenderInfo, type ServiceContext } from '../../lib/service';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const PANEL: SenderInfo = { id: ID, url: `${ORIGIN}/sidepanel.html` };
const NOW = Date.UTC(2026, 10, 23, 9);

let db: Db;
let ctx: ServiceContext;
let tabs: Map<number, { id: number; url?: string; title?: string }>;
let undo: Map<string, UndoStep[]>;
let clipped: number[];

beforeEach(async () => {
  db = await openLeadlineDb();
  tabs = new Map();
  undo = new Map();
  clipped = [];
  ctx = {
    db,
    now: NOW,
    extensionId: ID,
    extensionOrigin: ORIGIN,
    version: '0.1.0',
    timeZone: 'Europe/Rome',
    activeTab: async (windowId) => tabs.get(windowId),
    clipTab: async (tabId) => {
      clipped.push(tabId);
    },
    undo: {
      save: async (id, steps) => {
        undo.set(id, JSON.parse(JSON.stringify(steps)));
      },
      take: async (id) => {
        const s = undo.get(id);
        undo.delete(id);
        return s;
      },
    },
  };
});

async function ok<T>(msg: unknown, sender: SenderInfo = PANEL): Promise<T> {
  const { reply } = await handleMessage(msg, sender, ctx);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

const ada: ClipDraftInput = {
  person: {
    fullName: 'Ada Lovelace',
    jobTitle: 'Analyst',
    emails: ['ada@analytical-engines.example'],
    linkedin: 'https://www.linkedin.com/in/ada-lovelace/',
  },
  company: { name: 'Analytical Engines', website: 'https://analytical-engines.example' },
  sourceUrl: 'https://www.linkedin.com/in/ada-lovelace/',
  followUp: 'tomorrow',
  note: 'Met at the Difference Engine meetup',
};

/** Every record of every store, by store, sorted by id: what "exactly as before" compares. */
async function everything(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const s of STORE_NAMES) {
    out[s] = (await db.getAll(s)).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

describe('marker sites', () => {
  it.each([
    ['linkedin.com', 'linkedin.com', ['https://*.linkedin.com/*', 'http://*.linkedin.com/*']],
    ['https://www.LinkedIn.com/in/ada?x=1', 'linkedin.com', ['https://*.linkedin.com/*', 'http://*.linkedin.com/*']],
    ['http://127.0.0.1:8080/x', '127.0.0.1', ['https://127.0.0.1/*', 'http://127.0.0.1/*']],
    ['localhost', 'localhost', ['https://localhost/*', 'http://localhost/*']],
  ])('reads %s as %s', (input, site, patterns) => {
    expect(parseMarkerSite(input)).toEqual({ site, patterns });
  });

  it.each(['', 'not a site', 'javascript:alert(1)', 'mailto:a@b.example', 'intranet'])('refuses %j', (input) => {
    expect(parseMarkerSite(input)).toBeUndefined();
  });

  it('covers a domain and its subdomains, an IP only itself', () => {
    expect(siteCovers('linkedin.com', 'https://www.linkedin.com/in/ada')).toBe(true);
    expect(siteCovers('linkedin.com', 'https://de.linkedin.com/in/ada')).toBe(true);
    expect(siteCovers('linkedin.com', 'https://notlinkedin.com/')).toBe(false);
    expect(siteCovers('linkedin.com', 'https://linkedin.com.evil.example/')).toBe(false);
    expect(siteCovers('127.0.0.1', 'http://127.0.0.1:5173/a')).toBe(true);
    expect(siteCovers('127.0.0.1', 'http://10.127.0.0.1/')).toBe(false);
    expect(markerPatterns(['linkedin.com', 'www.linkedin.com', 'bad site'])).toEqual([
      'https://*.linkedin.com/*',
      'http://*.linkedin.com/*',
    ]);
  });
});

describe('the page beside the panel', () => {
  it('tries a profile and its sub-pages, and a domain and its parents', () => {
    expect(profileKeyCandidates('https://www.linkedin.com/in/ada-lovelace/details/experience/')).toEqual([
      'linkedin.com/in/ada-lovelace/details/experience',
      'linkedin.com/in/ada-lovelace/details',
      'linkedin.com/in/ada-lovelace',
      'linkedin.com/in',
    ]);
    expect(domainCandidates('https://eu.app.analytical-engines.example/login')).toEqual([
      'eu.app.analytical-engines.example',
      'app.analytical-engines.example',
      'analytical-engines.example',
    ]);
    expect(domainCandidates('http://127.0.0.1:8080/')).toEqual([]);
  });

  it('offers the contact of a profile page, the company of its site, and Clip on an unknown page', async () => {
    const saved = await ok<{ contactId: string; dealId: string; companyId: string }>({
      type: 'capture.save',
      draft: ada,
    });
    tabs.set(1, { id: 11, url: 'https://de.linkedin.com/in/ada-lovelace/recent-activity/', title: 'Ada' });
    tabs.set(2, { id: 12, url: 'https://careers.analytical-engines.example/jobs', title: 'Jobs' });
    tabs.set(3, { id: 13, url: 'https://example.org/someone', title: 'Someone' });
    tabs.set(4, { id: 14, title: 'A page Leadline may not read' });
    tabs.set(5, { id: 15, url: `${ORIGIN}/sidepanel.html` });
    tabs.set(6, { id: 16, url: 'chrome://settings/' });

    const person = await ok<TabContext>({ type: 'tab.context', windowId: 1 });
    expect(person).toMatchObject({
      tabId: 11,
      canClip: true,
      match: {
        kind: 'contact',
        name: 'Ada Lovelace',
        detail: 'Analyst · Analytical Engines',
        contactId: saved.contactId,
        dealId: saved.dealId,
        stageName: 'Prospecting',
      },
    });
    const company = await ok<TabContext>({ type: 'tab.context', windowId: 2 });
    expect(company.match).toMatchObject({ kind: 'company', name: 'Analytical Engines', dealId: saved.dealId });
    expect(await ok<TabContext>({ type: 'tab.context', windowId: 3 })).toEqual({
      tabId: 13,
      url: 'https://example.org/someone',
      title: 'Someone',
      match: undefined,
      canClip: true,
    });
    // Where Leadline may not read the address, the panel learns nothing but that a tab is there.
    expect(await ok<TabContext>({ type: 'tab.context', windowId: 4 })).toEqual({ tabId: 14, canClip: false });
    expect(await ok<TabContext>({ type: 'tab.context', windowId: 5 })).toEqual({ canClip: false });
    expect(await ok<TabContext>({ type: 'tab.context', windowId: 6 })).toEqual({ tabId: 16, canClip: false });
    expect(await ok<TabContext>({ type: 'tab.context', windowId: 99 })).toEqual({ canClip: false });

    await ok({ type: 'tab.clip', tabId: 13 });
    expect(clipped).toEqual([13]);
  });

  it('does not offer Clip on a never-capture site', async () => {
    await ok({ type: 'settings.update', rev: 0, patch: { neverCapture: ['example.org'] } });
    tabs.set(1, { id: 11, url: 'https://www.example.org/x' });
    expect(await ok<TabContext>({ type: 'tab.context', windowId: 1 })).toMatchObject({ canClip: false });
  });

  it('lets only our pages ask about tabs, and a content script only about its own page on an opted-in site', async () => {
    await ok({ type: 'capture.save', draft: ada });
    const tab: SenderInfo = { id: ID, url: 'https://www.linkedin.com/in/ada-lovelace/', tabId: 3 };
    const fromPage = await handleMessage({ type: 'tab.context', windowId: 1 }, tab, ctx);
    expect(fromPage.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const clip = await handleMessage({ type: 'tab.clip', tabId: 3 }, tab, ctx);
    expect(clip.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Not opted in yet: the marker learns nothing.
    expect(await ok({ type: 'page.lookup' }, tab)).toBeNull();
    await ok({ type: 'settings.update', rev: 0, patch: { markerSites: ['linkedin.com'] } });
    expect(await ok({ type: 'page.lookup' }, tab)).toMatchObject({ kind: 'contact', name: 'Ada Lovelace' });
    // The page is the sender's own address: a URL in the message is not even accepted.
    const other: SenderInfo = { ...tab, url: 'https://www.linkedin.com/in/someone-else/' };
    expect(await ok({ type: 'page.lookup' }, other)).toBeNull();
    const named = await handleMessage(
      { type: 'page.lookup', url: 'https://www.linkedin.com/in/ada-lovelace/' },
      other,
      ctx,
    );
    expect(named.reply.ok && named.reply.value).toBeNull();
    // An extension page has no page to look up.
    expect(await ok({ type: 'page.lookup' })).toBeNull();
  });
});

describe('delete with undo', () => {
  async function seed() {
    const saved = await ok<{ contactId: string; dealId: string; companyId: string }>({
      type: 'capture.save',
      draft: ada,
    });
    await ok({ type: 'activity.log', dealId: saved.dealId, kind: 'call', text: 'Intro call' });
    await ok({
      type: 'record.create',
      store: 'objections',
      draft: { dealId: saved.dealId, contactId: saved.contactId, category: 'price', said: 'Too dear' },
    });
    await ok({ type: 'deal.move', id: saved.dealId, rev: 1, stage: 'won' });
    const upsell = await ok<{ id: string }>({
      type: 'deal.create',
      contactId: saved.contactId,
      kind: 'upsell',
      title: 'Ada — upsell',
    });
    await ok({
      type: 'record.create',
      store: 'nps',
      draft: { contactId: saved.contactId, companyId: saved.companyId, dealId: saved.dealId, score: 9, at: NOW },
    });
    await ok({
      type: 'record.create',
      store: 'notes',
      draft: { subjectKind: 'company', subjectId: saved.companyId, body: 'Founded 1837' },
    });
    // A follow-up about the person only, with no deal.
    await ok({ type: 'followUp.create', contactId: saved.contactId, preset: 'next-week', text: 'Birthday' });
    return { ...saved, upsellId: upsell.id };
  }

  it('deletes a contact with their deals, and undo puts every record back exactly', async () => {
    const s = await seed();
    const before = await everything();
    const contact = await db.get('contacts', s.contactId);
    const result = await ok<RemoveResult>({
      type: 'record.remove',
      store: 'contacts',
      id: s.contactId,
      rev: contact?.rev,
      deals: 'delete',
    });
    expect(result.deleted).toMatchObject({ contacts: 1, deals: 2, nps: 1, objections: 1 });
    expect(await db.count('contacts')).toBe(0);
    expect(await db.count('deals')).toBe(0);
    expect(await db.count('activities')).toBe(0);
    expect(await db.count('followUps')).toBe(0);
    // The company and its note stay: they were not the contact's.
    expect(await db.count('companies')).toBe(1);
    expect((await db.getAll('notes')).map((n) => n.body)).toEqual(['Founded 1837']);

    await ok({ type: 'undo.apply', undoId: result.undoId });
    expect(await everything()).toEqual(before);
    // An undo is used once.
    const again = await handleMessage({ type: 'undo.apply', undoId: result.undoId }, PANEL, ctx);
    expect(again.reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('keeps the deals of a deleted contact without a contact, so nothing points at a record that is gone', async () => {
    const s = await seed();
    const before = await everything();
    const contact = await db.get('contacts', s.contactId);
    const result = await ok<RemoveResult>({
      type: 'record.remove',
      store: 'contacts',
      id: s.contactId,
      rev: contact?.rev,
      deals: 'keep',
    });
    expect(result.detached).toMatchObject({ deals: 2 });
    const ids = new Set((await db.getAll('contacts')).map((c) => c.id));
    for (const store of ['deals', 'activities', 'followUps', 'objections', 'nps'] as const) {
      for (const r of await db.getAll(store)) {
        const ref = (r as { contactId?: string }).contactId;
        if (ref) expect(ids.has(ref), `${store} ${r.id} points at a deleted contact`).toBe(true);
      }
    }
    expect(await db.count('deals')).toBe(2);
    // The deal's touchpoints stay on it; the birthday follow-up was about the person and goes.
    expect((await db.getAll('followUps')).map((f) => f.text)).not.toContain('Birthday');
    expect((await db.getAll('activities')).some((a) => a.text === 'Intro call')).toBe(true);

    await ok({ type: 'undo.apply', undoId: result.undoId });
    expect(await everything()).toEqual(before);
  });

  it('refuses to delete a contact without saying what becomes of the deals', async () => {
    const s = await seed();
    const { reply } = await handleMessage(
      { type: 'record.remove', store: 'contacts', id: s.contactId, rev: 1 },
      PANEL,
      ctx,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('deletes a company but keeps its people and deals; deletes a deal with what is on it', async () => {
    const s = await seed();
    const company = await db.get('companies', s.companyId);
    const r = await ok<RemoveResult>({ type: 'record.remove', store: 'companies', id: s.companyId, rev: company?.rev });
    expect(r.detached).toMatchObject({ contacts: 1, deals: 2, nps: 1 });
    expect(r.deleted).toMatchObject({ companies: 1, notes: 1 });
    expect((await db.getAll('deals')).every((d) => d.companyId === undefined)).toBe(true);
    await ok({ type: 'undo.apply', undoId: r.undoId });
    expect((await db.get('contacts', s.contactId))?.companyId).toBe(s.companyId);

    const before = await everything();
    const deal = await db.get('deals', s.dealId);
    const d = await ok<RemoveResult>({ type: 'record.remove', store: 'deals', id: s.dealId, rev: deal?.rev });
    expect(d.deleted).toMatchObject({ deals: 1, objections: 1 });
    expect(d.detached).toMatchObject({ nps: 1 });
    expect(await db.get('deals', s.upsellId)).toBeDefined();
    expect(await db.get('contacts', s.contactId)).toBeDefined();
    await ok({ type: 'undo.apply', undoId: d.undoId });
    expect(await everything()).toEqual(before);
  });

  it('does not undo over a change made since', async () => {
    const s = await seed();
    const contact = await db.get('contacts', s.contactId);
    const r = await ok<RemoveResult>({
      type: 'record.remove',
      store: 'contacts',
      id: s.contactId,
      rev: contact?.rev,
      deals: 'keep',
    });
    const deal = await db.get('deals', s.dealId);
    await ok({ type: 'record.update', store: 'deals', id: s.dealId, rev: deal?.rev, patch: { value: 999 } });
    const { reply } = await handleMessage({ type: 'undo.apply', undoId: r.undoId }, PANEL, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(await db.get('contacts', s.contactId)).toBeUndefined();
    expect((await db.get('deals', s.dealId))?.value).toBe(999);
  });

  it('refuses a stale delete', async () => {
    const s = await seed();
    const { reply } = await handleMessage({ type: 'record.remove', store: 'deals', id: s.dealId, rev: 1 }, PANEL, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(await db.get('deals', s.dealId)).toBeDefined();
  });
});

describe('reschedule', () => {
  it('moves a follow-up to the instant picked, reopens it, and does not count it as a snooze', async () => {
    const f = await ok<{ id: string; rev: number }>({
      type: 'record.create',
      store: 'followUps',
      draft: { dueAt: NOW - 3_600_000, kind: 'call', text: 'Call Ada', notifiedAt: NOW - 3_000_000 },
    });
    const dueAt = fromWallClock('2026-11-27', '16:30', 'Pacific/Auckland') as number;
    expect(dueAt).toBe(Date.UTC(2026, 10, 27, 3, 30));
    await ok({ type: 'followUp.reschedule', id: f.id, rev: f.rev, dueAt });
    const stored = await db.get('followUps', f.id);
    expect(stored).toMatchObject({ dueAt, openDue: dueAt, status: 'open', snoozeCount: 0 });
    expect(stored?.notifiedAt).toBeUndefined();
    const stale = await handleMessage({ type: 'followUp.reschedule', id: f.id, rev: f.rev, dueAt }, PANEL, ctx);
    expect(stale.reply).toMatchObject({ ok: false, error: { code: 'stale' } });
  });

  it('reads and writes wall-clock times in the rep’s zone, across a DST gap', () => {
    expect(wallClock(Date.UTC(2026, 2, 29, 0, 30), 'Europe/Rome')).toEqual({ date: '2026-03-29', time: '01:30' });
    // 02:30 does not exist in Rome on 29 March 2026: it moves on by the hour the clocks skip.
    expect(fromWallClock('2026-03-29', '02:30', 'Europe/Rome')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(fromWallClock('2026-13-01', '09:00', 'Europe/Rome')).toBeUndefined();
    expect(fromWallClock('2026-11-01', '', 'Europe/Rome')).toBeUndefined();
  });
});

describe('note sections', () => {
  it('writes the research checklist with its answers, and the exit checklist with what is ticked', () => {
    expect(
      researchSection('Research', [
        { label: 'Funding', answer: '## News\nRaised a **€12M Series B** in October' },
        { label: 'Competitors' },
      ]),
    ).toBe('## Research\n\n- [x] **Funding**: News\n- [ ] **Competitors**\n');
    expect(checklistSection('To leave Qualification', ['BANT filled in', 'Decision maker'], ['BANT filled in'])).toBe(
      '## To leave Qualification\n\n- [x] BANT filled in\n- [ ] Decision maker\n',
    );
    expect(appendSection('Call notes\n\n\n', '## Research\n')).toBe('Call notes\n\n## Research\n');
    expect(appendSection('  ', '## Research\n')).toBe('## Research\n');
    expect(firstLine(`- [ ] ${'x'.repeat(300)}`, 20)).toHaveLength(20);
  });
});
