/**
 * Out of space: the worker's IndexedDB writes fail as on a full disk (the E2E build's
 * `leadlineTest.simulateFullDisk`, see entrypoints/background/full-disk.ts). The rep reads a
 * clear message, nothing is half-written, the panel keeps listing deals, and the note being
 * typed is kept until there is room again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, inWorker, launch, openPanel } from './harness';
import { allStores, contactsCsv, countAll, lostIds, message } from './reliability-helpers';

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

const QUOTA = /^Leadline could not save: the browser is out of storage space\. Nothing was changed/;

/** After `after` more writes succeed, the worker's writes fail with QuotaExceededError; `null` gives the room back. */
function fullDisk(after: number | null): Promise<void> {
  return inWorker(
    b,
    (n) =>
      (
        globalThis as unknown as { leadlineTest: { simulateFullDisk(n: number | null): void } }
      ).leadlineTest.simulateFullDisk(n),
    after,
  );
}

const person = (name: string, email: string) => ({
  type: 'capture.save',
  draft: {
    person: { fullName: name, emails: [email] },
    company: { name: `${name.split(' ')[1]} Ltd`, domain: `${email.split('@')[1]}` },
    sourceUrl: `https://${email.split('@')[1]}/team`,
    note: `Met ${name} at the fair`,
    followUp: 'tomorrow',
  },
});

describe('out of space', () => {
  it('says so clearly, writes nothing half-way, keeps the panel reading, and keeps the note being typed', async () => {
    const panel = await openPanel(b);
    const deals: string[] = [];
    for (const [name, email] of [
      ['Maria Rossi', 'maria@rossi.example'],
      ['Luca Bianchi', 'luca@bianchi.example'],
      ['Aisyah Rahman', 'aisyah@rahman.example'],
    ] as const) {
      const r = await message<{ dealId: string }>(panel, person(name, email));
      if (!r?.ok) throw new Error(`seed failed: ${JSON.stringify(r)}`);
      deals.push(r.value.dealId);
    }
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#lead/${deals[0]}`);
    await panel.locator('#lead-name').waitFor();
    const before = await allStores(panel);
    const followUp = before.followUps.find((f) => f.dealId === deals[2]);
    let faults = 0;

    // The disk is full: the rep's note is refused with a message they can act on, and kept.
    await fullDisk(0);
    const note = panel.locator('textarea[name="note"]');
    await note.fill('Budget approved for Q1; decision by the CFO');
    await panel.getByRole('button', { name: 'Add note' }).click();
    faults++;
    const banner = panel.locator('.banner.error');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(QUOTA);
    expect(await note.inputValue()).toBe('Budget approved for Q1; decision by the CFO');

    // Writes over several stores that run out part-way: refused whole.
    for (const [after, msg] of [
      [2, person('Tomás Herrera', 'tomas@herrera.example')],
      [1, { type: 'deal.move', id: deals[1], rev: 1, stage: 'meeting' }],
      [1, { type: 'followUp.complete', id: followUp?.id, rev: followUp?.rev }],
      [10, { type: 'data.import', kind: 'csv', text: contactsCsv(100, 'full') }],
    ] as const) {
      await fullDisk(after);
      const reply = await message(panel, msg);
      faults++;
      expect(reply, msg.type).toEqual({ ok: false, error: { code: 'quota', message: expect.stringMatching(QUOTA) } });
    }
    const during = await allStores(panel);
    expect(during).toEqual(before);

    // Reads go on: the board lists every deal, and another lead opens.
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#pipeline`);
    await panel.locator('.deal').nth(2).waitFor();
    expect(await panel.locator('.deal').count()).toBe(3);
    await panel.locator('.deal', { hasText: 'Luca Bianchi' }).click();
    await panel.locator('#lead-name', { hasText: 'Luca Bianchi' }).waitFor();

    // Room again: back on the first lead the unsaved note is there, and it saves.
    await fullDisk(null);
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html#lead/${deals[0]}`);
    await panel.locator('[data-testid="draft-restored"]').waitFor();
    expect(await note.inputValue()).toBe('Budget approved for Q1; decision by the CFO');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.locator('.note', { hasText: 'Budget approved for Q1' }).waitFor();
    expect(await note.inputValue()).toBe('');
    const after = await allStores(panel);
    expect(lostIds(before, after)).toEqual([]);
    expect(after.notes).toHaveLength(before.notes.length + 1);
    console.log(`out of space: ${faults} faults injected, ${countAll(during)} records checked, 0 lost or half-written`);
  });
});
