/**
 * The rep's data in and out, as plain functions over a database handle and `now`: restore a
 * backup (replace or merge), import a CSV file, wipe everything, and read what an export
 * writes. The background routes `data.import` and `data.wipe` here; the options page reads the
 * stores for an export itself (reads are safe from any Leadline page).
 *
 * Every write is ONE transaction over the stores it touches: the file is parsed and checked
 * first, the plan is computed against what the same transaction read, and the records go out
 * through `Writer.putMany`. Anything that fails (a bad record, a full disk) aborts the whole
 * transaction, so an import either lands whole or leaves the database as it was.
 */
import {
  BACKUP_STORES,
  type BackupStores,
  emptyStores,
  type ImportMode,
  type MergePlan,
  mergePlan,
  parseBackup,
  type StoreCounts,
} from './backup';
import {
  type ColumnMapping,
  checkCsvText,
  companiesToCsv,
  contactsToCsv,
  dealsToCsv,
  detectMapping,
  IMPORT_FIELDS,
  type ImportField,
  importRowsToRecords,
  type LineProblem,
  parseCsvImport,
  readCsv,
} from './csv';
import type { Db } from './db/open';
import { type Change, transact, type Writer } from './db/repo';
import { defaultSettings } from './defaults';
import { LeadlineError } from './errors';
import { newId } from './ids';
import type { Company, Contact, RecordOf, Settings, StoreName } from './records';
import { contactsToVCards } from './vcard';

/** How many bad lines an error message lists; the rest are counted. */
export const MAX_LISTED_LINES = 20;
/** How many warnings an import summary carries back (a reply should stay small). */
export const MAX_WARNINGS = 50;

/** What an import did, per store, for the options page to report. */
export interface ImportSummary {
  kind: 'backup' | 'csv';
  mode: ImportMode;
  counts: Record<StoreName, StoreCounts>;
  /** CSV only: data rows read, rows imported, bad rows skipped because the rep chose to. */
  rows?: { total: number; imported: number; skipped: number };
  /** CSV only: rows imported with an assumption (an unknown stage…), the first `MAX_WARNINGS`. */
  warnings: LineProblem[];
}

export interface CsvImportRequest {
  text: string;
  /** The column mapping the rep confirmed; detected from the headers when absent. */
  mapping?: readonly (string | null)[];
  /** Import the good rows even though some rows are bad (the rep chose to skip those lines). */
  skipInvalid?: boolean;
}

type Written<T> = { value: T; changes: Change[] };

// ---------------------------------------------------------------------------------------------
// Reading (exports)

/** Every store's records, read in ONE readonly transaction so an export is a consistent snapshot. */
export async function readAllStores(db: Db): Promise<BackupStores> {
  const tx = db.transaction([...BACKUP_STORES], 'readonly');
  const lists = await Promise.all(BACKUP_STORES.map((s) => tx.objectStore(s).getAll()));
  await tx.done;
  const out = emptyStores();
  BACKUP_STORES.forEach((s, i) => {
    (out[s] as unknown[]) = lists[i] ?? [];
  });
  return out;
}

/** The three CSV exports and the vCard export, by the file they make. */
export type ExportKind = 'contacts.csv' | 'companies.csv' | 'deals.csv' | 'contacts.vcf';

/**
 * The text of one export over a snapshot of the stores: CSV in the headers HubSpot's importer
 * accepts (lib/csv), or every contact as one `.vcf`. Stages are named from the stored settings
 * (the defaults when none were saved).
 */
export function exportText(stores: BackupStores, kind: ExportKind, now: number): string {
  const companiesById = new Map<string, Company>(stores.companies.map((c) => [c.id, c]));
  switch (kind) {
    case 'contacts.csv':
      return contactsToCsv(stores.contacts, companiesById);
    case 'companies.csv':
      return companiesToCsv(stores.companies);
    case 'deals.csv': {
      const contactsById = new Map<string, Contact>(stores.contacts.map((c) => [c.id, c]));
      const stages = (stores.settings[0] ?? defaultSettings(now)).stages;
      return dealsToCsv(stores.deals, contactsById, companiesById, stages);
    }
    case 'contacts.vcf':
      return contactsToVCards(stores.contacts, companiesById);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Reads the stores named, inside the write transaction (so the plan and the puts agree). */
async function readIn(w: Writer, stores: readonly StoreName[]): Promise<Partial<BackupStores>> {
  const lists = await Promise.all(stores.map((s) => w.tx.objectStore(s).getAll()));
  const out: Partial<BackupStores> = {};
  stores.forEach((s, i) => {
    (out as Record<string, unknown>)[s] = lists[i] ?? [];
  });
  return out;
}

/**
 * Writes a merge plan in the caller's transaction: clears every store first when the plan says
 * so (reporting each record that is gone and not put back as deleted), then puts every store's
 * records with `putMany`, which validates a store's records before its first write.
 */
async function applyPlan(w: Writer, plan: MergePlan, stores: readonly StoreName[]): Promise<void> {
  if (plan.clearFirst) {
    const keys = await Promise.all(stores.map((s) => w.tx.objectStore(s).getAllKeys()));
    await Promise.all(stores.map((s) => w.tx.objectStore(s).clear()));
    stores.forEach((s, i) => {
      const kept = new Set((plan.puts[s] as { id: string }[]).map((r) => r.id));
      for (const key of keys[i] ?? []) {
        if (!kept.has(String(key))) w.changes.push({ store: s, id: String(key), op: 'delete' });
      }
    });
  }
  // One store after another: their puts are all queued at once inside each putMany.
  for (const s of stores) {
    const records = plan.puts[s] as unknown[];
    if (records.length) await w.putMany(s, records);
  }
}

function summaryOf(plan: MergePlan, kind: 'backup' | 'csv'): ImportSummary {
  return { kind, mode: plan.mode, counts: plan.counts, warnings: [] };
}

/**
 * Restores a backup file. `replace`: the database becomes exactly the file; `merge`: the file's
 * records are added to what is there, duplicates merged (lib/backup `mergePlan`). The file is
 * checked whole before anything is written (`parseBackup`, all or nothing), and the write is
 * one transaction over every store.
 */
export async function importBackup(
  db: Db,
  text: string,
  mode: ImportMode,
  now: number,
): Promise<Written<ImportSummary>> {
  const parsed = parseBackup(text);
  if (!parsed.ok) throw new LeadlineError('invalid', parsed.error.message);
  const incoming = parsed.backup.stores;
  return transact(db, BACKUP_STORES, now, async (w) => {
    const existing = mode === 'merge' ? await readIn(w, BACKUP_STORES) : {};
    const plan = mergePlan(existing, incoming, mode, now);
    await applyPlan(w, plan, BACKUP_STORES);
    return summaryOf(plan, 'backup');
  });
}

/** A mapping from the wire checked against the fields Leadline knows. */
function checkMapping(mapping: readonly (string | null)[]): ColumnMapping {
  return mapping.map((f, i) => {
    if (f === null || f === '') return null;
    if (!Object.hasOwn(IMPORT_FIELDS, f)) {
      throw new LeadlineError(
        'invalid',
        `Column ${i + 1} is mapped to "${f.slice(0, 40)}", which is not a Leadline field.`,
      );
    }
    return f as ImportField;
  });
}

/**
 * The message for a file with bad rows: every bad line (the first `MAX_LISTED_LINES`) with its
 * reason, and what the rep can do about it.
 */
export function describeBadLines(errors: readonly LineProblem[]): string {
  const n = errors.length;
  return `${n === 1 ? 'One line' : `${n} lines`} of this file ${n === 1 ? 'has a problem' : 'have problems'}, so nothing was imported:\n${listBadLines(errors)}\nFix the file and import it again, or choose to skip ${n === 1 ? 'that line' : 'those lines'}.`;
}

/** "Line 5: …" for the first `MAX_LISTED_LINES` bad lines, and how many more there are. */
function listBadLines(errors: readonly LineProblem[]): string {
  const listed = errors.slice(0, MAX_LISTED_LINES).map((e) => `Line ${e.line}: ${e.reason}`);
  const more = errors.length > listed.length ? `\n…and ${errors.length - listed.length} more.` : '';
  return `${listed.join('\n')}${more}`;
}

/**
 * Imports a CSV file (HubSpot, Pipedrive, Salesforce, LinkedIn… see lib/csv). Refuses the whole
 * file while any row is bad, unless `skipInvalid` says the rep chose to leave those lines out;
 * a file with no good row is refused too. The rows become contacts, companies and deals, merged
 * with what is stored (same email, profile link, or name at the same company; same company
 * domain or name), and are written in one transaction.
 */
export async function importCsv(db: Db, req: CsvImportRequest, now: number): Promise<Written<ImportSummary>> {
  // Too large, empty, not text, or JSON: refused before a row is parsed.
  const unreadable = checkCsvText(req.text);
  if (unreadable) throw new LeadlineError('invalid', unreadable);
  const stores: StoreName[] = ['contacts', 'companies', 'deals', 'settings'];
  return transact(db, stores, now, async (w) => {
    // Planned in a call of its own, so the file's rows and drafts are no longer held (and can be
    // collected) while the records go out.
    const { plan, rows, warnings } = await planCsvImport(w, req, now);
    await applyPlan(w, plan, stores);
    return { ...summaryOf(plan, 'csv'), rows, warnings };
  });
}

/** Parses and checks the file and plans its merge with what is stored (see {@link importCsv}). */
async function planCsvImport(
  w: Writer,
  req: CsvImportRequest,
  now: number,
): Promise<{ plan: MergePlan; rows: NonNullable<ImportSummary['rows']>; warnings: LineProblem[] }> {
  const [storedSettings, stored] = await Promise.all([
    w.tx.objectStore('settings').getAll(),
    Promise.all([w.tx.objectStore('contacts').count(), w.tx.objectStore('companies').count()]),
  ]);
  const settings: Settings = storedSettings[0] ?? defaultSettings(now);
  // Parsing inside the transaction is synchronous work, which keeps it alive; it means the
  // rows are checked against the very stages and currency the plan below writes with.
  const mapping = req.mapping ? checkMapping(req.mapping) : detectMapping(readCsv(req.text, { limit: 0 }).headers);
  const parsed = parseCsvImport(req.text, mapping, {
    now,
    defaultCurrency: settings.defaultCurrency,
    stages: settings.stages,
  });
  // A truncated file cannot be imported in part: skipping its bad lines would still lose the rest.
  if (parsed.fileProblem) throw new LeadlineError('invalid', parsed.fileProblem);
  if (parsed.errors.length && !req.skipInvalid) throw new LeadlineError('invalid', describeBadLines(parsed.errors));
  if (!parsed.rows.length) {
    throw new LeadlineError(
      'invalid',
      parsed.total
        ? `No row of this file can be imported, so nothing was imported:\n${listBadLines(parsed.errors)}`
        : 'This file has no rows below its header. Nothing was imported.',
    );
  }
  const incoming = importRowsToRecords(parsed.rows, now, newId);
  const existing = await storedCandidates(w, incoming, { contacts: stored[0], companies: stored[1] });
  return {
    plan: mergePlan({ ...existing, settings: storedSettings }, incoming, 'merge', now),
    rows: { total: parsed.total, imported: parsed.rows.length, skipped: parsed.errors.length },
    warnings: parsed.warnings.slice(0, MAX_WARNINGS),
  };
}

/**
 * A lookup by index costs about what reading this many stored records in one `getAll` does
 * (measured in Chromium: ~45 µs a lookup, 15–35 µs a record read in bulk).
 */
export const LOOKUP_COST = 3;

/**
 * The stored records an import's contacts and companies could be duplicates of (see
 * `mergePlan`): companies with the same domain or folded name, contacts with a same email,
 * profile link or folded name, and the deals of those contacts. Either the whole store, when
 * it is small next to the file, or what the indexes find for the file's keys, when reading it
 * all would cost more than the lookups: importing 50 rows into 50,000 contacts reads a few
 * dozen records, not 50,000.
 */
export async function storedCandidates(
  w: Writer,
  incoming: { contacts: readonly Contact[]; companies: readonly Company[] },
  stored: { contacts: number; companies: number },
): Promise<Pick<BackupStores, 'contacts' | 'companies' | 'deals'>> {
  const companyKeys = {
    'by-domain': distinct(incoming.companies.map((c) => c.domain)),
    'by-name': distinct(incoming.companies.map((c) => c.nameKey)),
  } as const;
  const contactKeys = {
    'by-email': distinct(incoming.contacts.flatMap((c) => c.emails)),
    'by-profile': distinct(incoming.contacts.flatMap((c) => c.profileKeys)),
    'by-name': distinct(incoming.contacts.map((c) => c.nameKey)),
  } as const;
  const [companies, contacts] = await Promise.all([
    candidates(w, 'companies', companyKeys, stored.companies),
    candidates(w, 'contacts', contactKeys, stored.contacts),
  ]);
  // A deal is a duplicate only of a deal of the same contact (lib/backup `dealKey`); the file's
  // own contacts are new records, so only the deals of the stored contacts can match.
  const dealStore = w.tx.objectStore('deals');
  const deals = contacts.all
    ? await dealStore.getAll()
    : (await Promise.all(contacts.records.map((c) => dealStore.index('by-contact').getAll(c.id)))).flat();
  return { contacts: contacts.records, companies: companies.records, deals };
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

/**
 * The whole store (`all`), or the records its indexes hold under `keys`, whichever reads less.
 */
async function candidates<S extends 'contacts' | 'companies'>(
  w: Writer,
  store: S,
  keys: Readonly<Record<string, string[]>>,
  stored: number,
): Promise<{ records: RecordOf<S>[]; all: boolean }> {
  const os = w.tx.objectStore(store);
  const lookups = Object.values(keys).reduce((n, k) => n + k.length, 0);
  if (stored <= lookups * LOOKUP_COST) return { records: (await os.getAll()) as RecordOf<S>[], all: true };
  const found = await Promise.all(
    Object.entries(keys).flatMap(([index, values]) =>
      values.map((v) => os.index(index as never).getAll(v as never) as Promise<RecordOf<S>[]>),
    ),
  );
  const byId = new Map<string, RecordOf<S>>();
  for (const list of found) for (const r of list) byId.set(r.id, r);
  return { records: [...byId.values()], all: false };
}

const NOUNS: Record<StoreName, string> = {
  contacts: 'Contacts',
  companies: 'Companies',
  deals: 'Deals',
  activities: 'Activities',
  notes: 'Notes',
  followUps: 'Follow-ups',
  objections: 'Objections',
  nps: 'NPS answers',
  settings: 'Settings',
};

/**
 * What an import did, in a few lines a rep reads at a glance: "Contacts: 3 new, 1 merged into
 * one you had, 1 already there." per store that the file touched.
 */
export function describeImport(s: ImportSummary): string {
  const head =
    s.kind === 'csv' && s.rows
      ? `Imported ${s.rows.imported} of ${s.rows.total} rows${s.rows.skipped ? ` (${s.rows.skipped} skipped, as you chose)` : ''}.`
      : s.mode === 'replace'
        ? 'Backup restored: Leadline now holds exactly what the file holds.'
        : 'Backup merged into what you had.';
  const lines = BACKUP_STORES.flatMap((store) => {
    const c = s.counts[store];
    if (!c.added && !c.merged && !c.skipped) return [];
    const parts = [
      c.added ? `${c.added} new` : '',
      c.merged ? `${c.merged} merged into ${c.merged === 1 ? 'one' : 'ones'} you had` : '',
      c.skipped ? `${c.skipped} already there` : '',
    ].filter(Boolean);
    return [`${NOUNS[store]}: ${parts.join(', ')}.`];
  });
  return [head, ...lines].join('\n');
}

/** Deletes every record of every store (settings included) in one transaction. */
export async function wipeAll(db: Db, now: number): Promise<Written<{ deleted: number }>> {
  return transact(db, BACKUP_STORES, now, async (w) => {
    const keys = await Promise.all(BACKUP_STORES.map((s) => w.tx.objectStore(s).getAllKeys()));
    await Promise.all(BACKUP_STORES.map((s) => w.tx.objectStore(s).clear()));
    let deleted = 0;
    BACKUP_STORES.forEach((s, i) => {
      for (const key of keys[i] ?? []) w.changes.push({ store: s, id: String(key), op: 'delete' });
      deleted += keys[i]?.length ?? 0;
    });
    return { deleted };
  });
}
