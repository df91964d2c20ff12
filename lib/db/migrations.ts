/**
 * The upgrade ladder: one step per schema version, run in order inside IndexedDB's
 * versionchange transaction. A step may add stores and indexes and rewrite records, but it
 * never drops one: a record that no longer parses stops the upgrade loudly (the transaction
 * aborts, the old database stays as it was), it is never reset to defaults.
 *
 * To add version N+1: append a step to MIGRATIONS, add a fixture
 * `test/fixtures/db/vN+1.json` written by that version, and the upgrade test covers it.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { LeadlineDB } from './schema';

export type UpgradeTx = IDBPTransaction<LeadlineDB, StoreNames<LeadlineDB>[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<LeadlineDB>, tx: UpgradeTx) => void;

/** v1: the first layout. */
const v1: Migration = (db) => {
  const contacts = db.createObjectStore('contacts', { keyPath: 'id' });
  contacts.createIndex('by-email', 'emails', { multiEntry: true });
  contacts.createIndex('by-profile', 'profileKeys', { multiEntry: true });
  contacts.createIndex('by-name', 'nameKey');
  contacts.createIndex('by-company', 'companyId');
  contacts.createIndex('by-updated', 'updatedAt');

  const companies = db.createObjectStore('companies', { keyPath: 'id' });
  companies.createIndex('by-domain', 'domain');
  companies.createIndex('by-name', 'nameKey');

  const deals = db.createObjectStore('deals', { keyPath: 'id' });
  deals.createIndex('by-stage', 'stage');
  deals.createIndex('by-contact', 'contactId');
  deals.createIndex('by-company', 'companyId');
  deals.createIndex('by-updated', 'updatedAt');

  const activities = db.createObjectStore('activities', { keyPath: 'id' });
  activities.createIndex('by-deal', ['dealId', 'at']);
  activities.createIndex('by-contact', ['contactId', 'at']);
  activities.createIndex('by-at', 'at');

  const notes = db.createObjectStore('notes', { keyPath: 'id' });
  notes.createIndex('by-subject', ['subjectId', 'createdAt']);

  const followUps = db.createObjectStore('followUps', { keyPath: 'id' });
  followUps.createIndex('by-open-due', 'openDue');
  followUps.createIndex('by-deal', 'dealId');
  followUps.createIndex('by-contact', 'contactId');

  const objections = db.createObjectStore('objections', { keyPath: 'id' });
  objections.createIndex('by-deal', 'dealId');

  const nps = db.createObjectStore('nps', { keyPath: 'id' });
  nps.createIndex('by-contact', 'contactId');
  nps.createIndex('by-at', 'at');

  db.createObjectStore('settings', { keyPath: 'id' });
};

/** MIGRATIONS[i] upgrades a database from version i to version i + 1. */
export const MIGRATIONS: readonly Migration[] = [v1];
export const DB_VERSION = MIGRATIONS.length;
