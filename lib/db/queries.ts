/**
 * Reads the views and the scheduler need, each on an index so it stays fast at 100,000
 * records (the badge recount is one index count, never a scan).
 */
import type { FollowUp } from '../records';
import type { Db } from './open';

/** Open follow-ups due at or before `now`. */
export function countDue(db: Db, now: number): Promise<number> {
  return db.countFromIndex('followUps', 'by-open-due', IDBKeyRange.upperBound(now));
}

/** Open follow-ups due before `before` (overdue ones, for the badge's colour). */
export function countDueBefore(db: Db, before: number): Promise<number> {
  return db.countFromIndex('followUps', 'by-open-due', IDBKeyRange.upperBound(before, true));
}

/** The earliest open follow-up due strictly after `now` (the one alarm's target). */
export async function nextOpenAfter(db: Db, now: number): Promise<FollowUp | undefined> {
  const cursor = await db
    .transaction('followUps')
    .store.index('by-open-due')
    .openCursor(IDBKeyRange.lowerBound(now, true));
  return cursor?.value;
}

/** Open follow-ups due at or before `now`, oldest first, at most `limit`. */
export function openDueBy(db: Db, now: number, limit = 500): Promise<FollowUp[]> {
  return db.getAllFromIndex('followUps', 'by-open-due', IDBKeyRange.upperBound(now), limit);
}

/** All open follow-ups, by due time. */
export function openFollowUps(db: Db): Promise<FollowUp[]> {
  return db.getAllFromIndex('followUps', 'by-open-due');
}
