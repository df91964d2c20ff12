/**
 * Out of space: every write message, made to fail at each of its writes in turn the two ways a
 * full disk shows (a write that throws QuotaExceededError, and a transaction the browser aborts
 * with QuotaExceededError as its error), replies with the rep's message, leaves every store
 * exactly as it was, and reads keep working; with room again the same message succeeds.
 */
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_STORES } from '../../lib/backup';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import { transact } from '../../lib/db/repo';
import type { RequestInput } from '../../lib/protocol';
import { seed } from '../../lib/seed';
import { handleMessage, type SenderInfo, type ServiceContext } from '../../lib/service';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const PANEL: SenderInfo = { id: ID, url: `${ORIGIN}/sidepanel.html` };
const NOW = Date.UTC(2026, 10, 23, 9);
const QUOTA_MESSAGE = /^Leadline could not save: the browser is out of storage space\. Nothing was changed/;

let db: Db;
let ctx: ServiceContext;
beforeEach(async () => {
  db = await openLeadlineDb();
  ctx = { db, now: NOW, extensionId: ID, extensionOrigin: ORIGIN, version: '0.1.0', timeZone: 'Europe/Rome' };
  const data = seed({ deals: 6, contacts: 6, activities: 10, followUps: 6, notes: 3, openFollowUpShare: 1 }, NOW);
  await transact(db, BACKUP_STORES, NOW, async (w) => {
    await w.putMany('settings', [data.settings]);
    await w.putMany('companies', data.companies);
    await w.putMany('contacts', data.contacts);
    await w.putMany('deals', data.deals);
    await w.putMany('activities', data.activities);
    await w.putMany('followUps', data.followUps);
    await w.putMany('notes', data.notes);
  });
});

const realPut = FakeObjectStore.prototype.put;
const realAdd = FakeObjectStore.prototype.add;
afterEach(() => {
  FakeObjectStore.prototype.put = realPut;
  FakeObjectStore.prototype.add = realAdd;
  db.close();
});

type Fault = 'throw' | 'abort-transaction';

/**
 * Lets `okWrites` writes (put or add) through, then fails the next one: `throw` makes it throw
 * QuotaExceededError; `abort-transaction` does what Chromium does when the disk is full: the
 * write is queued, then the transaction aborts with QuotaExceededError as its `error` and every
 * pending request fails with a plain AbortError. Returns a counter of the writes attempted.
 */
function fullDiskAfter(okWrites: number, fault: Fault): { writes: number } {
  const seen = { writes: 0 };
  const wrap = (real: typeof realPut) =>
    function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      const at = seen.writes++;
      if (at === okWrites && fault === 'throw') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      const request = real.apply(this, args as [unknown, IDBValidKey]);
      if (at === okWrites) {
        const tx = this.transaction as unknown as { _abort(name: string): void };
        setImmediate(() => tx._abort('QuotaExceededError'));
      }
      return request;
    } as typeof realPut;
  FakeObjectStore.prototype.put = wrap(realPut);
  FakeObjectStore.prototype.add = wrap(realAdd);
  return seen;
}

function roomAgain(): void {
  FakeObjectStore.prototype.put = realPut;
  FakeObjectStore.prototype.add = realAdd;
}

/** Every record of every store, for an exact before/after comparison. */
async function everything(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const s of BACKUP_STORES) out[s] = await db.getAll(s);
  return out;
}

/** The write messages a rep's everyday work sends, each over several stores. */
async function messages(): Promise<[string, RequestInput][]> {
  const deal = (await db.getAll('deals'))[0];
  const fu = (await db.getAll('followUps')).find((f) => f.status === 'open');
  const note = (await db.getAll('notes'))[0];
  if (!deal || !fu || !note) throw new Error('the seed has a deal, an open follow-up and a note');
  const next = deal.stage === 'meeting' ? 'proposal' : 'meeting';
  return [
    [
      'capture.save',
      {
        type: 'capture.save',
        draft: {
          person: { fullName: 'Ines Duarte', emails: ['ines@porto-labs.example'] },
          company: { name: 'Porto Labs', domain: 'porto-labs.example' },
          sourceUrl: 'https://porto-labs.example/team',
          note: 'Runs the lab',
          followUp: 'tomorrow',
        },
      },
    ],
    ['deal.move', { type: 'deal.move', id: deal.id, rev: deal.rev, stage: next }],
    ['activity.log', { type: 'activity.log', dealId: deal.id, kind: 'call', text: 'Discovery call' }],
    ['followUp.complete', { type: 'followUp.complete', id: fu.id, rev: fu.rev }],
    ['record.update', { type: 'record.update', store: 'notes', id: note.id, rev: note.rev, patch: { body: 'New' } }],
    [
      'record.create',
      { type: 'record.create', store: 'notes', draft: { subjectKind: 'deal', subjectId: deal.id, body: 'A note' } },
    ],
  ];
}

describe('out of space', () => {
  it.each(['throw', 'abort-transaction'] as const)(
    'fails every write message at each of its writes (%s): the quota message, nothing half-written, reads still work',
    async (fault) => {
      let injected = 0;
      let checked = 0;
      for (const [name, msg] of await messages()) {
        // How many writes this message makes when there is room (measured on a copy of the run:
        // the transaction is rolled back by failing after the last write).
        const probe = fullDiskAfter(Number.POSITIVE_INFINITY, fault);
        const before = await everything();
        const dry = await handleMessage(msg, PANEL, ctx);
        expect(dry.reply.ok, name).toBe(true);
        const writes = probe.writes;
        expect(writes, name).toBeGreaterThan(0);
        roomAgain();
        // Put the database back as it was before the dry run.
        await transact(db, BACKUP_STORES, NOW, async (w) => {
          for (const s of BACKUP_STORES) await w.tx.objectStore(s).clear();
          for (const s of BACKUP_STORES) if (before[s]?.length) await w.putMany(s, before[s] as never[]);
        });
        expect(await everything()).toEqual(before);

        for (let ok = 0; ok < writes; ok++) {
          fullDiskAfter(ok, fault);
          const { reply, changes } = await handleMessage(msg, PANEL, ctx);
          roomAgain();
          injected++;
          expect(reply, `${name}, disk full after ${ok} of ${writes} writes`).toEqual({
            ok: false,
            error: { code: 'quota', message: expect.stringMatching(QUOTA_MESSAGE) },
          });
          expect(changes).toEqual([]);
          const after = await everything();
          expect(after, `${name}, disk full after ${ok} of ${writes} writes`).toEqual(before);
          checked += Object.values(after).reduce((n, xs) => n + xs.length, 0);
          // Reads go on: the board's query answers.
          expect(await db.getAll('deals')).toHaveLength(before.deals?.length ?? -1);
        }
        // With room again, the very same message goes through.
        const again = await handleMessage(msg, PANEL, ctx);
        expect(again.reply.ok, name).toBe(true);
      }
      // Six messages, each failed at every one of its writes.
      expect(injected).toBeGreaterThanOrEqual(6);
      console.log(`out of space (${fault}): ${injected} faults injected, ${checked} records checked, 0 lost`);
    },
  );
});
