/**
 * Worker killed mid-write: a 10,000-contact import and a burst of edits are under way when the
 * service worker is stopped (CDP Target.closeTarget, what Chrome does to an idle worker). When
 * it wakes, every write happened whole or not at all, the database opens, the badge and the
 * alarm are right again, and a panel that stayed open shows what is stored.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeBackup } from '../../lib/backup';
import { DB_VERSION } from '../../lib/db/migrations';
import { badgeFor } from '../../lib/followups';
import { type FollowUp, SCHEMAS } from '../../lib/records';
import { seed } from '../../lib/seed';
import { startOfDay, startOfNextDay } from '../../lib/time';
import { type Browser, inWorker, launch, openPanel } from './harness';
import {
  allStores,
  contactsCsv,
  countAll,
  lostIds,
  message,
  type Rec,
  type Stores,
  stopWorker,
  until,
  wake,
} from './reliability-helpers';

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
const HOUR = 3_600_000;

/** 32 deals with their people and companies; 90 follow-ups due in the past, 3 later. */
function seedFile(now: number): string {
  const data = seed({ deals: 32, contacts: 32, activities: 40, followUps: 0, notes: 0 }, now);
  const followUps: FollowUp[] = [];
  for (let i = 0; i < 93; i++) {
    const deal = data.deals[i % data.deals.length];
    followUps.push(
      SCHEMAS.followUps.parse({
        id: `fu-${i}`,
        createdAt: now - 10 * HOUR,
        updatedAt: now - 10 * HOUR,
        rev: 1,
        dueAt: i < 90 ? now - HOUR - i * 60_000 : now + (i - 88) * HOUR,
        text: `FU-${i}`,
        dealId: deal?.id,
        contactId: deal?.contactId,
      }),
    );
  }
  return serializeBackup({ ...data, settings: [data.settings], followUps }, now, DB_VERSION);
}

/** What the badge and the alarm must say for these follow-ups at `now` (lib/followups, schedule.ts). */
function expected(followUps: Rec[], now: number): { badge: string; alarm: number } {
  const open = followUps.filter((f) => f.status === 'open') as unknown as FollowUp[];
  const due = open.filter((f) => f.dueAt <= now).length;
  const overdue = open.filter((f) => f.dueAt < startOfDay(now, tz)).length;
  const next = Math.min(...open.filter((f) => f.dueAt > now).map((f) => f.dueAt));
  return { badge: badgeFor(due, overdue).text, alarm: Math.min(next, startOfNextDay(now, tz)) };
}

/** What the rep's open panel shows: deals per stage and the follow-ups due. */
async function panelShows(panel: Page): Promise<{ stages: Record<string, number>; due: number }> {
  return panel.evaluate(() => {
    const stages: Record<string, number> = {};
    for (const col of document.querySelectorAll<HTMLElement>('[data-stage]')) {
      stages[col.dataset.stage ?? ''] = Number(col.querySelector('.count')?.textContent ?? 'NaN');
    }
    return { stages, due: Number(document.querySelector('.badge-count')?.textContent ?? 0) };
  });
}

function dbShows(s: Stores, now: number): { stages: Record<string, number>; due: number } {
  const stages: Record<string, number> = {};
  const settings = s.settings[0] as unknown as { stages: { id: string }[] };
  for (const st of settings.stages) stages[st.id] = 0;
  for (const d of s.deals) stages[d.stage as string] = (stages[d.stage as string] ?? 0) + 1;
  const due = s.followUps.filter((f) => f.status === 'open' && (f.dueAt as number) <= now).length;
  return { stages, due };
}

type Sent = { ok: true } | { ok: false; error: { code: string } } | 'no-reply';

describe('a worker stopped in the middle of writing', () => {
  it('an import of 10,000 contacts and a burst of edits: all whole or not at all; the badge, the alarm and the panel come back right', async () => {
    const driver = await b.context.newPage();
    await driver.goto(`chrome-extension://${b.extensionId}/options.html`);
    const seeded = await message(driver, {
      type: 'data.import',
      kind: 'backup',
      mode: 'replace',
      text: seedFile(Date.now()),
    });
    expect(seeded).toMatchObject({ ok: true });

    // A first import of 10,000 contacts, timed: the second is stopped part-way through.
    const t0 = Date.now();
    expect(
      await message(driver, { type: 'data.import', kind: 'csv', text: contactsCsv(10_000, 'first') }),
    ).toMatchObject({ ok: true });
    const importMs = Date.now() - t0;

    // The rep's panel, open on the board the whole time.
    const panel = await openPanel(b);
    await panel.locator('[data-stage]').first().waitFor();

    const before = await allStores(driver);
    expect(before.contacts).toHaveLength(10_032);
    const deals = before.deals.slice(0, 30);
    const quiet = before.deals[30] as Rec;
    const moves = deals
      .slice(0, 15)
      .map((d) => ({ id: d.id, rev: d.rev, to: d.stage === 'meeting' ? 'proposal' : 'meeting' }));
    const edits = deals.slice(15, 30).map((d, i) => ({ id: d.id, rev: d.rev, value: 100_000 + i }));
    const fus = before.followUps
      .filter((f) => f.status === 'open' && /^FU-\d+$/.test(String(f.text)) && (f.dueAt as number) < Date.now())
      .map((f) => ({ id: f.id, rev: f.rev }));
    expect(fus).toHaveLength(90);

    // The run: follow-ups completed one after another (each a follow-up and an activity), then
    // beside them the import, with moves and edits of deals queued behind it (same stores).
    const burst = driver.evaluate(
      async ({ fus }) => {
        const send = (m: unknown) =>
          chrome.runtime.sendMessage(m).then(
            (r) => (r ?? 'no-reply') as Sent,
            () => 'no-reply' as const,
          );
        const completed: Sent[] = [];
        for (const f of fus) {
          const r = await send({ type: 'followUp.complete', id: f.id, rev: f.rev });
          completed.push(r);
          if (r === 'no-reply') break;
        }
        return completed;
      },
      { fus },
    );
    await new Promise((r) => setTimeout(r, 300));
    const run = driver.evaluate(
      async ({ csv, moves, edits }) => {
        const send = (m: unknown) =>
          chrome.runtime.sendMessage(m).then(
            (r) => (r ?? 'no-reply') as Sent,
            () => 'no-reply' as const,
          );
        const importing = send({ type: 'data.import', kind: 'csv', text: csv });
        const queued = [
          ...moves.map((d) => send({ type: 'deal.move', id: d.id, rev: d.rev, stage: d.to })),
          ...edits.map((d) =>
            send({ type: 'record.update', store: 'deals', id: d.id, rev: d.rev, patch: { value: d.value } }),
          ),
        ];
        return { imported: await importing, queued: await Promise.all(queued) };
      },
      { csv: contactsCsv(10_000, 'second'), moves, edits },
    );
    const killAt = Math.round(Math.max(150, importMs * 0.4));
    await new Promise((r) => setTimeout(r, killAt));
    await stopWorker(b, driver);
    const [result, completed] = await Promise.all([run, burst]);

    // Faults beside the kill, as a worker stopped between a commit and what follows it leaves
    // them: the badge says something stale, the alarm is gone, and one committed write was never
    // broadcast (a deal moved straight in the database, as moveDeal writes it, while no worker ran).
    await driver.evaluate(async () => {
      await chrome.action.setBadgeText({ text: '?' });
      await chrome.alarms.clearAll();
    });
    const quietTo = quiet.stage === 'negotiation' ? 'proposal' : 'negotiation';
    await driver.evaluate(
      async ({ deal, to }) => {
        const db: IDBDatabase = await new Promise((ok, ko) => {
          const r = indexedDB.open('leadline');
          r.onsuccess = () => ok(r.result);
          r.onerror = () => ko(r.error);
        });
        const tx = db.transaction(['deals', 'activities'], 'readwrite');
        const now = Date.now();
        const {
          closedAt: _c,
          lostReason: _l,
          ...open
        } = deal as typeof deal & { closedAt?: number; lostReason?: string };
        tx.objectStore('deals').put({ ...open, stage: to, stageEnteredAt: now, rev: deal.rev + 1, updatedAt: now });
        tx.objectStore('activities').add({
          id: `act-quiet-${deal.id}`,
          createdAt: now,
          updatedAt: now,
          rev: 1,
          kind: 'stage-change',
          at: now,
          dealId: deal.id,
          contactId: deal.contactId,
          fromStage: deal.stage,
          toStage: to,
          text: `moved while no worker ran`,
        });
        await new Promise((ok) => {
          tx.oncomplete = ok;
        });
        db.close();
      },
      { deal: quiet, to: quietTo },
    );

    await wake(b, driver);
    const after = await allStores(driver);

    // The kill landed in the middle of the import: no answer came, and it is all or nothing.
    expect(result.imported).toBe('no-reply');
    const added = after.contacts.length - before.contacts.length;
    expect([0, 10_000]).toContain(added);
    expect(after.companies.length - before.companies.length).toBe(added ? 200 : 0);
    // Nothing that was stored is gone.
    expect(lostIds(before, after)).toEqual([]);

    // Each move: the deal and its stage-change activity together, or neither.
    const newActs = after.activities.filter((a) => !before.activities.some((x) => x.id === a.id));
    const moved = moves.map((m, i) => {
      const d = after.deals.find((x) => x.id === m.id) as Rec;
      const acts = newActs.filter((a) => a.dealId === m.id && a.kind === 'stage-change');
      const applied = d.stage === m.to;
      expect(d.rev, m.id).toBe(m.rev + (applied ? 1 : 0));
      expect(acts.map((a) => a.toStage)).toEqual(applied ? [m.to] : []);
      const sent = result.queued[i] as Sent;
      if (sent !== 'no-reply') expect(applied, `${m.id}: replied ${JSON.stringify(sent)}`).toBe(sent.ok);
      return applied;
    });
    const edited = edits.map((e, i) => {
      const d = after.deals.find((x) => x.id === e.id) as Rec;
      const applied = d.value === e.value;
      expect(d.rev, e.id).toBe(e.rev + (applied ? 1 : 0));
      const sent = result.queued[moves.length + i] as Sent;
      if (sent !== 'no-reply') expect(applied).toBe(sent.ok);
      return applied;
    });
    // Each follow-up: done with exactly one "done" activity, or open with none.
    let done = 0;
    for (const f of fus) {
      const now = after.followUps.find((x) => x.id === f.id) as Rec;
      const acts = newActs.filter((a) => a.kind === 'follow-up-done' && a.text === now.text);
      expect(acts, String(now.text)).toHaveLength(now.status === 'done' ? 1 : 0);
      expect(['open', 'done']).toContain(now.status);
      if (now.status === 'done') done++;
    }
    expect(after.deals.find((d) => d.id === quiet.id)?.stage).toBe(quietTo);
    completed.forEach((r, i) => {
      if (r !== 'no-reply' && r.ok) expect(after.followUps.find((f) => f.id === fus[i]?.id)?.status).toBe('done');
    });

    // The badge and the alarm are set again from what is stored.
    const want = expected(after.followUps, Date.now());
    const badge = await until(
      () => inWorker(b, () => chrome.action.getBadgeText({}), null),
      (t) => t === want.badge,
    );
    expect(badge).toBe(want.badge);
    const alarm = await until(
      () => inWorker(b, () => chrome.alarms.get('leadline-follow-ups'), null),
      (a) => a?.scheduledTime === want.alarm,
    );
    expect(alarm?.scheduledTime).toBe(want.alarm);

    // The panel that stayed open shows what is stored, the silent write included.
    const truth = dbShows(await allStores(driver), Date.now());
    const shown = await until(
      () => panelShows(panel),
      (s) => JSON.stringify(s) === JSON.stringify(truth),
    );
    expect(shown).toEqual(truth);

    console.log(
      `worker killed mid-write: 1 kill at ${killAt} ms into a ${importMs} ms import ` +
        `(import ${added ? 'committed whole' : 'rolled back whole'}), plus a stale badge, a cleared alarm and an ` +
        `unbroadcast write; ${moved.filter(Boolean).length}/15 moves, ${edited.filter(Boolean).length}/15 edits and ` +
        `${done}/90 follow-ups applied whole, the rest not at all; ${countAll(after)} records checked, 0 lost`,
    );
  }, 180_000);
});
