/**
 * Repositories: every write passes its record schema, carries `rev`, and happens inside one
 * transaction. `transact()` gives a `Writer` over the stores it names; if anything in the
 * callback throws, the whole transaction is aborted and nothing is written.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { describeZodError, LeadlineError, toErrorInfo } from '../errors';
import { newId } from '../ids';
import { type DraftOf, type RecordOf, SCHEMAS, type StoreName } from '../records';
import type { Db } from './open';
import type { LeadlineDB } from './schema';

export type Op = 'create' | 'update' | 'delete';
export interface Change {
  store: StoreName;
  id: string;
  op: Op;
}

/** A patch: fields to set; `null` clears an optional field (JSON cannot carry `undefined`). */
export type Patch<S extends StoreName> = { [K in keyof RecordOf<S>]?: RecordOf<S>[K] | null };

type Tx = IDBPTransaction<LeadlineDB, StoreNames<LeadlineDB>[], 'readwrite'>;

/** Parses a whole record through its store's schema, with a message a person can read. */
export function validate<S extends StoreName>(store: S, value: unknown): RecordOf<S> {
  const r = SCHEMAS[store].safeParse(value);
  if (!r.success) throw new LeadlineError('invalid', `${singular(store)}: ${describeZodError(r.error)}`);
  return r.data as RecordOf<S>;
}

export class Writer {
  readonly changes: Change[] = [];
  constructor(
    readonly tx: Tx,
    readonly now: number,
  ) {}

  get<S extends StoreName>(store: S, id: string): Promise<RecordOf<S> | undefined> {
    return this.tx.objectStore(store).get(id) as Promise<RecordOf<S> | undefined>;
  }

  /** Creates a record from a draft: a new id (unless given), `rev` 1, timestamps from `now`. */
  async create<S extends StoreName>(store: S, draft: DraftOf<S>, opts: { id?: string } = {}): Promise<RecordOf<S>> {
    const record = validate(store, {
      ...draft,
      id: opts.id ?? newId(),
      createdAt: this.now,
      updatedAt: this.now,
      rev: 1,
    });
    // `add`, not `put`: an id that exists already is a conflict, not a silent overwrite.
    try {
      await this.tx.objectStore(store).add(record as never);
    } catch (e) {
      if ((e as { name?: string })?.name === 'ConstraintError') {
        throw new LeadlineError('conflict', `${singular(store)} ${record.id} exists already`);
      }
      throw e;
    }
    this.changes.push({ store, id: record.id, op: 'create' });
    return record;
  }

  /**
   * Applies a patch to the record `id` if its stored `rev` is still `rev`; otherwise refuses
   * with a `stale` error, so two panels never silently overwrite each other.
   */
  async update<S extends StoreName>(store: S, id: string, rev: number, patch: Patch<S>): Promise<RecordOf<S>> {
    const current = await this.get(store, id);
    if (!current) throw new LeadlineError('not-found', `${singular(store)} ${id} no longer exists`);
    if (current.rev !== rev) {
      throw new LeadlineError(
        'stale',
        `This ${singular(store)} was changed elsewhere since you opened it (version ${rev}, now ${current.rev}). Reload it and apply your change again.`,
      );
    }
    const merged: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(patch)) {
      if (k === 'id' || k === 'rev' || k === 'createdAt') continue;
      if (v === null) delete merged[k];
      else if (v !== undefined) merged[k] = v;
    }
    merged.rev = current.rev + 1;
    merged.updatedAt = Math.max(this.now, current.updatedAt);
    const record = validate(store, merged);
    await this.tx.objectStore(store).put(record as never);
    this.changes.push({ store, id, op: 'update' });
    return record;
  }

  /** Writes a whole record as given (imports, restores): validated, `rev` kept. */
  async put<S extends StoreName>(store: S, value: RecordOf<S> | Record<string, unknown>): Promise<RecordOf<S>> {
    const record = validate(store, value);
    const existed = await this.tx.objectStore(store).getKey(record.id);
    await this.tx.objectStore(store).put(record as never);
    this.changes.push({ store, id: record.id, op: existed === undefined ? 'create' : 'update' });
    return record;
  }

  /**
   * Writes many whole records (imports, restores) in this transaction: all are validated
   * before the first write, then the puts go out together instead of one round trip each,
   * which is what keeps an import near the speed of raw IndexedDB.
   */
  async putMany<S extends StoreName>(store: S, values: readonly unknown[]): Promise<RecordOf<S>[]> {
    const records = values.map((v) => validate(store, v));
    const os = this.tx.objectStore(store);
    await Promise.all(records.map((r) => os.put(r as never)));
    for (const r of records) this.changes.push({ store, id: r.id, op: 'update' });
    return records;
  }

  /** Deletes `id`; with `rev`, only if nobody changed it since. */
  async delete(store: StoreName, id: string, rev?: number): Promise<void> {
    const current = (await this.tx.objectStore(store).get(id)) as { rev: number } | undefined;
    if (!current) throw new LeadlineError('not-found', `${singular(store)} ${id} no longer exists`);
    if (rev !== undefined && current.rev !== rev) {
      throw new LeadlineError(
        'stale',
        `This ${singular(store)} was changed elsewhere since you opened it. Reload it first.`,
      );
    }
    await this.tx.objectStore(store).delete(id);
    this.changes.push({ store, id, op: 'delete' });
  }
}

/**
 * Runs `fn` in one read-write transaction over `stores`. Do not await anything but this
 * transaction's own requests inside `fn`: IndexedDB commits a transaction as soon as it is idle.
 */
export async function transact<T>(
  db: Db,
  stores: readonly StoreName[],
  now: number,
  fn: (w: Writer) => Promise<T>,
): Promise<{ value: T; changes: Change[] }> {
  const tx = db.transaction([...stores], 'readwrite') as Tx;
  const w = new Writer(tx, now);
  try {
    const value = await fn(w);
    await tx.done;
    return { value, changes: w.changes };
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing was committed by the failed step.
    }
    await tx.done.catch(() => undefined);
    throw quotaOr(e, tx);
  }
}

/**
 * A full disk, reported as such whatever step noticed it; otherwise the transaction's own reason
 * when a step saw only the abort. When the browser runs out of room it
 * aborts the whole transaction: the pending requests fail with a generic AbortError, and only
 * the transaction's own `error` says QuotaExceededError, so it is read from there.
 */
function quotaOr(e: unknown, tx: Tx): unknown {
  const cause = (e as { name?: unknown })?.name === 'AbortError' ? (tx.error ?? e) : e;
  const info = toErrorInfo(cause);
  return info.code === 'quota' ? new LeadlineError('quota', info.message) : cause;
}

/** Reads one record (outside a write). */
export function getRecord<S extends StoreName>(db: Db, store: S, id: string): Promise<RecordOf<S> | undefined> {
  return db.get(store, id) as Promise<RecordOf<S> | undefined>;
}

const SINGULAR: Record<StoreName, string> = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  activities: 'activity',
  notes: 'note',
  followUps: 'follow-up',
  objections: 'objection',
  nps: 'NPS answer',
  settings: 'settings',
};
function singular(store: StoreName): string {
  return SINGULAR[store];
}
