import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, currentWorker, inWorker, launch, openPanel, readStore } from './harness';

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

const badge = () => inWorker(b, () => chrome.action.getBadgeText({}), null);
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('follow-ups', () => {
  it('fires at the due time: alarm → badge → notification → Done clears it; survives a restart and a killed worker', async () => {
    const panel = await openPanel(b);
    // Two seconds from now, through the same message the panel's follow-up form sends.
    const created = await panel.evaluate(async (dueAt) => {
      return chrome.runtime.sendMessage({
        type: 'record.create',
        store: 'followUps',
        draft: { dueAt, kind: 'call', text: 'Call Maria about pricing' },
      });
    }, Date.now() + 2000);
    expect(created).toMatchObject({ ok: true });
    const id = (created as { value: { id: string } }).value.id;
    expect(await badge()).toBe('');

    expect(await until(badge, (t) => t === '1')).toBe('1');
    const notifications = await until(
      () => inWorker(b, () => chrome.notifications.getAll(), null),
      (n) => Object.keys(n).length > 0,
    );
    expect(Object.keys(notifications)).toEqual([`leadline-fu:${id}`]);

    // The notification's Done button (run through the same handler the click calls).
    await inWorker(
      b,
      async (nid) => {
        await (
          globalThis as unknown as { leadlineTest: { notificationButton(i: string, n: number): Promise<void> } }
        ).leadlineTest.notificationButton(nid, 0);
      },
      `leadline-fu:${id}`,
    );
    expect(await until(badge, (t) => t === '')).toBe('');
    const [fu] = await readStore<{ status: string }>(panel, 'followUps');
    expect(fu?.status).toBe('done');
    const activities = await readStore<{ kind: string }>(panel, 'activities');
    expect(activities.map((a) => a.kind)).toContain('follow-up-done');

    // Two follow-ups fall due while the browser is closed.
    await panel.evaluate(async (dueAt) => {
      for (const text of ['Send the proposal', 'Check in with Luca']) {
        await chrome.runtime.sendMessage({
          type: 'record.create',
          store: 'followUps',
          draft: { dueAt, kind: 'email', text },
        });
      }
    }, Date.now() + 1500);
    const profile = b.userDataDir;
    await b.close({ wipe: false });
    await new Promise((r) => setTimeout(r, 2500));
    b = await launch({ userDataDir: profile });
    expect(await until(badge, (t) => t === '2')).toBe('2');
    const notified = await until(
      async () =>
        (await readStore<{ notifiedAt?: number; status: string }>(await openPanel(b), 'followUps')).filter(
          (f) => f.status === 'open' && f.notifiedAt,
        ),
      (xs) => xs.length === 2,
    );
    expect(notified).toHaveLength(2);
    // The alarm is set again: for midnight (the badge's colour), at the latest.
    const alarms = await inWorker(b, () => chrome.alarms.getAll(), null);
    expect(alarms.map((a) => a.name)).toContain('leadline-follow-ups');

    // A second start does not notify them again.
    const before = await inWorker(b, () => chrome.notifications.getAll(), null);
    await inWorker(
      b,
      async () => {
        await (globalThis as unknown as { leadlineTest: { reschedule(): Promise<void> } }).leadlineTest.reschedule();
      },
      null,
    );
    const after = await inWorker(b, () => chrome.notifications.getAll(), null);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());

    // Stop the service worker (as Chrome does when idle): nothing is lost, and it comes back right.
    const page = await openPanel(b);
    const cdp = await b.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(b.extensionId));
    expect(sw).toBeTruthy();
    await cdp.send('Target.closeTarget', { targetId: sw?.targetId as string });
    // Any message wakes it again.
    const pong = await until(
      () => page.evaluate(() => chrome.runtime.sendMessage({ type: 'ping' }).catch(() => undefined)),
      (r) => !!r,
    );
    expect(pong).toMatchObject({ ok: true });
    await currentWorker(b);
    const all = await readStore<{ status: string }>(page, 'followUps');
    expect(all.map((f) => f.status).sort()).toEqual(['done', 'open', 'open']);
    expect(await until(badge, (t) => t === '2')).toBe('2');
  });
});
