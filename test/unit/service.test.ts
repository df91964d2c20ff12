import { beforeEach, describe, expect, it } from 'vitest';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import type { ClipDraftInput } from '../../lib/protocol';
import { handleMessage, type SenderInfo, type ServiceContext } from '../../lib/service';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const PANEL: SenderInfo = { id: ID, url: `${ORIGIN}/sidepanel.html` };
const TAB: SenderInfo = { id: ID, url: 'https://www.linkedin.com/in/maria/', tabId: 7 };
const NOW = Date.UTC(2026, 10, 23, 9);

let db: Db;
let ctx: ServiceContext;
beforeEach(async () => {
  db = await openLeadlineDb();
  ctx = { db, now: NOW, extensionId: ID, extensionOrigin: ORIGIN, version: '0.1.0', timeZone: 'Europe/Rome' };
});

async function count(): Promise<number> {
  let n = 0;
  for (const s of ['contacts', 'companies', 'deals', 'activities', 'notes', 'followUps'] as const)
    n += await db.count(s);
  return n;
}

const maria: ClipDraftInput = {
  person: {
    fullName: 'Maria Rossi',
    jobTitle: 'Head of Procurement',
    emails: ['Maria.Rossi@Acme.example'],
    linkedin: 'https://it.linkedin.com/in/maria-rossi/?trk=abc',
  },
  company: { name: 'Acme Robotics', website: 'https://www.acme.example/about' },
  sourceUrl: 'https://www.linkedin.com/in/maria-rossi/',
  pageTitle: 'Maria Rossi | LinkedIn',
  source: 'social',
  followUp: 'tomorrow',
  note: 'Met at the summit',
};

describe('handleMessage', () => {
  it.each([
    ['not an object', 'hello'],
    ['no type', { draft: {} }],
    ['unknown type', { type: 'db.dropEverything' }],
    ['a bad field', { type: 'deal.move', id: 'x', rev: 'one', stage: 'won' }],
    ['a capture without a name', { type: 'capture.save', draft: { person: { fullName: '' }, sourceUrl: 'x' } }],
  ])('answers %s with an error and changes nothing', async (_, msg) => {
    const { reply, changes } = await handleMessage(msg, PANEL, ctx);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('invalid');
    expect(changes).toEqual([]);
    expect(await count()).toBe(0);
  });

  it('refuses messages from other extensions and from pages without a tab', async () => {
    const foreign = await handleMessage({ type: 'ping' }, { id: 'someone-else', url: 'https://evil.example' }, ctx);
    expect(foreign.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const noTab = await handleMessage({ type: 'ping' }, { id: ID, url: 'https://evil.example/' }, ctx);
    expect(noTab.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets a content script send only what capture needs', async () => {
    const ok = await handleMessage({ type: 'ping' }, TAB, ctx);
    expect(ok.reply).toEqual({ ok: true, value: { version: '0.1.0' } });
    const del = await handleMessage({ type: 'record.delete', store: 'contacts', id: 'x' }, TAB, ctx);
    expect(del.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const create = await handleMessage({ type: 'record.create', store: 'notes', draft: { body: 'x' } }, TAB, ctx);
    expect(create.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await count()).toBe(0);
  });

  it('saves a clip as contact, company, deal in Prospecting, activities, note and follow-up', async () => {
    const { reply, changes } = await handleMessage({ type: 'capture.save', draft: maria }, TAB, ctx);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const value = reply.value as { contactId: string; dealId: string; created: boolean };
    expect(value.created).toBe(true);
    const contact = await db.get('contacts', value.contactId);
    expect(contact?.emails).toEqual(['maria.rossi@acme.example']);
    expect(contact?.profileKeys).toEqual(['linkedin.com/in/maria-rossi']);
    const deal = await db.get('deals', value.dealId);
    expect(deal?.stage).toBe('prospecting');
    expect(deal?.source).toBe('social');
    expect((await db.getAll('companies'))[0]?.domain).toBe('acme.example');
    expect(await db.count('followUps')).toBe(1);
    expect(await db.count('notes')).toBe(1);
    expect(changes.map((c) => c.store).sort()).toEqual(
      ['activities', 'activities', 'companies', 'contacts', 'deals', 'followUps', 'notes'].sort(),
    );
  });

  it('recognises a known contact and updates it instead of making a second one', async () => {
    await handleMessage({ type: 'capture.save', draft: maria }, TAB, ctx);
    const again = {
      ...maria,
      person: { ...maria.person, emails: [], jobTitle: 'Chief Procurement Officer' },
      followUp: 'none' as const,
    };
    const look = await handleMessage({ type: 'capture.lookup', draft: again }, TAB, ctx);
    expect(look.reply).toMatchObject({
      ok: true,
      value: { match: { by: 'profile', name: 'Maria Rossi' }, jobChange: true },
    });
    const saved = await handleMessage({ type: 'capture.save', draft: again }, TAB, ctx);
    expect(saved.reply).toMatchObject({ ok: true, value: { created: false } });
    expect(await db.count('contacts')).toBe(1);
    expect(await db.count('deals')).toBe(1);
    expect((await db.getAll('contacts'))[0]?.jobTitle).toBe('Chief Procurement Officer');
  });

  it('moves a deal, asks a reason for Lost, and makes the contact a customer on Won', async () => {
    const saved = await handleMessage({ type: 'capture.save', draft: maria }, TAB, ctx);
    if (!saved.reply.ok) throw new Error('save failed');
    const { dealId, contactId } = saved.reply.value as { dealId: string; contactId: string };
    const lost = await handleMessage({ type: 'deal.move', id: dealId, rev: 1, stage: 'lost' }, PANEL, ctx);
    expect(lost.reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const stale = await handleMessage({ type: 'deal.move', id: dealId, rev: 9, stage: 'won' }, PANEL, ctx);
    expect(stale.reply).toMatchObject({ ok: false, error: { code: 'stale' } });
    const won = await handleMessage({ type: 'deal.move', id: dealId, rev: 1, stage: 'won' }, PANEL, ctx);
    expect(won.reply).toMatchObject({ ok: true, value: { rev: 2 } });
    expect((await db.get('contacts', contactId))?.lifecycle).toBe('customer');
    // Check-ins 7, 30 and 90 days after the win (Mon 23 Nov 2026), at 9:00 Rome on a working
    // day: day 90 is Sunday 21 Feb 2027, so it moves to Monday, day 91.
    const checkIns = (await db.getAll('followUps')).filter((f) => f.origin === 'check-in');
    expect(checkIns.map((f) => Math.round((f.dueAt - NOW) / 86_400_000)).sort((a, b) => a - b)).toEqual([7, 30, 91]);
    const moves = (await db.getAll('activities')).filter((a) => a.kind === 'stage-change');
    expect(moves.map((a) => a.toStage)).toContain('won');
  });
});

describe('settings.update', () => {
  it('removes a stage only with somewhere to move its deals, and moves them with an activity', async () => {
    const saved = await handleMessage({ type: 'capture.save', draft: maria }, TAB, ctx);
    if (!saved.reply.ok) throw new Error('save failed');
    const { dealId } = saved.reply.value as { dealId: string };
    const { defaultSettings } = await import('../../lib/defaults');
    const stages = defaultSettings(NOW).stages.filter((s) => s.id !== 'prospecting');
    const refused = await handleMessage({ type: 'settings.update', rev: 0, patch: { stages } }, PANEL, ctx);
    expect(refused.reply).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await db.get('deals', dealId))?.stage).toBe('prospecting');

    const ok = await handleMessage(
      { type: 'settings.update', rev: 0, patch: { stages }, moveDeals: [{ from: 'prospecting', to: 'qualification' }] },
      PANEL,
      ctx,
    );
    expect(ok.reply).toEqual({ ok: true, value: { rev: 1 } });
    expect((await db.get('deals', dealId))?.stage).toBe('qualification');
    expect((await db.get('settings', 'settings'))?.stages.map((s) => s.id)).not.toContain('prospecting');
    const stale = await handleMessage(
      { type: 'settings.update', rev: 0, patch: { defaultCurrency: 'usd' } },
      PANEL,
      ctx,
    );
    expect(stale.reply).toMatchObject({ ok: false, error: { code: 'stale' } });
  });
});

describe('activities, follow-ups and deals', () => {
  async function clipMaria(followUp: 'none' | 'tomorrow' = 'none') {
    const saved = await handleMessage({ type: 'capture.save', draft: { ...maria, followUp } }, TAB, ctx);
    if (!saved.reply.ok) throw new Error('save failed');
    return saved.reply.value as { dealId: string; contactId: string };
  }

  it('suggests the next touch after an activity when the deal has no next step', async () => {
    const { dealId } = await clipMaria('none');
    const logged = await handleMessage({ type: 'activity.log', dealId, kind: 'call', text: 'Intro call' }, PANEL, ctx);
    expect(logged.reply).toMatchObject({ ok: true });
    const next = (await db.getAll('followUps')).filter((f) => f.origin === 'next-touch');
    // Prospecting's cadence is 2 days: Mon 23 Nov → Wed 25 Nov, at 9:00 Rome (08:00 UTC).
    expect(next.map((f) => new Date(f.dueAt).toISOString())).toEqual(['2026-11-25T08:00:00.000Z']);
    // With a next step planned, another activity adds no second one.
    await handleMessage({ type: 'activity.log', dealId, kind: 'email', text: 'Sent deck' }, PANEL, ctx);
    expect((await db.getAll('followUps')).filter((f) => f.status === 'open')).toHaveLength(1);
  });

  it('creates a follow-up from a preset in the rep’s zone', async () => {
    const { dealId } = await clipMaria('none');
    const r = await handleMessage(
      { type: 'followUp.create', dealId, preset: 'tomorrow-9', text: 'Call back' },
      PANEL,
      ctx,
    );
    expect(r.reply).toMatchObject({ ok: true });
    const [f] = await db.getAll('followUps');
    // Tomorrow (Tue 24 Nov) at 9:00 in Rome is 08:00 UTC.
    expect(new Date(f?.dueAt ?? 0).toISOString()).toBe('2026-11-24T08:00:00.000Z');
    const bad = await handleMessage({ type: 'followUp.create', preset: 'tomorrow-9' }, PANEL, ctx);
    expect(bad.reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('opens an upsell for a customer and records a churn with its date', async () => {
    const { contactId } = await clipMaria();
    const up = await handleMessage(
      { type: 'deal.create', contactId, kind: 'upsell', title: 'Maria — 20 more seats', value: 8000 },
      PANEL,
      ctx,
    );
    expect(up.reply).toMatchObject({ ok: true });
    const deals = await db.getAll('deals');
    expect(deals.map((d) => d.kind).sort()).toEqual(['new', 'upsell']);
    const contact = await db.get('contacts', contactId);
    const churn = await handleMessage(
      { type: 'contact.churn', contactId, rev: contact?.rev ?? 0, reason: 'Budget cut' },
      PANEL,
      ctx,
    );
    expect(churn.reply).toMatchObject({ ok: true });
    expect(await db.get('contacts', contactId)).toMatchObject({
      lifecycle: 'churned',
      churnedAt: NOW,
      churnReason: 'Budget cut',
    });
  });
});

describe('stale-deal alert', () => {
  it('adds one follow-up for a deal idle longer than its stage allows, and not twice', async () => {
    const { createStaleFollowUps } = await import('../../lib/service');
    const { transact } = await import('../../lib/db/repo');
    const saved = await handleMessage({ type: 'capture.save', draft: { ...maria, followUp: 'none' } }, TAB, ctx);
    expect(saved.reply.ok).toBe(true);
    // Prospecting allows 14 days; 15 days later with no activity the deal is stale.
    const later = NOW + 15 * 86_400_000;
    expect(
      (await transact(db, ['deals', 'activities', 'followUps', 'settings'], NOW + 86_400_000, createStaleFollowUps))
        .value,
    ).toBe(0);
    expect(
      (await transact(db, ['deals', 'activities', 'followUps', 'settings'], later, createStaleFollowUps)).value,
    ).toBe(1);
    expect(
      (await transact(db, ['deals', 'activities', 'followUps', 'settings'], later, createStaleFollowUps)).value,
    ).toBe(0);
    const [f] = (await db.getAll('followUps')).filter((x) => x.origin === 'stale');
    expect(f?.text).toBe('No activity for 15 days in Prospecting');
  });
});
