import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_STORES, type BackupStores, serializeBackup } from '../../lib/backup';
import {
  describeBadLines,
  describeImport,
  exportText,
  importBackup,
  importCsv,
  readAllStores,
  wipeAll,
} from '../../lib/data-service';
import { DB_VERSION } from '../../lib/db/migrations';
import { type Db, openLeadlineDb } from '../../lib/db/open';
import { transact } from '../../lib/db/repo';
import { defaultSettings } from '../../lib/defaults';
import { toErrorInfo } from '../../lib/errors';
import { seed } from '../../lib/seed';
import { handleMessage, type SenderInfo, type ServiceContext } from '../../lib/service';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const OPTIONS: SenderInfo = { id: ID, url: `${ORIGIN}/options.html` };
const TAB: SenderInfo = { id: ID, url: 'https://www.linkedin.com/in/maria/', tabId: 7 };
const NOW = Date.UTC(2026, 10, 23, 9);
const LATER = NOW + 3_600_000;

let db: Db;
let ctx: ServiceContext;
beforeEach(async () => {
  db = await openLeadlineDb();
  ctx = { db, now: LATER, extensionId: ID, extensionOrigin: ORIGIN, version: '0.1.0', timeZone: 'Europe/Rome' };
});
afterEach(() => db.close());

/** A small but complete database: every store holds something, settings included. */
async function seedDb(): Promise<void> {
  const data = seed({ deals: 12, contacts: 12, activities: 20, followUps: 8, notes: 4 }, NOW);
  await transact(db, BACKUP_STORES, NOW, async (w) => {
    await w.putMany('settings', [data.settings]);
    await w.putMany('companies', data.companies);
    await w.putMany('contacts', data.contacts);
    await w.putMany('deals', data.deals);
    await w.putMany('activities', data.activities);
    await w.putMany('followUps', data.followUps);
    await w.putMany('notes', data.notes);
  });
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of BACKUP_STORES) out[s] = await db.count(s);
  return out;
}

async function exportFile(now = NOW): Promise<string> {
  return serializeBackup(await readAllStores(db), now, DB_VERSION);
}

const MARIA_CSV = [
  'First Name,Last Name,Email,Job Title,Company Name,Company Domain Name',
  'Maria,Rossi,maria@acme.example,Head of Procurement,Acme Robotics,acme.example',
  'Luca,Bianchi,luca@lumen.example,CTO,Lumen Analytics,lumen.example',
  'Aisyah,Rahman,aisyah@kedai.example,CEO,Kedai Cloud,kedai.example',
].join('\n');

describe('backup round trip', () => {
  it('export → replace import → export gives the same file, byte for byte', async () => {
    await seedDb();
    const first = await exportFile();
    const before = await counts();
    const wiped = await wipeAll(db, LATER);
    expect(wiped.value.deleted).toBe(Object.values(before).reduce((a, b) => a + b, 0));
    expect(Object.values(await counts())).toEqual(BACKUP_STORES.map(() => 0));
    const { value } = await importBackup(db, first, 'replace', LATER);
    expect(value.counts.contacts.added).toBe(before.contacts);
    expect(await counts()).toEqual(before);
    expect(await exportFile()).toBe(first);
  });

  it('replace removes what the file does not hold and reports it as deleted', async () => {
    await seedDb();
    const file = await exportFile();
    await transact(db, ['contacts'], LATER, (w) => w.create('contacts', { name: 'Stray Person' }));
    const { changes } = await importBackup(db, file, 'replace', LATER);
    const names = (await db.getAll('contacts')).map((c) => c.name);
    expect(names).not.toContain('Stray Person');
    expect(changes.filter((c) => c.op === 'delete').map((c) => c.store)).toEqual(['contacts']);
    expect(await exportFile()).toBe(file);
  });

  it('merge adds the file to what is there, deduping a contact known by email', async () => {
    await transact(db, ['contacts'], NOW, (w) =>
      w.create('contacts', { name: 'Maria Rossi', emails: ['maria@acme.example'] }),
    );
    // A backup from another browser that knows Maria by another id, with her job title.
    const other: Partial<BackupStores> = {
      contacts: [
        {
          id: 'c-other-maria',
          createdAt: NOW,
          updatedAt: NOW,
          rev: 1,
          name: 'Maria Rossi',
          jobTitle: 'Head of Procurement',
          emails: ['maria@acme.example'],
          phones: [],
          profiles: {},
          leadStatus: 'suspect',
          source: 'other',
          tags: [],
          lifecycle: 'lead',
          profileKeys: [],
          nameKey: 'maria rossi',
        },
        {
          id: 'c-new',
          createdAt: NOW,
          updatedAt: NOW,
          rev: 1,
          name: 'Luca Bianchi',
          emails: [],
          phones: [],
          profiles: {},
          leadStatus: 'suspect',
          source: 'other',
          tags: [],
          lifecycle: 'lead',
          profileKeys: [],
          nameKey: 'luca bianchi',
        },
      ],
    };
    const { value } = await importBackup(db, serializeBackup(other, NOW, DB_VERSION), 'merge', LATER);
    expect(value.counts.contacts).toEqual({ added: 1, merged: 1, skipped: 0 });
    const contacts = (await db.getAll('contacts')).sort((a, b) => a.name.localeCompare(b.name));
    expect(contacts.map((c) => [c.name, c.jobTitle, c.rev])).toEqual([
      ['Luca Bianchi', undefined, 1],
      ['Maria Rossi', 'Head of Procurement', 2],
    ]);
  });

  it('refuses a file with one bad record and writes nothing', async () => {
    await seedDb();
    const before = await exportFile();
    const file = JSON.parse(before) as { stores: { contacts: { emails: string[] }[] } };
    const victim = file.stores.contacts[3];
    if (!victim) throw new Error('seed too small');
    victim.emails = ['not-an-email'];
    const text = JSON.stringify(file);
    await expect(importBackup(db, text, 'replace', LATER)).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/contacts\[3\].*"not-an-email" is not an email address/s),
    });
    expect(await exportFile()).toBe(before);
  });
});

describe('CSV import', () => {
  it('refuses a file with a bad row, naming its line, and writes nothing', async () => {
    const bad = MARIA_CSV.replace('luca@lumen.example', 'luca@');
    await expect(importCsv(db, { text: bad }, NOW)).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('Line 3: "luca@" is not an email address'),
    });
    expect(await counts()).toMatchObject({ contacts: 0, companies: 0, deals: 0 });
  });

  it('imports every row in one go, merging duplicates with what is stored and within the file', async () => {
    await transact(db, ['contacts'], NOW, (w) =>
      w.create('contacts', { name: 'Maria Rossi', emails: ['maria@acme.example'] }),
    );
    // Luca twice in the file; two rows of one company make one company.
    const text = `${MARIA_CSV}\nLuca,Bianchi,luca@lumen.example,,Lumen Analytics,lumen.example\nPriya,Natarajan,priya@acme.example,CFO,Acme Robotics,acme.example\n`;
    const { value, changes } = await importCsv(db, { text }, LATER);
    expect(value.rows).toEqual({ total: 5, imported: 5, skipped: 0 });
    expect(value.counts.contacts).toEqual({ added: 3, merged: 1, skipped: 1 });
    expect(value.counts.companies).toEqual({ added: 3, merged: 0, skipped: 2 });
    const contacts = await db.getAll('contacts');
    const companies = await db.getAll('companies');
    expect(contacts.map((c) => c.name).sort()).toEqual([
      'Aisyah Rahman',
      'Luca Bianchi',
      'Maria Rossi',
      'Priya Natarajan',
    ]);
    expect(companies.map((c) => c.domain).sort()).toEqual(['acme.example', 'kedai.example', 'lumen.example']);
    const acme = companies.find((c) => c.domain === 'acme.example');
    const maria = contacts.find((c) => c.name === 'Maria Rossi');
    const priya = contacts.find((c) => c.name === 'Priya Natarajan');
    expect(maria).toMatchObject({ jobTitle: 'Head of Procurement', companyId: acme?.id, rev: 2 });
    expect(priya?.companyId).toBe(acme?.id);
    expect(changes.filter((c) => c.store === 'contacts')).toHaveLength(4);

    // The same file again brings nothing new.
    const again = await importCsv(db, { text }, LATER + 1);
    expect(again.value.counts.contacts).toEqual({ added: 0, merged: 0, skipped: 5 });
    expect(await db.count('contacts')).toBe(4);
  });

  it('finds the duplicates of a small file in a large database through the indexes, not by reading every record', async () => {
    const data = seed({ deals: 300, contacts: 300, activities: 0, followUps: 0 }, NOW);
    await transact(db, ['companies', 'contacts', 'deals'], NOW, async (w) => {
      await w.putMany('companies', data.companies);
      await w.putMany('contacts', data.contacts);
      await w.putMany('deals', data.deals);
    });
    const [byEmail, byProfile] = data.contacts.filter((c) => c.emails[0] && c.profiles.linkedin && c.companyId);
    const company = data.companies.find((c) => c.id === byEmail?.companyId);
    const deal = data.deals.find((d) => d.contactId === byEmail?.id);
    if (!byEmail || !byProfile || !company?.domain || !deal) throw new Error('the seed changed');
    const text = [
      'Full Name,Email,LinkedIn URL,Tags,Company Name,Company Domain Name,Deal Name,Amount,Deal Stage',
      `${byEmail.name},${byEmail.emails[0]?.toUpperCase()},,vip,${company.name},${company.domain},"${deal.title}",${deal.value},${deal.stage}`,
      `Someone Else,,${byProfile.profiles.linkedin},vip,,,,,`,
      'Brand New,brand.new@example.org,,,,,,,',
    ].join('\n');
    const read: string[] = [];
    const realGetAll = FakeObjectStore.prototype.getAll;
    FakeObjectStore.prototype.getAll = function (
      this: IDBObjectStore,
      ...args: [IDBValidKey | IDBKeyRange | null | undefined, number?]
    ) {
      read.push(this.name);
      return realGetAll.apply(this, args);
    };
    try {
      const { value } = await importCsv(db, { text }, LATER);
      expect(value.counts.contacts).toEqual({ added: 1, merged: 2, skipped: 0 });
      expect(value.counts.companies).toEqual({ added: 0, merged: 0, skipped: 1 });
      expect(value.counts.deals).toEqual({ added: 0, merged: 0, skipped: 1 });
    } finally {
      FakeObjectStore.prototype.getAll = realGetAll;
    }
    // Settings are read whole; contacts, companies and deals only through their indexes.
    expect(read).toEqual(['settings']);
    expect(await db.count('contacts')).toBe(301);
    expect((await db.get('contacts', byEmail.id))?.tags).toContain('vip');
    expect((await db.get('contacts', byProfile.id))?.tags).toContain('vip');
  });

  it('imports the good rows when the rep chose to skip the bad lines', async () => {
    const bad = MARIA_CSV.replace('Aisyah,Rahman', ',');
    const { value } = await importCsv(db, { text: bad, skipInvalid: true }, NOW);
    expect(value.rows).toEqual({ total: 3, imported: 2, skipped: 1 });
    expect((await db.getAll('contacts')).map((c) => c.name).sort()).toEqual(['Luca Bianchi', 'Maria Rossi']);
  });

  it('uses the mapping the rep chose, and creates deals in the stored pipeline', async () => {
    const text = 'Who,Mail,Opportunity,Amount\nMaria Rossi,maria@acme.example,Robots for Acme,"12,500"\n';
    const mapping = ['fullName', 'email', 'dealTitle', 'dealValue'];
    const { value } = await importCsv(db, { text, mapping }, NOW);
    expect(value.counts.deals.added).toBe(1);
    const [deal] = await db.getAll('deals');
    expect(deal).toMatchObject({ title: 'Robots for Acme', value: 12500, currency: 'EUR', stage: 'prospecting' });
    await expect(importCsv(db, { text, mapping: ['fullName', 'password'] }, NOW)).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('"password"'),
    });
  });

  it('says why a file without rows imports nothing', async () => {
    await expect(importCsv(db, { text: 'First Name,Email\n' }, NOW)).rejects.toMatchObject({
      message: expect.stringContaining('no rows'),
    });
  });

  it('tells the rep what an import did, store by store', async () => {
    await transact(db, ['contacts'], NOW, (w) =>
      w.create('contacts', { name: 'Maria Rossi', emails: ['maria@acme.example'] }),
    );
    const bad = `${MARIA_CSV}\nNo Email,,bob@,,,`;
    const { value } = await importCsv(db, { text: bad, skipInvalid: true }, LATER);
    expect(describeImport(value)).toBe(
      [
        'Imported 3 of 4 rows (1 skipped, as you chose).',
        'Contacts: 2 new, 1 merged into one you had.',
        'Companies: 3 new.',
      ].join('\n'),
    );
  });

  it('lists at most 20 bad lines and counts the rest', () => {
    const msg = describeBadLines(Array.from({ length: 25 }, (_, i) => ({ line: i + 2, reason: 'no name' })));
    expect(msg).toMatch(/^25 lines of this file have problems/);
    expect(msg).toContain('Line 21: no name');
    expect(msg).not.toContain('Line 22:');
    expect(msg).toContain('…and 5 more.');
  });
});

describe('a full disk', () => {
  const realPut = FakeObjectStore.prototype.put;
  afterEach(() => {
    FakeObjectStore.prototype.put = realPut;
  });

  /**
   * Lets `okPuts` puts through, then fails: `throw` makes that put throw QuotaExceededError;
   * `abort-transaction` does what Chromium does when the disk is full: the put is queued, then
   * the transaction aborts with QuotaExceededError as its `error`, and every pending request
   * fails with a plain AbortError.
   */
  function quotaAfter(okPuts: number, fail: 'throw' | 'abort-transaction'): void {
    let n = 0;
    FakeObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      const at = n++;
      if (at === okPuts && fail === 'throw') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      const request = realPut.apply(this, args as [unknown, IDBValidKey]);
      if (at === okPuts) {
        const tx = this.transaction as unknown as { _abort(name: string): void };
        setImmediate(() => tx._abort('QuotaExceededError'));
      }
      return request;
    } as typeof realPut;
  }

  it.each([
    // A throw in the middle of a batch would strand the requests queued before it, so the
    // synchronous variant fails the first put (after the stores were cleared).
    ['throw', 0],
    ['abort-transaction', 5],
  ] as const)('a backup restore that runs out of space (%s) writes nothing and says so', async (fail, okPuts) => {
    await seedDb();
    const file = await exportFile();
    const before = await counts();
    // The restore of a second database: a different set of contacts.
    await wipeAll(db, NOW);
    await transact(db, ['contacts'], NOW, (w) => w.create('contacts', { name: 'Kept Person' }));
    quotaAfter(okPuts, fail);
    const err = await importBackup(db, file, 'replace', LATER).then(
      () => undefined,
      (e: unknown) => e,
    );
    FakeObjectStore.prototype.put = realPut;
    expect(toErrorInfo(err)).toEqual({
      code: 'quota',
      message: expect.stringMatching(
        /^Leadline could not save: the browser is out of storage space\..*Nothing was changed/,
      ),
    });
    expect((await db.getAll('contacts')).map((c) => c.name)).toEqual(['Kept Person']);
    expect(await db.count('deals')).toBe(0);
    // With room again, the same file restores whole.
    await importBackup(db, file, 'replace', LATER);
    expect(await counts()).toEqual(before);
  });

  it('a CSV import that runs out of space replies with the quota message and writes nothing', async () => {
    quotaAfter(1, 'abort-transaction');
    const { reply, changes } = await handleMessage({ type: 'data.import', kind: 'csv', text: MARIA_CSV }, OPTIONS, ctx);
    FakeObjectStore.prototype.put = realPut;
    expect(reply).toMatchObject({ ok: false, error: { code: 'quota' } });
    expect(changes).toEqual([]);
    expect(await counts()).toMatchObject({ contacts: 0, companies: 0 });
  });
});

describe('messages', () => {
  it('imports through data.import and reports every written record as a change', async () => {
    const { reply, changes } = await handleMessage({ type: 'data.import', kind: 'csv', text: MARIA_CSV }, OPTIONS, ctx);
    expect(reply).toMatchObject({ ok: true, value: { kind: 'csv', mode: 'merge', rows: { imported: 3 } } });
    expect(changes.filter((c) => c.store === 'contacts')).toHaveLength(3);
    expect(changes.filter((c) => c.store === 'companies')).toHaveLength(3);
  });

  it('refuses a wipe without the typed confirmation, and a CSV in replace mode', async () => {
    await seedDb();
    const noConfirm = await handleMessage({ type: 'data.wipe', confirm: 'yes' }, OPTIONS, ctx);
    expect(noConfirm.reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const csvReplace = await handleMessage(
      { type: 'data.import', kind: 'csv', mode: 'replace', text: MARIA_CSV },
      OPTIONS,
      ctx,
    );
    expect(csvReplace.reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect((await counts()).contacts).toBe(12);
    const wipe = await handleMessage({ type: 'data.wipe', confirm: 'WIPE' }, OPTIONS, ctx);
    expect(wipe.reply).toMatchObject({ ok: true });
    expect(wipe.changes.some((c) => c.store === 'settings' && c.op === 'delete')).toBe(true);
    expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
  });

  it('does not let a web page import or wipe', async () => {
    await seedDb();
    for (const msg of [
      { type: 'data.wipe', confirm: 'WIPE' },
      { type: 'data.import', kind: 'csv', text: MARIA_CSV },
    ]) {
      const { reply } = await handleMessage(msg, TAB, ctx);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await counts()).contacts).toBe(12);
  });

  it('passes a backup problem to the page in words', async () => {
    const { reply } = await handleMessage(
      { type: 'data.import', kind: 'backup', mode: 'replace', text: '{"format":"leadline-backup","vers' },
      OPTIONS,
      ctx,
    );
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('truncated') },
    });
  });
});

describe('exports', () => {
  it('writes HubSpot CSVs and one vCard per contact over a snapshot of the stores', async () => {
    await seedDb();
    const stores = await readAllStores(db);
    const contacts = exportText(stores, 'contacts.csv', NOW);
    expect(contacts.split('\r\n')[0]).toMatch(/^\uFEFFFirst Name,Last Name,Email,/);
    expect(contacts.trim().split('\r\n')).toHaveLength(13);
    expect(exportText(stores, 'companies.csv', NOW).split('\r\n')[0]).toMatch(
      /^\uFEFFCompany name,Company Domain Name/,
    );
    const deals = exportText(stores, 'deals.csv', NOW);
    const stageNames = defaultSettings(NOW).stages.map((s) => s.name);
    const firstDeal = deals.split('\r\n')[1] ?? '';
    expect(stageNames.some((n) => firstDeal.includes(`,${n},`))).toBe(true);
    const vcf = exportText(stores, 'contacts.vcf', NOW);
    expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(12);
  });

  it('reads every store in one snapshot', async () => {
    await seedDb();
    const stores = await readAllStores(db);
    expect(stores.contacts).toHaveLength(12);
    expect(stores.settings).toHaveLength(1);
    expect(stores.activities).toHaveLength(20);
  });
});
