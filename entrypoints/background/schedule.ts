/**
 * Follow-up alarms, badge and notifications. Nothing here survives the worker: the badge is
 * recounted and the one alarm set again on install, on browser start and on every worker start.
 */
import { browser } from 'wxt/browser';
import { followUpKindLabel, messagesLanguage, t } from '../../components/i18n';
import { followUpText } from '../../components/record-text';
import type { Db } from '../../lib/db/open';
import { countDue, countDueBefore, nextOpenAfter, openDueBy } from '../../lib/db/queries';
import { transact } from '../../lib/db/repo';
import { badgeFor, dueToNotify } from '../../lib/followups';
import { formatNumber, pickLocale } from '../../lib/format';
import { completeFollowUp, createStaleFollowUps, snoozeFollowUp } from '../../lib/service';
import { startOfDay, startOfNextDay } from '../../lib/time';
import { broadcast } from './broadcast';

const ALARM = 'leadline-follow-ups';
const NOTIFICATION_PREFIX = 'leadline-fu:';
/** More due at once than this and one summary notification is shown instead of a flood. */
const MAX_SINGLE_NOTIFICATIONS = 3;

const tz = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
/** Numbers in the words' language (see pickLocale). */
const count = (n: number) => formatNumber(n, pickLocale(browser.i18n.getUILanguage(), messagesLanguage()));

/** The toolbar button's tooltip: what is due, else what a click does. */
function badgeTitle(due: number, overdue: number): string {
  if (due <= 0) return t('actionTitle');
  return overdue > 0
    ? t('badge.dueOverdue', due, [count(due)], { overdue: count(overdue) })
    : t('badge.due', due, [count(due)]);
}

export function registerSchedule(getDb: () => Promise<Db>): void {
  const run = () => void reschedule(getDb);
  browser.runtime.onInstalled.addListener(run);
  browser.runtime.onStartup.addListener(run);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) run();
  });
  browser.notifications.onButtonClicked.addListener((notificationId, buttonIndex) => {
    void onNotificationButton(getDb, notificationId, buttonIndex);
  });
  browser.notifications.onClicked.addListener((notificationId) => {
    const id = followUpIdOf(notificationId);
    void browser.notifications.clear(notificationId);
    void (async () => {
      // Open the lead the follow-up is about (or the follow-ups view for a summary).
      const fu = id ? await (await getDb()).get('followUps', id) : undefined;
      const hash = fu?.dealId ? `lead/${fu.dealId}` : 'follow-ups';
      await browser.tabs.create({ url: `${browser.runtime.getURL('/sidepanel.html')}#${hash}` });
    })();
  });
  // This worker start may be the first since the browser was closed with follow-ups due.
  run();
}

/** A notification's Done (0) or Snooze 1 hour (1) button. */
export async function onNotificationButton(
  getDb: () => Promise<Db>,
  notificationId: string,
  buttonIndex: number,
): Promise<void> {
  const id = followUpIdOf(notificationId);
  if (!id) return;
  const db = await getDb();
  const fu = await db.get('followUps', id);
  if (fu?.status === 'open') {
    const { changes } = await transact(db, ['followUps', 'activities', 'settings'], Date.now(), (w) =>
      buttonIndex === 0
        ? completeFollowUp(w, fu.id, fu.rev)
        : snoozeFollowUp(w, fu.id, fu.rev, Date.now() + 3_600_000, tz()),
    );
    broadcast(changes);
  }
  await browser.notifications.clear(notificationId);
  await reschedule(getDb);
}

function followUpIdOf(notificationId: string): string | undefined {
  return notificationId.startsWith(NOTIFICATION_PREFIX) ? notificationId.slice(NOTIFICATION_PREFIX.length) : undefined;
}

let queue: Promise<void> = Promise.resolve();

/**
 * Recounts the badge, notifies what fell due (once each), and sets the one alarm for the next.
 * Runs one at a time: at browser start the worker start and onStartup both ask, and two runs side
 * by side would both see a follow-up as not yet notified.
 */
export function reschedule(getDb: () => Promise<Db>): Promise<void> {
  queue = queue.then(
    () => rescheduleNow(getDb),
    () => rescheduleNow(getDb),
  );
  return queue;
}

async function rescheduleNow(getDb: () => Promise<Db>): Promise<void> {
  const db = await getDb();
  const now = Date.now();
  const [due, overdue] = await Promise.all([countDue(db, now), countDueBefore(db, startOfDay(now, tz()))]);
  const badge = badgeFor(due, overdue);
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setTitle({ title: badge.text ? badgeTitle(Math.max(due, overdue), overdue) : t('actionTitle') });
  if (badge.text) await browser.action.setBadgeBackgroundColor({ color: badge.color });

  const toNotify = dueToNotify(await openDueBy(db, now), now);
  if (toNotify.length) {
    if (toNotify.length <= MAX_SINGLE_NOTIFICATIONS) {
      for (const fu of toNotify) {
        await browser.notifications.create(`${NOTIFICATION_PREFIX}${fu.id}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: t('notify.due', { kind: followUpKindLabel(fu.kind) }),
          message: fu.text ? followUpText(fu, count) : t('notify.dueText'),
          buttons: [{ title: t('notify.done') }, { title: t('notify.snooze') }],
          requireInteraction: true,
        });
      }
    } else {
      await browser.notifications.create('leadline-summary', {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('notify.summary', toNotify.length, [count(toNotify.length)]),
        message: t('notify.summaryText'),
      });
    }
    // Remember each one was shown, so a restart does not show it again.
    const { changes } = await transact(db, ['followUps'], now, async (w) => {
      for (const fu of toNotify) {
        const current = await w.get('followUps', fu.id);
        if (current) await w.update('followUps', fu.id, current.rev, { notifiedAt: now });
      }
    });
    broadcast(changes);
  }

  // Once a day: the stale-deal alert (a follow-up for each open deal idle longer than its stage allows).
  const today = startOfDay(now, tz());
  const { staleCheckedAt = 0 } = (await browser.storage.local.get('staleCheckedAt')) as { staleCheckedAt?: number };
  if (staleCheckedAt < today) {
    const { value, changes } = await transact(db, ['deals', 'activities', 'followUps', 'settings'], now, (w) =>
      createStaleFollowUps(w),
    );
    await browser.storage.local.set({ staleCheckedAt: now });
    if (value) {
      broadcast(changes);
      return rescheduleNow(getDb);
    }
  }

  const next = await nextOpenAfter(db, now);
  // At midnight today's follow-ups become overdue: the badge turns red then, not at the next due.
  await browser.alarms.create(ALARM, {
    when: next ? Math.min(next.dueAt, startOfNextDay(now, tz())) : startOfNextDay(now, tz()),
  });
}
