import { describe, expect, it } from 'vitest';
import { openLeadlineDb } from '../../lib/db/open';
import { getRecord, transact } from '../../lib/db/repo';
import { LeadlineError } from '../../lib/errors';

const NOW = Date.UTC(2026, 10, 23, 9);

describe('repositories', () => {
  it('creates, reads, updates and deletes through the schemas', async () => {
    const db = await openLeadlineDb();
    const { value: c, changes } = await transact(db, ['contacts'], NOW, (w) =>
      w.create('contacts', { name: 'Ana Lima', emails: ['ANA@Lima.example'] }),
    );
    expect(changes).toEqual([{ store: 'contacts', id: c.id, op: 'create' }]);
    expect(c.rev).toBe(1);
    expect((await getRecord(db, 'contacts', c.id))?.emails).toEqual(['ana@lima.example']);
    expect(await db.getAllFromIndex('contacts', 'by-email', 'ana@lima.example')).toHaveLength(1);

    const { value: u } = await transact(db, ['contacts'], NOW + 1, (w) =>
      w.update('contacts', c.id, 1, { jobTitle: 'CFO' }),
    );
    expect(u.rev).toBe(2);
    expect(u.updatedAt).toBe(NOW + 1);
    expect(u.jobTitle).toBe('CFO');

    const { value: cleared } = await transact(db, ['contacts'], NOW + 2, (w) =>
      w.update('contacts', c.id, 2, { jobTitle: null }),
    );
    expect(cleared.jobTitle).toBeUndefined();

    await transact(db, ['contacts'], NOW + 3, (w) => w.delete('contacts', c.id, 3));
    expect(await getRecord(db, 'contacts', c.id)).toBeUndefined();
  });

  it('refuses a write with a stale rev and keeps the newer record', async () => {
    const db = await openLeadlineDb();
    const { value: c } = await transact(db, ['contacts'], NOW, (w) => w.create('contacts', { name: 'Ana' }));
    await transact(db, ['contacts'], NOW, (w) => w.update('contacts', c.id, 1, { jobTitle: 'first panel' }));
    const second = transact(db, ['contacts'], NOW, (w) => w.update('contacts', c.id, 1, { jobTitle: 'second panel' }));
    await expect(second).rejects.toMatchObject({ code: 'stale' });
    await expect(second).rejects.toThrow(/changed elsewhere/);
    expect((await getRecord(db, 'contacts', c.id))?.jobTitle).toBe('first panel');
  });

  it('writes nothing when any step of a transaction fails', async () => {
    const db = await openLeadlineDb();
    const run = transact(db, ['contacts', 'deals'], NOW, async (w) => {
      await w.create('contacts', { name: 'Kept?' });
      await w.create('deals', { title: 'x', stage: 'prospecting', stageEnteredAt: NOW, value: -5 });
    });
    await expect(run).rejects.toBeInstanceOf(LeadlineError);
    await expect(run).rejects.toThrow(/deal: value/);
    expect(await db.count('contacts')).toBe(0);
  });

  it('refuses invalid records with a message naming the field', async () => {
    const db = await openLeadlineDb();
    await expect(
      transact(db, ['contacts'], NOW, (w) => w.create('contacts', { name: 'X', emails: ['not-an-email'] })),
    ).rejects.toThrow(/emails\.0: "not-an-email" is not an email address/);
  });

  it('counts only open follow-ups in the due index', async () => {
    const db = await openLeadlineDb();
    await transact(db, ['followUps'], NOW, async (w) => {
      await w.create('followUps', { dueAt: NOW - 10 });
      await w.create('followUps', { dueAt: NOW - 5, status: 'done' });
      await w.create('followUps', { dueAt: NOW + 10 });
    });
    expect(await db.countFromIndex('followUps', 'by-open-due', IDBKeyRange.upperBound(NOW))).toBe(1);
  });
});
