/**
 * Bad files in the options page, in real Chromium: a truncated backup, an oversized file and a
 * truncated CSV are each refused with a message that names the problem, nothing is offered
 * for import, the background refuses the same text on its own, and the data is unchanged.
 * (The full table of bad files is test/unit/bad-files.test.ts.)
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launch, readStore } from './harness';

const STORES = ['contacts', 'companies', 'deals', 'activities', 'notes', 'followUps', 'objections', 'nps', 'settings'];

let b: Browser;
let page: Page;

beforeAll(async () => {
  b = await launch();
  page = await b.context.newPage();
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  await page.locator('[data-testid="data-section"]').waitFor();
});
afterAll(async () => {
  await b?.close();
});

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const s of STORES) {
    out[s] = (await readStore<{ id: string }>(page, s)).sort((x, y) => (x.id < y.id ? -1 : 1));
  }
  return out;
}

describe('bad files in the options page', () => {
  it('a truncated backup is refused with "truncated", nothing is offered, the background refuses it too, data unchanged', async () => {
    for (const name of ['Maria Rossi', 'Luca Bianchi', 'Aisyah Rahman']) {
      const r = await page.evaluate(
        (n) => chrome.runtime.sendMessage({ type: 'record.create', store: 'contacts', draft: { name: n } }),
        name,
      );
      expect(r).toMatchObject({ ok: true });
    }
    // A real backup of this data, cut off half way (a download that did not finish).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-backup"]').click(),
    ]);
    const full = readFileSync(await download.path(), 'utf8');
    const truncated = full.slice(0, Math.floor(full.length / 2));
    const before = await snapshot();

    await page.locator('[data-testid="backup-file"]').setInputFiles({
      name: 'leadline-backup-truncated.json',
      mimeType: 'application/json',
      buffer: Buffer.from(truncated, 'utf8'),
    });
    const error = page.locator('[data-testid="restore-error"]');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('looks truncated');
    await expect(page.locator('[data-testid="backup-plan"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="restore"]').count()).resolves.toBe(0);

    const refused = await page.evaluate(
      (text) => chrome.runtime.sendMessage({ type: 'data.import', kind: 'backup', mode: 'replace', text }),
      truncated,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect((refused as { error: { message: string } }).error.message).toContain('looks truncated');
    expect(await snapshot()).toEqual(before);
  });

  it('a file over 30 MB is refused before it is read', async () => {
    const before = await snapshot();
    await page.locator('[data-testid="backup-file"]').setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(31 * 1024 * 1024, 0x20),
    });
    const error = page.locator('[data-testid="restore-error"]');
    await error.getByText('Leadline imports files of up to 30 MB', { exact: false }).waitFor();
    await expect(error.textContent()).resolves.toContain('“huge.json” is 31 MB');
    expect(await snapshot()).toEqual(before);
  });

  it('a CSV cut off inside a quoted cell is refused as truncated, and cannot be imported even skipping lines', async () => {
    const before = await snapshot();
    const csv =
      'First Name,Last Name,Email,Job Title\nGrace,Hopper,grace@navy.example,"Rear Admiral\nAda,Lovelace,ada@';
    await page.locator('[data-testid="csv-file"]').setInputFiles({
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const problem = page.locator('[data-testid="csv-file-problem"]');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('Line 2 opens a quoted cell that is never closed');
    await expect(page.locator('[data-testid="csv-import"]').isDisabled()).resolves.toBe(true);
    const refused = await page.evaluate(
      (text) => chrome.runtime.sendMessage({ type: 'data.import', kind: 'csv', text, skipInvalid: true }),
      csv,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await snapshot()).toEqual(before);
  });
});
