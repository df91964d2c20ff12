/**
 * The IndexedDB layout: the typed idb `DBSchema` whose values are the records of
 * lib/records.ts, and the stores and indexes the views need.
 */
import type { DBSchema } from 'idb';
import type {
  Activity,
  Company,
  Contact,
  Deal,
  FollowUp,
  Note,
  NpsAnswer,
  Objection,
  Settings,
  StoreName,
} from '../records';

export const DB_NAME = 'leadline';

export interface LeadlineDB extends DBSchema {
  contacts: {
    key: string;
    value: Contact;
    indexes: {
      /** multiEntry over the normalised emails: dedupe on clip and import. */
      'by-email': string;
      /** multiEntry over canonical profile URLs (LinkedIn, X, GitHub). */
      'by-profile': string;
      /** Folded name, for the name-and-company dedupe. */
      'by-name': string;
      'by-company': string;
      'by-updated': number;
    };
  };
  companies: {
    key: string;
    value: Company;
    indexes: { 'by-domain': string; 'by-name': string };
  };
  deals: {
    key: string;
    value: Deal;
    indexes: { 'by-stage': string; 'by-contact': string; 'by-company': string; 'by-updated': number };
  };
  activities: {
    key: string;
    value: Activity;
    indexes: { 'by-deal': [string, number]; 'by-contact': [string, number]; 'by-at': number };
  };
  notes: {
    key: string;
    value: Note;
    indexes: { 'by-subject': [string, number] };
  };
  followUps: {
    key: string;
    value: FollowUp;
    indexes: {
      /** Only open follow-ups carry `openDue`, so this index is the badge's count and the alarm's next. */
      'by-open-due': number;
      'by-deal': string;
      'by-contact': string;
    };
  };
  objections: {
    key: string;
    value: Objection;
    indexes: { 'by-deal': string };
  };
  nps: {
    key: string;
    value: NpsAnswer;
    indexes: { 'by-contact': string; 'by-at': number };
  };
  settings: {
    key: string;
    value: Settings;
  };
}

/** Every store, in a stable order (backups, wipes, counts). */
export const STORE_NAMES = [
  'contacts',
  'companies',
  'deals',
  'activities',
  'notes',
  'followUps',
  'objections',
  'nps',
  'settings',
] as const satisfies readonly StoreName[];
