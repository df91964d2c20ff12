/**
 * The lead view's actions in real Chromium: checklists into the note being typed, delete with
 * undo (records back exactly, same ids), and rescheduling a follow-up to a date and time in the
 * rep's zone, with the background's badge and alarm following the write.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantFromZoned, startOfNextDay, zonedParts } from '../../lib/time';
import { type Browser, inWorker, launch, openPanel, readStore, SCREENSHOTS } from './harness';

const ZONE = 'Pacific/Auckland';
const STORES = ['contacts', 'companies', 'deals', 'activities', 'notes', 'followUps', 'objections', 'nps'];
let b: Browser;
let panel: Page;
let ada: { contactId: string; dealId: string; companyId: string };
let upsellId: string;

async function send<T = unknown>(msg: unknown): Promise<T> {
  const r = (await panel.evaluate((m) => chrome.runtime.sendMessage(m), msg)) as {
    ok: boolean;
    value: T;
    error?: { message: string };
  };
  if (!r.ok) throw new Error(r.error?.message);
  return r.value;
}
/** Every record of every store, sorted by id. */
async function everything(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const s of STORES) {
    out[s] = (await readStore<{ id: string }>(panel, s)).sort((x, y) => x.id.localeCompare(y.id));
  }
  return out;
}
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}
const toast = () => panel.getByTestId('undo-toast');
const openLead = async (dealId: string) => {
  await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#lead/${dealId}`);
  await panel.locator('#lead-name').waitFor();
};

beforeAll(async () => {
  b = await launch();
  panel = await openPanel(b);
  ada = await send({
    type: 'capture.save',
    draft: {
      person: { fullName: 'Ada Lovelace', jobTitle: 'Analyst', emails: ['ada@analytical-engines.example'] },
      company: { name: 'Analytical Engines', website: 'https://analytical-engines.example' },
      sourceUrl: 'https://analytical-engines.example/team',
      followUp: 'tomorrow',
      note: 'Met at the Difference Engine meetup',
    },
  });
  await send({ type: 'activity.log', dealId: ada.dealId, kind: 'call', text: 'Intro call: three looms to automate' });
  await send({
    type: 'record.create',
    store: 'notes',
    draft: {
      subjectKind: 'contact',
      subjectId: ada.contactId,
      body: 'Raised a **€12M Series B** in October',
      researchItem: 'funding',
    },
  });
  upsellId = (
    await send<{ id: string }>({ type: 'deal.create', contactId: ada.contactId, kind: 'upsell', title: 'Ada — looms' })
  ).id;
  await send({ type: 'settings.update', rev: 0, patch: { timeZone: ZONE } });
});
afterAll(async () => {
  await b?.close();
});

describe('lead actions', () => {
  it('inserts the exit checklist and the research checklist into the note being typed', async () => {
    await openLead(ada.dealId);
    await panel.getByLabel('Note (markdown)').fill('Call prep');
    // A click (not check(): the box follows the stored deal, which changes a moment later).
    const box = panel.locator('fieldset.checklist').getByLabel('Researched the company');
    await panel.locator('.lead').waitFor();
    await box.click();
    await until(
      async () =>
        (await readStore<{ id: string; checklistDone: string[] }>(panel, 'deals')).find((d) => d.id === ada.dealId),
      (d) => d?.checklistDone.length === 1,
    );
    await expect.poll(() => box.isChecked()).toBe(true);
    await panel.locator('fieldset.checklist').getByRole('button', { name: 'Insert into notes' }).click();
    await panel.getByRole('button', { name: 'Insert research checklist into notes' }).click();
    const expected = [
      'Call prep',
      '',
      '## To leave Prospecting',
      '',
      '- [x] Researched the company',
      '- [ ] Found the decision maker',
      '',
      '## Research',
      '',
      '- [ ] **Background and interests**',
      '- [ ] **Company news and growth**',
      '- [x] **Funding**: Raised a **€12M Series B** in October',
      '- [ ] **Competitors**',
      '- [ ] **Product offerings**',
      '- [ ] **Decision makers**',
      '',
    ].join('\n');
    await expect(panel.getByLabel('Note (markdown)').inputValue()).resolves.toBe(expected);
    // The rep can keep typing; then the note is saved as one.
    await expect(panel.getByLabel('Note (markdown)').evaluate((el) => el === document.activeElement)).resolves.toBe(
      true,
    );
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.locator('.note .markdown', { hasText: 'To leave Prospecting' }).waitFor();
    const notes = await readStore<{ body: string }>(panel, 'notes');
    expect(notes.map((n) => n.body)).toContain(expected);
  });

  it('deletes a note, a follow-up and an activity with undo, each put back exactly', async () => {
    await openLead(ada.dealId);
    const before = await everything();
    const cases = [
      {
        button: panel.getByRole('button', { name: /^Delete note: Met at the Difference/ }),
        label: 'Deleted the note.',
      },
      {
        button: panel.getByRole('button', { name: /^Delete follow-up: Follow up with Ada/ }),
        label: 'Deleted the follow-up.',
      },
      {
        button: panel.getByRole('button', { name: /^Delete activity: Call Intro call/ }),
        label: 'Deleted the activity.',
      },
    ];
    for (const c of cases) {
      await c.button.click();
      await expect(toast().locator('span').textContent()).resolves.toBe(c.label);
      await until(everything, (now) => JSON.stringify(now) !== JSON.stringify(before));
      expect(await everything()).not.toEqual(before);
      await toast().getByRole('button', { name: 'Undo' }).click();
      expect(await until(everything, (now) => JSON.stringify(now) === JSON.stringify(before))).toEqual(before);
    }
  });

  it('deletes a contact with their deals or keeping them, and undo restores every record', async () => {
    await openLead(ada.dealId);
    const before = await everything();

    await panel.getByRole('button', { name: 'Delete contact' }).click();
    const dialog = panel.locator('dialog');
    await expect(dialog.locator('legend').textContent()).resolves.toBe('What happens to their 2 deals?');
    await dialog.getByLabel(/^Delete them too/).check();
    await panel.screenshot({ path: join(SCREENSHOTS, 'delete-contact.png') });
    await dialog.getByRole('button', { name: 'Delete contact' }).click();
    // The lead went with its deal: back to the pipeline, with the undo.
    await panel.waitForURL(/#pipeline$/);
    await expect(toast().locator('span').textContent()).resolves.toMatch(
      /^Deleted Ada Lovelace with 2 deals, \d+ notes, \d+ follow-ups?\.$/,
    );
    const gone = await everything();
    expect(gone.contacts).toEqual([]);
    expect(gone.deals).toEqual([]);
    expect(gone.companies).toEqual(before.companies);
    await toast().getByRole('button', { name: 'Undo' }).click();
    await panel.waitForURL(new RegExp(`#lead/${ada.dealId}$`));
    expect(await until(everything, (now) => JSON.stringify(now) === JSON.stringify(before))).toEqual(before);

    // Keeping the deals: they stay, without a contact; nothing points at the deleted contact.
    await panel.locator('#lead-name', { hasText: 'Ada Lovelace' }).waitFor();
    await panel.getByRole('button', { name: 'Delete contact' }).click();
    await dialog.getByRole('button', { name: 'Delete contact' }).click();
    await expect(toast().locator('span').textContent()).resolves.toMatch(/; 2 deals kept without it\.$/);
    const kept = await everything();
    expect(kept.contacts).toEqual([]);
    expect((kept.deals as { contactId?: string }[]).map((d) => d.contactId)).toEqual([undefined, undefined]);
    for (const s of ['activities', 'followUps', 'objections', 'nps']) {
      expect((kept[s] as { contactId?: string }[]).some((r) => r.contactId === ada.contactId)).toBe(false);
    }
    await panel.locator('#lead-name', { hasText: 'Ada Lovelace — Analytical Engines' }).waitFor();
    await toast().getByRole('button', { name: 'Undo' }).click();
    expect(await until(everything, (now) => JSON.stringify(now) === JSON.stringify(before))).toEqual(before);

    // A company: its people and deals are kept, without it.
    await panel.locator('#lead-name', { hasText: 'Ada Lovelace' }).waitFor();
    await panel.getByRole('button', { name: 'Delete company' }).click();
    await expect(toast().locator('span').textContent()).resolves.toBe(
      'Deleted Analytical Engines; 1 contact and 2 deals kept without it.',
    );
    await toast().getByRole('button', { name: 'Undo' }).click();
    expect(await until(everything, (now) => JSON.stringify(now) === JSON.stringify(before))).toEqual(before);

    // A deal: the other deal of the same contact stays.
    await openLead(upsellId);
    await panel.getByRole('button', { name: 'Delete deal' }).click();
    await panel.waitForURL(/#pipeline$/);
    await expect(toast().locator('span').textContent()).resolves.toBe('Deleted the deal “Ada — looms”.');
    expect((await readStore<{ id: string }>(panel, 'deals')).map((d) => d.id)).toEqual([ada.dealId]);
    // Left alone, the toast goes after a few seconds, and the delete stands.
    await toast().waitFor({ state: 'detached', timeout: 15_000 });
    expect((await readStore<{ id: string }>(panel, 'deals')).map((d) => d.id)).toEqual([ada.dealId]);
  });

  it('reschedules a follow-up to a date and time in the rep’s zone; the badge and the alarm follow', async () => {
    const badge = () => inWorker(b, () => chrome.action.getBadgeText({}), null);
    const alarm = () => inWorker(b, async () => (await chrome.alarms.get('leadline-follow-ups'))?.scheduledTime, null);
    const workerZone = await inWorker(b, () => Intl.DateTimeFormat().resolvedOptions().timeZone, null);
    /** What the background should have set: the next open follow-up, or midnight if sooner. */
    const expectedAlarm = async () => {
      const now = Date.now();
      const open = (await readStore<{ status: string; dueAt: number }>(panel, 'followUps'))
        .filter((f) => f.status === 'open' && f.dueAt > now)
        .map((f) => f.dueAt);
      return Math.min(...open, startOfNextDay(now, workerZone));
    };
    const overdue = await send<{ id: string }>({
      type: 'record.create',
      store: 'followUps',
      draft: { dueAt: Date.now() - 3_600_000, kind: 'email', text: 'Send the loom pricing', dealId: ada.dealId },
    });
    expect(await until(badge, (t) => t === '1')).toBe('1');

    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#follow-ups`);
    const row = panel.locator(`[data-follow-up="${overdue.id}"]`);
    await row.getByRole('button', { name: 'Reschedule…' }).click();
    await expect(row.getByTestId('reschedule-preview').textContent()).resolves.toContain('Time zone: Pacific/Auckland');
    // Two hours from now, as an Auckland wall clock reads it (whatever this machine's zone is).
    const wall = zonedParts(Date.now() + 2 * 3_600_000, ZONE);
    const pad = (n: number) => String(n).padStart(2, '0');
    await row.locator('input[name="dueDate"]').fill(`${wall.y}-${pad(wall.m)}-${pad(wall.d)}`);
    await row.locator('input[name="dueTime"]').fill(`${pad(wall.hh)}:${pad(wall.mm)}`);
    await panel.screenshot({ path: join(SCREENSHOTS, 'reschedule.png') });
    await row.getByRole('button', { name: 'Reschedule', exact: true }).click();
    const dueAt = instantFromZoned({ y: wall.y, m: wall.m, d: wall.d, hh: wall.hh, mm: wall.mm }, ZONE);
    const stored = await until(
      async () =>
        (await readStore<{ id: string; dueAt: number; snoozeCount: number }>(panel, 'followUps')).find(
          (f) => f.id === overdue.id,
        ),
      (f) => f?.dueAt === dueAt,
    );
    expect(stored).toMatchObject({ dueAt, snoozeCount: 0 });
    expect(await until(badge, (t) => t === '')).toBe('');
    const next = await expectedAlarm();
    expect(await until(alarm, (t) => t === next)).toBe(next);

    // The same follow-up from the lead view, an hour sooner: its form reads the stored time back in the zone.
    await openLead(ada.dealId);
    const item = panel.locator(`.fu[data-follow-up="${overdue.id}"]`);
    await item.getByRole('button', { name: 'Reschedule…' }).click();
    await expect(item.locator('input[name="dueTime"]').inputValue()).resolves.toBe(`${pad(wall.hh)}:${pad(wall.mm)}`);
    const sooner = zonedParts(dueAt - 3_600_000, ZONE);
    await item.locator('input[name="dueDate"]').fill(`${sooner.y}-${pad(sooner.m)}-${pad(sooner.d)}`);
    await item.locator('input[name="dueTime"]').fill(`${pad(sooner.hh)}:${pad(sooner.mm)}`);
    await item.getByRole('button', { name: 'Reschedule', exact: true }).click();
    await until(
      async () =>
        (await readStore<{ id: string; dueAt: number }>(panel, 'followUps')).find((f) => f.id === overdue.id)?.dueAt,
      (d) => d === dueAt - 3_600_000,
    );
    const sooner2 = await expectedAlarm();
    expect(await until(alarm, (t) => t === sooner2)).toBe(sooner2);
  });
});
