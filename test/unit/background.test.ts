// The background entrypoint under WXT's fakeBrowser: worker start, browser start-up and the
// follow-up alarm recount the badge, notify what fell due once, and set the alarm again.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openLeadlineDb } from '../../lib/db/open';
import { transact } from '../../lib/db/repo';
import { stubUnimplementedEvents } from './fake-events';

const T0 = Date.UTC(2026, 10, 23, 9); // Mon 23 Nov 2026, 10:00 in Rome

async function addFollowUps(dues: number[]) {
  const db = await openLeadlineDb();
  await transact(db, ['followUps'], T0, async (w) => {
    for (const dueAt of dues) await w.create('followUps', { dueAt, kind: 'call', text: `Call at ${dueAt}` });
  });
  db.close();
}
/** Lets the listeners' async work (IndexedDB, badge) finish. */
const settle = () =>
  vi.waitFor(async () => undefined, { timeout: 50 }).then(() => new Promise((r) => setTimeout(r, 60)));

describe('background scheduling', () => {
  beforeEach(() => {
    stubUnimplementedEvents();
    // A fresh module per test: the worker's database handle is cached per worker life.
    vi.resetModules();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });

  it('on start-up counts what fell due while the browser was closed, notifies each once, and sets the alarm', async () => {
    await addFollowUps([T0 - 3_600_000, T0 - 60_000, T0 + 3_600_000]);
    const notify = vi.spyOn(fakeBrowser.notifications, 'create');
    const background = (await import('../../entrypoints/background/index')).default;
    background.main();
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('2'));
    await vi.waitFor(async () =>
      expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toContain('leadline-follow-ups'),
    );
    const alarm = (await fakeBrowser.alarms.getAll()).find((a) => a.name === 'leadline-follow-ups');
    expect(alarm?.scheduledTime).toBe(T0 + 3_600_000);
    await vi.waitFor(() => expect(notify).toHaveBeenCalledTimes(2));

    // Another start: no follow-up is notified twice.
    await fakeBrowser.runtime.onStartup.trigger();
    await settle();
    expect(notify).toHaveBeenCalledTimes(2);
  });

  it('when the alarm fires, the due follow-up is counted and notified', async () => {
    await addFollowUps([T0 + 60_000]);
    const notify = vi.spyOn(fakeBrowser.notifications, 'create');
    const background = (await import('../../entrypoints/background/index')).default;
    background.main();
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.getAll()).length).toBeGreaterThan(0));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    vi.setSystemTime(T0 + 61_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'leadline-follow-ups', scheduledTime: T0 + 60_000 });
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    await vi.waitFor(() => expect(notify).toHaveBeenCalledTimes(1));
  });
});
