import { type IDBPDatabase, openDB } from 'idb';
import { DB_VERSION, MIGRATIONS } from './migrations';
import { DB_NAME, type LeadlineDB } from './schema';

export type Db = IDBPDatabase<LeadlineDB>;

/**
 * Opens (and upgrades) Leadline's database. `version` is for tests that write a database as
 * an older release did; callers in the product always take the newest.
 */
export function openLeadlineDb(opts: { name?: string; version?: number; onBlocking?: () => void } = {}): Promise<Db> {
  const version = opts.version ?? DB_VERSION;
  return openDB<LeadlineDB>(opts.name ?? DB_NAME, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const step = MIGRATIONS[v];
        if (!step) throw new Error(`No migration from database version ${v} to ${v + 1}`);
        step(db, tx);
      }
    },
    // Another context (an older worker, a second panel) holds the database open at an older
    // version: close ours so the upgrade can proceed there, and let the caller reopen.
    blocking() {
      opts.onBlocking?.();
    },
  });
}
