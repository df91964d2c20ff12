/**
 * The rep's whole database as one JSON file, and back: a backup they can keep, move to another
 * browser or restore. Pure: the repository layer reads the stores and writes the plan in one
 * transaction; this module only turns data into text, text into checked data, and two sets of
 * records into what to write.
 *
 * Derived index keys (`profileKeys` and `nameKey` of contacts, `nameKey` of companies,
 * `openDue` of follow-ups) are NOT written: the schemas recompute them on parse, so a file holds
 * only what the rep entered, cannot carry a key that disagrees with its fields, and
 * export → import → export gives the same file byte for byte.
 */
import { DB_VERSION } from './db/migrations';
import type { ErrorInfo } from './errors';
import { encodingProblem, IMPORT_MAX_BYTES, megabytes, overLimit, utf8Bytes } from './import-file';
import { foldText } from './normalize';
import {
  type Company,
  type Contact,
  companySchema,
  contactSchema,
  type LeadStatus,
  LIMITS,
  type RecordOf,
  SCHEMAS,
  type Settings,
  type Stage,
  type StoreName,
} from './records';

export const BACKUP_FORMAT = 'leadline-backup';
/** The newest backup file format this build reads and the one it writes. */
export const BACKUP_VERSION = 1;
/** Files over this size are refused before they are parsed (see lib/import-file for why 30 MiB). */
export const DEFAULT_MAX_BYTES = IMPORT_MAX_BYTES;

/** The stores in the order a backup lists them. */
export const BACKUP_STORES = [
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

/** Every store's records. `settings` holds at most one record. */
export type BackupStores = { [S in StoreName]: RecordOf<S>[] };

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: number;
  /** The database schema version (lib/db/migrations `DB_VERSION`) of the Leadline that wrote it. */
  schemaVersion: number;
  stores: BackupStores;
}

/** Keys the schemas derive from other fields: left out of the file, recomputed on parse. */
const DERIVED: Partial<Record<StoreName, readonly string[]>> = {
  contacts: ['profileKeys', 'nameKey'],
  companies: ['nameKey'],
  followUps: ['openDue'],
};

/** An empty set of stores. */
export function emptyStores(): BackupStores {
  return {
    contacts: [],
    companies: [],
    deals: [],
    activities: [],
    notes: [],
    followUps: [],
    objections: [],
    nps: [],
    settings: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Plain JSON data with object keys in a stable order: `id` first, then the rest sorted. */
function stable(value: unknown, drop?: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => stable(v));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined && !drop?.includes(k))
    .sort((a, b) => (a === 'id' ? -1 : b === 'id' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = stable(obj[k]);
  return out;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The backup file's text: records sorted by id, keys in a stable order, 2-space indent, derived
 * keys left out. Give it records as stored (parsed by their schemas); the same records always
 * give the same text, so export → import → export is byte-identical.
 */
export function serializeBackup(stores: Partial<BackupStores>, now: number, schemaVersion: number): string {
  const out: Record<string, unknown[]> = {};
  for (const store of BACKUP_STORES) {
    const records = [...((stores[store] ?? []) as { id: string }[])].sort(byId);
    out[store] = records.map((r) => stable(r, DERIVED[store]));
  }
  const file = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, schemaVersion, stores: out };
  return `${JSON.stringify(file, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** What is wrong with a file, for the UI to choose its words and for tests. */
export type BackupProblem =
  | 'too-large'
  | 'empty'
  | 'not-text'
  | 'not-json'
  | 'wrong-format'
  | 'bad-version'
  | 'newer-version'
  | 'invalid-records';

/** One record of the file that does not pass its schema. */
export interface RecordIssue {
  store: string;
  index: number;
  id?: string;
  path: string;
  message: string;
}

/** An `ErrorInfo` (code `invalid`) that can cross the message boundary as it is. */
export interface BackupError extends ErrorInfo {
  problem: BackupProblem;
  /** For `invalid-records`: the first problems found (at most `MAX_ISSUES`). */
  issues?: RecordIssue[];
}
export type ParseBackupResult = { ok: true; backup: Backup } | { ok: false; error: BackupError };

/** How many invalid records a message lists; the count says how many more there were. */
export const MAX_ISSUES = 20;

function fail(problem: BackupProblem, message: string, issues?: RecordIssue[]): ParseBackupResult {
  return { ok: false, error: { code: 'invalid', problem, message, ...(issues ? { issues } : {}) } };
}

/** "line 3, column 7" for a character offset. */
function lineColumn(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${position - lineStart + 1}`;
}

/**
 * Where JSON text first goes wrong, as a character offset, or `undefined` if it is valid.
 * JSON.parse does not always say (V8's "Unexpected token" messages carry no position), so on
 * failure this small scanner finds it. Only run on a file that failed to parse.
 */
export function jsonErrorOffset(s: string): number | undefined {
  const n = s.length;
  let i = 0;
  const ws = () => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (s[i] !== word[k]) return false;
    return true;
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const string = (): boolean => {
    i++; // the opening quote
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 32) return false;
      if (c === 92) {
        const e = s[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) i += 6;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const value = (depth: number): boolean => {
    if (depth > 1000) return false;
    ws();
    const c = s[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (s[i] === close) {
        i++;
        return true;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (s[i] !== '"' || !string()) return false;
          ws();
          if (s[i] !== ':') return false;
          i++;
        }
        if (!value(depth + 1)) return false;
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === close) {
          i++;
          return true;
        } else return false;
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    number.lastIndex = i;
    if (!number.test(s)) return false;
    i = number.lastIndex;
    return true;
  };
  if (!value(0)) return i;
  ws();
  return i < n ? i : undefined;
}

function describeJsonError(text: string, e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const pos = raw.match(/position (\d+)/);
  const offset = jsonErrorOffset(text) ?? (pos?.[1] ? Number(pos[1]) : undefined);
  // An error at the very end of the text means the text stopped before the JSON did.
  if (/end of (json )?(input|data)/i.test(raw) || (offset !== undefined && offset >= text.trimEnd().length)) {
    return 'The file ends too early: it looks truncated (a download or copy that did not finish). Nothing was imported.';
  }
  const where = offset !== undefined ? ` at ${lineColumn(text, offset)} (character ${offset + 1})` : '';
  return `The file is not valid JSON${where}: it looks corrupted or edited by hand. Nothing was imported.`;
}

/**
 * Reads a backup file. All or nothing: any problem returns an error and no data. The messages
 * name the problem for a person: a truncated or corrupted file (with the position JSON.parse
 * reports), another kind of file, a backup from a newer Leadline, a file over `maxBytes`, and
 * every invalid record by store, index and id with the field and what is wrong (the first 20).
 * Records are parsed by the current schemas, so an older schema version gets new defaults.
 * The caller should also check the file's size before reading it into a string.
 */
export function parseBackup(text: string, opts: { maxBytes?: number; schemaVersion?: number } = {}): ParseBackupResult {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const knownSchema = opts.schemaVersion ?? DB_VERSION;
  // A string has at least as many UTF-8 bytes as UTF-16 units, so most files need no count.
  if (overLimit(text, maxBytes)) {
    return fail(
      'too-large',
      `The file is ${megabytes(utf8Bytes(text))}, more than the ${megabytes(maxBytes)} a backup may be. Nothing was imported.`,
    );
  }
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return fail('empty', 'The file is empty. Nothing was imported.');
  const encoding = encodingProblem(body);
  if (encoding) return fail('not-text', encoding.message);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    return fail('not-json', describeJsonError(body, e));
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return fail('wrong-format', 'This is not a Leadline backup: the file holds no backup object.');
  }
  const file = data as Record<string, unknown>;
  if (file.format !== BACKUP_FORMAT) {
    const what = typeof file.format === 'string' ? ` (its format is "${file.format.slice(0, 60)}")` : '';
    return fail('wrong-format', `This is not a Leadline backup${what}. Choose a file Leadline exported.`);
  }
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(
      'bad-version',
      'This backup has no valid format version; it may have been edited. Nothing was imported.',
    );
  }
  if (version > BACKUP_VERSION) {
    return fail(
      'newer-version',
      `This backup was made by a newer Leadline (backup format ${version}; this one reads up to ${BACKUP_VERSION}). Update Leadline, then import it again.`,
    );
  }
  const schemaVersion = file.schemaVersion;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    return fail(
      'bad-version',
      'This backup has no valid schema version; it may have been edited. Nothing was imported.',
    );
  }
  if (schemaVersion > knownSchema) {
    return fail(
      'newer-version',
      `This backup was made by a newer Leadline (database version ${schemaVersion}; this one knows up to ${knownSchema}). Update Leadline, then import it again.`,
    );
  }
  const exportedAt = file.exportedAt;
  if (typeof exportedAt !== 'number' || !Number.isInteger(exportedAt) || exportedAt < 0) {
    return fail('wrong-format', 'This backup has no valid export time; it may have been edited. Nothing was imported.');
  }
  const rawStores = file.stores;
  if (!rawStores || typeof rawStores !== 'object' || Array.isArray(rawStores)) {
    return fail('wrong-format', 'This backup holds no records ("stores" is missing). Nothing was imported.');
  }
  const storesIn = rawStores as Record<string, unknown>;
  const unknownStore = Object.keys(storesIn).find((k) => !(BACKUP_STORES as readonly string[]).includes(k));
  if (unknownStore) {
    return fail(
      'wrong-format',
      `This backup has records of a kind this Leadline does not know ("${unknownStore.slice(0, 40)}"). Update Leadline, then import it again.`,
    );
  }

  const stores = emptyStores();
  const issues: RecordIssue[] = [];
  let bad = 0; // records (and lists) refused
  let problems = 0; // issues found, of which the first MAX_ISSUES are listed
  const note = (issue: RecordIssue) => {
    problems++;
    if (issues.length < MAX_ISSUES) issues.push(issue);
  };
  for (const store of BACKUP_STORES) {
    const list = storesIn[store];
    // A store the file lacks is empty (a backup of a database that never had one).
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      bad++;
      note({ store, index: -1, path: '', message: `"${store}" is not a list of records` });
      continue;
    }
    if (store === 'settings' && list.length > 1) {
      bad++;
      note({ store, index: 1, path: '', message: 'a backup holds one settings record' });
      continue;
    }
    const seen = new Set<string>();
    const out: unknown[] = stores[store];
    list.forEach((record, index) => {
      const rid =
        record && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string'
          ? (record as { id: string }).id
          : undefined;
      const r = SCHEMAS[store].safeParse(record);
      if (!r.success) {
        bad++;
        for (const i of r.error.issues) {
          note({ store, index, id: rid, path: i.path.map(String).join('.'), message: i.message });
        }
        return;
      }
      if (seen.has(r.data.id)) {
        bad++;
        note({ store, index, id: r.data.id, path: 'id', message: 'the same id appears twice' });
        return;
      }
      seen.add(r.data.id);
      out.push(r.data);
    });
  }
  if (bad > 0) {
    const lines = issues.map(
      (i) =>
        `${i.store}[${i.index}]${i.id ? ` (id ${i.id.slice(0, 64)})` : ''}: ${i.path ? `${i.path}: ` : ''}${i.message}`,
    );
    const more = problems > issues.length ? `\n…and ${problems - issues.length} more.` : '';
    return fail(
      'invalid-records',
      `${bad === 1 ? 'One record' : `${bad} records`} in this backup ${bad === 1 ? 'is' : 'are'} not valid, so nothing was imported:\n${lines.join('\n')}${more}`,
      issues,
    );
  }
  return {
    ok: true,
    backup: { format: BACKUP_FORMAT, version, exportedAt, schemaVersion, stores },
  };
}

// ---------------------------------------------------------------------------------------------
// Merging

export type ImportMode = 'replace' | 'merge';
/**
 * Per store: `added` new records; `merged` records that matched one already there and brought
 * something new to it (it is rewritten); `skipped` records that matched and brought nothing
 * new, or an older copy of a record by the same id. Merged and skipped records' ids are
 * remapped in the records that point at them.
 */
export interface StoreCounts {
  added: number;
  merged: number;
  skipped: number;
}
export interface MergePlan {
  mode: ImportMode;
  /** `replace`: clear every store first, in the same transaction as the puts. */
  clearFirst: boolean;
  /** Every record to put, whole and valid (existing ones with `rev` bumped). */
  puts: BackupStores;
  counts: Record<StoreName, StoreCounts>;
  /** Incoming contact/company id → the id it was merged into (only for those that differ). */
  idMap: { contacts: Record<string, string>; companies: Record<string, string> };
  /** Incoming stage ids this database lacked → the stage their deals were put in. */
  stageMap: Record<string, string>;
}

const STATUS_RANK: Record<LeadStatus, number> = { suspect: 0, mql: 1, sql: 2 };
const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt', 'rev', 'profileKeys', 'nameKey']);

function zeroCounts(): Record<StoreName, StoreCounts> {
  const out = {} as Record<StoreName, StoreCounts>;
  for (const s of BACKUP_STORES) out[s] = { added: 0, merged: 0, skipped: 0 };
  return out;
}

function sameData(a: unknown, b: unknown, drop: readonly string[]): boolean {
  return JSON.stringify(stable(a, drop)) === JSON.stringify(stable(b, drop));
}

/**
 * `base` with the gaps filled from `extra`: `base` wins where both have a value; lists are
 * united (capped); profile links filled per network; lead status the further along; source
 * and lifecycle only replace the defaults. `changed` says whether anything was filled, so a
 * duplicate that brings nothing new costs no comparison of whole records; when nothing was,
 * `out` is `base` itself (not a copy).
 */
function fillFrom<T extends Contact | Company>(base: T, extra: T): { out: Record<string, unknown>; changed: boolean } {
  // Copied on the first change: most duplicates (a company on every row of a file) bring none.
  let out: Record<string, unknown> | undefined;
  const set = (k: string, v: unknown) => {
    out ??= { ...base };
    out[k] = v;
  };
  for (const [k, v] of Object.entries(extra as Record<string, unknown>)) {
    if (BOOKKEEPING.has(k) || v === undefined) continue;
    const cur = (out ?? (base as Record<string, unknown>))[k];
    if (Array.isArray(v)) {
      const had = (cur as unknown[] | undefined) ?? [];
      const united = [...new Set([...had, ...v])].slice(0, LIMITS.list);
      if (united.length !== had.length) set(k, united);
    } else if (k === 'profiles') {
      const have = (cur as Record<string, unknown> | undefined) ?? {};
      const missing = Object.entries(v as Record<string, unknown>).filter(([net, url]) => url && !have[net]);
      if (missing.length) set(k, { ...have, ...Object.fromEntries(missing) });
    } else if (k === 'leadStatus') {
      if (STATUS_RANK[v as LeadStatus] > STATUS_RANK[cur as LeadStatus]) set(k, v);
    } else if (k === 'source' || k === 'lifecycle') {
      const fallback = k === 'source' ? 'other' : 'lead';
      if ((cur === fallback || cur === undefined) && v !== cur) set(k, v);
    } else if ((cur === undefined || cur === '') && v !== '') set(k, v);
  }
  return out ? { out, changed: true } : { out: base as Record<string, unknown>, changed: false };
}

/** Bookkeeping of a record that was already in the database and is rewritten. */
function bumped<T extends { rev: number; updatedAt: number }>(existing: T, now: number): Pick<T, 'rev' | 'updatedAt'> {
  return { rev: existing.rev + 1, updatedAt: Math.max(now, existing.updatedAt) } as Pick<T, 'rev' | 'updatedAt'>;
}

/** Keeps the records of one store being merged: the final state by id, and which to put. */
class Table<T extends { id: string; rev: number; updatedAt: number }> {
  readonly final = new Map<string, T>();
  /** The records as the database holds them: a rewrite bumps `rev` once past these. */
  readonly stored = new Map<string, T>();
  readonly put = new Set<string>();
  constructor(existing: readonly T[]) {
    for (const r of existing) {
      this.final.set(r.id, r);
      this.stored.set(r.id, r);
    }
  }
  records(): T[] {
    return [...this.put].map((id) => this.final.get(id) as T);
  }
}

/**
 * What to write for an import. `replace`: clear everything, then put every incoming record as
 * it is. `merge`: keep what is there and add the incoming records, deduping contacts (same
 * email, same profile link, or same folded name at the same company) and companies (same
 * domain, else same folded name unless their domains differ), against the database and against
 * each other; the records pointing at a merged contact or company are remapped to it. A record
 * with an id the database has is the same record: the newer copy (by `updatedAt`) wins. Deals
 * equal in title, contact, company, value and currency are the same deal (a re-imported CSV).
 * Deals in a stage this database lacks get the stage added (open stages, if there is room) or
 * are put in the closest one. Pure; `now` stamps the records it rewrites.
 */
export function mergePlan(
  existingIn: Partial<BackupStores>,
  incomingIn: Partial<BackupStores>,
  mode: ImportMode,
  now: number,
): MergePlan {
  const existing = { ...emptyStores(), ...existingIn };
  const incoming = { ...emptyStores(), ...incomingIn };
  const counts = zeroCounts();
  const plan: MergePlan = {
    mode,
    clearFirst: mode === 'replace',
    puts: emptyStores(),
    counts,
    // No prototype: an incoming id such as "constructor" is only ever a key.
    idMap: { contacts: Object.create(null), companies: Object.create(null) },
    stageMap: {},
  };
  // The same remaps, for the lookups of every record that points at a contact or a company.
  const companyIds = new Map<string, string>();
  const contactIds = new Map<string, string>();
  if (mode === 'replace') {
    for (const store of BACKUP_STORES) {
      (plan.puts[store] as unknown[]) = [...incoming[store]];
      counts[store].added = incoming[store].length;
    }
    return plan;
  }

  // Companies: by id, then domain, then folded name.
  const companies = new Table<Company>(existing.companies);
  const byDomain = new Map<string, string>();
  const byCompanyName = new Map<string, string>();
  const indexCompany = (c: Company) => {
    if (c.domain && !byDomain.has(c.domain)) byDomain.set(c.domain, c.id);
    if (c.nameKey && !byCompanyName.has(c.nameKey)) byCompanyName.set(c.nameKey, c.id);
  };
  existing.companies.forEach(indexCompany);
  for (const inc of incoming.companies) {
    let targetId = companies.final.has(inc.id) ? inc.id : inc.domain ? byDomain.get(inc.domain) : undefined;
    if (!targetId && inc.nameKey) {
      const candidate = byCompanyName.get(inc.nameKey);
      const other = candidate ? companies.final.get(candidate) : undefined;
      if (other && !(other.domain && inc.domain && other.domain !== inc.domain)) targetId = candidate;
    }
    if (!targetId) {
      companies.final.set(inc.id, inc);
      companies.put.add(inc.id);
      indexCompany(inc);
      counts.companies.added++;
      continue;
    }
    if (targetId !== inc.id) {
      plan.idMap.companies[inc.id] = targetId;
      companyIds.set(inc.id, targetId);
    }
    mergeInto(companies, targetId, inc, counts.companies, now, (v) => companySchema.parse(v));
    const merged = companies.final.get(targetId);
    if (merged) indexCompany(merged);
  }
  const companyId = (id: string | undefined) => (id ? (companyIds.get(id) ?? id) : id);

  // Contacts: by id, then any email, any profile link, or folded name at the same company.
  const contacts = new Table<Contact>(existing.contacts);
  const byKey = new Map<string, string>();
  const contactKeys = (c: Contact) => [
    ...c.emails.map((e) => `e:${e}`),
    ...c.profileKeys.map((p) => `p:${p}`),
    ...(c.companyId && c.nameKey ? [`n:${c.nameKey}|${c.companyId}`] : []),
  ];
  const indexContact = (c: Contact) => {
    for (const k of contactKeys(c)) if (!byKey.has(k)) byKey.set(k, c.id);
  };
  existing.contacts.forEach(indexContact);
  for (const raw of incoming.contacts) {
    const remapped = companyId(raw.companyId);
    const inc: Contact = remapped === raw.companyId ? raw : { ...raw, companyId: remapped };
    let targetId = contacts.final.has(inc.id) ? inc.id : undefined;
    for (const k of contactKeys(inc)) {
      if (targetId) break;
      targetId = byKey.get(k);
    }
    if (!targetId) {
      contacts.final.set(inc.id, inc);
      contacts.put.add(inc.id);
      indexContact(inc);
      counts.contacts.added++;
      continue;
    }
    if (targetId !== inc.id) {
      plan.idMap.contacts[inc.id] = targetId;
      contactIds.set(inc.id, targetId);
    }
    mergeInto(contacts, targetId, inc, counts.contacts, now, (v) => contactSchema.parse(v));
    const merged = contacts.final.get(targetId);
    if (merged) indexContact(merged);
  }
  const contactId = (id: string | undefined) => (id ? (contactIds.get(id) ?? id) : id);

  // Settings: the database's stay; a deal in a stage it lacks gets one.
  const settings = reconcileStages(existing.settings[0], incoming, plan, now);

  const stage = (id: string | undefined) => (id ? (plan.stageMap[id] ?? id) : id);
  const dealKey = (d: RecordOf<'deals'>) =>
    JSON.stringify([foldText(d.title), d.contactId ?? '', d.companyId ?? '', d.value, d.currency]);
  const dealsByKey = new Map(existing.deals.map((d) => [dealKey(d), d.id]));
  const dealMap: Record<string, string> = {};
  const dealId = (id: string | undefined) => (id ? (dealMap[id] ?? id) : id);

  const deals = simpleMerge(
    existing.deals,
    incoming.deals.map((d) => ({
      ...d,
      contactId: contactId(d.contactId),
      companyId: companyId(d.companyId),
      stage: stage(d.stage) ?? d.stage,
    })),
    counts.deals,
    now,
    (d, known) => {
      if (known) return undefined;
      const same = dealsByKey.get(dealKey(d));
      if (same) dealMap[d.id] = same;
      return same;
    },
  );
  // Deals of the incoming file that point at a remapped parent deal.
  plan.puts.deals = deals.map((d) => (d.parentDealId ? { ...d, parentDealId: dealId(d.parentDealId) } : d));
  plan.puts.activities = simpleMerge(
    existing.activities,
    incoming.activities.map((a) => ({
      ...a,
      dealId: dealId(a.dealId),
      contactId: contactId(a.contactId),
      fromStage: stage(a.fromStage),
      toStage: stage(a.toStage),
    })),
    counts.activities,
    now,
  );
  plan.puts.notes = simpleMerge(
    existing.notes,
    incoming.notes.map((n) => ({
      ...n,
      subjectId:
        (n.subjectKind === 'contact'
          ? contactId(n.subjectId)
          : n.subjectKind === 'company'
            ? companyId(n.subjectId)
            : dealId(n.subjectId)) ?? n.subjectId,
    })),
    counts.notes,
    now,
  );
  plan.puts.followUps = simpleMerge(
    existing.followUps,
    incoming.followUps.map((f) => ({ ...f, dealId: dealId(f.dealId), contactId: contactId(f.contactId) })),
    counts.followUps,
    now,
  );
  plan.puts.objections = simpleMerge(
    existing.objections,
    incoming.objections.map((o) => ({ ...o, dealId: dealId(o.dealId) ?? o.dealId, contactId: contactId(o.contactId) })),
    counts.objections,
    now,
  );
  plan.puts.nps = simpleMerge(
    existing.nps,
    incoming.nps.map((n) => ({
      ...n,
      contactId: contactId(n.contactId) ?? n.contactId,
      companyId: companyId(n.companyId),
      dealId: dealId(n.dealId),
    })),
    counts.nps,
    now,
  );
  plan.puts.companies = companies.records();
  plan.puts.contacts = contacts.records().map(dropUndefined);
  plan.puts.settings = settings ? [settings] : [];
  return plan;
}

function dropUndefined<T extends object>(r: T): T {
  for (const k in r) {
    if (r[k] === undefined) return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as T;
  }
  return r;
}

/** Folds `inc` into the record `targetId` of `table`, counting merged or skipped. */
function mergeInto<T extends Contact | Company>(
  table: Table<T>,
  targetId: string,
  inc: T,
  counts: StoreCounts,
  now: number,
  parse: (v: unknown) => T,
): void {
  const current = table.final.get(targetId) as T;
  // The same record by id: the newer copy leads and the other fills its gaps.
  const incomingLeads = inc.id === targetId && inc.updatedAt > current.updatedAt;
  const { out, changed } = incomingLeads ? fillFrom(inc, current) : fillFrom(current, inc);
  if (!incomingLeads && !changed) {
    counts.skipped++;
    return;
  }
  const filled = { ...out, id: targetId, createdAt: current.createdAt };
  if (incomingLeads && sameData(filled, current, ['rev', 'updatedAt', 'profileKeys', 'nameKey'])) {
    counts.skipped++;
    return;
  }
  const stored = table.stored.get(targetId);
  const bookkeeping = stored
    ? bumped(stored, now)
    : { rev: current.rev, updatedAt: Math.max(current.updatedAt, inc.updatedAt) };
  table.final.set(targetId, parse({ ...filled, ...bookkeeping }));
  table.put.add(targetId);
  counts.merged++;
}

/**
 * Records matched by id (or by `match`): a new one is added; a newer copy of one already there
 * replaces it (its `rev` bumped past the stored one); an older or equal copy is skipped.
 */
function simpleMerge<T extends { id: string; rev: number; updatedAt: number }>(
  existing: readonly T[],
  incoming: readonly T[],
  counts: StoreCounts,
  now: number,
  match?: (r: T, knownId: boolean) => string | undefined,
): T[] {
  const byIdMap = new Map(existing.map((r) => [r.id, r]));
  const out: T[] = [];
  for (const inc of incoming) {
    const known = byIdMap.get(inc.id);
    const matchedId = match?.(inc, !!known);
    if (matchedId) {
      counts.skipped++;
      continue;
    }
    if (!known) {
      out.push(dropUndefined(inc));
      byIdMap.set(inc.id, inc);
      counts.added++;
    } else if (inc.updatedAt > known.updatedAt && !sameData(inc, known, ['rev', 'updatedAt'])) {
      out.push(dropUndefined({ ...inc, ...bumped(known, now) }));
      counts.merged++;
    } else counts.skipped++;
  }
  return out;
}

/**
 * Makes every stage the incoming deals and activities name exist in the settings that will be
 * kept: a missing open stage is inserted by probability (up to the 20-stage limit); a missing
 * Won or Lost maps to this database's own; anything else goes to the open stage of nearest
 * probability. Returns the settings to put, if any.
 */
function reconcileStages(
  current: Settings | undefined,
  incoming: BackupStores,
  plan: MergePlan,
  now: number,
): Settings | undefined {
  const incomingSettings = incoming.settings[0];
  if (!current) {
    if (incomingSettings) plan.counts.settings.added++;
    return incomingSettings;
  }
  if (incomingSettings) plan.counts.settings.skipped++;
  const stages: Stage[] = [...current.stages];
  const known = new Set(stages.map((s) => s.id));
  const named = new Set<string>();
  for (const d of incoming.deals) named.add(d.stage);
  for (const a of incoming.activities) {
    if (a.fromStage) named.add(a.fromStage);
    if (a.toStage) named.add(a.toStage);
  }
  let changed = false;
  for (const id of [...named].sort()) {
    if (known.has(id)) continue;
    const theirs = incomingSettings?.stages.find((s) => s.id === id);
    if (theirs && theirs.kind !== 'open') {
      const ours = stages.find((s) => s.kind === theirs.kind);
      if (ours) {
        plan.stageMap[id] = ours.id;
        continue;
      }
    }
    if (theirs?.kind === 'open' && stages.length < 20) {
      let at = -1;
      stages.forEach((s, i) => {
        if (s.kind === 'open' && s.probability <= theirs.probability) at = i;
      });
      const insertAt =
        at >= 0
          ? at + 1
          : Math.max(
              0,
              stages.findIndex((s) => s.kind === 'open'),
            );
      stages.splice(insertAt, 0, theirs);
      known.add(id);
      changed = true;
      continue;
    }
    const p = theirs?.probability ?? 0;
    const open = stages.filter((s) => s.kind === 'open');
    const nearest = open.reduce<Stage | undefined>(
      (best, s) => (!best || Math.abs(s.probability - p) < Math.abs(best.probability - p) ? s : best),
      undefined,
    );
    const fallback = nearest ?? stages[0];
    if (fallback) plan.stageMap[id] = fallback.id;
  }
  if (!changed) return undefined;
  if (incomingSettings) {
    plan.counts.settings.skipped--;
  }
  plan.counts.settings.merged++;
  return { ...current, stages, ...bumped(current, now) };
}
