/**
 * What the benchmarks run inside Chromium, in an extension page (so IndexedDB is the
 * extension's own). Bundled by bench/run.ts into the E2E build; never shipped.
 */
import { openDB } from 'idb';
import { mergePlan } from '../lib/backup';
import { contactsToCsv, detectMapping, importRowsToRecords, parseCsvImport, readCsv } from '../lib/csv';
import { importCsv } from '../lib/data-service';
import { openLeadlineDb } from '../lib/db/open';
import { countDue } from '../lib/db/queries';
import { transact } from '../lib/db/repo';
import { extract } from '../lib/extract';
import { newId } from '../lib/ids';
import { ENGAGEMENT_WINDOW_DAYS } from '../lib/score';
import { seed } from '../lib/seed';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
function time(fn: () => void, runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}
/**
 * Medians of two jobs run in turns (a, b, a, b…): on a shared machine the load drifts, and a
 * comparison of two figures only holds when both met the same moments.
 */
async function timeSideBySide(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs: number,
): Promise<[number, number]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(await timeAsync(a, 1));
    bs.push(await timeAsync(b, 1));
  }
  return [median(as), median(bs)];
}

async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

/** A bare walk of every element: the floor any extraction over the same page stands on. */
function walk(doc: Document): number {
  let n = 0;
  const w = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_ELEMENT);
  while (w.nextNode()) n++;
  return n;
}

/**
 * A new, empty Leadline database (the real schema, migrations and indexes) apart from the
 * extension's own, as the raw floors get a new database each run: a store emptied by `clear()`
 * still holds its deleted entries until the browser compacts it, which would make the two sides
 * of a comparison start from different disks.
 */
async function freshLeadlineDb(): Promise<Awaited<ReturnType<typeof openLeadlineDb>>> {
  await deleteDb('bench-leadline');
  return openLeadlineDb({ name: 'bench-leadline' });
}

function deleteDb(name: string): Promise<void> {
  return new Promise((ok, fail) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => ok();
    req.onerror = () => fail(req.error);
  });
}

function rawOpen(name: string): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

function rawRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

async function wipe(): Promise<void> {
  const db = await openLeadlineDb();
  const tx = db.transaction(['contacts', 'companies', 'deals', 'activities', 'notes', 'followUps'], 'readwrite');
  await Promise.all(Array.from(tx.objectStoreNames).map((s) => tx.objectStore(s).clear()));
  await tx.done;
  db.close();
}

const api = {
  /** Median extraction time (and the bare-walk floor) per page, parsed once with DOMParser. */
  extraction(pages: { html: string; url: string }[], runs: number) {
    return pages.map(({ html, url }) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      return { url, ms: time(() => extract(doc, url), runs), floorMs: time(() => walk(doc), runs), nodes: walk(doc) };
    });
  },

  /** 10,000 contacts through Leadline's write path (schema + rev + one transaction) vs raw puts. */
  async importContacts(n: number, runs: number) {
    const data = seed({ deals: 1, contacts: n, activities: 0, followUps: 0 }, Date.now());
    const drafts = data.contacts;
    const leadline = async () => {
      const db = await freshLeadlineDb();
      await transact(db, ['contacts'], Date.now(), (w) => w.putMany('contacts', drafts));
      db.close();
    };
    const raw = async () => {
      const db = await rawFloorDb('bench-raw', false);
      const tx = db.transaction('contacts', 'readwrite');
      for (const c of drafts) void tx.store.put(c);
      await tx.done;
      db.close();
    };
    const [leadlineMs, rawMs] = await timeSideBySide(leadline, raw, runs);
    return { leadlineMs, rawMs };
  },

  /**
   * A CSV file of `n` contacts (and their companies) through Leadline's whole import path, as
   * the background runs it for `data.import`: papaparse, field mapping and schemas, dedupe
   * against the stores (`mergePlan`), `putMany` in one transaction. Beside it, raw puts of the
   * same records in one transaction, and the parse-and-plan part alone (no writes).
   */
  async importCsv(n: number, runs: number) {
    const data = seed({ deals: 1, contacts: n, activities: 0, followUps: 0 }, Date.now());
    const companiesById = new Map(data.companies.map((c) => [c.id, c]));
    const text = contactsToCsv(data.contacts, companiesById);
    const settings = data.settings;
    const parseMs = await timeAsync(async () => {
      const parsed = parseCsvImport(text, detectMapping(readCsv(text, { limit: 0 }).headers), {
        now: Date.now(),
        defaultCurrency: settings.defaultCurrency,
        stages: settings.stages,
      });
      mergePlan({}, importRowsToRecords(parsed.rows, Date.now(), newId), 'merge', Date.now());
    }, runs);
    let written = 0;
    const leadline = async () => {
      const db = await freshLeadlineDb();
      const { value } = await importCsv(db, { text }, Date.now());
      written = value.counts.contacts.added + value.counts.companies.added;
      db.close();
    };
    const raw = async () => {
      const db = await rawFloorDb('bench-raw-csv', true);
      const tx = db.transaction(['contacts', 'companies'], 'readwrite');
      for (const c of data.companies) void tx.objectStore('companies').put(c);
      for (const c of data.contacts) void tx.objectStore('contacts').put(c);
      await tx.done;
      db.close();
    };
    const [leadlineMs, rawMs] = await timeSideBySide(leadline, raw, runs);
    return { leadlineMs, rawMs, parseMs, written, rawRecords: data.contacts.length + data.companies.length };
  },

  /** Seeds the extension's database (for the panel measurement). */
  async seedDb(counts: { deals: number; followUps?: number; activities?: number; openFollowUpShare?: number }) {
    await wipe();
    const data = seed(counts, Date.now());
    const db = await openLeadlineDb();
    const tx = db.transaction(['contacts', 'companies', 'deals', 'activities', 'followUps'], 'readwrite');
    for (const c of data.companies) void tx.objectStore('companies').put(c);
    for (const c of data.contacts) void tx.objectStore('contacts').put(c);
    for (const d of data.deals) void tx.objectStore('deals').put(d);
    for (const a of data.activities) void tx.objectStore('activities').put(a);
    for (const f of data.followUps) void tx.objectStore('followUps').put(f);
    await tx.done;
    db.close();
    return {
      deals: data.deals.length,
      followUps: data.followUps.length,
      open: data.followUps.filter((f) => f.status === 'open').length,
    };
  },

  /**
   * The floor of the Insights view's read: raw `getAll`s of the stores it reads (every deal,
   * activity, objection, NPS answer and contact), in one transaction, without idb.
   */
  async insightsReadFloor(runs: number) {
    const stores = ['deals', 'activities', 'objections', 'nps', 'contacts'];
    const db = await rawOpen('leadline');
    const ms = await timeAsync(async () => {
      const tx = db.transaction(stores, 'readonly');
      await Promise.all(stores.map((s) => rawRequest(tx.objectStore(s).getAll())));
    }, runs);
    db.close();
    return ms;
  },

  /**
   * The floor of the board's read: raw reads of what its first screen needs (every deal, the
   * open follow-ups, the engagement window's activities, the settings), one transaction, no idb.
   */
  async boardReadFloor(runs: number) {
    const db = await rawOpen('leadline');
    const ms = await timeAsync(async () => {
      const tx = db.transaction(['deals', 'followUps', 'activities', 'settings'], 'readonly');
      const since = Date.now() - ENGAGEMENT_WINDOW_DAYS * 86_400_000;
      await Promise.all([
        rawRequest(tx.objectStore('deals').getAll()),
        rawRequest(tx.objectStore('followUps').index('by-open-due').getAll()),
        rawRequest(tx.objectStore('activities').index('by-at').getAll(IDBKeyRange.lowerBound(since))),
        rawRequest(tx.objectStore('settings').get('settings')),
      ]);
    }, runs);
    db.close();
    return ms;
  },

  /** The badge recount: one index count over open follow-ups; the floor is the store's own count(). */
  async badgeRecount(runs: number) {
    const db = await openLeadlineDb();
    const now = Date.now();
    const ms = await timeAsync(() => countDue(db, now), runs);
    const floor = await timeAsync(() => db.count('followUps'), runs);
    const due = await countDue(db, now);
    db.close();
    return { ms, floorMs: floor, due };
  },
};

Object.assign(globalThis, { leadlineBench: api });
export type BenchApi = typeof api;

/**
 * A fresh bare database for the import floors: Leadline's contacts (and companies) stores with
 * the same indexes, or the floor would not be a floor.
 */
async function rawFloorDb(name: string, withCompanies: boolean) {
  await deleteDb(name);
  return openDB(name, 1, {
    upgrade(d) {
      const s = d.createObjectStore('contacts', { keyPath: 'id' });
      s.createIndex('by-email', 'emails', { multiEntry: true });
      s.createIndex('by-profile', 'profileKeys', { multiEntry: true });
      s.createIndex('by-name', 'nameKey');
      s.createIndex('by-company', 'companyId');
      s.createIndex('by-updated', 'updatedAt');
      if (!withCompanies) return;
      const c = d.createObjectStore('companies', { keyPath: 'id' });
      c.createIndex('by-domain', 'domain');
      c.createIndex('by-name', 'nameKey');
    },
  });
}
