/**
 * Deleting from the lead view, with undo. A delete never leaves a record pointing at one that
 * is gone: what belongs to the deleted record goes with it, and what only refers to it is
 * detached (the reference cleared). Every record touched is kept, as it was, in an undo entry;
 * undo writes those back exactly (same ids, same `rev`) if nobody changed them since.
 */
import type { Writer } from './db/repo';
import { LeadlineError } from './errors';
import type { StoreName } from './records';

/** The stores the lead view deletes from. */
export const REMOVABLE_STORES = [
  'contacts',
  'companies',
  'deals',
  'notes',
  'followUps',
  'activities',
  'objections',
] as const;
export type RemovableStore = (typeof REMOVABLE_STORES)[number];

/** One record a delete touched: deleted (`afterRev` absent) or detached (rewritten to `afterRev`). */
export interface UndoStep {
  store: StoreName;
  id: string;
  before: Record<string, unknown> & { id: string; rev: number };
  afterRev?: number;
}

/** What a delete did, counted per store, for the toast. */
export interface RemoveSummary {
  deleted: Partial<Record<StoreName, number>>;
  detached: Partial<Record<StoreName, number>>;
  steps: UndoStep[];
}

type AnyRecord = Record<string, unknown> & { id: string; rev: number };

class Plan {
  readonly steps: UndoStep[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly w: Writer) {}

  /** Deletes a record; one detached earlier in this plan is deleted after all, and undo still restores its original. */
  async remove(store: StoreName, record: AnyRecord): Promise<void> {
    const key = `${store}:${record.id}`;
    const prior = this.index.get(key);
    if (prior !== undefined) {
      const step = this.steps[prior];
      if (step?.afterRev === undefined) return;
      await this.w.delete(store, record.id, step.afterRev);
      step.afterRev = undefined;
      return;
    }
    await this.w.delete(store, record.id, record.rev);
    this.index.set(key, this.steps.push({ store, id: record.id, before: record }) - 1);
  }

  /** Clears the fields that point at a deleted record (nothing to do if it goes itself). */
  async detach(store: StoreName, record: AnyRecord, fields: string[]): Promise<void> {
    const key = `${store}:${record.id}`;
    if (this.index.has(key)) return;
    const patch = Object.fromEntries(fields.map((f) => [f, null]));
    const after = await this.w.update(store, record.id, record.rev, patch as never);
    this.index.set(key, this.steps.push({ store, id: record.id, before: record, afterRev: after.rev }) - 1);
  }
}

const byRange = (id: string) => IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);

async function notesOf(w: Writer, subjectId: string) {
  return (await w.tx.objectStore('notes').index('by-subject').getAll(byRange(subjectId))) as AnyRecord[];
}

/** A deal and what belongs to it: its activities, follow-ups, objections and notes. */
async function removeDeal(w: Writer, plan: Plan, deal: AnyRecord & { contactId?: string }): Promise<void> {
  await plan.remove('deals', deal);
  const [activities, followUps, objections, notes] = await Promise.all([
    w.tx.objectStore('activities').index('by-deal').getAll(byRange(deal.id)),
    w.tx.objectStore('followUps').index('by-deal').getAll(deal.id),
    w.tx.objectStore('objections').index('by-deal').getAll(deal.id),
    notesOf(w, deal.id),
  ]);
  for (const a of activities) await plan.remove('activities', a as AnyRecord);
  for (const f of followUps) await plan.remove('followUps', f as AnyRecord);
  for (const o of objections) await plan.remove('objections', o as AnyRecord);
  for (const n of notes) await plan.remove('notes', n);
  // What only refers to the deal stays: the contact's NPS answers and later deals it led to.
  if (deal.contactId) {
    for (const a of await w.tx.objectStore('nps').index('by-contact').getAll(deal.contactId)) {
      if (a.dealId === deal.id) await plan.detach('nps', a as AnyRecord, ['dealId']);
    }
    for (const d of await w.tx.objectStore('deals').index('by-contact').getAll(deal.contactId)) {
      if (d.parentDealId === deal.id && d.id !== deal.id) await plan.detach('deals', d as AnyRecord, ['parentDealId']);
    }
  }
}

/**
 * Deletes one record and what belongs to it, in the caller's transaction (which must cover
 * every store but settings). `deals` says what happens to a contact's deals: `delete` takes
 * them (and everything of theirs) along, `keep` leaves them in the pipeline without a contact.
 */
export async function removeRecord(
  w: Writer,
  store: RemovableStore,
  id: string,
  rev: number,
  deals?: 'keep' | 'delete',
): Promise<RemoveSummary> {
  const target = (await w.get(store, id)) as AnyRecord | undefined;
  if (!target) throw new LeadlineError('not-found', 'That record no longer exists.');
  if (target.rev !== rev) {
    throw new LeadlineError('stale', 'It was changed elsewhere since you opened it. Look again before deleting.');
  }
  const plan = new Plan(w);
  switch (store) {
    case 'deals':
      await removeDeal(w, plan, target);
      break;
    case 'contacts': {
      if (!deals) throw new LeadlineError('invalid', 'Say whether the contact’s deals are kept or deleted.');
      const own = await w.tx.objectStore('deals').index('by-contact').getAll(id);
      if (deals === 'delete') for (const d of own) await removeDeal(w, plan, d as AnyRecord);
      else for (const d of own) await plan.detach('deals', d as AnyRecord, ['contactId']);
      const contactRange = IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
      const [activities, followUps, nps, notes] = await Promise.all([
        w.tx.objectStore('activities').index('by-contact').getAll(contactRange),
        w.tx.objectStore('followUps').index('by-contact').getAll(id),
        w.tx.objectStore('nps').index('by-contact').getAll(id),
        notesOf(w, id),
      ]);
      const kept = (dealId?: string) => !!dealId && deals === 'keep' && own.some((d) => d.id === dealId);
      // Touchpoints and follow-ups of a kept deal stay on that deal; the rest were about the person.
      for (const a of activities) {
        if (kept(a.dealId)) await plan.detach('activities', a as AnyRecord, ['contactId']);
        else await plan.remove('activities', a as AnyRecord);
      }
      for (const f of followUps) {
        if (kept(f.dealId)) await plan.detach('followUps', f as AnyRecord, ['contactId']);
        else await plan.remove('followUps', f as AnyRecord);
      }
      if (deals === 'keep') {
        for (const d of own) {
          for (const o of await w.tx.objectStore('objections').index('by-deal').getAll(d.id)) {
            if (o.contactId === id) await plan.detach('objections', o as AnyRecord, ['contactId']);
          }
        }
      }
      for (const a of nps) await plan.remove('nps', a as AnyRecord);
      for (const n of notes) await plan.remove('notes', n);
      await plan.remove('contacts', target);
      break;
    }
    case 'companies': {
      // People and deals outlive their company record: they are kept, without it.
      const [contacts, companyDeals, notes] = await Promise.all([
        w.tx.objectStore('contacts').index('by-company').getAll(id),
        w.tx.objectStore('deals').index('by-company').getAll(id),
        notesOf(w, id),
      ]);
      for (const c of contacts) await plan.detach('contacts', c as AnyRecord, ['companyId']);
      for (const d of companyDeals) await plan.detach('deals', d as AnyRecord, ['companyId']);
      for (const a of await w.tx.objectStore('nps').getAll()) {
        if (a.companyId === id) await plan.detach('nps', a as AnyRecord, ['companyId']);
      }
      for (const n of notes) await plan.remove('notes', n);
      await plan.remove('companies', target);
      break;
    }
    default:
      await plan.remove(store, target);
  }
  const deleted: RemoveSummary['deleted'] = {};
  const detached: RemoveSummary['detached'] = {};
  for (const s of plan.steps) {
    const counts = s.afterRev === undefined ? deleted : detached;
    counts[s.store] = (counts[s.store] ?? 0) + 1;
  }
  return { deleted, detached, steps: plan.steps };
}

/**
 * Writes back what a delete touched, exactly as it was. Refused as a whole if any of it changed
 * since (a deleted id was used again, a detached record was edited): undo never overwrites.
 */
export async function applyUndo(w: Writer, steps: readonly UndoStep[]): Promise<number> {
  for (const s of steps) {
    const current = (await w.get(s.store, s.id)) as AnyRecord | undefined;
    if (s.afterRev === undefined ? current !== undefined : current?.rev !== s.afterRev) {
      throw new LeadlineError('stale', 'Something it touched has changed since, so the delete cannot be undone.');
    }
  }
  // Parents before children is not needed (no foreign keys), but restore in the original order anyway.
  for (const s of steps) await w.put(s.store, s.before);
  return steps.length;
}
